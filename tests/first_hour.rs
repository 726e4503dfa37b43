//! A new user's first hour (issue 24, product.md "Conventions a new user expects"), against the
//! real binary: break-evens between the layout in use and the alternative they name, each
//! crossing seen in a sweep; help that lists only what a command takes; completions and the man
//! page; a scenario on standard input; several files with a bad one; a missing price fixed with
//! a one-item `--prices` file; warnings said once per run.

use rust_decimal::Decimal;
use serde_json::Value;
use std::path::Path;

use crate::support::{cmd, d, fixtures, run, run_in};

fn json(out: &str) -> Value {
    serde_json::from_str(out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

/// `fixtures/eu-alb-five-million.toml` (the issue's eu-central-1 scenario) with another
/// `[layout]` architecture, written into `dir`.
fn eu_scenario(dir: &Path, architecture: &str) -> String {
    let text = std::fs::read_to_string(fixtures().join("eu-alb-five-million.toml")).unwrap();
    let text = text.replace(
        "architecture = \"R5-alb\"",
        &format!("architecture = \"{architecture}\""),
    );
    let path = dir.join(format!("eu-{architecture}.toml"));
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

/// `recommend`'s break-evens of one scenario, as JSON.
fn break_evens(scenario: &str) -> Vec<Value> {
    let (out, _) = run(&["recommend", scenario, "--format", "json"], 0);
    json(&out)["scenarios"][0]["break_evens"]
        .as_array()
        .unwrap()
        .clone()
}

/// The exact costs of columns `a` and `b` of a JSON sweep of `key` from `from` to `to` in two
/// steps: [(a, b) at `from`, (a, b) at `to`].
fn swept(
    scenario: &str,
    key: &str,
    from: Decimal,
    to: Decimal,
    a: &str,
    b: &str,
) -> Vec<(Decimal, Decimal)> {
    let vary = format!("{key}={from}..{to}");
    let args = [
        "sweep", scenario, "--vary", &vary, "--steps", "2", "--format", "json",
    ];
    let (out, _) = run(&args, 0);
    let v = json(&out);
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 2, "{out}");
    rows.iter()
        .map(|r| {
            let cost = |c: &str| d(r["costs"][c].as_str().unwrap_or_else(|| panic!("{c}: {r}")));
            (cost(a), cost(b))
        })
        .collect()
}

#[test]
fn the_issues_alb_layout_is_weighed_against_a_lambda_not_an_nlb() {
    // Private REST → VPC link V2 → ALB, 5 M requests a month in eu-central-1: there is no NLB
    // in this layout. A VPC-enabled Lambda would call the same ALB, which stays billed, so the
    // Lambda never costs less; the old report said "less than an always-on NLB below
    // 60,006,988 requests", R5-nlb-alb's crossing with R5-lambda.
    let scenario = fixtures().join("eu-alb-five-million.toml");
    let evens = break_evens(scenario.to_str().unwrap());
    for b in &evens {
        let text = b["text"].as_str().unwrap();
        assert!(!text.contains("NLB"), "{text}");
    }
    let lambda = evens
        .iter()
        .find(|b| b["lever"] == "lambda-vs-alb")
        .unwrap();
    assert_eq!(lambda["at"], Value::Null);
    assert_eq!(
        lambda["text"],
        "this layout's ALB through VPC link V2 costs less than a VPC-enabled Lambda integration \
         at every volume up to 10^12 requests a month"
    );
    // A sweep agrees at every volume from 1 to 10^12: the ALB layout is the cheaper.
    let vary = "traffic.requests_per_month=1..1e12";
    let args = [
        "sweep",
        "eu-alb-five-million.toml",
        "--vary",
        vary,
        "--log",
        "--format",
        "json",
    ];
    let (out, _) = run(&args, 0);
    for row in json(&out)["rows"].as_array().unwrap() {
        let cost = |c: &str| d(row["costs"][c].as_str().unwrap());
        assert!(cost("current (R5-alb)") < cost("R5-lambda"), "{row}");
    }
}

#[test]
fn a_lambda_break_even_is_where_a_sweep_shows_the_two_costs_crossing() {
    // The same scenario with an NLB in front of the ALB (R5-nlb-alb): the NLB's hours are what
    // a Lambda saves, so there is a crossing, and the sweep shows it to the request.
    let dir = tempfile::tempdir().unwrap();
    let scenario = eu_scenario(dir.path(), "R5-nlb-alb");
    let evens = break_evens(&scenario);
    let lambda = evens
        .iter()
        .find(|b| b["lever"] == "lambda-vs-nlb-alb")
        .unwrap();
    let at = d(lambda["at"].as_str().unwrap());
    assert_eq!(at, d("49766978"));
    assert!(
        lambda["text"].as_str().unwrap().starts_with(
            "a VPC-enabled Lambda integration costs less than this layout's NLB in front of an \
             ALB below 49,766,978 requests a month"
        ),
        "{lambda}"
    );
    let key = "traffic.requests_per_month";
    let costs = swept(
        &scenario,
        key,
        at - Decimal::ONE,
        at,
        "R5-lambda",
        "current (R5-nlb-alb)",
    );
    assert!(
        costs[0].0 < costs[0].1,
        "Lambda cheaper just below: {costs:?}"
    );
    assert!(
        costs[1].0 >= costs[1].1,
        "not cheaper at the break-even: {costs:?}"
    );
}

#[test]
fn every_break_even_lever_is_between_the_layout_in_use_and_its_alternative() {
    // R5 (an NLB): the Lambda lever. Ten VPCs on per-VPC endpoints: the shared-endpoint lever.
    // Each stated point is where a sweep of the current layout against the named alternative
    // changes sign.
    let orders = fixtures().join("orders.toml").display().to_string();
    let evens = break_evens(&orders);
    let lambda = evens
        .iter()
        .find(|b| b["lever"] == "lambda-vs-nlb")
        .unwrap();
    let at = d(lambda["at"].as_str().unwrap());
    let key = "traffic.requests_per_month";
    let costs = swept(
        &orders,
        key,
        at - Decimal::ONE,
        at,
        "R5-lambda",
        "current (R5)",
    );
    assert!(
        costs[0].0 < costs[0].1 && costs[1].0 >= costs[1].1,
        "{costs:?}"
    );

    // The shipped ten-VPC scenario, its VPCs in one account (a sweep keeps consumer_vpcs at or
    // above consumer_accounts).
    let shipped = crate::support::root().join("scenarios/recommend-ten-vpcs-shared-endpoint.toml");
    let text = std::fs::read_to_string(shipped).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let ten = dir.path().join("ten.toml");
    std::fs::write(
        &ten,
        text.replace("consumer_accounts = 4", "consumer_accounts = 1"),
    )
    .unwrap();
    let ten = ten.display().to_string();
    let evens = break_evens(&ten);
    let shared = evens
        .iter()
        .find(|b| b["lever"] == "shared-endpoint-vs-per-vpc")
        .unwrap();
    let at = d(shared["at"].as_str().unwrap());
    let key = "topology.consumer_vpcs";
    let costs = swept(
        &ten,
        key,
        at - Decimal::ONE,
        at,
        "R1-shared",
        "current (R1)",
    );
    assert!(
        costs[0].0 > costs[0].1 && costs[1].0 <= costs[1].1,
        "{at}: {costs:?}"
    );
}

/// Every subcommand path (`estimate`, `prices show`), as the command line defines them.
fn subcommands() -> Vec<Vec<String>> {
    fn walk(c: &clap::Command, path: &[String], out: &mut Vec<Vec<String>>) {
        for sub in c.get_subcommands().filter(|s| s.get_name() != "help") {
            let mut p = path.to_vec();
            p.push(sub.get_name().to_owned());
            out.push(p.clone());
            walk(sub, &p, out);
        }
    }
    let mut out = vec![Vec::new()];
    walk(&apigw_cost::cli::command(), &[], &mut out);
    out
}

#[test]
fn each_help_lists_only_the_options_its_command_takes() {
    for path in subcommands() {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let (out, _) = run(&args, 0);
        insta::assert_snapshot!(format!("help_{}", args.join("_").replace("--", "")), out);
        // What the help lists, the command takes: each shared option named in the help is
        // accepted (the usage error a refused one gives is exit 2 with "applies to").
        for flag in [
            "--prices",
            "--free-tier",
            "--always-free",
            "--totals",
            "--format",
            "--profile",
            "--usage",
        ] {
            let listed = out.contains(&format!("{flag} ")) || out.contains(&format!("{flag}\n"));
            let refused = match path.first().map(String::as_str) {
                None | Some("prices") if path.len() < 2 => continue,
                _ => {
                    let mut a: Vec<&str> = path.iter().map(String::as_str).collect();
                    a.extend(example_args(&a));
                    a.push(flag);
                    match flag {
                        "--format" => a.push("json"),
                        "--prices" => a.push("missing.toml"),
                        "--profile" => a.push("base"),
                        "--usage" => a.push("orders.toml"),
                        _ => {}
                    }
                    let o = cmd().args(&a).output().unwrap();
                    String::from_utf8_lossy(&o.stderr).contains("applies to")
                }
            };
            assert_eq!(listed, !refused, "{path:?} {flag}:\n{out}");
        }
    }
}

/// Arguments that make a command line of `path` complete, so that a refused option is what
/// clap or the tool objects to.
fn example_args(path: &[&str]) -> Vec<&'static str> {
    match path {
        ["sweep"] => vec!["orders.toml", "--vary", "traffic.requests_per_month=1..2"],
        ["prices", "show"] => vec!["us-east-1"],
        ["prices", "import"] => vec!["orders.toml"],
        ["prices", "diff"] => vec!["a.toml", "b.toml"],
        ["completions"] => vec!["bash"],
        ["diff"] => vec!["orders.toml", "orders.toml"],
        ["scan"] => vec!["iac/plan-r5.json"],
        ["usage"] => vec!["bill/focus.csv"],
        ["calibrate"] => vec!["bill/orders-alb.toml", "--bill", "bill/focus.csv"],
        ["estimate" | "compare" | "recommend" | "validate"] => vec!["orders.toml"],
        _ => vec![],
    }
}

#[test]
fn completions_for_every_shell_and_a_man_page_of_every_subcommand() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let (out, _) = run(&["completions", shell], 0);
        assert!(
            out.contains("apigw-cost") && out.contains("recommend"),
            "{shell}"
        );
    }
    let (bash, _) = run(&["completions", "bash"], 0);
    // Completions offer what the command takes: `architectures` takes no --totals.
    let arch = bash
        .split("apigw__subcmd__cost__subcmd__architectures)")
        .nth(1)
        .unwrap();
    let arch = &arch[..arch.find(";;").unwrap()];
    assert!(
        !arch.contains("--totals") && arch.contains("--format"),
        "{arch}"
    );
    let (_, err) = run(&["completions", "tcsh"], 2);
    assert!(err.contains("[possible values: bash,"), "{err}");

    let (man, _) = run(&["man"], 0);
    for path in subcommands() {
        let title = std::iter::once("apigw-cost".to_owned())
            .chain(path.iter().cloned())
            .collect::<Vec<_>>()
            .join("-");
        assert!(man.contains(&format!(".TH {title} 1")), "{title}");
    }
    assert!(man.contains("Print the man page"));
}

