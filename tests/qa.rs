//! A QA pass over the second round (issues 10-14), as a user runs the binary: five bills worked
//! out by hand from the us-east-1 prices (checked against AWS's own data in
//! `../shared/real-pricelist/` by the last test here, which reads that data without the
//! importer) and compared with `estimate --format json`; and the defects that pass found, each
//! with the test that would have caught it.
//!
//! us-east-1 prices used below, each as AWS's pricing-page data gives it: REST $3.50 a million
//! for the first 333 M, $2.80 for the next 667 M; interface endpoint $0.01 an AZ-hour and $0.01 a
//! GB; NLB and ALB $0.0225 an hour, $0.006 an NLCU-hour, $0.008 an LCU-hour; NAT gateway $0.045
//! an hour and $0.045 a GB; data transfer out $0.09 a GB for the first 10,240 GB, $0.085 for the
//! next 40,960; WAF $5.00 a web ACL-month, $1.00 a rule-month, $0.60 a million requests; Resolver
//! $0.125 an IP-hour and $0.40 a million queries; hosted zone $0.50 a month; health checks of AWS
//! endpoints $0 for an account's first 50; Direct Connect $0.30 a port-hour, $0.02 a GB; Lambda
//! $0.20 a million requests, $0.0000166667 a GB-second.

use rust_decimal::Decimal;
use serde_json::Value;
use std::path::{Path, PathBuf};

use crate::support::{d, root, run};

fn scenario(name: &str) -> PathBuf {
    root().join("scenarios").join(name)
}

