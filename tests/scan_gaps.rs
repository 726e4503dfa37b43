//! What an audit of `scan` found the pricing commands did with scanned code (issue 20): a
//! WebSocket API (W1) prices with its connection minutes assumed and said, and every key the
//! code leaves unknown is said by every command that prices it at its default.

use crate::scan::{derived, scan_json};
use crate::support::{root, run_in};

#[test]
fn a_scanned_websocket_api_prices_with_its_connection_minutes_assumed() {
    let path = "tests/fixtures/iac/websocket-nlb.yaml";
    let scan = scan_json(&[path, "--region", "us-east-1"]);
    assert_eq!(scan["layout"]["architecture"], "W1");
    assert_eq!(derived(&scan, "layout.load_balancers"), 1);
    let assumed = |key: &str| {
        scan["assumed"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["key"] == key)
            .unwrap_or_else(|| panic!("{key} not assumed: {scan:#}"))
            .clone()
    };
    let minutes = assumed("traffic.connection_minutes_per_month");
    assert_eq!(minutes["value"], 4_380_000);
    assert!(minutes["why"].as_str().unwrap().contains("100 connections"));
    assert_eq!(assumed("traffic.vpc_client_share")["value"], 0);
    let (out, err) = run_in(root(), &["estimate", path, "--format", "json"], 0);
    assert!(
        err.contains("traffic.connection_minutes_per_month = 4380000 is assumed"),
        "{err}"
    );
    let est: serde_json::Value = serde_json::from_str(&out).unwrap();
    let items = est["scenarios"][0]["estimates"][0]["line_items"]
        .as_array()
        .unwrap();
    let cost = |id: &str| {
        items
            .iter()
            .find(|i| i["component"] == id)
            .unwrap_or_else(|| panic!("no {id}: {items:#?}"))["monthly_cost"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    // Hand calculation, us-east-1: 4,380,000 minutes ÷ 1,000,000 × $0.25 = $1.095; the
    // assumed 1,000,000 messages in and 1,000,000 out × $1.00 a million = $2.00; no NAT.
    assert_eq!(cost("websocket-minutes"), "1.095");
    assert_eq!(cost("websocket-messages"), "2");
    assert!(
        !items
            .iter()
            .any(|i| i["component"].as_str().unwrap().starts_with("nat"))
    );
}

#[test]
fn every_pricing_command_says_the_keys_the_code_leaves_unknown_once() {
    let Some(dir) = crate::scan::samples("unknown keys said") else {
        return;
    };
    let path = crate::scan::sample(&dir, "C1-apigw-private-lambda/template.yaml");
    let path = path.as_str();
    let sweep = [
        "sweep",
        path,
        "--vary",
        "traffic.requests_per_month=1e6..1e8",
        "--steps",
        "3",
        "--format",
        "csv",
    ];
    for args in [
        &["estimate", path][..],
        &["compare", path],
        &["recommend", path],
        &sweep,
    ] {
        let (_, err) = run_in(root(), args, 0);
        // C1's endpoint is a parameter with no default: its VPCs and AZs are not in the code,
        // so they are priced at the scenario's defaults (1 VPC, 2 AZs), and said, once each.
        for (key, default) in [
            ("topology.consumer_vpcs", "1"),
            ("topology.availability_zones", "2"),
        ] {
            let said = format!("{key} is unknown (");
            assert_eq!(err.matches(&said).count(), 1, "{args:?}: {err}");
            let line = err.lines().find(|l| l.contains(&said)).unwrap();
            assert!(line.starts_with("warning: "), "{line}");
            assert!(
                line.ends_with(&format!(
                    "priced at its default, {default}; pass --usage FILE to set it"
                )),
                "{line}"
            );
        }
    }
    // A key --usage gives is not unknown to the estimate: not said.
    let dir = tempfile::tempdir().unwrap();
    let usage = dir.path().join("usage.toml");
    std::fs::write(&usage, "[topology]\navailability_zones = 3\n").unwrap();
    let usage = usage.display().to_string();
    let (_, err) = run_in(root(), &["estimate", path, "--usage", &usage], 0);
    assert!(
        !err.contains("topology.availability_zones is unknown"),
        "{err}"
    );
    assert!(err.contains("topology.consumer_vpcs is unknown"), "{err}");
}

#[test]
fn terraform_subnets_from_a_child_modules_output_are_followed() {
    // `subnet_ids = module.vpc.private_subnets`, known only after apply: the output's
    // expression in `configuration.root_module.module_calls.vpc.module.outputs` refers to
    // `aws_subnet.private` (count = 3) of the module, so the endpoint is in 3 AZs.
    let path = "tests/fixtures/iac/plan-module-outputs.json";
    let scan = scan_json(&[path]);
    assert_eq!(scan["layout"]["architecture"], "R1");
    assert_eq!(derived(&scan, "region"), "eu-central-1");
    assert_eq!(derived(&scan, "topology.availability_zones"), 3);
    assert!(!crate::scan::unknown(&scan, "topology.availability_zones"));
    assert_eq!(
        crate::scan::origin_line(&scan, "topology.availability_zones"),
        27
    );
    // Hand calculation, eu-central-1: 1 endpoint × 3 AZs × 730 h × $0.012 = 26.28.
    let est = crate::scan::prices(path);
    let items = est["scenarios"][0]["estimates"][0]["line_items"]
        .as_array()
        .unwrap();
    let hours = items.iter().find(|i| i["component"] == "endpoint-hours");
    assert_eq!(hours.unwrap()["monthly_cost"], "26.28");
}