#[test]
fn a_scenario_path_of_dash_reads_standard_input() {
    let orders = std::fs::read(fixtures().join("orders.toml")).unwrap();
    let (from_file, _) = run(
        &["estimate", "orders.toml", "--format", "csv", "--totals"],
        0,
    );
    let out = cmd()
        .args(["estimate", "-", "--format", "csv", "--totals"])
        .write_stdin(orders)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), from_file);
    assert_eq!(
        from_file,
        "scenario,architecture,monthly_cost\r\norders,R5,1157.27\r\n"
    );
    // Errors in it are located in `<stdin>`.
    let typo = std::fs::read(fixtures().join("typo.toml")).unwrap();
    let out = cmd()
        .args(["validate", "-"])
        .write_stdin(typo)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("--> <stdin>:4:1"), "{err}");
}

#[test]
fn a_bad_file_among_several_is_reported_and_the_others_printed() {
    for command in ["estimate", "compare", "recommend"] {
        let args = [
            command,
            "typo.toml",
            "orders.toml",
            "mars.toml",
            "--format",
            "csv",
            "--totals",
        ];
        let (out, err) = run(&args, 1);
        assert!(out.starts_with("scenario,"), "{command}: {out}");
        assert!(out.contains("\norders,"), "{command}: {out}");
        assert!(err.contains("--> typo.toml:4:1"), "{command}: {err}");
        assert!(err.contains("--> mars.toml:1:10"), "{command}: {err}");
    }
    // Only bad files: nothing printed.
    let (out, _) = run(&["estimate", "typo.toml", "mars.toml"], 1);
    assert_eq!(out, "");
}

