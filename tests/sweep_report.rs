//! What a sweep report says besides its numbers, checked on the real binary and the shipped
//! scenarios: the cheapest column and the break-even points never pit the current layout against
//! its own pattern, and name a layout that breaks a requirement only as the current one.

use apigw_cost::engine::Options;
use apigw_cost::pricing::PriceBook;
use apigw_cost::sweep::{Column, Sink, parse_vary, run};
use apigw_cost::{estimate_scenario, scenario};
use rust_decimal::Decimal;
use serde_json::Value;

use crate::support::{d, root, run_in, shipped_scenarios};

/// `scenarios/r5-alb-storefront-services.toml` swept over 1..3 AZs, in `format`.
fn storefront(format: &str) -> (String, String) {
    run_in(
        root(),
        &[
            "sweep",
            "scenarios/r5-alb-storefront-services.toml",
            "--vary",
            "topology.availability_zones=1..3",
            "--format",
            format,
        ],
        0,
    )
}

/// The storefront's own layout priced by `estimate` with `availability_zones = azs`.
fn storefront_estimate(azs: u32) -> Decimal {
    let path = root().join("scenarios/r5-alb-storefront-services.toml");
    let text = std::fs::read_to_string(path).unwrap().replace(
        "availability_zones = 2 ",
        &format!("availability_zones = {azs} "),
    );
    let s = scenario::parse("storefront.toml", &text).unwrap();
    let book = PriceBook::embedded();
    let e = estimate_scenario(&s, &book, None, Options::default()).unwrap();
    e.estimate.monthly_cost
}

#[test]
fn an_alb_in_one_az_is_priced_as_the_current_layout_but_never_named_cheapest() {
    let (out, _) = storefront("json");
    let v: Value = serde_json::from_str(&out).unwrap();
    let rows = v["rows"].as_array().unwrap();
    let cost = |row: usize, col: &str| d(rows[row]["costs"][col].as_str().unwrap());
    // At 1 AZ the ALB breaks AWS's two-AZ rule and min_availability_zones: only `estimate`'s
    // lenient pricing builds it ($572.07), so the current column is priced, no pattern is.
    assert_eq!(cost(0, "current (R5-alb)"), storefront_estimate(1));
    assert_eq!(storefront_estimate(1).round_dp(2), d("572.07"));
    assert!(rows[0]["costs"]["R5-alb"].is_null());
    assert!(rows[0]["cheapest"].is_null(), "{}", rows[0]);
    // From 2 AZs R5-alb builds it: the same cost in both columns, and R5-alb is cheapest.
    for (row, azs) in [(1, 2), (2, 3)] {
        assert_eq!(cost(row, "R5-alb"), storefront_estimate(azs));
        assert_eq!(cost(row, "current (R5-alb)"), cost(row, "R5-alb"));
        assert_eq!(rows[row]["cheapest"], "R5-alb");
    }
    // No break-even of the current layout with its own pattern.
    assert_eq!(v["break_evens"], serde_json::json!([]));
    let said = &v["current_not_a_candidate"];
    assert_eq!(said.as_array().unwrap().len(), 1, "{said}");
    assert_eq!(
        (said[0]["from"].as_str(), said[0]["to"].as_str()),
        (Some("1"), Some("1"))
    );
    assert!(
        said[0]["text"]
            .as_str()
            .unwrap()
            .contains("an ALB needs at least two AZs; the scenario uses 1")
    );
}

#[test]
fn every_format_says_where_the_current_layout_is_not_a_candidate() {
    let (table, _) = storefront("table");
    let (md, _) = storefront("markdown");
    let (csv, err) = storefront("csv");
    let said = "at topology.availability_zones = 1 current (R5-alb) is not a layout R5-alb would \
                build: an ALB needs at least two AZs";
    for text in [&table.replace("\n    ", " "), &md, &err] {
        assert!(text.contains(said), "{text}");
        assert!(!text.contains("R5-alb is cheaper than R5-alb"), "{text}");
    }
    assert!(table.contains("The current layout"), "{table}");
    let first = csv.lines().nth(1).unwrap();
    assert_eq!(first, "1,,,,,,572.07,,", "no cheapest at 1 AZ");
    assert!(!csv.contains("break-even"), "{csv}");
}

