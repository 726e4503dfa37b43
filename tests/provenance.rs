//! Which prices every report says it used (product.md, "Which prices were used"), what `prices
//! list` and `prices show` say of each table, and the commands that skip what a Region's table
//! cannot price instead of failing.

use serde_json::Value;

use crate::support::run;
use crate::support::shipped;

fn json(args: &[&str]) -> Value {
    let mut args = args.to_vec();
    args.extend(["--format", "json"]);
    let (out, err) = run(&args, 0);
    assert!(err.is_empty(), "{err}");
    serde_json::from_str(&out).unwrap()
}

/// The embedded us-east-1 table's data: inter-AZ from the 2016 Lambda bulk file, the newest
/// price from the 2025-11-04 VPC data (Direct Connect's 2020-09-25 lies between).
const US_EAST_1_DATES: [&str; 2] = ["2016-06-01", "2025-11-04"];

#[test]
fn every_report_says_which_prices_it_used() {
    let want = serde_json::json!({
        "region": "us-east-1",
        "origin": "embedded:us-east-1.toml",
        "embedded": true,
        "effective_date": US_EAST_1_DATES[1],
        "dates": US_EAST_1_DATES,
    });
    for command in ["estimate", "compare", "recommend"] {
        let v = json(&[command, "orders.toml", "low-volume.toml"]);
        for s in v["scenarios"].as_array().unwrap() {
            assert_eq!(s["prices"], want, "{command}");
        }
        let line =
            "Prices: us-east-1, embedded table us-east-1.toml, data of 2016-06-01 to 2025-11-04";
        let (table, _) = run(&[command, "orders.toml", "low-volume.toml"], 0);
        assert_eq!(table.matches(line).count(), 2, "{command}:\n{table}");
        let (md, _) = run(
            &[
                command,
                "orders.toml",
                "low-volume.toml",
                "--format",
                "markdown",
            ],
            0,
        );
        let line = line.replace("us-east-1.toml", "`us-east-1.toml`");
        assert_eq!(md.matches(&line).count(), 2, "{command}:\n{md}");
    }
    // The line-item CSV keeps the header product.md fixes; JSON is where CSV users look.
    let (csv, _) = run(&["estimate", "orders.toml", "--format", "csv"], 0);
    assert!(csv.starts_with(
        "scenario,architecture,component,description,quantity,unit,unit_price,monthly_cost\r\n"
    ));
    let v = json(&[
        "sweep",
        "orders.toml",
        "--vary",
        "topology.consumer_vpcs=2..4",
    ]);
    assert_eq!(v["prices"]["dates"], serde_json::json!(US_EAST_1_DATES));
}

#[test]
fn a_prices_file_is_named_and_one_no_scenario_uses_is_warned_of() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("my-us-east-1.toml");
    let text = include_str!("../pricing/us-east-1.toml");
    std::fs::write(&file, text).unwrap();
    let f = file.to_str().unwrap();
    let v = json(&["estimate", "orders.toml", "--prices", f]);
    let p = &v["scenarios"][0]["prices"];
    assert_eq!(p["origin"], f);
    assert_eq!(p["embedded"], false);
    assert_eq!(p["dates"], serde_json::json!(US_EAST_1_DATES));
    let (table, err) = run(&["compare", "orders.toml", "--prices", f], 0);
    assert!(err.is_empty(), "the table is used: no warning\n{err}");
    assert!(
        table.contains(&format!(
            "Prices: us-east-1, --prices file {f}, data of 2016-06-01 to 2025-11-04"
        )),
        "{table}"
    );
    // An eu-central-1 table for a us-east-1 scenario: priced as before, the table named.
    let other = "pricelist/diff/new.toml";
    for command in ["estimate", "compare", "recommend"] {
        let (out, err) = run(&[command, "orders.toml", "--prices", other], 0);
        assert!(out.contains("embedded table us-east-1.toml"), "{out}");
        assert_eq!(
            err,
            "warning: no scenario is in eu-central-1, the Region of the --prices table pricelist/diff/new.toml, so its prices are not used\n",
            "{command}"
        );
    }
    let (_, err) = run(
        &[
            "sweep",
            "orders.toml",
            "--vary",
            "topology.consumer_vpcs=2..4",
            "--prices",
            other,
        ],
        0,
    );
    assert!(
        err.contains("eu-central-1, the Region of the --prices table pricelist/diff/new.toml"),
        "{err}"
    );
}

