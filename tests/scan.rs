//! `apigw-cost scan` and infrastructure code given to the pricing commands: the development
//! subset of `../shared/iac-samples/` (real templates and a real plan, read from there and
//! skipped visibly when absent) and the small fixtures in `tests/fixtures/iac/`, each checked
//! key by key against what a careful reader of the template derives; then the scanned
//! scenarios validated and priced, one total checked by hand.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::{root, run_in};

/// `../shared/iac-samples/`, or `None` with a note on standard error.
pub(crate) fn samples(test: &str) -> Option<PathBuf> {
    let dir = root().join("../shared/iac-samples");
    if dir.join("SOURCES.md").is_file() {
        Some(dir)
    } else {
        eprintln!(
            "{test}: skipped: the real templates are not at {} (they are kept outside the repository)",
            dir.display()
        );
        None
    }
}

/// `scan --format json` of `paths` (relative to the project root), exit 0.
pub(crate) fn scan_json(paths: &[&str]) -> Value {
    let mut args = vec!["scan", "--format", "json"];
    args.extend_from_slice(paths);
    let (out, _) = run_in(root(), &args, 0);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}:\n{out}"))
}

/// The derived value of `key`, and the file and line of its first origin.
/// The derived entry of `key` (its value, origins and note), or a panic showing the scan.
pub(crate) fn derived_entry<'a>(scan: &'a Value, key: &str) -> &'a Value {
    let found = scan["derived"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["key"] == key);
    found.unwrap_or_else(|| panic!("no derived {key} in {scan:#}"))
}

pub(crate) fn derived<'a>(scan: &'a Value, key: &str) -> &'a Value {
    &derived_entry(scan, key)["value"]
}

pub(crate) fn has_derived(scan: &Value, key: &str) -> bool {
    scan["derived"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["key"] == key)
}

pub(crate) fn unknown(scan: &Value, key: &str) -> bool {
    scan["unknown"]
        .as_array()
        .unwrap()
        .iter()
        .any(|u| u["key"] == key)
}

pub(crate) fn origin_line(scan: &Value, key: &str) -> u64 {
    derived_entry(scan, key)["from"][0]["line"]
        .as_u64()
        .unwrap()
}

/// The scanned scenario validates and prices: `estimate` of the same input exits 0.
pub(crate) fn prices(path: &str) -> Value {
    let (out, _) = run_in(root(), &["estimate", path, "--format", "json"], 0);
    serde_json::from_str(&out).unwrap()
}

pub(crate) fn sample(dir: &Path, rel: &str) -> String {
    dir.join(rel).display().to_string()
}

#[test]
fn c1_sam_private_rest_api_to_lambda_is_r1() {
    let Some(dir) = samples("c1") else { return };
    let path = sample(&dir, "C1-apigw-private-lambda/template.yaml");
    let scan = scan_json(&[&path]);
    assert_eq!(scan["layout"]["architecture"], "R1");
    assert_eq!(scan["layout"]["exact"], true);
    assert_eq!(derived(&scan, "topology.backend"), "lambda");
    assert_eq!(derived(&scan, "topology.apis"), 1);
    // `PrivateApi:` is on line 34; its mapping starts on the `Type` line.
    assert_eq!(origin_line(&scan, "layout.architecture"), 35);
    // The execute-api endpoint is a parameter only: its AZs and VPCs are not in the code.
    assert!(unknown(&scan, "topology.consumer_vpcs"));
    assert!(!has_derived(&scan, "topology.availability_zones"));
    // Hand calculation, us-east-1, the assumed 1 M requests of 1 KB + 1 KB, 2 AZs (default):
    // REST 1 M × $3.50/M = 3.5; endpoint 1 × 2 AZ × 730 h × $0.01 = 14.6;
    // endpoint data 2 M KB / 1,048,576 × $0.01 = 0.019073486328125.
    let est = prices(&path);
    let total = &est["scenarios"][0]["estimates"][0]["monthly_cost"];
    assert_eq!(total, "18.119073486328125");
}

#[test]
fn c3_edge_rest_api_with_cache_is_closest_r1_regional() {
    let Some(dir) = samples("c3") else { return };
    let path = sample(&dir, "C3-apigw-method-cache/template.yaml");
    let scan = scan_json(&[&path]);
    assert_eq!(scan["layout"]["architecture"], "R1-regional");
    assert_eq!(scan["layout"]["exact"], false);
    assert!(
        scan["layout"]["differs"][0]
            .as_str()
            .unwrap()
            .contains("EDGE")
    );
    assert_eq!(derived(&scan, "layout.cache_gb"), 0.5);
    assert_eq!(origin_line(&scan, "layout.cache_gb"), 55);
    assert_eq!(derived(&scan, "topology.backend"), "lambda");
    let est = prices(&path);
    let items = est["scenarios"][0]["estimates"][0]["line_items"]
        .as_array()
        .unwrap();
    assert!(
        items.iter().any(|i| i["component"] == "rest-cache"),
        "{items:?}"
    );
}

