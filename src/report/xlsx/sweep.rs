//! `sweep --format xlsx`: the workbook of the scenario as it is (Inputs, Compare, Prices, the
//! pattern sheets, all live) plus a Sweep sheet of the steps, the engine's values at export, with
//! a native chart of cost against the varied key (log axes with `--log`). Rows stream into a
//! constant-memory worksheet as the sweep computes them, so a long sweep stays flat in memory;
//! the workbook is written out when the sweep ends.

use std::fs::File;
use std::io::{self, Seek, SeekFrom, Write};

use rust_decimal::Decimal;
use rust_xlsxwriter::{Chart, ChartType, Worksheet, XlsxError};

use super::style::float;
use super::{Book, Source};
use crate::sweep::{Column, Crossing, Sink};

const SHEET: &str = "Sweep";
/// The header row; steps start on the row below.
const HEADER: u32 = 3;
/// The most steps a worksheet holds (Excel's 1,048,576 rows, less the heading and the
/// break-even points below the steps).
pub const MAX_STEPS: u64 = 1_000_000;

/// Writes the sweep into a workbook, then the workbook to `out` when the sweep ends.
pub struct SweepXlsx<'a> {
    out: &'a mut dyn Write,
    book: Book<'a>,
    sheet: Worksheet,
    /// The varied keys' count and the cost columns' labels.
    keys: usize,
    columns: Vec<String>,
    row: u32,
    log: bool,
    /// The columns' widths, in characters (for the page setup).
    widths: Vec<f64>,
    /// Every cost is above zero, so the cost axis can be logarithmic too.
    positive: bool,
}

fn fail(e: XlsxError) -> io::Error {
    io::Error::other(e)
}

impl<'a> SweepXlsx<'a> {
    /// The workbook of `src` (the scenario's `compare`), its front sheets written.
    pub fn new(out: &'a mut dyn Write, src: &'a Source<'a>, log: bool) -> io::Result<Self> {
        let mut book = Book::new(src)?;
        book.front().map_err(fail)?;
        let mut sheet = book.wb.new_worksheet_with_constant_memory().map_err(fail)?;
        sheet.set_name(SHEET).map_err(fail)?;
        Ok(SweepXlsx {
            out,
            book,
            sheet,
            keys: 0,
            columns: Vec::new(),
            row: HEADER + 1,
            log,
            widths: Vec::new(),
            positive: true,
        })
    }

    fn heading(&mut self, keys: &[&str]) -> Result<(), XlsxError> {
        let st = &self.book.styles;
        let ws = &mut self.sheet;
        // Widths first: a constant-memory sheet writes its columns with its first row. Each
        // column as wide as its header (a pattern id, a key), so the headers never run together.
        let widths: Vec<usize> = keys
            .iter()
            .map(|k| k.len())
            .chain(self.columns.iter().map(String::len))
            .chain([self.columns.iter().map(String::len).max().unwrap_or(8)])
            .collect();
        for (c, w) in widths.iter().enumerate() {
            ws.set_column_width(c as u16, (*w + 2).max(12) as f64)?;
        }
        self.widths = widths.iter().map(|w| (*w + 2).max(12) as f64).collect();
        let scale = if self.log { ", log scale" } else { "" };
        let title = format!(
            "Sweep of {}{scale}: monthly cost of each pattern",
            keys.join(" × ")
        );
        ws.write_with_format(0, 0, title, &st.title)?;
        let note = "The engine's values at export (not formulas): empty where a pattern does \
                    not apply. The other sheets price the scenario as it is, live.";
        ws.write_with_format(1, 0, note, &st.note)?;
        let heads = keys.iter().map(|k| (*k).to_owned());
        let heads = heads
            .chain(self.columns.iter().cloned())
            .chain(["cheapest".to_owned()]);
        let last = keys.len() + self.columns.len();
        for (c, h) in heads.enumerate() {
            // The cost columns' headers right-aligned over their figures.
            let format = if c < keys.len() || c == last {
                &st.header
            } else {
                &st.header_figures
            };
            ws.write_with_format(HEADER, c as u16, h, format)?;
        }
        Ok(())
    }