#[test]
fn a_missing_price_is_fixed_by_a_file_holding_only_that_item() {
    // ap-southeast-6 has no NLB prices. The error's help says how to fix it; a file holding
    // `[prices.nlb-hours]` and `[prices.nlb-capacity]` (copied from us-east-1's printed table)
    // fixes it, and the report says which items came from it.
    let (_, err) = run(&["estimate", "missing-price.toml"], 1);
    assert!(err.contains("error: no price for `nlb-hours`"), "{err}");
    assert!(
        err.contains("adds to and overrides the embedded table item by item"),
        "{err}"
    );
    let (us, _) = run(&["prices", "show", "us-east-1", "--format", "toml"], 0);
    let sections: Vec<&str> = us
        .split("\n[")
        .filter(|s| s.starts_with("prices.nlb-hours]") || s.starts_with("prices.nlb-capacity]"))
        .collect();
    assert_eq!(sections.len(), 2);
    let dir = tempfile::tempdir().unwrap();
    let fix = dir.path().join("fix.toml");
    let text = format!(
        "region = \"ap-southeast-6\"\ncurrency = \"USD\"\n\n[{}",
        sections.join("\n[")
    );
    std::fs::write(&fix, text).unwrap();
    let fix = fix.display().to_string();
    let (out, _) = run(
        &[
            "estimate",
            "missing-price.toml",
            "--prices",
            &fix,
            "--format",
            "json",
        ],
        0,
    );
    let s = &json(&out)["scenarios"][0];
    assert_eq!(s["prices"]["origin"], "embedded:ap-southeast-6.toml");
    assert_eq!(s["prices"]["overlay"]["file"], fix.as_str());
    assert_eq!(
        s["prices"]["overlay"]["items"],
        serde_json::json!(["nlb-hours", "nlb-capacity"])
    );
    // The NLB is priced at the file's price, the rest at the embedded table's.
    let items = s["estimates"][0]["line_items"].as_array().unwrap();
    let price = |id: &str| {
        let item = items.iter().find(|l| l["component"] == id).unwrap();
        d(item["unit_price"].as_str().unwrap())
    };
    assert_eq!(price("nlb-hours"), d("0.0225"));
    let (nz, _) = run(&["prices", "show", "ap-southeast-6", "--format", "json"], 0);
    let endpoint = json(&nz)["prices"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["item"] == "endpoint-hours")
        .unwrap()["rate"]
        .clone();
    assert_eq!(
        serde_json::json!(price("endpoint-hours").to_string()),
        endpoint["price"]
    );
    let (table, _) = run(&["estimate", "missing-price.toml", "--prices", &fix], 0);
    let table = table.replace("\n  ", " ");
    assert!(
        table.contains(&format!(
            "with nlb-hours, nlb-capacity from --prices file {fix}"
        )),
        "{table}"
    );
}

