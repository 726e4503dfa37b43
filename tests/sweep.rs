//! `sweep`: rows equal separate estimates, break-even points exact to the unit on cases solved
//! by hand, grids, invalid ranges as clear usage errors, and the chart file.

use apigw_cost::engine::Options;
use apigw_cost::pricing::PriceBook;
use apigw_cost::sweep::{Column, Crossing, Sink, parse_vary, run};
use apigw_cost::{estimate_scenario, scenario};
use rust_decimal::Decimal;

use crate::support::{cmd, d, soffice};

/// One collected row: the keys' values, each column's cost, the cheapest column.
type Row = (Vec<Decimal>, Vec<Option<Decimal>>, Option<String>);

#[derive(Default)]
struct Collect {
    columns: Vec<String>,
    rows: Vec<Row>,
}

impl Sink for Collect {
    fn begin(&mut self, _: &[&str], columns: &[Column]) -> std::io::Result<()> {
        self.columns = columns.iter().map(Column::label).collect();
        Ok(())
    }
    fn row(
        &mut self,
        values: &[Decimal],
        costs: &[Option<Decimal>],
        cheapest: Option<&str>,
    ) -> std::io::Result<()> {
        self.rows
            .push((values.to_vec(), costs.to_vec(), cheapest.map(str::to_owned)));
        Ok(())
    }
}

const NLB_OR_LAMBDA: &str = r#"region = "us-east-1"
[traffic]
requests_per_month = 1000
[layout]
architecture = "R5"
"#;

fn sweep(toml: &str, vary: &[&str], steps: u32, log: bool) -> (Collect, Vec<Crossing>) {
    let s = scenario::parse("s.toml", toml).unwrap();
    let book = PriceBook::embedded();
    let vary: Vec<_> = vary
        .iter()
        .map(|v| parse_vary(v, steps, log).unwrap_or_else(|e| panic!("{e}")))
        .collect();
    let mut sink = Collect::default();
    let crossings = run(
        &s,
        book.region("us-east-1").unwrap(),
        Options::default(),
        &vary,
        &mut sink,
        |_| {},
    )
    .unwrap()
    .crossings;
    (sink, crossings)
}

#[test]
fn rows_equal_separate_estimates() {
    let (sink, _) = sweep(
        NLB_OR_LAMBDA,
        &["traffic.requests_per_month=0..100000000"],
        6,
        false,
    );
    assert_eq!(sink.rows.len(), 6);
    let book = PriceBook::embedded();
    for (values, costs, _) in &sink.rows {
        let text = NLB_OR_LAMBDA.replace(
            "requests_per_month = 1000",
            &format!("requests_per_month = {}", values[0]),
        );
        let s = scenario::parse("s.toml", &text).unwrap();
        for (label, cost) in sink.columns.iter().zip(costs) {
            let arch = label
                .strip_prefix("current (")
                .map_or(label.as_str(), |l| l.trim_end_matches(')'));
            let e = estimate_scenario(&s, &book, Some(arch), Options::default()).unwrap();
            assert_eq!(
                *cost,
                Some(e.estimate.monthly_cost),
                "{label} at {}",
                values[0]
            );
        }
    }
}

#[test]
fn lambda_to_nlb_break_even_is_exact_to_the_request() {
    // Solved by hand in tests/recommend.rs: an NLB (TLS, new flows driving) is as cheap as a
    // VPC-enabled Lambda from R = 16.425 ÷ (0.0000002 + 0.00000020833375 − 0.006 ÷ 180,000)
    // = 43,799,951.3…, so from 43,799,952 requests a month.
    let (sink, crossings) = sweep(
        NLB_OR_LAMBDA,
        &["traffic.requests_per_month=1000000..100000000"],
        12,
        false,
    );
    assert_eq!(sink.rows.first().unwrap().2.as_deref(), Some("R5-lambda"));
    assert_eq!(crossings.len(), 1, "{crossings:?}");
    let c = &crossings[0];
    // R1 and the current R5 are one design there: the tie names the current layout.
    assert_eq!(
        (c.before, c.after, c.at),
        ("R5-lambda", "R5", d("43799952"))
    );
    assert_eq!(
        c.text(&["traffic.requests_per_month"]),
        "from traffic.requests_per_month = 43,799,952 R5 is cheaper than R5-lambda"
    );
}

