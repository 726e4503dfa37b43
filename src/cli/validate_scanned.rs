//! `apigw-cost validate` of infrastructure code: the code scanned, then the scenario it makes
//! checked as a scenario file is, each problem placed at the code that fixed the key; what the
//! scan assumed or could not fix said on standard error (and `unknown` in the JSON report).

use std::path::Path;

use super::request::Context;
use super::validate::problems;
use crate::Error;
use crate::iac::{ScanOptions, scan};
use crate::report::Validation;

/// Whether `validate` scans `path`: a folder, or a file named as templates and plans are
/// (`.json`, `.yaml`, `.yml`, `.template`). Any other file is checked as a scenario file, as
/// before, so that an odd name (`/dev/zero`, a scenario without `.toml`) keeps its own errors.
pub fn is_code(path: &Path) -> bool {
    let named = path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["json", "yaml", "yml", "template"].contains(&e.to_ascii_lowercase().as_str())
    });
    path.is_dir() || named
}

/// One input of infrastructure code checked. A scan that fails (invalid YAML, an escaping
/// include) is the file's problem, located as `scan` locates it.
pub fn check(ctx: &Context, path: &Path) -> Result<Validation, Error> {
    let file = crate::diagnostic::escaped(&crate::input::display_name(path));
    let found = match scan(&[path.to_path_buf()], None, &ScanOptions::default()) {
        Ok(found) => found,
        Err(Error::Input(problems)) => {
            return Ok(Validation {
                file,
                problems,
                omitted: 0,
                unknown: Vec::new(),
            });
        }
        Err(e) => return Err(e),
    };
    let scanned = format!("{file} (as scanned)");
    let (problems, omitted) = problems(ctx, &scanned, &found.text)?;
    let problems = problems
        .into_iter()
        .map(|d| found.locate(d, &scanned, &file))
        .collect();
    ctx.out
        .notes(found.warnings.iter().map(|w| format!("warning: {w}")));
    ctx.out.notes(found.assumed.iter().map(|a| {
        format!(
            "warning: {file}: {} = {} is assumed: {}",
            a.key, a.value, a.why
        )
    }));
    ctx.out.notes(
        found
            .unknown
            .iter()
            .map(|u| format!("note: {file}: {} is not in the code: {}", u.key, u.why)),
    );
    Ok(Validation {
        file,
        problems,
        omitted,
        unknown: found.unknown,
    })
}
