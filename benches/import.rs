//! Import speed of AWS Price List bulk files, in MB/s: a generated ~64 MB CSV offer file shaped
//! like a real one (25 Regions, each with the usage types the engine uses and many it does not,
//! tiered rates, Reserved terms), and a ~32 MB JSON one. Aim: at least 100 MB/s for CSV.

use apigw_cost::pricing::import::import_files;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::fmt::Write as _;
use std::hint::black_box;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// (Region, usage-type prefix, Price List location).
const REGIONS: &[(&str, &str, &str)] = &[
    ("us-east-1", "USE1", "US East (N. Virginia)"),
    ("us-east-2", "USE2", "US East (Ohio)"),
    ("us-west-1", "USW1", "US West (N. California)"),
    ("us-west-2", "USW2", "US West (Oregon)"),
    ("ca-central-1", "CAN1", "Canada (Central)"),
    ("eu-central-1", "EUC1", "EU (Frankfurt)"),
    ("eu-west-1", "EU", "EU (Ireland)"),
    ("eu-west-2", "EUW2", "EU (London)"),
    ("eu-west-3", "EUW3", "EU (Paris)"),
    ("eu-south-1", "EUS1", "EU (Milan)"),
    ("eu-north-1", "EUN1", "EU (Stockholm)"),
    ("ap-east-1", "APE1", "Asia Pacific (Hong Kong)"),
    ("ap-northeast-1", "APN1", "Asia Pacific (Tokyo)"),
    ("ap-northeast-2", "APN2", "Asia Pacific (Seoul)"),
    ("ap-northeast-3", "APN3", "Asia Pacific (Osaka)"),
    ("ap-southeast-1", "APS1", "Asia Pacific (Singapore)"),
    ("ap-southeast-2", "APS2", "Asia Pacific (Sydney)"),
    ("ap-southeast-3", "APS4", "Asia Pacific (Jakarta)"),
    ("ap-south-1", "APS3", "Asia Pacific (Mumbai)"),
    ("ap-south-2", "APS5", "Asia Pacific (Hyderabad)"),
    ("me-south-1", "MES1", "Middle East (Bahrain)"),
    ("me-central-1", "MEC1", "Middle East (UAE)"),
    ("sa-east-1", "SAE1", "South America (Sao Paulo)"),
    ("af-south-1", "AFS1", "Africa (Cape Town)"),
    ("il-central-1", "ILC1", "Israel (Tel Aviv)"),
];

/// Rates as (begin, end, price).
type Tiers = &'static [(&'static str, &'static str, &'static str)];

/// The AmazonVPC usage types the engine uses (usage type, operation, tiers).
const MAPPED: &[(&str, &str, Tiers)] = &[
    (
        "VpcEndpoint-Hours",
        "VpcEndpoint",
        &[("0", "Inf", "0.0100000000")],
    ),
    (
        "VpcEndpoint-Bytes",
        "VpcEndpoint",
        &[
            ("0", "1048576", "0.0100000000"),
            ("1048576", "5242880", "0.0060000000"),
            ("5242880", "Inf", "0.0040000000"),
        ],
    ),
    (
        "TransitGateway-Hours",
        "TransitGatewayVPC",
        &[("0", "Inf", "0.0500000000")],
    ),
    (
        "TransitGateway-Bytes",
        "TransitGatewayVPC",
        &[("0", "Inf", "0.0200000000")],
    ),
    (
        "VPN-Usage-Hours:ipsec.1",
        "CreateVpnConnection",
        &[("0", "Inf", "0.0500000000")],
    ),
];

const HEADER: &str = "\"SKU\",\"OfferTermCode\",\"RateCode\",\"TermType\",\"PriceDescription\",\"EffectiveDate\",\"StartingRange\",\"EndingRange\",\"Unit\",\"PricePerUnit\",\"Currency\",\"LeaseContractLength\",\"PurchaseOption\",\"Product Family\",\"serviceCode\",\"Location\",\"Location Type\",\"Group\",\"Group Description\",\"usageType\",\"operation\",\"Region Code\",\"serviceName\"\n";

