//! Importing every Region the files price at once, one price table file per Region: how the
//! shipped tables in `pricing/` are generated (README, "Where prices come from"). Every table
//! is built and checked before any file is written; the CLI writes each atomically.

use std::path::{Path, PathBuf};

use super::locations::is_region_id;
use super::{Imported, collect_files, settle};
use crate::diagnostic::Diagnostic;
use crate::error::Error;

/// Reads the files once and builds the table of every Region they price, by Region.
pub fn import_all_regions(paths: &[PathBuf]) -> Result<Vec<Imported>, Error> {
    settle::finish_all(collect_files(paths, None)?)
}

/// Each Region's table file: its path and its text.
pub type TableFiles = Vec<(PathBuf, String)>;

/// Imports every Region the files price: `<region>.toml` in the folder `dir` (`--output`;
/// required) and its text, for each, every table built and checked before any is written; and
/// the lines to report (what was written, what is missing and why). The caller writes the files.
pub fn all_region_tables(
    paths: &[PathBuf],
    dir: Option<&Path>,
) -> Result<(TableFiles, Vec<String>), Error> {
    let Some(dir) = dir.filter(|d| *d != Path::new("-")) else {
        return Err(Error::Usage(
            "--all-regions writes one table per Region into a folder: name it with --output".into(),
        ));
    };
    if !dir.is_dir() {
        let why = if dir.exists() {
            "is not a folder; name one with --output"
        } else {
            "does not exist; create it first (mkdir -p)"
        };
        return Err(Error::Usage(format!(
            "--all-regions writes one table per Region into a folder: `{}` {why}",
            dir.display()
        )));
    }
    let all = import_all_regions(paths)?;
    let mut texts = Vec::with_capacity(all.len());
    for imported in &all {
        texts.push((
            table_path(dir, &imported.table.region)?,
            imported.to_checked_toml()?,
        ));
    }
    Ok((texts, notes(&all)))
}

/// `<dir>/<region>.toml`, for a plain Region identifier only: the name comes from the data, and
/// the file written must stay inside `dir` whatever the data says. (The readers already refuse
/// such a code at its line; this is the last check before a path is made of it.)
fn table_path(dir: &Path, region: &str) -> Result<PathBuf, Error> {
    let path = dir.join(format!("{region}.toml"));
    if !is_region_id(region) || path.parent() != Some(dir) {
        return Err(Error::Input(vec![Diagnostic::file(
            &dir.display().to_string(),
            format!(
                "refusing to write a price table for `{}`: not an AWS Region identifier, so not a file name inside this folder",
                region.escape_debug()
            ),
        )]));
    }
    Ok(path)
}

/// What to report after importing every Region (the CLI's summary of the import).
pub fn notes(all: &[Imported]) -> Vec<String> {
    let regions: Vec<&str> = all.iter().map(|i| i.table.region.as_str()).collect();
    let mut out = vec![format!(
        "note: {}: {}",
        crate::money::count(all.len() as u64, "price table[s]"),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_path_stays_in_its_folder() {
        let dir = Path::new("out");
        assert_eq!(
            table_path(dir, "us-east-1").unwrap(),
            Path::new("out/us-east-1.toml")
        );
        for bad in ["../../victim", "/tmp/x", "a/b", "..", "US-EAST-1"] {
            assert!(table_path(dir, bad).is_err(), "{bad}");
        }
    }
}
