//! Issue 24, "say each warning once per run, with the files it concerns": the shipped
//! `scenarios/*.toml` moved to a Region whose table lacks load balancer prices make `compare`
//! and `recommend` leave the same patterns out of nearly every scenario; each such note is said
//! once, naming every file it concerns, and says exactly what the scenarios run one by one say.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::{cmd_in, root};

/// The shipped scenarios, each rewritten into `dir` with `region = "ap-southeast-6"` (whose
/// embedded table has no `nlb-hours` or `alb-hours`): their file names.
fn moved_scenarios(dir: &Path) -> Vec<String> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(root().join("scenarios")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let moved: Vec<String> = text
            .lines()
            .map(|l| match l.starts_with("region = ") {
                true => "region = \"ap-southeast-6\"".to_owned(),
                false => l.to_owned(),
            })
            .collect();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        std::fs::write(dir.join(&name), moved.join("\n") + "\n").unwrap();
        names.push(name);
    }
    names.sort();
    names
}

/// Standard error's `note:` lines of `apigw-cost COMMAND FILES --format csv` run in `dir`.
fn notes(dir: &Path, command: &str, files: &[String]) -> Vec<String> {
    let out = cmd_in(dir)
        .arg(command)
        .args(files)
        .args(["--format", "csv"])
        .output()
        .unwrap();
    // Some scenarios cannot be priced at all there: they are reported, the others printed.
    assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
    let err = String::from_utf8(out.stderr).unwrap();
    err.lines()
        .filter(|l| l.starts_with("note: "))
        .map(str::to_owned)
        .collect()
}

/// What each scenario run alone notes, `note: {name}: {text}`, as text → the files it concerns.
fn one_by_one(dir: &Path, command: &str, files: &[String]) -> BTreeMap<String, Vec<String>> {
    let mut expected: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for file in files {
        for note in notes(dir, command, std::slice::from_ref(file)) {
            // `note: {name}: {text}`: the scenario's name has no `: `.
            let text = note.splitn(3, ": ").nth(2).unwrap().to_owned();
            expected.entry(text).or_default().push(file.clone());
        }
    }
    expected
}

fn check(command: &str) {
    let dir = tempfile::tempdir().unwrap();
    let files = moved_scenarios(dir.path());
    assert!(files.len() >= 20, "{files:?}");
    let expected = one_by_one(dir.path(), command, &files);
    let together = notes(dir.path(), command, &files);
    let mut said = together.clone();
    said.sort();
    said.dedup();
    assert_eq!(
        said.len(),
        together.len(),
        "a note said twice: {together:#?}"
    );
    assert_eq!(together.len(), expected.len(), "{together:#?}");
    let shared = expected.values().filter(|f| f.len() > 1).count();
    assert!(
        shared >= 5,
        "the Region's gaps concern many files: {expected:#?}"
    );
    for (text, concerns) in &expected {
        let line = match concerns.as_slice() {
            [_] => together.iter().find(|l| l.ends_with(&format!(": {text}"))),
            many => {
                let files = format!("(in {} files: {})", many.len(), many.join(", "));
                let want = format!("note: {text} {files}");
                together.iter().find(|l| **l == want)
            }
        };
        assert!(
            line.is_some(),
            "{command}: no line for {text} {concerns:?}: {together:#?}"
        );
    }
}

#[test]
fn compare_says_each_left_out_pattern_once_with_its_files() {
    check("compare");
}

#[test]
fn recommend_says_each_left_out_layout_once_with_its_files() {
    check("recommend");
}
