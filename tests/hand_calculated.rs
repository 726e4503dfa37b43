//! Independent checks: every expected figure here was worked out by hand from README.md ("How the
//! bill is built"), pricing-facts.md and pricing/us-east-1.toml, never copied from the program's
//! output. One test per whitepaper pattern, plus tier edges, metering increments and the free tier.
//!
//! Recurring hand figures (us-east-1):
//! - 1 GB = 1,048,576 KB. 259,200,000 requests × 4 KB (1 KB in + 3 KB out) = 1,036,800,000 KB
//!   = 988.76953125 GB; × 3 KB (responses only) = 741.5771484375 GB.
//! - Load balancers meter processed bytes in decimal GB (10^9 bytes): 1,036,800,000 KB × 1,024
//!   bytes = 1,061,683,200,000 bytes = 1,061.6832 GB a month; ÷ 720 h = 1.47456 GB/h.
//! - 259,200,000 requests in 720 h = 259,200,000 ÷ 2,592,000 s = 100 requests/s;
//!   988.76953125 GB ÷ 720 h = 1.373291015625 GB/h.
//! - Prices: REST $3.50/M (first 333 M), HTTP $1.00/M (first 300 M), endpoint $0.01/AZ-h and
//!   $0.01/GB, NLB and ALB $0.0225/h, NLCU $0.006/h, LCU $0.008/h, TGW $0.05/attachment-h and
//!   $0.02/GB, Resolver $0.125/IP-h and $0.40/M queries, hosted zone $0.50, DX port $0.30/h and
//!   $0.02/GB, VPN $0.05/h, data out $0.09/GB (first 10 TB), Cloud Map $0.10/resource and $1.00/M.

use crate::bill::{assert_bill, cost_of, line, price, price_with};
use crate::support::d;
use apigw_cost::{Priced, engine::Options, estimate_scenario, pricing::PriceBook, scenario};
use rust_decimal::Decimal;

// ---------------------------------------------------------------------------------------------
// Private REST patterns without an integration load balancer (Lambda backend: invoked directly)
// ---------------------------------------------------------------------------------------------

#[test]
fn r1_basic_three_vpcs() {
    let p = price(
        r#"
region = "us-east-1"
hours_per_month = 730
[traffic]
requests_per_month = 10_000_000
request_kb = 1
response_kb = 3
[topology]
availability_zones = 2
consumer_vpcs = 3
backend = "lambda"
"#,
        "R1",
    );
    assert_bill(
        &p,
        &[
            // 10 M requests × $3.50 = $35.00
            ("rest-requests", "10", "35"),
            // 3 VPCs × 1 endpoint × 2 AZs × 730 h = 4380 AZ-h × $0.01 = $43.80
            ("endpoint-hours", "4380", "43.8"),
            // 10,000,000 × 4 KB ÷ 1,048,576 = 38.14697265625 GB × $0.01
            ("endpoint-data", "38.14697265625", "0.3814697265625"),
        ],
        "79.1814697265625",
    );
    let s = &p.estimate.sizing;
    assert_eq!((s.endpoints, s.endpoint_enis), (3, 6)); // 3 endpoints × 2 AZs
    assert!(s.nlb.is_none() && s.alb.is_none());
    assert_eq!(s.tgw_attachments, 0);
}

#[test]
fn r1_two_endpoints_per_vpc_double_endpoint_hours() {
    let p = price(
        r#"
region = "us-east-1"
hours_per_month = 730
[traffic]
requests_per_month = 10_000_000
request_kb = 1
response_kb = 3
[topology]
availability_zones = 2
consumer_vpcs = 3
backend = "lambda"
[layout]
architecture = "R1"
endpoints_per_vpc = 2
"#,
        "R1",
    );
    // 3 VPCs × 2 endpoints × 2 AZs × 730 h = 8760 AZ-h × $0.01 = $87.60; data is per request,
    // so unchanged.
    assert_bill(
        &p,
        &[
            ("rest-requests", "10", "35"),
            ("endpoint-hours", "8760", "87.6"),
            ("endpoint-data", "38.14697265625", "0.3814697265625"),
        ],
        "122.9814697265625",
    );
    assert_eq!(
        (p.estimate.sizing.endpoints, p.estimate.sizing.endpoint_enis),
        (6, 12)
    );
}

#[test]
fn r1_shared_endpoint_over_tgw() {
    let p = price(
        r#"
region = "us-east-1"
hours_per_month = 730
[traffic]
requests_per_month = 10_000_000
request_kb = 1
response_kb = 3
[topology]
availability_zones = 2
consumer_vpcs = 3
backend = "lambda"
"#,
        "R1-shared",
    );
    assert_bill(
        &p,
        &[
            ("rest-requests", "10", "35"),
            // 1 shared endpoint × 2 AZs × 730 h = 1460 AZ-h × $0.01 = $14.60
            ("endpoint-hours", "1460", "14.6"),
            ("endpoint-data", "38.14697265625", "0.3814697265625"),
            // (3 consumer VPCs + 1 shared VPC) × 730 h = 2920 attachment-h × $0.05 = $146.00
            ("tgw-attachment-hours", "2920", "146"),
            // one TGW hop: 38.14697265625 GB × $0.02
            ("tgw-data", "38.14697265625", "0.762939453125"),
        ],
        "196.7444091796875",
    );
    let s = &p.estimate.sizing;
    assert_eq!((s.endpoints, s.endpoint_enis, s.tgw_attachments), (1, 2, 4));
}

#[test]
fn r2_cross_account_consumers() {
    let p = price(
        r#"
region = "us-east-1"
hours_per_month = 730
[traffic]
requests_per_month = 10_000_000
request_kb = 1
response_kb = 3
[topology]
availability_zones = 3
consumer_vpcs = 4
consumer_accounts = 2
backend = "lambda"
"#,
        "R2",
    );
    assert_bill(
        &p,
        &[
            ("rest-requests", "10", "35"),
            // 4 consumer VPCs × 3 AZs × 730 h = 8760 AZ-h × $0.01 = $87.60
            ("endpoint-hours", "8760", "87.6"),
            ("endpoint-data", "38.14697265625", "0.3814697265625"),
        ],
        "122.9814697265625",
    );
    let s = &p.estimate.sizing;
    assert_eq!((s.endpoints, s.endpoint_enis), (4, 12));
}

/// On-premises scenarios: 20 × 2^20 = 20,971,520 requests, 1 KB in, 3 KB out, half from
/// on-premises, 3 AZs, 720 h. Endpoint GB = 20,971,520 × 4 ÷ 1,048,576 = 80 GB; on-premises
/// response GB = 20,971,520 × 0.5 × 3 ÷ 1,048,576 = 30 GB.
fn on_prem(kind: &str, connections: u32, dns: &str) -> String {
    format!(
        r#"
region = "us-east-1"
hours_per_month = 720
[traffic]
requests_per_month = 20_971_520
request_kb = 1
response_kb = 3
on_premises_share = 0.5
{dns}
[topology]
availability_zones = 3
backend = "lambda"
on_premises = "{kind}"
on_premises_connections = {connections}
"#
    )
}

