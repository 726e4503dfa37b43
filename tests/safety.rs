//! Trust under any input, tested on the real binary: byte-identical output across runs, CSV
//! cells that cannot run as spreadsheet formulas yet round-trip awkward names, every format
//! showing the same rounded totals, and `--output` that is whole or absent even when the run
//! is killed mid-write.

use std::path::Path;

use crate::support::{cmd, fixtures};

fn stdout(args: &[&str]) -> String {
    let out = cmd().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_same_inputs_give_byte_identical_outputs() {
    for args in [
        &["compare", "orders.toml", "--format", "json"][..],
        &["recommend", "low-volume.toml", "--format", "csv"],
        &[
            "sweep",
            "orders.toml",
            "--vary",
            "traffic.requests_per_month=1e5..1e9",
            "--log",
            "--steps",
            "50",
            "--format",
            "csv",
        ],
        &["estimate", "orders.toml", "--format", "markdown"],
    ] {
        assert_eq!(stdout(args), stdout(args), "{args:?}");
    }
}

#[test]
fn awkward_names_round_trip_and_formulas_are_neutralised() {
    let dir = tempfile::tempdir().unwrap();
    for (name, expected) in [
        ("orders, \\\"v2\\\"", "orders, \"v2\""),
        ("=HYPERLINK(\\\"http://x\\\")", "'=HYPERLINK(\"http://x\")"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
    ] {
        let file = dir.path().join("s.toml");
        std::fs::write(
            &file,
            format!(
                "name = \"{name}\"\nregion = \"us-east-1\"\n[traffic]\nrequests_per_month = 1000\n"
            ),
        )
        .unwrap();
        let out = cmd()
            .args(["estimate", "--architecture", "R5", "--format", "csv"])
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
        for record in reader.records() {
            assert_eq!(&record.unwrap()[0], expected);
        }
    }
}

#[test]
fn every_format_shows_the_same_rounded_total() {
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&["estimate", "orders.toml", "--format", "json"])).unwrap();
    let exact: rust_decimal::Decimal = json["scenarios"][0]["estimates"][0]["monthly_cost"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let shown = apigw_cost::money::money(exact);
    assert!(
        stdout(&["estimate", "orders.toml"]).contains(&shown),
        "{shown}"
    );
    assert!(
        stdout(&["estimate", "orders.toml", "--format", "markdown"])
            .contains(&format!("**{shown}**"))
    );
    // CSV is to the cent: its total is the total shown, and its line items add up to it.
    let csv = stdout(&["estimate", "orders.toml", "--format", "csv", "--totals"]);
    let total: rust_decimal::Decimal = csv
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .nth(2)
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(apigw_cost::money::money(total), shown);
    let items = stdout(&["estimate", "orders.toml", "--format", "csv"]);
    let sum: rust_decimal::Decimal = items
        .lines()
        .skip(1)
        .map(|l| {
            l.rsplit(',')
                .next()
                .unwrap()
                .trim()
                .parse::<rust_decimal::Decimal>()
                .unwrap()
        })
        .sum();
    assert_eq!(sum, total, "CSV line items add up to the CSV total exactly");
}

#[test]
fn a_run_killed_mid_write_leaves_no_report() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("big.csv");
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("apigw-cost"))
        .current_dir(fixtures())
        .args([
            "sweep",
            "orders.toml",
            "--vary",
            "traffic.requests_per_month=1..1000000000",
            "--steps",
            "5000000",
            "--format",
            "csv",
            "--output",
        ])
        .arg(&target)
        .spawn()
        .unwrap();
    // Wait until the temporary file is being written, then kill the process.
    let started = std::time::Instant::now();
    loop {
        let writing = std::fs::read_dir(dir.path())
            .unwrap()
            .any(|e| e.unwrap().metadata().map(|m| m.len() > 0).unwrap_or(false));
        if writing || started.elapsed().as_secs() > 20 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(!target.exists(), "no partial report under the target name");
}

