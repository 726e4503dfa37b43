//! The shipped price tables against AWS's own published price data in `../shared/real-pricelist/`
//! (read there, never copied into the repository): every embedded table is regenerated from the
//! data and compared item by item, and the importer's fixes for real data are checked with the
//! real files. When the folder is absent these tests say so and pass without checking (CI has
//! it); `APIGW_COST_REAL_PRICELIST` may name another place for it.

use std::path::{Path, PathBuf};

use apigw_cost::component::Component;
use apigw_cost::pricing::import::{import_all_regions, import_files, item_of_usage_type};
use apigw_cost::pricing::{EMBEDDED, PriceBook, Rate, parse_table, price_items};
use rust_decimal::Decimal;

use crate::support::d;

/// The files the shipped tables are generated from (README, "Where prices come from").
pub const SOURCES: &[&str] = &[
    "pricing-page-metered-unit-maps/apigateway-2025-10-20.json",
    "pricing-page-metered-unit-maps/vpc-2025-11-04.json",
    "pricing-page-metered-unit-maps/elb-2025-06-05.json",
    "pricing-page-metered-unit-maps/cloudmap-2025-06-05.json",
    "pricing-page-metered-unit-maps/route53-2025-08-28.json",
    "pricing-page-metered-unit-maps/route53-healthchecks-2025-08-28.json",
    "pricing-page-metered-unit-maps/lambda-2025-10-30.json",
    "pricing-page-metered-unit-maps/natgateway-2025-10-28.json",
    "pricing-page-metered-unit-maps/waf-2025-10-03.json",
    "pricing-page-metered-unit-maps/directconnect-2020-09-25.json",
    "derived/datatransfer-external-outbound-2025-06-05.json",
    "bulk-offer-AWSLambda-20161207/index.json",
];

const LAMBDA_2016: &str = "bulk-offer-AWSLambda-20161207/index.json";

/// The data folder, or `None` (with a note on standard error) when it is not there.
fn data(test: &str) -> Option<PathBuf> {
    let dir = std::env::var_os("APIGW_COST_REAL_PRICELIST").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/real-pricelist"),
        PathBuf::from,
    );
    if dir.join("README.md").is_file() {
        Some(dir)
    } else {
        eprintln!(
            "{test}: skipped: AWS's price data is not at {} (set APIGW_COST_REAL_PRICELIST to its folder; CI has it)",
            dir.display()
        );
        None
    }
}

fn paths(dir: &Path, files: &[&str]) -> Vec<PathBuf> {
    files.iter().map(|f| dir.join(f)).collect()
}

#[test]
fn every_embedded_table_is_regenerated_from_aws_data_exactly() {
    let Some(dir) = data("every_embedded_table_is_regenerated_from_aws_data_exactly") else {
        return;
    };
    let generated = import_all_regions(&paths(&dir, SOURCES)).expect("the data imports");
    let shipped = PriceBook::embedded();
    let regions: Vec<&str> = generated.iter().map(|i| i.table.region.as_str()).collect();
    let embedded: Vec<&str> = shipped.regions().collect();
    assert_eq!(
        regions, embedded,
        "one shipped table per Region of the data"
    );
    let (mut prices, mut missing, mut mismatches) = (0, 0, Vec::new());
    for imported in &generated {
        let region = &imported.table.region;
        let table = shipped.region(region).unwrap();
        for item in price_items() {
            match (imported.table.get(item), table.get(item)) {
                (Some(a), Some(b)) if a == b => prices += 1,
                (None, None) => missing += 1,
                (a, b) => mismatches.push(format!("{region} {item}: data {a:?}, shipped {b:?}")),
            }
        }
        if imported.table.free_tier != table.free_tier {
            mismatches.push(format!("{region}: free tier"));
        }
        let file = EMBEDDED
            .iter()
            .find(|(name, _)| *name == format!("{region}.toml"))
            .map(|(_, text)| *text);
        if file != Some(imported.to_toml().as_str()) {
            mismatches.push(format!(
                "{region}: pricing/{region}.toml is not the generated text; regenerate it (README)"
            ));
        }
    }
    eprintln!(
        "{} Regions, {prices} prices equal to AWS's data, {missing} items missing in both, {} mismatches",
        generated.len(),
        mismatches.len()
    );
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
    assert_eq!(generated.len(), 36);
    assert_eq!(prices + missing, 36 * price_items().count());
    assert!(
        generated.iter().all(|i| i.warnings.is_empty()),
        "every location and key of the data is known"
    );
}

