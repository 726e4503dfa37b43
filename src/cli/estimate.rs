//! `apigw-cost estimate`: each scenario's own layout (or `--architecture`) priced, with sizing and
//! warnings; the problems of every scenario reported together.

use std::path::PathBuf;

use super::request::Context;
use crate::error::collect_all;
use crate::report::{Document, Format, Kind, ScenarioReport};
use crate::{Error, estimate_scenario, load_scenarios, table_for};

pub fn estimate(
    ctx: &Context,
    scenarios: &[PathBuf],
    architecture: Option<&str>,
) -> Result<(), Error> {
    let loaded = load_scenarios(scenarios)?;
    if ctx.out.format == Format::AwsUsage {
        return aws_usage(ctx, &loaded, architecture);
    }
    ctx.warn_unused_prices(loaded.iter().map(|s| s.region.as_str()));
    let reports = collect_all(&loaded, |s| {
        let priced = estimate_scenario(s, &ctx.book, architecture, ctx.opts)?;
        let prices = table_for(s, &ctx.book)?.provenance();
        Ok(ScenarioReport::estimated(s, priced, prices))
    })?;
    let warnings = csv_warnings(ctx, &reports);
    write_reports(ctx, Kind::Estimate, reports)?;
    ctx.out.notes(warnings);
    Ok(())
}

/// CSV has no place for an estimate's warnings (a broken requirement, an assumption): they go
/// to standard error, one line each, as the table and Markdown show them under `Warnings`.
fn csv_warnings(ctx: &Context, reports: &[ScenarioReport<'_>]) -> Vec<String> {
    if ctx.out.format != Format::Csv {
        return Vec::new();
    }
    let mut out = Vec::new();
    for r in reports {
        for p in &r.estimates {
            for w in &p.estimate.warnings {
                out.push(format!(
                    "warning: {}: {}: {w}",
                    r.scenario.name, p.pattern.id
                ));
            }
        }
    }
    out
}

/// Writes what `estimate` or `compare` found: with `--format xlsx` the one scenario's workbook,
/// else the report of every scenario.
pub(super) fn write_reports(
    ctx: &Context,
    kind: Kind,
    reports: Vec<ScenarioReport<'_>>,
) -> Result<(), Error> {
    if ctx.out.format == Format::Xlsx {
        let table = table_for(reports[0].scenario, &ctx.book)?;
        return ctx.out.workbook(kind, &reports[0], table, ctx.opts);
    }
    ctx.out.document(&Document::Estimates {
        kind,
        scenarios: reports,
        totals: ctx.out.totals,
    })
}

/// `--format aws-usage`: one scenario's estimate as the Pricing Calculator API's usage lines;
/// components with no usage type are said on standard error.
fn aws_usage(
    ctx: &Context,
    loaded: &[crate::scenario::Scenario],
    architecture: Option<&str>,
) -> Result<(), Error> {
    let [s] = loaded else {
        return Err(Error::Usage(format!(
            "--format aws-usage writes one workload estimate: give one scenario, not {}",
            loaded.len()
        )));
    };
    let priced = estimate_scenario(s, &ctx.book, architecture, ctx.opts)?;
    let (json, missing) = crate::bill::export::usage_lines(&priced.estimate, &s.region, &ctx.book);
    ctx.out
        .text(&(serde_json::to_string_pretty(&json).unwrap_or_default() + "\n"))?;
    ctx.out.notes(missing.iter().map(|c| {
        format!("warning: {}: `{c}` has no AWS usage type in pricing/global/usage-types.toml, so it is not among the usage lines", s.name)
    }));
    Ok(())
}