/// `estimate FILE --format json` (plus `extra`): the one estimate of the one scenario.
fn estimate_json(file: &Path, extra: &[&str]) -> Value {
    let mut args = vec!["estimate", file.to_str().unwrap(), "--format", "json"];
    args.extend(extra);
    let (out, _) = run(&args, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    v["scenarios"][0]["estimates"][0].clone()
}

/// A scenario text written to a temporary file.
fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Asserts the estimate's components (quantity and monthly cost of each) and total, to 20
/// decimal places (a third is not exact in 28 digits); the hand rows must themselves add up to
/// the hand total.
fn assert_json_bill(e: &Value, rows: &[(&str, Decimal, Decimal)], total: Decimal) {
    let got: Vec<&str> = e["line_items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|li| li["component"].as_str().unwrap())
        .collect();
    let want: Vec<&str> = rows.iter().map(|(c, _, _)| *c).collect();
    assert_eq!(got, want, "components, in order");
    let near = |x: Decimal| x.round_dp(20);
    let sum: Decimal = rows.iter().map(|(_, _, cost)| *cost).sum();
    assert_eq!(
        near(sum),
        near(total),
        "the hand rows add up to the hand total"
    );
    for ((id, quantity, cost), li) in rows.iter().zip(e["line_items"].as_array().unwrap()) {
        let field = |k: &str| near(d(li[k].as_str().unwrap()));
        assert_eq!(field("quantity"), near(*quantity), "{id} quantity");
        assert_eq!(field("monthly_cost"), near(*cost), "{id} cost");
    }
    assert_eq!(
        near(d(e["monthly_cost"].as_str().unwrap())),
        near(total),
        "total"
    );
}

/// Binary GB of `kb` kilobytes (AWS bills data as 2^30 bytes).
fn gb(kb: Decimal) -> Decimal {
    kb / d("1048576")
}

#[test]
fn hand_regional_rest_with_nat_and_data_out() {
    // scenarios/r5-regional-partner-quotes.toml: 60,000,000 requests of 2 KB in, 6 KB out, 730 h,
    // 2 AZs, one consumer VPC holding 20% of the clients, TLS NLB.
    let e = estimate_json(&scenario("r5-regional-partner-quotes.toml"), &[]);
    // 60 M × $3.50 = $210; no interface endpoint on a regional API.
    let rest = d("210");
    // 1 NLB × 730 h × $0.0225 = $16.425.
    let nlb_hours = d("16.425");
    // NLCU: 60 M × 8 KB × 1,024 B = 491.52 × 10^9 B = 491.52 decimal GB a month, 0.6733 an hour,
    // above the new flows (22.83/s ÷ 50 = 0.4566): 491.52 NLCU-hours × $0.006 = $2.94912.
    let (nlcu_hours, nlcu) = (d("491.52"), d("2.94912"));
    // NAT: 1 VPC × 2 AZs × 730 h = 1,460 gateway-hours × $0.045 = $65.70.
    let nat_hours = d("65.7");
    // NAT data: 60 M × 0.2 × 8 KB = 96,000,000 KB = 91.552734375 GB × $0.045.
    let nat_gb = gb(d("96000000"));
    assert_eq!(nat_gb, d("91.552734375"));
    // Data out: 60 M × 6 KB = 360,000,000 KB = 343.32275390625 GB × $0.09, all in the first tier.
    let out_gb = gb(d("360000000"));
    assert_eq!(out_gb, d("343.32275390625"));
    assert_json_bill(
        &e,
        &[
            ("rest-requests", d("60"), rest),
            ("nlb-hours", d("730"), nlb_hours),
            ("nlb-capacity", nlcu_hours, nlcu),
            ("nat-gateway-hours", d("1460"), nat_hours),
            ("nat-gateway-data", nat_gb, nat_gb * d("0.045")),
            ("data-transfer-out", out_gb, out_gb * d("0.09")),
        ],
        d("330.0930408984375"),
    );
}

#[test]
fn hand_regional_alb_crosses_a_data_out_tier_with_existing_nat_gateways() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        &dir,
        "alb-regional.toml",
        "region = \"us-east-1\"\n[traffic]\nrequests_per_month = 1_000_000_000\nrequest_kb = 1\n\
         response_kb = 20\nvpc_client_share = 0.5\n[topology]\navailability_zones = 2\n\
         consumer_vpcs = 3\nexisting_nat_gateways = true\nbackend = \"ecs\"\n[requirements]\n\
         private_endpoint = false\n[layout]\narchitecture = \"R5-alb-regional\"\n",
    );
    let e = estimate_json(&file, &[]);
    // REST: 333 × $3.50 + 667 × $2.80 = $1,165.50 + $1,867.60.
    let rest = d("1165.5") + d("1867.6");
    // LCU: 1e9 × 21 KB × 1,024 B = 21,504 decimal GB a month (29.4575 an hour) beats new
    // connections (380.5/s ÷ 25 = 15.22): 21,504 LCU-hours × $0.008 = $172.032.
    // NAT gateways exist: no hours; data 1e9 × 0.5 × 21 KB = 10,013.580322265625 GB × $0.045.
    let nat_gb = gb(d("10500000000"));
    // Data out: 1e9 × 20 KB = 19,073.486328125 GB: 10,240 × $0.09 + 8,833.486328125 × $0.085.
    let out_gb = gb(d("20000000000"));
    assert_eq!(out_gb, d("19073.486328125"));
    let out = d("10240") * d("0.09") + (out_gb - d("10240")) * d("0.085");
    assert_eq!(out, d("1672.446337890625"));
    assert_json_bill(
        &e,
        &[
            ("rest-requests", d("1000"), rest),
            ("alb-hours", d("730"), d("16.425")),
            ("alb-capacity", d("21504"), d("172.032")),
            ("nat-gateway-data", nat_gb, nat_gb * d("0.045")),
            ("data-transfer-out", out_gb, out),
        ],
        d("5344.614452392578125"),
    );
}

