//! Usage profiles (`[profiles.NAME.SECTION]`) against the real binary: a profile's estimate is,
//! to the cent and in every format, the estimate of the scenario file with its values written
//! in (the files written here by hand, not by the code under test); `validate` checks a
//! profile's keys at the profile's own lines; `--profile` refuses a name the file lacks.

use crate::support::{cmd_in, d, root, run_in};
use std::path::Path;

const SHIPPED: &str = "scenarios/h1-inventory-ranges.toml";
const FILE: &str = "h1-inventory-ranges.toml";

/// The shipped scenario without its profiles, with `edits` (line prefix, whole new line) made
/// by hand: the scenario a profile stands for, written out.
fn written_in(edits: &[(&str, &str)]) -> String {
    let text = std::fs::read_to_string(root().join(SHIPPED)).unwrap();
    let body = text
        .split("# The scenario above is the `base` profile")
        .next()
        .unwrap();
    let mut out = String::new();
    for line in body.lines() {
        match edits.iter().find(|(prefix, _)| line.starts_with(prefix)) {
            Some((_, new)) => out.push_str(new),
            None => out.push_str(line),
        }
        out.push('\n');
    }
    assert_eq!(
        out.lines()
            .filter(|l| edits.iter().any(|(_, n)| l == n))
            .count(),
        edits.len(),
        "every edit made once"
    );
    out
}

/// The profiles of the shipped scenario, each written in by hand.
fn profiles() -> Vec<(&'static str, String)> {
    vec![
        (
            "low",
            written_in(&[("requests_per_month", "requests_per_month = 2_000_000")]),
        ),
        (
            "high",
            written_in(&[
                ("requests_per_month", "requests_per_month = 400_000_000"),
                ("response_kb", "response_kb = 8"),
                ("peak_to_average", "peak_to_average = 4"),
            ]),
        ),
        ("base", written_in(&[])),
    ]
}

/// Two folders holding a file of the same name: the shipped scenario, and `text`.
fn folders(text: &str) -> (tempfile::TempDir, tempfile::TempDir) {
    let (with, without) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    std::fs::copy(root().join(SHIPPED), with.path().join(FILE)).unwrap();
    std::fs::write(without.path().join(FILE), text).unwrap();
    (with, without)
}

fn stdout(dir: &Path, args: &[&str]) -> String {
    run_in(dir, args, 0).0
}

#[test]
fn a_profile_prices_as_the_scenario_with_its_values_written_in_in_every_format() {
    for (name, text) in profiles() {
        let (with, without) = folders(&text);
        for command in ["estimate", "compare", "recommend"] {
            for format in ["table", "json", "csv", "markdown"] {
                let args = [command, FILE, "--format", format];
                let mut profiled = args.to_vec();
                profiled.extend(["--profile", name]);
                assert_eq!(
                    stdout(with.path(), &profiled),
                    stdout(without.path(), &args),
                    "{command} --format {format} --profile {name}"
                );
            }
        }
    }
}

/// The JSON of every profile priced together: (profile, monthly_cost) of the scenario's layout.
fn profile_costs(json: &str) -> Vec<(String, String)> {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    let e = &v["scenarios"][0]["estimates"][0];
    let mut out = vec![(
        "base".to_owned(),
        e["monthly_cost"].as_str().unwrap().to_owned(),
    )];
    for (k, p) in e["profiles"].as_object().unwrap() {
        out.push((k.clone(), p["monthly_cost"].as_str().unwrap().to_owned()));
    }
    out
}

/// Every cell of every sheet of a workbook, by sheet name, in order.
fn cells(file: &Path) -> Vec<(String, Vec<String>)> {
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(file).unwrap();
    wb.sheet_names()
        .into_iter()
        .map(|n| {
            let range = wb.worksheet_range(&n).unwrap();
            let cells = range
                .cells()
                .map(|(r, c, v)| format!("{r},{c}: {v:?}"))
                .collect();
            (n, cells)
        })
        .collect()
}

