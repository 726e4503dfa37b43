//! Issue 11's meters and corrections, each against a hand calculation (from README.md "How the
//! bill is built" and the us-east-1 prices), never against the program's own output; and the
//! ranking `compare` gives the public variant of `scenarios/r5-orders-nlb.toml`.
//!
//! Hand figures used throughout (us-east-1): WAF $5.00 a web ACL-month, $1.00 a rule-month,
//! $0.60 a million requests; NAT gateway $0.045 an hour and $0.045 a GB; inter-Region data
//! $0.02 a GB; Route 53 health checks $0 for an account's first 50, $0.50 after; REST cache
//! 0.5 GB $0.020 an hour; Lambda $0.20 a million requests, $0.0000166667 a GB-second (first
//! 6 billion). 259,200,000 requests of 1 KB in and 3 KB out over 720 h = 100 requests/s;
//! 988.76953125 binary GB in and out, 741.5771484375 GB out.

use apigw_cost::compare::compare;
use apigw_cost::component::Component;
use apigw_cost::engine::Options;
use apigw_cost::pricing::{Price, PriceBook, Rate};
use apigw_cost::{estimate_scenario, scenario};

use crate::bill::{assert_bill, line, price, price_with};
use crate::support::d;

const BASE: &str = r#"
region = "us-east-1"
hours_per_month = 720
[traffic]
requests_per_month = 259_200_000
request_kb = 1
response_kb = 3
"#;

#[test]
fn regional_rest_has_no_endpoint_and_pays_data_out_and_nat() {
    // [layout] names a public pattern and [requirements] says nothing: private_endpoint is false,
    // so R5-regional is priced with no warning about it.
    let toml = format!(
        "{BASE}[topology]\navailability_zones = 2\nbackend = \"ecs\"\n[layout]\narchitecture = \"R5-regional\"\nnlb_listener = \"tls\"\n"
    );
    let p = price(&toml, "R5-regional");
    assert_bill(
        &p,
        &[
            // 259.2 M × $3.50: regional REST is priced like private REST
            ("rest-requests", "259.2", "907.2"),
            ("nlb-hours", "720", "16.2"),
            // TLS: 100 new flows/s ÷ 50 = 2 NLCU × 720 h = 1440 NLCU-h × $0.006
            ("nlb-capacity", "1440", "8.64"),
            // every client is in the one consumer VPC: 1 VPC × 2 AZs × 720 h × $0.045
            ("nat-gateway-hours", "1440", "64.8"),
            // 988.76953125 GB in and out through the NAT gateways × $0.045
            ("nat-gateway-data", "988.76953125", "44.49462890625"),
            // 741.5771484375 GB of responses × $0.09
            ("data-transfer-out", "741.5771484375", "66.741943359375"),
        ],
        "1108.076572265625",
    );
    assert_eq!(p.estimate.sizing.endpoints, 0);
    assert!(p.estimate.warnings.iter().any(|w| w.contains(
        "traffic.vpc_client_share defaults to 1 − on_premises_share = 1; set it to 0 if the clients are on the internet"
    )));
    assert!(
        !p.estimate.warnings.iter().any(|w| w.starts_with("breaks")),
        "{:?}",
        p.estimate.warnings
    );
}

#[test]
fn a_regional_layout_on_a_private_scenario_breaks_the_requirement_with_a_warning() {
    let toml = format!("{BASE}[topology]\nbackend = \"ecs\"\n[layout]\narchitecture = \"R5\"\n");
    let p = price(&toml, "R5-regional");
    assert!(p.estimate.warnings.iter().any(|w| w
        == "breaks a requirement: regional REST APIs have no private endpoint type, and requirements.private_endpoint is true"));
}

