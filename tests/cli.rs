//! The binary as a user runs it: exit codes, the full text of every error, every output format,
//! `--help`, and what `--output` leaves behind when a run fails.

use crate::support::{cmd, fixtures, run, stderr_of};

fn error_of(args: &[&str]) -> String {
    let (stdout, stderr) = run(args, 1);
    assert!(
        stdout.is_empty(),
        "nothing on stdout for an error: {stdout}"
    );
    stderr
}

/// Runs a `validate` that fails: exit 1, one status line per file on standard output (checked
/// against `status`, in order), the problems on standard error (returned).
fn validate_error_of(args: &[&str], status: &[&str]) -> String {
    let (stdout, stderr) = run(args, 1);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), status.len(), "{stdout}");
    for (line, status) in lines.iter().zip(status) {
        assert!(line.starts_with(status), "{line} is not {status}");
    }
    stderr
}

#[test]
fn estimate_in_every_format() {
    for format in ["table", "csv", "json", "markdown"] {
        let (out, err) = run(&["estimate", "orders.toml", "--format", format], 0);
        // CSV has no place for the warnings the others show: they go to standard error.
        let said = if format == "csv" { PRIVATE_DNS } else { "" };
        assert_eq!(err, said, "{format}");
        insta::assert_snapshot!(format!("estimate_orders_{format}"), out);
    }
}

#[test]
fn estimate_csv_totals_and_architecture_override() {
    let (out, _) = run(
        &[
            "estimate",
            "orders.toml",
            "--architecture",
            "R5-alb",
            "--format",
            "csv",
            "--totals",
        ],
        0,
    );
    insta::assert_snapshot!(out);
    let (_, err) = run(&["estimate", "orders.toml", "--totals"], 2);
    assert_eq!(err, "error: --totals goes with --format csv\n");
}

#[test]
fn compare_in_every_format() {
    for format in ["table", "csv", "json", "markdown"] {
        let (out, _) = run(&["compare", "orders.toml", "--format", format], 0);
        insta::assert_snapshot!(format!("compare_orders_{format}"), out);
    }
}

#[test]
fn architectures_and_prices() {
    for format in ["table", "json"] {
        let (out, _) = run(&["architectures", "--format", format], 0);
        insta::assert_snapshot!(format!("architectures_{format}"), out);
    }
    let (out, _) = run(&["prices", "list"], 0);
    insta::assert_snapshot!("prices_list", out);
    let (out, _) = run(&["prices", "show", "eu-west-1", "--format", "csv"], 0);
    insta::assert_snapshot!("prices_show_eu_west_1_csv", out);
    let (_, err) = run(&["prices", "show", "mars-1"], 2);
    assert!(
        err.starts_with(
            "error: no price table for Region `mars-1`; priced Regions:\n  af-south-1, ap-east-1"
        ),
        "{err}"
    );
}

#[test]
fn every_problem_in_a_file_is_reported_with_its_place() {
    insta::assert_snapshot!(validate_error_of(
        &["validate", "typo.toml"],
        &["error: typo.toml (5 problems)"]
    ));
}

#[test]
fn absurd_number() {
    insta::assert_snapshot!(error_of(&["estimate", "absurd.toml"]));
}

#[test]
fn empty_missing_and_binary_files() {
    insta::assert_snapshot!("empty_file", error_of(&["estimate", "empty.toml"]));
    insta::assert_snapshot!("missing_file", error_of(&["estimate", "no-such-file.toml"]));
    insta::assert_snapshot!("binary_file", error_of(&["estimate", "garbage.toml"]));
    insta::assert_snapshot!("bad_toml", error_of(&["estimate", "bad-toml.toml"]));
}

#[test]
fn region_architecture_and_price_errors() {
    insta::assert_snapshot!("unknown_region", error_of(&["estimate", "mars.toml"]));
    insta::assert_snapshot!(
        "unknown_architecture",
        error_of(&["estimate", "unknown-arch.toml"])
    );
    insta::assert_snapshot!(
        "not_applicable",
        error_of(&["estimate", "not-applicable.toml"])
    );
    insta::assert_snapshot!(
        "missing_price",
        error_of(&["estimate", "missing-price.toml"])
    );
    let (_, err) = run(&["estimate", "orders.toml", "--architecture", "R99"], 2);
    insta::assert_snapshot!("unknown_architecture_flag", err);
}