/// The columns, each step's costs and its cheapest column's label.
#[derive(Default)]
struct Collect {
    columns: Vec<Column>,
    rows: Vec<(Vec<Option<Decimal>>, Option<String>)>,
}

impl Sink for Collect {
    fn begin(&mut self, _: &[&str], columns: &[Column]) -> std::io::Result<()> {
        self.columns = columns.to_vec();
        Ok(())
    }
    fn row(
        &mut self,
        _: &[Decimal],
        costs: &[Option<Decimal>],
        c: Option<&str>,
    ) -> std::io::Result<()> {
        self.rows.push((costs.to_vec(), c.map(str::to_owned)));
        Ok(())
    }
}

#[test]
fn no_shipped_scenario_crosses_the_current_layout_with_its_own_pattern() {
    let book = PriceBook::embedded();
    for s in shipped_scenarios() {
        let Some(table) = book.region(&s.region) else {
            continue;
        };
        for spec in [
            "topology.availability_zones=1..3",
            "traffic.requests_per_month=1e4..1e10",
        ] {
            let vary = vec![parse_vary(spec, 13, true).unwrap()];
            let mut sink = Collect::default();
            let Ok(found) = run(&s, table, Options::default(), &vary, &mut sink, |_| {}) else {
                continue;
            };
            for c in &found.crossings {
                assert_ne!(c.before, c.after, "{}: {spec}: {c:?}", s.name);
            }
            for (costs, cheapest) in &sink.rows {
                // The cheapest is the cheapest pattern column; the current column never
                // competes on its own.
                let patterns = || {
                    sink.columns
                        .iter()
                        .zip(costs)
                        .filter(|(c, _)| matches!(c, Column::Pattern(_)))
                };
                let min = patterns().filter_map(|(_, c)| *c).min();
                let named = patterns()
                    .find(|(c, _)| Some(c.label()) == *cheapest)
                    .map(|(_, c)| *c);
                assert_eq!(
                    named.flatten(),
                    min,
                    "{}: {spec}: {cheapest:?} {costs:?}",
                    s.name
                );
            }
        }
    }
}

#[test]
fn every_format_counts_the_steps_walked() {
    // A whole-number key over 1..3 walks 3 steps whatever --steps asks (21 by default); a
    // grid walks the product. JSON's `steps` and every format's rows say the same.
    for (vary, walked) in [
        (&["topology.availability_zones=1..3"][..], vec![3]),
        (
            &[
                "topology.availability_zones=2..3",
                "topology.consumer_vpcs=1..40",
            ][..],
            vec![2, 21],
        ),
    ] {
        let mut args = vec!["sweep", "scenarios/r5-orders-nlb.toml"];
        for v in vary {
            args.extend(["--vary", v]);
        }
        let rows: usize = walked.iter().product();
        let (json, _) = run_in(root(), &[&args[..], &["--format", "json"]].concat(), 0);
        let v: Value = serde_json::from_str(&json).unwrap();
        let steps: Vec<u64> = v["vary"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| k["steps"].as_u64().unwrap())
            .collect();
        assert_eq!(steps, walked.iter().map(|n| *n as u64).collect::<Vec<_>>());
        assert_eq!(v["rows"].as_array().unwrap().len(), rows);
        let (csv, _) = run_in(root(), &[&args[..], &["--format", "csv"]].concat(), 0);
        let plain = csv.lines().skip(1).filter(|l| l.ends_with(','));
        assert_eq!(plain.count(), rows, "{csv}");
        let (md, _) = run_in(root(), &[&args[..], &["--format", "markdown"]].concat(), 0);
        let md_rows = md
            .lines()
            .filter(|l| l.starts_with("| ") && !l.starts_with("| `"));
        assert_eq!(md_rows.count(), rows, "{md}");
        let (table, _) = run_in(root(), &[&args[..], &["--format", "table"]].concat(), 0);
        let drawn = table.lines().filter(|l| l.starts_with("│ ")).count();
        // The first line of the table is its header.
        assert!(drawn == rows + 1 || drawn % (rows + 1) == 0, "{table}");
    }
}