    /// Break-even points below the steps, the chart beside them, then the other sheets.
    /// The workbook is zipped into a temporary file, not memory (tens of MB at a million steps),
    /// and copied to the output from there.
    fn finish(&mut self, keys: &[&str], crossings: &[Crossing]) -> Result<File, XlsxError> {
        let st = &self.book.styles;
        let ws = &mut self.sheet;
        let mut r = self.row + 1;
        ws.write_with_format(r, 0, "Break-even points", &st.header)?;
        for c in crossings {
            r += 1;
            ws.write_with_format(r, 0, c.text(keys), &st.text)?;
        }
        if keys.len() == 1 && self.row > HEADER + 1 {
            let chart = self.chart(keys[0]);
            let col = (self.keys + self.columns.len() + 2) as u16;
            self.sheet.insert_chart(HEADER, col, &chart)?;
        }
        let keys = u16::try_from(self.keys).unwrap_or(0);
        super::style::finish(&mut self.sheet, HEADER, keys, &self.widths)?;
        let sheet = std::mem::replace(&mut self.sheet, Worksheet::new());
        self.book.wb.push_worksheet(sheet);
        self.book.back()?;
        let mut file = tempfile::tempfile()?;
        self.book.wb.save_to_writer(&mut file)?;
        file.seek(SeekFrom::Start(0))?;
        Ok(file)
    }

    /// One line per pattern of cost against the key; log axes with `--log`.
    fn chart(&self, key: &str) -> Chart {
        let mut chart = Chart::new(ChartType::ScatterStraight);
        let (first, last) = (HEADER + 1, self.row - 1);
        for (j, label) in self.columns.iter().enumerate() {
            let col = (self.keys + j) as u16;
            let series = chart.add_series();
            series.set_name(label.as_str());
            if last - first < CACHED_POINTS {
                series
                    .set_categories((SHEET, first, 0, last, 0))
                    .set_values((SHEET, first, col, last, col));
            } else {
                series
                    .set_categories(uncached(first, 0, last).as_str())
                    .set_values(uncached(first, col, last).as_str());
            }
        }
        chart.title().set_name("Monthly cost by pattern (USD)");
        // Thousands grouped on both axes; below one (a log axis reaches 0.1) with decimals, not
        // rounded to "$0".
        chart
            .x_axis()
            .set_name(key)
            .set_num_format("[<1]0.0##;#,##0");
        chart
            .y_axis()
            .set_name("USD a month")
            .set_num_format("[<1]$0.00;$#,##0");
        if self.log {
            chart.x_axis().set_log_base(10);
            if self.positive {
                chart.y_axis().set_log_base(10);
            }
        }
        chart.set_width(900).set_height(520);
        chart
    }
}

/// Steps up to which the chart's series carry a cache of their points (what helps applications
/// that do not recalculate draw the chart). rust_xlsxwriter builds that cache as one string per
/// point per series, twice, even for a constant-memory sheet whose points it cannot read: 750 MB
/// at a million steps. Past this the ranges are written as formulas it does not cache, so the
/// workbook's memory stays flat whatever the number of steps.
const CACHED_POINTS: u32 = 10_000;

/// `(Sweep!$A$5:$A$1000004)`: a column of the sweep sheet as a range formula (parenthesized, so
/// rust_xlsxwriter keeps it as written, without a cache).
fn uncached(first: u32, col: u16, last: u32) -> String {
    let cell = |r, c| rust_xlsxwriter::utility::row_col_to_cell_absolute(r, c);
    format!("=({SHEET}!{}:{})", cell(first, col), cell(last, col))
}

impl Sink for SweepXlsx<'_> {
    fn begin(&mut self, keys: &[&str], columns: &[Column]) -> io::Result<()> {
        self.keys = keys.len();
        self.columns = columns.iter().map(Column::label).collect();
        self.heading(keys).map_err(fail)
    }

    fn row(
        &mut self,
        values: &[Decimal],
        costs: &[Option<Decimal>],
        cheapest: Option<&str>,
    ) -> io::Result<()> {
        let st = &self.book.styles;
        let ws = &mut self.sheet;
        let r = self.row;
        for (c, v) in values.iter().enumerate() {
            // A whole key (a count, a volume) with thousands grouped; a fraction as a quantity.
            let format = if v.fract().is_zero() {
                &st.whole
            } else {
                &st.quantity
            };
            ws.write_number_with_format(r, c as u16, float(*v), format)
                .map_err(fail)?;
        }
        for (j, cost) in costs.iter().enumerate() {
            if let Some(cost) = cost {
                let col = (values.len() + j) as u16;
                ws.write_with_format(r, col, float(*cost), &st.money)
                    .map_err(fail)?;
                self.positive &= *cost > Decimal::ZERO;
            }
        }
        if let Some(label) = cheapest {
            let col = (values.len() + costs.len()) as u16;
            ws.write(r, col, label).map_err(fail)?;
        }
        self.row += 1;
        Ok(())
    }

    fn end(&mut self, keys: &[&str], crossings: &[Crossing]) -> io::Result<()> {
        let mut file = self.finish(keys, crossings).map_err(fail)?;
        io::copy(&mut file, &mut self.out)?;
        Ok(())
    }
}