#[test]
fn every_file_in_pricing_is_embedded() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("pricing");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    files.sort();
    let embedded: Vec<&str> = EMBEDDED.iter().map(|(name, _)| *name).collect();
    assert_eq!(files, embedded);
    for (name, text) in EMBEDDED {
        let t = parse_table(name, text).unwrap();
        assert_eq!(format!("{}.toml", t.region), *name);
    }
}

#[test]
fn the_regenerated_tables_price_what_aws_publishes() {
    let shipped = PriceBook::embedded();
    let rate = |r: &str, c: Component| shipped.region(r).unwrap().get(c).map(|p| p.rate.clone());
    let first_tier = |r: &str, c: Component| match rate(r, c) {
        Some(Rate::Tiered(t)) => t[0].price,
        other => panic!("{r} {c}: {other:?}"),
    };
    // ap-southeast-1 REST is $4.25 per million (the hand-kept table said an unverified 3.50).
    assert_eq!(
        first_tier("ap-southeast-1", Component::RestRequests),
        d("4.25")
    );
    assert_eq!(
        first_tier("eu-central-1", Component::RestRequests),
        d("3.7")
    );
    // Lambda duration in its three tiers, edges from AWS's Lambda page.
    let Some(Rate::Tiered(lambda)) = rate("us-east-1", Component::LambdaDuration) else {
        panic!("tiered")
    };
    let edges: Vec<Option<Decimal>> = lambda.iter().map(|t| t.up_to).collect();
    assert_eq!(edges, [Some(d("6000000000")), Some(d("15000000000")), None]);
    // WAF costs more in Spain and Zurich; NAT gateways; health checks (first 50 free).
    assert_eq!(
        rate("eu-south-2", Component::WafRequests),
        Some(Rate::Flat(d("0.7")))
    );
    assert_eq!(
        rate("eu-central-2", Component::WafRequests),
        Some(Rate::Flat(d("0.65")))
    );
    assert_eq!(
        rate("us-east-1", Component::NatGatewayHours),
        Some(Rate::Flat(d("0.045")))
    );
    assert!(matches!(
        rate("af-south-1", Component::HealthChecks),
        Some(Rate::Tiered(_))
    ));
    // Inter-AZ only where the 2016 bulk file has the Region.
    assert_eq!(
        rate("us-east-1", Component::InterAzData),
        Some(Rate::Flat(d("0.01")))
    );
    assert_eq!(rate("eu-central-2", Component::InterAzData), None);
}

#[test]
fn direct_connect_is_priced_only_where_the_regions_locations_agree() {
    let shipped = PriceBook::embedded();
    let dx = |r: &str| {
        let t = shipped.region(r).unwrap();
        let flat = |c| match t.get(c).map(|p| &p.rate) {
            Some(Rate::Flat(x)) => Some(x.to_string()),
            None => None,
            other => panic!("{r} {c}: {other:?}"),
        };
        (flat(Component::DxPortHours), flat(Component::DxData))
    };
    let s = |x: &str| Some(x.to_owned());
    // us-east-1: 10 locations, every 1G port $0.30; 3 of them have a data-out price, all $0.02
    // (pricing-facts.md gives the same two prices).
    assert_eq!(dx("us-east-1"), (s("0.3"), s("0.02")));
    assert_eq!(dx("ap-southeast-2"), (s("0.3"), s("0.042")));
    // Tokyo's ports differ ($0.285 and $0.30); Ireland's data out differs ($0.10, $0.02);
    // Oregon's own locations have no data-out key; Zurich is not in the 2020 data.
    assert_eq!(dx("ap-northeast-1"), (None, None));
    assert_eq!(dx("eu-west-1"), (s("0.3"), None));
    assert_eq!(dx("us-west-2"), (s("0.3"), None));
    assert_eq!(dx("eu-central-2"), (None, None));
    let priced: Vec<&str> = shipped.regions().filter(|r| dx(r).1.is_some()).collect();
    assert_eq!(
        priced,
        [
            "ap-northeast-2",
            "ap-southeast-1",
            "ap-southeast-2",
            "ca-central-1",
            "eu-central-1",
            "eu-west-2",
            "us-east-1",
            "us-east-2",
            "us-gov-west-1"
        ]
    );
    let us = shipped.region("us-east-1").unwrap();
    let port = us.get(Component::DxPortHours).unwrap();
    assert_eq!(port.effective_date, "2020-09-25");
    assert!(
        port.source.contains("directconnect-2020-09-25.json")
            && port.source.contains("all 10 1G ports of this Region agree")
            && port
                .source
                .contains("rate code BS7G54HAEYDQNPFG.JRTCKXETXF.6YS6EN2CT7"),
        "{}",
        port.source
    );
    // The Region's data now spans 2016 (inter-AZ) to 2025; Montreal's 2020 to 2025.
    assert_eq!(us.data_dates(), Some(("2016-06-01", "2025-11-04")));
    let ca = shipped.region("ca-central-1").unwrap();
    assert_eq!(ca.data_dates(), Some(("2020-09-25", "2025-11-04")));
}

