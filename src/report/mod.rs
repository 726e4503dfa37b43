//! Reports: what a command shows (`Document`) and one renderer per format. The human formats
//! (table, Markdown) lay out one shared view (`view`), built once from the document, so they
//! cannot drift; CSV and JSON keep the machine shapes `product.md` fixes. Renderers write bytes
//! to any `io::Write` and never print, so each is a pure, snapshot-tested function. All rounding
//! happens here, once: money half away from zero to the cent in human formats, full precision
//! in CSV and JSON.

pub mod csv;
pub mod json;
pub mod markdown;
pub mod profiles;
pub mod stream;
pub mod svg;
pub mod table;
pub mod view;
mod words;
pub mod xlsx;

pub use profiles::ProfileRun;
pub use words::*;

use rust_decimal::Decimal;
use std::io::{self, Write};

use crate::Priced;
use crate::architecture::Pattern;
use crate::compare::{Comparison, NotApplicable};
use crate::pricing::{PriceBook, Provenance};
use crate::scenario::Scenario;

/// Output formats of `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
    Markdown,
    // An Excel workbook of live formulas (`estimate`, `compare`, `sweep`; needs `--output`).
    Xlsx,
    // A scenario file (`scan`), or a price table as `--prices` reads it (`prices show`).
    Toml,
    // Usage lines for AWS's Pricing Calculator API (`estimate` only; see `bill::export`).
    AwsUsage,
}

/// Which command produced a report (they show different things).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Estimate,
    Compare,
}

/// The results for one scenario.
#[derive(Debug, Clone)]
pub struct ScenarioReport<'a> {
    pub scenario: &'a Scenario,
    pub estimates: Vec<Priced>,
    pub not_applicable: Vec<NotApplicable>,
    pub current: Option<&'static Pattern>,
    /// The price table that priced the scenario.
    pub prices: Provenance,
    /// The scenario's usage profiles, each priced as the scenario was (none: it has none).
    pub profiles: Vec<ProfileRun>,
}

impl<'a> ScenarioReport<'a> {
    /// What `compare` found for `scenario`: every pattern priced, and those that do not apply.
    pub fn compared(scenario: &'a Scenario, cmp: Comparison, prices: Provenance) -> Self {
        ScenarioReport {
            scenario,
            estimates: cmp.estimates,
            not_applicable: cmp.not_applicable,
            current: cmp.current,
            prices,
            profiles: Vec::new(),
        }
    }

    /// What `estimate` found for `scenario`: its one layout, priced.
    pub fn estimated(scenario: &'a Scenario, priced: Priced, prices: Provenance) -> Self {
        ScenarioReport {
            scenario,
            estimates: vec![priced],
            not_applicable: Vec::new(),
            current: None,
            prices,
            profiles: Vec::new(),
        }
    }

    /// The same report with the scenario's usage profiles priced beside it.
    pub fn with_profiles(self, profiles: Vec<ProfileRun>) -> Self {
        ScenarioReport { profiles, ..self }
    }

    pub fn cheapest(&self) -> Option<Decimal> {
        self.estimates.iter().map(|p| p.estimate.monthly_cost).min()
    }
    /// An earlier-listed pattern that resolves to the very same layout as estimate `i` (so the
    /// same bill): e.g. R1 and R5 for an ECS backend behind an NLB.
    pub fn same_as(&self, i: usize) -> Option<&'static Pattern> {
        let layout = &self.estimates[i].estimate.layout;
        self.estimates[..i]
            .iter()
            .find(|p| p.estimate.layout == *layout)
            .map(|p| p.pattern)
    }

    /// The priced estimate of the current layout, if it applies.
    pub fn current_estimate(&self) -> Option<&Priced> {
        let c = self.current?;
        self.estimates.iter().find(|p| std::ptr::eq(p.pattern, c))
    }

    pub fn current_cost(&self) -> Option<Decimal> {
        self.current_estimate().map(|p| p.estimate.monthly_cost)
    }
}

/// One file `validate` checked.
#[derive(Debug, Clone)]
pub struct Validation {
    /// The file as the user named it.
    pub file: String,
    /// The problems kept (the first in file order); none when the file is valid.
    pub problems: Vec<crate::diagnostic::Diagnostic>,
    /// How many more problems the file has than are kept.
    pub omitted: usize,
    /// Infrastructure code: the keys the scan could not fix (never guessed).
    pub unknown: Vec<crate::derived::Unknown>,
}

impl Validation {
    /// How many problems the file has, kept or not.
    pub fn count(&self) -> usize {
        self.problems.len() + self.omitted
    }

    /// `ok` or `error`.
    pub fn status(&self) -> &'static str {
        if self.problems.is_empty() {
            "ok"
        } else {
            "error"
        }
    }
}

/// What a command shows.
#[derive(Debug, Clone)]
pub enum Document<'a> {
    Estimates {
        kind: Kind,
        scenarios: Vec<ScenarioReport<'a>>,
        totals: bool,
    },
    Architectures,
    PriceList(&'a PriceBook),
    PriceShow(&'a PriceBook, &'a str),
    /// `prices diff`: what changed between two price books.
    PriceDiff(&'a crate::pricing::diff::PriceDiff),
    /// `validate`: every file checked, with its problems (none: the file is valid).
    Validated(Vec<Validation>),
    Recommend(Vec<(&'a Scenario, crate::recommend::Advice)>),
    /// `recommend --totals` (CSV): one row per scenario and layout, no changes.
    RecommendTotals(Vec<(&'a Scenario, crate::recommend::Advice)>),
    /// `diff`: what a change costs.
    Diff(&'a crate::diff::Diff),
}

/// Renders `doc` in `format`; a table fits in `width` characters.
pub fn render(
    doc: &Document<'_>,
    format: Format,
    width: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Table => table::render(doc, width, out),
        Format::Csv => csv::render(doc, out),
        Format::Json => json::render(doc, out),
        Format::Markdown => markdown::render(doc, out),
        // Drawn from more than a document (the price table, the options): see `report::xlsx`.
        Format::Xlsx => Err(io::Error::other("a workbook is written by report::xlsx")),
        Format::Toml => Err(io::Error::other(
            "TOML is written by scan's scenario writer or PriceTable::to_toml",
        )),
        Format::AwsUsage => Err(io::Error::other("aws-usage is written by bill::export")),
    }
}