#[test]
fn c9_regional_rest_api_through_vpc_link_v2_to_alb_with_include() {
    let Some(dir) = samples("c9") else { return };
    let path = sample(&dir, "C9-apigw-rest-vpclink-pvt-alb-sam/template.yaml");
    let scan = scan_json(&[&path]);
    // The integration is only in api.yaml, pulled in by AWS::Include.
    assert_eq!(scan["layout"]["architecture"], "R5-alb-regional");
    assert_eq!(scan["layout"]["exact"], true);
    assert_eq!(derived(&scan, "topology.availability_zones"), 2);
    assert_eq!(derived(&scan, "topology.backend"), "ecs");
    assert_eq!(derived(&scan, "layout.load_balancers"), 1);
    prices(&path);
}

#[test]
fn c11_http_api_to_alb_listener_is_h1_with_unknown_subnets() {
    let Some(dir) = samples("c11") else { return };
    let path = sample(&dir, "C11-apigw-vpclink-pvt-alb/template.yml");
    let scan = scan_json(&[&path]);
    assert_eq!(scan["layout"]["architecture"], "H1");
    assert_eq!(derived(&scan, "topology.backend"), "ecs");
    // Subnets are a List parameter with no default: unknown, never guessed.
    assert!(unknown(&scan, "topology.availability_zones"));
    assert!(!has_derived(&scan, "topology.availability_zones"));
    prices(&path);
}

#[test]
fn c13_http_api_to_cloud_map_is_h2_in_three_azs() {
    let Some(dir) = samples("c13") else { return };
    let path = sample(
        &dir,
        "C13-http-api-cloudmap-ecs/APIGW-HTTP-private-integration-AWS-Cloudmap-ecs.yml",
    );
    let scan = scan_json(&[&path]);
    assert_eq!(scan["layout"]["architecture"], "H2");
    assert_eq!(derived(&scan, "topology.availability_zones"), 3);
    assert_eq!(derived(&scan, "topology.backend"), "ecs");
    let nat: Vec<&Value> = scan["not_modelled"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["type"] == "AWS::EC2::NatGateway")
        .collect();
    assert_eq!(nat.len(), 3);
    prices(&path);
}

#[test]
fn t3_terraform_plan_is_h1_in_us_east_1() {
    let Some(dir) = samples("t3") else { return };
    let path = sample(&dir, "T3-apigw-vpclink-pvt-alb-terraform/plan.json");
    let scan = scan_json(&[&path]);
    assert_eq!(scan["layout"]["architecture"], "H1");
    assert_eq!(derived(&scan, "region"), "us-east-1");
    assert_eq!(derived(&scan, "topology.availability_zones"), 2);
    assert_eq!(derived(&scan, "topology.backend"), "ecs");
    assert_eq!(scan["scenario"]["layout"]["architecture"], "H1");
    let types: Vec<&str> = scan["not_modelled"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["type"].as_str().unwrap())
        .collect();
    assert!(
        types.contains(&"aws_iam_role") && types.contains(&"aws_security_group"),
        "{types:?}"
    );
    prices(&path);
}

