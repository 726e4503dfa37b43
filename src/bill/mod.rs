//! Reading the bill: AWS's Cost and Usage Reports (legacy and 2.0), FOCUS exports and Cost
//! Explorer answers, told apart by content ([`detect`]), each format only naming its columns
//! ([`cur`], [`cur2`], [`focus`], [`summary`], [`cost_explorer`]) for the one aggregation query
//! ([`sql`]) the embedded engine runs ([`engine`]), bad values said where they are ([`check`]);
//! then each group mapped to a component by data ([`mapping`]) into the usage report
//! ([`usage`]) that `calibrate` ([`calibrate`]) sets a scenario from, and that
//! `estimate --format aws-usage` ([`export`]) writes the other way.

pub mod calibrate;
pub mod check;
pub mod cost_explorer;
pub mod cur;
pub mod cur2;
pub mod detect;
pub mod engine;
pub mod export;
pub mod focus;
pub mod mapping;
pub mod render;
pub mod sql;
pub mod summary;
pub mod usage;
pub mod volumes;

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::Error;
use crate::diagnostic::Diagnostic;
use detect::Layout;
use engine::{Group, Source};

/// One file read, as `usage`'s JSON lists it.
#[derive(Debug, Clone, Serialize)]
pub struct ReadFile {
    pub file: String,
    pub format: String,
    pub rows: u64,
    pub from: String,
    pub to: String,
}

/// A bill: the files read and the query's groups over all of them.
#[derive(Debug, Clone, Default)]
pub struct Bill {
    pub read: Vec<ReadFile>,
    pub groups: Vec<Group>,
}

/// Reads every bill file; `header_from` names the file whose first line heads headerless
/// Athena text parts.
pub fn read(paths: &[PathBuf], header_from: Option<&Path>) -> Result<Bill, Error> {
    read_month(paths, header_from, None)
}

/// [`read`], only the rows whose usage starts in `month` (`YYYY-MM`): the query filters them
/// as it reads (a Parquet file's row groups of other months are skipped), and the files' rows
/// and dates are those rows'.
pub fn read_month(
    paths: &[PathBuf],
    header_from: Option<&Path>,
    month: Option<&str>,
) -> Result<Bill, Error> {
    let header = match header_from {
        Some(p) => Some(detect::header(p, 0x01).map_err(|e| fail(p, e, None))?),
        None => None,
    };
    let mut bill = Bill::default();
    let mut problems = Vec::new();
    for path in paths {
        match read_one(path, header.as_deref(), month) {
            Ok((format, groups)) => {
                bill.read.push(summarise(path, format, &groups));
                bill.groups.extend(groups);
            }
            Err(Error::Input(mut d)) => problems.append(&mut d),
            Err(e) => return Err(e),
        }
    }
    if !problems.is_empty() {
        return Err(Error::Input(problems));
    }
    check_currency(&bill)?;
    Ok(bill)
}

fn summarise(path: &Path, format: String, groups: &[Group]) -> ReadFile {
    ReadFile {
        file: crate::input::display_name(path),
        format,
        rows: groups.iter().map(|g| g.rows).sum(),
        from: groups
            .iter()
            .map(|g| g.from.as_str())
            .min()
            .unwrap_or("")
            .to_owned(),
        to: groups
            .iter()
            .map(|g| g.to.as_str())
            .max()
            .unwrap_or("")
            .to_owned(),
    }
}

fn fail(path: &Path, message: String, help: Option<&str>) -> Error {
    let mut d = Diagnostic::file(&crate::input::display_name(path), message);
    if let Some(h) = help {
        d = d.with_help(h);
    }
    Error::Input(vec![d])
}

/// Mixed currencies cannot be summed: refused, naming them.
fn check_currency(bill: &Bill) -> Result<(), Error> {
    let mut seen: Vec<&str> = bill
        .groups
        .iter()
        .map(|g| g.currency.as_str())
        .filter(|c| !c.is_empty())
        .collect();
    seen.sort_unstable();
    seen.dedup();
    if seen.len() > 1 {
        let files: Vec<&str> = bill.read.iter().map(|r| r.file.as_str()).collect();
        return Err(Error::Input(vec![
            Diagnostic::file(
                &files.join(", "),
                format!(
                    "the bill mixes currencies ({}): costs in different currencies cannot be added",
                    seen.join(", ")
                ),
            )
            .with_help("read the files of one currency at a time"),
        ]));
    }
    Ok(())
}