#[test]
fn whole_number_keys_step_by_whole_numbers_and_grids_multiply() {
    let (sink, _) = sweep(NLB_OR_LAMBDA, &["topology.consumer_vpcs=1..5"], 9, false);
    let values: Vec<Decimal> = sink.rows.iter().map(|r| r.0[0]).collect();
    assert_eq!(values, [d("1"), d("2"), d("3"), d("4"), d("5")]);
    let (sink, _) = sweep(
        NLB_OR_LAMBDA,
        &[
            "topology.availability_zones=2..3",
            "traffic.requests_per_month=0..1000",
        ],
        3,
        false,
    );
    assert_eq!(sink.rows.len(), 6);
    assert_eq!(sink.rows[3].0, [d("3"), d("0")]);
}

#[test]
fn log_steps_are_evenly_spaced_decades() {
    let (sink, _) = sweep(
        NLB_OR_LAMBDA,
        &["traffic.requests_per_month=1e5..1e11"],
        7,
        true,
    );
    let values: Vec<Decimal> = sink.rows.iter().map(|r| r.0[0]).collect();
    let decades: Vec<Decimal> = (5..=11).map(|e| Decimal::from(10u64.pow(e))).collect();
    assert_eq!(values, decades);
}

fn usage_error(args: &[&str]) -> String {
    let out = cmd().args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{args:?}");
    assert!(out.stdout.is_empty());
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn invalid_ranges_are_clear_usage_errors() {
    let e = usage_error(&[
        "sweep",
        "orders.toml",
        "--vary",
        "traffic.requests_per_month=10..1",
    ]);
    assert_eq!(
        e,
        "error: --vary traffic.requests_per_month: FROM must be below TO, found 10..1\n"
    );
    let e = usage_error(&[
        "sweep",
        "orders.toml",
        "--vary",
        "traffic.requests_per_month=1..10",
        "--steps",
        "0",
    ]);
    assert_eq!(e, "error: --steps must be at least 2, found 0\n");
    let e = usage_error(&[
        "sweep",
        "orders.toml",
        "--vary",
        "traffic.requests_per_month=0..10",
        "--log",
    ]);
    assert_eq!(
        e,
        "error: --log needs a range above 0; traffic.requests_per_month starts at 0\n"
    );
    let e = usage_error(&[
        "sweep",
        "orders.toml",
        "--vary",
        "traffic.request_per_month=1..10",
    ]);
    assert_eq!(
        e,
        "error: unknown scenario key `traffic.request_per_month`\n  = help: did you mean `traffic.requests_per_month`?\n"
    );
    let e = usage_error(&["sweep", "orders.toml", "--vary", "topology.backend=1..2"]);
    assert_eq!(
        e,
        "error: `topology.backend` is not a numeric key: only numbers can be varied\n"
    );
    let e = usage_error(&[
        "sweep",
        "orders.toml",
        "--vary",
        "topology.availability_zones=1..9",
    ]);
    assert_eq!(
        e,
        "error: --vary topology.availability_zones: the range must lie within 1..6, found 1..9\n"
    );
    // Refused before anything is written, in every format (JSON used to print its header, then
    // the error).
    for format in ["table", "csv", "json", "markdown"] {
        let e = usage_error(&[
            "sweep",
            "orders.toml",
            "--vary",
            "topology.consumer_vpcs=1..5",
            "--format",
            format,
        ]);
        assert_eq!(
            e,
            "error: --vary topology.consumer_vpcs starts below the scenario's consumer_accounts (2)\n"
        );
    }
    let e = usage_error(&[
        "sweep",
        "orders.toml",
        "--vary",
        "traffic.requests_per_month",
    ]);
    assert!(e.starts_with("error: --vary takes KEY=FROM..TO"), "{e}");
}

#[test]
fn csv_and_chart_files() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("sweep.csv");
    let svg = dir.path().join("sweep.svg");
    let out = cmd()
        .args([
            "sweep",
            "orders.toml",
            "--vary",
            "traffic.requests_per_month=1e5..1e10",
            "--steps",
            "11",
            "--log",
            "--format",
            "csv",
        ])
        .arg("--output")
        .arg(&csv)
        .arg("--chart")
        .arg(&svg)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&csv).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "traffic.requests_per_month,R1,R1-shared,R2,R5,R5-alb,R5-nlb-alb,R5-lambda,current (R5),cheapest,event"
    );
    let first: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(first[0], "100000");
    assert!(first[1].parse::<f64>().is_ok(), "plain numbers: {first:?}");
    assert!(
        text.contains("break-even: from traffic.requests_per_month ="),
        "{text}"
    );
    let chart = std::fs::read_to_string(&svg).unwrap();
    assert!(
        chart.starts_with("<svg") && chart.contains("R5-lambda") && chart.contains("<circle"),
        "a break-even marker"
    );
    assert!(chart.contains("(log scale)"));
}

