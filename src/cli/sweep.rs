//! `apigw-cost sweep`: the command-line side of [`crate::sweep`]: its flags checked into a
//! [`SweepPlan`], the sink for the format asked for, the chart beside it, and a progress bar on a
//! terminal for long sweeps.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use super::output::Output;
use super::request::Context;
use crate::Error;
use crate::pricing::PriceTable;
use crate::report::svg::Chart;
use crate::report::{Format, Kind, ScenarioReport, csv, json, markdown, table, xlsx};
use crate::scenario::Scenario;
use crate::sweep::{Outcome, Sink, Tee, Vary, check_consumers, parse_vary, run_profiles};

/// The most sweep steps the table format lays out (the streaming formats have no limit).
const TABLE_STEPS: u64 = 10_000;

/// Sweeps at least this long show a progress bar on a terminal.
const PROGRESS_STEPS: u64 = 20_000;

/// A sweep's flags, checked.
pub struct SweepPlan {
    pub scenario: PathBuf,
    /// One key, or two for a grid (the first is the outer one).
    pub vary: Vec<Vary>,
    pub log: bool,
    /// Rows the sweep writes: the product of the steps each key walks.
    pub total: u64,
}

impl SweepPlan {
    pub fn new(
        scenario: PathBuf,
        vary: &[String],
        steps: u32,
        log: bool,
        out: &Output,
    ) -> Result<SweepPlan, Error> {
        if vary.len() > 2 {
            return Err(Error::Usage(
                "--vary may be given at most twice (a grid)".into(),
            ));
        }
        if out.chart().is_some() && vary.len() != 1 {
            return Err(Error::Usage("--chart draws a sweep over one --vary".into()));
        }
        let vary: Vec<Vary> = vary
            .iter()
            .map(|v| parse_vary(v, steps, log))
            .collect::<Result<_, _>>()?;
        if vary.len() == 2 && vary[0].key.name == vary[1].key.name {
            return Err(Error::Usage(format!(
                "--vary {} is given twice",
                vary[0].key.name
            )));
        }
        let total: u64 = vary.iter().map(|v| u64::from(v.walked())).product();
        if out.format == Format::Xlsx && total > xlsx::MAX_STEPS {
            return Err(Error::Usage(format!(
                "{total} steps are too many for a workbook (at most {}): use --format csv",
                xlsx::MAX_STEPS
            )));
        }
        // A table is laid out only once every row is known, so it holds the whole sweep.
        if out.format == Format::Table && total > TABLE_STEPS {
            return Err(Error::Usage(format!(
                "{total} steps are too many for a table (at most {TABLE_STEPS}): use --format csv, json or markdown, which stream"
            )));
        }
        Ok(SweepPlan {
            scenario,
            vary,
            log,
            total,
        })
    }
}

/// The scenarios a sweep walks, each with its profile's name: with `--profile NAME`, that
/// profile as the scenario; else the scenario itself (`base`) and then each of its usage
/// profiles in turn. A workbook sweeps the base only (its Sweep sheet charts one line per
/// pattern), and says so.
fn load(ctx: &Context, path: &std::path::Path) -> Result<Vec<(String, Scenario)>, Error> {
    let (s, notes) = crate::iac::load_input_noted(path, ctx.usage.as_ref())?;
    ctx.out.notes(notes);
    if let Some(p) = ctx.profile.as_deref() {
        return Ok(vec![(p.to_owned(), crate::select_profile(s, Some(p))?)]);
    }
    let others: Vec<(String, Scenario)> = if ctx.out.format == Format::Xlsx {
        if !s.profiles.is_empty() {
            ctx.out.notes([profiles_note(&s)]);
        }
        Vec::new()
    } else {
        let each = s.profiles.iter();
        each.map(|p| (p.name.clone(), p.scenario.clone())).collect()
    };
    let base = crate::select_profile(s, Some(crate::scenario::BASE))?;
    Ok(std::iter::once((crate::scenario::BASE.to_owned(), base))
        .chain(others)
        .collect())
}

