//! Issue 22's smaller items about what a scenario and the command line may say: one rule for
//! numbers (whole counts, refused rather than cut), problems placed at their line, and output
//! paths that are directories named as such. Every case runs the real binary.

use std::path::Path;

use crate::support::run_in;

const BASE: &str = "region = \"us-east-1\"\n[traffic]\nrequests_per_month = 1_000_000\n";

/// Writes `text` as `name` in a fresh folder and runs `args` (the file last) there.
fn run_on(text: &str, args: &[&str], code: i32) -> (String, String) {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("s.toml"), text).unwrap();
    let mut all: Vec<&str> = args.to_vec();
    all.push("s.toml");
    run_in(tmp.path(), &all, code)
}

fn with_layout(traffic: &str) -> String {
    format!("{BASE}{traffic}\n[layout]\narchitecture = \"R5\"\n")
}

#[test]
fn a_number_longer_than_a_decimal_is_refused_as_too_precise_not_cut() {
    let long = "0.1234567890123456789012345678901234567890";
    let (_, err) = run_on(
        &with_layout(&format!("request_kb = {long}")),
        &["estimate"],
        1,
    );
    assert!(
        err.contains("`request_kb` in [traffic] is too precise"),
        "{err}"
    );
    assert!(err.contains("s.toml:4:14"), "{err}");
    // 28 decimal places is what a decimal holds: accepted.
    let fits = "0.1234567890123456789012345678";
    run_on(
        &with_layout(&format!("request_kb = {fits}")),
        &["estimate"],
        0,
    );
}

#[test]
fn a_tiny_number_in_range_is_too_precise_not_out_of_range() {
    let (_, err) = run_on(&with_layout("response_kb = 1e-400"), &["validate"], 1);
    assert!(
        err.contains("`response_kb` in [traffic] is too precise"),
        "{err}"
    );
    assert!(!err.contains("must be a number from"), "{err}");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (_, err) = run_in(
        root,
        &[
            "sweep",
            "scenarios/r1-basic-lambda.toml",
            "--vary",
            "traffic.request_kb=1e-400..1",
        ],
        2,
    );
    assert!(err.contains("too precise"), "{err}");
}

#[test]
fn counts_of_requests_are_whole_numbers_in_estimate_as_in_sweep() {
    let text = "region = \"us-east-1\"\n[traffic]\nrequests_per_month = 2.5\n[layout]\narchitecture = \"R5\"\n";
    let (_, err) = run_on(text, &["estimate"], 1);
    assert!(
        err.contains("`requests_per_month` in [traffic] must be a whole number of requests a month, found 2.5"),
        "{err}"
    );
    assert!(
        err.contains("requests_per_month = 3"),
        "the rounded value: {err}"
    );
    let (_, err) = run_on(
        &with_layout("connection_minutes_per_month = 0.5"),
        &["validate"],
        1,
    );
    assert!(err.contains("whole number of minutes a month"), "{err}");
    // What sweep's help promises for the same key.
    let (help, _) = run_in(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &["sweep", "--help"],
        0,
    );
    assert!(help.contains("whole numbers"), "{help}");
}

#[test]
fn a_layout_without_architecture_is_reported_at_its_header() {
    let text = format!("{BASE}\n[layout]\nnlb_listener = \"tls\"\n");
    let (_, err) = run_on(&text, &["validate"], 1);
    assert!(err.contains("missing `architecture` in [layout]"), "{err}");
    assert!(err.contains("s.toml:5:2"), "at the header line: {err}");
}

#[test]
fn an_output_that_names_a_folder_is_refused_as_a_folder() {
    // `--output adir/` said "Not a directory (os error 20)"; an existing folder without the
    // slash, and a slash on a folder that does not exist, are folders too. Nothing is written.
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("adir")).unwrap();
    std::fs::write(tmp.path().join("s.toml"), with_layout("")).unwrap();
    for out in ["adir/", "adir", "nope/"] {
        let args = ["estimate", "s.toml", "--output", out];
        let (_, err) = run_in(tmp.path(), &args, 1);
        assert!(
            err.contains("it names a folder, not a file"),
            "{out}: {err}"
        );
        assert!(!err.contains("os error"), "{out}: {err}");
    }
    assert_eq!(
        std::fs::read_dir(tmp.path().join("adir")).unwrap().count(),
        0
    );
    assert!(!tmp.path().join("nope").exists());
}

#[test]
fn a_name_taken_from_a_long_file_name_keeps_the_name_limit() {
    // A scenario without `name` is named after its file: a 150-character file name gives a
    // 100-character name (99 and `…`), as a `name` key over 100 would be refused.
    let tmp = tempfile::tempdir().unwrap();
    let stem = "x".repeat(150);
    let file = format!("{stem}.toml");
    std::fs::write(tmp.path().join(&file), with_layout("")).unwrap();
    let (out, _) = run_in(tmp.path(), &["estimate", &file, "--format", "json"], 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let name = v["scenarios"][0]["scenario"].as_str().unwrap();
    assert_eq!(name.chars().count(), 100, "{name}");
    assert_eq!(name, format!("{}…", "x".repeat(99)));
}
