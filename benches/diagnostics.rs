//! Criterion benches of the error path: a scenario with 100,000 unknown keys, and one with
//! 60,000 of them on a single line, read, located and rendered. Locating is linear in the file
//! (one line index, places located in file order), so both stay well under half a second.
//! Budget in `benches/budgets.toml`.

use apigw_cost::Error;
use apigw_cost::scenario;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

const HEAD: &str = "region = \"us-east-1\"\n";

/// `[traffic]` with `n` unknown keys, one a line.
fn many_lines(n: usize) -> String {
    let mut s = format!("{HEAD}[traffic]\nrequests_per_month = 1\n");
    for i in 0..n {
        s.push_str(&format!("k{i} = 1\n"));
    }
    s
}

/// `traffic = { ... }` with `n` unknown keys on one line.
fn one_line(n: usize) -> String {
    let keys: Vec<String> = (0..n).map(|i| format!("k{i} = 1")).collect();
    format!(
        "{HEAD}traffic = {{ requests_per_month = 1, {} }}\n",
        keys.join(", ")
    )
}

/// Reads the scenario and renders its errors as the binary prints them.
fn report(text: &str) -> usize {
    let problems = scenario::parse("s.toml", text).expect_err("unknown keys");
    Error::Input(problems).to_string().len()
}

fn bench_errors(c: &mut Criterion) {
    let mut g = c.benchmark_group("diagnostics");
    g.sample_size(10);
    let lines = many_lines(100_000);
    g.bench_function("100,000 unknown keys", |b| {
        b.iter(|| report(black_box(&lines)))
    });
    let line = one_line(60_000);
    g.bench_function("60,000 unknown keys on one line", |b| {
        b.iter(|| report(black_box(&line)))
    });
    g.finish();
}

criterion_group!(benches, bench_errors);
criterion_main!(benches);
