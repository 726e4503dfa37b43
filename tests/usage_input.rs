//! `--usage FILE` given a bill: the input (infrastructure code or a scenario) is calibrated on
//! it as `calibrate` would, and priced. Checked against `calibrate`'s own written scenario to
//! the cent, on a hand-built bill (tests/fixtures/bill/rest-private.csv) and on a real one of
//! the development subset of `../shared/bill-samples/` (skipped visibly when absent).

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::{root, run_in};

/// The first estimate of `estimate ARGS --format json`, and standard error.
fn estimate(args: &[&str]) -> (Value, String) {
    let mut all = vec!["estimate", "--format", "json"];
    all.extend_from_slice(args);
    let (out, err) = run_in(root(), &all, 0);
    let json: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}:\n{out}"));
    (json["scenarios"][0]["estimates"][0].clone(), err)
}

/// `calibrate SCENARIO --bill BILL`'s written scenario, in `dir`.
fn calibrated(dir: &Path, scenario: &Path, bill: &str) -> PathBuf {
    let out = dir.join("calibrated.toml");
    let args = [
        "calibrate",
        scenario.to_str().unwrap(),
        "--bill",
        bill,
        "--output",
        out.to_str().unwrap(),
    ];
    run_in(root(), &args, 0);
    out
}

/// `scan INPUT` written to a file in `dir`.
fn scanned(dir: &Path, input: &str) -> PathBuf {
    let out = dir.join("scanned.toml");
    run_in(
        root(),
        &["scan", input, "--output", out.to_str().unwrap()],
        0,
    );
    out
}

/// `estimate INPUT --usage BILL` against `estimate` of `calibrate`'s scenario for the same
/// scenario (`scan INPUT`'s, for infrastructure code): the same lines, to the last digit.
fn same_as_calibrate(input: &str, bill: &str) -> (Value, String) {
    let dir = tempfile::tempdir().unwrap();
    let scenario = if input.ends_with(".toml") {
        root().join(input)
    } else {
        scanned(dir.path(), input)
    };
    let written = calibrated(dir.path(), &scenario, bill);
    let (want, _) = estimate(&[written.to_str().unwrap()]);
    let (got, err) = estimate(&[input, "--usage", bill]);
    assert_eq!(
        got["monthly_cost"], want["monthly_cost"],
        "{got:#}\n{want:#}"
    );
    assert_eq!(got["line_items"], want["line_items"]);
    (got, err)
}

fn line<'a>(estimate: &'a Value, component: &str) -> &'a Value {
    estimate["line_items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["component"] == component)
        .unwrap_or_else(|| panic!("no {component} in {estimate:#}"))
}

const HAND_BILL: &str = "tests/fixtures/bill/rest-private.csv";

#[test]
fn a_bill_calibrates_infrastructure_code_as_calibrate_does() {
    let (got, err) = same_as_calibrate("tests/fixtures/iac/rest-private-nlb.yaml", HAND_BILL);
    // 5 M + 7 M requests in 24 hours: 12 M × 730 / 24 = 365 M a month; 333 M at $3.50 a
    // million and 32 M at $2.80 = $1,165.50 + $89.60.
    let rest = line(&got, "rest-requests");
    assert_eq!(rest["quantity"], "365");
    assert_eq!(rest["monthly_cost"], "1255.1");
    // The key's provenance names the bill's rows; the requests are no longer assumed.
    assert!(
        err.contains("traffic.requests_per_month = 365000000 from the --usage bill: tests/fixtures/bill/rest-private.csv, 2 rows ApiGatewayRequest ApiGatewayRequest"),
        "{err}"
    );
    assert!(
        !err.contains("requests_per_month = 1000000 is assumed"),
        "{err}"
    );
}

#[test]
fn a_bill_calibrates_a_scenario_file_as_calibrate_does() {
    let (got, _) = same_as_calibrate(
        "tests/fixtures/bill/orders-alb.toml",
        "tests/fixtures/bill/cur-legacy.csv.gz",
    );
    // 491.5 LCU-hours over the bill's 24 hours: 20.479167 an hour, 730 hours a month.
    let alb = line(&got, "alb-capacity");
    assert_eq!(alb["quantity"], "14949.79191");
}

