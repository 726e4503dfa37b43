//! What the workbook tests need of a real spreadsheet: LibreOffice (headless) recalculating many
//! workbooks in one start, calamine reading cells and defined names back, and an input cell
//! edited inside the `.xlsx` file itself (its sheet XML), as a user's edit would leave it.

use calamine::{Data, Range, Reader, Xlsx, open_workbook};
use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A throwaway LibreOffice profile that recalculates every OOXML formula on load (by default
/// LibreOffice trusts the cached results and recalculates nothing).
fn profile(dir: &Path) -> String {
    let user = dir.join("user");
    std::fs::create_dir_all(&user).unwrap();
    let item = |key: &str| {
        format!(
            r#"<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="{key}" oor:op="fuse"><value>0</value></prop></item>"#
        )
    };
    let xcu = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
{}
{}
</oor:items>
"#,
        item("OOXMLRecalcMode"),
        item("ODFRecalcMode")
    );
    std::fs::write(user.join("registrymodifications.xcu"), xcu).unwrap();
    format!("-env:UserInstallation=file://{}", dir.display())
}

/// Recalculates every workbook in `files` in one LibreOffice start (xlsx → xlsx), into `out`;
/// returns the recalculated files, in order, and how long LibreOffice took.
pub fn recalculate(soffice: &str, files: &[PathBuf], out: &Path) -> (Vec<PathBuf>, Duration) {
    let work = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(out).unwrap();
    let started = Instant::now();
    let mut child = std::process::Command::new(soffice)
        .arg(profile(work.path()))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "xlsx",
            "--outdir",
        ])
        .arg(out)
        .args(files)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = started + Duration::from_secs(900);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("LibreOffice took over 15 minutes");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let took = started.elapsed();
    let err = crate::support::stderr_of(&mut child);
    let done: Vec<PathBuf> = files
        .iter()
        .map(|f| out.join(f.file_name().unwrap()))
        .collect();
    for d in &done {
        assert!(
            d.exists(),
            "LibreOffice did not write {}: {err}",
            d.display()
        );
    }
    (done, took)
}

/// A workbook read back: every sheet's cells and the defined names.
pub struct Book {
    pub sheets: HashMap<String, Range<Data>>,
    pub names: HashMap<String, String>,
}

