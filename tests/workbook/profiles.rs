//! The workbook of a scenario with usage profiles: its selector cell (`profile`, on the Profiles
//! sheet) switches the inputs, and LibreOffice recalculates every pattern that still applies to
//! the engine's own figures for the chosen profile, to the cent.

use apigw_cost::compare::compare;
use apigw_cost::engine::Options;
use apigw_cost::pricing::PriceBook;
use apigw_cost::{load_scenario, select_profile};
use calamine::{Reader, Xlsx, open_workbook};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use super::office::{self, Book};
use super::{export, float, stem};
use crate::support::{root, soffice};

const SCENARIO: &str = "scenarios/h1-inventory-ranges.toml";

/// The workbook at `from` with the selector set to `name`, saved as `to` (the Profiles sheet's
/// XML edited inside the zip, as a user's choice leaves it).
fn choose(from: &Path, to: &Path, name: &str) {
    let order: Xlsx<_> = open_workbook(from).unwrap();
    let index = order
        .sheet_names()
        .iter()
        .position(|n| n == "Profiles")
        .unwrap();
    let sheet = format!("xl/worksheets/sheet{}.xml", index + 1);
    let mut archive = zip::ZipArchive::new(std::fs::File::open(from).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let file_name = file.name().unwrap().into_owned();
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).unwrap();
        if file_name == sheet {
            let xml = String::from_utf8(bytes).unwrap();
            let start = xml.find("<c r=\"B2\"").expect("the selector cell");
            let end = start + xml[start..].find("</c>").unwrap() + "</c>".len();
            let style = xml[start..end]
                .split(' ')
                .find(|a| a.starts_with("s="))
                .map_or(String::new(), |s| format!(" {}", s.trim_end_matches('>')));
            let cell = format!("<c r=\"B2\"{style} t=\"inlineStr\"><is><t>{name}</t></is></c>");
            bytes = format!("{}{cell}{}", &xml[..start], &xml[end..]).into_bytes();
        }
        out.start_file(file_name, options).unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap();
}

/// Every pattern that still applies as exported, in the recalculated `book`, is the engine's
/// compare of the profile `name`, to the cent; returns how many were checked.
fn check(book: &Book, name: &str) -> usize {
    let s = select_profile(load_scenario(&root().join(SCENARIO)).unwrap(), Some(name)).unwrap();
    let expected = compare(&s, &PriceBook::embedded(), Options::default())
        .unwrap()
        .estimates;
    assert_eq!(book.errors(), Vec::<String>::new(), "{name}");
    let mut checked = 0;
    for p in &expected {
        let id = stem(p.pattern.id);
        // A pattern that did not apply at export has no sheet.
        let status = format!("status_{id}");
        if !book.names.contains_key(&status) {
            continue;
        }
        let status = book.text(&status);
        if !status.starts_with("applies") {
            continue;
        }
        let total = book.number(&format!("total_{id}"));
        let engine = float(p.estimate.monthly_cost);
        assert!(
            (total - engine).abs() < 0.005,
            "{name} {id}: the workbook's {total} against the engine's {engine}"
        );
        checked += 1;
    }
    checked
}

#[test]
fn the_profile_selector_recalculates_to_each_profiles_figures() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ranges.xlsx");
    assert!(export(&["compare", SCENARIO], &file));
    let book = Book::open(&file);
    assert_eq!(book.text("profile"), "base");
    // The cached figures are the base's.
    assert!(check(&book, "base") >= 10);
    let Some(soffice) = soffice() else {
        eprintln!("skipped: recalculating the profile selector needs LibreOffice");
        return;
    };
    let mut files: Vec<PathBuf> = Vec::new();
    for name in ["base", "low", "high"] {
        let chosen = dir.path().join(format!("{name}.xlsx"));
        choose(&file, &chosen, name);
        files.push(chosen);
    }
    let (done, _) = office::recalculate(soffice, &files, &dir.path().join("out"));
    for (name, file) in ["base", "low", "high"].iter().zip(&done) {
        let book = Book::open(file);
        assert_eq!(book.text("profile"), *name);
        let checked = check(&book, name);
        assert!(checked >= 10, "{name}: only {checked} patterns still apply");
    }
}