#[test]
fn hand_waf_on_a_private_api() {
    // scenarios/r1-waf-private-claims.toml: 12,000,000 requests of 6 KB in, 1 KB out, 2 AZs, a
    // Lambda backend (no load balancer), a web ACL of 6 rules.
    let e = estimate_json(&scenario("r1-waf-private-claims.toml"), &[]);
    let endpoint_gb = gb(d("12000000") * d("7"));
    assert_eq!(endpoint_gb, d("80.108642578125"));
    assert_json_bill(
        &e,
        &[
            ("rest-requests", d("12"), d("42")),
            // one web ACL in the one Region × $5
            ("waf-web-acls", d("1"), d("5")),
            // 6 rules × $1
            ("waf-rules", d("6"), d("6")),
            // 12 M requests inspected × $0.60 a million
            ("waf-requests", d("12"), d("7.2")),
            // 1 endpoint × 2 AZs × 730 h × $0.01
            ("endpoint-hours", d("1460"), d("14.6")),
            ("endpoint-data", endpoint_gb, endpoint_gb * d("0.01")),
        ],
        d("75.60108642578125"),
    );
}

#[test]
fn hand_r4_failover_with_health_checks_and_three_resolver_ips() {
    // scenarios/r4-payments-active-passive.toml with `resolver_ips = 3`: 60,000,000 requests of
    // 2 KB in, 1 KB out, all in the primary Region; 2 Regions × 3 AZs; WAF required (default 4
    // rules); 30% of requests over 2 Direct Connect ports; 3,000,000 DNS queries; TLS NLBs.
    let text = std::fs::read_to_string(scenario("r4-payments-active-passive.toml"))
        .unwrap()
        .replace(
            "multi_region = \"active-passive\"",
            "resolver_ips = 3\nmulti_region = \"active-passive\"",
        );
    let dir = tempfile::tempdir().unwrap();
    let e = estimate_json(&write(&dir, "r4.toml", &text), &[]);
    let endpoint_gb = gb(d("180000000"));
    let dx_gb = gb(d("18000000"));
    assert_json_bill(
        &e,
        &[
            ("rest-requests", d("60"), d("210")),
            // a web ACL per Region: 2 × $5; 4 rules × 2 Regions × $1; 60 M × $0.60
            ("waf-web-acls", d("2"), d("10")),
            ("waf-rules", d("8"), d("8")),
            ("waf-requests", d("60"), d("36")),
            // 1 endpoint × 2 Regions × 3 AZs × 730 h × $0.01
            ("endpoint-hours", d("4380"), d("43.8")),
            ("endpoint-data", endpoint_gb, endpoint_gb * d("0.01")),
            // integration NLB + facade NLB, × 2 Regions × 730 h × $0.0225
            ("nlb-hours", d("2920"), d("65.7")),
            // each of the two NLBs in the active Region: 60 M ÷ 3,600 ÷ 50 new TLS flows =
            // 333.33 NLCU-hours; × 2 × $0.006 = $4 (the passive Region's NLBs process nothing)
            ("nlb-capacity", d("2000") / d("3"), d("4")),
            // 3 IPs × 2 Regions × 730 h × $0.125
            ("resolver-hours", d("4380"), d("547.5")),
            ("resolver-queries", d("3"), d("1.2")),
            ("hosted-zones", d("2"), d("1")),
            // one health check per Region: within the first 50, $0 (AWS's data: "Basic Health
            // checks up to 50 AWS per Mo" $0.00; $0.50 past 50)
            ("health-checks", d("2"), d("0")),
            // 2 ports × 730 h × $0.30; 60 M × 0.3 × 1 KB out × $0.02
            ("dx-port-hours", d("1460"), d("438")),
            ("dx-data", dx_gb, dx_gb * d("0.02")),
        ],
        d("1367.2599365234375"),
    );
    assert_eq!(e["sizing"]["resolver_ips"], 6);
}