#[test]
fn r3_resolver_over_direct_connect() {
    let p = price(
        &on_prem("direct-connect", 1, "dns_queries_per_month = 5_000_000"),
        "R3",
    );
    assert_bill(
        &p,
        &[
            // 20.97152 M × $3.50 = $73.40032
            ("rest-requests", "20.97152", "73.40032"),
            // 1 VPC × 3 AZs × 720 h = 2160 AZ-h × $0.01
            ("endpoint-hours", "2160", "21.6"),
            // 80 GB × $0.01
            ("endpoint-data", "80", "0.8"),
            // layout.resolver_ips default 2 (not the 3 AZs) × 720 h = 1440 IP-h × $0.125 = $180
            ("resolver-hours", "1440", "180"),
            // 5 M queries × $0.40
            ("resolver-queries", "5", "2"),
            // 1 port × 720 h × $0.30 = $216
            ("dx-port-hours", "720", "216"),
            // 30 GB × $0.02
            ("dx-data", "30", "0.6"),
        ],
        "494.40032",
    );
    let s = &p.estimate.sizing;
    assert_eq!((s.endpoints, s.endpoint_enis, s.resolver_ips), (1, 3, 2));
}

#[test]
fn r3_resolver_queries_default_to_one_per_on_premises_connection() {
    // README: dns_queries_per_month defaults to one per on-premises connection. With one request
    // per connection (the default) that is R × on_premises_share = 10,485,760 queries
    // = 10.48576 M × $0.40 = $4.194304.
    let p = price(&on_prem("direct-connect", 1, ""), "R3");
    let li = line(&p, "resolver-queries").expect("resolver-queries line");
    assert_eq!(li.quantity, d("10.48576"));
    assert_eq!(li.monthly_cost, d("4.194304"));
}

#[test]
fn r3_alias_over_vpn() {
    let p = price(&on_prem("vpn", 2, ""), "R3-alias");
    assert_bill(
        &p,
        &[
            ("rest-requests", "20.97152", "73.40032"),
            ("endpoint-hours", "2160", "21.6"),
            ("endpoint-data", "80", "0.8"),
            // no hosted zone: API Gateway manages the alias records
            // 2 VPN connections × 720 h = 1440 connection-h × $0.05 = $72
            ("vpn-hours", "1440", "72"),
            // 30 GB at data-transfer-out prices, $0.09 (first 10 TB)
            ("vpn-data", "30", "2.7"),
        ],
        "170.50032",
    );
    assert_eq!(p.estimate.sizing.resolver_ips, 0);
}

#[test]
fn r3_public_name_over_direct_connect() {
    let p = price(&on_prem("direct-connect", 1, ""), "R3-public-name");
    assert_bill(
        &p,
        &[
            ("rest-requests", "20.97152", "73.40032"),
            ("endpoint-hours", "2160", "21.6"),
            ("endpoint-data", "80", "0.8"),
            // no DNS cost at all
            ("dx-port-hours", "720", "216"),
            ("dx-data", "30", "0.6"),
        ],
        "312.40032",
    );
}

// ---------------------------------------------------------------------------------------------
// Multi-Region (R4): 2 Regions, each priced at us-east-1 prices
// ---------------------------------------------------------------------------------------------

#[test]
fn r4_nlb_facade_active_passive() {
    let p = price(
        r#"
region = "us-east-1"
hours_per_month = 720
[traffic]
requests_per_month = 259_200_000
request_kb = 1
response_kb = 3
dns_queries_per_month = 1_000_000
[topology]
availability_zones = 2
backend = "lambda"
regions = 2
[layout]
architecture = "R4"
multi_region = "active-passive"
"#,
        "R4",
    );
    assert_bill(
        &p,
        &[
            // all traffic in one Region: 259.2 M × $3.50 = $907.20
            ("rest-requests", "259.2", "907.2"),
            // 1 endpoint × 2 Regions × 2 AZs × 720 h = 2880 AZ-h × $0.01
            ("endpoint-hours", "2880", "28.8"),
            // 988.76953125 GB × $0.01 (active Region only)
            ("endpoint-data", "988.76953125", "9.8876953125"),
            // 1 facade NLB × 2 Regions × 720 h = 1440 LB-h × $0.0225 = $32.40
            ("nlb-hours", "1440", "32.4"),
            // TLS facade: 100 new/s ÷ 50 = 2 NLCU (> 1.3733 GB/h, > 100 active ÷ 3000)
            // × 720 h in the active Region = 1440 NLCU-h × $0.006 = $8.64
            ("nlb-capacity", "1440", "8.64"),
            // 1 private hosted zone per Region × $0.50
            ("hosted-zones", "2", "1"),
            // max(2, 2) IPs × 2 Regions × 720 h = 2880 IP-h × $0.125 = $360
            ("resolver-hours", "2880", "360"),
            // 1 M queries × $0.40
            ("resolver-queries", "1", "0.4"),
            // one health check per Region: 2 × $0 (an account's first 50 are free)
            ("health-checks", "2", "0"),
        ],
        "1348.3276953125",
    );
    let s = &p.estimate.sizing;
    assert_eq!((s.endpoints, s.endpoint_enis), (2, 4)); // all Regions
    let nlb = s.nlb.expect("facade NLB sizing");
    assert_eq!(
        (nlb.average.units, nlb.average.driver),
        (d("2"), "new flows")
    );
}

#[test]
fn r4_alb_facade_active_active_tiers_per_region() {
    // 648,000,000 requests in 720 h = 250/s, split evenly: 324 M and 125/s per Region.
    let p = price(
        r#"
region = "us-east-1"
hours_per_month = 720
[traffic]
requests_per_month = 648_000_000
request_kb = 1
response_kb = 3
dns_queries_per_month = 2_000_000
[topology]
availability_zones = 2
backend = "lambda"
regions = 2
[layout]
architecture = "R4-alb"
multi_region = "active-active"
"#,
        "R4-alb",
    );
    assert_bill(
        &p,
        &[
            // tiered per Region: 2 × (324 M × $3.50) = $2,268.00
            // (one Region would be 333 × 3.50 + 315 × 2.80 = $2,047.50)
            ("rest-requests", "648", "2268"),
            ("endpoint-hours", "2880", "28.8"),
            // 648,000,000 × 4 ÷ 1,048,576 = 2471.923828125 GB × $0.01
            ("endpoint-data", "2471.923828125", "24.71923828125"),
            // 1 facade ALB × 2 Regions × 720 h = 1440 × $0.0225
            ("alb-hours", "1440", "32.4"),
            // per Region 125 new/s ÷ 25 = 5 LCU (> 1.7166 GB/h); 5 × 720 h × 2 Regions
            // = 7200 LCU-h × $0.008 = $57.60
            ("alb-capacity", "7200", "57.6"),
            ("hosted-zones", "2", "1"),
            ("resolver-hours", "2880", "360"),
            // 1 M queries per Region × $0.40 × 2
            ("resolver-queries", "2", "0.8"),
            ("health-checks", "2", "0"),
        ],
        "2773.31923828125",
    );
    let alb = p.estimate.sizing.alb.expect("facade ALB sizing");
    assert_eq!(
        (alb.average.units, alb.average.driver),
        (d("5"), "new connections")
    );
}

#[test]
fn r4_private_custom_domain_no_facade() {
    let p = price(
        r#"
region = "us-east-1"
hours_per_month = 720
[traffic]
requests_per_month = 259_200_000
request_kb = 1
response_kb = 3
dns_queries_per_month = 1_000_000
[topology]
availability_zones = 3
backend = "lambda"
regions = 2
[layout]
architecture = "R4-custom-domain"
multi_region = "active-passive"
"#,
        "R4-custom-domain",
    );
    assert_bill(
        &p,
        &[
            ("rest-requests", "259.2", "907.2"),
            // 1 endpoint × 2 Regions × 3 AZs × 720 h = 4320 AZ-h × $0.01
            ("endpoint-hours", "4320", "43.2"),
            ("endpoint-data", "988.76953125", "9.8876953125"),
            ("hosted-zones", "2", "1"),
            // 2 IPs (not one per AZ) × 2 Regions × 720 h = 2880 IP-h × $0.125 = $360
            ("resolver-hours", "2880", "360"),
            ("resolver-queries", "1", "0.4"),
            ("health-checks", "2", "0"),
        ],
        "1321.6876953125",
    );
    let s = &p.estimate.sizing;
    assert!(s.nlb.is_none() && s.alb.is_none());
    assert_eq!((s.endpoints, s.endpoint_enis), (2, 6));
}