#[test]
fn terraform_fixtures_give_each_pattern_family() {
    let cases = [
        ("tests/fixtures/iac/plan-r5.json", "R5", "eu-west-1", 3),
        ("tests/fixtures/iac/plan-h2.json", "H2", "eu-central-1", 2),
        (
            "tests/fixtures/iac/plan-r5-nlb-alb-regional.json",
            "R5-nlb-alb-regional",
            "us-east-1",
            2,
        ),
    ];
    for (path, id, region, azs) in cases {
        let scan = scan_json(&[path]);
        assert_eq!(scan["layout"]["architecture"], id, "{path}");
        assert_eq!(scan["layout"]["exact"], true, "{path}");
        assert_eq!(derived(&scan, "region"), region, "{path}");
        assert_eq!(derived(&scan, "topology.availability_zones"), azs, "{path}");
        prices(path);
    }
    let r5 = scan_json(&["tests/fixtures/iac/plan-r5.json"]);
    assert_eq!(derived(&r5, "layout.nlb_listener"), "tls");
    assert_eq!(derived(&r5, "topology.consumer_vpcs"), 1);
    // The ALB the plan deletes is gone: one load balancer, the NLB.
    assert_eq!(derived(&r5, "layout.load_balancers"), 1);
    // State JSON (`values`, child modules, a data source skipped); no provider configuration,
    // so the Region is the one in the integration's ARN, which --region does not override.
    let args = [
        "scan",
        "tests/fixtures/iac/state-r1.json",
        "--region",
        "eu-west-1",
        "--format",
        "json",
    ];
    let (out, _) = run_in(root(), &args, 0);
    let state: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(state["layout"]["architecture"], "R1");
    assert_eq!(derived(&state, "region"), "ap-southeast-2");
    assert_eq!(state["derived"][0]["from"][0]["type"], "ARN");
    // A template's Region is --region's.
    let args = [
        "scan",
        "tests/fixtures/iac/http-alb.json",
        "--region",
        "eu-west-1",
        "--format",
        "json",
    ];
    let (out, _) = run_in(root(), &args, 0);
    let cfn: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(derived(&cfn, "region"), "eu-west-1");
    assert_eq!(cfn["derived"][0]["from"][0]["resource"], "--region");
    assert_eq!(derived(&state, "topology.availability_zones"), 2);
    assert!(
        state["assumed"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["key"] != "region")
    );
    let nlb_alb = scan_json(&["tests/fixtures/iac/plan-r5-nlb-alb-regional.json"]);
    assert_eq!(derived(&nlb_alb, "layout.cache_gb"), 1.6);
    assert_eq!(derived(&nlb_alb, "layout.nlb_listener"), "tcp");
    assert_eq!(derived(&nlb_alb, "topology.backend"), "alb");
}

#[test]
fn cloudformation_sam_and_cdk_fixtures() {
    let r5 = scan_json(&["tests/fixtures/iac/rest-private-nlb.yaml"]);
    assert_eq!(r5["layout"]["architecture"], "R5");
    // `!If [IsProd, ...]` with the Stage default `prod`: three subnets.
    assert_eq!(derived(&r5, "topology.availability_zones"), 3);
    assert_eq!(origin_line(&r5, "topology.availability_zones"), 15);
    assert_eq!(derived(&r5, "layout.private_dns"), true);
    // The `IsDev` topic's condition is undefined (unknown), so it is kept and listed.
    let listed: Vec<&str> = r5["not_modelled"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["resource"].as_str().unwrap())
        .collect();
    assert!(listed.contains(&"Queue"), "{listed:?}");
    let http = scan_json(&["tests/fixtures/iac/http-alb.json"]);
    assert_eq!(http["layout"]["architecture"], "H1");
    assert_eq!(derived(&http, "topology.availability_zones"), 2);
    let sam = scan_json(&["tests/fixtures/iac/sam-regional-lambda.yaml"]);
    assert_eq!(sam["layout"]["architecture"], "R1-regional");
    assert_eq!(sam["layout"]["exact"], true);
    assert_eq!(derived(&sam, "layout.cache_gb"), 6.1);
    // SAM's implicit API takes its endpoint type from Globals.Api; private DNS is off unless
    // the endpoint turns it on (CloudFormation's default).
    let globals = scan_json(&["tests/fixtures/iac/sam-globals.yaml"]);
    assert_eq!(globals["layout"]["architecture"], "R1");
    assert_eq!(derived(&globals, "topology.availability_zones"), 3);
    assert_eq!(derived(&globals, "layout.private_dns"), false);
    let cdk = scan_json(&["tests/fixtures/iac/cdk.out"]);
    assert_eq!(cdk["layout"]["architecture"], "R1");
    assert_eq!(derived(&cdk, "region"), "eu-west-1");
    assert_eq!(derived(&cdk, "topology.availability_zones"), 2);
    let nested = scan_json(&["tests/fixtures/iac/nested/root.yaml"]);
    // The endpoint's subnets come from the parent's Parameters.
    assert_eq!(derived(&nested, "topology.availability_zones"), 2);
    assert_eq!(derived(&nested, "topology.consumer_vpcs"), 1);
}

#[test]
fn unknown_intrinsic_is_a_warning_not_a_failure() {
    let (_, err) = run_in(
        root(),
        &["scan", "tests/fixtures/iac/rest-private-nlb.yaml"],
        0,
    );
    assert!(err.contains("unknown intrinsic Fn::Frobnicate"), "{err}");
    assert!(err.contains("rest-private-nlb.yaml:17"), "{err}");
}

#[test]
fn scanned_toml_validates_and_keeps_provenance_comments() {
    let (toml, _) = run_in(root(), &["scan", "tests/fixtures/iac/plan-r5.json"], 0);
    assert!(toml.contains("availability_zones = 3  # from tests/fixtures/iac/plan-r5.json:28, aws_vpc_endpoint aws_vpc_endpoint.execute_api, 3 subnets"), "{toml}");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("scanned.toml");
    std::fs::write(&file, &toml).unwrap();
    run_in(root(), &["validate", file.to_str().unwrap()], 0);
}