#[test]
fn hand_always_free_lambda_and_data_out() {
    // R5-lambda-regional, 5,000,000 requests of 2 KB in, 30 KB out, internet clients (no NAT),
    // a 512 MB Lambda for 200 ms.
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        &dir,
        "lambda.toml",
        "region = \"us-east-1\"\n[traffic]\nrequests_per_month = 5_000_000\nrequest_kb = 2\n\
         response_kb = 30\nvpc_client_share = 0\n[topology]\nbackend = \"ecs\"\n[requirements]\n\
         private_endpoint = false\n[layout]\narchitecture = \"R5-lambda-regional\"\n\
         lambda_memory_mb = 512\nlambda_duration_ms = 200\n",
    );
    // Data out: 150,000,000 KB = 143.0511474609375 GB − 100 free = 43.0511474609375 × $0.09.
    let out_gb = gb(d("150000000")) - d("100");
    // Lambda: 5 M − 1 M free = 4 M × $0.20; 5 M × 0.5 GB × 0.2 s = 500,000 GB-s − 400,000 free
    // = 100,000 × $0.0000166667 = $1.66667.
    let rows = |rest: &str| {
        vec![
            ("rest-requests", d(rest), d(rest) * d("3.5")),
            ("data-transfer-out", out_gb, out_gb * d("0.09")),
            ("lambda-requests", d("4"), d("0.8")),
            ("lambda-duration", d("100000"), d("1.66667")),
        ]
    };
    assert_json_bill(
        &estimate_json(&file, &["--always-free"]),
        &rows("5"),
        d("23.841273271484375"),
    );
    // With --free-tier as well, API Gateway's first million REST requests go too: 4 × $3.50.
    assert_json_bill(
        &estimate_json(&file, &["--always-free", "--free-tier"]),
        &rows("4"),
        d("20.341273271484375"),
    );
}

#[test]
fn hand_nlb_capacity_counts_decimal_gb() {
    // R5 with a TCP listener: 100,000,000 requests of 3 KB in and 13 KB out, 10 requests per
    // connection, 730 h, 2 AZs.
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        &dir,
        "tcp.toml",
        "region = \"us-east-1\"\n[traffic]\nrequests_per_month = 100_000_000\nrequest_kb = 3\n\
         response_kb = 13\nrequests_per_connection = 10\n[topology]\navailability_zones = 2\n\
         backend = \"ecs\"\n[layout]\narchitecture = \"R5\"\nnlb_listener = \"tcp\"\n",
    );
    let e = estimate_json(&file, &[]);
    // Bytes: 100 M × 16 KB × 1,024 B = 1,638,400,000,000 B = 1,638.4 GB of 10^9 bytes a month
    // (2.2444 an hour), far above new flows (38.05/s ÷ 10 ÷ 800 = 0.0048) and active flows
    // (3.805 ÷ 100,000): 1,638.4 NLCU-hours × $0.006 = $9.8304. Binary GB would give
    // 1,525.87890625 NLCU-hours ($9.1553), 7% less.
    let bytes = d("100000000") * d("16") * d("1024");
    let nlcu_hours = bytes / d("1000000000");
    assert_eq!(nlcu_hours, d("1638.4"));
    let endpoint_gb = gb(d("1600000000"));
    assert_eq!(endpoint_gb, d("1525.87890625"));
    assert_json_bill(
        &e,
        &[
            ("rest-requests", d("100"), d("350")),
            ("endpoint-hours", d("1460"), d("14.6")),
            ("endpoint-data", endpoint_gb, endpoint_gb * d("0.01")),
            ("nlb-hours", d("730"), d("16.425")),
            ("nlb-capacity", nlcu_hours, nlcu_hours * d("0.006")),
        ],
        d("406.1141890625"),
    );
    assert_eq!(e["sizing"]["nlb"]["driver"], "processed bytes");
    let formula = e["line_items"][4]["formula"].as_str().unwrap();
    assert!(formula.contains("GB = 10^9 bytes"), "{formula}");
}

