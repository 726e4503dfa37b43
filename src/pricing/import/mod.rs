//! Importing AWS price data into price tables, so prices are refreshed from AWS's own published
//! data instead of being copied by hand, with each price's data set, version, publication date,
//! SKU and rate codes kept as its `source`.
//!
//! One concept per part: `usage_types` says which Price List usage type prices which engine
//! item, `page_keys` which pricing-page key does (and where its tier starts and ends);
//! `locations` turns AWS's location names into Region codes; `csv` and `json` read the Price
//! List bulk offer files (streaming, so memory does not grow with the file), `page` the JSON of
//! AWS's pricing pages (`meteredUnitMaps`), `derived` the derived data-transfer tiers; `collect`
//! is what every reader feeds, one on-demand rate at a time; `settle` turns the collected rates
//! into prices (tiers contiguous, converted exactly to the table's unit, conflicts refused, the
//! newest data set winning) and names what is missing; `page_facts` holds what AWS's pricing
//! pages state but its data does not; `write` writes the TOML; `regions` imports every Region
//! into a folder.
//!
//! Items are matched by usage type with the Region prefix stripped (`USE1-ApiGatewayRequest`,
//! `EUC1-VpcEndpoint-Hours`; us-east-1's older services have none), and by operation where one
//! usage type serves several products (ELB, Transit Gateway). Only `OnDemand` terms in USD are
//! used; tiers are kept exactly as the file gives them, converted exactly (no rounding) to the
//! price table's unit. An item the files do not price is listed, never guessed.

mod collect;
mod csv;
mod derived;
mod direct_connect;
mod json;
mod locations;
mod page;
mod page_facts;
mod page_keys;
mod regions;
mod settle;
mod sources;
mod usage_types;
pub(crate) mod write;

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use crate::component::Component;
use crate::error::Error;
use crate::input::Capped;
use crate::pricing::PriceTable;
use collect::Collector;
pub use locations::{is_region_id, prefix_of_region, region_name, region_of_prefix};
pub use regions::{all_region_tables, import_all_regions};
pub use usage_types::{OFFERS, item_of_usage_type};

/// What kind of AWS price data a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataKind {
    /// An AWS Price List bulk offer file (`index.csv`, `index.json`).
    PriceList,
    /// The JSON an AWS pricing page loads (`meteredUnitMaps`).
    PricingPage,
    /// The derived internet data-transfer-out tiers.
    Derived,
}

/// A data file read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferFile {
    /// The path as the user gave it.
    pub path: String,
    pub kind: DataKind,
    /// The offer code (Price List) or data set name (pricing page, derived).
    pub offer: String,
    pub version: String,
    pub published: String,
}

impl OfferFile {
    /// The date of the data, `YYYY-MM-DD`.
    pub fn date(&self) -> &str {
        self.published.get(..10).unwrap_or(&self.published)
    }

    /// The file's name, without its folder (tables never record a machine's paths).
    pub fn name(&self) -> &str {
        Path::new(&self.path)
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or(&self.path)
    }
}

/// A price item the files did not price, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    pub item: Component,
    pub reason: String,
}

/// The result of an import: a price table for one Region, where each price came from, and what
/// is missing.
#[derive(Debug, Clone)]
pub struct Imported {
    pub table: PriceTable,
    pub files: Vec<OfferFile>,
    pub missing: Vec<Missing>,
    /// Things a reviewer should know (e.g. a tier list that ends without an open tier).
    pub warnings: Vec<String>,
    /// Items a newer data set priced in place of an older one, as sentences.
    pub superseded: Vec<String>,
}

/// Reads AWS price data files (Price List CSV or JSON, pricing-page JSON, derived data-transfer
/// JSON, told apart by content) and builds the price table of `region`, or of the one Region the
/// files price when `region` is `None`.
pub fn import_files(paths: &[PathBuf], region: Option<&str>) -> Result<Imported, Error> {
    settle::finish(collect_files(paths, region)?)
}