#[test]
fn waf_on_a_private_api_with_the_default_rules() {
    let p = price(
        r#"
region = "us-east-1"
hours_per_month = 730
[traffic]
requests_per_month = 10_000_000
request_kb = 1
response_kb = 3
[topology]
backend = "lambda"
[requirements]
rest_features = ["waf"]
"#,
        "R1",
    );
    assert_bill(
        &p,
        &[
            ("rest-requests", "10", "35"),
            // one web ACL in the one Region × $5.00
            ("waf-web-acls", "1", "5"),
            // layout.waf_rules unset: 4 rules × $1.00
            ("waf-rules", "4", "4"),
            // every request inspected: 10 M × $0.60
            ("waf-requests", "10", "6"),
            ("endpoint-hours", "1460", "14.6"),
            ("endpoint-data", "38.14697265625", "0.3814697265625"),
        ],
        "64.9814697265625",
    );
    assert!(
        p.estimate
            .warnings
            .iter()
            .any(|w| w.starts_with("AWS WAF is priced with 4 rules, an assumption")),
        "{:?}",
        p.estimate.warnings
    );
    assert_eq!(
        line(&p, "waf-rules").unwrap().formula.to_string(),
        "4 rules or rule groups × $1.00"
    );
}

#[test]
fn waf_in_two_regions_pays_a_web_acl_and_its_rules_in_each() {
    let p = price(
        "region = \"us-east-1\"\n[traffic]\nrequests_per_month = 10_000_000\n[topology]\nbackend = \"lambda\"\nregions = 2\n[requirements]\nrest_features = [\"waf\"]\n[layout]\narchitecture = \"R4-custom-domain\"\nwaf_rules = 7\n",
        "R4-custom-domain",
    );
    // 2 web ACLs × $5; 7 rules × 2 Regions = 14 × $1; requests counted once: 10 M × $0.60
    let got = |id| {
        let li = line(&p, id).unwrap();
        (li.quantity, li.monthly_cost)
    };
    assert_eq!(got("waf-web-acls"), (d("2"), d("10")));
    assert_eq!(got("waf-rules"), (d("14"), d("14")));
    assert_eq!(got("waf-requests"), (d("10"), d("6")));
    assert!(
        !p.estimate
            .warnings
            .iter()
            .any(|w| w.contains("AWS WAF is priced"))
    );
}

#[test]
fn nat_gateways_per_az_per_vpc_in_every_region_and_data_for_the_vpc_share() {
    let toml = format!(
        "{BASE}vpc_client_share = 0.6\n[topology]\navailability_zones = 3\nconsumer_vpcs = 2\nbackend = \"ecs\"\nregions = 2\n[layout]\narchitecture = \"H2\"\nmulti_region = \"active-passive\"\n"
    );
    let p = price(&toml, "H2");
    // 2 VPCs × 3 AZs × 2 Regions × 720 h = 8640 gateway-h × $0.045 = $388.80
    let li = line(&p, "nat-gateway-hours").unwrap();
    assert_eq!((li.quantity, li.monthly_cost), (d("8640"), d("388.8")));
    // 259,200,000 × 0.6 × 4 KB ÷ 1,048,576 = 593.26171875 GB × $0.045 = $26.69677734375
    let li = line(&p, "nat-gateway-data").unwrap();
    assert_eq!(
        (li.quantity, li.monthly_cost),
        (d("593.26171875"), d("26.69677734375"))
    );
}

#[test]
fn existing_nat_gateways_and_internet_clients() {
    let existing = format!(
        "{BASE}[topology]\nbackend = \"ecs\"\nexisting_nat_gateways = true\n[layout]\narchitecture = \"H2\"\n"
    );
    let p = price(&existing, "H2");
    assert!(line(&p, "nat-gateway-hours").is_none());
    assert_eq!(
        line(&p, "nat-gateway-data").unwrap().monthly_cost,
        d("44.49462890625")
    );
    let internet = format!(
        "{BASE}vpc_client_share = 0\n[topology]\nbackend = \"ecs\"\n[layout]\narchitecture = \"H2\"\n"
    );
    let p = price(&internet, "H2");
    assert!(line(&p, "nat-gateway-hours").is_none() && line(&p, "nat-gateway-data").is_none());
    // on premises and in VPCs cannot add up to more than every request
    let both = format!(
        "{BASE}on_premises_share = 0.5\nvpc_client_share = 0.6\n[topology]\non_premises = \"vpn\"\n"
    );
    let err = scenario::parse("both.toml", &both).unwrap_err();
    assert!(err[0].message.contains("add up to more than 1"), "{err:?}");
}