/// One file's format name and groups.
fn read_one(
    path: &Path,
    header: Option<&[String]>,
    month: Option<&str>,
) -> Result<(String, Vec<Group>), Error> {
    let opened = detect::open(path).map_err(|e| fail(path, e, None))?;
    let at = opened.path.to_string_lossy().into_owned();
    let gz = if opened.gzip { ".gz" } else { "" };
    let (format, groups) = match opened.layout {
        Layout::Json => {
            let text = cost_explorer::read_file(&opened.path).map_err(|e| fail(path, e, None))?;
            let groups = cost_explorer::read(&text).map_err(|e| fail(path, e, None))?;
            ("Cost Explorer GetCostAndUsage JSON".to_owned(), groups)
        }
        Layout::Parquet => read_parquet(path, &at, month)?,
        Layout::Text(sep) => read_text(path, &at, sep, header, month)?,
    };
    Ok((format.replace("{gz}", gz), groups))
}

fn read_parquet(path: &Path, at: &str, month: Option<&str>) -> Result<(String, Vec<Group>), Error> {
    let fields = engine::parquet_fields(at).map_err(|e| fail(path, e, None))?;
    let names: Vec<String> = fields.iter().map(|f| f.0.clone()).collect();
    let (format, columns) = pick(&names, true).map_err(|e| fail(path, e, None))?;
    check::parquet_types(&fields, &columns).map_err(|e| fail(path, e, None))?;
    let dates = check::start_dates(&fields, &columns);
    let columns = columns.in_month(month, dates);
    let groups = engine::aggregate(&Source::Parquet { path: at }, &columns)
        .map_err(|e| fail(path, check::engine_words(&e), None))?;
    if let Some(why) = check::bad_dates(&groups, &columns) {
        let help = "the engine reads a Parquet file in row groups: it gives no row";
        return Err(fail(path, why, Some(help)));
    }
    Ok((format.replace("{}", "Parquet"), groups))
}

fn read_text(
    path: &Path,
    at: &str,
    sep: u8,
    header: Option<&[String]>,
    month: Option<&str>,
) -> Result<(String, Vec<Group>), Error> {
    let first = detect::header(Path::new(at), sep).map_err(|e| fail(path, e, None))?;
    let has_header = pick(&first, false).is_ok() || header.is_none();
    let names = match (has_header, header) {
        (false, Some(h)) => pad(h, first.len()),
        _ => first,
    };
    let (format, columns) = pick(&names, false).map_err(|e| {
        let help = (sep == 0x01 && header.is_none()).then_some(
            "an Athena text part without a header: pass --header-from FILE, FILE a part that has one",
        );
        fail(path, e, help)
    })?;
    let columns = columns.in_month(month, sql::Dates::Text);
    let source = Source::Text {
        path: at,
        sep,
        has_header,
        names: &names,
    };
    let text = check::Text {
        path: Path::new(at),
        name: &crate::input::display_name(path),
        sep,
        has_header,
        names: &names,
    };
    // A value the query cannot read is looked for line by line only once the query failed
    // (or a date is no date), so a good bill is read once.
    let located = |why: String| match check::first_bad_value(&text, &columns) {
        Some(d) => Error::Input(vec![d]),
        None => fail(path, why, None),
    };
    let groups = engine::aggregate(&source, &sql::for_text(columns.clone()))
        .map_err(|e| located(check::engine_words(&e)))?;
    if let Some(why) = check::bad_dates(&groups, &columns) {
        return Err(located(why));
    }
    let kind = if sep == 0x01 {
        "Athena text table{gz}"
    } else {
        "CSV{gz}"
    };
    Ok((format.replace("{}", kind), groups))
}

/// The header's names, and `_col{i}` for the columns a headerless part has beyond them.
fn pad(header: &[String], width: usize) -> Vec<String> {
    let mut names = header.to_vec();
    for i in names.len()..width {
        names.push(format!("_col{i}"));
    }
    names
}

/// The format a header is and its columns for the query; `{}` in the name is the layout.
fn pick(names: &[String], parquet: bool) -> Result<(String, sql::Columns), String> {
    let missing = |what: &str, m: Vec<String>| {
        format!(
            "a {what} without the column(s) {} the usage query needs",
            m.join(", ")
        )
    };
    if summary::is_summary(names) {
        let c = summary::columns(names).map_err(|m| missing("usage query result", m))?;
        Ok(("apigw-cost usage query result ({})".into(), c))
    } else if focus::is_focus(names) {
        let c = focus::columns(names).map_err(|m| missing("FOCUS export", m))?;
        Ok(("FOCUS {}".into(), c))
    } else if cur::is_legacy(names) && cur2::is_cur2(names) {
        let c = cur2::columns(names, parquet).map_err(|m| missing("CUR 2.0", m))?;
        Ok(("CUR 2.0 {}".into(), c))
    } else if cur::is_legacy(names) {
        let slash = names.iter().any(|n| n == "lineItem/UsageType");
        let c = cur::columns(names, slash).map_err(|m| missing("Cost and Usage Report", m))?;
        Ok(("CUR (legacy) {}".into(), c))
    } else {
        Err(format!(
            "not a bill: its columns are none of a known bill's; expected {}",
            detect::ACCEPTED
        ))
    }
}