#[test]
fn every_region_prints_as_a_price_table_that_prices_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let (list, _) = run(&["prices", "list", "--format", "json"], 0);
    let regions: Vec<String> = json(&list)["regions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["region"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(regions.len(), 36);
    let eu = dir.path().join("eu-central-1.toml");
    let eu = eu.display().to_string();
    run(
        &[
            "prices",
            "show",
            "eu-central-1",
            "--format",
            "toml",
            "--output",
            &eu,
        ],
        0,
    );
    let args = [
        "estimate",
        "eu-alb-five-million.toml",
        "--format",
        "csv",
        "--totals",
    ];
    let (embedded, _) = run(&args, 0);
    let mut with = args.to_vec();
    with.extend(["--prices", &eu]);
    let (printed, _) = run(&with, 0);
    assert_eq!(printed, embedded);
    assert_eq!(
        embedded,
        "scenario,architecture,monthly_cost\r\neu-alb,R5-alb,117.59\r\n"
    );
    let (_, err) = run(&["estimate", "orders.toml", "--format", "toml"], 2);
    assert!(
        err.contains("invalid value 'toml' for '--format <FORMAT>'"),
        "{err}"
    );
}

#[test]
fn a_warning_is_said_once_per_run_with_its_files_and_not_of_a_stated_value() {
    let dir = tempfile::tempdir().unwrap();
    let orders = std::fs::read_to_string(fixtures().join("orders.toml")).unwrap();
    for (name, extra) in [
        ("a.toml", ""),
        ("b.toml", ""),
        ("stated.toml", "private_dns = true\n"),
    ] {
        std::fs::write(dir.path().join(name), format!("{orders}{extra}")).unwrap();
    }
    let args = [
        "estimate",
        "a.toml",
        "b.toml",
        "stated.toml",
        "--format",
        "csv",
    ];
    let (_, err) = run_in(dir.path(), &args, 0);
    let dns: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("private DNS is on"))
        .collect();
    assert_eq!(
        dns,
        [
            "warning: private DNS is on for the execute-api endpoint: public (regional and \
          edge-optimized) APIs are unreachable from those VPCs (layout.private_dns) (in 2 files: \
          a.toml (R5), b.toml (R5))"
        ]
    );
    let (table, _) = run_in(dir.path(), &["estimate", "stated.toml"], 0);
    assert!(!table.contains("private DNS is on"), "{table}");
}

