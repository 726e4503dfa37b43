//! Reports over many scenarios are written a scenario at a time (issue 22): the memory a run
//! takes does not grow with the number of files, an error in one scenario still leaves a whole
//! report, and a report is never written to a standard output that was closed at start.
//! Peak memory is the child's own, from `wait4`'s resource usage (Linux).

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::support::{d, root};

const BIN: &str = env!("CARGO_BIN_EXE_apigw-cost");

/// `n` copies of the shipped orders scenario (R5, NLB) in `dir`, each named `s<i>`; the
/// `bad`-th (1-based), if any, in a Region no price table has.
fn scenarios(dir: &Path, n: usize, bad: Option<usize>) -> Vec<PathBuf> {
    let text = std::fs::read_to_string(root().join("scenarios/r5-orders-nlb.toml")).unwrap();
    (1..=n)
        .map(|i| {
            let mut s = text.replace("name = \"orders\"", &format!("name = \"s{i}\""));
            if bad == Some(i) {
                s = s.replace("region = \"us-east-1\"", "region = \"eu-west-9\"");
            }
            let path = dir.join(format!("s{i:04}.toml"));
            std::fs::write(&path, s).unwrap();
            path
        })
        .collect()
}

/// Runs the binary with standard output into `out`; its exit code, standard error and peak
/// resident memory in MB, as `/usr/bin/time` measures it. Not the test's own `wait4`: a child
/// forked from this large, many-threaded test process would count the parent's pages it
/// shared before `exec` in its high-water mark. `None` (said) where there is no
/// `/usr/bin/time`.
fn run_measured(args: &[&str], files: &[PathBuf], out: &Path) -> Option<(i32, String, u64)> {
    let time = Path::new("/usr/bin/time");
    if !time.exists() {
        eprintln!("skipped: no /usr/bin/time to measure the peak memory of `{args:?}`");
        return None;
    }
    let err = out.with_extension("err");
    let peak = out.with_extension("rss");
    let status = Command::new(time)
        .args(["-f", "%M", "-o"])
        .arg(&peak)
        .arg(BIN)
        .args(args)
        .args(files)
        .stdout(std::fs::File::create(out).unwrap())
        .stderr(std::fs::File::create(&err).unwrap())
        .status()
        .unwrap();
    let kb: u64 = std::fs::read_to_string(&peak)
        .unwrap()
        .lines()
        .last()
        .and_then(|l| l.trim().parse().ok())
        .expect("the peak in KB");
    let stderr = std::fs::read_to_string(err).unwrap();
    Some((status.code().unwrap(), stderr, kb / 1024))
}

/// Runs the binary with standard output into `out`; its exit code and standard error.
fn run_to(args: &[&str], files: &[PathBuf], out: &Path) -> (i32, String) {
    let run = Command::new(BIN)
        .args(args)
        .args(files)
        .stdout(std::fs::File::create(out).unwrap())
        .output()
        .unwrap();
    let stderr = String::from_utf8(run.stderr).unwrap();
    (run.status.code().unwrap(), stderr)
}

fn json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).expect("one whole JSON document")
}

/// Before streaming: 353 MB on 1,000 files, 1.27 GB on 4,000 (debug build); now about 45 MB
/// whatever the number.
#[test]
fn compare_json_of_2000_files_stays_under_100_mb_and_prices_each_as_alone() {
    let dir = tempfile::tempdir().unwrap();
    let files = scenarios(dir.path(), 2000, None);
    let out = dir.path().join("out.json");
    let Some((code, stderr, mb)) = run_measured(&["compare", "--format", "json"], &files, &out)
    else {
        return;
    };
    assert_eq!(code, 0, "{stderr}");
    eprintln!("compare --format json, 2,000 files: peak {mb} MB");
    assert!(mb < 100, "peak resident memory {mb} MB");
    let doc = json(&out);
    let all = doc["scenarios"].as_array().unwrap();
    assert_eq!(all.len(), 2000);
    // Every copy is priced as the one scenario is alone, R5 at $1,128.0672294921875 a month:
    // 300 M requests × $3.50 a million (first REST tier) = 1050, 2 endpoint ENIs × 730 h ×
    // $0.01 = 14.6, 300 M × 10 KB = 2861.02294921875 GB × $0.01 = 28.6102294921875, the NLB
    // 730 h × $0.0225 = 16.425 and 3,072 NLCU-hours × $0.006 = 18.432.
    let r5 = |s: &Value| -> rust_decimal::Decimal {
        let e = s["estimates"].as_array().unwrap();
        let r5 = e.iter().find(|e| e["architecture"] == "R5").unwrap();
        d(r5["monthly_cost"].as_str().unwrap())
    };
    let hand = d("1050") + d("14.6") + d("28.6102294921875") + d("16.425") + d("18.432");
    for (i, s) in all.iter().enumerate() {
        assert_eq!(s["scenario"], format!("s{}", i + 1));
        assert_eq!(r5(s), hand, "scenario {}", i + 1);
    }
}

