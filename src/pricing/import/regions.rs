//! Importing every Region the files price at once, one price table file per Region: how the
//! shipped tables in `pricing/` are generated (README, "Where prices come from"). Every table
//! is built and checked before any file is written, and each file is replaced atomically.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::{Imported, collect_files, settle};
use crate::diagnostic::Diagnostic;
use crate::error::Error;

/// Reads the files once and builds the table of every Region they price, by Region.
pub fn import_all_regions(paths: &[PathBuf]) -> Result<Vec<Imported>, Error> {
    settle::finish_all(collect_files(paths, None)?)
}

/// Imports every Region the files price and writes `<region>.toml` for each into the folder
/// `dir` (`--output`; required). Returns the lines to report (what was written, what is
/// missing and why).
pub fn write_all_regions(paths: &[PathBuf], dir: Option<&Path>) -> Result<Vec<String>, Error> {
    let Some(dir) = dir.filter(|d| *d != Path::new("-")) else {
        return Err(Error::Usage(
            "--all-regions writes one table per Region into a folder: name it with --output".into(),
        ));
    };
    if !dir.is_dir() {
        return Err(Error::Usage(format!(
            "--all-regions writes one table per Region into a folder: `{}` is not a folder; name one with --output",
            dir.display()
        )));
    }
    let all = import_all_regions(paths)?;
    let mut texts = Vec::with_capacity(all.len());
    for imported in &all {
        texts.push((
            dir.join(format!("{}.toml", imported.table.region)),
            imported.to_checked_toml()?,
        ));
    }
    let fail = |path: &Path, e: std::io::Error| {
        Error::Input(vec![Diagnostic::file(
            &path.display().to_string(),
            format!("cannot write `{}`: {e}", path.display()),
        )])
    };
    let mut written = Vec::with_capacity(texts.len());
    for (path, text) in &texts {
        let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| fail(path, e))?;
        tmp.write_all(text.as_bytes())
            .and_then(|()| tmp.flush())
            .map_err(|e| fail(path, e))?;
        written.push((tmp, path));
    }
    for (tmp, path) in written {
        tmp.persist(path).map_err(|e| fail(path, e.error))?;
    }
    Ok(notes(&all))
}

/// What to report after importing every Region (the CLI's summary of the import).
pub fn notes(all: &[Imported]) -> Vec<String> {
    let regions: Vec<&str> = all.iter().map(|i| i.table.region.as_str()).collect();
    let mut out = vec![format!(
        "note: {} price tables: {}",
        all.len(),
        regions.join(", ")
    )];
    for i in all {
        let (have, known) = i.table.completeness();
        let missing: Vec<&str> = i.missing.iter().map(|m| m.item.id()).collect();
        out.push(format!(
            "note: {}: {have} of {known} price items{}",
            i.table.region,
            if missing.is_empty() {
                String::new()
            } else {
                format!("; missing {}", missing.join(", "))
            }
        ));
    }
    out.extend(counted(all.iter().flat_map(|i| &i.superseded), "note"));
    out.extend(counted(all.iter().flat_map(|i| &i.warnings), "warning"));
    out
}

/// Each distinct line once, with the number of Regions it applies to.
fn counted<'a>(lines: impl Iterator<Item = &'a String>, kind: &str) -> Vec<String> {
    let mut seen: Vec<(&String, usize)> = Vec::new();
    for line in lines {
        match seen.iter_mut().find(|(l, _)| *l == line) {
            Some((_, n)) => *n += 1,
            None => seen.push((line, 1)),
        }
    }
    seen.into_iter()
        .map(|(line, n)| {
            let regions = if n == 1 { "Region" } else { "Regions" };
            format!("{kind} ({n} {regions}): {line}")
        })
        .collect()
}
