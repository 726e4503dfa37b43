//! Reports written one scenario (or file) at a time, so that the memory a run takes does not
//! grow with the number of scenarios: the JSON and CSV of `estimate`, `compare`, `recommend` and
//! `validate`. Each writes, byte for byte, the document its renderer writes whole (`json::render`,
//! `csv::render`): the head before the first item, each item as it comes, the tail after the
//! last. The table and Markdown lay out every scenario at once and are not streamed.

use serde_json::Value;
use std::io::{self, Seek, Write};

use super::{Format, Kind, ScenarioReport, Validation, csv, json};
use crate::recommend::Advice;
use crate::scenario::Scenario;

/// The report of `estimate` or `compare`, a scenario at a time.
pub struct Estimates {
    format: Format,
    kind: Kind,
    totals: bool,
    /// Whether any scenario of the run has usage profiles (CSV: a `profile` column).
    profiled: bool,
    items: usize,
}

impl Estimates {
    /// `None` for a format laid out over every scenario at once (table, Markdown, workbook).
    pub fn new(format: Format, kind: Kind, totals: bool, profiled: bool) -> Option<Estimates> {
        matches!(format, Format::Json | Format::Csv).then_some(Estimates {
            format,
            kind,
            totals,
            profiled,
            items: 0,
        })
    }

    /// Writes one scenario's report (the head of the document first, before the first).
    pub fn scenario(&mut self, s: &ScenarioReport<'_>, out: &mut dyn Write) -> io::Result<()> {
        self.items += 1;
        match self.format {
            Format::Csv => csv::estimates(out, s, self.totals, self.profiled, self.items == 1),
            _ => json_item(out, self.items, &json::scenario(s, self.kind)),
        }
    }

    /// Writes the end of the document (nothing for CSV, or when no scenario was written).
    pub fn end(&self, out: &mut dyn Write) -> io::Result<()> {
        match self.format {
            Format::Json if self.items > 0 => json_end(out),
            _ => Ok(()),
        }
    }
}

/// `recommend --format json`, a scenario at a time.
#[derive(Default)]
pub struct Recommendations {
    items: usize,
}

impl Recommendations {
    /// Writes one scenario's advice (the head of the document first, before the first).
    pub fn scenario(&mut self, s: &Scenario, a: &Advice, out: &mut dyn Write) -> io::Result<()> {
        self.items += 1;
        json_item(out, self.items, &json::advice(s, a))
    }

    /// Writes the end of the document, when a scenario was written.
    pub fn end(&self, out: &mut dyn Write) -> io::Result<()> {
        if self.items == 0 {
            return Ok(());
        }
        json_end(out)
    }
}

/// `{"currency": "USD", "scenarios": [` before item 1, then the item, pretty-printed as
/// `serde_json` prints it inside the whole document (indented by two levels).
fn json_item(out: &mut dyn Write, n: usize, item: &Value) -> io::Result<()> {
    if n == 1 {
        out.write_all(b"{\n  \"currency\": \"USD\",\n  \"scenarios\": [\n")?;
    } else {
        out.write_all(b",\n")?;
    }
    indented(out, 4, item)
}

fn json_end(out: &mut dyn Write) -> io::Result<()> {
    out.write_all(b"\n  ]\n}\n")
}

/// Writes `value` pretty-printed, every line indented by `by` spaces: JSON text has no raw
/// newline inside a string, so each newline `serde_json` writes starts a line.
fn indented(out: &mut dyn Write, by: usize, value: &Value) -> io::Result<()> {
    let mut w = Indent {
        out,
        pad: &b"        "[..by],
    };
    w.out.write_all(w.pad)?;
    serde_json::to_writer_pretty(&mut w, value)?;
    Ok(())
}

/// A writer that indents every line after the first.
struct Indent<'a> {
    out: &'a mut dyn Write,
    pad: &'a [u8],
}

impl Write for Indent<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        for (i, line) in buf.split(|b| *b == b'\n').enumerate() {
            if i > 0 {
                self.out.write_all(b"\n")?;
                self.out.write_all(self.pad)?;
            }
            self.out.write_all(line)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// `validate`'s report, a file at a time. JSON lists the valid files before every file, so the
/// files' entries wait in a temporary file (not in memory) until the list of valid ones is
/// known; CSV is written as it comes.
pub struct Validations {
    format: Format,
    /// The valid files' names, in order.
    valid: Vec<String>,
    /// JSON: the entries of the files checked so far.
    spill: Option<io::BufWriter<std::fs::File>>,
    items: usize,
}

impl Validations {
    /// `None` for a format laid out over every file at once (table, Markdown).
    pub fn new(format: Format) -> io::Result<Option<Validations>> {
        let spill = match format {
            Format::Json => Some(io::BufWriter::new(tempfile::tempfile()?)),
            Format::Csv => None,
            _ => return Ok(None),
        };
        Ok(Some(Validations {
            format,
            valid: Vec::new(),
            spill,
            items: 0,
        }))
    }