#[test]
fn a_profiles_workbook_is_the_written_in_files_workbook() {
    for (name, text) in profiles() {
        let (with, without) = folders(&text);
        for command in ["estimate", "compare"] {
            let out = |dir: &Path, profile: &[&str]| {
                let file = dir.join(format!("{command}.xlsx"));
                let mut args = vec![command, FILE, "--format", "xlsx", "--output"];
                let path = file.to_str().unwrap().to_owned();
                args.push(&path);
                args.extend(profile);
                run_in(dir, &args, 0);
                cells(&file)
            };
            let profiled = out(with.path(), &["--profile", name]);
            assert!(profiled.iter().any(|(n, _)| n == "Inputs"));
            assert_eq!(
                profiled,
                out(without.path(), &[]),
                "{command} --profile {name}"
            );
        }
    }
}

#[test]
fn every_profile_priced_together_equals_each_written_in_file() {
    let (with, _) = folders("");
    let together = profile_costs(&stdout(
        with.path(),
        &["estimate", FILE, "--format", "json"],
    ));
    let names: Vec<&str> = together.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["base", "low", "high"]);
    let csv = stdout(with.path(), &["estimate", FILE, "--format", "csv"]);
    for (name, text) in profiles() {
        let (_, without) = folders(&text);
        let alone = stdout(without.path(), &["estimate", FILE, "--format", "json"]);
        let v: serde_json::Value = serde_json::from_str(&alone).unwrap();
        let cost = &v["scenarios"][0]["estimates"][0]["monthly_cost"];
        let found = together.iter().find(|(n, _)| n == name).unwrap();
        assert_eq!(found.1, cost.as_str().unwrap(), "{name}");
        // The CSV's rows of this profile are the written-in file's rows, to the cent.
        let alone = stdout(without.path(), &["estimate", FILE, "--format", "csv"]);
        let rows: Vec<String> = csv
            .lines()
            .filter_map(|l| l.strip_suffix(&format!(",{name}")).map(str::to_owned))
            .collect();
        let expected: Vec<&str> = alone.lines().skip(1).collect();
        assert_eq!(rows, expected, "{name}");
    }
}

