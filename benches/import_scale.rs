//! Import time as the rows that price one item grow (issue 22: it was quadratic in them, 4.6 s
//! for a 64 MB CSV, 32 s for a JSON file of 80,000 SKUs). A CSV offer file of 20,000 rows all
//! pricing us-east-1's endpoint hours (1,000 SKUs, each repeated 20 times, as a mirror that
//! concatenates snapshots writes them), and a JSON one of 16,000 SKUs, 1,000 of them that item.
//! Small enough for CI; linear, so a larger file takes proportionally longer (checked by hand
//! with the release binary: 40,000, 80,000 and 160,000 SKUs of JSON import in under a second
//! each, in 7 MB).

use apigw_cost::component::Component;
use apigw_cost::pricing::import::import_files;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::fmt::Write as _;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

const HEAD: &str = "\"FormatVersion\",\"v1.0\"\n\"Disclaimer\",\"x\"\n\"Publication Date\",\"2025-10-30T18:45:21Z\"\n\"Version\",\"20251030184521\"\n\"OfferCode\",\"AmazonVPC\"\n\"SKU\",\"OfferTermCode\",\"RateCode\",\"TermType\",\"PriceDescription\",\"EffectiveDate\",\"StartingRange\",\"EndingRange\",\"Unit\",\"PricePerUnit\",\"Currency\",\"Location\",\"usageType\",\"operation\",\"Region Code\"\n";

/// 1,000 SKUs of `USE1-VpcEndpoint-Hours` at one price, each row repeated `repeats` times.
fn generate_csv(path: &Path, repeats: usize) -> u64 {
    let mut text = String::from(HEAD);
    for _ in 0..repeats {
        for sku in 0..1000 {
            let s = format!("S{sku:015}");
            let _ = writeln!(
                text,
                "\"{s}\",\"JRTCKXETXF\",\"{s}.JRTCKXETXF.6YS6EN2CT7\",\"OnDemand\",\"$0.01 per VPC endpoint hour\",\"2025-10-01\",\"0\",\"Inf\",\"Hrs\",\"0.0100000000\",\"USD\",\"US East (N. Virginia)\",\"USE1-VpcEndpoint-Hours\",\"VpcEndpoint\",\"us-east-1\""
            );
        }
    }
    std::fs::write(path, &text).unwrap();
    text.len() as u64
}

/// `skus` products, the first 1,000 pricing `USE1-VpcEndpoint-Hours`, the rest another usage.
fn generate_json(path: &Path, skus: usize) -> u64 {
    let (mut products, mut terms) = (String::new(), String::new());
    for n in 0..skus {
        let s = format!("J{n:015}");
        let usage = if n < 1000 {
            "USE1-VpcEndpoint-Hours"
        } else {
            "USE1-Unused-Hours"
        };
        let sep = if n == 0 { "" } else { ",\n" };
        let _ = write!(
            products,
            "{sep}\"{s}\":{{\"sku\":\"{s}\",\"attributes\":{{\"usagetype\":\"{usage}\",\"operation\":\"VpcEndpoint\",\"regionCode\":\"us-east-1\"}}}}"
        );
        let _ = write!(
            terms,
            "{sep}\"{s}\":{{\"{s}.JRTCKXETXF\":{{\"offerTermCode\":\"JRTCKXETXF\",\"effectiveDate\":\"2025-10-01T00:00:00Z\",\"priceDimensions\":{{\"{s}.JRTCKXETXF.6YS6EN2CT7\":{{\"rateCode\":\"{s}.JRTCKXETXF.6YS6EN2CT7\",\"beginRange\":\"0\",\"endRange\":\"Inf\",\"unit\":\"Hrs\",\"pricePerUnit\":{{\"USD\":\"0.0100000000\"}}}}}}}}}}"
        );
    }
    let text = format!(
        "{{\"formatVersion\":\"v1.0\",\"offerCode\":\"AmazonVPC\",\"version\":\"20251030184521\",\"publicationDate\":\"2025-10-30T18:45:21Z\",\"products\":{{{products}}},\"terms\":{{\"OnDemand\":{{{terms}}}}}}}"
    );
    std::fs::write(path, &text).unwrap();
    text.len() as u64
}

fn bench_one_item(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let csv: PathBuf = dir.path().join("index.csv");
    let csv_bytes = generate_csv(&csv, 20);
    let json: PathBuf = dir.path().join("index.json");
    let json_bytes = generate_json(&json, 16_000);
    for path in [&csv, &json] {
        let t = import_files(std::slice::from_ref(path), None).unwrap();
        assert!(t.table.get(Component::EndpointHours).is_some());
    }
    let mut g = c.benchmark_group("import_scale");
    g.sample_size(10).measurement_time(Duration::from_secs(3));
    g.throughput(Throughput::Bytes(csv_bytes));
    g.bench_function("csv, 20,000 rows of one item", |b| {
        b.iter(|| import_files(black_box(std::slice::from_ref(&csv)), None).unwrap())
    });
    g.throughput(Throughput::Bytes(json_bytes));
    g.bench_function("json, 16,000 SKUs", |b| {
        b.iter(|| import_files(black_box(std::slice::from_ref(&json)), None).unwrap())
    });
    g.finish();
}

criterion_group!(benches, bench_one_item);
criterion_main!(benches);