    /// Takes one file's result: CSV rows are written to `out`, a JSON entry kept aside.
    pub fn file(&mut self, f: &Validation, out: &mut dyn Write) -> io::Result<()> {
        self.items += 1;
        match &mut self.spill {
            None => csv::validated(out, std::slice::from_ref(f), self.items == 1),
            Some(spill) => {
                if f.problems.is_empty() {
                    self.valid.push(f.file.clone());
                }
                if self.items > 1 {
                    spill.write_all(b",\n")?;
                }
                indented(spill, 4, &json::validation(f))
            }
        }
    }

    /// Writes the rest of the report: for JSON, the whole document.
    pub fn end(self, out: &mut dyn Write) -> io::Result<()> {
        let Some(spill) = self.spill else {
            return Ok(());
        };
        debug_assert_eq!(self.format, Format::Json);
        out.write_all(b"{\n  \"valid\": ")?;
        let valid = serde_json::to_string_pretty(&self.valid)?;
        let mut w = Indent { out, pad: b"  " };
        w.write_all(valid.as_bytes())?;
        let out = w.out;
        if self.items == 0 {
            return out.write_all(b",\n  \"files\": []\n}\n");
        }
        out.write_all(b",\n  \"files\": [\n")?;
        let mut file = spill.into_inner().map_err(io::IntoInnerError::into_error)?;
        file.rewind()?;
        io::copy(&mut file, out)?;
        out.write_all(b"\n  ]\n}\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Options;
    use crate::pricing::PriceBook;
    use crate::report::{Document, render};

    /// The shipped scenarios (one with usage profiles), as `compare` reports them.
    fn compared<'a>(book: &PriceBook, scenarios: &'a [Scenario]) -> Vec<ScenarioReport<'a>> {
        let opts = Options::default();
        let priced = scenarios.iter().filter_map(|s| {
            let cmp = crate::compare::compare(s, book, opts).ok()?;
            let prices = crate::table_for(s, book).ok()?.provenance();
            Some(ScenarioReport::compared(s, cmp, prices))
        });
        priced.collect()
    }

    fn shipped() -> Vec<Scenario> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        paths.sort();
        paths
            .iter()
            .map(|p| crate::load_scenario(p).unwrap())
            .collect()
    }

    #[test]
    fn streamed_reports_are_the_bytes_of_the_whole_document() {
        let book = PriceBook::embedded();
        let scenarios = shipped();
        let reports = compared(&book, &scenarios);
        assert!(reports.len() > 20, "{}", reports.len());
        let profiled = crate::report::csv::any_profiles(&reports);
        for (format, totals) in [
            (Format::Json, false),
            (Format::Csv, false),
            (Format::Csv, true),
        ] {
            let mut stream = Estimates::new(format, Kind::Compare, totals, profiled).unwrap();
            let mut streamed = Vec::new();
            for r in &reports {
                stream.scenario(r, &mut streamed).unwrap();
            }
            stream.end(&mut streamed).unwrap();
            let mut whole = Vec::new();
            let doc = Document::Estimates {
                kind: Kind::Compare,
                scenarios: reports.clone(),
                totals,
            };
            render(&doc, format, 120, &mut whole).unwrap();
            assert_eq!(
                String::from_utf8(streamed).unwrap(),
                String::from_utf8(whole).unwrap(),
                "{format:?} totals={totals}"
            );
        }
    }

    #[test]
    fn streamed_validation_is_the_bytes_of_the_whole_document() {
        let text = "name = \"b\"\nx = 1\n";
        let problem = crate::diagnostic::Diagnostic::at("b.toml", text, 11..12, "unknown key `x`")
            .with_help("remove it");
        let ok = |f: &str| Validation {
            file: f.into(),
            problems: Vec::new(),
            omitted: 0,
            unknown: Vec::new(),
        };
        let bad = Validation {
            file: "b.toml".into(),
            problems: vec![problem],
            omitted: 3,
            unknown: vec![crate::derived::Unknown {
                key: "traffic.x".into(),
                why: "a parameter without a default".into(),
            }],
        };
        let cases = [vec![ok("a.toml"), bad.clone(), ok("c.toml")], vec![bad]];
        for files in cases {
            for format in [Format::Json, Format::Csv] {
                let mut stream = Validations::new(format).unwrap().unwrap();
                let mut streamed = Vec::new();
                for f in &files {
                    stream.file(f, &mut streamed).unwrap();
                }
                stream.end(&mut streamed).unwrap();
                let mut whole = Vec::new();
                render(&Document::Validated(files.clone()), format, 120, &mut whole).unwrap();
                assert_eq!(
                    String::from_utf8(streamed).unwrap(),
                    String::from_utf8(whole).unwrap(),
                    "{format:?}"
                );
            }
        }
    }
}