impl Book {
    pub fn open(path: &Path) -> Book {
        let mut wb: Xlsx<_> =
            open_workbook(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let names = wb.defined_names().iter().cloned().collect();
        let sheets = wb
            .sheet_names()
            .into_iter()
            .map(|n| {
                let r = wb.worksheet_range(&n).unwrap();
                (n, r)
            })
            .collect();
        Book { sheets, names }
    }

    /// The cell at 0-based (`row`, `col`) of `sheet`.
    pub fn cell(&self, sheet: &str, row: u32, col: u32) -> &Data {
        self.sheets[sheet]
            .get_value((row, col))
            .unwrap_or(&Data::Empty)
    }

    /// The cell a defined name points at (`'R5-alb'!$B$4`).
    pub fn named(&self, name: &str) -> &Data {
        let target = self
            .names
            .get(name)
            .unwrap_or_else(|| panic!("no defined name {name}"));
        let (sheet, cell) = target.rsplit_once('!').unwrap();
        let sheet = sheet.trim_matches('\'');
        let (row, col) = a1(cell);
        self.cell(sheet, row, col)
    }

    /// A named number.
    pub fn number(&self, name: &str) -> f64 {
        match self.named(name) {
            Data::Float(f) => *f,
            Data::Int(i) => *i as f64,
            other => panic!("{name} is {other:?}, not a number"),
        }
    }

    /// A named text.
    pub fn text(&self, name: &str) -> String {
        match self.named(name) {
            Data::String(s) => s.clone(),
            other => panic!("{name} is {other:?}, not text"),
        }
    }

    /// Every cell that shows an error (`#VALUE!`, `#NAME?`, LibreOffice's `Err:502`…).
    pub fn errors(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (name, range) in &self.sheets {
            for (r, c, v) in range.cells() {
                let bad = match v {
                    Data::Error(_) => true,
                    Data::String(s) => s.starts_with("Err:") || s.starts_with('#'),
                    _ => false,
                };
                if bad {
                    out.push(format!("{name}!{r},{c}: {v:?}"));
                }
            }
        }
        out
    }

    /// Each line item's monthly cost on a pattern sheet: column A's component → column F.
    pub fn line_items(&self, sheet: &str) -> Vec<(String, f64)> {
        let range = &self.sheets[sheet];
        let (first, _) = range.start().unwrap();
        let (last, _) = range.end().unwrap();
        (first..=last)
            .filter_map(|r| match (self.cell(sheet, r, 0), self.cell(sheet, r, 5)) {
                (Data::String(id), Data::Float(cost)) => Some((id.clone(), *cost)),
                _ => None,
            })
            .collect()
    }
}

/// `$B$4` → (3, 1).
fn a1(cell: &str) -> (u32, u32) {
    let cell = cell.replace('$', "");
    let split = cell.find(|c: char| c.is_ascii_digit()).unwrap();
    let (letters, digits) = cell.split_at(split);
    let col = letters
        .bytes()
        .fold(0u32, |n, b| n * 26 + u32::from(b - b'A' + 1));
    (digits.parse::<u32>().unwrap() - 1, col - 1)
}

/// Writes `values` (defined name → number) into the input cells of the workbook at `from`,
/// saved as `to`: the Inputs sheet's XML is edited inside the zip, the rest copied as it is.
pub fn edit_inputs(from: &Path, to: &Path, values: &[(String, String)]) {
    let book = Book::open(from);
    let mut archive = zip::ZipArchive::new(std::fs::File::open(from).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().unwrap().into_owned();
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            let mut xml = String::from_utf8(bytes).unwrap();
            for (key, value) in values {
                let target = &book.names[key];
                assert!(
                    target.starts_with("'Inputs'!"),
                    "{key} is not on Inputs: {target}"
                );
                let cell = target.rsplit_once('!').unwrap().1.replace('$', "");
                xml = set_cell(&xml, &cell, value);
            }
            bytes = xml.into_bytes();
        }
        out.start_file(name, options).unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap();
}

/// The sheet XML with cell `cell` (`B6`) holding the number `value` (its style kept, any
/// formula or cached value gone): what a user typing over it leaves.
fn set_cell(xml: &str, cell: &str, value: &str) -> String {
    let open = format!("<c r=\"{cell}\"");
    let start = xml.find(&open).unwrap_or_else(|| panic!("no cell {cell}"));
    let rest = &xml[start..];
    let head_end = rest.find('>').unwrap();
    let head = &rest[..head_end];
    let (attributes, end) = if let Some(h) = head.strip_suffix('/') {
        (h, head_end + 1)
    } else {
        (head, rest.find("</c>").unwrap() + "</c>".len())
    };
    let attributes: String = attributes
        .split(' ')
        .filter(|a| !a.starts_with("t="))
        .collect::<Vec<_>>()
        .join(" ");
    format!(
        "{}{attributes}><v>{value}</v></c>{}",
        &xml[..start],
        &rest[end..]
    )
}

#[test]
fn a_cell_is_rewritten_whole() {
    let xml = r#"<row><c r="B5" s="3"><v>2</v></c><c r="B6" s="3"/><c r="B7" s="3" t="str"><f>MIN(x,2)</f><v>2</v></c></row>"#;
    let x = set_cell(xml, "B6", "7");
    assert_eq!(
        x,
        r#"<row><c r="B5" s="3"><v>2</v></c><c r="B6" s="3"><v>7</v></c><c r="B7" s="3" t="str"><f>MIN(x,2)</f><v>2</v></c></row>"#
    );
    let x = set_cell(&x, "B7", "1.5");
    assert!(
        x.ends_with(r#"<c r="B7" s="3"><v>1.5</v></c></row>"#),
        "{x}"
    );
    assert_eq!(a1("$AB$12"), (11, 27));
}
