//! At home in a terminal: the table format fits the width it is given (`COLUMNS`, the
//! terminal's, or 120 for pipes and files), with a compact view at 80 columns; no line of any
//! command's table is wider, for every shipped scenario and a 100-character name.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// The table output of `args` at `columns` (`None`: `COLUMNS` unset, standard output a pipe).
fn table(args: &[&str], columns: Option<usize>) -> String {
    let mut c = assert_cmd::cargo::cargo_bin_cmd!("apigw-cost");
    c.current_dir(root()).args(args);
    match columns {
        Some(n) => c.env("COLUMNS", n.to_string()),
        None => c.env_remove("COLUMNS"),
    };
    let out = c.output().unwrap();
    // Some shipped scenarios cannot be priced (a Region lacks a price, e.g. Direct Connect):
    // their errors are other tests' business; what is printed must fit all the same.
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn widest(text: &str) -> usize {
    text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

fn shipped() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(root().join("scenarios"))
        .unwrap()
        .map(|e| format!("scenarios/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    v.sort();
    v
}

#[test]
fn no_line_is_wider_than_80_or_120_columns() {
    let dir = tempfile::tempdir().unwrap();
    let long = dir.path().join("long.toml");
    let name = format!(
        "{} {}",
        "a-very-long-scenario-name".repeat(3),
        "x".repeat(20)
    );
    let text = std::fs::read_to_string(root().join("scenarios/r5-orders-nlb.toml"))
        .unwrap()
        .replace("name = \"orders\"", &format!("name = \"{name}\""));
    std::fs::write(&long, text).unwrap();
    let long = long.display().to_string();
    let scenarios = shipped();
    let mut all: Vec<&str> = scenarios.iter().map(String::as_str).collect();
    all.push(&long);
    let sweep = |vary: &'static [&'static str]| {
        let mut a = vec!["sweep", "scenarios/r7-tgw-logistics-hub.toml"];
        for v in vary {
            a.extend(["--vary", v]);
        }
        a.extend(["--steps", "5"]);
        a
    };
    let mut runs: Vec<Vec<&str>> = vec![["compare"].iter().chain(&all).copied().collect()];
    for command in ["estimate", "recommend"] {
        runs.extend(all.iter().map(|s| vec![command, s]));
    }
    runs.extend([
        sweep(&["traffic.requests_per_month=1e5..1e10"]),
        sweep(&["topology.consumer_vpcs=1..9", "traffic.request_kb=1..64"]),
        vec!["architectures"],
        vec!["prices", "list"],
        vec!["prices", "show", "us-east-1"],
        vec![
            "prices",
            "diff",
            "tests/fixtures/pricelist/diff/old.toml",
            "tests/fixtures/pricelist/diff/new.toml",
        ],
        vec!["validate", &long],
    ]);
    for columns in [80, 120] {
        for args in &runs {
            let out = table(args, Some(columns));
            let w = widest(&out);
            assert!(
                w <= columns,
                "{args:?} at {columns} columns: a line of {w}\n{out}"
            );
        }
    }
}

#[test]
fn a_narrow_terminal_gets_the_compact_view_and_a_pipe_the_full_one() {
    let args = ["estimate", "scenarios/r5-orders-nlb.toml"];
    let narrow = table(&args, Some(80));
    assert!(
        narrow.contains("Formula") && !narrow.contains("Unit price"),
        "{narrow}"
    );
    let piped = table(&args, None);
    assert!(
        piped.contains("Unit price") && piped.contains("Formula"),
        "{piped}"
    );
    assert!(widest(&piped) <= 120, "{piped}");
    // The recommend header was one line of 227 characters.
    let recommend = table(&["recommend", "scenarios/r5-orders-nlb.toml"], Some(80));
    assert!(widest(&recommend) <= 80, "{recommend}");
    // A wide sweep is drawn as several tables, each with the varied key.
    let sweep = table(
        &[
            "sweep",
            "scenarios/r5-orders-nlb.toml",
            "--vary",
            "topology.apis=1..3",
        ],
        Some(80),
    );
    assert!(sweep.matches("topology.apis").count() >= 2, "{sweep}");
    // Nonsense in COLUMNS falls back to the default; tiny widths are raised to 60.
    assert!(widest(&table(&args, Some(20))) <= 60);
}
