//! Fuzzing without a nightly toolchain: a proptest harness that mutates every shipped scenario
//! and price table (values swapped for hostile literals, lines dropped, duplicated, moved or cut,
//! bytes inserted) and runs each survivor through the whole pipeline: parse, validate, compare
//! every pattern, recommend, render every format (and the xlsx workbook on deep cases). Nothing
//! may panic. CI runs a few thousand cases; `FUZZ_CASES=1000000 cargo test --release --test
//! integration fuzz` runs a million.
//! Inputs that once broke something live in tests/fuzz-corpus/ and are replayed every run.

use apigw_cost::compare::compare;
use apigw_cost::engine::Options;
use apigw_cost::pricing::{EMBEDDED, PriceBook, parse_table};
use apigw_cost::report::{Document, Format, Kind, ScenarioReport, render};
use apigw_cost::{recommend, scenario};
use proptest::prelude::*;
use std::path::Path;

fn cases(default: u32) -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Every valid scenario text we ship or test with: the seeds.
fn seeds() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in ["scenarios", "tests/fixtures"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "toml")
                && let Ok(t) = std::fs::read_to_string(&p)
            {
                out.push(t);
            }
        }
    }
    out.sort();
    out
}

const HOSTILE: &[&str] = &[
    "-1",
    "0",
    "1e300",
    "-1e300",
    "1e-300",
    "inf",
    "-inf",
    "nan",
    "1e15",
    "1e16",
    "79228162514264337593543950335",
    "0.0000000000000000000000000001",
    "4294967296",
    "18446744073709551616",
    "\"\"",
    "\"x\"",
    "[]",
    "[1, 2]",
    "{}",
    "{ a = 1 }",
    "true",
    "1979-05-27",
    "0x7fffffff",
    "0o777",
    "0b1",
    "1_000",
    "6",
    "7",
    "744",
    "745",
    "1000000",
    "\"R5\"",
    "\"H1\"",
    "\"W1\"",
    "\"none\"",
    "\"vpn\"",
    "\"lambda\"",
    "\"alb\"",
    "\"active-active\"",
    "[\"api-keys\"]",
    // Tampered price-table values (issue 22): zero, a rising or huge price, impossible or
    // far-future dates, Regions that are not identifiers, more digits than a decimal holds.
    "\"0\"",
    "\"21\"",
    "\"1000\"",
    "\"0.5\"",
    "\"2099-01-01\"",
    "\"2025-13-45\"",
    "\"2025-02-29\"",
    "\"US-EAST-1\"",
    "\"../../victim\"",
    "\"eu-west-1\"",
    "\"0.1234567890123456789012345678901234567890\"",
];

#[derive(Debug, Clone)]
enum Mutation {
    Value(usize, usize),
    Drop(usize),
    Duplicate(usize),
    Move(usize, usize),
    Insert(usize, Vec<u8>),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => (any::<usize>(), 0..HOSTILE.len()).prop_map(|(l, v)| Mutation::Value(l, v)),
        1 => any::<usize>().prop_map(Mutation::Drop),
        1 => any::<usize>().prop_map(Mutation::Duplicate),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Move(a, b)),
        1 => (any::<usize>(), prop::collection::vec(any::<u8>(), 1..8)).prop_map(|(a, b)| Mutation::Insert(a, b)),
        1 => any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn mutate(text: &str, ms: &[Mutation]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    for m in ms {
        if lines.is_empty() {
            break;
        }
        let n = lines.len();
        match m {
            Mutation::Value(l, v) => {
                let line = &mut lines[l % n];
                if let Some((k, _)) = line.split_once('=') {
                    *line = format!("{}= {}", k, HOSTILE[*v]);
                }
            }
            Mutation::Drop(l) => {
                lines.remove(l % n);
            }
            Mutation::Duplicate(l) => {
                let line = lines[l % n].clone();
                lines.insert(l % n, line);
            }
            Mutation::Move(a, b) => {
                let line = lines.remove(a % n);
                lines.insert(b % n, line);
            }
            Mutation::Insert(l, bytes) => {
                let line = &mut lines[l % n];
                let at = line.len() / 2;
                let junk = String::from_utf8_lossy(bytes).into_owned();
                if line.is_char_boundary(at) {
                    line.insert_str(at, &junk);
                }
            }
            Mutation::Truncate(l) => lines.truncate(l % n),
        }
    }
    lines.join("\n")
}

