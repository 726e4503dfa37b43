//! AWS's own published worked examples (pricing-facts.md), reproduced to the cent. These are the
//! independent source the price book and engine must agree with.

use apigw_cost::engine::Options;
use apigw_cost::pricing::PriceBook;
use apigw_cost::{Priced, estimate_scenario, money, scenario};
use rust_decimal::Decimal;

use crate::support::d;

fn price(toml: &str, arch: &str) -> Priced {
    let s = scenario::parse("example.toml", toml).unwrap_or_else(|e| panic!("{e:?}"));
    estimate_scenario(&s, &PriceBook::embedded(), Some(arch), Options::default())
        .unwrap_or_else(|e| panic!("{e}"))
}

fn item(p: &Priced, id: &str) -> Decimal {
    p.estimate
        .line_items
        .iter()
        .find(|l| l.component.id() == id)
        .unwrap_or_else(|| panic!("no {id}"))
        .monthly_cost
}

#[test]
fn example_1_http_api_432_million_requests() {
    // 10,000 page loads a minute for a 30-day month = 432 M requests of 12 KB, 46 KB responses:
    // 300 M × $1.00 + 132 M × $0.90 = $418.80.
    let p = price(
        r#"region = "us-east-1"
hours_per_month = 720
[traffic]
requests_per_month = 432_000_000
request_kb = 12
response_kb = 46
[requirements]
private_endpoint = false
"#,
        "H1",
    );
    assert_eq!(item(&p, "http-requests"), d("418.80"));
    let li = p
        .estimate
        .line_items
        .iter()
        .find(|l| l.component.id() == "http-requests")
        .unwrap();
    assert_eq!(li.quantity, d("432"));
    assert_eq!(li.unit_price, None, "two tiers: the formula shows them");
    assert_eq!(
        li.formula.to_string(),
        "432,000,000 requests × 1 × 512 KB units ÷ 1,000,000 per million = 432 million requests: 300 × $1.00 + 132 × $0.90"
    );
}

#[test]
fn example_2_private_rest_api_one_az_720_hours() {
    // 5 M calls, 0.3 KB requests, 3 KB responses, endpoint in 1 AZ for 720 h:
    // $17.50 + $7.20 + 15.7 GB × $0.01 = $24.86.
    let p = price(
        r#"region = "us-east-1"
hours_per_month = 720
[traffic]
requests_per_month = 5_000_000
request_kb = 0.3
response_kb = 3
[topology]
availability_zones = 1
backend = "lambda"
"#,
        "R1",
    );
    assert_eq!(item(&p, "rest-requests"), d("17.50"));
    assert_eq!(item(&p, "endpoint-hours"), d("7.20"));
    // (0.3 + 3) KB × 5,000,000 ÷ 1,048,576 = 15.735626220703125 GB, exactly.
    assert_eq!(item(&p, "endpoint-data"), d("0.15735626220703125"));
    assert_eq!(p.estimate.line_items.len(), 3);
    assert_eq!(p.estimate.monthly_cost, d("24.85735626220703125"));
    assert_eq!(money::money(p.estimate.monthly_cost), "$24.86");
}

#[test]
fn example_3_alb_lcu_from_the_elb_pricing_page() {
    // 1 new connection/s lasting 2 minutes, 5 requests/s, 1.08 GB/h, 60 rules: 1.08 LCU;
    // $0.00864 + $0.0225 = $0.03114 an hour; $22.42 for 720 hours.
    let p = price(
        r#"region = "us-east-1"
hours_per_month = 720
[traffic]
requests_per_second = 5
new_connections_per_second = 1
connection_seconds = 120
processed_gb_per_hour = 1.08
rule_evaluations_per_request = 60
[requirements]
private_endpoint = false
"#,
        "H1",
    );
    let alb = p.estimate.sizing.alb.expect("an ALB");
    assert_eq!(alb.average.units, d("1.08"));
    assert_eq!(alb.average.driver, "processed bytes");
    assert_eq!(
        alb.average.dimensions,
        [d("0.04"), d("0.04"), d("1.08"), d("0.25")]
    );
    let alb_total = item(&p, "alb-hours") + item(&p, "alb-capacity");
    assert_eq!(alb_total, d("22.4208"));
    assert_eq!(alb_total / d("720"), d("0.03114"));
    assert_eq!(money::money(alb_total), "$22.42");
}

#[test]
fn example_4_rest_tiers_21_billion_requests() {
    // $1,165.50 + $1,867.60 + $45,220.00 + $1,510.00 = $49,763.10.
    let p = price(
        r#"region = "us-east-1"
[traffic]
requests_per_month = 21_000_000_000
[topology]
backend = "lambda"
"#,
        "R1",
    );
    assert_eq!(item(&p, "rest-requests"), d("49763.10"));
    let li = p
        .estimate
        .line_items
        .iter()
        .find(|l| l.component.id() == "rest-requests")
        .unwrap();
    let tiers: Vec<Decimal> = li
        .formula
        .tier_uses()
        .iter()
        .map(|u| u.quantity * u.price)
        .collect();
    assert_eq!(
        tiers,
        [d("1165.50"), d("1867.60"), d("45220.00"), d("1510.00")]
    );
}

#[test]
fn the_whitepaper_low_volume_case_nlb_costs_more_than_lambda() {
    // About five requests a day: an always-on NLB costs 730 h × $0.0225 = $16.425 a month on
    // its own, while a VPC-enabled Lambda costs fractions of a cent.
    let toml = r#"region = "us-east-1"
[traffic]
requests_per_month = 150
"#;
    let nlb = price(toml, "R5");
    let lambda = price(toml, "R5-lambda");
    assert_eq!(item(&nlb, "nlb-hours"), d("16.425"));
    assert!(lambda.estimate.monthly_cost < nlb.estimate.monthly_cost);
    assert_eq!(
        nlb.estimate.monthly_cost - lambda.estimate.monthly_cost,
        item(&nlb, "nlb-hours") + item(&nlb, "nlb-capacity")
            - item(&lambda, "lambda-requests")
            - item(&lambda, "lambda-duration")
    );
}
