//! Bad values in a bill, said where they are: a Parquet column of the wrong type (before the
//! engine plans a query it cannot run), an amount that is not a number or a date that is not a
//! date (at its line and column in a text file), rather than the engine's own words.

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::Path;
use std::str::FromStr;

use datafusion::arrow::datatypes::DataType;
use rust_decimal::Decimal;

use super::engine::Group;
use super::sql::{Columns, Dates};
use crate::diagnostic::{Diagnostic, Source};

/// What a column of the query holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Number,
    Date,
    Text,
}

impl Kind {
    /// What a value of a text file was expected to be.
    fn expected(self) -> &'static str {
        match self {
            Kind::Number => "a number (such as 0.0225 or 1.8e-05)",
            Kind::Date => "a date and time (YYYY-MM-DD, then the time: 2024-09-01T00:00:00Z)",
            Kind::Text => "text",
        }
    }

    /// Whether a Parquet column of type `t` can be read as this (a column of nulls can).
    fn fits(self, t: &DataType) -> bool {
        let date = matches!(
            t,
            DataType::Timestamp(..) | DataType::Date32 | DataType::Date64
        );
        *t == DataType::Null
            || match self {
                Kind::Number => t.is_numeric(),
                Kind::Date => date || is_text(t),
                Kind::Text => is_text(t),
            }
    }

    /// What a Parquet column was expected to be.
    fn parquet_type(self) -> &'static str {
        match self {
            Kind::Number => "a number (double or decimal, as AWS's Data Exports write it)",
            Kind::Date => "a timestamp or a date",
            Kind::Text => "text",
        }
    }
}

/// The columns whose values the query reads as numbers or dates, by name.
fn checked(c: &Columns) -> Vec<(String, Kind)> {
    let rows = c
        .rows
        .strip_prefix("SUM(")
        .and_then(|r| r.strip_suffix(')'));
    let numbers = [
        Some(c.quantity.as_str()),
        Some(&c.cost),
        Some(&c.list_cost),
        rows,
    ];
    let dates = [&c.start, &c.end];
    let named = |e: &str| column_of(e);
    numbers
        .into_iter()
        .flatten()
        .filter_map(|e| named(e).map(|n| (n, Kind::Number)))
        .chain(
            dates
                .iter()
                .filter_map(|e| named(e).map(|n| (n, Kind::Date))),
        )
        .collect()
}

/// The column an expression is, when it is only a quoted name (`"lineItem/UsageAmount"`).
fn column_of(expr: &str) -> Option<String> {
    let inner = expr.strip_prefix('"')?.strip_suffix('"')?;
    (!inner.replace("\"\"", "").contains('"')).then(|| inner.replace("\"\"", "\""))
}

/// A Parquet file's columns against what the query reads: amounts must be numbers, dates
/// timestamps, dates or text, names text.
pub fn parquet_types(fields: &[(String, DataType)], c: &Columns) -> Result<(), String> {
    let text = [
        &c.region,
        &c.product,
        &c.usage_type,
        &c.operation,
        &c.rate_code,
        &c.line_type,
        &c.currency,
    ];
    let mut wants = checked(c);
    wants.extend(
        text.iter()
            .filter_map(|e| column_of(e))
            .map(|n| (n, Kind::Text)),
    );
    for (name, kind) in wants {
        let Some((_, t)) = fields.iter().find(|(n, _)| *n == name) else {
            continue;
        };
        if !kind.fits(t) {
            let is = if is_text(t) {
                "text".to_owned()
            } else {
                format!("of type {t}")
            };
            return Err(format!(
                "column `{name}` is {is}; expected {}: is this file a bill as AWS exports it?",
                kind.parquet_type()
            ));
        }
    }
    Ok(())
}

/// How a Parquet file's start column holds its dates (text unless a timestamp or date).
pub fn start_dates(fields: &[(String, DataType)], c: &Columns) -> Dates {
    let t = column_of(&c.start).and_then(|n| fields.iter().find(|f| f.0 == n));
    match t.map(|f| &f.1) {
        Some(DataType::Timestamp(..) | DataType::Date32 | DataType::Date64) => Dates::Timestamp,
        _ => Dates::Text,
    }
}

fn is_text(t: &DataType) -> bool {
    match t {
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => true,
        DataType::Dictionary(_, v) => is_text(v),
        _ => false,
    }
}

/// Whether `s` starts as a date does: `YYYY-MM-DD`, month 1-12, day 1-31.
pub fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b.get(r.clone())
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
    };
    let two = |at: usize| s.get(at..at + 2).and_then(|d| d.parse::<u32>().ok());
    digits(0..4)
        && b.get(4) == Some(&b'-')
        && digits(5..7)
        && b.get(7) == Some(&b'-')
        && digits(8..10)
        && two(5).is_some_and(|m| (1..=12).contains(&m))
        && two(8).is_some_and(|d| (1..=31).contains(&d))
}

fn is_number(s: &str) -> bool {
    Decimal::from_str(s).is_ok() || Decimal::from_scientific(s).is_ok()
}

fn is_null(s: &str) -> bool {
    matches!(s, "" | "NULL" | "\\N")
}

/// The first group whose dates are not dates (its period is the start's first 7 characters):
/// the value, and whether it was the start.
pub fn bad_period(groups: &[Group]) -> Option<(String, bool)> {
    groups.iter().find_map(|g| {
        if !g.from.is_empty() && !is_date(&g.from) {
            Some((g.from.clone(), true))
        } else if !g.to.is_empty() && !is_date(&g.to) {
            Some((g.to.clone(), false))
        } else {
            None
        }
    })
}

