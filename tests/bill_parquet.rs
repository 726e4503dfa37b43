//! CUR 2.0 and FOCUS as Parquet, the form AWS's Data Exports deliver most, with no public sample
//! to read (../shared/bill-samples/SOURCES.md: "No real CUR 2.0 or FOCUS 1.2 export"): the same
//! hand-built rows are written at test time as CSV and as Parquet (CUR 2.0 with its `product`
//! column a MAP<STRING, STRING>, amounts as doubles and dates as timestamps, as the Data Exports
//! column dictionary types them), and `usage` and `calibrate` must give the same numbers for both.

use std::path::Path;
use std::sync::Arc;

use datafusion::arrow::array::{
    ArrayRef, Float64Array, MapBuilder, StringArray, StringBuilder, TimestampMillisecondArray,
};
use datafusion::arrow::datatypes::{Field, Schema};
use datafusion::arrow::record_batch::RecordBatch;
use datafusion::parquet::arrow::ArrowWriter;
use serde_json::Value;

use crate::support::{d, root, run_in};

/// One hand-built usage row: line item type, hour of 2024-09-13 it starts, product code, usage
/// type, operation, rate code, amount, cost. Values imitate tests/fixtures/bill/focus.csv (ALB
/// hour $0.0225, LCU-hour $0.008, inter-AZ $0.01 a GB, us-east-1 rate codes) plus HTTP API
/// requests ($1.00 a million) and one row the model does not price.
type HandRow = (
    &'static str,
    u32,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const ALB: &str = "37CUWUT8GSNQEPUV.JRTCKXETXF.6YS6EN2CT7";
const LCU: &str = "P2XGEJ8N3KU52WA8.JRTCKXETXF.6YS6EN2CT7";
const AZ: &str = "PNUBVW4CPC8XA46W.JRTCKXETXF.6YS6EN2CT7";
const HTTP: &str = "FC2TWT2UEPTBKVBX.JRTCKXETXF.9NXBCPDZYR";
const ROWS: [HandRow; 11] = [
    (
        "Usage",
        18,
        "AmazonEC2",
        "LoadBalancerUsage",
        "LoadBalancing:Application",
        ALB,
        "1",
        "0.0225",
    ),
    (
        "Usage",
        19,
        "AmazonEC2",
        "LoadBalancerUsage",
        "LoadBalancing:Application",
        ALB,
        "1",
        "0.0225",
    ),
    (
        "Usage",
        20,
        "AmazonEC2",
        "LoadBalancerUsage",
        "LoadBalancing:Application",
        ALB,
        "1",
        "0.0225",
    ),
    (
        "Usage",
        18,
        "AmazonEC2",
        "LCUUsage",
        "LoadBalancing:Application",
        LCU,
        "0.5",
        "0.004",
    ),
    (
        "Usage",
        19,
        "AmazonEC2",
        "LCUUsage",
        "LoadBalancing:Application",
        LCU,
        "0.75",
        "0.006",
    ),
    (
        "Usage",
        20,
        "AmazonEC2",
        "LCUUsage",
        "LoadBalancing:Application",
        LCU,
        "0.1",
        "0.0008",
    ),
    (
        "Usage",
        18,
        "AmazonEC2",
        "DataTransfer-Regional-Bytes",
        "InterZone-In",
        AZ,
        "2.5",
        "0.025",
    ),
    (
        "Usage",
        19,
        "AmazonEC2",
        "DataTransfer-Regional-Bytes",
        "InterZone-In",
        AZ,
        "1.3",
        "0.013",
    ),
    (
        "Usage",
        18,
        "AmazonApiGateway",
        "USE1-ApiGatewayHttpRequest",
        "ApiGatewayHttpApi",
        HTTP,
        "1500",
        "0.0015",
    ),
    (
        "Usage",
        18,
        "AmazonEC2",
        "BoxUsage:m5.large",
        "RunInstances",
        "",
        "1",
        "0.096",
    ),
    ("Tax", 18, "AmazonEC2", "", "", "", "0", "0.01"),
];

fn millis(h: u32) -> i64 {
    // 2024-09-13T00:00:00Z is 1,726,185,600 s after the epoch.
    (1_726_185_600 + i64::from(h) * 3600) * 1000
}

pub fn texts(f: impl Fn(&HandRow) -> String) -> ArrayRef {
    Arc::new(StringArray::from(ROWS.iter().map(f).collect::<Vec<_>>()))
}

pub fn doubles(f: impl Fn(&HandRow) -> &'static str) -> ArrayRef {
    let v: Vec<f64> = ROWS.iter().map(|r| f(r).parse().unwrap()).collect();
    Arc::new(Float64Array::from(v))
}

fn stamps(f: impl Fn(&HandRow) -> i64) -> ArrayRef {
    let v: Vec<i64> = ROWS.iter().map(f).collect();
    Arc::new(TimestampMillisecondArray::from(v).with_timezone("UTC"))
}

/// `product` as CUR 2.0 types it: a map from attribute name to value (`region`, `servicecode`).
fn product_map() -> ArrayRef {
    let mut b = MapBuilder::new(None, StringBuilder::new(), StringBuilder::new());
    for r in ROWS {
        b.keys().append_value("region");
        b.values().append_value("us-east-1");
        b.keys().append_value("servicecode");
        b.values().append_value(r.2);
        b.append(true).unwrap();
    }
    Arc::new(b.finish())
}

pub fn write_parquet(path: &Path, cols: Vec<(&str, ArrayRef)>) {
    let fields: Vec<Field> = cols
        .iter()
        .map(|(n, a)| Field::new(*n, a.data_type().clone(), true))
        .collect();
    let schema = Arc::new(Schema::new(fields));
    let arrays = cols.into_iter().map(|(_, a)| a).collect();
    let batch = RecordBatch::try_new(schema.clone(), arrays).unwrap();
    let mut w = ArrowWriter::try_new(std::fs::File::create(path).unwrap(), schema, None).unwrap();
    w.write(&batch).unwrap();
    w.close().unwrap();
}

fn write_csv(path: &Path, cols: &[(&str, ArrayRef)]) {
    let mut w = csv::Writer::from_path(path).unwrap();
    w.write_record(cols.iter().map(|(n, _)| *n)).unwrap();
    for i in 0..ROWS.len() {
        let cell = |a: &ArrayRef| datafusion::arrow::util::display::array_value_to_string(a, i);
        let rec: Vec<String> = cols.iter().map(|(_, a)| cell(a).unwrap()).collect();
        w.write_record(rec).unwrap();
    }
    w.flush().unwrap();
}

/// CUR 2.0's columns the query reads (names from the Data Exports CUR 2.0 column dictionary);
/// `region_column`: whether `product_region_code` is there, else the Region is only in `product`.
pub fn cur2_columns(region_column: bool) -> Vec<(&'static str, ArrayRef)> {
    let mut cols = vec![
        ("bill_payer_account_name", texts(|_| "Example".into())),
        ("line_item_line_item_type", texts(|r| r.0.into())),
        ("line_item_usage_start_date", stamps(|r| millis(r.1))),
        ("line_item_usage_end_date", stamps(|r| millis(r.1 + 1))),
        ("line_item_product_code", texts(|r| r.2.into())),
        ("line_item_usage_type", texts(|r| r.3.into())),
        ("line_item_operation", texts(|r| r.4.into())),
        ("line_item_currency_code", texts(|_| "USD".into())),
        ("pricing_rate_code", texts(|r| r.5.into())),
        ("line_item_usage_amount", doubles(|r| r.6)),
        ("line_item_unblended_cost", doubles(|r| r.7)),
        ("pricing_public_on_demand_cost", doubles(|r| r.7)),
    ];
    if region_column {
        cols.push(("product_region_code", texts(|_| "us-east-1".into())));
    }
    cols
}

/// FOCUS 1.0's columns (FOCUS-Sample-Data's names): no usage type, so rows map by SkuPriceId.
fn focus_columns() -> Vec<(&'static str, ArrayRef)> {
    let category = |r: &HandRow| if r.0 == "Usage" { "Usage" } else { "Tax" };
    vec![
        ("ProviderName", texts(|_| "AWS".into())),
        ("ChargeCategory", texts(|r| category(r).into())),
        ("ChargePeriodStart", stamps(|r| millis(r.1))),
        ("ChargePeriodEnd", stamps(|r| millis(r.1 + 1))),
        ("RegionId", texts(|_| "us-east-1".into())),
        ("ServiceName", texts(|r| r.2.into())),
        ("SkuPriceId", texts(|r| r.5.into())),
        ("BillingCurrency", texts(|_| "USD".into())),
        ("ConsumedQuantity", doubles(|r| r.6)),
        ("BilledCost", doubles(|r| r.7)),
        ("ListCost", doubles(|r| r.7)),
    ]
}

fn json(args: &[&str]) -> Value {
    let (out, _) = run_in(root(), args, 0);
    serde_json::from_str(&out).expect("JSON")
}

/// `usage`'s JSON without the list of files read (their names and formats differ).
fn usage_of(path: &Path) -> Value {
    let mut u = json(&["usage", path.to_str().unwrap(), "--format", "json"]);
    u.as_object_mut().unwrap().remove("read");
    u
}

fn calibration_of(path: &Path) -> Value {
    json(&[
        "calibrate",
        "tests/fixtures/bill/orders-alb.toml",
        "--bill",
        path.to_str().unwrap(),
        "--format",
        "json",
    ])
}

fn component<'a>(u: &'a Value, id: &str) -> Vec<&'a Value> {
    let lines = u["usage"].as_array().unwrap();
    lines.iter().filter(|l| l["component"] == id).collect()
}