#[test]
fn private_apis_pay_no_nat() {
    let p = price(&format!("{BASE}[topology]\nbackend = \"ecs\"\n"), "R5");
    assert!(line(&p, "nat-gateway-hours").is_none() && line(&p, "data-transfer-out").is_none());
}

#[test]
fn health_checks_one_per_region_the_first_fifty_free() {
    // 30 Regions (the most a scenario has): 30 checks, all within an account's first 50 at $0.
    let p = price(
        "region = \"us-east-1\"\n[traffic]\nrequests_per_month = 1_000_000\n[topology]\nbackend = \"lambda\"\nregions = 30\n[layout]\narchitecture = \"R4\"\nmulti_region = \"active-active\"\n",
        "R4",
    );
    let li = line(&p, "health-checks").unwrap();
    assert_eq!((li.quantity, li.monthly_cost), (d("30"), d("0")));
    assert!(
        li.formula.to_string().contains("weighted records"),
        "{}",
        li.formula
    );
    // Free only if the account has not used its 50 elsewhere: said, with the cost past them,
    // 30 × $0.50 = $15.00.
    let said = "Route 53 health checks are priced in AWS's free first 50 checks of an account (an assumption): if the account already has that many, these 30 cost $15.00 a month ($0.50 a check-month)";
    assert!(
        p.estimate.warnings.iter().any(|w| w == said),
        "{:?}",
        p.estimate.warnings
    );
    // The price itself: 60 checks would be 50 × $0 + 10 × $0.50 = $5.
    let book = PriceBook::embedded();
    let rate = &book
        .region("us-east-1")
        .unwrap()
        .get(apigw_cost::component::Component::HealthChecks)
        .unwrap()
        .rate;
    assert_eq!(rate.charge(d("60")).unwrap().cost, d("5"));
}

#[test]
fn inter_region_data_for_clients_in_another_region() {
    // AWS prices inter-Region transfer per pair of Regions, so no shipped table has it: a
    // scenario that moves data between Regions names the missing price...
    let toml = format!(
        "{BASE}cross_region_share = 0.25\ndns_queries_per_month = 1_000_000\n[topology]\nbackend = \"lambda\"\nregions = 2\n[layout]\narchitecture = \"R4-custom-domain\"\nmulti_region = \"active-passive\"\n"
    );
    let s = scenario::parse("x.toml", &toml).unwrap();
    let err = estimate_scenario(&s, &PriceBook::embedded(), None, Options::default()).unwrap_err();
    assert!(
        err.to_string().contains("no price for `inter-region-data`"),
        "{err}"
    );
    // ... and with a price for it (US East (N. Virginia) to US West (Oregon), $0.02 a GB in
    // AWS's 2016 AWSLambda bulk offer, usage type USE1-USW2-AWS-Out-Bytes):
    // 259,200,000 × 0.25 × 4 KB ÷ 1,048,576 = 247.1923828125 GB × $0.02 = $4.94384765625
    let mut book = PriceBook::embedded();
    let mut us = book.region("us-east-1").unwrap().clone();
    us.items[Component::InterRegionData.index()] = Some(Price {
        rate: Rate::Flat(d("0.02")),
        source: "AWSLambda bulk offer 20161207235208, USE1-USW2-AWS-Out-Bytes".into(),
        effective_date: "2016-06-01".into(),
        unverified: false,
    });
    book.tables.insert("us-east-1".into(), us);
    let p = estimate_scenario(&s, &book, None, Options::default()).unwrap();
    let li = line(&p, "inter-region-data").unwrap();
    assert_eq!(
        (li.quantity, li.monthly_cost),
        (d("247.1923828125"), d("4.94384765625"))
    );
}

