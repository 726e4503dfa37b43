//! `--usage FILE`: what infrastructure code cannot say, from a scenario (its keys complete the
//! code's) or from a bill (the volumes `calibrate` sets from it, each naming its rows), told
//! apart by content. A bill is read once per run, whatever the number of inputs it completes.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use crate::Error;
use crate::bill::calibrate::{Calibrated, from_usage_lenient};
use crate::bill::usage::Usage as BillUsage;
use crate::derived::Derived;
use crate::engine::Options;
use crate::pricing::PriceBook;
use crate::scenario::Scenario;

/// What `--usage` names.
#[derive(Debug, Clone)]
pub enum Usage {
    /// A scenario, read where it is used.
    Scenario(PathBuf),
    /// A bill, read: its usage by component, as `usage` reports it, with the price book and
    /// options `calibrate` prices the scenarios it completes with.
    Bill(Box<BillInput>),
}

/// A `--usage` bill, read once per run.
#[derive(Debug, Clone)]
pub struct BillInput {
    pub path: PathBuf,
    pub usage: BillUsage,
    pub book: PriceBook,
    pub opts: Options,
}

impl Usage {
    /// Reads `path`: a bill is read now (with `book` mapping its rows to components), a scenario
    /// where it is used.
    pub fn read(path: &Path, book: &PriceBook, opts: Options) -> Result<Usage, Error> {
        if !is_bill(path) {
            return Ok(Usage::Scenario(path.to_owned()));
        }
        let bill = crate::bill::read(&[path.to_owned()], None)?;
        Ok(Usage::Bill(Box::new(BillInput {
            path: path.to_owned(),
            usage: crate::bill::usage::usage(&bill, book, None),
            book: book.clone(),
            opts,
        })))
    }

    /// The file named.
    pub fn path(&self) -> &Path {
        match self {
            Usage::Scenario(p) => p,
            Usage::Bill(b) => &b.path,
        }
    }

    /// The bill, when it is one.
    pub fn bill(&self) -> Option<&BillInput> {
        match self {
            Usage::Bill(b) => Some(b),
            Usage::Scenario(_) => None,
        }
    }
}

/// Whether `path` holds a bill rather than a scenario, by its first bytes: gzip or Parquet, a
/// JSON object (Cost Explorer; TOML never opens with `{`), or a first line (past blank lines
/// and `#` comments) that is a header of comma- or `\x01`-separated names, not TOML's `key =`
/// or `[table]`. A file that cannot be opened is taken as a scenario, whose reader says why.
pub fn is_bill(path: &Path) -> bool {
    if path == Path::new("-") || path.is_dir() {
        return false;
    }
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    let mut head = Vec::new();
    if BufReader::new(file)
        .take(64 * 1024)
        .read_to_end(&mut head)
        .is_err()
    {
        return false;
    }
    if head.starts_with(&[0x1f, 0x8b]) || head.starts_with(b"PAR1") {
        return true;
    }
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&head);
    for line in head.lines() {
        let Ok(line) = line else { return false };
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with('{') {
            return true;
        }
        return !line.starts_with('[')
            && !line.contains('=')
            && (line.contains(',') || line.contains('\u{1}'));
    }
    false
}

/// `scenario` (its TOML `source`, or its file when `None`) calibrated on `bill` as `calibrate`
/// sets it, and the notes naming the rows behind each key set and what the bill cannot tell.
pub fn calibrated(
    scenario: &Scenario,
    source: Option<&str>,
    bill: &BillInput,
) -> Result<(Calibrated, Vec<String>), Error> {
    let c = from_usage_lenient(scenario, source, &bill.usage, &bill.book, bill.opts)?;
    let notes = notes(&scenario.path, &c.report.derived, &c.report.cannot_tell);
    Ok((c, notes))
}

/// The notes a bill's keys make on standard error: each key with its rows, then what the bill
/// cannot tell.
pub fn notes(input: &str, derived: &[Derived], cannot_tell: &[String]) -> Vec<String> {
    let set = derived.iter().map(|d| {
        let from: Vec<String> = d.from.iter().map(ToString::to_string).collect();
        format!(
            "note: {input}: {} = {} from the --usage bill: {}",
            d.key,
            d.value,
            from.join("; ")
        )
    });
    let cannot = cannot_tell
        .iter()
        .map(|c| format!("warning: {input}: --usage bill: {c}"));
    set.chain(cannot).collect()
}
