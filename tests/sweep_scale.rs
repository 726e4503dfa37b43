//! `sweep` at scale: every row equals `estimate` of the scenario with the step's value written
//! in (a property over the shipped scenarios and every key), the rows are the same bytes
//! whatever the number of threads, the count of steps a key walks is known without walking them,
//! and limits are checked before any work (the cases QA timed at 20 to 100 s).

use std::io::Read;
use std::process::Stdio;
use std::time::{Duration, Instant};

use apigw_cost::engine::Options;
use apigw_cost::pricing::PriceBook;
use apigw_cost::scenario::Scenario;
use apigw_cost::sweep::{Column, Sink, THREADS_VAR, keys, parse_vary, run};
use proptest::prelude::*;
use rust_decimal::Decimal;

use crate::support::{cmd_in, root, shipped_scenarios};

/// Every row of a sweep: the key's value and each column's cost.
#[derive(Default)]
struct Rows {
    columns: Vec<String>,
    rows: Vec<(Decimal, Vec<Option<Decimal>>)>,
}

impl Sink for Rows {
    fn begin(&mut self, _: &[&str], columns: &[Column]) -> std::io::Result<()> {
        self.columns = columns.iter().map(Column::label).collect();
        Ok(())
    }
    fn row(
        &mut self,
        v: &[Decimal],
        costs: &[Option<Decimal>],
        _: Option<&str>,
    ) -> std::io::Result<()> {
        self.rows.push((v[0], costs.to_vec()));
        Ok(())
    }
}

/// A value of a key's range: `f` thousandths of the way, cubed so small values come up often.
fn within(lo: Decimal, hi: Decimal, f: u32) -> Decimal {
    let f = Decimal::from(f) / Decimal::from(1000);
    lo + (hi - lo) * f * f * f
}