#[test]
fn a_pattern_that_does_not_fit_is_an_input_error_even_from_the_command_line() {
    let err = error_of(&["estimate", "orders.toml", "--architecture", "W1"]);
    assert!(err.starts_with("error: architecture W1 does not apply to this scenario: WebSocket APIs are for WebSocket workloads"), "{err}");
    assert!(err.contains("  --> orders.toml"), "{err}");
}

#[test]
fn a_layout_that_breaks_a_requirement_is_priced_with_a_warning() {
    // product.md: estimate prices the layout it is asked for; breaking a requirement is a
    // warning naming it, exit 0. Only a layout that cannot be built is an error.
    for args in [
        &["estimate", "orders.toml", "--architecture", "H1"][..],
        &["estimate", "breaks-requirements.toml"][..],
    ] {
        let (out, err) = run(args, 0);
        assert!(err.is_empty(), "{err}");
        assert!(out.contains("breaks a requirement: HTTP APIs have no private endpoint type, and requirements.private_endpoint is true"), "{out}");
    }
    let (out, _) = run(&["estimate", "breaks-requirements.toml"], 0);
    assert!(
        out.contains(
            "breaks a requirement: HTTP APIs lack `api-keys` (requirements.rest_features)"
        ),
        "{out}"
    );
    // compare offers only layouts that meet every requirement, and always shows the current one.
    let (out, _) = run(
        &["compare", "breaks-requirements.toml", "--format", "json"],
        0,
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let ids: Vec<&str> = v["scenarios"][0]["estimates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["architecture"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"H1"), "the current layout is shown: {ids:?}");
    assert!(
        !ids.contains(&"H2") && !ids.contains(&"R5-regional"),
        "{ids:?}"
    );
}

#[test]
fn usage_errors_exit_2() {
    let (_, err) = run(&["estimate"], 2);
    assert!(
        err.contains("required arguments were not provided"),
        "{err}"
    );
    let (_, err) = run(&["estimate", "orders.toml", "--format", "yaml"], 2);
    assert!(err.contains("invalid value 'yaml'"), "{err}");
}

#[test]
fn validate_reports_all_files_together() {
    let err = validate_error_of(
        &["validate", "typo.toml", "mars.toml", "orders.toml"],
        &[
            "error: typo.toml (5 problems)",
            "error: mars.toml (1 problem)",
            "ok: orders.toml",
        ],
    );
    assert!(
        err.contains("typo.toml:4:1") && err.contains("mars.toml:1:10"),
        "{err}"
    );
    let (out, _) = run(&["validate", "orders.toml"], 0);
    assert_eq!(out, "ok: orders.toml\n");
}

#[test]
fn output_is_written_whole_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("bill.csv");
    let t = target.to_str().unwrap();
    // Success writes the file and nothing to stdout.
    let (out, _) = run(
        &["estimate", "orders.toml", "--format", "csv", "--output", t],
        0,
    );
    assert!(out.is_empty());
    let written = std::fs::read_to_string(&target).unwrap();
    assert!(written.starts_with("scenario,architecture,component,"));
    // A run with only a bad file leaves the existing report untouched; with a good one beside
    // it (product.md: the others are still priced and printed) the report is the good one's,
    // whole; exit 1 either way, and no temporary files behind.
    for bad in [
        "typo.toml",
        "mars.toml",
        "absurd.toml",
        "not-applicable.toml",
        "missing-price.toml",
    ] {
        std::fs::write(&target, "an earlier report").unwrap();
        error_of(&["estimate", bad, "--format", "csv", "--output", t]);
        let kept = std::fs::read_to_string(&target).unwrap();
        assert_eq!(kept, "an earlier report", "{bad}");
        error_of(&[
            "estimate",
            "orders.toml",
            bad,
            "--format",
            "csv",
            "--output",
            t,
        ]);
        assert_eq!(std::fs::read_to_string(&target).unwrap(), written, "{bad}");
    }
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, [std::ffi::OsString::from("bill.csv")]);
    // A target in a missing folder is an error, and creates nothing.
    let missing = dir.path().join("no/such/dir/bill.csv");
    let err = error_of(&[
        "estimate",
        "orders.toml",
        "--output",
        missing.to_str().unwrap(),
    ]);
    assert!(err.contains("does not exist"), "{err}");
    assert!(!missing.exists());
}