/// Before: `validate --format json` took 717 MB for 2,000 files of 150 unknown keys, the table
/// 302 MB (each file's first 100 problems kept for the message that prints 20); now about 40
/// and 64 MB.
#[test]
fn validate_of_1000_files_of_150_problems_stays_under_100_mb_in_json_and_table() {
    let dir = tempfile::tempdir().unwrap();
    let base = std::fs::read_to_string(root().join("scenarios/r5-orders-nlb.toml")).unwrap();
    let keys: String = (0..150).map(|k| format!("unknown_key_{k} = 1\n")).collect();
    let text = base.replace("[traffic]\n", &format!("[traffic]\n{keys}"));
    let files: Vec<PathBuf> = (0..1000)
        .map(|i| {
            let p = dir.path().join(format!("b{i:04}.toml"));
            std::fs::write(&p, &text).unwrap();
            p
        })
        .collect();
    let out = dir.path().join("out.json");
    let Some((code, stderr, mb)) = run_measured(&["validate", "--format", "json"], &files, &out)
    else {
        return;
    };
    eprintln!("validate --format json, 1,000 files of 150 problems: peak {mb} MB");
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        "error: 150000 problems in 1000 of 1000 files (listed in the report)\n"
    );
    assert!(mb < 100, "peak resident memory {mb} MB");
    let doc = json(&out);
    assert_eq!(doc["valid"], serde_json::json!([]));
    let listed = doc["files"].as_array().unwrap();
    assert_eq!(listed.len(), 1000);
    for f in listed {
        let kept = f["problems"].as_array().unwrap().len() as u64;
        assert_eq!(kept + f["more_problems"].as_u64().unwrap(), 150, "{f}");
        assert_eq!(f["status"], "error");
    }
    let out = dir.path().join("out.txt");
    let Some((code, stderr, mb)) = run_measured(&["validate"], &files, &out) else {
        return;
    };
    eprintln!("validate, 1,000 files of 150 problems: peak {mb} MB");
    assert_eq!(code, 1);
    assert!(mb < 100, "peak resident memory {mb} MB");
    let lines = std::fs::read_to_string(&out).unwrap();
    assert_eq!(lines.lines().count(), 1000);
    assert!(
        lines.lines().all(|l| l.ends_with(" (150 problems)")),
        "{lines}"
    );
    // The first 20 problems printed, one note a file for its 50 not kept, the rest counted.
    assert_eq!(
        stderr.matches("error: unknown key `unknown_key_").count(),
        20
    );
    assert_eq!(
        stderr
            .matches("… and 50 more problems in this file")
            .count(),
        1000
    );
    assert!(
        stderr.ends_with("… and 99,980 more problems\n\n150,000 problems found\n"),
        "{}",
        &stderr[stderr.len() - 200..]
    );
}

/// Scenario 250 of 300 cannot be priced: the report of the other 299 is whole, at `--output`
/// and on standard output alike, and the run says why it failed (exit 1).
#[test]
fn a_bad_scenario_mid_run_leaves_a_whole_report_of_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let files = scenarios(dir.path(), 300, Some(250));
    for format in ["json", "csv"] {
        let target = dir.path().join(format!("report.{format}"));
        let args = ["estimate", "--format", format, "--output"];
        let mut args: Vec<&str> = args.to_vec();
        args.push(target.to_str().unwrap());
        let (code, stderr) = run_to(&args, &files, &dir.path().join("stdout"));
        assert_eq!(code, 1);
        assert!(
            stderr.contains("error: no price table for Region `eu-west-9`")
                && stderr.contains("s0250.toml:5:10"),
            "{stderr}"
        );
        let text = std::fs::read_to_string(&target).unwrap();
        let names: Vec<String> = if format == "json" {
            let doc: Value = serde_json::from_str(&text).unwrap();
            let all = doc["scenarios"].as_array().unwrap();
            all.iter().map(|s| s["scenario"].to_string()).collect()
        } else {
            let rows = text.lines().skip(1).map(|l| l.split(',').next().unwrap());
            let mut names: Vec<String> = rows.map(str::to_owned).collect();
            names.dedup();
            names
        };
        assert_eq!(names.len(), 299, "{format}");
        assert!(!names.iter().any(|n| n.contains("s250")), "{format}");
        // On standard output: the same document.
        let piped = dir.path().join(format!("piped.{format}"));
        let (code, _) = run_to(&args[..3], &files, &piped);
        assert_eq!(code, 1);
        assert_eq!(std::fs::read_to_string(&piped).unwrap(), text, "{format}");
    }
}

