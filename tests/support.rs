//! What many integration tests share: the binary run where the fixtures are, decimals written
//! as text, the shipped scenarios, what a child process wrote to standard error, and
//! LibreOffice when it is installed.

use assert_cmd::Command;
use rust_decimal::Decimal;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Child;

/// The repository's root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `tests/fixtures`, where the scenarios the tests name by file name are.
pub fn fixtures() -> PathBuf {
    root().join("tests/fixtures")
}

/// The binary, run in `tests/fixtures`.
pub fn cmd() -> Command {
    cmd_in(&fixtures())
}

/// The binary, run in `dir`. Tables are as wide as COLUMNS says: unset, every run lays them out
/// alike (120).
pub fn cmd_in(dir: &Path) -> Command {
    let mut c = assert_cmd::cargo::cargo_bin_cmd!("apigw-cost");
    c.env_remove("COLUMNS");
    c.current_dir(dir);
    c
}

/// Runs the binary in `dir`, checks the exit code, returns (stdout, stderr).
pub fn run_in(dir: &Path, args: &[&str], code: i32) -> (String, String) {
    let out = cmd_in(dir).args(args).output().expect("runs");
    let stdout = String::from_utf8(out.stdout).expect("utf-8 stdout");
    let stderr = String::from_utf8(out.stderr).expect("utf-8 stderr");
    assert_eq!(
        out.status.code(),
        Some(code),
        "args {args:?}\nstdout:\n{stdout}\nstderr:\n{stderr}"
    );
    (stdout, stderr)
}

/// Runs the binary in `tests/fixtures`, checks the exit code, returns (stdout, stderr).
pub fn run(args: &[&str], code: i32) -> (String, String) {
    run_in(&fixtures(), args, code)
}

pub fn d(s: &str) -> Decimal {
    s.parse()
        .unwrap_or_else(|e| panic!("bad decimal `{s}`: {e}"))
}

/// The shipped scenarios (`scenarios/*.toml`), sorted.
pub fn shipped() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join("scenarios"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    paths
}

/// The shipped scenarios, read, in the order of [`shipped`].
pub fn shipped_scenarios() -> Vec<apigw_cost::scenario::Scenario> {
    shipped()
        .iter()
        .map(|p| apigw_cost::load_scenario(p).unwrap())
        .collect()
}

/// Everything `child` writes to its standard error (piped) until it closes it.
pub fn stderr_of(child: &mut Child) -> String {
    let mut err = String::new();
    child
        .stderr
        .take()
        .expect("standard error is piped")
        .read_to_string(&mut err)
        .unwrap();
    err
}

/// LibreOffice's command, or `None` (with the reason printed) when it is not installed. CI
/// installs it (`.ci/run`), so there its absence fails the test.
pub fn soffice() -> Option<&'static str> {
    let found = ["soffice", "libreoffice"].into_iter().find(|b| {
        std::process::Command::new(b)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    });
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI installs LibreOffice (.ci/run): it must be here"
        );
        // Straight to the process's standard error, not `eprintln!`: the test harness captures
        // that for a passing test, and a skip nobody sees reads as a pass.
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            b"skipped: LibreOffice (soffice) is not installed, so the workbook is not recalculated \
              in a real spreadsheet, only its cached values are checked \
              (apt-get install libreoffice-calc-nogui)\n",
        );
    }
    found
}