#[test]
fn several_scenarios_make_one_report() {
    let (out, _) = run(
        &["estimate", "orders.toml", "orders.toml", "--format", "json"],
        0,
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["scenarios"].as_array().unwrap().len(), 2);
    let (table, _) = run(&["estimate", "orders.toml", "orders.toml"], 0);
    assert!(table.contains("All 2 scenarios:"), "{table}");
}

#[test]
fn broken_pipe_is_quiet_success() {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("apigw-cost"))
        .current_dir(fixtures())
        .args([
            "compare",
            "orders.toml",
            "orders.toml",
            "orders.toml",
            "--format",
            "json",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let err = stderr_of(&mut child);
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "{err}");
    assert!(err.is_empty(), "{err}");
}

#[test]
fn recommend_in_every_format() {
    for format in ["table", "csv", "json", "markdown"] {
        let (out, err) = run(
            &[
                "recommend",
                "low-volume.toml",
                "--top",
                "3",
                "--format",
                format,
            ],
            0,
        );
        assert!(err.is_empty(), "{err}");
        insta::assert_snapshot!(format!("recommend_low_volume_{format}"), out);
    }
    let (_, err) = run(&["recommend", "low-volume.toml", "--top", "0"], 2);
    assert!(err.contains("--top"), "{err}");
}

#[test]
fn an_unknown_layout_pattern_is_refused_by_every_command_alike() {
    let expected = error_of(&["estimate", "unknown-arch.toml"]);
    assert!(
        expected.starts_with("error: unknown architecture `R9`\n  --> unknown-arch.toml:5:16"),
        "{expected}"
    );
    for args in [
        &["compare", "unknown-arch.toml"][..],
        &["recommend", "unknown-arch.toml"],
        &["sweep", "unknown-arch.toml", "--vary", "topology.apis=1..3"],
        &[
            "sweep",
            "unknown-arch.toml",
            "--vary",
            "topology.apis=1..3",
            "--format",
            "json",
        ],
    ] {
        assert_eq!(error_of(args), expected, "{args:?}");
    }
    let status = ["error: unknown-arch.toml (1 problem)"];
    let err = validate_error_of(&["validate", "unknown-arch.toml"], &status);
    assert_eq!(err, expected);
}

#[test]
fn compare_and_recommend_report_the_problems_of_every_scenario() {
    // product.md: the bad files are reported, the good one still priced and printed, exit 1.
    for command in ["estimate", "compare", "recommend"] {
        let (out, err) = run(
            &[command, "mars.toml", "orders.toml", "unknown-arch.toml"],
            1,
        );
        assert!(
            out.starts_with("orders (us-east-1, 730 h a month)"),
            "{command}: {out}"
        );
        assert!(err.contains("  --> mars.toml:1:10"), "{command}: {err}");
        assert!(
            err.contains("  --> unknown-arch.toml:5:16"),
            "{command}: {err}"
        );
        assert!(err.ends_with("\n\n2 problems found\n"), "{command}: {err}");
    }
}

