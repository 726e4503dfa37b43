//! The reader of AWS's pricing-page data: the `meteredUnitMaps` JSON each AWS pricing page loads
//! (`{"manifest": {...}, "regions": {"<location>": {"<key>": {"rateCode", "price"}}}}`). Prices
//! are per single unit; locations are display names; keys are labels that carry the tier. Each
//! key the engine uses becomes one rate for the collector, its tier edges read from the key's
//! text (see `page_keys`), its SKU and term from the rate code, its date the data's publication.
//! The files are small (under 1 MB), so they are read whole.

use std::collections::{BTreeMap, HashMap};
use std::io::Read;

use rust_decimal::Decimal;
use serde::Deserialize;

use super::collect::{Collector, Row};
use super::locations::{Place, place};
use super::page_facts;
use super::page_keys::{self, Edges, PageKey};
use super::{DataKind, direct_connect};
use crate::component::Component;

#[derive(Deserialize)]
struct PageFile {
    manifest: Manifest,
    regions: BTreeMap<String, BTreeMap<String, PageRate>>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct Manifest {
    source: String,
    service_id: String,
    es_index: String,
    hawk_file_publication_date: String,
    currency_code: String,
}

/// One key's rate: `{"rateCode": ..., "price": ...}` (other fields, such as Direct Connect's
/// "To Location", are not read).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct PageRate {
    pub rate_code: String,
    pub price: String,
}

/// Reads one pricing-page data file into the collector.
pub fn read_page<R: Read>(c: &mut Collector, file: usize, reader: R) {
    let page: PageFile = match serde_json::from_reader(reader) {
        Ok(p) => p,
        Err(e) => {
            let (line, column) = (e.line() as u64, e.column());
            let d = c.problem(file, line, format!("not AWS pricing-page data: {e}"));
            d.column = column.max(usize::from(line > 0));
            return;
        }
    };
    let Some(data_set) = read_manifest(c, file, &page.manifest) else {
        return;
    };
    let date = c.files[file].date().to_owned();
    warn_unknown_keys(c, file, &data_set, &page);
    for (location, rates) in &page.regions {
        let region = match place(location) {
            Place::Region(code) => code,
            Place::Global => "",
            Place::NotRegion => continue,
            Place::Unknown => {
                c.unknown_location(file, location);
                continue;
            }
        };
        c.saw(region);
        if !c.wants(region) {
            continue;
        }
        if data_set == direct_connect::DATA_SET {
            direct_connect::read_location(c, file, (location, region), rates);
        } else {
            read_location(c, file, &data_set, (location, region), rates, &date);
        }
    }
}

/// Warns of every key of the data that the key table neither uses nor lists as unused: AWS has
/// added or renamed a price, and the table should say what it is.
fn warn_unknown_keys(c: &mut Collector, file: usize, data_set: &str, page: &PageFile) {
    let mut unknown: Vec<&str> = page
        .regions
        .values()
        .flat_map(|rates| rates.keys())
        .map(String::as_str)
        .filter(|k| !page_keys::is_known(data_set, k))
        .collect();
    unknown.sort_unstable();
    unknown.dedup();
    for key in unknown {
        c.warnings.push(format!(
            "{}: key \"{key}\" of data set {data_set} is not known: not read (add it to src/pricing/import/page_keys.rs)",
            c.files[file].path
        ));
    }
}

/// Records the data set's name, index and date; `None` (with a problem) when it is not usable.
fn read_manifest(c: &mut Collector, file: usize, m: &Manifest) -> Option<String> {
    let data_set = if m.source.is_empty() {
        m.service_id.clone()
    } else {
        m.source.clone()
    };
    let f = &mut c.files[file];
    f.kind = DataKind::PricingPage;
    f.offer = data_set.clone();
    f.version = m.es_index.clone();
    f.published = m.hawk_file_publication_date.clone();
    if m.currency_code != "USD" {
        c.problem(
            file,
            0,
            format!("the data is priced in \"{}\", not USD", m.currency_code),
        )
        .help = Some("price tables are in USD; use AWS's USD data (…/USD/current/…)".into());
        return None;
    }
    if !page_keys::known_data_set(&data_set) {
        c.problem(
            file,
            0,
            format!("the pricing-page data set `{data_set}` has no prices this tool uses"),
        )
        .help = Some(format!(
            "the data sets it reads: {}",
            page_keys::data_sets().join(", ")
        ));
        return None;
    }
    if c.files[file].date().len() != 10 {
        c.problem(
            file,
            0,
            "the manifest has no `hawkFilePublicationDate`: the data has no date",
        );
        return None;
    }
    Some(data_set)
}

