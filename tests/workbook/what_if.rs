//! What-if: input cells edited inside the workbook file (volume, payload, consumer VPCs, AZs,
//! Regions), recalculated by LibreOffice, give the totals and line items of `compare` or
//! `estimate` on the scenario edited the same way, to the cent; a pattern the edited scenario no
//! longer allows says so in its status instead. Cases: hand-picked tier edges and metering
//! boundaries (the free tier's allowances among them), then generated ones from a fixed seed,
//! all recalculated in one LibreOffice start.

use apigw_cost::architecture::Layout;
use apigw_cost::compare::compare;
use apigw_cost::engine::Options;
use apigw_cost::pricing::PriceBook;
use apigw_cost::{Priced, estimate_scenario, load_scenario};
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};

use super::office::{self, Book};
use super::{export, float, stem};
use crate::support::{d, shipped, soffice};

#[derive(Debug, Clone, Copy, PartialEq)]
enum Command {
    Compare,
    Estimate,
}

/// One edit of a workbook and of its scenario.
#[derive(Debug, Clone)]
struct Case {
    scenario: String,
    command: Command,
    /// Scenario keys (`traffic.request_kb`) and their new values.
    edits: Vec<(&'static str, Decimal)>,
    /// Exported and priced with `--free-tier --always-free`.
    free_tier: bool,
    /// What the status of every pattern the edit rules out must say.
    refusal: Option<&'static str>,
}

fn case(scenario: &str, command: Command, edits: &[(&'static str, &str)]) -> Case {
    Case {
        scenario: scenario.to_owned(),
        command,
        edits: edits.iter().map(|(k, v)| (*k, d(v))).collect(),
        free_tier: false,
        refusal: None,
    }
}

const REQ: &str = "traffic.requests_per_month";
const REQ_KB: &str = "traffic.request_kb";
const RESP_KB: &str = "traffic.response_kb";
const VPCS: &str = "topology.consumer_vpcs";
const AZS: &str = "topology.availability_zones";
const REGIONS: &str = "topology.regions";
const VPC_SHARE: &str = "traffic.vpc_client_share";

/// Tier edges and metering boundaries, each where it bites.
fn edges() -> Vec<Case> {
    use Command::*;
    let rest = "r5-orders-nlb.toml";
    let http = "h1-mobile-backend-alb.toml";
    let ws = "w1-live-chat-websocket.toml";
    let mut cases: Vec<Case> = [
        "333000000",
        "333000001",
        "1000000000",
        "1000000001",
        "20000000000",
        "20000000001",
    ]
    .iter()
    .map(|v| case(rest, Compare, &[(REQ, v)]))
    .collect();
    cases.extend(
        ["300000000", "300000001"]
            .iter()
            .map(|v| case(http, Compare, &[(REQ, v)])),
    );
    cases.extend(
        ["512", "512.5", "1024", "1024.001", "0"]
            .iter()
            .map(|v| case(http, Compare, &[(REQ_KB, v)])),
    );
    cases.extend(
        ["32", "32.001", "64.5"]
            .iter()
            .map(|v| case(ws, Compare, &[(REQ_KB, v)])),
    );
    cases.push(case(ws, Compare, &[(RESP_KB, "0")]));
    cases.push(case(
        ws,
        Estimate,
        &[(REQ, "1000000000"), (RESP_KB, "96.01")],
    ));
    // Exactly 1 PB (2^40 KB) through one endpoint hop, then one request more.
    for requests in ["1073741824", "1073741825"] {
        let edits = [(REQ, requests), (REQ_KB, "512"), (RESP_KB, "512")];
        cases.push(case("r1-basic-lambda.toml", Compare, &edits));
    }
    for azs in ["1", "3", "6"] {
        cases.push(case(
            "r5-alb-storefront-services.toml",
            Compare,
            &[(AZS, azs)],
        ));
        cases.push(case(
            "r5-alb-storefront-services.toml",
            Estimate,
            &[(AZS, azs)],
        ));
    }
    cases.push(case(rest, Compare, &[(AZS, "1")]));
    cases.push(case(rest, Estimate, &[(AZS, "1")]));
    cases.push(case(http, Compare, &[(AZS, "1")]));
    for vpcs in ["1", "25"] {
        cases.push(case(
            "r2-customer-profile-consumers.toml",
            Compare,
            &[(VPCS, vpcs)],
        ));
    }
    cases.push(case(
        "r1-shared-platform-vpcs.toml",
        Compare,
        &[(VPCS, "40")],
    ));
    cases.push(case(
        "r4-alb-inventory-active-active.toml",
        Compare,
        &[(REGIONS, "3")],
    ));
    cases.push(case(
        "r4-alb-inventory-active-active.toml",
        Estimate,
        &[(REGIONS, "1")],
    ));
    cases.push(case(
        "r4-payments-active-passive.toml",
        Compare,
        &[(REGIONS, "1")],
    ));
    cases.extend(internet_clients());
    // Under, at and over the free tier's million requests and 750,000 WebSocket minutes.
    for (scenario, key, v) in [
        (rest, REQ, "500000"),
        (rest, REQ, "1000000"),
        (rest, REQ, "1000001"),
        (http, REQ, "999999"),
        (ws, "traffic.connection_minutes_per_month", "750000"),
        (ws, "traffic.connection_minutes_per_month", "750001"),
    ] {
        let mut c = case(scenario, Compare, &[(key, v)]);
        c.free_tier = true;
        cases.push(c);
    }
    cases
}

/// Clients moved to the internet: a private pattern no longer applies (its status says why),
/// the public ones are priced with the VPC clients' new NAT share; every caller inside the
/// network (on premises or in a VPC) keeps the private ones.
fn internet_clients() -> Vec<Case> {
    use Command::*;
    let internet = Some("from the internet (1 − traffic.vpc_client_share");
    let mut cases = Vec::new();
    for (scenario, command, share, refusal) in [
        ("r5-orders-nlb.toml", Compare, "0.5", internet),
        ("r5-orders-nlb.toml", Estimate, "0", internet),
        ("r5-orders-nlb.toml", Compare, "1", None),
        ("h1-vpc-clients-nat.toml", Compare, "0.6", internet),
        ("r3-policy-lookup-dx.toml", Compare, "0.3", None),
        ("r3-policy-lookup-dx.toml", Compare, "0.2", internet),
    ] {
        let mut c = case(scenario, command, &[(VPC_SHARE, share)]);
        c.refusal = refusal;
        cases.push(c);
    }
    cases
}

/// A fixed-seed generator (xorshift64*): the same cases on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// A value for `key`: often an edge (± a little), else a spread over its useful range.
fn value(rng: &mut Rng, key: &str) -> Decimal {
    let edge = rng.below(3) == 0;
    match key {
        REQ if edge => {
            d(rng.pick::<&str>(&["300000000", "333000000", "1000000000", "20000000000"]))
                + Decimal::from(rng.below(2))
        }
        REQ => Decimal::from(10u64.pow(3 + rng.below(8) as u32) * (1 + rng.below(9))),
        REQ_KB if edge => {
            d(rng.pick::<&str>(&["32", "512", "1024"]))
                + d(rng.pick::<&str>(&["0", "0.5", "0.001"]))
        }
        REQ_KB | RESP_KB => Decimal::new(rng.below(200_000) as i64, 2),
        VPCS => Decimal::from(1 + rng.below(30)),
        AZS => Decimal::from(1 + rng.below(6)),
        _ => unreachable!("{key}"),
    }
}

/// `count` cases over the shipped scenarios (`estimable`: those `estimate` prices).
fn generated(count: usize, names: &[(String, bool)]) -> Vec<Case> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    (0..count)
        .map(|_| {
            let (scenario, estimable) = rng.pick(names).clone();
            let command = if estimable && rng.below(3) == 0 {
                Command::Estimate
            } else {
                Command::Compare
            };
            let keys = [REQ, REQ_KB, RESP_KB, VPCS, AZS];
            let mut edits: Vec<(&'static str, Decimal)> = Vec::new();
            for _ in 0..1 + rng.below(4) {
                let key = *rng.pick(&keys);
                if !edits.iter().any(|(k, _)| *k == key) {
                    edits.push((key, value(&mut rng, key)));
                }
            }
            Case {
                scenario,
                command,
                edits,
                free_tier: rng.below(4) == 0,
                refusal: None,
            }
        })
        .collect()
}

/// The scenario file with the case's edits, written beside the workbooks.
fn edited(case: &Case, dir: &Path, n: usize) -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios")
        .join(&case.scenario);
    let mut doc: toml::Table = std::fs::read_to_string(&path).unwrap().parse().unwrap();
    for (key, v) in &case.edits {
        let (section, key) = key.split_once('.').unwrap();
        let table = doc
            .entry(section)
            .or_insert_with(|| toml::Value::Table(toml::Table::new()))
            .as_table_mut()
            .unwrap();
        let value = match i64::try_from(*v) {
            Ok(i) if v.is_integer() => toml::Value::Integer(i),
            _ => toml::Value::Float(v.to_string().parse().unwrap()),
        };
        table.insert(key.to_owned(), value);
    }
    let file = dir.join(format!("case-{n}.toml"));
    std::fs::write(&file, toml::to_string(&doc).unwrap()).unwrap();
    file
}

/// What the engine says of the edited scenario: every pattern that applies, by id; `None` when
/// the edited scenario is refused.
fn engine(case: &Case, file: &Path) -> Option<Vec<Priced>> {
    let book = PriceBook::embedded();
    let s = load_scenario(file).ok()?;
    let opts = Options {
        free_tier: case.free_tier,
        always_free: case.free_tier,
        lean: false,
    };
    Some(match case.command {
        Command::Compare => compare(&s, &book, opts).unwrap().estimates,
        Command::Estimate => estimate_scenario(&s, &book, None, opts)
            .into_iter()
            .collect(),
    })
}

/// Checks one recalculated case; returns (totals held to the cent, statuses that refused).
fn check(
    case: &Case,
    exported: &[Priced],
    book: &Book,
    expected: Option<Vec<Priced>>,
) -> (usize, usize) {
    let what = format!("{case:?}");
    assert_eq!(book.errors(), Vec::<String>::new(), "{what}");
    let expected = expected.unwrap_or_default();
    let (mut held, mut refused) = (0, 0);
    for before in exported {
        let id = before.pattern.id;
        let status = book.text(&format!("status_{}", stem(id)));
        // The pattern still applies, drawn as it was exported (the numbers aside).
        let same = |p: &&Priced| {
            p.pattern.id == id && shape(&p.estimate.layout) == shape(&before.estimate.layout)
        };
        match expected.iter().find(same) {
            Some(p) => {
                assert!(status.starts_with("applies"), "{what} {id}: {status}");
                let total = book.number(&format!("total_{}", stem(id)));
                let engine = float(p.estimate.monthly_cost);
                assert!(
                    (total - engine).abs() < 0.005,
                    "{what} {id}: {total} vs the engine's {engine}"
                );
                for (component, cost) in book.line_items(id) {
                    let line = p
                        .estimate
                        .line_items
                        .iter()
                        .find(|i| i.component.id() == component);
                    let engine = line.map_or(0.0, |i| float(i.monthly_cost));
                    assert!(
                        (cost - engine).abs() < 0.005,
                        "{what} {id} {component}: {cost} vs {engine}"
                    );
                }
                held += 1;
            }
            None => {
                assert!(
                    status.starts_with("does not apply"),
                    "{what} {id}: {status}"
                );
                if let Some(why) = case.refusal {
                    assert!(status.contains(why), "{what} {id}: {status}");
                }
                refused += 1;
            }
        }
    }
    (held, refused)
}

#[test]
fn edited_inputs_recalculate_to_the_edited_scenario() {
    let dir = tempfile::tempdir().unwrap();
    let book = PriceBook::embedded();
    let names: Vec<(String, bool)> = shipped()
        .iter()
        .map(|p| {
            let s = load_scenario(p).unwrap();
            let estimable = estimate_scenario(&s, &book, None, Options::default()).is_ok();
            (
                p.file_name().unwrap().to_str().unwrap().to_owned(),
                estimable,
            )
        })
        .collect();
    let mut cases = edges();
    cases.extend(generated(40, &names));
    let mut files = Vec::new();
    let mut exported = Vec::new();
    for (n, c) in cases.iter().enumerate() {
        let (base, ids) = base(c, dir.path());
        let file = dir.path().join(format!("case-{n}.xlsx"));
        let cells: Vec<(String, String)> = c
            .edits
            .iter()
            .map(|(k, v)| (k.replace('.', "_"), v.normalize().to_string()))
            .collect();
        office::edit_inputs(&base, &file, &cells);
        files.push(file);
        exported.push(ids);
    }
    let Some(soffice) = soffice() else {
        return;
    };
    let (done, took) = office::recalculate(soffice, &files, &dir.path().join("out"));
    let (mut held, mut refused) = (0, 0);
    for (n, c) in cases.iter().enumerate() {
        let expected = engine(c, &edited(c, dir.path(), n));
        let original = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("scenarios")
            .join(&c.scenario);
        let before = engine(c, &original).unwrap();
        let ids: Vec<&str> = before.iter().map(|p| p.pattern.id).collect();
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(
            sorted, exported[n],
            "the workbook holds the patterns the engine priced"
        );
        let (h, r) = check(c, &before, &Book::open(&done[n]), expected);
        assert!(c.refusal.is_none() || r > 0, "{c:?}: no pattern flagged");
        held += h;
        refused += r;
    }
    eprintln!(
        "{} what-if cases recalculated by LibreOffice in {:.1} s: {held} totals equal the edited \
         scenario's to the cent, {refused} patterns flagged as no longer applying as exported",
        cases.len(),
        took.as_secs_f64()
    );
    assert!(cases.len() >= 50 && held > 100 && refused > 5);
}

/// A layout's choices that are not numbers: what a workbook fixes at export.
fn shape(l: &Layout) -> String {
    let Layout {
        api,
        endpoints,
        integration,
        reach,
        dns,
        facade,
        listener,
        active_active,
        ..
    } = l;
    format!(
        "{api:?} {endpoints:?} {integration:?} {reach:?} {dns:?} {facade:?} {listener:?} {active_active}"
    )
}

/// The workbook of the case's scenario and command as exported (written once), and the
/// patterns it holds.
fn base(c: &Case, dir: &Path) -> (PathBuf, Vec<String>) {
    let command = match c.command {
        Command::Compare => "compare",
        Command::Estimate => "estimate",
    };
    let file = dir.join(format!(
        "base-{command}-{}-{}.xlsx",
        c.scenario, c.free_tier
    ));
    if !file.exists() {
        let scenario = format!("scenarios/{}", c.scenario);
        let free_tier: &[&str] = if c.free_tier {
            &["--free-tier", "--always-free"]
        } else {
            &[]
        };
        let args = [&[command, scenario.as_str()][..], free_tier].concat();
        assert!(export(&args, &file), "{c:?}");
    }
    let book = Book::open(&file);
    let mut ids: Vec<String> = book
        .names
        .keys()
        .filter_map(|n| n.strip_prefix("total_"))
        .map(|s| s.to_owned())
        .collect();
    ids.sort();
    let ids = ids.iter().map(|s| unstem(s, &book)).collect();
    (file, ids)
}

/// The pattern id of a defined-name suffix: the sheet the name points at.
fn unstem(suffix: &str, book: &Book) -> String {
    let target = &book.names[&format!("total_{suffix}")];
    target
        .rsplit_once('!')
        .unwrap()
        .0
        .trim_matches('\'')
        .to_owned()
}