/// A check of one AWS pricing-page key against one item of the shipped tables.
struct Key {
    file: &'static str,
    key: &'static str,
    item: &'static str,
    /// Which tier of a tiered item (`None`: a flat price).
    tier: Option<usize>,
    /// AWS prices per unit; the tables per million for requests, calls and queries.
    per_million: bool,
}

const fn key(file: &'static str, key: &'static str, item: &'static str) -> Key {
    Key {
        file,
        key,
        item,
        tier: None,
        per_million: false,
    }
}

const fn tier(mut k: Key, i: usize) -> Key {
    k.tier = Some(i);
    k
}

const fn million(mut k: Key) -> Key {
    k.per_million = true;
    k
}

const API: &str = "apigateway-2025-10-20.json";
const VPC: &str = "vpc-2025-11-04.json";
const ELB: &str = "elb-2025-06-05.json";

/// The keys read, one per price (and tier) an estimate can use.
const KEYS: &[Key] = &[
    million(tier(
        key(
            API,
            "API Calls Number of up to 333 million",
            "rest-requests",
        ),
        0,
    )),
    million(tier(
        key(
            API,
            "API Calls Number of Request Next 667 million",
            "rest-requests",
        ),
        1,
    )),
    million(tier(
        key(
            API,
            "API Calls Number of Request Next 19 billion",
            "rest-requests",
        ),
        2,
    )),
    million(tier(
        key(
            API,
            "API Calls Number of Request Over 20 billion",
            "rest-requests",
        ),
        3,
    )),
    million(tier(
        key(API, "ApiGatewayHttpApi First 300 million", "http-requests"),
        0,
    )),
    million(tier(
        key(
            API,
            "ApiGatewayHttpApi more than 300 million",
            "http-requests",
        ),
        1,
    )),
    million(key(
        API,
        "WebSocket Connection Minutes",
        "websocket-minutes",
    )),
    key(
        VPC,
        "Hourly charge for VPC Endpoints per Hrs",
        "endpoint-hours",
    ),
    tier(
        key(
            VPC,
            "Charge for per GB data processed by VPC Endpoints per GB from 0 to 1048576",
            "endpoint-data",
        ),
        0,
    ),
    key(
        VPC,
        "Hourly charge for Transit Gateway VPC Attachments per hour",
        "tgw-attachment-hours",
    ),
    key(
        VPC,
        "Charge for per GB data processed by AWS Transit Gateways for VPC attachments per GigaBytes",
        "tgw-data",
    ),
    key(ELB, "Network Load Balancer Hours", "nlb-hours"),
    key(ELB, "Network Load Balancer LCU Hours", "nlb-capacity"),
    key(ELB, "Application Load Balancer Hours", "alb-hours"),
    key(ELB, "Application Load Balancer LCU Hours", "alb-capacity"),
    million(key(
        "cloudmap-2025-06-05.json",
        "API Call",
        "cloud-map-queries",
    )),
    key("route53-2025-08-28.json", "Query ENI", "resolver-hours"),
    million(tier(
        key(
            "route53-2025-08-28.json",
            "Query first 1B",
            "resolver-queries",
        ),
        0,
    )),
    million(key(
        "lambda-2025-10-30.json",
        "Lambda Requests",
        "lambda-requests",
    )),
    tier(
        key(
            "lambda-2025-10-30.json",
            "Lambda Duration",
            "lambda-duration",
        ),
        0,
    ),
    tier(
        key(
            "lambda-2025-10-30.json",
            "Lambda Duration Tier2",
            "lambda-duration",
        ),
        1,
    ),
    tier(
        key(
            "lambda-2025-10-30.json",
            "Lambda Duration Tier3",
            "lambda-duration",
        ),
        2,
    ),
    key(
        "natgateway-2025-10-28.json",
        "Hourly charge for NAT Gateways",
        "nat-gateway-hours",
    ),
    key(
        "natgateway-2025-10-28.json",
        "Charge for per GB data processed by NatGateways",
        "nat-gateway-data",
    ),
    key("waf-2025-10-03.json", "WebACL per month", "waf-web-acls"),
    key(
        "waf-2025-10-03.json",
        "Rules added per WebACL per month",
        "waf-rules",
    ),
    million(key(
        "waf-2025-10-03.json",
        "Web Requests received per Request",
        "waf-requests",
    )),
];

