//! Each whitepaper constraint excludes what it should and says why; each warning of `estimate`
//! fires when its condition holds; every shipped scenario validates and prices.

use apigw_cost::compare::compare;
use apigw_cost::engine::Options;
use apigw_cost::pricing::PriceBook;
use apigw_cost::{estimate_scenario, load_scenario, scenario};

const BASE: &str = r#"region = "us-east-1"
[traffic]
requests_per_month = 10_000_000
"#;

/// The reason `id` does not apply, or panics if it applies.
fn why_not(extra: &str, id: &str) -> String {
    let s =
        scenario::parse("a.toml", &format!("{BASE}{extra}")).unwrap_or_else(|e| panic!("{e:?}"));
    let c = compare(&s, &PriceBook::embedded(), Options::default()).unwrap();
    assert!(
        c.estimates.iter().all(|p| p.pattern.id != id),
        "{id} should not apply"
    );
    c.not_applicable
        .iter()
        .find(|n| n.pattern.id == id)
        .unwrap()
        .reasons
        .join("; ")
}

fn applies(extra: &str, id: &str) -> bool {
    let s = scenario::parse("a.toml", &format!("{BASE}{extra}")).unwrap();
    compare(&s, &PriceBook::embedded(), Options::default())
        .unwrap()
        .estimates
        .iter()
        .any(|p| p.pattern.id == id)
}

#[test]
fn private_endpoint_is_rest_only() {
    let r = why_not("", "H1");
    assert_eq!(
        r,
        "HTTP APIs have no private endpoint type, and requirements.private_endpoint is true"
    );
    assert!(applies("[requirements]\nprivate_endpoint = false\n", "H1"));
}

#[test]
fn rest_features_keep_http_out() {
    let r = why_not(
        "[requirements]\nprivate_endpoint = false\nrest_features = [\"api-keys\", \"waf\"]\n",
        "H2",
    );
    assert_eq!(
        r,
        "HTTP APIs lack `api-keys`, `waf` (requirements.rest_features)"
    );
}

#[test]
fn overlapping_cidrs_rule_out_peering_and_transit_gateway() {
    let extra = "[topology]\nbackend_accounts = 3\noverlapping_cidrs = true\n";
    assert_eq!(
        why_not(extra, "R7"),
        "peering needs non-overlapping CIDRs (topology.overlapping_cidrs is true)"
    );
    assert_eq!(
        why_not(extra, "R7-tgw"),
        "Transit Gateway routing needs non-overlapping CIDRs (topology.overlapping_cidrs is true)"
    );
    assert!(why_not(extra, "R1-shared").contains("backends are in 3 accounts"));
    assert!(
        applies(extra, "R6"),
        "PrivateLink works with overlapping CIDRs"
    );
}

#[test]
fn same_account_rule_for_vpc_links() {
    let r = why_not("[topology]\nbackend_accounts = 2\n", "R5");
    assert!(r.contains("a VPC link reaches only its own account"), "{r}");
    assert_eq!(
        why_not("", "R6"),
        "it is for backends in other accounts; topology.backend_accounts is 1"
    );
}

#[test]
fn alb_needs_two_azs() {
    let r = why_not(
        "[topology]\navailability_zones = 1\n[requirements]\nmin_availability_zones = 1\n",
        "R5-alb",
    );
    assert_eq!(r, "an ALB needs at least two AZs; the scenario uses 1");
    assert!(applies(
        "[topology]\navailability_zones = 1\n[requirements]\nmin_availability_zones = 1\n",
        "R5"
    ));
}

#[test]
fn cloud_map_is_http_only_and_lambda_needs_no_vpc_link() {
    let r = why_not("[topology]\nbackend = \"lambda\"\n", "R5");
    assert!(
        r.contains("the backend is Lambda, which API Gateway invokes directly"),
        "{r}"
    );
    assert!(applies("[topology]\nbackend = \"lambda\"\n", "R1"));
    let r = why_not(
        "[topology]\nbackend = \"alb\"\n[requirements]\nprivate_endpoint = false\n",
        "H2",
    );
    assert!(
        r.contains("Cloud Map registers task IPs, not an ALB"),
        "{r}"
    );
}

