//! `apigw-cost diff` through the real binary: the difference of two designs checked against
//! figures worked out by hand from `pricing/us-east-1.toml`, each format's shape, `--usage`,
//! and `--fail-above` (exit 3 past the threshold, 0 within it).

use serde_json::Value;

use crate::support::{d, run};

const BEFORE: &str = "diff/orders.toml";
/// `BEFORE` with `topology.availability_zones` 2 → 3.
const THREE_AZ: &str = "diff/orders-3az.toml";
/// `BEFORE` with 400 million requests instead of 300, and `caching` required.
const GROWTH: &str = "diff/orders-growth.toml";

fn json(args: &[&str]) -> Value {
    let mut all = vec!["diff"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    serde_json::from_str(&run(&all, 0).0).unwrap()
}

fn dec(v: &Value) -> rust_decimal::Decimal {
    d(v.as_str()
        .unwrap_or_else(|| panic!("not a decimal string: {v}")))
}

fn component<'v>(v: &'v Value, id: &str) -> &'v Value {
    let all = v["components"].as_array().unwrap();
    all.iter()
        .find(|c| c["component"] == id)
        .unwrap_or_else(|| panic!("no {id} in {all:?}"))
}

#[test]
fn a_third_availability_zone_adds_one_endpoint_az_hour_an_hour() {
    let v = json(&[BEFORE, THREE_AZ]);
    // us-east-1 endpoint-hours: $0.01 per AZ-hour. 1 endpoint × 2 AZs × 730 h = 1,460 AZ-hours
    // ($14.60) before, × 3 AZs = 2,190 ($21.90) after: +$7.30, and nothing else moves.
    let c = component(&v, "endpoint-hours");
    assert_eq!(c["change"], "changed");
    assert_eq!(dec(&c["before"]["quantity"]), d("1460"));
    assert_eq!(dec(&c["after"]["quantity"]), d("2190"));
    assert_eq!(dec(&c["before"]["unit_price"]), d("0.01"));
    assert_eq!(dec(&c["before"]["monthly_cost"]), d("14.60"));
    assert_eq!(dec(&c["after"]["monthly_cost"]), d("21.90"));
    assert_eq!(dec(&c["difference"]), d("7.30"));
    assert!(
        c["after"]["formula"]
            .as_str()
            .unwrap()
            .contains("× 3 AZs × 730 h × $0.01")
    );
    assert_eq!(v["components"].as_array().unwrap().len(), 1, "{v:#}");
    assert_eq!(dec(&v["difference"]), d("7.30"));
    assert_eq!(dec(&v["after"]) - dec(&v["before"]), d("7.30"));
    // The total before is what `estimate` prices for the same file.
    let (est, _) = run(&["estimate", BEFORE, "--format", "json"], 0);
    let est: Value = serde_json::from_str(&est).unwrap();
    assert_eq!(
        v["before"],
        est["scenarios"][0]["estimates"][0]["monthly_cost"]
    );
    // The key that changed, and the default that follows it (one backend instance per AZ).
    let inputs: Vec<(&str, &str, &str)> = v["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            let s = |k: &str| i[k].as_str().unwrap();
            (s("key"), s("before"), s("after"))
        })
        .collect();
    assert_eq!(
        inputs,
        [
            ("topology.availability_zones", "2", "3"),
            ("topology.backend_instances", "2", "3")
        ]
    );
    assert_eq!(v["scenarios"]["after"]["file"], THREE_AZ);
    assert_eq!(v["scenarios"]["after"]["architecture"], "R5");
}

