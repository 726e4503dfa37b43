//! Criterion benches of the core: one estimate, a thousand estimates, and `compare` over every
//! pattern for one and for a thousand scenarios, `recommend` on a large estate. Budgets:
//! estimate well under 10 µs, compare under 100 µs, recommend under 10 ms.

use apigw_cost::architecture::{self, find};
use apigw_cost::compare::compare;
use apigw_cost::engine::{Options, estimate};
use apigw_cost::pricing::PriceBook;
use apigw_cost::scenario::{self, Scenario};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use rust_decimal::Decimal;
use std::hint::black_box;

const ORDERS: &str = r#"
name = "orders"
region = "us-east-1"
[traffic]
requests_per_month = 300_000_000
request_kb = 2
response_kb = 8
peak_to_average = 3
[topology]
availability_zones = 2
consumer_vpcs = 3
consumer_accounts = 2
backend_services = 3
[layout]
architecture = "R5"
"#;

fn scenarios(n: usize) -> Vec<Scenario> {
    let base = scenario::parse("orders.toml", ORDERS).unwrap();
    (0..n)
        .map(|i| {
            let mut s = base.clone();
            s.traffic.requests_per_month = Decimal::from(1_000_000 + i as u64 * 7_919_113);
            s.topology.consumer_vpcs = 1 + (i % 12) as u32;
            s.topology.availability_zones = 2 + (i % 3) as u32;
            s
        })
        .collect()
}

fn bench_estimate(c: &mut Criterion) {
    let book = PriceBook::embedded();
    let table = book.region("us-east-1").unwrap();
    let s = scenario::parse("orders.toml", ORDERS).unwrap();
    let layout = architecture::resolve(find("R5").unwrap(), &s, s.layout.as_ref()).unwrap();
    let mut g = c.benchmark_group("estimate");
    g.bench_function("one scenario (R5)", |b| {
        b.iter(|| estimate(black_box(&s), black_box(&layout), table, Options::default()).unwrap())
    });
    let lean = Options {
        lean: true,
        ..Options::default()
    };
    g.bench_function("one scenario (R5), costs only", |b| {
        b.iter(|| estimate(black_box(&s), black_box(&layout), table, lean).unwrap())
    });
    let many = scenarios(1000);
    let layouts: Vec<_> = many
        .iter()
        .map(|s| architecture::resolve(find("R5").unwrap(), s, s.layout.as_ref()).unwrap())
        .collect();
    g.throughput(Throughput::Elements(1000));
    g.bench_with_input(BenchmarkId::new("scenarios", 1000), &many, |b, many| {
        b.iter(|| {
            for (s, l) in many.iter().zip(&layouts) {
                black_box(estimate(s, l, table, Options::default()).unwrap());
            }
        })
    });
    g.finish();
}

fn bench_compare(c: &mut Criterion) {
    let book = PriceBook::embedded();
    let s = scenario::parse("orders.toml", ORDERS).unwrap();
    let mut g = c.benchmark_group("compare");
    g.bench_function("all patterns, one scenario", |b| {
        b.iter(|| compare(black_box(&s), &book, Options::default()).unwrap())
    });
    let many = scenarios(1000);
    g.throughput(Throughput::Elements(1000));
    g.sample_size(10);
    g.bench_with_input(BenchmarkId::new("scenarios", 1000), &many, |b, many| {
        b.iter(|| {
            for s in many {
                black_box(compare(s, &book, Options::default()).unwrap());
            }
        })
    });
    g.finish();
}

const LARGE: &str = r#"
name = "estate"
region = "us-east-1"
[traffic]
requests_per_month = 2_000_000_000
request_kb = 4
response_kb = 24
on_premises_share = 0.3
[topology]
availability_zones = 3
consumer_vpcs = 40
consumer_accounts = 12
apis = 60
backend_services = 25
backend_accounts = 5
on_premises = "direct-connect"
regions = 2
[requirements]
private_endpoint = true
min_availability_zones = 2
[layout]
architecture = "R6"
multi_region = "active-active"
"#;

fn bench_recommend(c: &mut Criterion) {
    let book = PriceBook::embedded();
    let s = scenario::parse("estate.toml", LARGE).unwrap();
    let mut g = c.benchmark_group("recommend");
    g.sample_size(20);
    g.bench_function("large estate, whole search", |b| {
        b.iter(|| {
            apigw_cost::recommend::recommend(black_box(&s), &book, Options::default(), 5).unwrap()
        })
    });
    g.finish();
}

fn bench_parse(c: &mut Criterion) {
    c.bench_function("parse scenario", |b| {
        b.iter(|| scenario::parse("orders.toml", black_box(ORDERS)).unwrap())
    });
}

criterion_group!(
    benches,
    bench_estimate,
    bench_compare,
    bench_recommend,
    bench_parse
);
criterion_main!(benches);
