//! `apigw-cost validate`: every scenario file checked to the end (syntax, keys, Region, and the
//! layout priced when it has one), the problems of all files reported together: as errors on
//! standard error for people, or, with `--format json|csv`, as a report of every file with its
//! status and problems on standard output, for CI (exit 1 all the same when any file fails).

use std::path::{Path, PathBuf};

use super::request::Context;
use crate::report::{Document, Format, Validation};
use crate::{Error, estimate_scenario, load_scenario, table_for};

pub fn validate(ctx: &Context, scenarios: &[PathBuf]) -> Result<(), Error> {
    let files = scenarios
        .iter()
        .map(|p| check(ctx, p))
        .collect::<Result<Vec<_>, _>>()?;
    let failed = files.iter().filter(|f| !f.problems.is_empty()).count();
    let problems: usize = files.iter().map(|f| f.problems.len()).sum();
    if matches!(ctx.out.format, Format::Json | Format::Csv) {
        let s = |n: usize| if n == 1 { "" } else { "s" };
        let summary = format!(
            "{problems} problem{} in {failed} of {} file{} (listed in the report)",
            s(problems),
            files.len(),
            s(files.len())
        );
        ctx.out.document(&Document::Validated(files))?;
        return if failed > 0 {
            Err(Error::Reported(summary))
        } else {
            Ok(())
        };
    }
    if failed > 0 {
        return Err(Error::Input(
            files.into_iter().flat_map(|f| f.problems).collect(),
        ));
    }
    ctx.out.document(&Document::Validated(files))
}

/// One file checked: its problems, or none. Errors other than bad input stop everything.
fn check(ctx: &Context, path: &Path) -> Result<Validation, Error> {
    let checked = load_scenario(path).and_then(|s| {
        table_for(&s, &ctx.book)?;
        if s.layout.is_some() {
            estimate_scenario(&s, &ctx.book, None, ctx.opts)?;
        }
        Ok(())
    });
    let problems = match checked {
        Ok(()) => Vec::new(),
        Err(Error::Input(d)) => d,
        Err(e) => return Err(e),
    };
    Ok(Validation {
        file: path.display().to_string(),
        problems,
    })
}