/// A write that fails part way (a full disk) stops the run at once: exit 1, the error on
/// standard error, and no `--output` file left behind.
#[test]
fn a_full_disk_mid_stream_is_exit_1_and_leaves_no_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let files = scenarios(dir.path(), 50, None);
    let out = Command::new(BIN)
        .args(["compare", "--format", "json"])
        .args(&files)
        .stdout(
            std::fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")
                .unwrap(),
        )
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: cannot write to standard output: No space left on device (os error 28)\n"
    );
}

/// The binary run with descriptor 1 closed (`>&-`); stdin and stderr as the test's.
fn with_stdout_closed(args: &[&str]) -> std::process::Output {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .current_dir(root())
        .stdout(Stdio::inherit())
        .stderr(Stdio::piped());
    // SAFETY: close(2) is async-signal-safe; nothing else runs between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            libc::close(1);
            Ok(())
        });
    }
    cmd.output().unwrap()
}

#[test]
fn a_report_to_a_closed_standard_output_is_a_write_failure() {
    let s = "scenarios/r5-orders-nlb.toml";
    let commands: &[&[&str]] = &[
        &["estimate", s],
        &["estimate", s, "--format", "json"],
        &["compare", s, "--format", "csv"],
        &["recommend", s, "--format", "json"],
        &["validate", s],
        &["validate", s, "--format", "json"],
        &[
            "sweep",
            s,
            "--vary",
            "traffic.requests_per_month=1e6..1e9",
            "--steps",
            "3",
        ],
        &["architectures"],
        &["prices", "list"],
        &["completions", "bash"],
        &["--help"],
        &["--version"],
    ];
    for args in commands {
        let out = with_stdout_closed(args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.starts_with(
                "error: cannot write to standard output: it is closed (`>&-`), so the report \
                 would be lost; redirect it to a file (`> report.txt`) or give --output FILE"
            ),
            "{args:?}: {stderr}"
        );
    }
    // A report that goes to --output does not need standard output.
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("r.json");
    let args = ["estimate", s, "--format", "json", "--output"];
    let mut args = args.to_vec();
    args.push(target.to_str().unwrap());
    let out = with_stdout_closed(&args);
    assert_eq!(out.status.code(), Some(0));
    assert!(json(&target)["scenarios"][0]["estimates"][0]["monthly_cost"].is_string());
    // Nor does a price import to --output: what it found and lacked goes to standard error.
    let table = dir.path().join("us-east-1.toml");
    let import = [
        "prices",
        "import",
        "tests/fixtures/pricelist/AmazonApiGateway.csv",
        "tests/fixtures/pricelist/AWSELB.csv",
        "--region",
        "us-east-1",
        "--output",
        table.to_str().unwrap(),
    ];
    let out = with_stdout_closed(&import);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.starts_with("note: imported 9 of 32 price items for us-east-1 from 2 files"),
        "{stderr}"
    );
    assert!(
        std::fs::read_to_string(&table)
            .unwrap()
            .contains("region = \"us-east-1\"")
    );
}

/// Before: an xlsx sweep of 1,000,000 steps took 750 MB, the workbook held in memory until
/// written. Now its Sweep sheet streams into a constant-memory worksheet: 24 MB for 1,000,000
/// steps (release build, 2026-12-07). Here (a debug build, so fewer steps) the peak of 60,000
/// steps is that of 6,000 within a few MB, where the workbook held in memory grew by about
/// 40 MB over those 54,000 rows (750 bytes a row).
#[test]
fn an_xlsx_sweep_takes_the_same_memory_whatever_its_steps() {
    let dir = tempfile::tempdir().unwrap();
    let peak = |steps: &str| -> Option<u64> {
        let book = dir.path().join(format!("sweep-{steps}.xlsx"));
        let args = [
            "sweep",
            "tests/fixtures/orders.toml",
            "--vary",
            "traffic.requests_per_month=1e5..1e11",
            "--log",
            "--steps",
            steps,
            "--format",
            "xlsx",
            "--output",
            book.to_str().unwrap(),
        ];
        let out = dir.path().join("stdout");
        let (code, stderr, mb) = run_measured(&args, &[], &out)?;
        assert_eq!(code, 0, "{stderr}");
        assert!(book.metadata().unwrap().len() > 100_000);
        Some(mb)
    };
    let (Some(small), Some(large)) = (peak("6000"), peak("60000")) else {
        return;
    };
    eprintln!("sweep --format xlsx: peak {small} MB at 6,000 steps, {large} MB at 60,000");
    assert!(large < 100, "peak resident memory {large} MB");
    assert!(
        large <= small + 8,
        "memory grows with the steps: {small} MB at 6,000, {large} MB at 60,000"
    );
}