#[test]
fn usage_supplies_the_traffic_to_compare() {
    let args = [
        "compare",
        "tests/fixtures/iac/plan-r5.json",
        "--usage",
        "tests/fixtures/iac/traffic.toml",
        "--format",
        "json",
    ];
    let (out, err) = run_in(root(), &args, 0);
    assert!(!err.contains("is assumed"), "{err}");
    let json: Value = serde_json::from_str(&out).unwrap();
    let s = &json["scenarios"][0];
    assert_eq!(s["scenario"], "orders-from-code");
    assert_eq!(s["region"], "eu-west-1");
    // 300 M requests: the REST line prices the usage's volume, not the assumption.
    let r5 = s["estimates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["architecture"] == "R5")
        .unwrap();
    let rest = r5["line_items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["component"] == "rest-requests")
        .unwrap();
    assert_eq!(rest["quantity"], "300", "millions: {rest}");
    // Without --usage the assumption is said on standard error.
    let (_, err) = run_in(root(), &["estimate", "tests/fixtures/iac/plan-r5.json"], 0);
    assert!(
        err.contains("traffic.requests_per_month = 1000000 is assumed"),
        "{err}"
    );
}

#[test]
fn sweep_and_recommend_take_infrastructure_code() {
    let args = [
        "sweep",
        "tests/fixtures/iac/plan-h2.json",
        "--vary",
        "traffic.requests_per_month=1e6..1e8",
        "--steps",
        "3",
        "--format",
        "csv",
    ];
    let (out, _) = run_in(root(), &args, 0);
    assert!(out.starts_with("traffic.requests_per_month,"), "{out}");
    assert!(
        out.lines().next().unwrap().contains("current (H2)"),
        "{out}"
    );
    assert!(out.contains("\n100000000,"), "{out}");
    run_in(
        root(),
        &[
            "recommend",
            "tests/fixtures/iac/sam-regional-lambda.yaml",
            "--usage",
            "tests/fixtures/iac/traffic.toml",
        ],
        0,
    );
}

#[test]
fn bad_inputs_are_located_and_escapes_refused() {
    let (_, err) = run_in(root(), &["scan", "tests/fixtures/iac/broken.yaml"], 1);
    assert!(err.contains("tests/fixtures/iac/broken.yaml:"), "{err}");
    assert!(err.contains("invalid YAML"), "{err}");
    for escape in [
        "tests/fixtures/iac/escape/inner/root.yaml",
        "tests/fixtures/iac/escape/inner/include.yaml",
    ] {
        let (_, err) = run_in(root(), &["scan", escape], 1);
        assert!(
            err.contains("escapes the template's folder: refused"),
            "{err}"
        );
    }
    let (_, err) = run_in(root(), &["estimate", "tests/fixtures/iac/broken.yaml"], 1);
    assert!(err.contains("broken.yaml"), "{err}");
    // Parameters, mappings and conditions that name themselves are read without looping.
    let loops = scan_json(&["tests/fixtures/iac/loops.yaml"]);
    assert!(unknown(&loops, "layout.architecture"), "{loops:#}");
    // An endless input is cut at the cap, at once.
    if Path::new("/dev/zero").exists() {
        let (_, err) = run_in(root(), &["scan", "/dev/zero"], 1);
        assert!(err.contains("larger than 4 MiB: refused"), "{err}");
    }
}

#[test]
fn format_toml_belongs_to_scan() {
    let (_, err) = run_in(
        root(),
        &[
            "estimate",
            "scenarios/r1-basic-lambda.toml",
            "--format",
            "toml",
        ],
        2,
    );
    // Each command's --format takes only the formats it writes (clap refuses the others).
    assert!(err.contains("invalid value 'toml'"), "{err}");
    let (_, err) = run_in(
        root(),
        &["scan", "tests/fixtures/iac/plan-r5.json", "--format", "csv"],
        2,
    );
    assert!(
        err.contains("invalid value 'csv'") && err.contains("[possible values: toml, json]"),
        "{err}"
    );
    run_in(
        root(),
        &[
            "validate",
            "scenarios/r1-basic-lambda.toml",
            "--usage",
            "tests/fixtures/iac/traffic.toml",
        ],
        2,
    );
}

#[test]
fn broken_json_is_located_as_json() {
    // A truncated plan opens as JSON: the error is JSON's, at its line and column.
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("plan.json"), "{\"format_version\":\n").unwrap();
    let (_, err) = run_in(tmp.path(), &["scan", "plan.json"], 1);
    assert!(
        err.contains("invalid JSON: EOF while parsing a value"),
        "{err}"
    );
    assert!(err.contains("plan.json:2:1"), "{err}");
}