/// Writes `text` to a file in a fresh folder and runs `validate` on it: (file, stderr).
fn validate_text(text: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("s.toml");
    std::fs::write(&file, text).unwrap();
    let out = cmd()
        .current_dir(dir.path())
        .args(["validate", "s.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let status = String::from_utf8(out.stdout).unwrap();
    assert!(status.starts_with("error: s.toml ("), "{status}");
    String::from_utf8(out.stderr).unwrap()
}

#[cfg(unix)]
#[test]
fn endless_and_oversized_inputs_are_refused_naming_the_limit() {
    let err = validate_error_of(
        &["validate", "/dev/zero"],
        &["error: /dev/zero (1 problem)"],
    );
    assert_eq!(
        err,
        "error: `/dev/zero` is larger than 1 MiB, the most a scenario file or price table may hold\n  --> /dev/zero\n   = help: scenario files and price tables are a few KB: is this the file you meant?\n"
    );
    let err = error_of(&["estimate", "orders.toml", "--prices", "/dev/zero"]);
    assert!(
        err.starts_with("error: `/dev/zero` is larger than 1 MiB"),
        "{err}"
    );
}

#[test]
fn bad_bytes_and_deep_nesting_are_located_and_never_echoed_whole() {
    let err = validate_text(b"region = \"us-east-1\"\nname = \"caf\xe9\"\n");
    assert!(
        err.starts_with("error: `s.toml` is not UTF-8 text (the byte 0xE9)\n  --> s.toml:2:12\n"),
        "{err}"
    );
    let deep = format!(
        "region = \"us-east-1\"\nx = {}{}\n",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    let err = validate_text(deep.as_bytes());
    assert!(
        err.starts_with("error: invalid TOML: cannot recurse further"),
        "{err}"
    );
    assert!(err.contains("--> s.toml:2:"), "{err}");
    assert!(err.lines().all(|l| l.chars().count() <= 120), "{err}");
    let dotted = format!(
        "region = \"us-east-1\"\n[traffic]\n{} = 1\n",
        vec!["a"; 5000].join(".")
    );
    let err = validate_text(dotted.as_bytes());
    assert!(
        err.starts_with("error: invalid TOML: recursion limit\n  --> s.toml:3:160\n"),
        "{err}"
    );
    assert!(err.lines().all(|l| l.chars().count() <= 120), "{err}");
}

#[test]
fn thousands_of_problems_show_the_first_twenty_and_count_the_rest() {
    let mut text = String::from("region = \"us-east-1\"\n[traffic]\nrequests_per_month = 1\n");
    for i in 0..30_000 {
        text.push_str(&format!("k{i} = 1\n"));
    }
    let err = validate_text(text.as_bytes());
    assert_eq!(err.matches("error: unknown key").count(), 20);
    assert!(
        err.contains("  --> s.toml:4:1\n") && err.contains("  --> s.toml:23:1\n"),
        "{err}"
    );
    // The first 100 are kept (issue 22: memory no longer grows with the problems), the rest
    // counted on one line; the total is still every problem.
    assert!(
        err.contains("error: … and 29,900 more problems in this file, not listed (the first 100 are)\n  --> s.toml\n"),
        "{err}"
    );
    assert!(
        err.ends_with("\n\n… and 80 more problems\n\n30,000 problems found\n"),
        "{}",
        &err[err.len() - 200..]
    );
}

#[test]
fn validate_reports_every_file_with_its_problems_as_json_and_csv() {
    let out = cmd()
        .args([
            "validate",
            "typo.toml",
            "mars.toml",
            "orders.toml",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with("error: ") && err.ends_with("in 2 of 3 files (listed in the report)\n"),
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["valid"], serde_json::json!(["orders.toml"]));
    let files = v["files"].as_array().unwrap();
    let status: Vec<&str> = files
        .iter()
        .map(|f| f["status"].as_str().unwrap())
        .collect();
    assert_eq!(status, ["error", "error", "ok"]);
    let mars = &files[1]["problems"][0];
    assert_eq!(mars["file"], "mars.toml");
    assert_eq!(
        (mars["line"].as_u64(), mars["column"].as_u64()),
        (Some(1), Some(10))
    );
    assert!(
        mars["message"]
            .as_str()
            .unwrap()
            .starts_with("no price table for Region")
    );
    assert!(mars["help"].is_string());
    let typo = files[0]["problems"].as_array().unwrap();
    assert!(typo.len() > 1, "every problem of the file: {typo:?}");
    assert_eq!(files[2]["problems"], serde_json::json!([]));

    let out = cmd()
        .args([
            "validate",
            "typo.toml",
            "empty.toml",
            "orders.toml",
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let mut rows = csv::Reader::from_reader(out.stdout.as_slice());
    assert_eq!(
        rows.headers().unwrap(),
        vec!["file", "status", "line", "column", "message", "help"]
    );
    let rows: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    assert!(
        rows.iter()
            .any(|r| &r[0] == "typo.toml" && &r[1] == "error" && &r[2] == "4")
    );
    // A problem with the whole file has no line.
    assert!(rows.iter().any(|r| &r[0] == "empty.toml"
        && r[2].is_empty()
        && &r[4] == "the scenario file is empty"));
    assert_eq!(
        rows.last().unwrap().iter().collect::<Vec<_>>(),
        ["orders.toml", "ok", "", "", "", ""]
    );
    // All valid: exit 0, every file ok.
    let (out, err) = run(
        &[
            "validate",
            "orders.toml",
            "low-volume.toml",
            "--format",
            "json",
        ],
        0,
    );
    assert!(err.is_empty());
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["valid"].as_array().unwrap().len(), 2);
}

#[test]
fn one_of_a_thing_is_never_plural() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("one.toml"),
        "name = \"one\"\nregion = \"us-east-1\"\n[traffic]\nrequests_per_month = 1000\n\
         [topology]\navailability_zones = 2\nconsumer_vpcs = 1\nbackend_services = 1\nbackend_accounts = 2\n\
         [requirements]\nmin_availability_zones = 1\n[layout]\narchitecture = \"R6\"\n",
    )
    .unwrap();
    let mut all = String::new();
    for command in ["estimate", "compare", "recommend"] {
        for format in ["table", "json"] {
            let out = cmd()
                .current_dir(dir.path())
                .args([command, "one.toml", "--format", format])
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            all.push_str(&String::from_utf8(out.stdout).unwrap());
        }
    }
    assert!(
        all.contains("1 consumer endpoint + 1 backend-service endpoint"),
        "{all}"
    );
    assert!(all.contains("1 AZ instead of 2"), "{all}");
    for plural in [
        "1 consumer endpoints",
        "1 backend-service endpoints",
        "1 AZs",
        "1 patterns",
        "1 feasible layouts",
        "1 consumer VPCs",
        "1 backend accounts",
        "1 endpoints",
    ] {
        assert!(!all.contains(plural), "{plural}");
    }
}

#[test]
fn recommend_honours_totals_and_other_commands_refuse_it() {
    let (out, _) = run(
        &[
            "recommend",
            "low-volume.toml",
            "--top",
            "2",
            "--format",
            "csv",
            "--totals",
        ],
        0,
    );
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some("scenario,architecture,monthly_cost,rank,layout,saving")
    );
    assert_eq!(
        lines.next(),
        Some("reports,R5,60.23,current,private REST · endpoint per VPC · NLB · 3 AZs,0")
    );
    assert_eq!(lines.count(), 2, "{out}");
    let (_, err) = run(&["architectures", "--format", "csv", "--totals"], 2);
    assert_eq!(
        err,
        "error: --totals applies to estimate, compare and recommend, not to architectures\n"
    );
    let sweep = "sweep orders.toml --vary topology.apis=1..3 --format csv --totals";
    let (_, err) = run(&sweep.split(' ').collect::<Vec<_>>(), 2);
    assert_eq!(
        err,
        "error: --totals applies to estimate, compare and recommend, not to sweep\n"
    );
}

#[test]
fn csv_estimates_say_their_warnings_on_standard_error() {
    // CSV has no place for them; the table shows them under Warnings.
    let (table, _) = run(&["estimate", "breaks-requirements.toml"], 0);
    let broken = "breaks a requirement: HTTP APIs lack `api-keys` (requirements.rest_features)";
    assert!(table.contains(broken), "{table}");
    for totals in [&[][..], &["--totals"][..]] {
        let args = [
            &["estimate", "breaks-requirements.toml", "--format", "csv"][..],
            totals,
        ]
        .concat();
        let (out, err) = run(&args, 0);
        assert!(out.starts_with("scenario,architecture,"), "{out}");
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 3, "{err}");
        assert!(
            lines.contains(&format!("warning: breaks-requirements: H1: {broken}").as_str()),
            "{err}"
        );
        assert!(
            lines
                .iter()
                .all(|l| l.starts_with("warning: breaks-requirements: H1: "))
        );
    }
}

const PRIVATE_DNS: &str = "warning: orders: R5: private DNS is on for the execute-api endpoint: public (regional and edge-optimized) APIs are unreachable from those VPCs (layout.private_dns)\n";

#[test]
fn recommend_json_spells_layout_choices_in_kebab_case() {
    let (out, _) = run(&["recommend", "low-volume.toml", "--format", "json"], 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let s = &v["scenarios"][0];
    let current = &s["current"]["layout"];
    assert_eq!(current["api"], "private-rest");
    assert_eq!(current["endpoints"], "per-vpc");
    assert_eq!(current["integration"], "nlb");
    assert_eq!(current["load_balancers"], 1);
    assert_eq!(current["backend_reach"], "same-account");
    // A VPC Lambda has no load balancer to count.
    let lambda = &s["recommendations"][0]["layout"];
    assert_eq!(lambda["integration"], "lambda-proxy");
    assert!(lambda["load_balancers"].is_null(), "{lambda}");
}

#[test]
fn markdown_shows_a_name_as_written() {
    for command in ["estimate", "compare", "recommend"] {
        let (md, _) = run(&[command, "markdown-name.toml", "--format", "markdown"], 0);
        assert!(
            md.starts_with("## my\\_api \\*beta\\* (us-east-1"),
            "{command}: {md}"
        );
    }
}
