//! Importing AWS price data into a price table, so prices are refreshed from AWS's own published
//! data instead of being copied by hand, with each price's data set, version, publication date,
//! SKU and rate codes kept as its `source`.
//!
//! One concept per part: `usage_types` says which AWS usage type prices which engine item;
//! `locations` turns AWS's location names into Region codes; `csv` and `json` read the Price
//! List bulk offer files (streaming, so memory does not grow with the file); `collect` is what
//! every reader feeds, one on-demand rate at a time; `settle` turns the collected rates into
//! prices (tiers contiguous, converted exactly to the table's unit, conflicts refused) and names
//! what is missing; `write` writes the TOML. A new data format is one more reader feeding
//! `collect`.
//!
//! Items are matched by usage type with the Region prefix stripped (`USE1-ApiGatewayRequest`,
//! `EUC1-VpcEndpoint-Hours`; us-east-1's older services have none), and by operation where one
//! usage type serves several products (ELB, Transit Gateway). Only `OnDemand` terms in USD are
//! used; tiers are kept exactly as the file gives them, converted exactly (no rounding) to the
//! price table's unit. An item the files do not price is listed, never guessed.

mod collect;
mod csv;
mod json;
mod locations;
mod settle;
mod usage_types;
mod write;

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use crate::component::Component;
use crate::error::Error;
use crate::pricing::PriceTable;
use collect::Collector;
pub use usage_types::OFFERS;

/// An offer file read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferFile {
    /// The path as the user gave it.
    pub path: String,
    pub offer: String,
    pub version: String,
    pub published: String,
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
}

/// Reads AWS Price List offer files (CSV or JSON, told apart by content) and builds the price
/// table of `region`, or of the one Region the files price when `region` is `None`.
pub fn import_files(paths: &[PathBuf], region: Option<&str>) -> Result<Imported, Error> {
    let mut c = Collector::new(region);
    for path in paths {
        let file = c.open(path.display().to_string());
        read_file(&mut c, file, path)?;
    }
    settle::finish(c)
}

/// Reads one file with the reader its first byte calls for.
fn read_file(c: &mut Collector, file: usize, path: &Path) -> Result<(), Error> {
    let f = File::open(path).map_err(|e| Error::io(path, e))?;
    let mut r = BufReader::with_capacity(1 << 16, f);
    let buf = r.fill_buf().map_err(|e| Error::io(path, e))?;
    let bom = if buf.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let first = buf[bom..]
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .copied();
    r.consume(bom);
    match first {
        None => {
            c.problem(
                file,
                0,
                "the file is empty: not an AWS Price List offer file",
            );
        }
        Some(b'{') => json::read_json(c, file, path, r)?,
        Some(_) => csv::read_csv(c, file, r),
    }
    Ok(())
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