#[test]
fn the_high_profile_is_priced_by_hand() {
    let out = stdout(
        &root().join("scenarios"),
        &["estimate", FILE, "--format", "json", "--profile", "high"],
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let items = v["scenarios"][0]["estimates"][0]["line_items"]
        .as_array()
        .unwrap();
    let cost = |component: &str| {
        let item = items.iter().find(|i| i["component"] == component).unwrap();
        d(item["monthly_cost"].as_str().unwrap())
    };
    // 400 million HTTP API requests: 300 million at $1.00, 100 million at $0.90.
    assert_eq!(cost("http-requests"), d("390"));
    // 3 consumer VPCs × 2 AZs × 730 h × $0.045, whatever the traffic.
    assert_eq!(cost("nat-gateway-hours"), d("197.1"));
    // 400,000,000 × (1 + 8) KB ÷ 1,048,576 KB per GB = 3,433.2275390625 GB × $0.045.
    assert_eq!(cost("nat-gateway-data"), d("154.4952392578125"));
}

#[test]
fn compare_shows_each_patterns_rank_in_every_profile() {
    let out = stdout(
        &root().join("scenarios"),
        &["compare", FILE, "--format", "json"],
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let estimates = v["scenarios"][0]["estimates"].as_array().unwrap();
    let rank = |id: &str, profile: &str| {
        let e = estimates.iter().find(|e| e["architecture"] == id).unwrap();
        e["profiles"][profile]["rank"].as_u64().unwrap()
    };
    // NAT gateway hours dominate a quiet month, HTTP's cheaper requests a busy one.
    assert_eq!(estimates[0]["architecture"], "R5-lambda");
    assert_eq!(rank("R5-lambda", "low"), 1);
    assert_eq!(rank("H1", "high"), 1);
    assert!(rank("H1", "low") > 5);
}

fn validate(text: &str) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("s.toml"), text).unwrap();
    let out = cmd_in(dir.path())
        .args(["validate", "s.toml"])
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn validate_checks_profile_keys_at_the_profiles_own_lines() {
    let (code, err) = validate(
        "region = \"us-east-1\"\n[traffic]\nrequests_per_month = 1_000_000\n\
         [layout]\narchitecture = \"R5\"\n\
         [profiles.low.traffic]\nrequests_per_mont = 5\n\
         [profiles.high.traffic]\nrequests_per_month = -3\n\
         [profiles.base.traffic]\nrequests_per_month = 3\n",
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(
            "error: profile `low`: unknown key `requests_per_mont` in [traffic]\n  --> s.toml:7:1\n"
        ),
        "{err}"
    );
    assert!(err.contains("did you mean `requests_per_month`?"), "{err}");
    assert!(
        err.contains("error: profile `high`: `requests_per_month` in [traffic] must be a number"),
        "{err}"
    );
    assert!(err.contains("  --> s.toml:9:22\n"), "{err}");
    assert!(
        err.contains("error: `base` is the scenario itself and cannot be a profile's name\n  --> s.toml:10:11\n"),
        "{err}"
    );
    assert_eq!(err.matches("error: ").count(), 3, "{err}");
}

#[test]
fn a_problem_in_the_scenarios_own_lines_is_reported_once() {
    let (code, err) = validate(
        "region = \"us-east-1\"\n[traffic]\nrequests_per_month = 1_000_000\nrequest_kbb = 2\n\
         [layout]\narchitecture = \"R5\"\n\
         [profiles.low.traffic]\nrequests_per_month = 5\n\
         [profiles.high.traffic]\nrequests_per_month = 50\n",
    );
    assert_eq!(code, 1, "{err}");
    assert_eq!(err.matches("unknown key `request_kbb`").count(), 1, "{err}");
}

#[test]
fn an_unknown_profile_name_lists_the_names() {
    let (_, err) = run_in(
        &root().join("scenarios"),
        &["estimate", FILE, "--profile", "hgh"],
        1,
    );
    assert!(
        err.contains("error: no profile `hgh` in scenario `inventory-ranges`"),
        "{err}"
    );
    assert!(
        err.contains("help: did you mean `high`? Its profiles: base, low, high"),
        "{err}"
    );
    let (_, err) = run_in(
        &root().join("scenarios"),
        &["validate", FILE, "--profile", "low"],
        2,
    );
    assert!(err.contains("--profile applies to"), "{err}");
}

#[test]
fn a_recommendation_says_in_which_profiles_it_stays_cheapest_and_where_that_ends() {
    let out = stdout(
        &root().join("scenarios"),
        &["recommend", FILE, "--format", "json"],
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let a = &v["scenarios"][0];
    assert_eq!(a["profiles"], serde_json::json!(["base", "low", "high"]));
    let first = &a["recommendations"][0];
    assert_eq!(first["architecture"], "R5-lambda");
    assert_eq!(first["cheapest_in"], serde_json::json!(["base", "low"]));
    // Its cost in the low profile is the low profile's own estimate of that pattern.
    let low = stdout(
        &root().join("scenarios"),
        &[
            "estimate",
            FILE,
            "--format",
            "json",
            "--profile",
            "low",
            "-a",
            "R5-lambda",
        ],
    );
    let low: serde_json::Value = serde_json::from_str(&low).unwrap();
    assert_eq!(
        first["profiles"]["low"]["monthly_cost"],
        low["scenarios"][0]["estimates"][0]["monthly_cost"]
    );
    // The cheapest in the high profile is cheaper there than R5-lambda, and named.
    let high = &a["cheapest_by_profile"]["high"];
    assert!(
        d(high["monthly_cost"].as_str().unwrap())
            < d(first["profiles"]["high"]["monthly_cost"].as_str().unwrap())
    );
    let crossing = &a["profile_break_evens"][0];
    assert_eq!(
        (&crossing["from"], &crossing["to"]),
        (&"base".into(), &"high".into())
    );
    let at = d(crossing["at"]["traffic.requests_per_month"]
        .as_str()
        .unwrap());
    assert!(at > d("20000000") && at < d("400000000"), "{at}");
}

#[test]
fn a_profiles_unknown_pattern_is_reported_beside_another_profiles_problem() {
    let (code, err) = validate(
        "region = \"us-east-1\"\n[traffic]\nrequests_per_month = 1_000_000\n\
         [layout]\narchitecture = \"R5\"\n\
         [profiles.x.layout]\narchitecture = \"R9\"\n\
         [profiles.y.traffic]\nrequests_per_month = 1e16\n",
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("error: profile `x`: unknown architecture `R9`\n  --> s.toml:7:16\n"),
        "{err}"
    );
    assert!(
        err.contains("error: profile `y`: `requests_per_month`"),
        "{err}"
    );
}