/// Every shipped table as plain TOML, by the location name its header gives
/// (`# Price table for us-east-1 (US East (N. Virginia)).`).
fn shipped_by_location() -> Vec<(String, String, toml::Table)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("pricing");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let head = text.lines().next().unwrap();
        let rest = head.strip_prefix("# Price table for ").unwrap();
        let (region, location) = rest.split_once(" (").unwrap();
        let location = location.strip_suffix(").").unwrap();
        out.push((
            region.to_owned(),
            location.to_owned(),
            text.parse().unwrap(),
        ));
    }
    out
}

/// The shipped price of `k` in `table`, if it has the item.
fn shipped_price(table: &toml::Table, k: &Key) -> Option<Decimal> {
    let item = table.get("prices")?.get(k.item)?;
    let text = match k.tier {
        None => item.get("price")?,
        Some(i) => item.get("tiers")?.get(i)?.get("price")?,
    };
    Some(d(text.as_str().unwrap()))
}

#[test]
fn every_shipped_price_equals_aws_data_read_without_the_importer() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/real-pricelist");
    if !dir.join("README.md").is_file() {
        eprintln!(
            "skipped: AWS's price data is not at {} (CI has it)",
            dir.display()
        );
        return;
    }
    let tables = shipped_by_location();
    let (mut checked, mut mismatches) = (0, Vec::new());
    for k in KEYS {
        let path = dir.join("pricing-page-metered-unit-maps").join(k.file);
        let data: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
        for (region, location, table) in &tables {
            let Some(aws) = data["regions"][location.as_str()][k.key]["price"].as_str() else {
                continue;
            };
            let aws = d(aws)
                * if k.per_million {
                    d("1000000")
                } else {
                    Decimal::ONE
                };
            checked += 1;
            match shipped_price(table, k) {
                Some(p) if p == aws => {}
                other => mismatches.push(format!(
                    "{region} {} `{}`: AWS {aws}, shipped {other:?}",
                    k.item, k.key
                )),
            }
        }
    }
    // Data transfer out, from the derived tiers (no rate codes): tier i of each location.
    let path = dir.join("derived/datatransfer-external-outbound-2025-06-05.json");
    let data: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let tiers = [
        "Next 10 TB",
        "Next 40 TB",
        "Next 100 TB",
        "Greater than 150 TB",
    ];
    for (i, name) in tiers.iter().enumerate() {
        let by_location = data[format!("DataTransfer External Outbound {name}")]
            .as_object()
            .unwrap();
        for (region, location, table) in &tables {
            let prefix = format!("{location} (StartingRange:");
            let Some((_, aws)) = by_location.iter().find(|(k, _)| k.starts_with(&prefix)) else {
                continue;
            };
            let aws = d(aws.as_str().unwrap());
            checked += 1;
            let k = tier(key("", "", "data-transfer-out"), i);
            match shipped_price(table, &k) {
                Some(p) if p == aws => {}
                other => mismatches.push(format!(
                    "{region} data-transfer-out tier {i}: AWS {aws}, shipped {other:?}"
                )),
            }
        }
    }
    eprintln!(
        "{checked} prices compared with AWS's data, {} mismatches",
        mismatches.len()
    );
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
    // 36 Regions: most keys are in most Regions' data.
    assert!(checked > 900, "only {checked} prices compared");
}

/// A scenario in New Zealand (ap-southeast-6), whose table has no load balancer prices, with an
/// NLB layout: the current layout cannot be priced.
const NZ_NLB: &str = "name = \"nz\"\nregion = \"ap-southeast-6\"\n[traffic]\nrequests_per_month = 10_000_000\n[topology]\nbackend = \"ecs\"\n[layout]\narchitecture = \"R5\"\n";

