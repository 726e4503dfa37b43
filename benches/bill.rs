//! Reading a large bill: a generated CUR 2.0 Parquet file of 10 million rows (hourly rows of 40
//! usage types over 6 Regions and 3 line item types, amounts as doubles, snappy), aggregated by
//! `usage`'s one SQL query. The file is written once to target/bench-data and kept. Goal (issue
//! 21): within 1.5 times DuckDB's time for the same aggregation, under 1 GB of memory.

use std::hint::black_box;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use apigw_cost::bill;
use criterion::{Criterion, criterion_group, criterion_main};
use datafusion::arrow::array::{ArrayRef, Float64Array, StringArray, TimestampMillisecondArray};
use datafusion::arrow::datatypes::{DataType, Field, Schema, TimeUnit};
use datafusion::arrow::record_batch::RecordBatch;
use datafusion::parquet::arrow::ArrowWriter;
use datafusion::parquet::basic::Compression;
use datafusion::parquet::file::properties::WriterProperties;

const ROWS: usize = 10_000_000;
const BATCH: usize = 100_000;
const REGIONS: [(&str, &str); 6] = [
    ("us-east-1", ""),
    ("us-east-2", "USE2-"),
    ("us-west-2", "USW2-"),
    ("eu-west-1", "EU-"),
    ("eu-central-1", "EUC1-"),
    ("ap-southeast-2", "APS2-"),
];
const USAGE: [(&str, &str, &str); 8] = [
    (
        "AmazonEC2",
        "LoadBalancerUsage",
        "LoadBalancing:Application",
    ),
    ("AmazonEC2", "LCUUsage", "LoadBalancing:Application"),
    ("AmazonEC2", "DataTransfer-Regional-Bytes", "InterZone-In"),
    ("AmazonEC2", "BoxUsage:m5.large", "RunInstances"),
    ("AmazonVPC", "VpcEndpoint-Hours", "VpcEndpoint"),
    ("AmazonApiGateway", "ApiGatewayRequest", "ApiGatewayRequest"),
    ("AWSLambda", "Lambda-GB-Second", "Invoke"),
    ("AmazonS3", "Requests-Tier1", "PutObject"),
];
const TYPES: [&str; 3] = ["Usage", "Usage", "DiscountedUsage"];

fn schema() -> Arc<Schema> {
    let ts = DataType::Timestamp(TimeUnit::Millisecond, Some("UTC".into()));
    let s = |n: &str| Field::new(n, DataType::Utf8, true);
    let f = |n: &str| Field::new(n, DataType::Float64, true);
    Arc::new(Schema::new(vec![
        s("bill_payer_account_name"),
        s("line_item_line_item_type"),
        Field::new("line_item_usage_start_date", ts.clone(), true),
        Field::new("line_item_usage_end_date", ts, true),
        s("line_item_product_code"),
        s("line_item_usage_type"),
        s("line_item_operation"),
        s("line_item_resource_id"),
        s("line_item_currency_code"),
        s("pricing_rate_code"),
        s("product_region_code"),
        f("line_item_usage_amount"),
        f("line_item_unblended_cost"),
        f("pricing_public_on_demand_cost"),
    ]))
}

fn batch(schema: &Arc<Schema>, first: usize) -> RecordBatch {
    let n = BATCH;
    let i = |k: usize| first + k;
    let pick = |k: usize| (i(k).wrapping_mul(2_654_435_761)) >> 7;
    let text = |f: &dyn Fn(usize) -> String| -> ArrayRef {
        Arc::new(StringArray::from(
            (0..n).map(|k| Some(f(k))).collect::<Vec<_>>(),
        ))
    };
    let hour = |k: usize| 1_698_796_800_000i64 + (i(k) % 720) as i64 * 3_600_000;
    let amount = |k: usize| (pick(k) % 10_000) as f64 / 1000.0;
    let cols: Vec<ArrayRef> = vec![
        text(&|_| "Example Corp".into()),
        text(&|k| TYPES[pick(k) % 3].into()),
        Arc::new(
            TimestampMillisecondArray::from((0..n).map(hour).collect::<Vec<_>>())
                .with_timezone("UTC"),
        ),
        Arc::new(
            TimestampMillisecondArray::from(
                (0..n).map(|k| hour(k) + 3_600_000).collect::<Vec<_>>(),
            )
            .with_timezone("UTC"),
        ),
        text(&|k| USAGE[pick(k) % 8].0.into()),
        text(&|k| format!("{}{}", REGIONS[i(k) % 6].1, USAGE[pick(k) % 8].1)),
        text(&|k| USAGE[pick(k) % 8].2.into()),
        text(&|k| {
            format!(
                "arn:aws:example:{}:111122223333:thing/{}",
                REGIONS[i(k) % 6].0,
                pick(k) % 5000
            )
        }),
        text(&|_| "USD".into()),
        text(&|k| format!("RATE{}.JRTCKXETXF.6YS6EN2CT7", pick(k) % 8)),
        text(&|k| REGIONS[i(k) % 6].0.into()),
        Arc::new(Float64Array::from((0..n).map(amount).collect::<Vec<_>>())),
        Arc::new(Float64Array::from(
            (0..n).map(|k| amount(k) * 0.01).collect::<Vec<_>>(),
        )),
        Arc::new(Float64Array::from(
            (0..n).map(|k| amount(k) * 0.01).collect::<Vec<_>>(),
        )),
    ];
    RecordBatch::try_new(schema.clone(), cols).expect("batch")
}

/// The generated file, written on first use.
fn bill_file() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    let path = dir.join("cur2-10m-rows.parquet");
    if path.exists() {
        return path;
    }
    std::fs::create_dir_all(&dir).expect("bench-data folder");
    let tmp = dir.join("cur2-10m-rows.parquet.part");
    let schema = schema();
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_max_row_group_row_count(Some(1_000_000))
        .build();
    let file = std::fs::File::create(&tmp).expect("create");
    let mut w = ArrowWriter::try_new(file, schema.clone(), Some(props)).expect("writer");
    for first in (0..ROWS).step_by(BATCH) {
        w.write(&batch(&schema, first)).expect("write");
    }
    w.close().expect("close");
    std::fs::rename(&tmp, &path).expect("rename");
    path
}

fn aggregation(c: &mut Criterion) {
    let path = bill_file();
    let mut g = c.benchmark_group("bill");
    g.sample_size(10).measurement_time(Duration::from_secs(30));
    g.bench_function("10M-row CUR 2.0 Parquet, usage query", |b| {
        b.iter(|| {
            let read = bill::read(black_box(std::slice::from_ref(&path)), None).expect("reads");
            assert_eq!(read.read[0].rows, ROWS as u64);
            read
        })
    });
    g.finish();
}

criterion_group!(benches, aggregation);
criterion_main!(benches);