#[test]
fn resolver_ips_are_a_layout_choice() {
    let toml = "region = \"us-east-1\"\nhours_per_month = 720\n[traffic]\nrequests_per_month = 1_000_000\non_premises_share = 1\ndns_queries_per_month = 0\n[topology]\navailability_zones = 2\nbackend = \"lambda\"\non_premises = \"vpn\"\n[layout]\narchitecture = \"R3\"\nresolver_ips = 4\n";
    let p = price(toml, "R3");
    // 4 IPs × 720 h = 2880 IP-h × $0.125 = $360, in 2 AZs
    let li = line(&p, "resolver-hours").unwrap();
    assert_eq!((li.quantity, li.monthly_cost), (d("2880"), d("360")));
    assert_eq!(p.estimate.sizing.resolver_ips, 4);
    let second_az = "a Resolver inbound endpoint needs its IP addresses in at least two AZs";
    assert!(!p.estimate.warnings.iter().any(|w| w.starts_with(second_az)));
    // In one AZ: still 4 IPs (AWS's minimum is 2, in two AZs), and the second AZ is said.
    let one = toml.replace("availability_zones = 2", "availability_zones = 1");
    let p = price(&one, "R3");
    assert_eq!(line(&p, "resolver-hours").unwrap().monthly_cost, d("360"));
    assert!(
        p.estimate.warnings.iter().any(|w| w.starts_with(second_az)),
        "{:?}",
        p.estimate.warnings
    );
    let err = scenario::parse("ips.toml", &toml.replace("= 4", "= 7")).unwrap_err();
    assert!(
        err[0]
            .message
            .contains("`resolver_ips` in [layout] must be a number from 2 to 6"),
        "{err:?}"
    );
}

#[test]
fn required_caching_without_a_size_is_priced_at_the_smallest_cache() {
    let p = price(
        "region = \"us-east-1\"\n[traffic]\nrequests_per_month = 1_000_000\n[topology]\nbackend = \"lambda\"\n[requirements]\nrest_features = [\"caching\"]\n",
        "R1",
    );
    // 0.5 GB at $0.020 an hour × 730 h = $14.60
    let li = line(&p, "rest-cache").unwrap();
    assert_eq!((li.quantity, li.monthly_cost), (d("730"), d("14.6")));
    assert!(p.estimate.warnings.iter().any(|w| w
        == "caching is required and layout.cache_gb is not set: priced at the smallest cache, 0.5 GB"));
}

#[test]
fn discovery_calls_per_request_is_an_assumption_only_by_default() {
    let toml = format!(
        "{BASE}discovery_calls_per_request = 0.5\nvpc_client_share = 0\n[topology]\nbackend = \"ecs\"\n[layout]\narchitecture = \"H2\"\n"
    );
    let p = price(&toml, "H2");
    // 259.2 M requests × 0.5 calls = 129.6 M calls × $1.00
    let li = line(&p, "cloud-map-queries").unwrap();
    assert_eq!((li.quantity, li.monthly_cost), (d("129.6"), d("129.6")));
    // The scenario's own figure: shown in the formula, not called an assumption.
    let formula = li.formula.to_string();
    assert!(
        formula.contains("× 0.5 discovery calls per request ÷"),
        "{formula}"
    );
    assert!(!formula.contains("assumed"), "{formula}");
    assert!(
        !p.estimate.warnings.iter().any(|w| w.contains("Cloud Map")),
        "{:?}",
        p.estimate.warnings
    );
    // The default, one a request, is flagged as the assumption it is.
    let p = price(
        &toml.replace("discovery_calls_per_request = 0.5\n", ""),
        "H2",
    );
    let li = line(&p, "cloud-map-queries").unwrap();
    assert_eq!(li.quantity, d("259.2"));
    assert!(
        li.formula
            .to_string()
            .contains("1 discovery call per request (assumed)")
    );
    assert!(p.estimate.warnings.iter().any(|w| w
        == "Cloud Map discovery calls are an assumption: 1 DiscoverInstances call per request, \
            the default of traffic.discovery_calls_per_request (AWS documents no figure): set it \
            to your own"));
}