#[test]
fn recommend_says_feasible_layouts_once_when_the_current_layout_cannot_be_priced() {
    // Was "…; 2 feasible layouts feasible layouts searched".
    let dir = tempfile::tempdir().unwrap();
    let file = write(&dir, "nz.toml", NZ_NLB);
    let file = file.to_str().unwrap();
    let (table, _) = run(&["recommend", file], 0);
    let flat = table.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains(
            "the current layout cannot be priced (see Not priced); 2 feasible layouts searched"
        ),
        "{table}"
    );
    let (markdown, _) = run(&["recommend", file, "--format", "markdown"], 0);
    assert!(
        markdown.contains(
            "The current layout cannot be priced (see Not priced). 2 feasible layouts searched."
        ),
        "{markdown}"
    );
    for out in [&table, &markdown] {
        assert!(!out.contains("layouts feasible layouts"), "{out}");
    }
}

/// The always-free test's workload in AWS GovCloud (US-West), whose table has no free tier.
const GOV_LAMBDA: &str = "region = \"us-gov-west-1\"\n[traffic]\nrequests_per_month = 5_000_000\nrequest_kb = 2\nresponse_kb = 30\nvpc_client_share = 0\n[topology]\nbackend = \"ecs\"\n[requirements]\nprivate_endpoint = false\n[layout]\narchitecture = \"R5-lambda-regional\"\nlambda_memory_mb = 512\nlambda_duration_ms = 200\n";

#[test]
fn always_free_takes_nothing_in_govcloud_and_says_so() {
    // pricing/global/always-free.toml: the 100 GB are "aggregated across all services and
    // Regions (except China and GovCloud)"; the GovCloud tables: "the AWS Free Tier is not
    // offered in AWS GovCloud (US)". Was: 100 GB, 1 M Lambda requests and 400,000 GB-s taken off.
    let dir = tempfile::tempdir().unwrap();
    let file = write(&dir, "gov.toml", GOV_LAMBDA);
    let plain = estimate_json(&file, &[]);
    let e = estimate_json(&file, &["--always-free", "--free-tier"]);
    assert_eq!(e["monthly_cost"], plain["monthly_cost"], "nothing is free");
    for li in e["line_items"].as_array().unwrap() {
        let formula = li["formula"].as_str().unwrap();
        assert!(!formula.contains("free"), "{formula}");
    }
    let warnings: Vec<&str> = e["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect();
    assert!(
        warnings.contains(&"--always-free takes nothing off: AWS's always-free allowances are not offered in us-gov-west-1"),
        "{warnings:?}"
    );
    assert!(
        warnings.contains(&"--free-tier takes nothing off: the us-gov-west-1 price table has no API Gateway free tier"),
        "{warnings:?}"
    );
    // Where the allowances apply, no such warning.
    let east = write(
        &dir,
        "east.toml",
        &GOV_LAMBDA.replace("us-gov-west-1", "us-east-1"),
    );
    let e = estimate_json(&east, &["--always-free", "--free-tier"]);
    assert!(
        !e["warnings"].to_string().contains("takes nothing off"),
        "{}",
        e["warnings"]
    );
}

#[test]
fn all_regions_into_a_folder_that_does_not_exist_says_so() {
    // Was "`…/missing/` is not a folder", true of a file, misleading for a folder not yet made.
    let dir = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pricelist/AWSELB.csv");
    let missing = dir.path().join("missing");
    let (_, err) = run(
        &[
            "prices",
            "import",
            fixture.to_str().unwrap(),
            "--all-regions",
            "--output",
            missing.to_str().unwrap(),
        ],
        2,
    );
    assert_eq!(
        err,
        format!(
            "error: --all-regions writes one table per Region into a folder: `{}` does not exist; create it first (mkdir -p)\n",
            missing.display()
        )
    );
    assert!(!missing.exists(), "nothing is created");
    let file = write(&dir, "file.toml", "");
    let (_, err) = run(
        &[
            "prices",
            "import",
            fixture.to_str().unwrap(),
            "--all-regions",
            "--output",
            file.to_str().unwrap(),
        ],
        2,
    );
    assert!(err.contains("is not a folder"), "{err}");
}

#[test]
fn all_regions_of_one_region_says_one_price_table() {
    // Was "note: 1 price tables: us-east-1".
    let dir = tempfile::tempdir().unwrap();
    let data = write(
        &dir,
        "waf.json",
        r#"{"manifest": {"currencyCode": "USD", "hawkFilePublicationDate": "2025-10-03T19:42:08Z", "serviceId": "waf", "source": "waf"},
            "regions": {"US East (N. Virginia)": {"WebACL per month": {"rateCode": "A.B.C", "price": "5.0000000000"}}}}"#,
    );
    let out_dir = dir.path().join("tables");
    std::fs::create_dir(&out_dir).unwrap();
    let (out, err) = run(
        &[
            "prices",
            "import",
            data.to_str().unwrap(),
            "--all-regions",
            "--output",
            out_dir.to_str().unwrap(),
        ],
        0,
    );
    let notes = format!("{out}{err}");
    assert!(
        notes.contains("note: 1 price table: us-east-1\n"),
        "{notes}"
    );
    assert!(out_dir.join("us-east-1.toml").is_file());
}