#[test]
fn growth_crosses_a_request_tier_and_adds_a_cache() {
    let v = json(&[BEFORE, GROWTH]);
    // REST requests: 300 million × $3.50 = $1,050.00 before; 400 million after, 333 at $3.50
    // and 67 at $2.80 = $1,165.50 + $187.60 = $1,353.10, so no single unit price.
    let r = component(&v, "rest-requests");
    assert_eq!(dec(&r["before"]["monthly_cost"]), d("1050"));
    assert_eq!(dec(&r["after"]["monthly_cost"]), d("1353.10"));
    assert_eq!(r["after"]["unit_price"], Value::Null);
    assert_eq!(dec(&r["difference"]), d("303.10"));
    // The smallest cache, 0.5 GB at $0.02 an hour × 730 h = $14.60, is added.
    let c = component(&v, "rest-cache");
    assert_eq!(c["change"], "added");
    assert_eq!(c["before"], Value::Null);
    assert_eq!(dec(&c["after"]["monthly_cost"]), d("14.60"));
    // Endpoint data: requests × 10 KB ÷ 1,048,576 KB per GB × $0.01.
    let e = component(&v, "endpoint-data");
    let gb = |requests: i64| d(&requests.to_string()) * d("10") / d("1048576");
    assert_eq!(dec(&e["before"]["quantity"]), gb(300_000_000));
    assert_eq!(
        dec(&e["after"]["monthly_cost"]),
        gb(400_000_000) * d("0.01")
    );
    // Every changed component is listed: their differences make up the total's, exactly.
    let sum: rust_decimal::Decimal = v["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| dec(&c["difference"]))
        .sum();
    assert_eq!(sum, dec(&v["difference"]));
    let keys: Vec<&str> = v["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "traffic.requests_per_month",
            "layout.cache_gb",
            "requirements.rest_features"
        ]
    );
}

#[test]
fn usage_gives_both_sides_the_same_traffic() {
    // With GROWTH's traffic on both sides only the third AZ differs: still +$7.30. BEFORE at
    // GROWTH's traffic is GROWTH without its $14.60 cache.
    let v = json(&[BEFORE, THREE_AZ, "--usage", GROWTH]);
    assert_eq!(dec(&v["difference"]), d("7.30"));
    let growth = json(&[BEFORE, GROWTH]);
    assert_eq!(dec(&v["before"]), dec(&growth["after"]) - d("14.60"));
    assert!(
        v["inputs"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| !i["key"].as_str().unwrap().starts_with("traffic."))
    );
}

#[test]
fn markdown_is_a_pull_request_comment() {
    let (md, _) = run(&["diff", BEFORE, THREE_AZ, "--format", "markdown"], 0);
    let lines: Vec<&str> = md.lines().collect();
    assert_eq!(
        lines[0],
        "**Monthly cost: $1,128.07 → $1,135.37 (+$7.30, +0.6 %)**"
    );
    assert!(md.contains(
        "| `endpoint-hours` | changed | 1,460 → 2,190 | AZ-hour | $0.01 → $0.01 | $14.60 | \
         $21.90 | +$7.30 |"
    ));
    assert!(md.contains("| **Total** |"), "{md}");
    // The formulas and inputs are folded, after the table.
    let open = md.find("<details><summary>").unwrap();
    assert!(md.find("| Component | Change |").unwrap() < open);
    assert!(md[open..].contains("| `topology.availability_zones` | 2 | 3 |"));
    assert_eq!(lines.last(), Some(&"</details>"));
    // The summary line of a fall in cost.
    let (md, _) = run(&["diff", THREE_AZ, BEFORE, "--format", "markdown"], 0);
    assert!(md.starts_with("**Monthly cost: $1,135.37 → $1,128.07 (-$7.30, -0.6 %)**\n"));
}

#[test]
fn a_requirement_the_change_breaks_is_a_new_warning() {
    const ONE_AZ: &str = "diff/orders-1az.toml";
    let v = json(&[BEFORE, ONE_AZ]);
    assert_eq!(dec(&v["difference"]), d("-7.30"));
    let warning = "breaks a requirement: 1 AZ is below requirements.min_availability_zones (2)";
    assert_eq!(v["new_warnings"], serde_json::json!([warning]));
    let (md, _) = run(&["diff", BEFORE, ONE_AZ, "--format", "markdown"], 0);
    assert!(
        md.contains(&format!("**New warnings**\n\n- {warning}\n")),
        "{md}"
    );
    let (_, err) = run(&["diff", BEFORE, ONE_AZ, "--format", "csv"], 0);
    assert_eq!(err.trim_end(), format!("warning: orders: new: {warning}"));
    // The way back breaks nothing new.
    assert_eq!(
        json(&[ONE_AZ, BEFORE])["new_warnings"],
        serde_json::json!([])
    );
}

