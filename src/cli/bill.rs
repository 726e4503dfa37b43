//! `apigw-cost usage` and `apigw-cost calibrate`: the bill read ([`crate::bill`]) and shown by
//! component, or a scenario set from it and checked against it.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::request::Context;
use crate::Error;
use crate::bill::{self, calibrate, render, sql};
use crate::report::Format;

/// The SQL dialects `usage --sql` prints the query in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Dialect {
    /// Amazon Athena (Trino SQL) over a CUR 2.0 table.
    Athena,
}

#[derive(Debug, Args)]
pub struct UsageArgs {
    /// Bill files: CUR (CSV, CSV.gz, Parquet, Athena text), CUR 2.0, FOCUS, Cost Explorer JSON.
    #[arg(value_name = "BILL", required_unless_present = "sql")]
    pub bills: Vec<PathBuf>,
    /// Only this month of the bill (YYYY-MM).
    #[arg(long, value_name = "YYYY-MM")]
    pub month: Option<String>,
    /// Print the aggregation query for this engine instead of reading files (its CSV answer
    /// is itself a bill `usage` and `calibrate` read).
    #[arg(long, value_enum)]
    pub sql: Option<Dialect>,
    /// With --sql: the CUR 2.0 table the query reads.
    #[arg(long, value_name = "NAME", default_value = "cur2", requires = "sql")]
    pub table: String,
    /// The header of headerless Athena text parts: a part of the same export that has one.
    #[arg(long, value_name = "FILE")]
    pub header_from: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CalibrateArgs {
    /// The scenario to calibrate (TOML).
    #[arg(value_name = "SCENARIO")]
    pub scenario: PathBuf,
    /// Bill files, as `usage` reads them.
    #[arg(long, value_name = "BILL", required = true, num_args = 1..)]
    pub bill: Vec<PathBuf>,
    /// Only this month of the bill (YYYY-MM).
    #[arg(long, value_name = "YYYY-MM")]
    pub month: Option<String>,
    /// The header of headerless Athena text parts.
    #[arg(long, value_name = "FILE")]
    pub header_from: Option<PathBuf>,
}

/// `YYYY-MM`, else a usage error.
pub fn check_month(month: Option<&str>) -> Result<(), Error> {
    let ok = |m: &str| {
        let b = m.as_bytes();
        b.len() == 7
            && b[4] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || c.is_ascii_digit())
            && matches!(
                &m[5..],
                "01" | "02" | "03" | "04" | "05" | "06" | "07" | "08" | "09" | "10" | "11" | "12"
            )
    };
    match month {
        Some(m) if !ok(m) => Err(Error::Usage(format!(
            "--month takes a month as YYYY-MM (2024-09), not `{m}`"
        ))),
        _ => Ok(()),
    }
}

pub fn usage(ctx: &Context, a: &UsageArgs) -> Result<(), Error> {
    check_month(a.month.as_deref())?;
    if a.sql == Some(Dialect::Athena) {
        return ctx.out.text(&sql::athena(&a.table, a.month.as_deref()));
    }
    let read = bill::read_month(&a.bills, a.header_from.as_deref(), a.month.as_deref())?;
    let u = bill::usage::usage(&read, &ctx.book, a.month.as_deref());
    ctx.out
        .text(&render::usage(&u, ctx.out.format, ctx.out.width))
}

pub fn calibrate(ctx: &Context, a: &CalibrateArgs) -> Result<(), Error> {
    check_month(a.month.as_deref())?;
    let scenario = crate::load_scenario(&a.scenario)?;
    let files = calibrate::BillFiles {
        paths: &a.bill,
        month: a.month.as_deref(),
        header_from: a.header_from.as_deref(),
    };
    let c = calibrate::calibrate(&scenario, None, files, &ctx.book, ctx.opts)?;
    let (cal, text) = (c.report, c.text);
    let written = ctx.out.path().is_some();
    if written {
        ctx.out.text(&text)?;
    }
    let mut report = render::calibration(&cal, ctx.out.format, ctx.out.width);
    if !written && ctx.out.format != Format::Json && ctx.out.format != Format::Csv {
        report.push_str("\nThe calibrated scenario (write it to a file with --output FILE):\n\n");
        report.push_str(&text);
    }
    super::output::to_stdout(|w| w.write_all(report.as_bytes())).map(drop)
}