#[test]
fn sweep_snapshots_in_every_format() {
    for format in ["table", "csv", "json", "markdown"] {
        let out = cmd()
            .args([
                "sweep",
                "orders.toml",
                "--vary",
                "topology.consumer_vpcs=2..12",
                "--steps",
                "11",
                "--format",
                format,
            ])
            .output()
            .unwrap();
        assert!(out.status.success());
        insta::assert_snapshot!(
            format!("sweep_orders_vpcs_{format}"),
            String::from_utf8(out.stdout).unwrap()
        );
    }
}

#[test]
fn csv_opens_as_numbers_in_a_real_spreadsheet() {
    // LibreOffice imports the sweep's CSV; its flat-ODS export shows each cell's type and value.
    let Some(soffice) = soffice() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("sweep.csv");
    let out = cmd()
        .args([
            "sweep",
            "orders.toml",
            "--vary",
            "topology.consumer_vpcs=2..4",
            "--format",
            "csv",
            "--output",
        ])
        .arg(&csv)
        .output()
        .unwrap();
    assert!(out.status.success());
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.path().join("profile").display()
    );
    let status = std::process::Command::new(soffice)
        .args([
            profile.as_str(),
            "--headless",
            "--infilter=CSV:44,34,76,1",
            "--convert-to",
            "fods",
            "--outdir",
        ])
        .arg(dir.path())
        .arg(&csv)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let fods = std::fs::read_to_string(dir.path().join("sweep.fods")).unwrap();
    // Row 2, R1 at 2 VPCs: $1,142.67 (see the sweep snapshot; CSV money is to the cent), read
    // back as a number.
    assert!(
        fods.contains(r#"office:value-type="float" office:value="1142.67""#),
        "{fods}"
    );
    assert!(fods.contains(r#"office:value-type="float" office:value="2""#));
    assert!(fods.contains("<text:p>R1</text:p>"));
}

#[test]
fn no_progress_bar_in_a_pipe() {
    // 30,000 steps is long enough for a bar on a terminal; standard error here is a pipe.
    let out = cmd()
        .args([
            "sweep",
            "orders.toml",
            "--vary",
            "traffic.requests_per_month=1..30000",
            "--steps",
            "30000",
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().lines().count(),
        30_001
    );
}

/// Draws the chart of `scenario` swept over `vary` and returns the SVG.
fn chart(scenario: &str, vary: &str, log: bool) -> String {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("chart.svg");
    let mut c = cmd();
    c.args([
        "sweep", scenario, "--vary", vary, "--steps", "40", "--format", "csv",
    ]);
    if log {
        c.arg("--log");
    }
    let out = c.arg("--chart").arg(&svg).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read_to_string(&svg).unwrap()
}

/// The stroke of the legend entry labelled `label`.
fn legend_stroke<'a>(svg: &'a str, label: &str) -> &'a str {
    let lines: Vec<&str> = svg.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.ends_with(&format!(">{label}</text>")))
        .unwrap_or_else(|| panic!("no legend entry {label}"));
    let line = lines[at - 1];
    let from = line.find("stroke=\"").unwrap() + 8;
    &line[from..from + 7]
}

