//! `usage` and `calibrate` on the real bills of `../shared/bill-samples/` (development subset
//! only). Each expected figure was computed independently of apigw-cost, as its test says
//! (python3's `csv` and `decimal` over the files, `zcat | awk`, DuckDB over the Parquet file).
//! When `../shared` is absent every test here says so on standard error and passes.

use std::path::PathBuf;

use rust_decimal::Decimal;
use serde_json::Value;

use crate::support::{d, root, run_in};

fn sample(rel: &str) -> Option<PathBuf> {
    let p = root().join("../shared/bill-samples").join(rel);
    if p.exists() {
        Some(p)
    } else {
        eprintln!(
            "skipped: {} not found (../shared/bill-samples is absent)",
            p.display()
        );
        None
    }
}

fn usage_json(files: &[&PathBuf]) -> Value {
    let mut args = vec!["usage".to_owned()];
    args.extend(files.iter().map(|f| f.display().to_string()));
    args.extend(["--format".into(), "json".into()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (out, _) = run_in(root(), &args, 0);
    serde_json::from_str(&out).expect("usage --format json is JSON")
}

/// (quantity, billed cost, rows) of `component` summed over its usage lines.
fn component(u: &Value, id: &str) -> (Decimal, Decimal, u64) {
    let mut t = (Decimal::ZERO, Decimal::ZERO, 0);
    for l in u["usage"].as_array().unwrap() {
        if l["component"] == id {
            t.0 += d(l["quantity"].as_str().unwrap());
            t.1 += d(l["billed_cost"].as_str().unwrap());
            t.2 += l["rows"].as_u64().unwrap();
        }
    }
    t
}

/// FOCUS 1.0 sample: its AWS rows carry `SkuPriceId`, the rate codes the price tables cite.
/// Expected: python3 over focus_sample.csv, rows with ProviderName AWS and ChargeCategory
/// Usage whose SkuPriceId a `rate code` of pricing/*.toml names, ConsumedQuantity and
/// BilledCost summed with `decimal.Decimal` per component (87 rows, as SOURCES.md says).
#[test]
fn focus_sample_maps_alb_nlb_nat_lambda_and_inter_az_exactly() {
    let Some(f) = sample("focus-sample-data-1.0/focus_sample.csv") else {
        return;
    };
    let u = usage_json(&[&f]);
    let m = d("1000000");
    let expect = [
        ("alb-hours", d("6"), d("0.135"), 6),
        ("alb-capacity", d("0.0024852678"), d("0.0000198821"), 3),
        ("nlb-capacity", d("1.0311952792"), d("0.0061871716"), 2),
        ("nat-gateway-hours", d("9"), d("0.422"), 9),
        ("nat-gateway-data", d("0.0469040983"), d("0.0021106845"), 4),
        ("lambda-requests", d("61") / m, d("0.0000122"), 2),
        ("lambda-duration", d("530.983875"), d("0.008849749"), 3),
        ("inter-az-data", d("0.6809419853"), d("0.0068094198"), 58),
    ];
    for (id, q, cost, rows) in expect {
        assert_eq!(component(&u, id), (q, cost, rows), "{id}");
    }
    assert_eq!(u["read"][0]["rows"], 942, "the AWS rows of the 1,000");
    assert_eq!(u["read"][0]["format"], "FOCUS CSV");
    // Provisioned Lambda compute has a price the model does not have: listed, not folded in.
    let provisioned = u["not_modelled"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["product_code"] == "AWS Lambda" && n["billed_cost"] == "0.0000746471");
    assert!(provisioned, "{}", u["not_modelled"]);
}

/// Step1CUR.gz (Athena text table, gzip, `\x01`, `\N`). Expected: `zcat Step1CUR.gz | awk -F
/// '\x01'` summing line_item_usage_amount and line_item_unblended_cost (columns 18 and 23)
/// by line_item_usage_type and line_item_operation (14, 15), checked with python3 decimal.
#[test]
fn step1_cur_gives_the_alb_and_inter_az_to_the_cent() {
    let Some(f) = sample("wa-labs-workload-efficiency-2019/Step1CUR.gz") else {
        return;
    };
    let u = usage_json(&[&f]);
    assert_eq!(u["read"][0]["rows"], 7850);
    assert_eq!(u["read"][0]["format"], "CUR (legacy) Athena text table.gz");
    assert_eq!(component(&u, "alb-hours"), (d("24"), d("0.54"), 24));
    assert_eq!(
        component(&u, "alb-capacity"),
        (d("584.9738860469"), d("4.6797910885"), 24)
    );
    // InterZone-In 101.3904102984 GB $1.01390410410 (276 rows) + InterZone-Out 101.3751706026
    // GB $1.0137517062 (275 rows); not the LoadBalancing-PublicIP-* rows.
    assert_eq!(
        component(&u, "inter-az-data"),
        (d("202.765580901"), d("2.0276558103"), 551)
    );
    // Lambda GB-seconds in "seconds", free tier: 2.8875 GB-s, $0.
    assert_eq!(component(&u, "lambda-duration"), (d("2.8875"), d("0"), 3));
}

/// A scenario with one ALB calibrated on Step1CUR.gz reproduces its ALB lines within 1 %.
#[test]
fn a_scenario_calibrated_on_step1_reproduces_its_alb_lines() {
    let Some(f) = sample("wa-labs-workload-efficiency-2019/Step1CUR.gz") else {
        return;
    };
    let scenario = root().join("tests/fixtures/bill/orders-alb.toml");
    let args = [
        "calibrate",
        scenario.to_str().unwrap(),
        "--bill",
        f.to_str().unwrap(),
        "--format",
        "json",
    ];
    let (out, _) = run_in(root(), &args, 0);
    let c: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(c["period"]["hours"], "24");
    for id in ["alb-hours", "alb-capacity"] {
        let row = c["components"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["component"] == id)
            .unwrap_or_else(|| panic!("{id} in {c}"));
        for (b, e) in [
            ("billed_quantity", "estimated_quantity"),
            ("billed_cost", "estimated_cost"),
        ] {
            let billed = d(row[b].as_str().unwrap());
            let est = d(row[e].as_str().unwrap());
            let off = ((est - billed) / billed).abs();
            assert!(off < d("0.01"), "{id} {b} {billed} vs {est}");
        }
    }
    assert!(c["cannot_tell"].to_string().contains("capacity units"));
}

/// The Nov 2018 workshop CUR as Parquet reads whole. Expected with DuckDB: `select count(*)`
/// is 124,340; `DataTransfer-Out-Bytes` usage rows summed as the test says.
#[test]
fn the_parquet_cur_reads_whole() {
    let Some(f) =
        sample("wa-labs-cost-usage-analysis-2018/Nov2018-WorkshopCUR-00001.snappy.parquet")
    else {
        return;
    };
    let u = usage_json(&[&f]);
    assert_eq!(u["read"][0]["rows"], 124_340);
    assert_eq!(u["read"][0]["format"], "CUR (legacy) Parquet");
    // DuckDB: 4,688 usage rows of `%DataTransfer-Out-Bytes`, 4.339526141799991 GB.
    let (gb, _, rows) = component(&u, "data-transfer-out");
    assert_eq!(rows, 4688);
    assert!(
        (gb - d("4.339526141799991")).abs() < d("0.000000001"),
        "{gb}"
    );
}

/// The Cost Explorer example is grouped by SERVICE and a tag: refused, with the grouping to ask.
#[test]
fn cost_explorer_grouped_by_service_is_refused_with_the_fix() {
    let Some(f) = sample("aws-cli-cost-explorer-example/get-cost-and-usage.output.json") else {
        return;
    };
    let (_, err) = run_in(root(), &["usage", f.to_str().unwrap()], 1);
    assert!(err.contains("grouped by SERVICE and Environment"), "{err}");
    assert!(err.contains("Key=USAGE_TYPE"), "{err}");
}

/// The anonymised legacy CUR CSV (slash names) reads; its data transfer out rows map.
#[test]
fn the_slash_named_cur_csv_reads() {
    let Some(f) = sample("focus-converters-aws-cur-2023/sample-anonymous-aws-export-dataset.csv")
    else {
        return;
    };
    let u = usage_json(&[&f]);
    assert_eq!(u["read"][0]["rows"], 1281);
    assert_eq!(u["read"][0]["format"], "CUR (legacy) CSV");
}