/// The binary's table output at `columns` wide.
fn table_at(columns: &str, args: &[&str]) -> String {
    let out = cmd().env("COLUMNS", columns).args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{args:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn tables_never_break_an_identifier_mid_word() {
    // The issue's three: a pattern name at 120 columns, a table's origin in prices list, a
    // scenario key in recommend's changes at 80.
    let arch = table_at("120", &["architectures"]);
    assert!(
        arch.contains("┆ private-integration-alb-vpc-link-v2 "),
        "{arch}"
    );
    assert!(arch.contains("public-rest-private-integration-alb-vpc-link-v2"));
    let list = table_at("120", &["prices", "list"]);
    assert!(list.contains("embedded:ap-northeast-1.toml"), "{list}");
    let shipped = crate::support::root().join("scenarios/r2-customer-profile-consumers.toml");
    let recommend = table_at("80", &["recommend", shipped.to_str().unwrap()]);
    assert!(
        recommend.contains("requirements.min_availability_zones"),
        "{recommend}"
    );
    for (table, width) in [(&arch, 120), (&list, 120), (&recommend, 80)] {
        assert!(table.lines().all(|l| l.chars().count() <= width), "{table}");
    }
    // prices show: the date column is a date wide (10 + padding), the source gets the rest.
    let show = table_at("120", &["prices", "show", "us-east-1"]);
    let header = show.lines().find(|l| l.contains("Effective")).unwrap();
    assert!(header.contains("┆ Effective  ┆"), "{header}");
}

#[test]
fn a_sweep_split_into_tables_never_leaves_the_cheapest_column_alone() {
    let out = table_at(
        "120",
        &[
            "sweep",
            "orders.toml",
            "--vary",
            "topology.consumer_vpcs=4..20",
        ],
    );
    let headers: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("│ topology.consumer_vpcs"))
        .collect();
    assert_eq!(headers.len(), 2, "{out}");
    assert!(
        headers[1].contains("current (R5)") && headers[1].contains("Cheapest"),
        "{out}"
    );
}

#[test]
fn the_region_typo_help_is_wrapped() {
    let (_, err) = run(&["estimate", "mars.toml"], 1);
    assert!(
        err.contains("= help: did you mean `sa-east-1`? Priced Regions:\n"),
        "{err}"
    );
    assert!(err.lines().all(|l| l.chars().count() <= 100), "{err}");
}

/// Every part of a workbook whose name starts with `prefix`, as text: (name, xml).
fn parts(file: &Path, prefix: &str) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(file).unwrap()).unwrap();
    let names: Vec<String> = (0..zip.len())
        .map(|i| zip.by_index(i).unwrap().name().unwrap().to_string())
        .filter(|n| n.starts_with(prefix))
        .collect();
    names
        .into_iter()
        .map(|n| {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut zip.by_name(&n).unwrap(), &mut text).unwrap();
            (n, text)
        })
        .collect()
}