#[allow(clippy::too_many_arguments)]
fn csv_row(
    out: &mut String,
    sku: &str,
    term: &str,
    term_type: &str,
    begin: &str,
    end: &str,
    price: &str,
    region: (&str, &str, &str),
    usage: &str,
    operation: &str,
) {
    let (code, _, location) = region;
    let _ = writeln!(
        out,
        "\"{sku}\",\"{term}\",\"{sku}.{term}.6YS6EN2CT7\",\"{term_type}\",\"${price} per unit - {usage} in {location}\",\"2025-10-01\",\"{begin}\",\"{end}\",\"Hrs\",\"{price}\",\"USD\",\"\",\"\",\"VpcEndpoint\",\"AmazonVPC\",\"{location}\",\"AWS Region\",\"VpcEndpoint\",\"Hourly charge for {usage}\",\"{usage}\",\"{operation}\",\"{code}\",\"Amazon Virtual Private Cloud\""
    );
}

/// Writes a CSV offer file of about `target` bytes.
fn generate_csv(path: &Path, target: usize) -> u64 {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut text = String::new();
    text.push_str("\"FormatVersion\",\"v1.0\"\n\"Disclaimer\",\"This pricing list is for informational purposes only.\"\n\"Publication Date\",\"2025-10-30T18:45:21Z\"\n\"Version\",\"20251030184521\"\n\"OfferCode\",\"AmazonVPC\"\n");
    text.push_str(HEADER);
    let mut sku = 0u64;
    let mut written = 0;
    'regions: for round in 0.. {
        for &region in REGIONS {
            let (_, prefix, _) = region;
            // The engine's usage types, once per Region (and file); us-east-1's come last, so
            // an import that found them has read the whole file.
            if round == 0 && region.0 != "us-east-1" {
                for (usage, op, tiers) in MAPPED {
                    sku += 1;
                    let s = format!("M{sku:015}");
                    for (b, e, p) in *tiers {
                        let u = format!("{prefix}-{usage}");
                        csv_row(
                            &mut text,
                            &s,
                            "JRTCKXETXF",
                            "OnDemand",
                            b,
                            e,
                            p,
                            region,
                            &u,
                            op,
                        );
                    }
                }
            }
            // Products the engine does not use, on-demand and Reserved, as most of a real file.
            for n in 0..200 {
                sku += 1;
                let s = format!("U{sku:015}");
                let u = format!("{prefix}-Unused-Product-{round}-{n}-Hours");
                csv_row(
                    &mut text,
                    &s,
                    "JRTCKXETXF",
                    "OnDemand",
                    "0",
                    "Inf",
                    "0.0450000000",
                    region,
                    &u,
                    "NatGateway",
                );
                if n % 4 == 0 {
                    csv_row(
                        &mut text,
                        &s,
                        "4NA7Y494T4",
                        "Reserved",
                        "",
                        "",
                        "0.0300000000",
                        region,
                        &u,
                        "NatGateway",
                    );
                }
            }
            written += text.len();
            f.write_all(text.as_bytes()).unwrap();
            text.clear();
            if written >= target {
                break 'regions;
            }
        }
    }
    for (usage, op, tiers) in MAPPED {
        sku += 1;
        let s = format!("M{sku:015}");
        for (b, e, p) in *tiers {
            let u = format!("USE1-{usage}");
            csv_row(
                &mut text,
                &s,
                "JRTCKXETXF",
                "OnDemand",
                b,
                e,
                p,
                REGIONS[0],
                &u,
                op,
            );
        }
    }
    f.write_all(text.as_bytes()).unwrap();
    f.flush().unwrap();
    std::fs::metadata(path).unwrap().len()
}