/// The rates of one location: each key the engine uses, its tier chained after the item's tier
/// before it.
fn read_location(
    c: &mut Collector,
    file: usize,
    data_set: &str,
    (location, region): (&str, &str),
    rates: &BTreeMap<String, PageRate>,
    date: &str,
) {
    let mut ends: HashMap<Component, Decimal> = HashMap::new();
    for key in page_keys::of_data_set(data_set) {
        let Some(rate) = rates.get(key.key) else {
            continue;
        };
        // Every key's target and edges are read in `page_keys`'s tests.
        let previous = ends.get(&key.item()).copied().unwrap_or_default();
        let (Some(target), Some((begin, end))) = (key.target(), key.edges(previous)) else {
            continue;
        };
        ends.insert(key.item(), end.unwrap_or(begin));
        let mut parts = rate.rate_code.splitn(3, '.');
        let (sku, term) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
        let (begin, end) = (
            begin.to_string(),
            end.map_or("Inf".into(), |e| e.to_string()),
        );
        let row = Row {
            line: 0,
            region,
            location,
            target,
            per: key.per,
            scope: key.scope,
            usage: key.key,
            sku,
            term,
            rate_code: &rate.rate_code,
            effective: date,
            begin: &begin,
            end: &end,
            unit: "",
            price: Some(&rate.price),
            currency: "USD",
            note: note(key),
        };
        c.add(file, row);
    }
}

/// What a price read with `key` should say beyond the data.
fn note(key: &PageKey) -> &'static str {
    match key.edges {
        Edges::Page(_) => page_facts::LAMBDA_TIERS_SOURCE,
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use crate::component::Component;
    use crate::error::Error;
    use crate::pricing::Rate;
    use crate::pricing::import::{Imported, import_files};

    fn import(text: &str, region: Option<&str>) -> Result<Imported, Error> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("apigateway-2025-10-20.json");
        std::fs::write(&path, text).unwrap();
        import_files(&[path], region)
    }

    fn page(regions: &str) -> String {
        format!(
            r#"{{"manifest": {{"source": "apigateway", "esIndex": "plc-apigateway-usd-1", "hawkFilePublicationDate": "2025-10-20T13:22:36Z", "currencyCode": "USD"}}, "regions": {{{regions}}}}}"#
        )
    }

    fn rate(key: &str, code: &str, price: &str) -> String {
        format!(r#""{key}": {{"rateCode": "SKU1.TERM1.{code}", "price": "{price}"}}"#)
    }

    #[test]
    fn reads_tiers_from_the_keys_and_converts_to_per_million() {
        let rates = [
            rate(
                "API Calls Number of up to 333 million",
                "R1",
                "0.0000035000",
            ),
            rate(
                "API Calls Number of Request Next 667 million",
                "R2",
                "0.0000028000",
            ),
            rate(
                "API Calls Number of Request Next 19 billion",
                "R3",
                "0.0000023800",
            ),
            rate(
                "API Calls Number of Request Over 20 billion",
                "R4",
                "0.0000015100",
            ),
            rate("Some key AWS added later", "R5", "1"),
        ];
        let text = page(&format!(
            r#""EU (Zurich)": {{{}}}, "US East (Verizon) - Boston": {{{}}}"#,
            rates.join(", "),
            rates[0]
        ));
        let imported = import(&text, None).unwrap();
        assert_eq!(
            imported.table.region, "eu-central-2",
            "the Local Zone is not a Region"
        );
        let p = imported.table.get(Component::RestRequests).unwrap();
        let Rate::Tiered(t) = &p.rate else { panic!() };
        let shown: Vec<String> = t
            .iter()
            .map(|t| format!("{:?} {}", t.up_to, t.price))
            .collect();
        assert_eq!(
            shown,
            [
                "Some(333) 3.5",
                "Some(1000) 2.8",
                "Some(20000) 2.38",
                "None 1.51"
            ]
        );
        assert_eq!(p.effective_date, "2025-10-20");
        assert!(
            p.source.contains(
                "EU (Zurich): \"API Calls Number of up to 333 million\" rate code SKU1.TERM1.R1;"
            ),
            "{}",
            p.source
        );
        assert!(
            imported.warnings[0]
                .contains("key \"Some key AWS added later\" of data set apigateway is not known"),
            "{:?}",
            imported.warnings
        );
    }

    #[test]
    fn a_missing_tier_is_an_error_not_a_gap() {
        let text = page(&format!(
            r#""EU (Ireland)": {{{}, {}}}"#,
            rate("API Calls Number of up to 333 million", "R1", "0.0000035"),
            rate(
                "API Calls Number of Request Over 20 billion",
                "R4",
                "0.00000151"
            )
        ));
        let err = import(&text, None).unwrap_err().to_string();
        assert!(err.contains("not contiguous"), "{err}");
    }

    #[test]
    fn other_currencies_unknown_data_sets_and_unknown_places_are_named() {
        let eur = page("").replace("\"USD\"", "\"EUR\"");
        let err = import(&eur, Some("eu-west-1")).unwrap_err().to_string();
        assert!(err.contains("priced in \"EUR\", not USD"), "{err}");
        let waf = page("").replace("\"apigateway\"", "\"wafv3\"");
        let err = import(&waf, Some("eu-west-1")).unwrap_err().to_string();
        assert!(err.contains("has no prices this tool uses"), "{err}");
        let text = page(&format!(
            r#""Mars (Olympus Mons)": {{{}}}, "EU (Ireland)": {{{}}}"#,
            rate("WebSocket Connection Minutes", "R1", "0.00000025"),
            rate("WebSocket Connection Minutes", "R2", "0.000000285")
        ));
        let imported = import(&text, None).unwrap();
        assert_eq!(imported.table.region, "eu-west-1");
        assert!(
            imported.warnings[0]
                .contains("location \"Mars (Olympus Mons)\" is not a Region this tool knows"),
            "{:?}",
            imported.warnings
        );
    }
}
