//! Hostile price data (issue 22): files from outside (AWS's bulk files, mirrors, colleagues)
//! that try to write outside `--output`, or to be shown as data though they are tampered with.
//! Every case runs the real binary and checks what it wrote, not only what it said.

use std::path::Path;

use crate::support::{fixtures, run};

/// Every file under `dir`, relative, sorted.
fn tree(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p.clone());
            }
            out.push(p.strip_prefix(dir).unwrap().display().to_string());
        }
    }
    out.sort();
    out
}

/// The API Gateway offer fixture's us-east-1 rows, each with its Region code replaced by `code`.
fn csv_with_region_code(code: &str) -> String {
    let text = std::fs::read_to_string(fixtures().join("pricelist/AmazonApiGateway.csv")).unwrap();
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        if i < 6 {
            out.push_str(line);
        } else if line.contains("\"us-east-1\",\"Amazon API Gateway\"") {
            out.push_str(&line.replace("\"us-east-1\",\"Amazon", &format!("\"{code}\",\"Amazon")));
        } else {
            continue;
        }
        out.push('\n');
    }
    out
}

/// Runs `prices import FILE --all-regions --output <tmp>/a/b/out`; expects exit 1, an error at
/// a line of `FILE` naming the code, and nothing written anywhere in the temporary folder.
fn refused_writing_nothing(name: &str, text: &str, code: &str) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("a/b/out");
    std::fs::create_dir_all(&out).unwrap();
    let input = tmp.path().join(name);
    std::fs::write(&input, text).unwrap();
    let before = tree(tmp.path());
    let (stdout, err) = run(
        &[
            "prices",
            "import",
            input.to_str().unwrap(),
            "--all-regions",
            "--output",
            out.to_str().unwrap(),
        ],
        1,
    );
    assert!(stdout.is_empty(), "{stdout}");
    assert!(
        err.contains(&format!(
            "the Region code `{code}` is not an AWS Region identifier"
        )),
        "{err}"
    );
    assert!(err.contains(&format!("{}:", input.display())), "{err}");
    assert_eq!(tree(tmp.path()), before, "nothing written: {err}");
    let victim = tmp.path().join("a/victim.toml");
    assert!(!victim.exists());
}

#[test]
fn a_region_code_that_climbs_out_of_the_output_folder_is_refused() {
    // Was: exit 0, "note: 1 price table: ../../victim", and <tmp>/a/victim.toml written.
    refused_writing_nothing(
        "evil.csv",
        &csv_with_region_code("../../victim"),
        "../../victim",
    );
}

#[test]
fn an_absolute_or_odd_region_code_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let abs = tmp.path().join("anywhere");
    let abs = abs.to_str().unwrap();
    refused_writing_nothing("abs.csv", &csv_with_region_code(abs), abs);
    // Upper case would be a second us-east-1 on a case-insensitive disk.
    refused_writing_nothing("upper.csv", &csv_with_region_code("US-EAST-1"), "US-EAST-1");
    refused_writing_nothing("dot.csv", &csv_with_region_code(".."), "..");
}

#[test]
fn a_json_region_code_is_checked_too() {
    let text = std::fs::read_to_string(fixtures().join("pricelist/AmazonVPC.json")).unwrap();
    let evil = text.replace(
        "\"regionCode\" : \"us-east-1\"",
        "\"regionCode\" : \"../../victim\"",
    );
    assert_ne!(evil, text);
    refused_writing_nothing("evil.json", &evil, "../../victim");
}
