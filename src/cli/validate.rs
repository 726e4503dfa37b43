//! `apigw-cost validate`: every scenario file checked to the end (syntax, keys, Region, and the
//! layout priced when it has one), the problems of all files reported together. Every file gets
//! its status line on standard output in every format; the problems go, for people, to standard
//! error as errors (table, Markdown) or, for CI, into the report (`--format json|csv`). Exit 1
//! all the same when any file fails. Infrastructure code is scanned first
//! ([`super::validate_scanned`]).

use std::path::{Path, PathBuf};

use super::request::Context;
use crate::diagnostic::Diagnostic;
use crate::error::SHOWN_PROBLEMS;
use crate::report::{Document, Validation, stream};
use crate::scenario::omitted_note;
use crate::{Error, check_layout, estimate_scenario, layout_pattern, region_table, scenario};

pub fn validate(ctx: &Context, scenarios: &[PathBuf]) -> Result<(), Error> {
    let stream = stream::Validations::new(ctx.out.format).map_err(|source| Error::Write {
        what: "a temporary file".into(),
        source,
    })?;
    let Some(mut stream) = stream else {
        return validate_whole(ctx, scenarios);
    };
    // JSON and CSV: each file's result written (CSV) or put aside on disk (JSON) as it is
    // checked, then dropped, so the memory a run takes does not grow with the files.
    let (mut failed, mut problems) = (0, 0);
    let mut writing = ctx.out.begin()?;
    for path in scenarios {
        let f = check(ctx, path)?;
        failed += usize::from(!f.problems.is_empty());
        problems += f.count();
        writing.report(|out| stream.file(&f, out))?;
    }
    writing.report(|out| stream.end(out))?;
    writing.finish()?;
    if failed == 0 {
        return Ok(());
    }
    let s = |n: usize| if n == 1 { "" } else { "s" };
    Err(Error::Reported(format!(
        "{problems} problem{} in {failed} of {} file{} (listed in the report)",
        s(problems),
        scenarios.len(),
        s(scenarios.len())
    )))
}

/// The table and Markdown: each file's status line as it is checked; the problems of all files,
/// for people, on standard error at the end. That message prints the first
/// [`SHOWN_PROBLEMS`] problems and counts the rest, so only those are kept whole: a problem past
/// them is kept as a blank that is only counted, and the memory a run takes grows by a few bytes
/// a problem rather than by its text.
fn validate_whole(ctx: &Context, scenarios: &[PathBuf]) -> Result<(), Error> {
    let mut writing = ctx.out.begin()?;
    let mut problems: Vec<Diagnostic> = Vec::new();
    let mut shown = 0;
    for path in scenarios {
        let f = check(ctx, path)?;
        let (format, width) = (ctx.out.format, ctx.out.width);
        let one = Document::Validated(vec![f.clone()]);
        writing.report(|out| crate::report::render(&one, format, width, out))?;
        let note = omitted_note(&f.file, f.omitted);
        for d in f.problems.into_iter().chain(note) {
            if d.stands_for() > 0 || shown < SHOWN_PROBLEMS {
                shown += usize::from(d.stands_for() == 0);
                problems.push(d);
            } else {
                problems.push(Diagnostic::file("", ""));
            }
        }
    }
    writing.finish()?;
    crate::error::finish(problems)
}

/// One file checked: its problems, or none. Errors other than bad input stop everything.
fn check(ctx: &Context, path: &Path) -> Result<Validation, Error> {
    if super::validate_scanned::is_code(path) {
        return super::validate_scanned::check(ctx, path);
    }
    let file = crate::diagnostic::escaped(&crate::input::display_name(path));
    let (problems, omitted) = match crate::input::read_text(path) {
        Ok(text) => problems(ctx, &file, &text)?,
        Err(Error::Input(d)) => (d, 0),
        Err(e) => return Err(e),
    };
    Ok(Validation {
        file,
        problems,
        omitted,
        unknown: Vec::new(),
    })
}

/// Every problem of one file's text. Each check runs unless it depends on a value an earlier
/// problem left unknown: the Region is looked up and the `[layout]`'s pattern found whatever
/// else is wrong; whether the layout can be built needs a valid scenario, and pricing it a
/// price table too.
pub(super) fn problems(
    ctx: &Context,
    file: &str,
    text: &str,
) -> Result<(Vec<Diagnostic>, usize), Error> {
    let reading = scenario::read_file(file, text);
    let mut problems = reading.problems;
    let table = match &reading.region {
        Some((region, at)) => keep(&mut problems, region_table(&ctx.book, region, at))?,
        None => None,
    };
    match (&reading.scenario, &reading.layout) {
        (_, None) => {}
        (None, Some(spec)) => {
            keep(&mut problems, layout_pattern(spec))?;
            for (name, spec) in &reading.profile_layouts {
                keep(&mut problems, crate::in_profile(name, layout_pattern(spec)))?;
            }
        }
        (Some(s), Some(spec)) if table.is_none() => {
            keep(&mut problems, check_layout(s, spec))?;
        }
        (Some(s), Some(_)) => {
            keep(
                &mut problems,
                estimate_scenario(s, &ctx.book, None, ctx.opts),
            )?;
            // A profile whose layout cannot be built is a warning, as `estimate` shows it (`-`).
            for p in &s.profiles {
                let priced = estimate_scenario(&p.scenario, &ctx.book, None, ctx.opts);
                match priced {
                    Err(Error::Input(ds)) if super::estimate::cannot_be_built(&p.scenario) => {
                        ctx.out.notes(ds.iter().map(|d| {
                            format!(
                                "warning: {file}: profile `{}` is not priced: {}",
                                p.name, d.message
                            )
                        }));
                    }
                    other => {
                        keep(&mut problems, crate::in_profile(&p.name, other))?;
                    }
                }
            }
        }
    }
    // In file order, as the reader lists its own; problems with the whole file last.
    problems.sort_by_key(|d| (d.line == 0, d.line, d.column));
    Ok((problems, reading.omitted))
}

/// The value of a check that passed; the problems of one that did not, added to `problems`.
fn keep<T>(problems: &mut Vec<Diagnostic>, checked: Result<T, Error>) -> Result<Option<T>, Error> {
    match checked {
        Ok(t) => Ok(Some(t)),
        Err(Error::Input(mut d)) => {
            problems.append(&mut d);
            Ok(None)
        }
        Err(e) => Err(e),
    }
}