#[test]
fn assumption_warnings_only_when_the_default_is_used() {
    // Each (scenario text, the warning its default gives): with the key set, no warning.
    let warned = |toml: &str, arch: &str, start: &str| {
        price(toml, arch)
            .estimate
            .warnings
            .iter()
            .any(|w| w.starts_with(start))
    };
    let nat = "NAT gateways are priced for clients in the consumer VPCs";
    let h1 = "[topology]\nbackend = \"ecs\"\n[layout]\narchitecture = \"H1\"\n";
    assert!(warned(&format!("{BASE}{h1}"), "H1", nat));
    assert!(!warned(
        &format!("{BASE}vpc_client_share = 1\n{h1}"),
        "H1",
        nat
    ));
    let waf = "AWS WAF is priced with 4 rules";
    let r1 = "[topology]\nbackend = \"lambda\"\n[requirements]\nrest_features = [\"waf\", \"caching\"]\n[layout]\narchitecture = \"R1\"\n";
    let cache = "caching is required and layout.cache_gb is not set";
    assert!(warned(&format!("{BASE}{r1}"), "R1", waf));
    assert!(warned(&format!("{BASE}{r1}"), "R1", cache));
    let sized = format!("{BASE}{r1}waf_rules = 4\ncache_gb = 0.5\n");
    assert!(!warned(&sized, "R1", waf) && !warned(&sized, "R1", cache));
    let lambda = "Lambda compute assumes";
    let r5 = "[topology]\nbackend = \"ecs\"\n[layout]\narchitecture = \"R5-lambda\"\n";
    let p = price(&format!("{BASE}{r5}lambda_memory_mb = 512\n"), "R5-lambda");
    assert!(p.estimate.warnings.iter().any(|w| w
        == "Lambda compute assumes the defaults 100 ms per call (layout.lambda_duration_ms): set \
            your function's own"));
    let own = format!("{BASE}{r5}lambda_memory_mb = 512\nlambda_duration_ms = 40\n");
    assert!(!warned(&own, "R5-lambda", lambda));
    assert!(warned(&format!("{BASE}{r5}"), "R5-lambda", lambda));
}

#[test]
fn alb_capacity_from_processed_bytes_counts_decimal_gb() {
    // 259.2 M requests of 1 KB in and 99 KB out: 25,920,000,000 KB × 1,024 bytes ÷ 10^9
    // = 26,542.08 GB a month, 36.864 GB/h (binary counting would say 34.33): above 100 new
    // connections/s ÷ 25 = 4, so 36.864 LCU × 720 h = 26,542.08 LCU-h × $0.008 = $212.33664.
    let toml = format!(
        "{}[topology]\nbackend = \"ecs\"\n[layout]\narchitecture = \"R5-alb\"\n",
        BASE.replace("response_kb = 3", "response_kb = 99")
    );
    let p = price(&toml, "R5-alb");
    let li = line(&p, "alb-capacity").unwrap();
    assert_eq!(
        (li.quantity, li.monthly_cost),
        (d("26542.08"), d("212.33664"))
    );
    let alb = p.estimate.sizing.alb.unwrap();
    assert_eq!(
        (alb.average.units, alb.average.driver),
        (d("36.864"), "processed bytes")
    );
}

#[test]
fn always_free_takes_data_out_and_lambda_allowances() {
    let opts = Options {
        always_free: true,
        ..Options::default()
    };
    let p = price_with(
        "region = \"us-east-1\"\n[traffic]\nrequests_per_month = 5_000_000\n[topology]\nbackend = \"ecs\"\n[layout]\narchitecture = \"R5-lambda\"\nlambda_memory_mb = 1024\nlambda_duration_ms = 100\n",
        "R5-lambda",
        opts,
    );
    assert_bill(
        &p,
        &[
            ("rest-requests", "5", "17.5"),
            ("endpoint-hours", "1460", "14.6"),
            // 5,000,000 × 2 KB ÷ 1,048,576 = 9.5367431640625 GB × $0.01
            ("endpoint-data", "9.5367431640625", "0.095367431640625"),
            // (5 − 1 free) M × $0.20
            ("lambda-requests", "4", "0.8"),
            // 5 M × 1 GB × 0.1 s = 500,000 − 400,000 free = 100,000 GB-s × $0.0000166667
            ("lambda-duration", "100000", "1.66667"),
        ],
        "34.662037431640625",
    );
    let f = line(&p, "lambda-duration").unwrap().formula.to_string();
    assert!(f.contains("− 400,000 free"), "{f}");
    let p = price_with(
        &format!(
            "{BASE}vpc_client_share = 0\n[topology]\nbackend = \"ecs\"\n[layout]\narchitecture = \"H2\"\n"
        ),
        "H2",
        opts,
    );
    // 741.5771484375 − 100 GB free = 641.5771484375 GB × $0.09 = $57.741943359375
    let li = line(&p, "data-transfer-out").unwrap();
    assert_eq!(
        (li.quantity, li.monthly_cost),
        (d("641.5771484375"), d("57.741943359375"))
    );
}