/// Reads every file into one collector.
fn collect_files(paths: &[PathBuf], region: Option<&str>) -> Result<Collector, Error> {
    let mut c = Collector::new(region);
    for path in paths {
        let file = c.open(path.display().to_string());
        read_file(&mut c, file, path)?;
    }
    Ok(c)
}

/// The formats `read_file` tells apart by content.
enum Format {
    Empty,
    Csv,
    BulkJson,
    PageJson,
    DerivedJson,
}

/// Reads one file with the reader its content calls for.
fn read_file(c: &mut Collector, file: usize, path: &Path) -> Result<(), Error> {
    let mut r = open(path)?;
    let buf = r.fill_buf().map_err(|e| Error::io(path, e))?;
    let bom = if buf.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let format = format_of(&buf[bom..]);
    r.consume(bom);
    match format {
        Format::Empty => {
            c.problem(
                file,
                0,
                "the file is empty: not an AWS Price List offer file",
            );
        }
        Format::Csv => csv::read_csv(c, file, r),
        Format::BulkJson => json::read_json(c, file, path, r)?,
        Format::PageJson => page::read_page(c, file, r),
        Format::DerivedJson => derived::read_derived(c, file, path, r),
    }
    Ok(())
}

/// Opens a data file the way every read of one does: size-capped, with a 64 KiB buffer.
fn open(path: &Path) -> Result<BufReader<Capped<File>>, Error> {
    let f = File::open(path).map_err(|e| Error::io(path, e))?;
    Ok(BufReader::with_capacity(1 << 16, Capped::new(f)))
}

/// The format of a file that starts with `start`: CSV unless it is a JSON object, whose first
/// key tells AWS's three JSON formats apart.
fn format_of(start: &[u8]) -> Format {
    let Some(at) = start.iter().position(|b| !b.is_ascii_whitespace()) else {
        return Format::Empty;
    };
    let Some(object) = start[at..].strip_prefix(b"{") else {
        return Format::Csv;
    };
    let key = object
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .and_then(|i| object[i..].strip_prefix(b"\""))
        .and_then(|k| Some(&k[..k.iter().position(|b| *b == b'"')?]));
    match key {
        Some(b"manifest") => Format::PageJson,
        Some(k) if k.starts_with(derived::KEY_PREFIX.as_bytes()) => Format::DerivedJson,
        _ => Format::BulkJson,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricing::Rate;
    use rust_decimal::Decimal;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn json_with_terms_before_products_is_read_in_two_passes() {
        let text = r#"{
  "formatVersion" : "v1.0",
  "offerCode" : "AWSCloudMap",
  "version" : "20251027110932",
  "publicationDate" : "2025-10-27T11:09:32Z",
  "terms" : {
    "Reserved" : { "Q2XK7WZ4MT9RJCHN" : { } },
    "OnDemand" : {
      "Q2XK7WZ4MT9RJCHN" : {
        "Q2XK7WZ4MT9RJCHN.JRTCKXETXF" : {
          "offerTermCode" : "JRTCKXETXF",
          "effectiveDate" : "2025-10-01T00:00:00Z",
          "priceDimensions" : {
            "Q2XK7WZ4MT9RJCHN.JRTCKXETXF.6YS6EN2CT7" : {
              "beginRange" : "0", "endRange" : "Inf", "unit" : "Resources",
              "pricePerUnit" : { "USD" : "0.1000000000" }
            }
          }
        }
      }
    }
  },
  "products" : {
    "Q2XK7WZ4MT9RJCHN" : {
      "sku" : "Q2XK7WZ4MT9RJCHN",
      "attributes" : { "usagetype" : "EUC1-Cloud-Map-Resources", "regionCode" : "eu-central-1" }
    }
  }
}"#;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("index.json");
        std::fs::write(&path, text).unwrap();
        let imported = import_files(&[path], None).unwrap();
        assert_eq!(imported.table.region, "eu-central-1");
        let p = imported.table.get(Component::CloudMapResources).unwrap();
        assert_eq!(p.rate, Rate::Flat(d("0.1")));
        assert!(
            p.source
                .contains("rate code Q2XK7WZ4MT9RJCHN.JRTCKXETXF.6YS6EN2CT7"),
            "{}",
            p.source
        );
    }
}