/// The error for a bill whose dates are not dates, naming the column (no line: the engine gives
/// none; [`first_bad_value`] finds it in a text file).
pub fn bad_dates(groups: &[Group], c: &Columns) -> Option<String> {
    let (value, start) = bad_period(groups)?;
    let e = if start { &c.start } else { &c.end };
    let name = column_of(e).unwrap_or_else(|| e.clone());
    Some(format!(
        "`{name}` holds `{value}`: expected {}",
        Kind::Date.expected()
    ))
}

/// A delimited text bill as the engine read it.
pub struct Text<'a> {
    pub path: &'a Path,
    /// The name errors give the file.
    pub name: &'a str,
    pub sep: u8,
    pub has_header: bool,
    pub names: &'a [String],
}

/// The first value of a number or date column that is not one, at its line and column.
pub fn first_bad_value(t: &Text<'_>, c: &Columns) -> Option<Diagnostic> {
    let cols: Vec<(usize, String, Kind)> = checked(c)
        .into_iter()
        .filter_map(|(n, k)| Some((t.names.iter().position(|x| *x == n)?, n, k)))
        .collect();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(t.sep)
        .has_headers(t.has_header)
        .quoting(t.sep == b',')
        .flexible(true)
        .from_reader(BufReader::new(File::open(t.path).ok()?));
    if t.has_header {
        // Read now, so that the first record's position is past it.
        reader.byte_headers().ok()?;
    }
    let mut record = csv::StringRecord::new();
    loop {
        let at = reader.position().clone();
        if !reader.read_record(&mut record).ok()? {
            return None;
        }
        for (i, name, kind) in &cols {
            let v = record.get(*i).unwrap_or("").trim();
            let good = match kind {
                Kind::Number => is_number(v),
                Kind::Date => is_date(v),
                Kind::Text => true,
            };
            if !is_null(v) && !good {
                return Some(at_value(t, at.byte(), at.line(), *i, name, v, *kind));
            }
        }
    }
}

/// The diagnostic for `value` in field `field` of the record at `byte` (line `line`).
fn at_value(
    t: &Text<'_>,
    byte: u64,
    line: u64,
    field: usize,
    name: &str,
    value: &str,
    kind: Kind,
) -> Diagnostic {
    let message = format!("`{name}` is `{value}`: expected {}", kind.expected());
    let help = match kind {
        Kind::Date => "usage dates are ISO 8601 (as AWS writes them): is a column shifted?",
        _ => "amounts are plain numbers: is a column shifted, or the file cut short?",
    };
    let raw = raw_line(t.path, byte).unwrap_or_default();
    let span = field_span(&raw, t.sep, field);
    let mut d = Source::new(&raw).at(t.name, span, message);
    d.line = usize::try_from(line).unwrap_or(0);
    d.with_help(help)
}

/// The text of the line starting at `byte` (at most 1 MiB of it).
fn raw_line(path: &Path, byte: u64) -> Option<String> {
    let mut f = File::open(path).ok()?;
    f.seek(SeekFrom::Start(byte)).ok()?;
    let mut line = Vec::new();
    BufReader::new(f)
        .take(1 << 20)
        .read_until(b'\n', &mut line)
        .ok()?;
    let text = String::from_utf8_lossy(&line);
    Some(text.trim_end_matches(['\r', '\n']).to_owned())
}

/// The byte span of field `k` in a delimited line (separators inside quotes skipped).
fn field_span(line: &str, sep: u8, k: usize) -> std::ops::Range<usize> {
    let mut field = 0;
    let mut start = 0;
    let mut quoted = false;
    for (i, b) in line.bytes().enumerate() {
        if b == b'"' && sep == b',' {
            quoted = !quoted;
        } else if b == sep && !quoted {
            if field == k {
                return start..i;
            }
            field += 1;
            start = i + 1;
        }
    }
    if field == k {
        start..line.len()
    } else {
        line.len()..line.len()
    }
}

/// The engine's error in this program's words: its advice to report a bug in itself is not
/// for a bill's reader (it comes of a column the query cannot read as it needs).
pub fn engine_words(e: &str) -> String {
    let e = e
        .split("This issue was likely caused by a bug")
        .next()
        .unwrap_or(e);
    let e = e
        .trim_start_matches("Error during planning: ")
        .trim_start_matches("Internal error: ")
        .trim_end_matches(['.', '\n', ' ']);
    format!("the query engine cannot read this file as a bill: {e}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_fields_are_told() {
        assert!(is_date("2024-09-01T00:00:00Z") && is_date("2024-02-29"));
        assert!(!is_date("garbage") && !is_date("5") && !is_date("2024-13-01"));
        assert!(!is_date("2024/09/01"));
        assert_eq!(field_span("a,\"b,c\",dd", b',', 2), 8..10);
        assert_eq!(field_span("a,\"b,c\",dd", b',', 1), 2..7);
        assert_eq!(field_span("a\u{1}b", 1, 1), 2..3);
        assert_eq!(
            column_of("\"lineItem/UsageAmount\""),
            Some("lineItem/UsageAmount".into())
        );
        assert_eq!(column_of("COUNT(*)"), None);
    }

    #[test]
    fn the_engines_bug_advice_is_dropped() {
        let e = "Error during planning: Internal error: Function 'sum' failed.\nThis issue was likely caused by a bug in DataFusion's code. Please help";
        assert_eq!(
            engine_words(e),
            "the query engine cannot read this file as a bill: Function 'sum' failed"
        );
    }
}