#[test]
fn charts_read_alike_and_hide_nothing() {
    let orders = chart("orders.toml", "topology.consumer_vpcs=2..40", false);
    // Another scenario, with other columns (no R2): colours must not follow the column order.
    let low = chart(
        "low-volume.toml",
        "traffic.requests_per_month=1e3..1e9",
        true,
    );
    let volume = chart("orders.toml", "traffic.requests_per_month=1e5..1e10", true);
    // Identical lines: named as compare names them (the current R5 names the layout), dashed.
    assert!(orders.contains(">R1, same layout as R5</text>"), "{orders}");
    assert!(orders.contains(">R2, same layout as R5</text>"));
    assert!(!orders.contains("(same as"), "{orders}");
    assert_ne!(
        orders
            .lines()
            .find(|l| l.contains("stroke-dasharray=\"8 5\"")),
        None,
        "a coinciding line is dashed"
    );
    // The current layout is black in every chart; a pattern keeps its colour.
    assert_eq!(legend_stroke(&orders, "current (R5)"), "#000000");
    assert_eq!(legend_stroke(&low, "current (R5)"), "#000000");
    assert_eq!(
        legend_stroke(&orders, "R5-lambda"),
        legend_stroke(&low, "R5-lambda")
    );
    assert_eq!(legend_stroke(&orders, "R5"), legend_stroke(&low, "R5"));
    // Tick labels alike: $250, $1k, $1.5k; never $1000.
    for svg in [&orders, &low, &volume] {
        for label in svg
            .lines()
            .filter(|l| l.contains("fill=\"#333\""))
            .filter_map(|l| l.split('>').nth(1)?.split('<').next())
        {
            let digits: String = label
                .trim_start_matches('$')
                .chars()
                .take_while(|c| c.is_ascii_digit())
                .collect();
            assert!(digits.len() <= 3, "tick label {label}");
        }
    }
    // A linear cost axis spans the costs: orders costs $1,141 and up, so no $0 tick.
    assert!(!orders.contains(">$0</text>"), "{orders}");
    assert!(orders.contains("monthly cost, USD (from $"));
    // Break-even points are numbered over the plot and listed under it, off the curves.
    let listed: Vec<&str> = volume.lines().filter(|l| l.contains(" → ")).collect();
    assert!(!listed.is_empty(), "{volume}");
    for l in listed {
        let y: f64 = l
            .split("y=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(y > 620.0, "listed under the chart: {l}");
    }
}

#[test]
fn a_tie_with_the_current_layout_names_the_current_layout() {
    let out = cmd()
        .args([
            "sweep",
            "orders.toml",
            "--vary",
            "topology.consumer_vpcs=2..4",
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for row in text.lines().skip(1) {
        let cells: Vec<&str> = row.split(',').collect();
        // R1, R2 and the current R5 are one design at one cost: the cheapest is R5.
        assert_eq!(cells[1], cells[4], "{row}");
        assert_eq!(cells[cells.len() - 2], "R5", "{row}");
    }
}

#[test]
fn private_patterns_leave_the_sweep_where_clients_are_on_the_internet() {
    // No private endpoint required: as the VPC clients' share grows from 0 (everyone on the
    // internet) to 1, private REST layouts apply only at 1.
    let public = "region = \"us-east-1\"\n[traffic]\nrequests_per_month = 1000000\n\
                  [requirements]\nprivate_endpoint = false\n";
    let (sink, _) = sweep(public, &["traffic.vpc_client_share=0..1"], 3, false);
    let r5 = sink.columns.iter().position(|c| c == "R5").expect("R5");
    let h1 = sink.columns.iter().position(|c| c == "H1").expect("H1");
    let at: Vec<_> = sink.rows.iter().map(|(_, costs, _)| costs[r5]).collect();
    assert!(
        at[0].is_none() && at[1].is_none() && at[2].is_some(),
        "{at:?}"
    );
    assert!(sink.rows.iter().all(|(_, costs, _)| costs[h1].is_some()));
    // Clients on the internet throughout: no private column at all.
    let internet = public.replace("requests_per_month = 1000000\n", "vpc_client_share = 0\n");
    let internet = internet.replace("[traffic]\n", "[traffic]\nrequests_per_month = 1000000\n");
    let (sink, _) = sweep(&internet, &["traffic.requests_per_month=1e5..1e9"], 3, true);
    for private in ["R1", "R1-shared", "R5", "R5-alb", "R5-nlb-alb", "R5-lambda"] {
        assert!(
            !sink.columns.iter().any(|c| c == private),
            "{:?}",
            sink.columns
        );
    }
    assert!(sink.columns.iter().any(|c| c == "R5-regional"));
}

#[test]
fn layout_keys_can_be_varied_and_each_step_is_the_scenario_with_that_key() {
    // One key of each kind of layout figure: rows equal `estimate` on the scenario whose
    // [layout] says the step's value. (Resolver IPs on R3, WAF rules on R1, the Lambda proxy,
    // load balancers and endpoints per VPC on R5.)
    let book = PriceBook::embedded();
    let cases = [
        (
            "[topology]\non_premises = \"vpn\"\n",
            "R3",
            "resolver_ips",
            "2..6",
        ),
        (
            "[requirements]\nrest_features = [\"waf\"]\n",
            "R1",
            "waf_rules",
            "1..10",
        ),
        ("", "R5-lambda", "lambda_memory_mb", "128..1024"),
        ("", "R5-lambda", "lambda_duration_ms", "10..1000"),
        ("", "R5", "load_balancers", "1..4"),
        ("", "R5", "endpoints_per_vpc", "1..3"),
    ];
    for (extra, arch, key, range) in cases {
        let share = if arch == "R3" {
            "on_premises_share = 0.5\n"
        } else {
            ""
        };
        let text = format!(
            "region = \"us-east-1\"\n[traffic]\nrequests_per_month = 5000000\n{share}{extra}\
             [layout]\narchitecture = \"{arch}\"\n"
        );
        let text = text.replacen("[topology]", "[topology]\nbackend = \"ecs\"", 1);
        let vary = format!("layout.{key}={range}");
        let (sink, _) = sweep(&text, &[&vary], 4, false);
        let current = sink
            .columns
            .iter()
            .position(|c| c.starts_with("current"))
            .unwrap();
        let costs: Vec<Decimal> = sink.rows.iter().map(|r| r.1[current].unwrap()).collect();
        assert!(costs.windows(2).all(|w| w[0] < w[1]), "{key}: {costs:?}");
        for (values, row, _) in &sink.rows {
            let set = format!("{text}{key} = {}\n", values[0]);
            let s = scenario::parse("s.toml", &set).unwrap_or_else(|e| panic!("{e:?}"));
            let e = estimate_scenario(&s, &book, None, Options::default()).unwrap();
            assert_eq!(
                row[current],
                Some(e.estimate.monthly_cost),
                "{key} = {}",
                values[0]
            );
        }
    }
    // A scenario without [layout]: the key refines every pattern.
    let bare = "region = \"us-east-1\"\n[traffic]\nrequests_per_month = 5000000\n";
    let (sink, _) = sweep(bare, &["layout.endpoints_per_vpc=1..2"], 2, false);
    let r1 = sink.columns.iter().position(|c| c == "R1").unwrap();
    let (one, two) = (sink.rows[0].1[r1].unwrap(), sink.rows[1].1[r1].unwrap());
    // A second endpoint in the VPC: 2 AZs × 730 h × $0.01 more.
    assert_eq!(two - one, d("14.6"));
}

#[test]
fn numeric_keys_a_sweep_cannot_vary_say_why() {
    for (vary, says) in [
        (
            "layout.cache_gb=0.5..1.6",
            "error: `layout.cache_gb` cannot be varied: a REST cache comes in fixed sizes",
        ),
        (
            "traffic.requests_per_second=1..2",
            "error: `traffic.requests_per_second` cannot be varied: it is the monthly volume \
             given per second: vary traffic.requests_per_month",
        ),
    ] {
        let e = usage_error(&["sweep", "orders.toml", "--vary", vary]);
        assert!(e.starts_with(says), "{e}");
    }
}

/// The data rows of a CSV, without its header.
fn data_rows(csv: &str) -> Vec<&str> {
    csv.lines().skip(1).collect()
}

#[test]
fn a_sweep_of_a_scenario_with_profiles_walks_every_profile() {
    let file = "scenarios/h1-inventory-ranges.toml";
    let vary = "traffic.response_kb=1..64";
    let args = [
        "sweep", file, "--vary", vary, "--steps", "4", "--format", "csv",
    ];
    let (all, note) = crate::support::run_in(crate::support::root(), &args, 0);
    assert!(!note.contains("base profile"), "{note}");
    let header = all.lines().next().unwrap();
    assert!(header.ends_with(",cheapest,event,profile"), "{header}");
    // Each profile's rows, in the order the file names them, are the rows `--profile NAME`
    // sweeps, with the profile named last.
    let mut rows = data_rows(&all).into_iter();
    for name in ["base", "low", "high"] {
        let mut one = args.to_vec();
        one.extend(["--profile", name]);
        let (alone, _) = crate::support::run_in(crate::support::root(), &one, 0);
        assert!(!alone.lines().next().unwrap().ends_with(",profile"));
        // A break-even point's event says its profile too.
        for want in data_rows(&alone) {
            let got = rows
                .next()
                .map(|r| r.replace(&format!(" in profile {name}"), ""));
            assert_eq!(got, Some(format!("{want},{name}")));
        }
    }
    assert_eq!(rows.next(), None);
    // The high profile's larger baskets and peaks cost more than the base at the same step.
    let cost = |profile: &str| -> Vec<String> {
        let line = data_rows(&all)
            .into_iter()
            .find(|l| l.starts_with("64,") && l.ends_with(profile))
            .unwrap();
        line.split(',').map(str::to_owned).collect()
    };
    let (base, high) = (cost(",base"), cost(",high"));
    let r1 = |r: &[String]| r[1].parse::<Decimal>().unwrap();
    assert!(r1(&high) > r1(&base), "{base:?} {high:?}");
}

#[test]
fn a_workbook_sweep_of_a_scenario_with_profiles_says_it_walks_the_base() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sweep.xlsx");
    let file = crate::support::root().join("scenarios/h1-inventory-ranges.toml");
    let args = [
        "sweep",
        file.to_str().unwrap(),
        "--vary",
        "traffic.response_kb=1..64",
        "--steps",
        "3",
        "--format",
        "xlsx",
        "--output",
        out.to_str().unwrap(),
    ];
    let (_, note) = crate::support::run_in(crate::support::root(), &args, 0);
    assert!(
        note.contains("the workbook's sweep prices the base profile; its other profiles (low, high) are swept with --profile NAME"),
        "{note}"
    );
    assert!(out.is_file());
}

/// Collects each profile's rows.
#[derive(Default)]
struct ByProfile {
    columns: Vec<String>,
    rows: Vec<(String, Row)>,
    profile: String,
}

impl Sink for ByProfile {
    fn profile(&mut self, name: &str) -> std::io::Result<()> {
        self.profile = name.to_owned();
        Ok(())
    }
    fn begin(&mut self, _: &[&str], columns: &[Column]) -> std::io::Result<()> {
        self.columns = columns.iter().map(Column::label).collect();
        Ok(())
    }
    fn row(
        &mut self,
        values: &[Decimal],
        costs: &[Option<Decimal>],
        cheapest: Option<&str>,
    ) -> std::io::Result<()> {
        let row = (values.to_vec(), costs.to_vec(), cheapest.map(str::to_owned));
        self.rows.push((self.profile.clone(), row));
        Ok(())
    }
}

#[test]
fn every_profiles_rows_equal_estimates_of_that_profile_with_the_key_written_in() {
    let text =
        std::fs::read_to_string(crate::support::root().join("scenarios/h1-inventory-ranges.toml"))
            .unwrap();
    let s = scenario::parse("h1.toml", &text).unwrap();
    let mut profiles: Vec<(&str, scenario::Scenario)> = vec![(
        "base",
        apigw_cost::select_profile(s.clone(), Some("base")).unwrap(),
    )];
    profiles.extend(
        s.profiles
            .iter()
            .map(|p| (p.name.as_str(), p.scenario.clone())),
    );
    let walked: Vec<(&str, &scenario::Scenario)> = profiles.iter().map(|(n, s)| (*n, s)).collect();
    let book = PriceBook::embedded();
    let vary = vec![parse_vary("topology.consumer_vpcs=1..40", 7, true).unwrap()];
    let mut sink = ByProfile::default();
    let table = book.region("us-east-1").unwrap();
    let found = apigw_cost::sweep::run_profiles(
        &walked,
        table,
        Options::default(),
        &vary,
        &mut sink,
        |_| {},
    )
    .unwrap();
    assert_eq!(sink.rows.len(), 3 * vary[0].walked() as usize);
    for (name, (values, costs, _)) in &sink.rows {
        let mut at = profiles.iter().find(|(n, _)| n == name).unwrap().1.clone();
        vary[0].key.set(&mut at, values[0]);
        for (label, cost) in sink.columns.iter().zip(costs) {
            let arch = label
                .strip_prefix("current (")
                .map_or(label.as_str(), |l| l.trim_end_matches(')'));
            let want = estimate_scenario(&at, &book, Some(arch), Options::default())
                .ok()
                .map(|e| e.estimate.monthly_cost);
            if label.starts_with("current") || cost.is_some() {
                assert_eq!(*cost, want, "{name}: {label} at {}", values[0]);
            }
        }
    }
    // Every break-even point names its profile.
    assert!(!found.crossings.is_empty());
    for c in &found.crossings {
        let p = c.profile.as_deref().unwrap();
        assert!(
            c.text(&["topology.consumer_vpcs"])
                .ends_with(&format!(" in profile {p}"))
        );
    }
}

#[test]
fn a_profile_in_another_region_is_swept_alone() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("two-regions.toml");
    let text =
        std::fs::read_to_string(crate::support::root().join("scenarios/h1-inventory-ranges.toml"))
            .unwrap();
    std::fs::write(
        &file,
        format!("{text}\n[profiles.dublin]\nregion = \"eu-west-1\"\n"),
    )
    .unwrap();
    let f = file.to_str().unwrap();
    let vary = "traffic.response_kb=1..64";
    let args = [
        "sweep", f, "--vary", vary, "--steps", "3", "--format", "csv",
    ];
    let (_, err) = crate::support::run_in(crate::support::root(), &args, 2);
    assert!(
        err.contains(
            "profile `dublin` of inventory-ranges is in eu-west-1, the scenario in us-east-1"
        ),
        "{err}"
    );
    let mut alone = args.to_vec();
    alone.extend(["--profile", "dublin"]);
    let (rows, _) = crate::support::run_in(crate::support::root(), &alone, 0);
    assert_eq!(rows.lines().count(), 4, "{rows}");
}

/// `Key::keeps_layouts` lets a sweep resolve the layouts once for a run of steps: it must be
/// true that no pattern's layout, nor whether it applies, moves with such a key. Held here for
/// every pattern (and the current layout) on every shipped scenario, at each key's bounds and
/// in between.
#[test]
fn keys_that_keep_layouts_move_no_layout_on_any_shipped_scenario() {
    use apigw_cost::architecture::{PATTERNS, resolve_quietly};
    let files = std::fs::read_dir(crate::support::root().join("scenarios")).unwrap();
    let mut checked = 0;
    for f in files {
        let path = f.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let s = scenario::parse(path.to_str().unwrap(), &text).unwrap();
        for key in apigw_cost::sweep::keys().iter().filter(|k| k.keeps_layouts) {
            let values = [
                key.min,
                key.max,
                (key.min + key.max) / Decimal::TWO,
                Decimal::ONE,
            ];
            let at = |v: Decimal| {
                let mut x = s.clone();
                key.set(&mut x, v.clamp(key.min, key.max));
                PATTERNS
                    .iter()
                    .flat_map(|p| {
                        [false, true].map(|own| resolve_quietly(p, &x, x.layout.as_ref(), own))
                    })
                    .collect::<Vec<_>>()
            };
            let first = at(values[0]);
            for v in &values[1..] {
                assert!(
                    at(*v) == first,
                    "{}: {} = {v} moves a layout",
                    path.display(),
                    key.name
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "{checked}");
    // And the keys that do move layouts are not among them.
    let keeps: Vec<&str> = apigw_cost::sweep::keys()
        .iter()
        .filter(|k| k.keeps_layouts)
        .map(|k| k.name)
        .collect();
    for moving in [
        "traffic.vpc_client_share",
        "topology.consumer_vpcs",
        "topology.availability_zones",
    ] {
        assert!(!keeps.contains(&moving), "{moving}");
    }
    assert!(keeps.contains(&"traffic.requests_per_month"));
}