/// A workbook sweep walks the base profile. Said on standard error, so that no one reads the
/// base figures as covering the other profiles.
fn profiles_note(s: &Scenario) -> String {
    let names: Vec<&str> = s.profiles.iter().map(|p| p.name.as_str()).collect();
    format!(
        "note: {}: the workbook's sweep prices the base profile; its other profiles ({}) are swept with --profile NAME, or in every other format",
        s.name,
        names.join(", ")
    )
}

/// A table is laid out only once every row is known: every profile's rows count.
fn check_table_rows(ctx: &Context, plan: &SweepPlan, profiles: usize) -> Result<(), Error> {
    let rows = plan.total.saturating_mul(profiles as u64);
    if ctx.out.format == Format::Table && rows > TABLE_STEPS {
        return Err(Error::Usage(format!(
            "{rows} steps ({} in each of {profiles} profiles) are too many for a table (at most {TABLE_STEPS}): use --format csv, json or markdown, which stream, or --profile NAME",
            plan.total
        )));
    }
    Ok(())
}

/// A sweep prices every profile with one Region's prices: a profile in another Region than the
/// scenario's is swept on its own.
fn one_region(profiles: &[(&str, &Scenario)]) -> Result<(), Error> {
    let base = profiles[0].1;
    match profiles.iter().find(|(_, p)| p.region != base.region) {
        Some((name, p)) => Err(Error::Usage(format!(
            "profile `{name}` of {} is in {}, the scenario in {}: a sweep prices its profiles with one Region's prices; sweep that profile alone with --profile {name}",
            base.name, p.region, base.region
        ))),
        None => Ok(()),
    }
}

/// Runs the sweep, streaming its rows to the report and, with `--chart`, drawing the chart once
/// the report is written.
pub fn sweep(ctx: &Context, plan: &SweepPlan) -> Result<(), Error> {
    let list = load(ctx, &plan.scenario)?;
    let profiles: Vec<(&str, &Scenario)> = list.iter().map(|(n, s)| (n.as_str(), s)).collect();
    let s = profiles[0].1;
    ctx.warn_unused_prices([s.region.as_str()]);
    let table = crate::table_for(s, &ctx.book)?;
    // Every refusal before the first byte is written: a usage error after the JSON header
    // would leave half a document.
    check_table_rows(ctx, plan, profiles.len())?;
    one_region(&profiles)?;
    for (_, p) in &profiles {
        crate::current_pattern(p)?;
        check_consumers(p, &plan.vary)?;
    }
    crate::sweep::threads().map_err(Error::Usage)?;
    let compared = xlsx_report(ctx, s)?;
    let workbook = compared.as_ref().map(|report| xlsx::Source {
        kind: Kind::Compare,
        report,
        table,
        opts: ctx.opts,
    });
    let bar = progress_bar(plan.total.saturating_mul(profiles.len() as u64));
    let first = &plan.vary[0];
    let mut chart = ctx
        .out
        .chart()
        .map(|_| Chart::new(&s.name, first.key.name, plan.log, first.walked() as usize));
    // A sweep that fails (a missing price) stops the writing; its own error is the one to report.
    let mut failed = None;
    let mut found = None;
    let mut writing = ctx.out.begin()?;
    let written = writing.report(|w| {
        let mut sink = match &workbook {
            Some(src) => Box::new(xlsx::SweepXlsx::new(w, src, plan.log)?),
            None => sink_for(&ctx.out, w, (s, table), &plan.vary)?,
        };
        let progress = |n: u64| {
            if let Some(b) = &bar {
                b.set_position(n);
            }
        };
        let sink: &mut dyn Sink = match &mut chart {
            Some(ch) => &mut Tee(sink.as_mut(), ch),
            None => sink.as_mut(),
        };
        let result = run_profiles(&profiles, table, ctx.opts, &plan.vary, sink, progress);
        match result {
            Ok(o) => {
                found = Some(o);
                Ok(())
            }
            // A row that could not be written goes back to the writer, which knows a closed pipe
            // (success) from a full disk.
            Err(Error::Write { source, .. }) => Err(source),
            Err(e) => {
                failed = Some(e);
                Err(io::Error::other("sweep failed"))
            }
        }
    });
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    if let Some(e) = failed {
        return Err(e);
    }
    written?;
    if let Some(ch) = &chart {
        writing.chart(|w| ch.render(w))?;
    }
    // Both files are whole: only now is either put in place.
    writing.finish()?;
    let scenarios: Vec<&Scenario> = profiles.iter().map(|(_, s)| *s).collect();
    left_out_notes(ctx, &scenarios, table, &plan.vary, found.as_ref());
    Ok(())
}

