//! `scan` of the pattern families the chain API → integration → load balancer cannot tell apart
//! on its own: backends in other accounts through PrivateLink (R6, H3), VPC peering (R7) or a
//! Transit Gateway (R7-tgw, H4), an endpoint shared over a Transit Gateway (R1-shared) and a
//! private API in several Regions (R4, R4-custom-domain). Each hand-written fixture in
//! `tests/fixtures/iac/` is checked for its pattern, `exact`, the keys its family adds and
//! where they came from; then it is priced with `--usage` and its total compared with the
//! `estimate` of the same design typed by hand, one line item checked by hand as well. Where
//! no pattern matches exactly, the closest comes with `exact = false` and what differs.

use std::path::PathBuf;

use serde_json::Value;

use crate::scan::{derived, derived_entry, has_derived, scan_json};
use crate::support::{root, run_in};

const TRAFFIC: &str = "tests/fixtures/iac/traffic.toml";

/// The traffic of `traffic.toml`, for the scenarios typed by hand.
const HAND_TRAFFIC: &str = "[traffic]\nrequests_per_month = 300_000_000\nrequest_kb = 2\nresponse_kb = 8\npeak_to_average = 3\n";

fn layout(scan: &Value) -> (&str, bool) {
    (
        scan["layout"]["architecture"].as_str().unwrap(),
        scan["layout"]["exact"].as_bool().unwrap(),
    )
}