#[test]
fn one_discovery_call_per_request_is_singular() {
    // Was "8,000,000 requests × 1 discovery calls per request (assumed)".
    let e = estimate_json(&scenario("h2-eu-booking-cloud-map.toml"), &[]);
    let queries = e["line_items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|li| li["component"] == "cloud-map-queries")
        .unwrap();
    assert_eq!(
        queries["formula"],
        "8,000,000 requests × 1 discovery call per request (assumed) ÷ 1,000,000 per million = 8 million calls × $1.00"
    );
}

#[cfg(unix)]
#[test]
fn all_regions_tables_are_ordinary_files_like_every_other_output() {
    // Were written 0600 (the temporary file's private mode), while `prices import --output`
    // and every report are 0644 (or keep the mode of the file they replace).
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = write(
        &dir,
        "waf.json",
        r#"{"manifest": {"currencyCode": "USD", "hawkFilePublicationDate": "2025-10-03T19:42:08Z", "serviceId": "waf", "source": "waf"},
            "regions": {"US East (N. Virginia)": {"WebACL per month": {"rateCode": "A.B.C", "price": "5.0000000000"}},
                        "EU (Ireland)": {"WebACL per month": {"rateCode": "D.E.F", "price": "5.0000000000"}}}}"#,
    );
    let out_dir = dir.path().join("tables");
    std::fs::create_dir(&out_dir).unwrap();
    // eu-west-1.toml exists, shared with the group: it keeps its mode when replaced.
    let existing = out_dir.join("eu-west-1.toml");
    std::fs::write(&existing, "old").unwrap();
    std::fs::set_permissions(&existing, std::fs::Permissions::from_mode(0o664)).unwrap();
    let args = [
        "prices",
        "import",
        data.to_str().unwrap(),
        "--all-regions",
        "--output",
    ];
    let mut args = args.to_vec();
    args.push(out_dir.to_str().unwrap());
    run(&args, 0);
    let mode = |name: &str| {
        std::fs::metadata(out_dir.join(name))
            .unwrap()
            .permissions()
            .mode()
            & 0o777
    };
    assert_eq!(mode("us-east-1.toml"), 0o644);
    assert_eq!(mode("eu-west-1.toml"), 0o664);
    assert!(
        std::fs::read_to_string(&existing)
            .unwrap()
            .contains("region = \"eu-west-1\"")
    );
    let names: Vec<String> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "no temporary file left: {names:?}");
}