#[test]
fn scan_writes_the_bills_keys_with_their_rows() {
    let args = [
        "scan",
        "tests/fixtures/iac/rest-private-nlb.yaml",
        "--usage",
        HAND_BILL,
        "--format",
        "json",
    ];
    let (out, err) = run_in(root(), &args, 0);
    let json: Value = serde_json::from_str(&out).unwrap();
    let set = json["derived"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["key"] == "traffic.requests_per_month")
        .unwrap_or_else(|| panic!("{json:#}"));
    assert_eq!(set["value"], 365_000_000);
    assert_eq!(set["from"][0]["file"], HAND_BILL);
    assert_eq!(
        set["from"][0]["resource"],
        "ApiGatewayRequest ApiGatewayRequest"
    );
    assert_eq!(set["from"][0]["type"], "2 rows");
    assert!(
        !json["assumed"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["key"] == "traffic.requests_per_month"),
        "{json:#}"
    );
    // What the bill cannot tell is said.
    assert!(
        err.contains(
            "warning: --usage bill: how the payload splits into request and response: endpoint-data's bytes fix their sum"
        ),
        "{err}"
    );
}

#[test]
fn a_real_bill_calibrates_a_real_plan() {
    let bill = root().join("../shared/bill-samples/wa-labs-workload-efficiency-2019/Step1CUR.gz");
    let plan = root().join("../shared/iac-samples/T3-apigw-vpclink-pvt-alb-terraform/plan.json");
    if !bill.is_file() || !plan.is_file() {
        eprintln!(
            "a_real_bill_calibrates_a_real_plan: skipped: {} or {} is absent (../shared is kept outside the repository)",
            bill.display(),
            plan.display()
        );
        return;
    }
    let (got, err) = same_as_calibrate(plan.to_str().unwrap(), bill.to_str().unwrap());
    // The lab's ALB: 584.973886047 LCU-hours in 24 hourly LCUUsage rows (summed with awk over
    // the file), 24.373912 an hour, 730 hours a month.
    assert_eq!(got["architecture"], "H1");
    assert_eq!(line(&got, "alb-capacity")["quantity"], "17792.95576");
    assert!(
        err.contains("traffic.processed_gb_per_hour = 24.373912 from the --usage bill"),
        "{err}"
    );
    // The lab's bill holds no API Gateway rows: the requests stay assumed, and that is said.
    assert!(
        err.contains("the bill has no API Gateway requests"),
        "{err}"
    );
}

#[test]
fn a_bill_and_a_scenario_are_told_apart_by_content() {
    let dir = tempfile::tempdir().unwrap();
    // A bill named .toml is still a bill; a scenario named .csv is still a scenario.
    let bill = dir.path().join("bill.toml");
    std::fs::copy(root().join(HAND_BILL), &bill).unwrap();
    let traffic = dir.path().join("traffic.csv");
    std::fs::copy(root().join("tests/fixtures/iac/traffic.toml"), &traffic).unwrap();
    let input = "tests/fixtures/iac/rest-private-nlb.yaml";
    let (by_bill, _) = estimate(&[input, "--usage", bill.to_str().unwrap()]);
    assert_eq!(line(&by_bill, "rest-requests")["quantity"], "365");
    let (by_scenario, _) = estimate(&[input, "--usage", traffic.to_str().unwrap()]);
    assert_eq!(line(&by_scenario, "rest-requests")["quantity"], "300");
}

/// `estimate ARGS --format json`'s whole first scenario.
fn scenario_json(args: &[&str]) -> Value {
    let mut all = vec!["estimate", "--format", "json"];
    all.extend_from_slice(args);
    let (out, _) = run_in(root(), &all, 0);
    let json: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}:\n{out}"));
    json["scenarios"][0].clone()
}