#[test]
fn a_prices_folder_of_every_region_is_one_warning_line() {
    // Every Region's table in one folder, as `prices import --all-regions` writes it.
    let dir = tempfile::tempdir().unwrap();
    let mut regions = Vec::new();
    for entry in std::fs::read_dir(crate::support::root().join("pricing")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
            regions.push(path.file_stem().unwrap().to_str().unwrap().to_owned());
        }
    }
    regions.retain(|r| r != "us-east-1");
    regions.sort();
    assert_eq!(regions.len(), 35);
    let d = dir.path().to_str().unwrap();
    for command in ["estimate", "compare", "recommend"] {
        let (_, err) = run(&[command, "orders.toml", "--prices", d], 0);
        assert_eq!(
            err,
            format!(
                "warning: no scenario is in 35 Regions of the --prices tables in {d}, so their \
                 prices are not used: {}\n",
                regions.join(", ")
            ),
            "{command}"
        );
    }
}

#[test]
fn prices_list_gives_every_regions_completeness_dates_and_gaps() {
    let v = json(&["prices", "list"]);
    let regions = v["regions"].as_array().unwrap();
    assert_eq!(regions.len(), 36);
    for r in regions {
        let (have, known) = (r["items_priced"].as_u64(), r["items_known"].as_u64());
        let missing = r["missing"].as_array().unwrap().len() as u64;
        assert_eq!(have.unwrap() + missing, known.unwrap(), "{r}");
        assert_eq!(r["effective_date"], r["dates"][1], "{r}");
        assert!(r["dates"][0].as_str() <= r["dates"][1].as_str(), "{r}");
    }
    let us = regions.iter().find(|r| r["region"] == "us-east-1").unwrap();
    assert_eq!(us["items_priced"], 31);
    assert_eq!(us["dates"], serde_json::json!(US_EAST_1_DATES));
    // Montreal: Direct Connect's 2020 data is its oldest; Tokyo's ports disagree.
    let ca = regions
        .iter()
        .find(|r| r["region"] == "ca-central-1")
        .unwrap();
    assert_eq!(ca["dates"][0], "2020-09-25");
    let tokyo = regions
        .iter()
        .find(|r| r["region"] == "ap-northeast-1")
        .unwrap();
    assert!(
        tokyo["missing"]
            .as_array()
            .unwrap()
            .contains(&"dx-port-hours".into())
    );
    let (table, _) = run(&["prices", "list"], 0);
    assert!(table.contains("Data dates"));
    // (A table wraps the range to fit its width; Markdown keeps each cell on one line.)
    let (markdown, _) = run(&["prices", "list", "--format", "markdown"], 0);
    assert!(markdown.contains("| 2020-09-25 to 2025-11-04 |"));
    let (show, _) = run(&["prices", "show", "ca-central-1"], 0);
    assert!(
        show.starts_with(
            "Prices for ca-central-1 (USD): embedded table ca-central-1.toml, data of 2020-09-25 to 2025-11-04\n"
        ),
        "{show}"
    );
}

