//! Criterion bench of `--format xlsx`: the whole workbook of a `compare` (every sheet priced
//! and written, zipped into bytes; budget 50 ms) and of a 10,000-step sweep (the steps streamed
//! into the Sweep sheet with its chart, plus the live sheets; budget 2 s).

use apigw_cost::compare::compare;
use apigw_cost::engine::Options;
use apigw_cost::pricing::PriceBook;
use apigw_cost::report::xlsx::{Source, SweepXlsx, workbook};
use apigw_cost::report::{Kind, ScenarioReport};
use apigw_cost::scenario;
use apigw_cost::sweep::{parse_vary, run};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

/// The shipped scenario with the most applicable patterns (nine, over two active Regions).
const INVENTORY: &str = include_str!("../scenarios/r4-alb-inventory-active-active.toml");

fn report<'s>(s: &'s scenario::Scenario, book: &PriceBook) -> ScenarioReport<'s> {
    let cmp = compare(s, book, Options::default()).unwrap();
    ScenarioReport::compared(s, cmp, book.region(&s.region).unwrap().provenance())
}

fn bench_xlsx(c: &mut Criterion) {
    let book = PriceBook::embedded();
    let s = scenario::parse("inventory.toml", INVENTORY).unwrap();
    let table = book.region(&s.region).unwrap();
    let report = report(&s, &book);
    let src = Source {
        kind: Kind::Compare,
        report: &report,
        table,
        opts: Options::default(),
    };
    let mut g = c.benchmark_group("xlsx");
    g.sample_size(20);
    g.bench_function("compare workbook, nine patterns", |b| {
        b.iter(|| black_box(workbook(&src).unwrap()))
    });
    let vary = vec![parse_vary("traffic.requests_per_month=1e5..1e11", 10_000, true).unwrap()];
    g.sample_size(10);
    g.bench_function("sweep workbook, 10,000 steps", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            let mut sink = SweepXlsx::new(&mut out, &src, true).unwrap();
            run(&s, table, Options::default(), &vary, &mut sink, |_| {}).unwrap();
            drop(sink);
            black_box(out)
        })
    });
    g.finish();
}

criterion_group!(benches, bench_xlsx);
criterion_main!(benches);