#[test]
fn table_and_markdown_sweeps_say_the_scenario_and_the_prices_as_compare_does() {
    let scenario = "scenarios/r5-orders-nlb.toml";
    for prices in [None, Some("pricing/us-east-1.toml")] {
        let extra: Vec<&str> = prices.map(|p| vec!["--prices", p]).unwrap_or_default();
        for format in ["table", "markdown"] {
            let sweep = [
                &["sweep", scenario, "--vary", "topology.consumer_vpcs=1..3"][..],
                &["--format", format],
                &extra,
            ]
            .concat();
            let (out, _) = run_in(root(), &sweep, 0);
            let compare = [&["compare", scenario, "--format", format][..], &extra].concat();
            let (cmp, _) = run_in(root(), &compare, 0);
            let prices_line = |text: &str| {
                text.lines()
                    .find(|l| l.starts_with("Prices: "))
                    .map(str::to_owned)
            };
            let line = prices_line(&out).unwrap_or_else(|| panic!("{out}"));
            assert_eq!(Some(line.clone()), prices_line(&cmp));
            let origin = if prices.is_some() {
                "--prices file"
            } else {
                "embedded table"
            };
            assert!(line.contains(origin), "{line}");
            let first = out.lines().next().unwrap();
            let (mark, key) = match format {
                "table" => ("", "topology.consumer_vpcs"),
                _ => ("## ", "`topology.consumer_vpcs`"),
            };
            assert_eq!(
                first,
                format!("{mark}orders (us-east-1, 730 h a month): monthly cost as {key} varies")
            );
        }
    }
}

#[test]
fn sweep_notes_name_the_scenario_as_compare_and_recommend_notes_do() {
    // Cloud Map has no price in ap-south-1: every command that leaves H2 out says so on
    // standard error, after the scenario's name.
    let dir = crate::support::fixtures();
    let note = |args: &[&str]| {
        let (_, err) = crate::support::run_in(&dir, args, 0);
        err.lines()
            .find(|l| l.contains(" current (H2) is not in the "))
            .map(|l| l.split(" current (H2) ").next().unwrap().to_owned())
            .unwrap_or_else(|| panic!("{err}"))
    };
    let file = "cloud-map-mumbai.toml";
    let csv = ["--format", "csv"];
    let compare = note(&[&["compare", file][..], &csv].concat());
    let sweep = note(
        &[
            &[
                "sweep",
                file,
                "--vary",
                "traffic.requests_per_month=1e6..1e9",
            ][..],
            &csv,
        ]
        .concat(),
    );
    assert_eq!(compare, "note: eu-booking:");
    assert_eq!(sweep, compare);
}

#[test]
fn a_charts_legend_names_one_layout_as_compare_does() {
    // R1 and the current R5 build one layout for the orders service: compare says
    // "R1, same layout as R5", and so must the chart's legend.
    let scenario = "scenarios/r5-orders-nlb.toml";
    let (cmp, _) = run_in(root(), &["compare", scenario], 0);
    let pairs: Vec<String> = cmp
        .lines()
        .filter_map(|l| {
            let at = l.find(", same layout as ")?;
            let id = l[..at].rsplit(' ').next()?;
            let of = l[at + 17..].split(' ').next()?;
            Some(format!("{id}, same layout as {of}"))
        })
        .collect();
    assert_eq!(pairs, ["R1, same layout as R5"], "{cmp}");
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("x.svg");
    let svg_arg = svg.to_str().unwrap();
    let args = [
        "sweep",
        scenario,
        "--vary",
        "topology.consumer_vpcs=1..40",
        "--format",
        "csv",
        "--chart",
        svg_arg,
    ];
    run_in(root(), &args, 0);
    let chart = std::fs::read_to_string(&svg).unwrap();
    let legend: Vec<&str> = chart
        .lines()
        .filter_map(|l| l.strip_suffix("</text>")?.rsplit('>').next())
        .filter(|t| t.contains("same"))
        .collect();
    assert_eq!(legend, pairs, "{chart}");
}
