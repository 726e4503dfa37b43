//! A reader that goes away is success: every command in every format, run by the real binary
//! with its standard output (and standard error) connected to real pipes closed early, exits 0
//! and says nothing; a failed write that is not a closed pipe exits 1, like any I/O failure.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, ExitStatus, Stdio};

use crate::support::{fixtures, shipped, stderr_of};

fn spawn(args: &[&str], stderr: Stdio) -> Child {
    Command::new(assert_cmd::cargo::cargo_bin!("apigw-cost"))
        .current_dir(fixtures())
        .env_remove("COLUMNS")
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(stderr)
        .spawn()
        .expect("runs")
}

/// Every command, with arguments that make it succeed.
const COMMANDS: &[&[&str]] = &[
    &["estimate", "orders.toml", "low-volume.toml"],
    &["compare", "orders.toml", "low-volume.toml"],
    &["recommend", "orders.toml"],
    &[
        "sweep",
        "orders.toml",
        "--vary",
        "traffic.requests_per_month=1e5..1e9",
        "--steps",
        "200",
    ],
    &["architectures"],
    &["prices", "list"],
    &["prices", "show", "us-east-1"],
    &[
        "prices",
        "diff",
        "pricelist/diff/old.toml",
        "pricelist/diff/new.toml",
    ],
    &["validate", "orders.toml", "low-volume.toml"],
];

const FORMATS: &[&str] = &["table", "csv", "json", "markdown"];

fn with_format<'a>(args: &[&'a str], format: &'a str) -> Vec<&'a str> {
    let mut v = args.to_vec();
    v.extend(["--format", format]);
    v
}

/// Both ends the child writes to are closed before it writes anything.
fn run_with_both_closed(args: &[&str]) -> ExitStatus {
    let mut child = spawn(args, Stdio::piped());
    drop(child.stdout.take());
    drop(child.stderr.take());
    child.wait().unwrap()
}

#[test]
fn every_command_and_format_exits_0_when_stdout_and_stderr_are_closed() {
    for args in COMMANDS {
        for format in FORMATS {
            let args = with_format(args, format);
            let status = run_with_both_closed(&args);
            assert_eq!(status.code(), Some(0), "{args:?}");
        }
    }
    // `prices import` writes TOML whatever --format says, then notes on standard error.
    let import = [
        "prices",
        "import",
        "pricelist/AmazonApiGateway.csv",
        "pricelist/AWSELB.csv",
        "--region",
        "us-east-1",
    ];
    assert_eq!(run_with_both_closed(&import).code(), Some(0));
    assert_eq!(run_with_both_closed(&["--help"]).code(), Some(0));
}

/// `COMMAND | head -1`: the first line is read, then the pipe closed; standard error stays open
/// and must stay empty.
fn head_1(args: &[&str]) -> (ExitStatus, String, String) {
    let mut child = spawn(args, Stdio::piped());
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let err = stderr_of(&mut child);
    (child.wait().unwrap(), first, err)
}

#[test]
fn head_1_of_a_long_report_is_quiet_success_in_every_format() {
    let scenarios: Vec<String> = shipped().iter().map(|p| p.display().to_string()).collect();
    let long_sweep = [
        "sweep",
        "orders.toml",
        "--vary",
        "traffic.requests_per_month=1..1e9",
        "--steps",
        "200000",
    ];
    for format in FORMATS {
        let mut compare = vec!["compare"];
        compare.extend(scenarios.iter().map(String::as_str));
        for args in [compare, long_sweep.to_vec()] {
            if *format == "table" && args[0] == "sweep" {
                continue; // a table holds at most 10,000 steps
            }
            let args = with_format(&args, format);
            let (status, first, err) = head_1(&args);
            assert_eq!(status.code(), Some(0), "{args:?}: {err}");
            assert!(err.is_empty(), "{args:?}: {err}");
            assert!(!first.is_empty(), "{args:?}");
        }
    }
}

#[test]
fn an_error_with_standard_error_closed_still_exits_1() {
    let status = run_with_both_closed(&["validate", "typo.toml"]);
    assert_eq!(status.code(), Some(1));
    let status = run_with_both_closed(&["estimate", "orders.toml", "--format", "yaml"]);
    assert_eq!(status.code(), Some(2));
}

#[cfg(target_os = "linux")]
#[test]
fn a_write_that_fails_exits_1_wherever_the_output_goes() {
    let full = || {
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap()
    };
    let sweep = [
        "sweep",
        "orders.toml",
        "--vary",
        "topology.apis=1..3",
        "--format",
        "csv",
    ];
    for args in [&["estimate", "orders.toml"][..], &sweep] {
        // Standard output on a full disk.
        let out = Command::new(assert_cmd::cargo::cargo_bin!("apigw-cost"))
            .current_dir(fixtures())
            .args(args)
            .stdout(full())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains("No space left on device"), "{err}");
        // The same through --output.
        let out = Command::new(assert_cmd::cargo::cargo_bin!("apigw-cost"))
            .current_dir(fixtures())
            .args(args)
            .args(["--output", "/dev/full"])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert_eq!(
            err,
            "error: cannot write `/dev/full`: No space left on device (os error 28)\n"
        );
    }
}