#[test]
fn an_unwritable_target_is_an_error_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let as_dir = dir.path().join("a-folder");
    std::fs::create_dir(&as_dir).unwrap();
    let out = cmd()
        .args(["estimate", "orders.toml", "--output"])
        .arg(&as_dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).starts_with("error: cannot write"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(as_dir.is_dir());
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        names,
        [std::ffi::OsString::from("a-folder")],
        "no temporary file left behind"
    );
}

#[test]
fn names_that_would_act_on_a_terminal_or_fill_a_report_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let long = "x".repeat(101);
    for (name, message) in [
        (
            "\\u001b[31mred",
            "`name` must be plain text on one line, found the control character U+001B",
        ),
        (
            "ding\\u0007",
            "`name` must be plain text on one line, found the control character U+0007",
        ),
        (
            "two\\nlines",
            "`name` must be plain text on one line, found the control character U+000A",
        ),
        (
            "tab\\tbed",
            "`name` must be plain text on one line, found the control character U+0009",
        ),
        (
            "abc\\u202Edcb",
            "`name` must be plain text on one line, found the control character U+202E",
        ),
        ("", "`name` must not be empty"),
        ("   ", "`name` must not be empty"),
        (
            long.as_str(),
            "`name` is 101 characters long; at most 100 are allowed",
        ),
    ] {
        let file = dir.path().join("s.toml");
        std::fs::write(
            &file,
            format!(
                "region = \"us-east-1\"\nname = \"{name}\"\n[traffic]\nrequests_per_month = 1000\n"
            ),
        )
        .unwrap();
        let out = cmd()
            .current_dir(dir.path())
            .args(["estimate", "--architecture", "R5", "s.toml"])
            .output()
            .unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(1), "{name:?}: {err}");
        assert!(out.stdout.is_empty());
        assert!(
            err.starts_with(&format!("error: {message}\n  --> s.toml:2:8\n")),
            "{name:?}: {err}"
        );
        assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
    }
    let ok = "é".repeat(100);
    std::fs::write(
        dir.path().join("s.toml"),
        format!("region = \"us-east-1\"\nname = \"{ok}\"\n[traffic]\nrequests_per_month = 1000\n"),
    )
    .unwrap();
    let out = cmd()
        .current_dir(dir.path())
        .args(["estimate", "--architecture", "R5", "s.toml"])
        .output()
        .unwrap();
    assert!(out.status.success(), "100 characters are allowed");
}