#[test]
fn an_allowance_that_covers_everything_is_a_zero_line_that_says_so() {
    // 150 requests a month with both free tiers: nothing left to pay for requests, Lambda
    // requests or GB-seconds, and each stays a $0 line whose formula takes the allowance off
    // and names the price the first unit past it would pay.
    let opts = Options {
        always_free: true,
        free_tier: true,
        ..Options::default()
    };
    let p = price_with(
        "region = \"us-east-1\"\n[traffic]\nrequests_per_month = 150\n[topology]\nbackend = \"ecs\"\n[layout]\narchitecture = \"R5-lambda\"\n",
        "R5-lambda",
        opts,
    );
    assert_bill(
        &p,
        &[
            ("rest-requests", "0", "0"),
            ("endpoint-hours", "1460", "14.6"),
            // 150 × 2 KB ÷ 1,048,576 GB × $0.01
            (
                "endpoint-data",
                "0.0002861022949218750",
                "0.000002861022949218750",
            ),
            ("lambda-requests", "0", "0"),
            ("lambda-duration", "0", "0"),
        ],
        "14.600002861022949218750",
    );
    let formula = |id| line(&p, id).unwrap().formula.to_string();
    assert_eq!(
        formula("rest-requests"),
        "150 requests ÷ 1,000,000 per million − 0.00015 free = 0 million requests × $3.50"
    );
    // 150 × 0.125 GB × 0.1 s = 1.875 GB-s, all free.
    assert!(
        formula("lambda-duration").ends_with("− 1.875 free = 0 GB-second × $0.0000166667"),
        "{}",
        formula("lambda-duration")
    );
    assert_eq!(
        line(&p, "rest-requests").unwrap().unit_price,
        Some(d("3.50"))
    );
}

/// `scenarios/r5-orders-nlb.toml` with `private_endpoint = false` and, for the second run,
/// `rest_features = []`: the two runs of the issue's "must show".
fn r5_public(features: &str) -> Vec<(&'static str, rust_decimal::Decimal)> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/r5-orders-nlb.toml");
    let text = std::fs::read_to_string(path)
        .unwrap()
        .replace("private_endpoint = true", "private_endpoint = false")
        .replace(
            "rest_features = [\"api-keys\", \"usage-plans\", \"request-validation\"]",
            features,
        );
    let s = scenario::parse("r5-public.toml", &text).unwrap();
    let c = compare(&s, &PriceBook::embedded(), Options::default()).unwrap();
    c.estimates
        .iter()
        .map(|p| (p.pattern.id, p.estimate.monthly_cost))
        .collect()
}

