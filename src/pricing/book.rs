//! The price book: every Region's price table, the embedded ones parsed only when a run first
//! asks for them. Every Region AWS's data covers is compiled in, but a run that prices one
//! Region parses one table, so the CLI starts as fast as with a single table.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use super::{PriceTable, parse_table};

/// Compiles in `pricing/<region>.toml` for each Region named.
macro_rules! embed {
    ($($region:literal),* $(,)?) => {
        &[$((
            concat!($region, ".toml"),
            include_str!(concat!("../../pricing/", $region, ".toml")),
        )),*]
    };
}

/// The price tables shipped in `pricing/`, compiled in: (file name, text). Generated from AWS's
/// data (README, "Where prices come from"); a test checks that every file there is listed.
pub const EMBEDDED: &[(&str, &str)] = embed![
    "af-south-1",
    "ap-east-1",
    "ap-east-2",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-south-1",
    "ap-south-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-6",
    "ap-southeast-7",
    "ca-central-1",
    "ca-west-1",
    "eu-central-1",
    "eu-central-2",
    "eu-north-1",
    "eu-south-1",
    "eu-south-2",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "il-central-1",
    "me-central-1",
    "me-south-1",
    "mx-central-1",
    "sa-east-1",
    "us-east-1",
    "us-east-2",
    "us-gov-east-1",
    "us-gov-west-1",
    "us-west-1",
    "us-west-2",
];

/// One Region's table, or the embedded text it is parsed from on first use.
#[derive(Debug, Clone)]
struct Slot {
    embedded: Option<(&'static str, &'static str)>,
    table: OnceLock<PriceTable>,
}

impl Slot {
    fn get(&self) -> &PriceTable {
        self.table.get_or_init(|| {
            let (name, text) = self.embedded.expect("a slot holds a table or its text");
            parse_table(&format!("embedded:{name}"), text).expect("embedded price tables are valid")
        })
    }
}

/// Price tables by Region (a map whose embedded values are parsed when first read).
#[derive(Debug, Clone, Default)]
pub struct Tables {
    map: BTreeMap<String, Slot>,
}

impl Tables {
    /// The table of `region`, parsed now if it is embedded and not parsed yet.
    pub fn get(&self, region: &str) -> Option<&PriceTable> {
        self.map.get(region).map(Slot::get)
    }

    pub fn contains_key(&self, region: &str) -> bool {
        self.map.contains_key(region)
    }

    /// The Regions, in order, without parsing anything.
    pub fn keys(&self) -> impl Iterator<Item = &String> + '_ {
        self.map.keys()
    }

    /// Every table, in Region order (parsing the embedded ones not parsed yet).
    pub fn values(&self) -> impl Iterator<Item = &PriceTable> + '_ {
        self.map.values().map(Slot::get)
    }

    /// The tables added with `insert` or `extend` (from `--prices`), without parsing any
    /// embedded one.
    pub fn given(&self) -> impl Iterator<Item = &PriceTable> + '_ {
        self.map
            .values()
            .filter(|s| s.embedded.is_none())
            .map(Slot::get)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &PriceTable)> + '_ {
        self.map.iter().map(|(r, s)| (r, s.get()))
    }

    /// Adds `table` as the table of `region`, replacing any.
    pub fn insert(&mut self, region: String, table: PriceTable) {
        let slot = Slot {
            embedded: None,
            table: OnceLock::from(table),
        };
        self.map.insert(region, slot);
    }

    /// Replaces (or adds) the Regions that `other` has.
    pub fn extend(&mut self, other: Tables) {
        self.map.extend(other.map);
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// All the price tables in use, by Region.
#[derive(Debug, Clone, Default)]
pub struct PriceBook {
    pub tables: Tables,
}

impl PriceBook {
    /// The book compiled into the binary (nothing is parsed until a Region is asked for).
    pub fn embedded() -> PriceBook {
        let mut book = PriceBook::default();
        for &(name, text) in EMBEDDED {
            let region = name.strip_suffix(".toml").unwrap_or(name);
            let slot = Slot {
                embedded: Some((name, text)),
                table: OnceLock::new(),
            };
            book.tables.map.insert(region.to_owned(), slot);
        }
        book
    }

    /// Lays the tables of `other` (`--prices`) over this book's: a Region this book has is
    /// added to and overridden item by item ([`PriceTable::overlaid`]); a new one is added.
    pub fn overlay(&mut self, other: PriceBook) {
        for (region, slot) in other.tables.map {
            let given = slot.get().clone();
            let table = match self.tables.get(&region) {
                Some(base) => base.overlaid(given),
                None => given,
            };
            self.tables.insert(region, table);
        }
    }

    pub fn region(&self, region: &str) -> Option<&PriceTable> {
        self.tables.get(region)
    }

    /// The Regions in the book, without parsing any table.
    pub fn regions(&self) -> impl Iterator<Item = &str> + '_ {
        self.tables.keys().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::component::Component;
    use crate::pricing::Rate;

    #[test]
    fn embedded_tables_are_parsed_when_first_asked_for() {
        let book = PriceBook::embedded();
        assert_eq!(book.tables.len(), EMBEDDED.len());
        assert!(book.tables.map.values().all(|s| s.table.get().is_none()));
        let us = book.region("us-east-1").unwrap();
        assert_eq!(us.region, "us-east-1");
        assert_eq!(us.origin, "embedded:us-east-1.toml");
        let parsed = book.tables.map.values().filter(|s| s.table.get().is_some());
        assert_eq!(parsed.count(), 1);
        assert_eq!(
            us.get(Component::EndpointHours).unwrap().rate,
            Rate::Flat("0.01".parse().unwrap())
        );
    }

    #[test]
    fn every_embedded_table_is_valid_and_of_its_files_region() {
        for (region, table) in PriceBook::embedded().tables.iter() {
            assert_eq!(&table.region, region);
        }
    }
}