#[test]
fn websocket_workloads_take_w1_only() {
    let ws = "connection_minutes_per_month = 5_000_000\n[requirements]\nprivate_endpoint = false\n";
    let s = scenario::parse("a.toml", &format!("{BASE}{ws}")).unwrap();
    let c = compare(&s, &PriceBook::embedded(), Options::default()).unwrap();
    let ids: Vec<&str> = c.estimates.iter().map(|p| p.pattern.id).collect();
    assert_eq!(ids, ["W1"]);
    assert!(why_not(ws, "R1").contains("this is a WebSocket workload"));
    assert!(why_not("", "W1").contains("WebSocket APIs are for WebSocket workloads"));
}

#[test]
fn on_premises_multi_region_and_cross_account_consumers() {
    assert_eq!(
        why_not("", "R3"),
        "it is for on-premises clients; topology.on_premises is \"none\""
    );
    assert_eq!(
        why_not("", "R4"),
        "it is for two or more Regions; topology.regions is 1"
    );
    assert_eq!(
        why_not("", "R2"),
        "it is for consumers in other accounts; topology.consumer_accounts is 1"
    );
    let r = why_not(
        "[topology]\non_premises = \"vpn\"\nregions = 2\n",
        "R3-alias",
    );
    assert!(
        r.contains("R4 and its variants cover on-premises access in several Regions"),
        "{r}"
    );
}

#[test]
fn internet_clients_rule_out_private_apis() {
    // 80% of the callers are on the internet: no private layout can serve them.
    let public = "vpc_client_share = 0.2\n[requirements]\nprivate_endpoint = false\n";
    let why = "a private API is reachable only from inside the network; 80% of requests come \
               from the internet (1 − traffic.vpc_client_share − traffic.on_premises_share)";
    for id in ["R1", "R1-shared", "R5", "R5-alb", "R5-lambda"] {
        assert_eq!(why_not(public, id), why, "{id}");
    }
    assert!(applies(public, "R5-regional") && applies(public, "H1"));
    // Everyone inside the network, by default or said: private layouts apply.
    assert!(applies("", "R5"));
    assert!(applies("vpc_client_share = 1\n", "R5"));
    // On premises and the VPCs together cover every caller; a tenth more on the internet does not.
    let vpn = "[topology]\non_premises = \"vpn\"\n";
    assert!(applies(
        &format!("on_premises_share = 0.7\nvpc_client_share = 0.3\n{vpn}"),
        "R3"
    ));
    let r = why_not(
        &format!("on_premises_share = 0.7\nvpc_client_share = 0.2\n{vpn}"),
        "R3",
    );
    assert!(r.contains("10% of requests come from the internet"), "{r}");
    // The requirement stays a requirement: with private_endpoint required, nothing applies.
    let s = scenario::parse("a.toml", &format!("{BASE}vpc_client_share = 0\n")).unwrap();
    let c = compare(&s, &PriceBook::embedded(), Options::default()).unwrap();
    assert!(c.estimates.is_empty());
}

#[test]
fn estimate_refuses_a_private_layout_for_internet_clients() {
    let toml = format!("{BASE}vpc_client_share = 0.2\n[layout]\narchitecture = \"R5\"\n");
    let s = scenario::parse("a.toml", &toml).unwrap();
    let Err(e) = estimate_scenario(&s, &PriceBook::embedded(), None, Options::default()) else {
        panic!("a private layout for internet clients was priced");
    };
    let e = e.to_string();
    assert!(e.contains("80% of requests come from the internet"), "{e}");
}

#[test]
fn az_minimum_is_a_requirement() {
    let r = why_not(
        "[topology]\navailability_zones = 1\nbackend = \"lambda\"\n[requirements]\nmin_availability_zones = 2\n",
        "R1",
    );
    assert_eq!(r, "1 AZ is below requirements.min_availability_zones (2)");
}