#[test]
fn a_sweep_workbook_reads_and_prints_well() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sweep.xlsx");
    let f = file.display().to_string();
    let vary = "traffic.requests_per_month=1e3..1e9";
    run(
        &[
            "sweep",
            "orders.toml",
            "--vary",
            vary,
            "--steps",
            "7",
            "--log",
            "--format",
            "xlsx",
            "--output",
            &f,
        ],
        0,
    );
    let sheets = parts(&file, "xl/worksheets/sheet");
    assert!(sheets.len() >= 5, "{}", sheets.len());
    for (name, xml) in &sheets {
        // Frozen panes, landscape, on every sheet.
        assert!(xml.contains("state=\"frozen\""), "{name}: no frozen panes");
        assert!(xml.contains("orientation=\"landscape\""), "{name}");
    }
    // Fit to one page wide only where the sheet stays readable: not the pattern sheets (254
    // characters of columns), yes the Compare sheet (196).
    let fitted = sheets
        .iter()
        .filter(|(_, x)| x.contains("fitToPage=\"1\""))
        .count();
    assert!(
        fitted >= 1 && fitted < sheets.len(),
        "{fitted} of {}",
        sheets.len()
    );
    // The header row repeats on every printed page.
    let (_, book) = &parts(&file, "xl/workbook.xml")[0];
    assert!(book.contains("_xlnm.Print_Titles"), "{book}");
    // The Sweep sheet (the last written): a width for every column, so that headers such as
    // R5-nlb-alb-regional do not run together; its keys grouped by thousands.
    let sweep = &sheets
        .iter()
        .find(|(_, x)| x.contains("current (R5)"))
        .map(|(_, x)| x);
    let sweep = sweep.unwrap_or_else(|| &sheets.last().unwrap().1);
    // Key and nine cost columns, the cheapest last: widths up to column 10 (J).
    assert!(
        sweep.contains("<cols>") && sweep.contains("max=\"10\""),
        "{sweep}"
    );
    let (_, styles) = &parts(&file, "xl/styles.xml")[0];
    assert!(styles.contains("formatCode=\"#,##0\""), "{styles}");
    assert!(
        styles.contains("formatCode=\"[&gt;=1]#,##0.00##;0.00##########\""),
        "{styles}"
    );
    // Headers over figures are right-aligned.
    assert!(
        styles.contains("<alignment horizontal=\"right\"/>"),
        "{styles}"
    );
    // The chart's axes: thousands grouped, and no "$0" for the cents of a log cost axis.
    let (_, chart) = &parts(&file, "xl/charts/chart")[0];
    assert!(
        chart.contains("formatCode=\"[&lt;1]$0.00;$#,##0\""),
        "{chart}"
    );
    assert!(
        chart.contains("formatCode=\"[&lt;1]0.0##;#,##0\""),
        "{chart}"
    );
}

#[test]
fn every_series_of_a_sweep_chart_has_its_own_markers() {
    // H1's scenario: R5-regional and R5-alb-regional cost nearly the same, so their lines run
    // together; each series is marked with a shape of its own.
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("chart.svg");
    let s = svg.display().to_string();
    let scenario = crate::support::root().join("scenarios/h1-vpc-clients-nat.toml");
    let vary = "traffic.requests_per_month=1e5..1e9";
    let args = [
        "sweep",
        scenario.to_str().unwrap(),
        "--vary",
        vary,
        "--log",
        "--chart",
        &s,
        "--format",
        "csv",
    ];
    run(&args, 0);
    let text = std::fs::read_to_string(&svg).unwrap();
    // One legend line per series (stroke-width 3), each series marked on the plot and in
    // its legend entry.
    let series = text.matches("stroke-width=\"3\"").count();
    let marks = text.matches("fill=\"white\" stroke=\"#").count();
    assert!(
        series > 5 && marks >= 3 * series,
        "{series} series, {marks} marks"
    );
    for shape in ["<circle cx=", "<rect x=", " Z\" fill=\"white\""] {
        assert!(text.contains(shape), "{shape}");
    }
}

#[test]
fn ties_rank_alike_in_the_table_and_the_workbook() {
    // r3-policy-lookup-dx: two pairs of patterns build one layout each, so cost the same. The
    // rule is the workbook's RANK: equal costs share a rank, the next skips (1, 1, 3, 3, 5).
    let scenario = crate::support::root().join("scenarios/r3-policy-lookup-dx.toml");
    let table = table_at("120", &["compare", scenario.to_str().unwrap()]);
    // The rank is the first word of a row's first line.
    let ranks: Vec<&str> = table
        .lines()
        .filter_map(|l| l.strip_prefix("│ "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|w| w.chars().all(|c| c.is_ascii_digit()))
        .collect();
    assert_eq!(ranks, ["1", "1", "3", "3", "5"], "{table}");
}