/// The whole pipeline on one text. Errors are fine; panics are not.
fn pipeline(text: &str, book: &PriceBook, deep: bool) {
    let Ok(s) = scenario::parse("fuzz.toml", text) else {
        return;
    };
    let _ = apigw_cost::estimate_scenario(&s, book, None, Options::default());
    if let Ok(c) = compare(&s, book, Options::default()) {
        // The total is exactly the sum of the line items as shown (issue 22: it differed in
        // the 28th digit in 2,252 of 9,568 fuzzed estimates).
        for p in &c.estimates {
            let items: Vec<_> = p
                .estimate
                .line_items
                .iter()
                .map(|l| l.monthly_cost)
                .collect();
            assert_eq!(
                crate::properties::exact_sum(&items),
                p.estimate.monthly_cost.normalize().to_string()
            );
        }
        let prices = book.region(&s.region).unwrap().provenance();
        let report = ScenarioReport::compared(&s, c, prices);
        if deep && let Some(table) = book.region(&s.region) {
            let src = apigw_cost::report::xlsx::Source {
                kind: Kind::Compare,
                report: &report,
                table,
                opts: Options::default(),
            };
            apigw_cost::report::xlsx::workbook(&src).unwrap();
        }
        let doc = Document::Estimates {
            kind: Kind::Compare,
            scenarios: vec![report],
            totals: false,
        };
        for f in [Format::Table, Format::Csv, Format::Json, Format::Markdown] {
            render(&doc, f, 80, &mut std::io::sink()).unwrap();
        }
    }
    if deep && let Ok(a) = recommend::recommend(&s, book, Options::default(), 3) {
        let doc = Document::Recommend(vec![(&s, a)]);
        for f in [Format::Table, Format::Csv, Format::Json, Format::Markdown] {
            render(&doc, f, 80, &mut std::io::sink()).unwrap();
        }
    }
}

#[test]
fn replay_the_corpus() {
    let book = PriceBook::embedded();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-corpus");
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        let bytes = std::fs::read(&p).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        pipeline(&text, &book, true);
        if p.to_string_lossy().contains("price-table") {
            let _ = parse_table("fuzz.toml", &text);
        }
        n += 1;
    }
    assert!(n >= 5, "the corpus is there");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(3000), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn fuzz_scenarios(seed in any::<prop::sample::Index>(), ms in prop::collection::vec(mutation(), 1..6), deep in 0u8..40) {
        thread_local! {
            static SEEDS: Vec<String> = seeds();
            static BOOK: PriceBook = PriceBook::embedded();
        }
        let text = SEEDS.with(|s| mutate(&s[seed.index(s.len())], &ms));
        BOOK.with(|b| pipeline(&text, b, deep == 0));
    }

    #[test]
    fn fuzz_price_tables(seed in any::<prop::sample::Index>(), ms in prop::collection::vec(mutation(), 1..6)) {
        let (_, text) = EMBEDDED[seed.index(EMBEDDED.len())];
        let mutated = mutate(text, &ms);
        if let Ok(table) = parse_table("fuzz.toml", &mutated) {
            accepted_table_is_sound(&table);
            let mut book = PriceBook::default();
            let region = table.region.clone();
            book.tables.insert(region.clone(), table);
            let s = format!("region = \"{region}\"\n[traffic]\nrequests_per_month = 123456789\n[topology]\nbackend_accounts = 2\n");
            pipeline(&s, &book, false);
        }
    }
}

/// What every table the reader accepts must be, however it was mutated (issue 22's tampered
/// tables): a Region identifier; real, not far-future dates; tier prices that never rise
/// (except from a free first tier) and are zero only there; each cache size once.
fn accepted_table_is_sound(table: &apigw_cost::pricing::PriceTable) {
    use apigw_cost::pricing::Rate;
    assert!(
        apigw_cost::pricing::import::is_region_id(&table.region),
        "{}",
        table.region
    );
    let today = apigw_cost::pricing::check::today();
    for c in apigw_cost::pricing::price_items() {
        let Some(p) = table.get(c) else { continue };
        assert_eq!(
            apigw_cost::pricing::check::date(&p.effective_date, today),
            None
        );
        match &p.rate {
            Rate::Flat(price) => assert!(!price.is_zero(), "{c}"),
            Rate::Tiered(tiers) => {
                for (i, w) in tiers.windows(2).enumerate() {
                    assert!(
                        w[1].price <= w[0].price || (i == 0 && w[0].price.is_zero()),
                        "{c}: {tiers:?}"
                    );
                }
                assert!(tiers.iter().skip(1).all(|t| !t.price.is_zero()), "{c}");
            }
            Rate::Sizes(sizes) => {
                assert!(sizes.windows(2).all(|w| w[0].0 < w[1].0), "{c}: {sizes:?}");
            }
        }
    }
}

