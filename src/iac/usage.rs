//! `--usage FILE`: what infrastructure code cannot say, from a scenario (its keys complete the
//! code's) or from a bill (the volumes `calibrate` sets from it, each naming its rows), told
//! apart by content. A bill is read once per run, whatever the number of inputs it completes.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

use crate::Error;
use crate::bill::calibrate::{billed, keys, period, scenario_text};
use crate::bill::usage::Usage as BillUsage;
use crate::derived::Derived;
use crate::diagnostic::Diagnostic;
use crate::pricing::PriceBook;
use crate::scenario::Scenario;

/// What `--usage` names.
#[derive(Debug, Clone)]
pub enum Usage {
    /// A scenario, read where it is used.
    Scenario(PathBuf),
    /// A bill, read: its usage by component, as `usage` reports it.
    Bill {
        path: PathBuf,
        usage: Box<BillUsage>,
    },
}

impl Usage {
    /// Reads `path`: a bill is read now (with `book` mapping its rows to components), a scenario
    /// where it is used.
    pub fn read(path: &Path, book: &PriceBook) -> Result<Usage, Error> {
        if !is_bill(path) {
            return Ok(Usage::Scenario(path.to_owned()));
        }
        let bill = crate::bill::read(&[path.to_owned()], None)?;
        Ok(Usage::Bill {
            path: path.to_owned(),
            usage: Box::new(crate::bill::usage::usage(&bill, book, None)),
        })
    }

    /// The file named.
    pub fn path(&self) -> &Path {
        match self {
            Usage::Scenario(p) | Usage::Bill { path: p, .. } => p,
        }
    }

    /// The bill, when it is one.
    pub fn bill(&self) -> Option<&BillUsage> {
        match self {
            Usage::Bill { usage, .. } => Some(usage),
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

/// The keys `bill` fixes for a scenario in `region` of `hours_per_month` hours, as `calibrate`
/// sets them (each naming its rows), and what the bill cannot tell.
pub fn bill_keys(
    bill: &BillUsage,
    region: &str,
    hours_per_month: Decimal,
) -> Result<(Vec<Derived>, Vec<String>), Error> {
    let files: Vec<&str> = bill.read.iter().map(|r| r.file.as_str()).collect();
    let files = files.join(", ");
    let period = period(bill).ok_or_else(|| {
        Error::Input(vec![Diagnostic::file(
            &files,
            "the bill covers no time (no usage rows with start and end dates), so it cannot be scaled to a month",
        ).with_help("give --usage a bill with usage rows, or a scenario with the traffic")])
    })?;
    let billed = billed(bill, region);
    let scale = hours_per_month / period.hours;
    let (derived, _, mut cannot_tell) = keys(&billed, &files, scale, period.hours);
    if billed.is_empty() {
        cannot_tell.insert(
            0,
            format!("the bill has no modelled usage in {region}, the scenario's Region"),
        );
    }
    Ok((derived, cannot_tell))
}

/// The scenario file at `path` calibrated on `bill`, as `calibrate` writes it, with notes
/// naming the rows behind each key set and what the bill cannot tell.
pub fn calibrated(path: &Path, bill: &BillUsage) -> Result<(Scenario, Vec<String>), Error> {
    let original = crate::load_scenario(path)?;
    let name = crate::input::display_name(path);
    let text = crate::input::read_text(path)?;
    let doc: toml::Table = toml::from_str(&text)
        .map_err(|e| Error::Input(vec![Diagnostic::file(&name, e.to_string())]))?;
    let (derived, cannot_tell) = bill_keys(bill, &original.region, original.hours_per_month)?;
    let header = vec![format!(
        "{name} calibrated by apigw-cost on its --usage bill"
    )];
    let text = scenario_text(&doc, &derived, &header);
    let s = crate::scenario::parse(&name, &text).map_err(Error::Input)?;
    Ok((s, notes(&name, &derived, &cannot_tell)))
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