#[test]
fn the_2016_bulk_lambda_file_imports_for_every_region_it_has() {
    let Some(dir) = data("the_2016_bulk_lambda_file_imports_for_every_region_it_has") else {
        return;
    };
    let file = paths(&dir, &[LAMBDA_2016]);
    let all = import_all_regions(&file).expect("the real bulk file imports");
    let regions: Vec<&str> = all.iter().map(|i| i.table.region.as_str()).collect();
    // Twelve Regions with Lambda; AWS GovCloud (US), by location name only, with data transfer.
    assert_eq!(regions.len(), 13, "{regions:?}");
    assert!(regions.contains(&"us-gov-west-1"), "{regions:?}");
    for imported in &all {
        let t = &imported.table;
        assert_eq!(
            t.get(Component::InterAzData).unwrap().rate,
            Rate::Flat(d("0.01"))
        );
        assert!(t.get(Component::DataTransferOut).is_some(), "{}", t.region);
        if t.region != "us-gov-west-1" {
            let requests = &t.get(Component::LambdaRequests).unwrap().rate;
            assert_eq!(requests, &Rate::Flat(d("0.2")), "{}", t.region);
            assert!(t.get(Component::LambdaDuration).is_some(), "{}", t.region);
        }
        // One Region at a time, as `--region` does.
        let one = import_files(&file, Some(&t.region)).unwrap();
        assert_eq!(one.table.items, t.items);
    }
}

#[test]
fn newer_regions_are_read_by_their_location_names() {
    let Some(dir) = data("newer_regions_are_read_by_their_location_names") else {
        return;
    };
    // The pricing-page data names Regions only by location ("Asia Pacific (Malaysia)"); the
    // first REST tier read straight from the data, per request, is the table's per million.
    let text = std::fs::read_to_string(dir.join(SOURCES[0])).unwrap();
    let page: serde_json::Value = serde_json::from_str(&text).unwrap();
    let files = paths(&dir, &SOURCES[..9]);
    for (region, location) in [
        ("ap-southeast-5", "Asia Pacific (Malaysia)"),
        ("ap-southeast-7", "Asia Pacific (Thailand)"),
        ("mx-central-1", "Mexico (Central)"),
        ("eu-central-2", "EU (Zurich)"),
        ("ca-west-1", "Canada West (Calgary)"),
        ("il-central-1", "Israel (Tel Aviv)"),
    ] {
        let per_request =
            page["regions"][location]["API Calls Number of up to 333 million"]["price"]
                .as_str()
                .unwrap();
        let imported = import_files(&files, Some(region)).unwrap();
        let Rate::Tiered(t) = &imported.table.get(Component::RestRequests).unwrap().rate else {
            panic!("{region}")
        };
        assert_eq!(t[0].price, d(per_request) * d("1000000"), "{region}");
    }
}