#[test]
fn csv_has_one_row_per_changed_component() {
    let (out, _) = run(&["diff", BEFORE, GROWTH, "--format", "csv"], 0);
    let mut r = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(header[..3], ["component", "unit", "change"]);
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let ids: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
    assert_eq!(
        ids,
        [
            "rest-requests",
            "rest-cache",
            "endpoint-data",
            "nlb-capacity"
        ]
    );
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(&rows[1][col("change")], "added");
    assert_eq!(&rows[1][col("cost_before")], "");
    assert_eq!(d(&rows[0][col("cost_after")]), d("1353.10"));
    assert_eq!(d(&rows[0][col("difference")]), d("303.10"));
}

#[test]
fn identical_files_say_there_is_no_change() {
    let (out, _) = run(&["diff", BEFORE, BEFORE], 0);
    assert!(out.starts_with("Monthly cost: $1,128.07 → $1,128.07 (no change)\n"));
    assert!(out.contains("No change: the same components at the same cost"));
    let v = json(&[BEFORE, BEFORE]);
    assert_eq!(dec(&v["difference"]), d("0"));
    assert_eq!(v["components"], serde_json::json!([]));
    assert_eq!(v["inputs"], serde_json::json!([]));
}

#[test]
fn fail_above_an_amount_exits_3_after_the_report() {
    let (out, err) = run(&["diff", BEFORE, THREE_AZ, "--fail-above", "7.29"], 3);
    assert!(
        out.starts_with("Monthly cost: $1,128.07 → $1,135.37"),
        "{out}"
    );
    assert_eq!(
        err.trim_end(),
        "error: the monthly cost rises by $7.30 ($1,128.07 → $1,135.37), more than \
         --fail-above $7.29"
    );
    run(&["diff", BEFORE, THREE_AZ, "--fail-above", "7.30"], 0);
    run(&["diff", BEFORE, THREE_AZ, "--fail-above", "$25"], 0);
    // With --output the report is complete before the exit code says the threshold was passed.
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("cost.md");
    let md_arg = md.to_str().unwrap();
    let args = [
        "diff", BEFORE, THREE_AZ, "--format", "markdown", "--output", md_arg,
    ];
    let (out, _) = run(&[&args[..], &["--fail-above", "1"]].concat(), 3);
    assert!(out.is_empty());
    let written = std::fs::read_to_string(&md).unwrap();
    assert!(
        written.starts_with("**Monthly cost: $1,128.07 → $1,135.37"),
        "{written}"
    );
    assert!(written.ends_with("</details>\n"), "{written}");
    // A fall in cost never fails.
    run(&["diff", THREE_AZ, BEFORE, "--fail-above", "0"], 0);
}

#[test]
fn fail_above_a_percentage_exits_3_past_it() {
    // $7.30 of $1,128.0672294921875 is 0.6471 %.
    let (_, err) = run(&["diff", BEFORE, THREE_AZ, "--fail-above", "0.64%"], 3);
    assert!(
        err.contains("0.65 %, more than --fail-above 0.64%"),
        "{err}"
    );
    run(&["diff", BEFORE, THREE_AZ, "--fail-above", "0.65%"], 0);
    run(&["diff", BEFORE, GROWTH, "--fail-above", "5%"], 3);
}

#[test]
fn bad_input_is_located_and_a_bad_threshold_is_a_usage_error() {
    let (out, err) = run(&["diff", BEFORE, "diff/bad.toml"], 1);
    assert!(out.is_empty());
    assert!(err.contains("diff/bad.toml:9:22"), "{err}");
    assert!(err.contains("must be a number from 1 to 6"), "{err}");
    // Traffic a design cannot carry, given by --usage, is refused for each side it does not fit.
    let usage = "diff/usage-on-premises.toml";
    let (_, err) = run(&["diff", BEFORE, THREE_AZ, "--usage", usage], 1);
    let why = format!(
        "error: the [traffic] of --usage {usage} does not fit: topology.on_premises is \"none\": \
         traffic.on_premises_share must be 0\n  --> "
    );
    assert!(err.contains(&format!("{why}{BEFORE}\n")), "{err}");
    assert!(err.contains(&format!("{why}{THREE_AZ}\n")), "{err}");
    let (_, err) = run(&["diff", BEFORE, THREE_AZ, "--fail-above", "lots"], 2);
    assert!(err.contains("--fail-above"), "{err}");
    let (_, err) = run(
        &["diff", BEFORE, THREE_AZ, "--totals", "--format", "csv"],
        2,
    );
    assert!(err.contains("--totals applies to"), "{err}");
}