/// Checks that each priced cell of a sweep of `s` over `spec` is `estimate`'s total of the
/// scenario with the key set to the row's value (the pattern's, or the current layout's).
fn rows_are_estimates(
    s: &Scenario,
    spec: &str,
    steps: u32,
    log: bool,
) -> Result<(), TestCaseError> {
    let Ok(vary) = parse_vary(spec, steps, log) else {
        return Ok(());
    };
    let book = PriceBook::embedded();
    let Ok(table) = apigw_cost::table_for(s, &book) else {
        return Ok(());
    };
    let mut sink = Rows::default();
    let vary = [vary];
    if run(s, table, Options::default(), &vary, &mut sink, |_| {}).is_err() {
        return Ok(()); // a refusal (consumer accounts above the VPCs), not a row
    }
    prop_assert_eq!(sink.rows.len(), vary[0].walked() as usize, "{}", spec);
    for (v, costs) in &sink.rows {
        let mut at = s.clone();
        vary[0].key.set(&mut at, *v);
        for (label, cost) in sink.columns.iter().zip(costs) {
            let Some(cost) = cost else { continue };
            let arch = (!label.starts_with("current")).then_some(label.as_str());
            let e = apigw_cost::estimate_scenario(&at, &book, arch, Options::default());
            let e = e.map_err(|e| TestCaseError::fail(format!("{label} at {spec} = {v}: {e}")))?;
            prop_assert_eq!(
                *cost,
                e.estimate.monthly_cost,
                "{} at {} = {}",
                label,
                spec,
                v
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn every_row_is_the_estimate_of_its_step(
        scenario in 0usize..64,
        key in 0usize..64,
        (a, b) in (0u32..=1000, 0u32..=1000),
        steps in 2u32..7,
        log in any::<bool>(),
    ) {
        let all = shipped_scenarios();
        let s = &all[scenario % all.len()];
        let keys = keys();
        let k = keys[key % keys.len()];
        let from = within(k.min, k.max, a.min(b));
        let to = within(from, k.max, a.max(b));
        let (from, to) = if k.whole { (from.ceil(), to.floor()) } else { (from, to) };
        prop_assume!(from < to);
        let spec = format!("{}={}..{}", k.name, from.normalize(), to.normalize());
        rows_are_estimates(s, &spec, steps, log)?;
    }

    #[test]
    fn the_steps_counted_are_the_steps_walked(
        key in prop::sample::select(vec![
            "topology.consumer_vpcs", "topology.availability_zones", "layout.lambda_duration_ms",
            "traffic.requests_per_month", "hours_per_month", "traffic.request_kb",
        ]),
        (a, b) in (0u32..=1000, 0u32..=1000),
        steps in prop_oneof![2u32..50, 50u32..20_000],
        log in any::<bool>(),
    ) {
        let k = keys().into_iter().find(|k| k.name == key).unwrap();
        let from = within(k.min.max(Decimal::ONE), k.max, a.min(b));
        let to = within(from, k.max, a.max(b));
        let (from, to) = if k.whole { (from.ceil(), to.floor()) } else { (from, to) };
        prop_assume!(from < to);
        let spec = format!("{key}={}..{}", from.normalize(), to.normalize());
        let v = parse_vary(&spec, steps, log).unwrap();
        let values: Vec<Decimal> = v.values().collect();
        prop_assert_eq!(values.len(), v.walked() as usize, "{} in {} steps", spec, steps);
        prop_assert!(values.windows(2).all(|w| w[0] < w[1]), "{} not increasing", spec);
        prop_assert_eq!((values[0], *values.last().unwrap()), (from, to));
    }
}

/// The binary's standard output for `args`, with `APIGW_COST_THREADS` set to `threads`.
fn sweep_with(threads: Option<&str>, args: &[&str]) -> Vec<u8> {
    let mut c = cmd_in(root());
    match threads {
        Some(n) => c.env(THREADS_VAR, n),
        None => c.env_remove(THREADS_VAR),
    };
    let out = c.arg("sweep").args(args).output().expect("runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn the_rows_are_the_same_bytes_whatever_the_number_of_threads() {
    // Break-even points and the current layout's departures (one AZ) fall in several chunks of
    // 4,096 steps and on the threads' shares of them.
    let cases: [&[&str]; 2] = [
        &[
            "scenarios/h1-mobile-backend-alb.toml",
            "--vary",
            "traffic.requests_per_month=1e5..1e10",
            "--steps",
            "9001",
            "--log",
            "--format",
            "csv",
        ],
        &[
            "tests/fixtures/orders.toml",
            "--vary",
            "topology.availability_zones=1..3",
            "--vary",
            "traffic.requests_per_month=1e5..1e11",
            "--steps",
            "5000",
            "--log",
            "--format",
            "json",
        ],
    ];
    for args in cases {
        let all = sweep_with(None, args);
        let text = String::from_utf8_lossy(&all);
        assert!(
            text.contains("break-even") || text.contains("break_evens"),
            "{args:?}"
        );
        for n in ["1", "2", "3", "7"] {
            assert!(
                sweep_with(Some(n), args) == all,
                "{THREADS_VAR}={n} differs: {args:?}"
            );
        }
    }
    let (_, err) = crate::support::run_in(
        root(),
        &[
            "sweep",
            "tests/fixtures/orders.toml",
            "--vary",
            "topology.apis=1..3",
        ],
        0,
    );
    assert!(!err.contains(THREADS_VAR));
    let out = cmd_in(root())
        .env(THREADS_VAR, "0")
        .args([
            "sweep",
            "tests/fixtures/orders.toml",
            "--vary",
            "topology.apis=1..3",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "APIGW_COST_THREADS must be a whole number of threads from 1 to 1024, found `0`"
        ),
        "{err}"
    );
}

/// Runs `args` to its end within `limit`, returning (exit code, stdout, stderr).
fn timed(args: &[&str], limit: Duration) -> (i32, String, String) {
    let start = Instant::now();
    let out = cmd_in(root())
        .args(args)
        .timeout(limit)
        .output()
        .expect("runs");
    assert!(
        start.elapsed() < limit,
        "{args:?} took {:?}",
        start.elapsed()
    );
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (
        out.status.code().unwrap_or(-1),
        text(out.stdout),
        text(out.stderr),
    )
}

#[test]
fn limits_are_checked_before_any_step_is_walked() {
    // Each took 20 to 100 s or more when the steps were counted by walking them. The bounds are
    // loose (a loaded CI machine); each takes milliseconds.
    let limit = Duration::from_secs(5);
    let orders = "tests/fixtures/orders.toml";
    let requests = "traffic.requests_per_month=1e5..1e11";
    let table = ["sweep", orders, "--vary", requests, "--steps", "1000000000"];
    let (code, out, err) = timed(&table, limit);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(
        err.contains("1000000000 steps are too many for a table"),
        "{err}"
    );
    let xlsx = [&table[..], &["--format", "xlsx", "--output", "never.xlsx"]].concat();
    let (code, _, err) = timed(&xlsx, limit);
    assert_eq!(code, 2);
    assert!(err.contains("too many for a workbook"), "{err}");
    assert!(!root().join("never.xlsx").exists());
    // Count keys: the whole numbers of the range, however many steps are asked.
    for (vary, steps, rows) in [
        ("topology.consumer_vpcs=1..5", "100000000", 5),
        ("topology.availability_zones=1..3", "4294967295", 3),
    ] {
        let nlb = "scenarios/r5-orders-nlb.toml";
        let args = [
            "sweep", nlb, "--vary", vary, "--steps", steps, "--format", "csv",
        ];
        let (code, out, err) = timed(&args, limit);
        assert_eq!(code, 0, "{err}");
        assert_eq!(out.lines().count(), rows + 1, "{vary}: {out}");
    }
}

#[test]
fn a_long_sweep_sends_its_first_row_at_once() {
    // 100,000,000 log steps of requests: the first step is 1 and the run of every whole number
    // up to about 2.9 million is walked before any step past it; no byte waited for a count.
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("apigw-cost"));
    let start = Instant::now();
    let mut p = child
        .current_dir(root())
        .args(["sweep", "tests/fixtures/orders.toml", "--vary"])
        .args([
            "traffic.requests_per_month=1..1e15",
            "--log",
            "--steps",
            "100000000",
        ])
        .args(["--format", "csv"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = [0u8; 64];
    p.stdout.as_mut().unwrap().read_exact(&mut line).unwrap();
    let took = start.elapsed();
    p.kill().unwrap();
    p.wait().unwrap();
    assert!(line.starts_with(b"traffic.requests_per_month,"));
    assert!(took < Duration::from_secs(3), "first bytes after {took:?}");
}

#[test]
fn a_long_sweeps_workbook_chart_reads_its_columns_without_a_copy_of_them() {
    // rust_xlsxwriter caches a chart's points as strings, twice per series: 750 MB for a
    // workbook of 1,000,000 steps (now 10 MB at 200,000 steps, 30 MB at a million). Past 10,000
    // steps the ranges are formulas it does not cache; LibreOffice reads them as the same ranges.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("long.xlsx");
    let args = [
        "sweep",
        "tests/fixtures/orders.toml",
        "--vary",
        "traffic.requests_per_month=1e5..1e11",
        "--steps",
        "10002",
        "--log",
        "--format",
        "xlsx",
        "--output",
        out.to_str().unwrap(),
    ];
    crate::support::run_in(root(), &args, 0);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut chart = String::new();
    zip.by_name("xl/charts/chart1.xml")
        .unwrap()
        .read_to_string(&mut chart)
        .unwrap();
    assert!(
        chart.contains("<c:f>(Sweep!$A$5:$A$10006)</c:f>"),
        "{chart}"
    );
    assert!(!chart.contains("<c:numCache>"), "no cache of 10,002 points");
    assert!(chart.matches("<c:ser>").count() >= 2, "a line per pattern");
}
