//! `apigw-cost estimate`: each scenario's own layout (or `--architecture`) priced, with sizing and
//! warnings; the problems of every scenario reported together.

use std::path::PathBuf;

use super::once::{Line, once_per_run};
use super::request::Context;
use crate::diagnostic::Diagnostic;
use crate::error::{finish, partition_all};
use crate::report::{Document, Format, Kind, ProfileRun, ScenarioReport, stream};
use crate::scenario::Scenario;
use crate::{Error, Priced, estimate_scenario, in_profile, table_for};

pub fn estimate(
    ctx: &Context,
    scenarios: &[PathBuf],
    architecture: Option<&str>,
) -> Result<(), Error> {
    let (loaded, mut bad) = ctx.load(scenarios)?;
    if ctx.out.format == Format::AwsUsage {
        aws_usage(ctx, &loaded, architecture)?;
        return finish(bad);
    }
    ctx.warn_unused_prices(loaded.iter().map(|s| s.region.as_str()));
    let mut warnings = Vec::new();
    let unpriced = price_and_write(ctx, Kind::Estimate, &loaded, |s| {
        let priced = estimate_scenario(s, &ctx.book, architecture, ctx.opts)?;
        let prices = table_for(s, &ctx.book)?.provenance();
        let profiles = each_profile(s, |p| {
            Ok(vec![estimate_scenario(
                p,
                &ctx.book,
                architecture,
                ctx.opts,
            )?])
        })?;
        let report = ScenarioReport::estimated(s, priced, prices).with_profiles(profiles);
        if ctx.out.format == Format::Csv {
            warnings.extend(csv_warnings(s, &report));
        }
        Ok(report)
    })?;
    bad.extend(unpriced);
    ctx.out.notes(once_per_run(warnings));
    finish(bad)
}

/// The scenario's usage profiles, each priced by `price`. A profile that cannot be priced (its
/// layout cannot be built with its values) keeps the reason and no estimates, so the others
/// are still priced; any other error is named as the profile's.
pub(super) fn each_profile(
    s: &Scenario,
    mut price: impl FnMut(&Scenario) -> Result<Vec<Priced>, Error>,
) -> Result<Vec<ProfileRun>, Error> {
    s.profiles
        .iter()
        .map(|p| {
            let (estimates, unpriced) = match price(&p.scenario) {
                Ok(estimates) => (estimates, None),
                Err(Error::Input(ds)) if cannot_be_built(&p.scenario) => {
                    let why: Vec<String> = ds.into_iter().map(|d| d.message).collect();
                    (Vec::new(), Some(why.join("; ")))
                }
                Err(e) => return in_profile(&p.name, Err(e)),
            };
            Ok(ProfileRun {
                name: p.name.clone(),
                estimates,
                unpriced,
            })
        })
        .collect()
}

/// Whether the scenario's `[layout]` names a pattern that exists but cannot be built with the
/// scenario's values: what makes a usage profile unpriced rather than an error.
pub(super) fn cannot_be_built(s: &Scenario) -> bool {
    s.layout.as_ref().is_some_and(|spec| {
        crate::layout_pattern(spec).is_ok() && crate::check_layout(s, spec).is_err()
    })
}

/// The warning for each usage profile that could not be priced.
fn unpriced_profiles(reports: &[ScenarioReport<'_>]) -> Vec<String> {
    reports
        .iter()
        .flat_map(|r| {
            r.profiles.iter().filter_map(|p| {
                let why = p.unpriced.as_ref()?;
                Some(format!(
                    "warning: {}: profile `{}` is not priced (shown as -): {why}",
                    r.scenario.name, p.name
                ))
            })
        })
        .collect()
}

/// CSV has no place for an estimate's warnings (a broken requirement, an assumption): they go
/// to standard error, as the table and Markdown show them under `Warnings`, each said once per
/// run with the files it concerns (`estimate scenarios/*.toml` would repeat one 15 times).
fn csv_warnings<'a>(s: &'a Scenario, r: &ScenarioReport<'_>) -> Vec<Line<'a>> {
    r.estimates
        .iter()
        .flat_map(|p| {
            p.estimate.warnings.iter().map(move |w| Line {
                kind: "warning",
                text: w.to_string(),
                name: &s.name,
                path: &s.path,
                detail: Some(p.pattern.id),
            })
        })
        .collect()
}

/// Prices every scenario with `price` and writes the report of `kind`: in JSON and CSV each
/// scenario as soon as it is priced, then dropped, so that a run over thousands of files takes
/// the memory of one report; the table, Markdown and workbook once every scenario is priced.
/// Returns the problems of the scenarios that could not be priced, reported after the report.
/// A failure of another kind (a write) stops the run: a streamed `--output` file is then not
/// put in place, while standard output keeps what its reader already had (exit 1, the error
/// on standard error).
pub(super) fn price_and_write<'a>(
    ctx: &Context,
    kind: Kind,
    loaded: &'a [Scenario],
    mut price: impl FnMut(&'a Scenario) -> Result<ScenarioReport<'a>, Error>,
) -> Result<Vec<Diagnostic>, Error> {
    let profiled = loaded.iter().any(|s| !s.profiles.is_empty());
    let format = ctx.out.format;
    let Some(mut stream) = stream::Estimates::new(format, kind, ctx.out.totals, profiled) else {
        let (reports, bad) = partition_all(loaded, price)?;
        if !reports.is_empty() {
            write_reports(ctx, kind, reports)?;
        }
        return Ok(bad);
    };
    let mut writing = None;
    let mut unpriced = Vec::new();
    let (_, bad) = partition_all(loaded, |s| {
        let report = price(s)?;
        unpriced.extend(unpriced_profiles(std::slice::from_ref(&report)));
        let w = match &mut writing {
            Some(w) => w,
            None => writing.insert(ctx.out.begin()?),
        };
        w.report(|out| stream.scenario(&report, out))
    })?;
    if let Some(mut w) = writing {
        w.report(|out| stream.end(out))?;
        w.finish()?;
    }
    ctx.out.notes(unpriced);
    Ok(bad)
}

/// Writes what `estimate` or `compare` found: with `--format xlsx` the one scenario's workbook,
/// else the report of every scenario.
fn write_reports(ctx: &Context, kind: Kind, reports: Vec<ScenarioReport<'_>>) -> Result<(), Error> {
    let unpriced = unpriced_profiles(&reports);
    if ctx.out.format == Format::Xlsx {
        let table = table_for(reports[0].scenario, &ctx.book)?;
        ctx.out.workbook(kind, &reports[0], table, ctx.opts)?;
    } else {
        ctx.out.document(&Document::Estimates {
            kind,
            scenarios: reports,
            totals: ctx.out.totals,
        })?;
    }
    ctx.out.notes(unpriced);
    Ok(())
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