#[test]
fn between_any_two_shipped_scenarios_the_changed_components_make_up_the_difference() {
    use apigw_cost::diff::{Side, diff};
    use apigw_cost::{engine::Options, estimate_scenario, pricing::PriceBook};
    let book = PriceBook::embedded();
    let scenarios = crate::support::shipped_scenarios();
    let priced: Vec<_> = scenarios
        .iter()
        .filter_map(|s| {
            let p = estimate_scenario(s, &book, None, Options::default()).ok()?;
            Some((s, p))
        })
        .collect();
    assert!(priced.len() >= 20, "only {} priced", priced.len());
    for (a, pa) in &priced {
        let side_a = Side {
            scenario: a,
            priced: pa,
        };
        assert!(diff(side_a, side_a).is_empty(), "{}", a.path);
        for (b, pb) in &priced {
            let d = diff(
                side_a,
                Side {
                    scenario: b,
                    priced: pb,
                },
            );
            let sum: rust_decimal::Decimal = d.components.iter().map(|c| c.difference()).sum();
            // Exact but for the last of Decimal's 28 digits, which the order of the sums moves.
            let residue = (sum - d.difference()).abs();
            assert!(
                residue < rust_decimal::Decimal::new(1, 20),
                "{} → {}: {residue}",
                a.path,
                b.path
            );
            // A component listed as unchanged would be noise; one missing would break the sum.
            assert!(d.components.iter().all(|c| c.before != c.after));
        }
    }
}

#[test]
fn each_format_of_a_diff_as_reviewed() {
    for format in ["table", "markdown", "csv", "json"] {
        let (out, _) = run(&["diff", BEFORE, GROWTH, "--format", format], 0);
        insta::assert_snapshot!(format!("diff_growth_{format}"), out);
    }
}

#[test]
fn profile_diffs_that_usage_profile_of_both_sides() {
    // `--profile high` prices both sides as their `high` profile: a file against itself is no
    // change, and its total is `estimate --profile high`'s ($1,068.23 for H1, tests/profiles.rs).
    let file = "scenarios/h1-inventory-ranges.toml";
    let root = crate::support::root();
    let args = ["diff", file, file, "--profile", "high", "--format", "json"];
    let v: Value = serde_json::from_str(&crate::support::run_in(root, &args, 0).0).unwrap();
    let estimate = ["estimate", file, "--profile", "high", "--format", "json"];
    let e: Value = serde_json::from_str(&crate::support::run_in(root, &estimate, 0).0).unwrap();
    let total = &e["scenarios"][0]["estimates"][0]["monthly_cost"];
    assert_eq!(dec(&v["before"]), dec(total));
    assert_eq!(dec(&v["before"]).round_dp(2), d("1068.23"));
    assert_eq!(dec(&v["difference"]), d("0"));
}

#[test]
fn infrastructure_code_is_diffed_as_scanned_with_usage_traffic() {
    // A Terraform plan before and after: each side is what `estimate PLAN --usage FILE` prices.
    let (before, after) = ("iac/plan-r5.json", "iac/plan-r5-nlb-alb-regional.json");
    let usage = "iac/traffic.toml";
    let v = json(&[before, after, "--usage", usage]);
    let total = |plan: &str| {
        let args = ["estimate", plan, "--usage", usage, "--format", "json"];
        let e: Value = serde_json::from_str(&run(&args, 0).0).unwrap();
        dec(&e["scenarios"][0]["estimates"][0]["monthly_cost"])
    };
    assert_eq!(dec(&v["before"]), total(before));
    assert_eq!(dec(&v["after"]), total(after));
    assert_eq!(dec(&v["difference"]), total(after) - total(before));
    assert_eq!(component(&v, "endpoint-hours")["change"], "removed");
    assert_eq!(component(&v, "alb-hours")["change"], "added");
}