/// Writes a JSON offer file of about `target` bytes, in AWS's layout.
fn generate_json(path: &Path, target: usize) -> u64 {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut products = String::new();
    let mut terms = String::new();
    let mut sku = 0u64;
    let mut first = true;
    let mut product = |products: &mut String,
                       terms: &mut String,
                       region: (&str, &str, &str),
                       usage: &str,
                       op: &str,
                       tiers: &[(&str, &str, &str)]| {
        sku += 1;
        let s = format!("J{sku:015}");
        let (code, _, location) = region;
        let sep = if first { "" } else { ",\n" };
        first = false;
        let _ = write!(
            products,
            "{sep}    \"{s}\" : {{\n      \"sku\" : \"{s}\",\n      \"productFamily\" : \"VpcEndpoint\",\n      \"attributes\" : {{\n        \"servicecode\" : \"AmazonVPC\",\n        \"location\" : \"{location}\",\n        \"locationType\" : \"AWS Region\",\n        \"usagetype\" : \"{usage}\",\n        \"operation\" : \"{op}\",\n        \"regionCode\" : \"{code}\",\n        \"servicename\" : \"Amazon Virtual Private Cloud\"\n      }}\n    }}"
        );
        let mut dims = String::new();
        for (i, (b, e, p)) in tiers.iter().enumerate() {
            let sep = if i == 0 { "" } else { ",\n" };
            let _ = write!(
                dims,
                "{sep}            \"{s}.JRTCKXETXF.R{i}\" : {{\n              \"rateCode\" : \"{s}.JRTCKXETXF.R{i}\",\n              \"description\" : \"{usage}\",\n              \"beginRange\" : \"{b}\",\n              \"endRange\" : \"{e}\",\n              \"unit\" : \"Hrs\",\n              \"pricePerUnit\" : {{\n                \"USD\" : \"{p}\"\n              }},\n              \"appliesTo\" : [ ]\n            }}"
            );
        }
        let _ = write!(
            terms,
            "{sep}      \"{s}\" : {{\n        \"{s}.JRTCKXETXF\" : {{\n          \"offerTermCode\" : \"JRTCKXETXF\",\n          \"sku\" : \"{s}\",\n          \"effectiveDate\" : \"2025-10-01T00:00:00Z\",\n          \"priceDimensions\" : {{\n{dims}\n          }},\n          \"termAttributes\" : {{ }}\n        }}\n      }}"
        );
    };
    'regions: for round in 0.. {
        for &region in REGIONS {
            let (_, prefix, _) = region;
            if round == 0 && region.0 != "us-east-1" {
                for (usage, op, tiers) in MAPPED {
                    let u = format!("{prefix}-{usage}");
                    product(&mut products, &mut terms, region, &u, op, tiers);
                }
            }
            for n in 0..200 {
                let u = format!("{prefix}-Unused-Product-{round}-{n}-Hours");
                product(
                    &mut products,
                    &mut terms,
                    region,
                    &u,
                    "NatGateway",
                    &[("0", "Inf", "0.0450000000")],
                );
            }
            if products.len() + terms.len() >= target {
                break 'regions;
            }
        }
    }
    for (usage, op, tiers) in MAPPED {
        let u = format!("USE1-{usage}");
        product(&mut products, &mut terms, REGIONS[0], &u, op, tiers);
    }
    write!(
        f,
        "{{\n  \"formatVersion\" : \"v1.0\",\n  \"disclaimer\" : \"This pricing list is for informational purposes only.\",\n  \"offerCode\" : \"AmazonVPC\",\n  \"version\" : \"20251030184521\",\n  \"publicationDate\" : \"2025-10-30T18:45:21Z\",\n  \"products\" : {{\n{products}\n  }},\n  \"terms\" : {{\n    \"OnDemand\" : {{\n{terms}\n    }}\n  }}\n}}\n"
    )
    .unwrap();
    f.flush().unwrap();
    std::fs::metadata(path).unwrap().len()
}

fn bench_import(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let csv: PathBuf = dir.path().join("index.csv");
    let csv_bytes = generate_csv(&csv, 64 << 20);
    let json: PathBuf = dir.path().join("index.json");
    let json_bytes = generate_json(&json, 32 << 20);
    // The generated files import, with the engine's items found once per Region.
    for path in [&csv, &json] {
        let t = import_files(std::slice::from_ref(path), Some("us-east-1")).unwrap();
        assert_eq!(t.table.completeness().0, 5, "{}", path.display());
    }

    let mut g = c.benchmark_group("import");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    g.throughput(Throughput::Bytes(csv_bytes));
    g.bench_function(format!("csv_{}_MB", csv_bytes >> 20), |b| {
        b.iter(|| import_files(black_box(std::slice::from_ref(&csv)), Some("us-east-1")).unwrap())
    });
    g.throughput(Throughput::Bytes(json_bytes));
    g.bench_function(format!("json_{}_MB", json_bytes >> 20), |b| {
        b.iter(|| import_files(black_box(std::slice::from_ref(&json)), Some("us-east-1")).unwrap())
    });
    g.finish();
}

criterion_group!(benches, bench_import);
criterion_main!(benches);