#[test]
fn recommend_prices_every_shipped_scenario() {
    let files: Vec<String> = shipped().iter().map(|p| p.display().to_string()).collect();
    let mut args = vec!["recommend", "--format", "json"];
    args.extend(files.iter().map(String::as_str));
    let (out, err) = run(&args, 0);
    assert!(err.is_empty(), "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let scenarios = v["scenarios"].as_array().unwrap();
    assert_eq!(scenarios.len(), files.len());
    for s in scenarios {
        let useful =
            !s["current"].is_null() || !s["recommendations"].as_array().unwrap().is_empty();
        assert!(useful, "{}: nothing recommended", s["file"]);
        assert!(
            s["not_priced"].as_array().unwrap().is_empty(),
            "{}",
            s["file"]
        );
    }
}

#[test]
fn recommend_and_sweep_skip_what_the_region_cannot_price() {
    // us-west-2 prices the Direct Connect port but not its data out: every private layout
    // needs it; the public HTTP API the requirements allow does not.
    let dx = "no price for `dx-data` (data out over Direct Connect) in us-west-2";
    let v = json(&["recommend", "dx-oregon.toml"]);
    let s = &v["scenarios"][0];
    assert!(s["current"].is_null());
    let names: Vec<&str> = s["not_priced"]
        .as_array()
        .unwrap()
        .iter()
        .inspect(|n| assert_eq!(n["reason"], dx))
        .map(|n| n["architecture"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"current (R3)") && names.contains(&"R3-alias"),
        "{names:?}"
    );
    let best = &s["recommendations"][0];
    assert_eq!(best["layout"]["api"], "http", "{best}");
    let (table, _) = run(&["recommend", "dx-oregon.toml"], 0);
    assert!(table.contains("the current layout cannot be priced (see Not priced)"));
    assert!(
        table.contains(&format!("Not priced\n  current (R3): {dx}\n")),
        "{table}"
    );
    // A sweep leaves out the patterns it cannot price (Cloud Map in ap-south-1), and prices
    // the rest.
    let cm = "no price for `cloud-map-resources` (Cloud Map registered resources) in ap-south-1";
    let sweep = [
        "sweep",
        "cloud-map-mumbai.toml",
        "--vary",
        "traffic.requests_per_month=1e6..1e9",
    ];
    let v = json(&sweep);
    let left_out: Vec<&str> = v["not_priced"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["architecture"].as_str().unwrap())
        .collect();
    assert_eq!(left_out, ["H2", "current (H2)"]);
    assert_eq!(v["rows"][1]["cheapest"], "H1", "{v}");
    let mut csv = sweep.to_vec();
    csv.extend(["--format", "csv"]);
    let (out, err) = run(&csv, 0);
    assert!(out.lines().next().unwrap().contains(",H1,"), "{out}");
    assert!(
        err.contains(&format!("note: eu-booking: H2 is not in the sweep: {cm}\n")),
        "{err}"
    );
    let (md, _) = run(&[&sweep[..], &["--format", "markdown"]].concat(), 0);
    assert!(
        md.contains(&format!("**Not priced**\n\n- **H2**: {cm}")),
        "{md}"
    );
    // estimate still refuses a layout it cannot price: the price is missing, not zero.
    let (_, err) = run(&["estimate", "dx-oregon.toml"], 1);
    assert!(err.starts_with(&format!("error: {dx}")), "{err}");
}

#[test]
fn csv_compare_and_recommend_say_what_they_could_not_price() {
    // CSV has no place for them: one note per pattern on standard error, as sweep does.
    let dx = "no price for `dx-data` (data out over Direct Connect) in us-west-2";
    let cm = "no price for `cloud-map-resources` (Cloud Map registered resources) in ap-south-1";
    let table = "(price table embedded:ap-south-1.toml)";
    for totals in [&[][..], &["--totals"][..]] {
        let args = [
            &["compare", "cloud-map-mumbai.toml", "--format", "csv"][..],
            totals,
        ]
        .concat();
        let (out, err) = run(&args, 0);
        assert!(out.starts_with("scenario,architecture,"), "{out}");
        assert!(out.contains("\neu-booking,H1,"), "{out}");
        let note = format!(
            "note: eu-booking: current (H2) is not in the comparison: cannot be priced: {cm} {table}\n"
        );
        assert_eq!(err, note, "{args:?}");
        let args = [
            &["recommend", "dx-oregon.toml", "--format", "csv"][..],
            totals,
        ]
        .concat();
        let (_, err) = run(&args, 0);
        for id in ["current (R3)", "R3-alias"] {
            let note = format!("note: dx-oregon: {id} is not in the recommendations: {dx}\n");
            assert!(err.contains(&note), "{args:?}: {err}");
        }
        assert!(
            err.contains("(2 layouts) are not in the recommendations"),
            "{err}"
        );
    }
    // Everything priced: nothing to say.
    for command in ["compare", "recommend"] {
        let (_, err) = run(&[command, "orders.toml", "--format", "csv"], 0);
        assert_eq!(err, "", "{command}");
    }
}

#[test]
fn nothing_priced_is_a_pricing_error() {
    // Every pattern that applies lacks a price: a comparison, recommendation or sweep of nothing
    // fails as `estimate` does (exit 1), at the scenario's Region, naming the missing price once.
    let dx = "no price for `dx-data` (data out over Direct Connect) in us-west-2";
    let cases = [
        // (dx-oregon itself, public, now has R1-regional: Lambda invoked by a public REST API
        // needs no Direct Connect data.)
        (
            &["compare", "dx-oregon-private.toml"][..],
            "no pattern that applies",
            "dx-oregon-private",
        ),
        (
            &["recommend", "dx-oregon-private.toml", "--format", "json"][..],
            "no layout that meets the requirements",
            "dx-oregon-private",
        ),
        (
            &[
                "sweep",
                "dx-oregon-private.toml",
                "--vary",
                "topology.consumer_vpcs=1..3",
                "--format",
                "csv",
            ][..],
            "no pattern that applies",
            "dx-oregon-private",
        ),
    ];
    for (args, what, file) in cases {
        let (out, err) = run(args, 1);
        assert_eq!(out, "", "{args:?}");
        let head = format!("error: {what} can be priced: {dx}\n  --> {file}.toml:5:10\n");
        assert!(err.starts_with(&head), "{args:?}: {err}");
        assert!(
            err.contains("= help: the price table embedded:us-west-2.toml lacks it"),
            "{err}"
        );
    }
    // The current layout alone cannot be priced: compare says so, not "does not apply".
    let (table, _) = run(&["compare", "cloud-map-mumbai.toml"], 0);
    assert!(
        table.contains("The current layout (H2) cannot be priced: see below."),
        "{table}"
    );
}