/// The resources `key` was derived from, with their lines.
fn from(scan: &Value, key: &str) -> Vec<(String, u64)> {
    derived_entry(scan, key)["from"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["resource"].as_str().unwrap().to_owned(),
                o["line"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

fn assumed(scan: &Value, key: &str) -> Option<Value> {
    scan["assumed"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["key"] == key)
        .map(|a| a["value"].clone())
}

/// The first estimate of `estimate ARGS --format json` (exit 0).
fn estimate(args: &[&str]) -> Value {
    let mut all = vec!["estimate"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    let (out, _) = run_in(root(), &all, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    v["scenarios"][0]["estimates"][0].clone()
}

fn quantity(est: &Value, component: &str) -> String {
    est["line_items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["component"] == component)
        .unwrap_or_else(|| panic!("no {component} in {est:#}"))["quantity"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// A file in the temporary folder, unique to this run.
fn temp(name: &str, text: &str) -> PathBuf {
    let path =
        std::env::temp_dir().join(format!("apigw-scan-patterns-{}-{name}", std::process::id()));
    std::fs::write(&path, text).unwrap();
    path
}

/// `fixture` priced with `traffic.toml` costs what the design typed by hand (`hand`, the
/// `[topology]` and `[layout]` tables) costs; returns the scanned estimate.
fn prices_as_typed(fixture: &str, region: &str, hand: &str) -> Value {
    let scanned = estimate(&[fixture, "--usage", TRAFFIC]);
    let toml = format!("name = \"typed\"\nregion = \"{region}\"\n{HAND_TRAFFIC}{hand}");
    let path = temp(&format!("{}.toml", fixture.replace('/', "-")), &toml);
    let typed = estimate(&[path.to_str().unwrap()]);
    std::fs::remove_file(&path).ok();
    assert_eq!(scanned["architecture"], typed["architecture"], "{fixture}");
    assert_eq!(scanned["monthly_cost"], typed["monthly_cost"], "{fixture}");
    scanned
}

#[test]
fn privatelink_endpoints_to_two_services_are_r6() {
    let f = "tests/fixtures/iac/rest-private-privatelink.yaml";
    let s = scan_json(&[f]);
    assert_eq!(layout(&s), ("R6", true));
    assert_eq!(derived(&s, "topology.backend_services"), 2);
    assert_eq!(
        from(&s, "topology.backend_services"),
        [
            ("OrdersEndpoint".into(), 30),
            ("PaymentsEndpoint".into(), 37)
        ]
    );
    // Which account owns each service is not in the code: assumed, and said.
    assert!(!has_derived(&s, "topology.backend_accounts"));
    assert_eq!(assumed(&s, "topology.backend_accounts"), Some(2.into()));
    // The central NLB only: the providers' NLBs are priced per backend service.
    assert_eq!(derived(&s, "layout.load_balancers"), 1);
    assert_eq!(derived(&s, "layout.nlb_listener"), "tls");
    let est = prices_as_typed(
        f,
        "us-east-1",
        "[topology]\napis = 1\nconsumer_vpcs = 1\navailability_zones = 2\nbackend_services = 2\nbackend_accounts = 2\n[layout]\narchitecture = \"R6\"\nprivate_dns = true\nload_balancers = 1\nnlb_listener = \"tls\"\n",
    );
    // (1 consumer endpoint + 2 backend-service endpoints) × 2 AZs × 730 h
    assert_eq!(quantity(&est, "endpoint-hours"), "4380");
    // (1 central NLB + 2 provider NLBs) × 730 h
    assert_eq!(quantity(&est, "nlb-hours"), "2190");
}

#[test]
fn two_peering_connections_behind_the_nlb_are_r7() {
    let f = "tests/fixtures/iac/rest-private-peering.yaml";
    let s = scan_json(&[f]);
    assert_eq!(layout(&s), ("R7", true));
    assert_eq!(derived(&s, "topology.backend_accounts"), 2);
    assert_eq!(
        from(&s, "topology.backend_accounts"),
        [("OrdersPeering".into(), 22), ("PaymentsPeering".into(), 28)]
    );
    let arch = from(&s, "layout.architecture");
    assert!(arch.contains(&("CentralNlb".into(), 34)), "{arch:?}");
    let est = prices_as_typed(
        f,
        "us-east-1",
        "[topology]\napis = 1\nconsumer_vpcs = 1\navailability_zones = 2\nbackend_accounts = 2\n[layout]\narchitecture = \"R7\"\nprivate_dns = true\nload_balancers = 1\nnlb_listener = \"tls\"\n",
    );
    // One NLB, no endpoint to the backends, no Transit Gateway.
    assert_eq!(quantity(&est, "nlb-hours"), "730");
    assert_eq!(quantity(&est, "endpoint-hours"), "1460");
}

#[test]
fn terraform_plan_with_three_tgw_attachments_is_r7_tgw() {
    let f = "tests/fixtures/iac/plan-r7-tgw.json";
    let s = scan_json(&[f]);
    assert_eq!(layout(&s), ("R7-tgw", true));
    assert_eq!(derived(&s, "region"), "us-west-2");
    // The hub's attachment and one per backend account (for_each over two).
    assert_eq!(derived(&s, "topology.backend_accounts"), 2);
    let attachments = from(&s, "topology.backend_accounts");
    assert_eq!(attachments.len(), 3);
    assert_eq!(
        attachments[1].0,
        r#"aws_ec2_transit_gateway_vpc_attachment.backend["billing"]"#
    );
    assert_eq!(derived(&s, "topology.availability_zones"), 3);
    let est = prices_as_typed(
        f,
        "us-west-2",
        "[topology]\napis = 1\nconsumer_vpcs = 1\navailability_zones = 3\nbackend_accounts = 2\n[layout]\narchitecture = \"R7-tgw\"\nprivate_dns = true\nload_balancers = 1\nnlb_listener = \"tls\"\n",
    );
    // (2 backend accounts + the hub) × 730 h
    assert_eq!(quantity(&est, "tgw-attachment-hours"), "2190");
}

#[test]
fn http_api_to_an_alb_in_front_of_privatelink_endpoints_is_h3() {
    let f = "tests/fixtures/iac/http-privatelink.yaml";
    let s = scan_json(&[f]);
    assert_eq!(layout(&s), ("H3", true));
    assert_eq!(derived(&s, "topology.backend_services"), 2);
    assert_eq!(
        from(&s, "topology.backend_services"),
        [
            ("InventoryEndpoint".into(), 38),
            ("ShippingEndpoint".into(), 45)
        ]
    );
    assert_eq!(assumed(&s, "topology.backend_accounts"), Some(2.into()));
    let est = prices_as_typed(
        f,
        "us-east-1",
        "[topology]\napis = 1\navailability_zones = 2\nbackend = \"alb\"\nbackend_services = 2\nbackend_accounts = 2\n[layout]\narchitecture = \"H3\"\nload_balancers = 1\n",
    );
    // 2 provider endpoints × 2 AZs × 730 h; no execute-api endpoint for an HTTP API.
    assert_eq!(quantity(&est, "endpoint-hours"), "2920");
    assert_eq!(quantity(&est, "alb-hours"), "730");
}

#[test]
fn http_api_to_cloud_map_over_a_transit_gateway_is_h4() {
    let f = "tests/fixtures/iac/http-cloudmap-tgw.yaml";
    let s = scan_json(&[f]);
    assert_eq!(layout(&s), ("H4", true));
    assert_eq!(derived(&s, "topology.backend_accounts"), 2);
    let arch = from(&s, "layout.architecture");
    assert!(arch.contains(&("Backends".into(), 23)), "{arch:?}");
    let est = prices_as_typed(
        f,
        "us-east-1",
        "[topology]\napis = 1\navailability_zones = 2\nbackend_accounts = 2\n[layout]\narchitecture = \"H4\"\n",
    );
    assert_eq!(quantity(&est, "tgw-attachment-hours"), "2190");
}

#[test]
fn one_endpoint_reached_over_a_transit_gateway_is_r1_shared() {
    let f = "tests/fixtures/iac/rest-private-shared-tgw.yaml";
    let s = scan_json(&[f]);
    assert_eq!(layout(&s), ("R1-shared", true));
    // Four attachments: the shared VPC's and three consumer VPCs'; not the one endpoint's VPC.
    assert_eq!(derived(&s, "topology.consumer_vpcs"), 3);
    let vpcs = from(&s, "topology.consumer_vpcs");
    assert_eq!(vpcs[0], ("SharedAttachment".into(), 41));
    assert_eq!(vpcs.len(), 4);
    let est = prices_as_typed(
        f,
        "us-east-1",
        "[topology]\napis = 1\nconsumer_vpcs = 3\navailability_zones = 2\nbackend = \"lambda\"\n[layout]\narchitecture = \"R1-shared\"\nprivate_dns = false\n",
    );
    // 1 shared endpoint × 2 AZs × 730 h; (3 consumer VPCs + the shared VPC) × 730 h
    assert_eq!(quantity(&est, "endpoint-hours"), "1460");
    assert_eq!(quantity(&est, "tgw-attachment-hours"), "2920");
}

#[test]
fn terraform_plan_over_two_regions_with_failover_records_is_r4() {
    let f = "tests/fixtures/iac/plan-r4.json";
    let s = scan_json(&[f]);
    assert_eq!(layout(&s), ("R4", true));
    assert_eq!(derived(&s, "topology.regions"), 2);
    assert_eq!(derived(&s, "layout.multi_region"), "active-passive");
    let records = from(&s, "layout.multi_region");
    assert_eq!(records[0].0, "aws_route53_record.primary");
    assert_eq!(records[1].0, "aws_route53_record.secondary");
    // The same API, endpoint VPC and facade in each Region: counted once per Region.
    assert_eq!(derived(&s, "topology.apis"), 1);
    assert_eq!(derived(&s, "topology.consumer_vpcs"), 1);
    assert_eq!(from(&s, "topology.apis").len(), 2);
    let arch = from(&s, "layout.architecture");
    assert!(
        arch.iter().any(|(r, _)| r == "aws_lb.facade_east"),
        "{arch:?}"
    );
    assert!(
        arch.iter().any(|(r, _)| r == "provider.aws.west"),
        "{arch:?}"
    );
    assert_eq!(derived(&s, "layout.resolver_ips"), 2);
    let est = prices_as_typed(
        f,
        "us-east-1",
        "[topology]\napis = 1\nconsumer_vpcs = 1\navailability_zones = 2\nbackend = \"lambda\"\nregions = 2\n[layout]\narchitecture = \"R4\"\nprivate_dns = true\nresolver_ips = 2\nmulti_region = \"active-passive\"\n",
    );
    // 1 endpoint × 2 Regions × 2 AZs × 730 h; 1 facade NLB per Region; one health check each.
    assert_eq!(quantity(&est, "endpoint-hours"), "2920");
    assert_eq!(quantity(&est, "nlb-hours"), "1460");
    assert_eq!(quantity(&est, "health-checks"), "2");
}

#[test]
fn latency_records_and_a_private_domain_name_are_r4_custom_domain_active_active() {
    let f = "tests/fixtures/iac/rest-private-multi-region.yaml";
    let s = scan_json(&[f]);
    assert_eq!(layout(&s), ("R4-custom-domain", true));
    // No provider says the Regions here: the latency records do.
    assert_eq!(derived(&s, "topology.regions"), 2);
    assert_eq!(from(&s, "topology.regions")[0], ("Records".into(), 63));
    assert_eq!(derived(&s, "layout.multi_region"), "active-active");
    let arch = from(&s, "layout.architecture");
    assert!(arch.contains(&("PrivateDomain".into(), 42)), "{arch:?}");
    // Read to tell the pattern, but no charge of their own: still listed as not modelled.
    let listed: Vec<&str> = s["not_modelled"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["resource"].as_str().unwrap())
        .collect();
    assert_eq!(listed, ["PrivateDomain", "Records"]);
    let est = prices_as_typed(
        f,
        "us-east-1",
        "[topology]\napis = 1\nconsumer_vpcs = 1\navailability_zones = 2\nbackend = \"lambda\"\nregions = 2\n[layout]\narchitecture = \"R4-custom-domain\"\nprivate_dns = true\nmulti_region = \"active-active\"\n",
    );
    assert!(
        !est["line_items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["component"] == "nlb-hours"),
        "a private custom domain name has no facade NLB"
    );
    assert_eq!(quantity(&est, "health-checks"), "2");
}

/// A copy of a fixture with `from..to` (the lines of one resource) cut out, scanned.
fn scan_without(fixture: &str, from: &str, to: &str, name: &str) -> (Value, PathBuf) {
    let text = std::fs::read_to_string(root().join(fixture)).unwrap();
    let (a, b) = (text.find(from).unwrap(), text.find(to).unwrap());
    let cut = format!("{}{}", &text[..a], &text[b..]);
    let path = temp(name, &cut);
    let s = scan_json(&[path.to_str().unwrap()]);
    (s, path)
}

#[test]
fn one_privatelink_service_is_the_closest_r5_with_what_differs() {
    let (s, path) = scan_without(
        "tests/fixtures/iac/rest-private-privatelink.yaml",
        "  PaymentsEndpoint:",
        "  CentralNlb:",
        "one-service.yaml",
    );
    // R6 needs backends in two or more accounts: one service is priced as R5.
    assert_eq!(layout(&s), ("R5", false));
    let differs = s["layout"]["differs"].to_string();
    assert!(
        differs.contains("one PrivateLink service (OrdersEndpoint)"),
        "{differs}"
    );
    let est = estimate(&[path.to_str().unwrap()]);
    std::fs::remove_file(&path).ok();
    assert_eq!(est["architecture"], "R5");
}

#[test]
fn several_regions_without_a_facade_are_the_closest_r4_custom_domain() {
    let (s, path) = scan_without(
        "tests/fixtures/iac/rest-private-multi-region.yaml",
        "  PrivateDomain:",
        "  EastCheck:",
        "no-facade.yaml",
    );
    assert_eq!(layout(&s), ("R4-custom-domain", false));
    let differs = s["layout"]["differs"].to_string();
    assert!(differs.contains("no facade load balancer"), "{differs}");
    let est = estimate(&[path.to_str().unwrap()]);
    std::fs::remove_file(&path).ok();
    assert_eq!(est["architecture"], "R4-custom-domain");
}

#[test]
fn the_providers_nlb_behind_an_endpoint_service_is_not_the_apis_own() {
    // The central stack and one resource account's stack, scanned as one estate.
    let s = scan_json(&[
        "tests/fixtures/iac/rest-private-privatelink.yaml",
        "tests/fixtures/iac/privatelink-provider.yaml",
    ]);
    assert_eq!(layout(&s), ("R6", true));
    // The consumer-side endpoints count the services; the endpoint service is not counted again.
    assert_eq!(derived(&s, "topology.backend_services"), 2);
    // ProviderNlb is behind OrdersService: R6 prices it per backend service, not here.
    assert_eq!(derived(&s, "layout.load_balancers"), 1);
    assert_eq!(
        from(&s, "layout.load_balancers"),
        [("CentralNlb".into(), 44)]
    );
    assert_eq!(derived(&s, "layout.nlb_listener"), "tls");
    assert_eq!(derived(&s, "topology.backend"), "ecs");
    assert_eq!(from(&s, "topology.backend"), [("Tasks".into(), 24)]);
}

#[test]
fn two_providers_without_routing_records_are_r4_with_the_failover_mode_assumed() {
    let s = scan_edited(
        "tests/fixtures/iac/plan-r4.json",
        "no-records.json",
        |plan| {
            for list in [
                "/planned_values/root_module/resources",
                "/resource_changes",
                "/configuration/root_module/resources",
            ] {
                let all = plan.pointer_mut(list).unwrap().as_array_mut().unwrap();
                all.retain(|r| r["type"] != "aws_route53_record");
            }
        },
    );
    assert_eq!(layout(&s), ("R4", true));
    // The providers say the Regions; nothing says how traffic is split.
    assert_eq!(derived(&s, "topology.regions"), 2);
    assert!(!has_derived(&s, "layout.multi_region"));
    assert_eq!(
        assumed(&s, "layout.multi_region"),
        Some("active-passive".into())
    );
}

/// A Terraform plan fixture, changed by `edit`, scanned.
fn scan_edited(fixture: &str, name: &str, edit: impl FnOnce(&mut Value)) -> Value {
    let text = std::fs::read_to_string(root().join(fixture)).unwrap();
    let mut plan: Value = serde_json::from_str(&text).unwrap();
    edit(&mut plan);
    let path = temp(name, &plan.to_string());
    let s = scan_json(&[path.to_str().unwrap()]);
    std::fs::remove_file(&path).ok();
    s
}

#[test]
fn an_alb_facade_in_each_region_is_r4_alb() {
    let s = scan_edited("tests/fixtures/iac/plan-r4.json", "alb.json", |plan| {
        let all = plan["planned_values"]["root_module"]["resources"]
            .as_array_mut()
            .unwrap();
        for r in all.iter_mut().filter(|r| r["type"] == "aws_lb") {
            r["values"]["load_balancer_type"] = "application".into();
        }
    });
    assert_eq!(layout(&s), ("R4-alb", true));
    let arch = from(&s, "layout.architecture");
    assert!(
        arch.iter().any(|(r, _)| r == "aws_lb.facade_east"),
        "{arch:?}"
    );
}

#[test]
fn a_private_integration_in_two_regions_keeps_its_pattern_and_says_so() {
    let s = scan_edited("tests/fixtures/iac/plan-r5.json", "r5-two.json", |plan| {
        plan["configuration"]["provider_config"]["aws.west"] = serde_json::json!({
            "name": "aws",
            "alias": "west",
            "expressions": {"region": {"constant_value": "us-west-2"}}
        });
    });
    // R4 draws a private API invoking Lambda: an NLB integration stays R5, not exact.
    assert_eq!(layout(&s), ("R5", false));
    assert_eq!(derived(&s, "topology.regions"), 2);
    let differs = s["layout"]["differs"].to_string();
    assert!(differs.contains("the API is in 2 Regions"), "{differs}");
}