/// The patterns a CSV sweep leaves out, and where the current layout is not a candidate for
/// cheapest, on standard error, each after the scenario's name as `compare` and `recommend`
/// write their notes: CSV has no place for them; the other formats list them in the report.
fn left_out_notes(
    ctx: &Context,
    scenarios: &[&Scenario],
    table: &PriceTable,
    vary: &[Vary],
    found: Option<&Outcome>,
) {
    if ctx.out.format == Format::Csv {
        let s = scenarios[0];
        let what = format!("{}: ", s.name);
        let left_out = crate::sweep::not_priced(scenarios, table, ctx.opts, vary);
        let lines = ctx.out.not_priced_lines(s, "sweep", &left_out);
        ctx.out.notes(super::once::once_per_run(lines));
        let keys: Vec<&str> = vary.iter().map(|v| v.key.name).collect();
        let departures = found.map(|o| o.departures.as_slice()).unwrap_or_default();
        ctx.out.notes(
            departures
                .iter()
                .map(|d| format!("note: {what}{}", d.text(&keys))),
        );
    }
}

/// The sink that writes the format asked for.
fn sink_for<'w>(
    out: &Output,
    w: &'w mut dyn Write,
    (s, table): (&Scenario, &PriceTable),
    vary: &[Vary],
) -> io::Result<Box<dyn Sink + 'w>> {
    let prices = table.provenance();
    let keys: Vec<&str> = vary.iter().map(|v| v.key.name).collect();
    let heading = || crate::report::view::sweep::heading(s, &prices, &keys);
    Ok(match out.format {
        Format::Csv => Box::new(csv::SweepCsv::new(w)),
        Format::Json => Box::new(json::SweepJson::new(w, s, &prices, vary)?),
        Format::Markdown => Box::new(markdown::SweepMarkdown::new(w, heading())),
        Format::Table => Box::new(table::SweepTable::new(w, out.width, heading())),
        Format::Xlsx | Format::Toml => unreachable!("a workbook sweep has its own sink"),
        Format::AwsUsage => unreachable!("refused for sweep by the request"),
    })
}

/// With `--format xlsx`, the scenario compared as it is: the workbook's live sheets.
fn xlsx_report<'s>(ctx: &Context, s: &'s Scenario) -> Result<Option<ScenarioReport<'s>>, Error> {
    if ctx.out.format != Format::Xlsx {
        return Ok(None);
    }
    let cmp = crate::compare::compare(s, &ctx.book, ctx.opts)?;
    let prices = crate::table_for(s, &ctx.book)?.provenance();
    Ok(Some(ScenarioReport::compared(s, cmp, prices)))
}

/// A progress bar on standard error for a long sweep, when standard error is a terminal.
fn progress_bar(total: u64) -> Option<indicatif::ProgressBar> {
    (io::stderr().is_terminal() && total >= PROGRESS_STEPS).then(|| {
        let b = indicatif::ProgressBar::new(total);
        b.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} steps, {eta} left")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    })
}