// ---------------------------------------------------------------------------------------------
// Private integrations (R5 family): 259.2 M requests, 720 h, 100 requests/s, ECS backend
// ---------------------------------------------------------------------------------------------

const R5_BASE: &str = r#"
region = "us-east-1"
hours_per_month = 720
[traffic]
requests_per_month = 259_200_000
request_kb = 1
response_kb = 3
peak_to_average = 3
[topology]
availability_zones = 2
backend = "ecs"
"#;

fn r5(layout_extra: &str, architecture: &str) -> Priced {
    let toml = format!("{R5_BASE}[layout]\narchitecture = \"{architecture}\"\n{layout_extra}\n");
    price(&toml, architecture)
}

/// REST, endpoint hours and endpoint data shared by every R5-family test.
const PRIVATE_REST_259M: [(&str, &str, &str); 3] = [
    // 259.2 M × $3.50 = $907.20
    ("rest-requests", "259.2", "907.2"),
    // 1 VPC × 2 AZs × 720 h = 1440 AZ-h × $0.01
    ("endpoint-hours", "1440", "14.4"),
    // 988.76953125 GB × $0.01
    ("endpoint-data", "988.76953125", "9.8876953125"),
];

fn with(
    extra: &[(&'static str, &'static str, &'static str)],
) -> Vec<(&'static str, &'static str, &'static str)> {
    let mut v = PRIVATE_REST_259M.to_vec();
    v.extend_from_slice(extra);
    v
}

#[test]
fn r5_nlb_tls() {
    let p = r5("nlb_listener = \"tls\"", "R5");
    assert_bill(
        &p,
        &with(&[
            // 1 NLB × 720 h × $0.0225 = $16.20
            ("nlb-hours", "720", "16.2"),
            // TLS: max(100 ÷ 50 = 2, 100 active ÷ 3000, 1.47456 GB/h) = 2 NLCU
            // × 720 h = 1440 NLCU-h × $0.006 = $8.64
            ("nlb-capacity", "1440", "8.64"),
        ]),
        "956.3276953125",
    );
    let s = &p.estimate.sizing;
    assert_eq!(s.average_rps, d("100"));
    assert_eq!(s.peak_rps, d("300"));
    let nlb = s.nlb.expect("NLB sizing");
    assert_eq!(nlb.balancers, 1);
    assert_eq!(
        (nlb.average.units, nlb.average.driver),
        (d("2"), "new flows")
    );
    assert_eq!(nlb.peak.units, d("6")); // × peak_to_average 3
    assert!(s.alb.is_none());
    assert_eq!(s.vpc_links, 1);
    assert_eq!((s.endpoints, s.endpoint_enis), (1, 2));
}

#[test]
fn r5_nlb_tcp_is_driven_by_processed_bytes() {
    let p = r5("nlb_listener = \"tcp\"", "R5");
    assert_bill(
        &p,
        &with(&[
            ("nlb-hours", "720", "16.2"),
            // TCP: max(100 ÷ 800 = 0.125, 100 ÷ 100,000, 1.47456 GB/h, decimal) = 1.47456
            // × 720 h = 1,061.6832 NLCU-h × $0.006 = $6.3700992
            ("nlb-capacity", "1061.6832", "6.3700992"),
        ]),
        "954.0577945125",
    );
    let nlb = p.estimate.sizing.nlb.expect("NLB sizing");
    assert_eq!(
        (nlb.average.units, nlb.average.driver),
        (d("1.47456"), "processed bytes")
    );
    let li = line(&p, "nlb-capacity").unwrap();
    assert!(
        li.formula.to_string().contains("GB = 10^9 bytes"),
        "{}",
        li.formula
    );
}

#[test]
fn r5_two_load_balancers_double_hours_not_capacity() {
    let p = r5("nlb_listener = \"tls\"\nload_balancers = 2", "R5");
    assert_bill(
        &p,
        &with(&[
            // 2 NLBs × 720 h = 1440 LB-h × $0.0225 = $32.40
            ("nlb-hours", "1440", "32.4"),
            // traffic split: 2 × (50 new/s ÷ 50 = 1 NLCU) = 2 NLCU × 720 h = 1440 NLCU-h
            ("nlb-capacity", "1440", "8.64"),
        ]),
        "972.5276953125",
    );
}

#[test]
fn r5_alb_vpc_link_v2_rule_evaluations_drive() {
    let toml = R5_BASE.replace(
        "peak_to_average = 3",
        "peak_to_average = 3\nrule_evaluations_per_request = 60",
    ) + "[layout]\narchitecture = \"R5-alb\"\n";
    let p = price(&toml, "R5-alb");
    assert_bill(
        &p,
        &with(&[
            // 1 ALB × 720 h × $0.0225
            ("alb-hours", "720", "16.2"),
            // rule evaluations 100/s × (60 − 10) = 5000/s ÷ 1000 = 5 LCU
            // (> 100 new ÷ 25 = 4, > 1.47456 GB/h); 5 × 720 = 3600 LCU-h × $0.008 = $28.80
            ("alb-capacity", "3600", "28.8"),
        ]),
        "976.4876953125",
    );
    let s = &p.estimate.sizing;
    assert!(s.nlb.is_none());
    let alb = s.alb.expect("ALB sizing");
    assert_eq!(
        (alb.average.units, alb.average.driver),
        (d("5"), "rule evaluations")
    );
    assert_eq!(alb.peak.units, d("15"));
}

#[test]
fn r5_nlb_in_front_of_alb_uses_tcp() {
    // nlb_listener = "tls" is set, but the README says an NLB in front of an ALB is TCP.
    let p = r5("nlb_listener = \"tls\"", "R5-nlb-alb");
    assert_bill(
        &p,
        &with(&[
            ("nlb-hours", "720", "16.2"),
            // TCP NLB: processed bytes 1.47456 NLCU × 720 h = 1,061.6832 NLCU-h × $0.006
            ("nlb-capacity", "1061.6832", "6.3700992"),
            ("alb-hours", "720", "16.2"),
            // ALB: 100 new/s ÷ 25 = 4 LCU × 720 h = 2880 LCU-h × $0.008 = $23.04
            ("alb-capacity", "2880", "23.04"),
        ]),
        "993.2977945125",
    );
    let s = &p.estimate.sizing;
    let nlb = s.nlb.expect("NLB sizing");
    assert_eq!(
        (nlb.average.units, nlb.average.driver),
        (d("1.47456"), "processed bytes")
    );
    let alb = s.alb.expect("ALB sizing");
    assert_eq!(
        (alb.average.units, alb.average.driver),
        (d("4"), "new connections")
    );
}

#[test]
fn r5_lambda_proxy_at_low_volume() {
    let p = price(
        r#"
region = "us-east-1"
hours_per_month = 730
[traffic]
requests_per_month = 1_000_000
request_kb = 1
response_kb = 1
[topology]
availability_zones = 2
backend = "ecs"
[layout]
architecture = "R5-lambda"
lambda_memory_mb = 128
lambda_duration_ms = 100
"#,
        "R5-lambda",
    );
    assert_bill(
        &p,
        &[
            // 1 M × $3.50
            ("rest-requests", "1", "3.5"),
            // 1 × 2 AZs × 730 h = 1460 AZ-h × $0.01
            ("endpoint-hours", "1460", "14.6"),
            // 1,000,000 × 2 KB ÷ 1,048,576 = 1.9073486328125 GB × $0.01
            ("endpoint-data", "1.9073486328125", "0.019073486328125"),
            // 1 M × $0.20
            ("lambda-requests", "1", "0.2"),
            // 1,000,000 × 0.125 GB × 0.1 s = 12,500 GB-s × $0.0000166667 = $0.20833375
            ("lambda-duration", "12500", "0.20833375"),
        ],
        "18.527407236328125",
    );
    let s = &p.estimate.sizing;
    assert!(s.nlb.is_none() && s.alb.is_none());
}

// ---------------------------------------------------------------------------------------------
// Cross-account backends (R6, R7, R7-tgw)
// ---------------------------------------------------------------------------------------------

fn cross_account(extra_traffic: &str, architecture: &str) -> Priced {
    let toml = format!(
        r#"
region = "us-east-1"
hours_per_month = 720
[traffic]
requests_per_month = 259_200_000
request_kb = 1
response_kb = 3
{extra_traffic}
[topology]
availability_zones = 2
backend = "ecs"
backend_accounts = 2
backend_services = 3
overlapping_cidrs = false
[layout]
architecture = "{architecture}"
nlb_listener = "tls"
"#
    );
    price(&toml, architecture)
}

#[test]
fn r6_privatelink() {
    let p = cross_account("", "R6");
    assert_bill(
        &p,
        &[
            ("rest-requests", "259.2", "907.2"),
            // (1 consumer + 3 backend-service endpoints) × 2 AZs × 720 h = 5760 AZ-h × $0.01
            ("endpoint-hours", "5760", "57.6"),
            // 2 hops (private API + PrivateLink): 2 × 988.76953125 = 1977.5390625 GB × $0.01
            ("endpoint-data", "1977.5390625", "19.775390625"),
            // 1 integration NLB + 1 provider NLB per endpoint service (3, as many as the
            // backend-service endpoints) = 4 × 720 h = 2880 LB-h × $0.0225 = $64.80
            ("nlb-hours", "2880", "64.8"),
            // integration TLS 2 NLCU + endpoint-service NLBs TCP 1.47456 (bytes)
            // = 3.47456 NLCU × 720 h = 2,501.6832 NLCU-h × $0.006
            ("nlb-capacity", "2501.6832", "15.0100992"),
        ],
        "1064.385489825",
    );
    let s = &p.estimate.sizing;
    assert_eq!((s.endpoints, s.endpoint_enis), (4, 8));
    let nlb = s.nlb.expect("NLB sizing");
    assert_eq!(nlb.balancers, 4);
    assert_eq!(nlb.average.units, d("3.47456"));
}

#[test]
fn r7_peering_cross_az_share() {
    let p = cross_account("cross_az_share = 0.5", "R7");
    assert_bill(
        &p,
        &with(&[
            ("nlb-hours", "720", "16.2"),
            ("nlb-capacity", "1440", "8.64"),
            // 988.76953125 GB × 0.5 crossing AZs × 2 directions = 988.76953125 GB × $0.01
            ("inter-az-data", "988.76953125", "9.8876953125"),
        ]),
        "966.215390625",
    );
    let s = &p.estimate.sizing;
    assert_eq!((s.endpoints, s.endpoint_enis, s.tgw_attachments), (1, 2, 0));
    let nlb = s.nlb.expect("NLB sizing");
    assert_eq!(nlb.balancers, 1);
    assert_eq!(
        (nlb.average.units, nlb.average.driver),
        (d("2"), "new flows")
    );
}

#[test]
fn r7_transit_gateway() {
    let p = cross_account("", "R7-tgw");
    assert_bill(
        &p,
        &with(&[
            ("nlb-hours", "720", "16.2"),
            ("nlb-capacity", "1440", "8.64"),
            // (2 backend accounts + 1) × 720 h = 2160 attachment-h × $0.05 = $108
            ("tgw-attachment-hours", "2160", "108"),
            // 1 hop: 988.76953125 GB × $0.02
            ("tgw-data", "988.76953125", "19.775390625"),
        ]),
        "1084.1030859375",
    );
    assert_eq!(p.estimate.sizing.tgw_attachments, 3);
}

// ---------------------------------------------------------------------------------------------
// WebSocket and HTTP APIs (public front ends)
// ---------------------------------------------------------------------------------------------

#[test]
fn w1_websocket_nlb() {
    // 259.2 M client messages in 720 h = 100/s; 100 messages per connection → 1 new
    // connection/s lasting 6000 s → 6000 active connections, i.e. 6000 × 720 × 60
    // = 259,200,000 connection-minutes.
    let p = price(
        r#"
region = "us-east-1"
hours_per_month = 720
[traffic]
requests_per_month = 259_200_000
request_kb = 1
response_kb = 3
requests_per_connection = 100
connection_seconds = 6000
connection_minutes_per_month = 259_200_000
vpc_client_share = 0
[topology]
availability_zones = 2
backend = "ec2"
[requirements]
private_endpoint = false
[layout]
architecture = "W1"
nlb_listener = "tls"
"#,
        "W1",
    );
    assert_bill(
        &p,
        &[
            // 259.2 M × (⌈1/32⌉ + ⌈3/32⌉ = 2) = 518.4 M messages × $1.00
            ("websocket-messages", "518.4", "518.4"),
            // 259.2 M minutes × $0.25
            ("websocket-minutes", "259.2", "64.8"),
            ("nlb-hours", "720", "16.2"),
            // TLS: max(1 ÷ 50, 6000 ÷ 3000 = 2, 1.47456 GB/h) = 2 NLCU × 720 = 1440 × $0.006
            ("nlb-capacity", "1440", "8.64"),
            // 259,200,000 × 3 KB ÷ 1,048,576 = 741.5771484375 GB × $0.09
            ("data-transfer-out", "741.5771484375", "66.741943359375"),
            // vpc_client_share = 0: internet clients, no NAT gateway
        ],
        "674.781943359375",
    );
    let s = &p.estimate.sizing;
    assert_eq!(s.endpoints, 0);
    let nlb = s.nlb.expect("NLB sizing");
    assert_eq!(
        (nlb.average.units, nlb.average.driver),
        (d("2"), "active flows")
    );
}

const HTTP_BASE: &str = r#"
region = "us-east-1"
hours_per_month = 720
[traffic]
requests_per_month = 259_200_000
request_kb = 1
response_kb = 3
"#;

#[test]
fn h1_http_api_alb() {
    let toml = format!(
        "{HTTP_BASE}requests_per_connection = 2\n[topology]\navailability_zones = 2\nbackend = \"ecs\"\n[requirements]\nprivate_endpoint = false\n"
    );
    let p = price(&toml, "H1");
    assert_bill(
        &p,
        &[
            // 259.2 M × $1.00
            ("http-requests", "259.2", "259.2"),
            ("alb-hours", "720", "16.2"),
            // 100 req/s ÷ 2 per connection = 50 new/s ÷ 25 = 2 LCU (> 1.47456 GB/h)
            // × 720 = 1440 LCU-h × $0.008 = $11.52
            ("alb-capacity", "1440", "11.52"),
            ("data-transfer-out", "741.5771484375", "66.741943359375"),
            // every client is in the consumer VPC (vpc_client_share = 1 − 0 on premises):
            // 1 VPC × 2 AZs × 720 h = 1440 gateway-h × $0.045 = $64.80
            ("nat-gateway-hours", "1440", "64.8"),
            // request and response: 988.76953125 GB (binary) × $0.045
            ("nat-gateway-data", "988.76953125", "44.49462890625"),
        ],
        "462.956572265625",
    );
    let s = &p.estimate.sizing;
    assert_eq!(s.endpoints, 0);
    assert_eq!(s.vpc_links, 1);
    let alb = s.alb.expect("ALB sizing");
    assert_eq!(
        (alb.average.units, alb.average.driver),
        (d("2"), "new connections")
    );
}

#[test]
fn h2_http_api_cloud_map() {
    let p = price(
        r#"
region = "us-east-1"
hours_per_month = 730
[traffic]
requests_per_month = 100_000_000
request_kb = 1
response_kb = 3
[topology]
availability_zones = 2
backend = "ecs"
backend_services = 3
[requirements]
private_endpoint = false
"#,
        "H2",
    );
    assert_bill(
        &p,
        &[
            ("http-requests", "100", "100"),
            // default backend_instances = 3 services × 2 AZs = 6 × $0.10
            ("cloud-map-resources", "6", "0.6"),
            // one discovery call per request: 100 M × $1.00
            ("cloud-map-queries", "100", "100"),
            // 100,000,000 × 3 ÷ 1,048,576 = 286.102294921875 GB × $0.09
            ("data-transfer-out", "286.102294921875", "25.74920654296875"),
            // 1 VPC × 2 AZs × 730 h = 1460 gateway-h × $0.045 = $65.70
            ("nat-gateway-hours", "1460", "65.7"),
            // 100,000,000 × 4 KB ÷ 1,048,576 = 381.4697265625 GB × $0.045
            ("nat-gateway-data", "381.4697265625", "17.1661376953125"),
        ],
        "309.21534423828125",
    );
    let s = &p.estimate.sizing;
    assert!(s.nlb.is_none() && s.alb.is_none());
    assert_eq!(s.endpoints, 0);
}

#[test]
fn h3_http_api_cross_account_privatelink() {
    let toml = format!(
        "{HTTP_BASE}vpc_client_share = 0\n[topology]\navailability_zones = 2\nbackend = \"ecs\"\nbackend_accounts = 2\nbackend_services = 2\n[requirements]\nprivate_endpoint = false\n"
    );
    let p = price(&toml, "H3");
    assert_bill(
        &p,
        &[
            ("http-requests", "259.2", "259.2"),
            // central ALB × 720 h × $0.0225
            ("alb-hours", "720", "16.2"),
            // 100 new/s ÷ 25 = 4 LCU × 720 = 2880 LCU-h × $0.008
            ("alb-capacity", "2880", "23.04"),
            // one provider NLB per endpoint service (2 backend services): 2 × 720 h × $0.0225
            ("nlb-hours", "1440", "32.4"),
            // endpoint-service NLBs are TCP: bytes 1.47456 NLCU × 720 = 1,061.6832 NLCU-h
            ("nlb-capacity", "1061.6832", "6.3700992"),
            // 2 provider-service endpoints × 2 AZs × 720 h = 2880 AZ-h × $0.01
            ("endpoint-hours", "2880", "28.8"),
            // 1 hop (PrivateLink only; the HTTP API is not private): 988.76953125 GB × $0.01
            ("endpoint-data", "988.76953125", "9.8876953125"),
            ("data-transfer-out", "741.5771484375", "66.741943359375"),
        ],
        "442.639737871875",
    );
    let s = &p.estimate.sizing;
    assert_eq!((s.endpoints, s.endpoint_enis), (2, 4));
    let alb = s.alb.expect("ALB sizing");
    assert_eq!(
        (alb.average.units, alb.average.driver),
        (d("4"), "new connections")
    );
    let nlb = s.nlb.expect("NLB sizing");
    assert_eq!(nlb.balancers, 2);
    assert_eq!(nlb.average.units, d("1.47456"));
}

#[test]
fn h4_http_api_cloud_map_over_tgw() {
    let toml = format!(
        "{HTTP_BASE}[topology]\navailability_zones = 2\nbackend = \"ecs\"\nbackend_accounts = 2\nbackend_services = 2\nbackend_instances = 4\nexisting_nat_gateways = true\n[requirements]\nprivate_endpoint = false\n"
    );
    let p = price(&toml, "H4");
    assert_bill(
        &p,
        &[
            ("http-requests", "259.2", "259.2"),
            // 4 registered instances × $0.10
            ("cloud-map-resources", "4", "0.4"),
            // 259.2 M calls × $1.00
            ("cloud-map-queries", "259.2", "259.2"),
            // (2 backend accounts + 1) × 720 h = 2160 × $0.05
            ("tgw-attachment-hours", "2160", "108"),
            // 988.76953125 GB × $0.02
            ("tgw-data", "988.76953125", "19.775390625"),
            ("data-transfer-out", "741.5771484375", "66.741943359375"),
            // the NAT gateways exist: no gateway hours, only 988.76953125 GB × $0.045
            ("nat-gateway-data", "988.76953125", "44.49462890625"),
        ],
        "757.811962890625",
    );
    let s = &p.estimate.sizing;
    assert_eq!(s.tgw_attachments, 3);
    assert!(s.nlb.is_none() && s.alb.is_none());
}

// ---------------------------------------------------------------------------------------------
// Tier edges and metering increments
// ---------------------------------------------------------------------------------------------

fn rest_only(requests: &str) -> Priced {
    price(
        &format!(
            "region = \"us-east-1\"\nhours_per_month = 730\n[traffic]\nrequests_per_month = {requests}\n[topology]\nbackend = \"lambda\"\n"
        ),
        "R1",
    )
}

#[test]
fn rest_tier_edge_at_333_million() {
    // exactly 333 M: all first tier, 333 × $3.50 = $1,165.50 at one unit price
    let p = rest_only("333_000_000");
    let li = line(&p, "rest-requests").unwrap();
    assert_eq!(li.quantity, d("333"));
    assert_eq!(li.monthly_cost, d("1165.5"));
    assert_eq!(li.unit_price, Some(d("3.50")));
    // one million more: 1,165.50 + 1 × $2.80 = $1,168.30, spans tiers (no single unit price)
    let p = rest_only("334_000_000");
    let li = line(&p, "rest-requests").unwrap();
    assert_eq!(li.quantity, d("334"));
    assert_eq!(li.monthly_cost, d("1168.3"));
    assert_eq!(li.unit_price, None);
}

#[test]
fn rest_tier_edge_at_one_billion_and_aws_21_billion_example() {
    // 1,000 M: 333 × 3.50 + 667 × 2.80 = 1,165.50 + 1,867.60 = $3,033.10
    assert_eq!(
        cost_of(&rest_only("1_000_000_000"), "rest-requests"),
        d("3033.1")
    );
    // 1,001 M: + 1 × $2.38 = $3,035.48
    assert_eq!(
        cost_of(&rest_only("1_001_000_000"), "rest-requests"),
        d("3035.48")
    );
    // pricing-facts example 4: 21 B = 1,165.50 + 1,867.60 + 19,000 × 2.38 + 1,000 × 1.51
    // = $49,763.10
    assert_eq!(
        cost_of(&rest_only("21_000_000_000"), "rest-requests"),
        d("49763.1")
    );
}

fn http_only(requests: &str, request_kb: &str) -> Priced {
    price(
        &format!(
            "region = \"us-east-1\"\n[traffic]\nrequests_per_month = {requests}\nrequest_kb = {request_kb}\n[topology]\nbackend = \"ecs\"\n[requirements]\nprivate_endpoint = false\n"
        ),
        "H2",
    )
}

#[test]
fn http_tier_edge_at_300_million() {
    // exactly 300 M × $1.00 = $300.00
    let li = line(&http_only("300_000_000", "1"), "http-requests")
        .unwrap()
        .clone();
    assert_eq!((li.quantity, li.monthly_cost), (d("300"), d("300")));
    assert_eq!(li.unit_price, Some(d("1.00")));
    // 301 M: 300 + 1 × $0.90 = $300.90
    let li = line(&http_only("301_000_000", "1"), "http-requests")
        .unwrap()
        .clone();
    assert_eq!((li.quantity, li.monthly_cost), (d("301"), d("300.9")));
    assert_eq!(li.unit_price, None);
    // pricing-facts example 1: 432 M → 300 × 1.00 + 132 × 0.90 = $418.80
    assert_eq!(
        cost_of(&http_only("432_000_000", "12"), "http-requests"),
        d("418.8")
    );
}

#[test]
fn http_request_of_513_kb_counts_two() {
    // ⌈513 ÷ 512⌉ = 2: 1 M requests → 2 M metered × $1.00 = $2.00
    let li = line(&http_only("1_000_000", "513"), "http-requests")
        .unwrap()
        .clone();
    assert_eq!((li.quantity, li.monthly_cost), (d("2"), d("2")));
    // ⌈512 ÷ 512⌉ = 1
    let li = line(&http_only("1_000_000", "512"), "http-requests")
        .unwrap()
        .clone();
    assert_eq!((li.quantity, li.monthly_cost), (d("1"), d("1")));
    // 4.5 MB = 4608 KB counts 9 (pricing-facts)
    let li = line(&http_only("1_000_000", "4608"), "http-requests")
        .unwrap()
        .clone();
    assert_eq!((li.quantity, li.monthly_cost), (d("9"), d("9")));
}

fn websocket(request_kb: &str, response_kb: &str) -> Priced {
    price(
        &format!(
            "region = \"us-east-1\"\n[traffic]\nrequests_per_month = 1_000_000\nrequest_kb = {request_kb}\nresponse_kb = {response_kb}\nconnection_minutes_per_month = 1_000_000\n[topology]\nbackend = \"ec2\"\n[requirements]\nprivate_endpoint = false\n"
        ),
        "W1",
    )
}

#[test]
fn websocket_message_of_33_kb_counts_two() {
    // ⌈33 ÷ 32⌉ = 2, no response (res = 0 adds nothing): 2 M messages × $1.00 = $2.00
    let li = line(&websocket("33", "0"), "websocket-messages")
        .unwrap()
        .clone();
    assert_eq!((li.quantity, li.monthly_cost), (d("2"), d("2")));
    // with a 1 KB response: 2 + 1 = 3 per client message → 3 M × $1.00
    let li = line(&websocket("33", "1"), "websocket-messages")
        .unwrap()
        .clone();
    assert_eq!((li.quantity, li.monthly_cost), (d("3"), d("3")));
    // 32 KB exactly counts 1
    let li = line(&websocket("32", "0"), "websocket-messages")
        .unwrap()
        .clone();
    assert_eq!((li.quantity, li.monthly_cost), (d("1"), d("1")));
}

// ---------------------------------------------------------------------------------------------
// AWS's private REST example, with and without the free tier; the REST cache
// ---------------------------------------------------------------------------------------------

const AWS_PRIVATE_REST_EXAMPLE: &str = r#"
region = "us-east-1"
hours_per_month = 720
[traffic]
requests_per_month = 5_000_000
request_kb = 0.3
response_kb = 3
[topology]
availability_zones = 1
backend = "lambda"
"#;

#[test]
fn aws_private_rest_example_exact() {
    let p = price(AWS_PRIVATE_REST_EXAMPLE, "R1");
    assert_bill(
        &p,
        &[
            // 5 M × $3.50 = $17.50
            ("rest-requests", "5", "17.5"),
            // 1 endpoint × 1 AZ × 720 h × $0.01 = $7.20
            ("endpoint-hours", "720", "7.2"),
            // 5,000,000 × 3.3 KB ÷ 1,048,576 = 15.735626220703125 GB × $0.01
            ("endpoint-data", "15.735626220703125", "0.15735626220703125"),
        ],
        // AWS rounds this to $24.86
        "24.85735626220703125",
    );
}

#[test]
fn free_tier_takes_one_million_rest_requests_off() {
    let p = price_with(
        AWS_PRIVATE_REST_EXAMPLE,
        "R1",
        Options {
            free_tier: true,
            ..Options::default()
        },
    );
    assert_bill(
        &p,
        &[
            // (5 − 1) M × $3.50 = $14.00
            ("rest-requests", "4", "14"),
            // hourly and data parts have no free tier
            ("endpoint-hours", "720", "7.2"),
            ("endpoint-data", "15.735626220703125", "0.15735626220703125"),
        ],
        "21.35735626220703125",
    );
}

#[test]
fn free_tier_below_one_million_costs_nothing() {
    let p = price_with(
        &AWS_PRIVATE_REST_EXAMPLE.replace("5_000_000", "500_000"),
        "R1",
        Options {
            free_tier: true,
            ..Options::default()
        },
    );
    // 0.5 M − 1 M → 0 billable requests (never negative)
    assert_eq!(cost_of(&p, "rest-requests"), Decimal::ZERO);
    // 7.20 + 500,000 × 3.3 ÷ 1,048,576 = 1.5735626220703125 GB × $0.01
    assert_eq!(p.estimate.monthly_cost, d("7.215735626220703125"));
}

#[test]
fn rest_cache_billed_per_hour() {
    let toml =
        format!("{AWS_PRIVATE_REST_EXAMPLE}[layout]\narchitecture = \"R1\"\ncache_gb = 1.6\n");
    let p = price(&toml, "R1");
    // 1.6 GB cache: 720 h × $0.038 = $27.36, on top of the $24.857... example
    let li = line(&p, "rest-cache").expect("rest-cache line");
    assert_eq!((li.quantity, li.monthly_cost), (d("720"), d("27.36")));
    assert_eq!(p.estimate.monthly_cost, d("52.21735626220703125"));
}

// ---------------------------------------------------------------------------------------------
// More documented rules: metering before tiering, data tiers, rates, refusals, shared endpoints
// ---------------------------------------------------------------------------------------------

#[test]
fn http_metering_applies_before_the_300_million_tier() {
    // 200 M requests of 513 KB = 400 M metered: 300 × $1.00 + 100 × $0.90 = $390.00
    let li = line(&http_only("200_000_000", "513"), "http-requests")
        .unwrap()
        .clone();
    assert_eq!((li.quantity, li.monthly_cost), (d("400"), d("390")));
}

#[test]
fn endpoint_data_crosses_the_one_petabyte_tier() {
    // 1,572,864,000,000 requests × 2 KB ÷ 1,048,576 = 3,000,000 GB:
    // 1,048,576 × $0.01 + 1,951,424 × $0.006 = 10,485.76 + 11,708.544 = $22,194.304
    let p = price(
        "region = \"us-east-1\"\n[traffic]\nrequests_per_month = 1_572_864_000_000\n[topology]\nbackend = \"lambda\"\n",
        "R1",
    );
    let li = line(&p, "endpoint-data").unwrap();
    assert_eq!(
        (li.quantity, li.monthly_cost),
        (d("3000000"), d("22194.304"))
    );
    assert_eq!(li.unit_price, None);
}

#[test]
fn data_transfer_out_crosses_the_ten_terabyte_tier() {
    // 4,194,304,000 × 3 KB ÷ 1,048,576 = 12,000 GB: 10,240 × $0.09 + 1,760 × $0.085
    // = 921.60 + 149.60 = $1,071.20
    let p = price(
        "region = \"us-east-1\"\n[traffic]\nrequests_per_month = 4_194_304_000\nresponse_kb = 3\n[topology]\nbackend = \"ecs\"\n[requirements]\nprivate_endpoint = false\n",
        "H2",
    );
    let li = line(&p, "data-transfer-out").unwrap();
    assert_eq!((li.quantity, li.monthly_cost), (d("12000"), d("1071.2")));
}

#[test]
fn requests_per_second_is_a_monthly_average_rate() {
    // 100 requests/s × 720 h × 3,600 s = 259,200,000 = 259.2 M × $3.50 = $907.20
    let p = price(
        "region = \"us-east-1\"\nhours_per_month = 720\n[traffic]\nrequests_per_second = 100\n[topology]\nbackend = \"lambda\"\n",
        "R1",
    );
    let li = line(&p, "rest-requests").unwrap();
    assert_eq!((li.quantity, li.monthly_cost), (d("259.2"), d("907.2")));
    assert_eq!(p.estimate.sizing.average_rps, d("100"));
}

#[test]
fn one_endpoint_serves_every_api() {
    // apis = 5 does not multiply endpoints: 1 VPC × 2 AZs × 730 h = 1460 AZ-h × $0.01 = $14.60
    let p = price(
        "region = \"us-east-1\"\n[traffic]\nrequests_per_month = 1_000_000\n[topology]\napis = 5\nbackend = \"lambda\"\n",
        "R1",
    );
    let li = line(&p, "endpoint-hours").unwrap();
    assert_eq!((li.quantity, li.monthly_cost), (d("1460"), d("14.6")));
    assert_eq!(p.estimate.sizing.endpoints, 1);
}

#[test]
fn lambda_duration_crosses_its_three_tiers() {
    // x86 tiers: first 6 B GB-s at $0.0000166667, next 9 B at $0.000015, over 15 B at
    // $0.0000133334. 100,000,000,000 calls × 1 GB × 0.1 s = 10,000,000,000 GB-s:
    // 6 B × 0.0000166667 = $100,000.20 + 4 B × 0.000015 = $60,000 → $160,000.20.
    // 200,000,000,000 calls = 20 B GB-s: $100,000.20 + 9 B × 0.000015 = $135,000
    // + 5 B × 0.0000133334 = $66,667 → $301,667.20.
    for (requests, gb_s, cost) in [
        ("100_000_000_000", "10000000000", "160000.2"),
        ("200_000_000_000", "20000000000", "301667.2"),
    ] {
        let p = price(
            &format!(
                "region = \"us-east-1\"\n[traffic]\nrequests_per_month = {requests}\n[topology]\nbackend = \"ecs\"\n[layout]\narchitecture = \"R5-lambda\"\nlambda_memory_mb = 1024\nlambda_duration_ms = 100\n"
            ),
            "R5-lambda",
        );
        let li = line(&p, "lambda-duration").unwrap();
        assert_eq!(
            (li.quantity, li.monthly_cost),
            (d(gb_s), d(cost)),
            "{requests}"
        );
        assert_eq!(li.unit_price, None, "several tiers: the formula shows them");
    }
}

#[test]
fn usage_past_the_last_known_lambda_tier_is_refused() {
    // 100,000,000,000 × 1 GB × 0.1 s = 10,000,000,000 GB-s, past the only tier a table knows
    // (6,000,000,000): README says the engine refuses rather than guessing. (The shipped tables
    // know Lambda's three tiers, so this table keeps only the first.)
    let s = scenario::parse(
        "big.toml",
        "region = \"us-east-1\"\n[traffic]\nrequests_per_month = 100_000_000_000\n[topology]\nbackend = \"ecs\"\n[layout]\narchitecture = \"R5-lambda\"\nlambda_memory_mb = 1024\nlambda_duration_ms = 100\n",
    )
    .expect("valid");
    let mut book = PriceBook::embedded();
    let mut us = book.region("us-east-1").unwrap().clone();
    let duration = apigw_cost::component::Component::LambdaDuration.index();
    if let Some(apigw_cost::pricing::Rate::Tiered(tiers)) =
        us.items[duration].as_mut().map(|p| &mut p.rate)
    {
        tiers.truncate(1);
    }
    book.tables.insert("us-east-1".into(), us);
    let err = estimate_scenario(&s, &book, None, Options::default())
        .expect_err("beyond the last tier must be refused");
    assert!(err.to_string().contains("lambda-duration"), "{err}");
}

#[test]
fn hosted_zone_tier_is_per_account_not_per_region() {
    // Route 53 is a global service: $0.50 for each of the first 25 zones of the account, $0.10
    // after. 26 Regions × 1 zone = 26 zones: 25 × 0.50 + 1 × 0.10 = $12.60.
    let p = price(
        "region = \"us-east-1\"\n[traffic]\nrequests_per_month = 1_000_000\ndns_queries_per_month = 1_000_000\n[topology]\nbackend = \"lambda\"\nregions = 26\n[layout]\narchitecture = \"R4-custom-domain\"\nmulti_region = \"active-passive\"\n",
        "R4-custom-domain",
    );
    let li = line(&p, "hosted-zones").unwrap();
    assert_eq!((li.quantity, li.monthly_cost), (d("26"), d("12.6")));
}

#[test]
fn free_tier_covers_http_requests() {
    // pricing-facts: the free tier is 1 M REST + 1 M HTTP calls a month; the us-east-1 table's
    // [free_tier] has http-requests = 1. 100 M − 1 M = 99 M × $1.00 = $99.00
    let p = price_with(
        "region = \"us-east-1\"\n[traffic]\nrequests_per_month = 100_000_000\n[topology]\nbackend = \"ecs\"\n[requirements]\nprivate_endpoint = false\n",
        "H2",
        Options {
            free_tier: true,
            ..Options::default()
        },
    );
    let li = line(&p, "http-requests").unwrap();
    assert_eq!((li.quantity, li.monthly_cost), (d("99"), d("99")));
}

#[test]
fn free_tier_covers_websocket_messages_and_minutes() {
    // 10 M client messages × (1 + 1) = 20 M − 1 M free = 19 M × $1.00 = $19.00;
    // 1,000,000 minutes − 750,000 free = 0.25 M × $0.25 = $0.0625
    let p = price_with(
        "region = \"us-east-1\"\n[traffic]\nrequests_per_month = 10_000_000\nconnection_minutes_per_month = 1_000_000\n[topology]\nbackend = \"ec2\"\n[requirements]\nprivate_endpoint = false\n",
        "W1",
        Options {
            free_tier: true,
            ..Options::default()
        },
    );
    let li = line(&p, "websocket-messages").unwrap();
    assert_eq!((li.quantity, li.monthly_cost), (d("19"), d("19")));
    let li = line(&p, "websocket-minutes").unwrap();
    assert_eq!((li.quantity, li.monthly_cost), (d("0.25"), d("0.0625")));
}

#[test]
fn free_tier_is_one_million_per_account_in_active_active() {
    // README: R ÷ 10⁶ less 1 M. 648 M split 324 M per Region, both under 333 M:
    // (648 − 1) M × $3.50 = $2,264.50 (a free million per Region would give $2,261.00)
    let p = price_with(
        "region = \"us-east-1\"\nhours_per_month = 720\n[traffic]\nrequests_per_month = 648_000_000\ndns_queries_per_month = 2_000_000\n[topology]\nbackend = \"lambda\"\nregions = 2\n[layout]\narchitecture = \"R4-custom-domain\"\nmulti_region = \"active-active\"\n",
        "R4-custom-domain",
        Options {
            free_tier: true,
            ..Options::default()
        },
    );
    let li = line(&p, "rest-requests").unwrap();
    assert_eq!((li.quantity, li.monthly_cost), (d("647"), d("2264.5")));
}

#[test]
fn load_balancer_overrides_replace_derived_figures() {
    // new_connections_per_second = 500 on a TLS NLB: 500 ÷ 50 = 10 NLCU
    // (> 500 × 1 s ÷ 3000, > 1.3733 GB/h) × 720 h = 7200 NLCU-h × $0.006 = $43.20; peak × 3 = 30
    let p = r5("nlb_listener = \"tls\"", "R5");
    let base = p.estimate.monthly_cost;
    let toml = format!(
        "{}[layout]\narchitecture = \"R5\"\nnlb_listener = \"tls\"\n",
        R5_BASE.replace(
            "peak_to_average = 3",
            "peak_to_average = 3\nnew_connections_per_second = 500"
        )
    );
    let p = price(&toml, "R5");
    let li = line(&p, "nlb-capacity").unwrap();
    assert_eq!((li.quantity, li.monthly_cost), (d("7200"), d("43.2")));
    let nlb = p.estimate.sizing.nlb.unwrap();
    assert_eq!(
        (nlb.average.units, nlb.average.driver),
        (d("10"), "new flows")
    );
    assert_eq!(nlb.peak.units, d("30"));
    // only the capacity line moved: 956.3276953125 − 8.64 + 43.20
    assert_eq!(base, d("956.3276953125"));
    assert_eq!(p.estimate.monthly_cost, d("990.8876953125"));

    // processed_gb_per_hour = 3 on a TCP NLB: 3 NLCU × 720 = 2160 NLCU-h × $0.006 = $12.96
    let toml = format!(
        "{}[layout]\narchitecture = \"R5\"\nnlb_listener = \"tcp\"\n",
        R5_BASE.replace(
            "peak_to_average = 3",
            "peak_to_average = 3\nprocessed_gb_per_hour = 3"
        )
    );
    let p = price(&toml, "R5");
    let li = line(&p, "nlb-capacity").unwrap();
    assert_eq!((li.quantity, li.monthly_cost), (d("2160"), d("12.96")));
}

#[test]
fn private_patterns_in_several_regions_take_the_r4_facade() {
    // README: a private pattern in a scenario with regions >= 2 gets R4's NLB facade, private
    // hosted zone and Resolver endpoint in every Region. R5 in 2 Regions, active-passive:
    // endpoint 1 × 2 Regions × 2 AZs × 720 = 2880 AZ-h × $0.01 = $28.80;
    // NLBs (integration + facade) 2 × 2 Regions × 720 = 2880 LB-h × $0.0225 = $64.80;
    // NLCU only where traffic is: 100 new flows/s ÷ 50 (TLS) = 2 per role, 2 roles × 720 h
    //   = 2880 NLCU-h × $0.006 = $17.28;
    // Resolver 2 IPs × 2 Regions × 720 h = 2880 IP-h × $0.125 = $360; 2 hosted zones × $0.50.
    let toml = R5_BASE.replace("backend = \"ecs\"", "backend = \"ecs\"\nregions = 2")
        + "[layout]\narchitecture = \"R5\"\nnlb_listener = \"tls\"\nmulti_region = \"active-passive\"\n";
    let p = price(&toml, "R5");
    assert_bill(
        &p,
        &[
            ("rest-requests", "259.2", "907.2"),
            ("endpoint-hours", "2880", "28.8"),
            ("endpoint-data", "988.76953125", "9.8876953125"),
            ("nlb-hours", "2880", "64.8"),
            ("nlb-capacity", "2880", "17.28"),
            ("resolver-hours", "2880", "360"),
            ("hosted-zones", "2", "1"),
            ("health-checks", "2", "0"),
        ],
        "1388.9676953125",
    );
}

#[test]
fn cloud_map_resources_multiply_by_regions() {
    // backend_instances default 3 services × 2 AZs = 6, × 2 Regions = 12 × $0.10 = $1.20
    let p = price(
        "region = \"us-east-1\"\n[traffic]\nrequests_per_month = 100_000_000\n[topology]\nbackend = \"ecs\"\nbackend_services = 3\nregions = 2\n[requirements]\nprivate_endpoint = false\n[layout]\narchitecture = \"H2\"\nmulti_region = \"active-passive\"\n",
        "H2",
    );
    let li = line(&p, "cloud-map-resources").unwrap();
    assert_eq!((li.quantity, li.monthly_cost), (d("12"), d("1.2")));
}

#[test]
fn direct_connect_ports_only_for_private_apis() {
    // README: dx-port-hours is for private APIs only; an HTTP API is reached over the internet.
    let p = price(
        "region = \"us-east-1\"\n[traffic]\nrequests_per_month = 1_000_000\non_premises_share = 0.5\n[topology]\nbackend = \"ecs\"\non_premises = \"direct-connect\"\n[requirements]\nprivate_endpoint = false\n",
        "H1",
    );
    assert!(line(&p, "dx-port-hours").is_none());
}

#[test]
fn inter_az_data_only_over_peering() {
    // cross_az_share is an R7 (peering) figure; over Transit Gateway there is tgw-data instead.
    let p = cross_account("cross_az_share = 0.5", "R7-tgw");
    assert!(line(&p, "inter-az-data").is_none());
    assert_eq!(p.estimate.monthly_cost, d("1084.1030859375"));
}

#[test]
fn resolver_needs_two_ips_even_in_one_az() {
    // layout.resolver_ips default 2 whatever the AZs: 2 IPs × 720 h = 1440 IP-h × $0.125 = $180;
    // endpoint 1 × 1 AZ × 720 h
    let p = price(
        &on_prem("vpn", 1, "dns_queries_per_month = 1_000_000")
            .replace("availability_zones = 3", "availability_zones = 1"),
        "R3",
    );
    let li = line(&p, "resolver-hours").unwrap();
    assert_eq!((li.quantity, li.monthly_cost), (d("1440"), d("180")));
    let li = line(&p, "endpoint-hours").unwrap();
    assert_eq!((li.quantity, li.monthly_cost), (d("720"), d("7.2")));
    assert_eq!(p.estimate.sizing.resolver_ips, 2);
}

#[test]
fn active_active_endpoint_data_is_tiered_per_region() {
    // 3,145,728,000,000 requests × 2 KB = 6,000,000 GB, split 3,000,000 GB per Region, each
    // tiered on its own: 2 × (1,048,576 × $0.01 + 1,951,424 × $0.006) = 2 × 22,194.304
    // = $44,388.608 (one Region would be 10,485.76 + 25,165.824 + 757,120 × 0.004
    // = $38,680.064)
    let p = price(
        "region = \"us-east-1\"\n[traffic]\nrequests_per_month = 3_145_728_000_000\ndns_queries_per_month = 2_000_000\n[topology]\nbackend = \"lambda\"\nregions = 2\n[layout]\narchitecture = \"R4-custom-domain\"\nmulti_region = \"active-active\"\n",
        "R4-custom-domain",
    );
    let li = line(&p, "endpoint-data").unwrap();
    assert_eq!(
        (li.quantity, li.monthly_cost),
        (d("6000000"), d("44388.608"))
    );
}
