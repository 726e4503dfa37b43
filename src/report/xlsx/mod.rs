//! `--format xlsx`: a workbook whose numbers are live formulas, for capacity planning in a
//! spreadsheet. **Inputs** holds every numeric scenario key as an editable, named, validated cell
//! (`<section>_<key>`); **Prices** every price and tier used, named; one sheet per priced pattern
//! whose rows are the meters' own formulas (`Meter::sheet`) over those names, with the checks
//! that flag an input edited past the layout exported; **Compare** (or **Summary** for
//! `estimate`) the totals (`total_<id>`), ranks and differences as formulas; and for `sweep` the
//! steps with a native chart. Every formula's cached result is the engine's own figure, so a
//! viewer that does not recalculate shows the right numbers. One scenario per workbook (the
//! defined names are global). Bytes out, never printed.

mod compare;
mod inputs;
mod pattern;
mod prices;
mod profiles;
mod style;
mod sweep;

use std::io;

use rust_xlsxwriter::{Workbook, XlsxError};

use super::{Kind, ScenarioReport};
use crate::architecture::{self, Condition, Pattern};
use crate::component::Component;
use crate::engine::Options;
use crate::engine::sheet::{PatternSheet, sheet};
use crate::pricing::PriceTable;
use crate::scenario::Scenario;
pub use sweep::{MAX_STEPS, SweepXlsx};

/// What a workbook is drawn from: one scenario's report, the table that priced it, the options.
pub struct Source<'a> {
    pub kind: Kind,
    pub report: &'a ScenarioReport<'a>,
    pub table: &'a PriceTable,
    pub opts: Options,
}

/// One priced pattern: its sheet, and the conditions that keep it the layout exported.
struct Part {
    pattern: &'static Pattern,
    sheet: PatternSheet,
    conditions: Vec<Condition>,
    current: bool,
}

impl Part {
    /// The sheet's name: the pattern id.
    fn sheet_name(&self) -> &'static str {
        self.pattern.id
    }

    /// The defined name of the pattern's monthly total: `total_` and the id with `-` written
    /// `_` (`total_R5_alb`).
    fn total_name(&self) -> String {
        format!("total_{}", self.pattern.id.replace('-', "_"))
    }

    /// The defined name of the pattern's status (`status_R5_alb`), as [`Part::total_name`].
    fn status_name(&self) -> String {
        format!("status_{}", self.pattern.id.replace('-', "_"))
    }

    /// Every check of the sheet: the meters' (prices) and the layout's.
    fn checks(&self) -> impl Iterator<Item = &Condition> {
        self.conditions.iter().chain(&self.sheet.checks)
    }
}

/// A workbook being written.
struct Book<'a> {
    wb: Workbook,
    styles: style::Styles,
    src: &'a Source<'a>,
    parts: Vec<Part>,
}

impl<'a> Book<'a> {
    /// Prices every pattern of the report as a sheet.
    fn new(src: &'a Source<'a>) -> io::Result<Book<'a>> {
        let s = src.report.scenario;
        let mut parts = Vec::with_capacity(src.report.estimates.len());
        for p in &src.report.estimates {
            let layout = &p.estimate.layout;
            let sheet = sheet(s, layout, src.table, src.opts).map_err(io::Error::other)?;
            let current = src.kind == Kind::Estimate
                || src
                    .report
                    .current
                    .is_some_and(|c| std::ptr::eq(c, p.pattern));
            parts.push(Part {
                pattern: p.pattern,
                conditions: architecture::conditions(p.pattern, layout, s),
                sheet,
                current,
            });
        }
        Ok(Book {
            wb: Workbook::new(),
            styles: style::Styles::new(),
            src,
            parts,
        })
    }

    fn scenario(&self) -> &'a Scenario {
        self.src.report.scenario
    }

    /// Whether any pattern sheet reads the price of `c` (so the workbook needs it).
    fn reads_price(&self, c: Component) -> bool {
        self.parts.iter().any(|p| p.sheet.prices.contains(&c))
    }

    /// The sheets a reader meets first: Inputs, then Compare (or Summary).
    fn front(&mut self) -> Result<(), XlsxError> {
        inputs::write(self)?;
        compare::write(self)
    }

    /// The sheets behind them: Prices, then one sheet per pattern.
    fn back(&mut self) -> Result<(), XlsxError> {
        prices::write(self)?;
        for i in 0..self.parts.len() {
            pattern::write(self, i)?;
        }
        if !self.scenario().profiles.is_empty() {
            profiles::write(self)?;
        }
        Ok(())
    }
}

/// The workbook of one scenario's `estimate` or `compare`, as bytes.
pub fn workbook(src: &Source<'_>) -> io::Result<Vec<u8>> {
    let mut book = Book::new(src)?;
    book.front().map_err(io::Error::other)?;
    book.back().map_err(io::Error::other)?;
    book.wb.save_to_buffer().map_err(io::Error::other)
}

/// Text for a formula's string literal: `"` doubled.
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}