/// Hand sums of ROWS: 3 ALB hours ($0.0675), 1.35 LCU-hours ($0.0108), 3.8 GB between AZs
/// ($0.038), 0.0015 million HTTP API requests ($0.0015); an m5.large hour not modelled; $0.01 tax.
fn assert_hand_sums(u: &Value) {
    let one = |id: &str, field: &str| d(component(u, id)[0][field].as_str().unwrap());
    assert_eq!(one("alb-hours", "quantity"), d("3"));
    assert_eq!(one("alb-hours", "billed_cost"), d("0.0675"));
    assert_eq!(one("alb-capacity", "quantity"), d("1.35"));
    assert_eq!(one("alb-capacity", "billed_cost"), d("0.0108"));
    assert_eq!(one("inter-az-data", "quantity"), d("3.8"));
    assert_eq!(one("inter-az-data", "billed_cost"), d("0.038"));
    assert_eq!(one("http-requests", "quantity"), d("0.0015"));
    assert_eq!(
        d(u["adjustments"][0]["billed_cost"].as_str().unwrap()),
        d("0.01")
    );
}

#[test]
fn cur2_parquet_with_a_product_map_reads_as_its_csv_does() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("cur2.csv");
    let parquet = dir.path().join("cur2.parquet");
    let map_only = dir.path().join("cur2-region-in-map.parquet");
    let mut with_map = cur2_columns(true);
    with_map.push(("product", product_map()));
    // CUR 2.0 CSV writes the map as its JSON text.
    let mut csv_cols = cur2_columns(true);
    csv_cols.push((
        "product",
        texts(|r| format!("{{\"region\":\"us-east-1\",\"servicecode\":\"{}\"}}", r.2)),
    ));
    write_csv(&csv, &csv_cols);
    write_parquet(&parquet, with_map);
    let mut in_map = cur2_columns(false);
    in_map.push(("product", product_map()));
    write_parquet(&map_only, in_map);

    let from_csv = usage_of(&csv);
    assert_hand_sums(&from_csv);
    assert_eq!(usage_of(&parquet), from_csv, "Parquet against CSV");
    assert_eq!(
        usage_of(&map_only),
        from_csv,
        "Region from product['region']"
    );
    let read = json(&["usage", parquet.to_str().unwrap(), "--format", "json"]);
    assert_eq!(read["read"][0]["format"], "CUR 2.0 Parquet");
    assert_eq!(read["read"][0]["rows"], 11);

    let cal = calibration_of(&csv);
    assert_eq!(cal["period"]["hours"], "3");
    assert_eq!(calibration_of(&parquet)["components"], cal["components"]);
    assert_eq!(calibration_of(&parquet)["calibrated"], cal["calibrated"]);
    assert_eq!(calibration_of(&map_only)["calibrated"], cal["calibrated"]);
}

#[test]
fn focus_parquet_reads_as_its_csv_does() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("focus.csv");
    let parquet = dir.path().join("focus.parquet");
    write_csv(&csv, &focus_columns());
    write_parquet(&parquet, focus_columns());

    let from_csv = usage_of(&csv);
    assert_hand_sums(&from_csv);
    assert_eq!(usage_of(&parquet), from_csv, "Parquet against CSV");
    let read = json(&["usage", parquet.to_str().unwrap(), "--format", "json"]);
    assert_eq!(read["read"][0]["format"], "FOCUS Parquet");
    let cal = calibration_of(&csv);
    assert_eq!(calibration_of(&parquet)["components"], cal["components"]);
    assert_eq!(calibration_of(&parquet)["calibrated"], cal["calibrated"]);
}