#[test]
fn r5_orders_in_public_lists_regional_rest_and_http_pays_nat() {
    // With the REST features: the regional variants now apply, and cost more than the private
    // ones: R5-regional = R5 − endpoints + data out + NAT. Hand figures (300 M requests of 2 KB
    // in and 8 KB out, 730 h, 2 AZs, one consumer VPC):
    // $1,050 + NLB $16.425 + NLCU 3,072 × $0.006 = $18.432 (3,072 decimal GB drive it)
    // + NAT 2 × 730 × $0.045 = $65.70 + NAT 2,861.02294921875 GB × $0.045 = $128.74603271484375
    // + data out 2,288.818359375 GB × $0.09 = $205.99365234375 → $1,485.29668505859375.
    let ranked =
        r5_public("rest_features = [\"api-keys\", \"usage-plans\", \"request-validation\"]");
    let ids: Vec<&str> = ranked.iter().map(|(id, _)| *id).collect();
    assert_eq!(
        ids,
        [
            "R5",
            "R1",
            "R5-alb",
            "R5-nlb-alb",
            "R5-lambda",
            "R1-shared",
            "R5-regional",
            "R5-alb-regional",
            "R5-nlb-alb-regional",
            "R5-lambda-regional"
        ]
    );
    let cost = |id: &str| ranked.iter().find(|(i, _)| *i == id).unwrap().1;
    assert_eq!(cost("R5-regional"), d("1485.29668505859375"));
    // Without them HTTP applies; H1 still leads, now with NAT: $300 HTTP + ALB $16.425 +
    // 300,000,000 ÷ 3,600 ÷ 25 = 3,333.33… LCU-h × $0.008 + NAT $65.70 + $128.74603271484375
    // + data out $205.99365234375.
    let ranked = r5_public("rest_features = []");
    let ids: Vec<&str> = ranked.iter().map(|(id, _)| *id).collect();
    assert_eq!(
        ids,
        [
            "H1",
            "H2",
            "R5",
            "R1",
            "R5-alb",
            "R5-nlb-alb",
            "R5-lambda",
            "R1-shared",
            "R5-regional",
            "R5-alb-regional",
            "R5-nlb-alb-regional",
            "R5-lambda-regional"
        ]
    );
    let h1 = ranked[0].1;
    let lcu = d("300000000") / d("3600") / d("25") * d("0.008");
    let hand =
        d("300") + d("16.425") + lcu + d("65.7") + d("128.74603271484375") + d("205.99365234375");
    // 3,333.33… LCU-h has no end: the bill keeps each cost to 20 places, so that the total is
    // exactly the sum of its items; the hand sum keeps 26.
    assert!((h1 - hand).abs() < d("1e-20"), "{h1} vs {hand}");
    assert_eq!(h1.scale(), 20);
    assert_eq!(crate::bill::money(h1), "$743.53");
}

#[test]
fn compare_offers_only_what_meets_the_requirements_and_shows_the_current_layout() {
    let s = scenario::parse(
        "c.toml",
        "region = \"us-east-1\"\n[traffic]\nrequests_per_month = 1_000_000\n[requirements]\nprivate_endpoint = true\n[layout]\narchitecture = \"R5-regional\"\n",
    )
    .unwrap();
    let c = compare(&s, &PriceBook::embedded(), Options::default()).unwrap();
    let current = c.current_estimate().expect("the current layout is shown");
    assert_eq!(current.pattern.id, "R5-regional");
    assert!(
        current
            .estimate
            .warnings
            .iter()
            .any(|w| w.starts_with("breaks a requirement"))
    );
    assert!(
        c.not_applicable
            .iter()
            .any(|n| n.pattern.id == "R5-alb-regional")
    );
    // estimate prices it too, exit 0 in the CLI
    estimate_scenario(&s, &PriceBook::embedded(), None, Options::default()).unwrap();
}

#[test]
fn edge_optimized_rules_out_private_rest_and_http() {
    // An edge-optimized endpoint is a public REST endpoint type: no private API has it, and no
    // HTTP API; the -regional patterns are left.
    let toml = "name = \"edge\"\nregion = \"us-east-1\"\n[traffic]\nrequests_per_month = 10_000_000\n[topology]\nbackend = \"ecs\"\n[requirements]\nprivate_endpoint = false\nrest_features = [\"edge-optimized\"]\n";
    let s = scenario::parse("edge.toml", toml).unwrap();
    let cmp = compare(&s, &PriceBook::embedded(), Options::default()).unwrap();
    let mut ids: Vec<&str> = cmp.estimates.iter().map(|p| p.pattern.id).collect();
    ids.sort_unstable();
    assert_eq!(
        ids,
        [
            "R5-alb-regional",
            "R5-lambda-regional",
            "R5-nlb-alb-regional",
            "R5-regional"
        ]
    );
    let why = |id: &str| {
        let n = cmp
            .not_applicable
            .iter()
            .find(|n| n.pattern.id == id)
            .unwrap();
        n.reasons.join("; ")
    };
    assert_eq!(
        why("R5"),
        "a private REST API cannot be edge-optimized (requirements.rest_features holds `edge-optimized`)"
    );
    assert_eq!(
        why("H1"),
        "HTTP APIs lack `edge-optimized` (requirements.rest_features)"
    );
}