fn warnings(extra: &str, arch: &str) -> Vec<String> {
    let s = scenario::parse("w.toml", &format!("{BASE}{extra}")).unwrap();
    estimate_scenario(&s, &PriceBook::embedded(), Some(arch), Options::default())
        .unwrap()
        .estimate
        .warnings
}

#[test]
fn warnings_fire_on_their_conditions() {
    // 30 B requests over 730 h is 11,416 requests/s on average, above 10,000.
    let s = scenario::parse(
        "w.toml",
        "region = \"us-east-1\"\n[traffic]\nrequests_per_month = 30_000_000_000\n",
    )
    .unwrap();
    let w = estimate_scenario(&s, &PriceBook::embedded(), Some("R5"), Options::default())
        .unwrap()
        .estimate
        .warnings;
    assert!(
        w.iter()
            .any(|w| w.contains("above the account throttle quota of 10,000 requests/s")),
        "{w:?}"
    );
    let w = warnings(
        "[layout]\narchitecture = \"R5\"\nload_balancers = 21\n",
        "R5",
    );
    assert!(
        w.iter()
            .any(|w| w
                == "21 VPC links exceed the quota of 20 REST VPC links per account per Region"),
        "{w:?}"
    );
    let w = warnings(
        "[topology]\navailability_zones = 1\n[requirements]\nmin_availability_zones = 2\n",
        "R5-alb",
    );
    assert!(
        w.iter()
            .any(|w| w
                == "breaks a requirement: 1 AZ is below requirements.min_availability_zones (2)"),
        "{w:?}"
    );
    assert!(w.iter().any(|w| w == "an Application Load Balancer needs at least two AZs; this layout uses 1"), "{w:?}");
    let w = warnings("", "R5");
    assert!(
        w.iter()
            .any(|w| w.starts_with("private DNS is on for the execute-api endpoint")),
        "{w:?}"
    );
    let w = warnings(
        "[layout]\narchitecture = \"R5\"\nprivate_dns = false\n",
        "R5",
    );
    assert!(!w.iter().any(|w| w.starts_with("private DNS")), "{w:?}");
    let w = warnings("[topology]\napis = 601\n", "R5");
    assert!(
        w.iter()
            .any(|w| w.contains("fixed quota of 600 private APIs")),
        "{w:?}"
    );
    let w = warnings(
        "[topology]\nbackend_accounts = 2\nbackend_services = 51\n",
        "R6",
    );
    assert!(w.iter().any(|w| w.contains("quota of 50 per VPC")), "{w:?}");
}

#[test]
fn unverified_prices_are_flagged() {
    let s = scenario::parse(
        "e.toml",
        "region = \"eu-central-1\"\n[traffic]\nrequests_per_month = 1000\n",
    )
    .unwrap();
    // The shipped tables are all sourced from AWS's data; a table may still mark a price.
    let mut book = PriceBook::embedded();
    let mut eu = book.region("eu-central-1").unwrap().clone();
    let nlcu = apigw_cost::component::Component::NlbCapacity.index();
    eu.items[nlcu].as_mut().unwrap().unverified = true;
    book.tables.insert("eu-central-1".into(), eu);
    let w = estimate_scenario(&s, &book, Some("R5"), Options::default())
        .unwrap()
        .estimate
        .warnings;
    assert!(
        w.iter().any(|w| w
            == "the eu-central-1 price of `nlb-capacity` is unverified (no source confirms it)"),
        "{w:?}"
    );
}

#[test]
fn every_shipped_scenario_validates_prices_and_applies() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let s = load_scenario(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        // Three scenarios reach the API over Direct Connect: us-east-1's table prices it.
        let book = PriceBook::embedded();
        let p = estimate_scenario(&s, &book, None, Options::default())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(p.estimate.monthly_cost > rust_decimal::Decimal::ZERO);
        let c = compare(&s, &book, Options::default()).unwrap();
        assert!(
            c.current_estimate().is_some(),
            "{}: its own layout applies",
            path.display()
        );
        n += 1;
    }
    assert!(n >= 21, "{n} scenarios");
}