#[test]
fn cache_sizes_and_elb_usage_types_of_the_real_attribute_lists() {
    let Some(dir) = data("cache_sizes_and_elb_usage_types_of_the_real_attribute_lists") else {
        return;
    };
    let values = |file: &str| -> Vec<String> {
        let text = std::fs::read_to_string(dir.join("get-attribute-values-20220929").join(file));
        let json: serde_json::Value = serde_json::from_str(&text.unwrap()).unwrap();
        serde_json::from_value(json["attribute_values"].clone()).unwrap()
    };
    // `ApiGatewayCacheUsage:1.55GB` and `:6.05GB` are the 1.6 and 6.1 GB sizes.
    let mut sizes: Vec<Decimal> = values("AmazonApiGateway--usagetype.json")
        .iter()
        .filter_map(|u| item_of_usage_type("AmazonApiGateway", u, "").and_then(|(_, gb)| gb))
        .collect();
    sizes.sort();
    sizes.dedup();
    let mut documented: Vec<Decimal> = values("AmazonApiGateway--cacheMemorySizeGb.json")
        .iter()
        .map(|s| d(s))
        .collect();
    documented.sort();
    assert_eq!(sizes, documented);
    // Of ELB's usage types only the Regions' own load-balancer hours are ALB hours: not a Local
    // Zone's (`ATL1-`), an Outpost's, nor the ALB trust store's `TS-LoadBalancerUsage` (newer
    // than these lists: its shape is checked as the README of the data gives it).
    let alb = "LoadBalancing:Application";
    let mut usage = values("AWSELB--usagetype.json");
    usage.push("TS-LoadBalancerUsage".into());
    usage.push("USE2-TS-LoadBalancerUsage".into());
    let hours: Vec<&String> = usage
        .iter()
        .filter(|u| item_of_usage_type("AWSELB", u, alb) == Some((Component::AlbHours, None)))
        .collect();
    assert!(hours.contains(&&"LoadBalancerUsage".to_owned()));
    assert!(hours.contains(&&"EUC1-LoadBalancerUsage".to_owned()));
    for u in &hours {
        let bare = u.as_str() == "LoadBalancerUsage";
        let prefixed = u.split_once('-').is_some_and(|(p, rest)| {
            rest == "LoadBalancerUsage" && p.len() <= 4 && !["ATL1", "TS"].contains(&p)
        });
        assert!(
            bare || prefixed,
            "{u} is not a Region's load-balancer hours"
        );
    }
    assert!(
        !hours
            .iter()
            .any(|u| u.contains("TS-") || u.contains("Outposts"))
    );
}

#[test]
fn the_alb_trust_store_does_not_collide_with_alb_hours() {
    // ALB hours ($0.0225) and trust-store hours ($0.005) in one us-east-1 file: the trust
    // store's `TS-` is not a Region prefix, so ALB hours are not priced twice (a conflict).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("index.csv");
    let header = "\"FormatVersion\",\"v1.0\"\n\"Disclaimer\",\"x\"\n\"Publication Date\",\"2025-06-05T17:55:45Z\"\n\"Version\",\"20250605175545\"\n\"OfferCode\",\"AWSELB\"\n\"SKU\",\"OfferTermCode\",\"RateCode\",\"TermType\",\"PriceDescription\",\"EffectiveDate\",\"StartingRange\",\"EndingRange\",\"Unit\",\"PricePerUnit\",\"Currency\",\"Location\",\"usageType\",\"operation\",\"Region Code\"\n";
    let row = |sku: &str, price: &str, usage: &str| {
        format!(
            "\"{sku}\",\"JRTCKXETXF\",\"{sku}.JRTCKXETXF.6YS6EN2CT7\",\"OnDemand\",\"\",\"2025-06-01\",\"0\",\"Inf\",\"Hrs\",\"{price}\",\"USD\",\"US East (N. Virginia)\",\"{usage}\",\"LoadBalancing:Application\",\"us-east-1\"\n"
        )
    };
    let text = format!(
        "{header}{}{}",
        row("37CUWUT8GSNQEPUV", "0.0225000000", "LoadBalancerUsage"),
        row("TSTRUSTSTORE0001", "0.0050000000", "TS-LoadBalancerUsage")
    );
    std::fs::write(&path, text).unwrap();
    let imported = import_files(&[path], Some("us-east-1")).expect("no conflict");
    let hours = imported.table.get(Component::AlbHours).unwrap();
    assert_eq!(hours.rate, Rate::Flat(d("0.0225")));
    assert!(
        hours.source.contains("SKU 37CUWUT8GSNQEPUV"),
        "{}",
        hours.source
    );
}