#[test]
fn scan_carries_the_usage_scenarios_profiles() {
    let code = "tests/fixtures/iac/rest-private-nlb.yaml";
    let usage = "tests/fixtures/iac/traffic-ranges.toml";
    let (toml, _) = run_in(root(), &["scan", code, "--usage", usage], 0);
    assert!(
        toml.contains("[profiles.low.traffic]\nrequests_per_month = 30000000  # from --usage\n"),
        "{toml}"
    );
    assert!(
        toml.contains("[profiles.high.traffic]\nrequests_per_month = 900000000  # from --usage\nresponse_kb = 16  # from --usage\n"),
        "{toml}"
    );
    // Each profile prices as the code completed by a usage file with its values written in.
    let ranged = scenario_json(&[code, "--usage", usage]);
    assert_eq!(ranged["profiles"], serde_json::json!(["low", "high"]));
    let dir = tempfile::tempdir().unwrap();
    let high = dir.path().join("high.toml");
    std::fs::write(
        &high,
        "name = \"orders-ranges\"\n[traffic]\nrequests_per_month = 900_000_000\nrequest_kb = 2\nresponse_kb = 16\n",
    )
    .unwrap();
    let written = scenario_json(&[code, "--usage", high.to_str().unwrap()]);
    assert_eq!(
        ranged["estimates"][0]["profiles"]["high"]["monthly_cost"],
        written["estimates"][0]["monthly_cost"]
    );
}

#[test]
fn calibrate_and_a_usage_bill_keep_the_scenarios_profiles() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = root().join("scenarios/h1-inventory-ranges.toml");
    let bill = "tests/fixtures/bill/cur-legacy.csv.gz";
    let written = calibrated(dir.path(), &scenario, bill);
    let text = std::fs::read_to_string(&written).unwrap();
    assert!(
        text.contains("[profiles.low.traffic]\nrequests_per_month = 2000000\n"),
        "{text}"
    );
    assert!(text.contains("[profiles.high.traffic]\nrequests_per_month = 400000000\nresponse_kb = 8\npeak_to_average = 4\n"), "{text}");
    // --usage BILL prices the profiles of the calibrated scenario, as estimate of the file does.
    let want = scenario_json(&[written.to_str().unwrap()]);
    let got = scenario_json(&["scenarios/h1-inventory-ranges.toml", "--usage", bill]);
    assert_eq!(got["profiles"], serde_json::json!(["low", "high"]));
    assert_eq!(
        got["estimates"][0]["profiles"],
        want["estimates"][0]["profiles"]
    );
}

#[test]
fn a_bill_sets_the_traffic_of_a_scenario_without_a_layout_for_compare() {
    // No [layout]: the model has nothing to estimate the endpoint volumes against, so the
    // bill's own keys are set (its 365,000,000 requests a month) and compare prices every
    // pattern with them; what could not be set is said.
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("no-layout.toml");
    std::fs::write(
        &scenario,
        "name = \"no-layout\"\nregion = \"us-east-1\"\n[traffic]\nrequests_per_month = 1000\n",
    )
    .unwrap();
    let s = scenario.to_str().unwrap();
    let args = ["compare", s, "--usage", HAND_BILL, "--format", "json"];
    let (out, err) = run_in(root(), &args, 0);
    let json: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    let r1 = json["scenarios"][0]["estimates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["architecture"] == "R1")
        .unwrap_or_else(|| panic!("{json:#}"));
    let requests = r1["line_items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["component"] == "rest-requests")
        .unwrap();
    assert_eq!(requests["quantity"], "365", "{r1:#}"); // million requests
    assert!(
        err.contains("the scenario has no layout the model can price yet"),
        "{err}"
    );
}

#[test]
fn a_scenario_on_standard_input_is_calibrated_on_a_bill_as_the_same_file_is() {
    // `-` is read once: its keys are kept beside the bill's, as for the file itself.
    let file = "tests/fixtures/bill/orders-alb.toml";
    let args = |input: &'static str| {
        [
            "estimate", input, "--usage", HAND_BILL, "--format", "csv", "--totals",
        ]
    };
    let (from_file, _) = run_in(root(), &args(file), 0);
    let out = crate::support::cmd()
        .current_dir(root())
        .args(args("-"))
        .write_stdin(std::fs::read(root().join(file)).unwrap())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let got = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        got.lines().skip(1).collect::<Vec<_>>(),
        from_file.lines().skip(1).collect::<Vec<_>>()
    );
    assert!(from_file.lines().count() > 1, "{from_file}");
}