/// Starts a long sweep writing CSV to `target` and waits until its temporary file has data.
fn long_sweep_writing(target: &Path) -> std::process::Child {
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("apigw-cost"))
        .current_dir(fixtures())
        .args([
            "sweep",
            "orders.toml",
            "--vary",
            "traffic.requests_per_month=1..1000000000",
            "--steps",
            "5000000",
            "--format",
            "csv",
            "--output",
        ])
        .arg(target)
        .spawn()
        .unwrap();
    let dir = target.parent().unwrap();
    let started = std::time::Instant::now();
    while started.elapsed().as_secs() < 30 {
        let writing = std::fs::read_dir(dir)
            .unwrap()
            .any(|e| e.unwrap().metadata().is_ok_and(|m| m.len() > 100_000));
        if writing {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    child
}

#[cfg(unix)]
#[test]
fn ctrl_c_sigterm_and_sighup_mid_write_remove_the_temporary_file() {
    use std::os::unix::process::ExitStatusExt;
    for (name, number) in [("INT", 2), ("TERM", 15), ("HUP", 1)] {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("big.csv");
        let mut child = long_sweep_writing(&target);
        let names = |d: &Path| -> Vec<String> {
            std::fs::read_dir(d)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        };
        let during = names(dir.path());
        assert!(
            during.len() == 1 && during[0].starts_with(".apigw-cost-"),
            "{name}: mid-write, only the temporary file: {during:?}"
        );
        let sent = std::process::Command::new("kill")
            .arg(format!("-{name}"))
            .arg(child.id().to_string())
            .status()
            .unwrap();
        assert!(sent.success());
        let status = child.wait().unwrap();
        assert_eq!(status.signal(), Some(number), "{name}: {status:?}");
        assert_eq!(
            names(dir.path()),
            Vec::<String>::new(),
            "{name}: nothing left"
        );
    }
}

#[test]
fn an_output_that_is_an_input_is_refused_before_anything_runs() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("same.toml");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    std::fs::copy(fixtures.join("orders.toml"), &scenario).unwrap();
    let before = std::fs::read_to_string(&scenario).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&scenario, dir.path().join("link.toml")).unwrap();
    let refused = |args: &[&str], message: &str| {
        let out = cmd().current_dir(dir.path()).args(args).output().unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.starts_with(message), "{args:?}: {err}");
        assert_eq!(std::fs::read_to_string(&scenario).unwrap(), before);
        let left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".apigw-cost-") || n.ends_with(".svg"))
            .collect();
        assert!(left.is_empty(), "nothing written: {left:?}");
    };
    let same = "error: --output `";
    refused(&["estimate", "same.toml", "--output", "same.toml"], same);
    refused(&["compare", "same.toml", "--output", "./same.toml"], same);
    #[cfg(unix)]
    refused(&["recommend", "same.toml", "--output", "link.toml"], same);
    refused(
        &[
            "validate",
            "same.toml",
            "--output",
            &scenario.display().to_string(),
        ],
        same,
    );
    refused(
        &[
            "sweep",
            "same.toml",
            "--vary",
            "topology.apis=1..3",
            "--chart",
            "same.toml",
        ],
        "error: --chart `same.toml` is also an input",
    );
    refused(
        &[
            "sweep",
            "same.toml",
            "--vary",
            "topology.apis=1..3",
            "--output",
            "x.svg",
            "--chart",
            "./x.svg",
        ],
        "error: --output and --chart name the same file `./x.svg`",
    );
    // A price table read through --prices, as a file or in a folder.
    let tables = dir.path().join("tables");
    std::fs::create_dir(&tables).unwrap();
    let table = Path::new(env!("CARGO_MANIFEST_DIR")).join("pricing/us-east-1.toml");
    std::fs::copy(&table, tables.join("us-east-1.toml")).unwrap();
    refused(
        &[
            "estimate",
            "same.toml",
            "--prices",
            "tables",
            "--output",
            "tables/us-east-1.toml",
        ],
        "error: --output `tables/us-east-1.toml` is also an input",
    );
}

#[test]
fn a_chart_that_cannot_be_written_leaves_no_report_either() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("sweep.csv");
    let chart = dir.path().join("no/such/folder/chart.svg");
    let out = cmd()
        .args([
            "sweep",
            "orders.toml",
            "--vary",
            "topology.apis=1..3",
            "--format",
            "csv",
            "--output",
        ])
        .arg(&report)
        .arg("--chart")
        .arg(&chart)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("does not exist"), "{err}");
    assert!(!report.exists(), "no report without its chart");
    // Both written together when both can be.
    let chart = dir.path().join("chart.svg");
    let out = cmd()
        .args([
            "sweep",
            "orders.toml",
            "--vary",
            "topology.apis=1..3",
            "--format",
            "csv",
            "--output",
        ])
        .arg(&report)
        .arg("--chart")
        .arg(&chart)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(report.exists() && chart.exists());
}

#[cfg(unix)]
#[test]
fn a_hangup_the_caller_ignores_stays_ignored() {
    // As under `nohup`: SIGHUP ignored before the program starts; the report is still written.
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("big.csv");
    let bin = assert_cmd::cargo::cargo_bin!("apigw-cost");
    let mut child = std::process::Command::new("sh")
        .current_dir(fixtures())
        .arg("-c")
        .arg(format!(
            "trap '' HUP; exec '{}' sweep orders.toml --vary traffic.requests_per_month=1..1000000000 --steps 60000 --format csv --output '{}'",
            bin.display(),
            target.display()
        ))
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while std::fs::read_dir(dir.path()).unwrap().next().is_none()
        && started.elapsed().as_secs() < 20
    {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let sent = std::process::Command::new("kill")
        .args(["-HUP", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    assert!(child.wait().unwrap().success(), "the run went on");
    assert!(target.exists(), "and wrote its report");
}