#[test]
fn the_largest_inputs_at_the_largest_prices_do_not_overflow() {
    // Every price and tier edge at the table reader's maximum, the largest scenario the reader
    // accepts: amounts stay far below Decimal's limit, so nothing can overflow.
    let mut table = String::from("region = \"xx-test-1\"\ncurrency = \"USD\"\n");
    for c in apigw_cost::component::Component::ALL
        .iter()
        .filter(|c| c.price_item() == **c)
    {
        let rate = if *c == apigw_cost::component::Component::RestCache {
            "sizes = [{ gb = \"237\", price = \"1000000\" }]".to_owned()
        } else {
            "price = \"1000000\"".to_owned()
        };
        table.push_str(&format!(
            "[prices.{}]\nunit = \"{}\"\n{rate}\nsource = \"s\"\neffective_date = \"2025-01-01\"\n",
            c.id(),
            c.unit()
        ));
    }
    let table = parse_table("max.toml", &table).unwrap();
    let mut book = PriceBook::default();
    book.tables.insert("xx-test-1".into(), table);
    let scenario = r#"region = "xx-test-1"
hours_per_month = 744
[traffic]
requests_per_month = 1e15
request_kb = 1048576
response_kb = 1048576
peak_to_average = 1000
connection_seconds = 1e9
rule_evaluations_per_request = 1000
on_premises_share = 1
connection_minutes_per_month = 0
new_connections_per_second = 1e12
active_connections = 1e12
processed_gb_per_hour = 1e12
cross_az_share = 1
dns_queries_per_month = 1e15
[topology]
availability_zones = 6
consumer_vpcs = 10000
consumer_accounts = 10000
apis = 10000
backend_services = 10000
backend_accounts = 1000
backend_instances = 1000000
on_premises = "vpn"
on_premises_connections = 100
regions = 30
[requirements]
private_endpoint = false
min_availability_zones = 1
[layout]
architecture = "R6"
endpoints_per_vpc = 50
load_balancers = 100
cache_gb = 237
lambda_memory_mb = 10240
lambda_duration_ms = 900000
multi_region = "active-active"
"#;
    let s = scenario::parse("max.toml", scenario).unwrap();
    let c = compare(&s, &book, Options::default()).unwrap();
    assert!(!c.estimates.is_empty());
    for p in &c.estimates {
        assert!(p.estimate.monthly_cost > rust_decimal::Decimal::ZERO);
    }
    let a = recommend::recommend(&s, &book, Options::default(), 3).unwrap();
    assert!(!a.recommendations.is_empty());
    // Same-account backends: the Lambda proxy (9e18 GB-seconds) and HTTP APIs (2,048 units a
    // request) join in.
    let same = scenario
        .replace("backend_accounts = 1000", "backend_accounts = 1")
        .replace("cache_gb = 237\n", "");
    let s = scenario::parse("max.toml", &same).unwrap();
    let ids: Vec<&str> = compare(&s, &book, Options::default())
        .unwrap()
        .estimates
        .iter()
        .map(|p| p.pattern.id)
        .collect();
    assert!(
        ids.contains(&"R5-lambda") && ids.contains(&"H1") && ids.contains(&"H2"),
        "{ids:?}"
    );
    let ws = scenario
        .replace("architecture = \"R6\"", "architecture = \"W1\"")
        .replace("backend_accounts = 1000", "backend_accounts = 1")
        .replace(
            "connection_minutes_per_month = 0",
            "connection_minutes_per_month = 1e15",
        )
        .replace("cache_gb = 237\n", "");
    let s = scenario::parse("max.toml", &ws).unwrap();
    assert!(
        compare(&s, &book, Options::default())
            .unwrap()
            .estimates
            .iter()
            .any(|p| p.pattern.id == "W1")
    );
}
