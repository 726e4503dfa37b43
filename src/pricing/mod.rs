//! The price book: one price table per Region, kept as data (TOML, quoted decimals, each price
//! with unit, tiers, source and effective date), embedded in the binary and overridable with
//! `--prices`. Looking a price up never borrows another Region's value: a missing price is an
//! error naming the Region and the item.

pub mod always_free;
pub mod diff;
pub mod import;
mod load;
mod tiers;

use rust_decimal::Decimal;
use std::collections::BTreeMap;

use crate::component::{COUNT, Component};
pub use load::{load_path, parse_table};
pub use tiers::{MAX_TIERS, TierUse, Tiered, price_tiers};

/// One price item of one Region.
#[derive(Debug, Clone, PartialEq)]
pub struct Price {
    pub rate: Rate,
    pub source: String,
    pub effective_date: String,
    pub unverified: bool,
}

/// How a price is charged.
#[derive(Debug, Clone, PartialEq)]
pub enum Rate {
    /// One price per unit.
    Flat(Decimal),
    /// Marginal tiers, ascending; the last `up_to` is `None` when the tier is open.
    Tiered(Vec<Tier>),
    /// A price per size (REST cache): (size in GB, price per hour).
    Sizes(Vec<(Decimal, Decimal)>),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tier {
    pub up_to: Option<Decimal>,
    pub price: Decimal,
}

/// Free-tier allowances per month, in each component's unit.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FreeTier {
    pub allowances: Vec<(Component, Decimal)>,
    pub source: String,
}

/// The prices of one Region.
#[derive(Debug, Clone)]
pub struct PriceTable {
    pub region: String,
    pub currency: String,
    /// Where the table came from: `embedded:us-east-1.toml` or a file path.
    pub origin: String,
    pub items: Box<[Option<Price>; COUNT]>,
    pub free_tier: FreeTier,
}

impl PriceTable {
    /// The price of `component` (its price item), or `None` when the table lacks it.
    pub fn get(&self, component: Component) -> Option<&Price> {
        self.items[component.price_item().index()].as_ref()
    }

    /// How many of the price items the engine knows this table has.
    pub fn completeness(&self) -> (usize, usize) {
        let items: Vec<Component> = Component::ALL
            .iter()
            .copied()
            .filter(|c| c.price_item() == *c)
            .collect();
        let have = items.iter().filter(|c| self.get(**c).is_some()).count();
        (have, items.len())
    }

    /// The free allowance of `component`, if any.
    pub fn free(&self, component: Component) -> Decimal {
        self.free_tier
            .allowances
            .iter()
            .find(|(c, _)| *c == component)
            .map_or(Decimal::ZERO, |(_, a)| *a)
    }
}

/// All the price tables in use, by Region.
#[derive(Debug, Clone, Default)]
pub struct PriceBook {
    pub tables: BTreeMap<String, PriceTable>,
}

/// The price tables shipped in `pricing/`, compiled in.
pub const EMBEDDED: &[(&str, &str)] = &[
    (
        "us-east-1.toml",
        include_str!("../../pricing/us-east-1.toml"),
    ),
    (
        "us-west-2.toml",
        include_str!("../../pricing/us-west-2.toml"),
    ),
    (
        "eu-west-1.toml",
        include_str!("../../pricing/eu-west-1.toml"),
    ),
    (
        "eu-central-1.toml",
        include_str!("../../pricing/eu-central-1.toml"),
    ),
    (
        "ap-southeast-1.toml",
        include_str!("../../pricing/ap-southeast-1.toml"),
    ),
    (
        "ap-northeast-1.toml",
        include_str!("../../pricing/ap-northeast-1.toml"),
    ),
];

impl PriceBook {
    /// The book compiled into the binary.
    pub fn embedded() -> PriceBook {
        let mut book = PriceBook::default();
        for (name, text) in EMBEDDED {
            let table = parse_table(&format!("embedded:{name}"), text)
                .expect("embedded price tables are valid");
            book.tables.insert(table.region.clone(), table);
        }
        book
    }

    /// Replaces (or adds) the Regions that `other` has.
    pub fn overlay(&mut self, other: PriceBook) {
        self.tables.extend(other.tables);
    }

    pub fn region(&self, region: &str) -> Option<&PriceTable> {
        self.tables.get(region)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_book_loads_every_region() {
        let book = PriceBook::embedded();
        let regions: Vec<&str> = book.tables.keys().map(String::as_str).collect();
        assert_eq!(
            regions,
            [
                "ap-northeast-1",
                "ap-southeast-1",
                "eu-central-1",
                "eu-west-1",
                "us-east-1",
                "us-west-2"
            ]
        );
        let us = book.region("us-east-1").unwrap();
        assert_eq!(us.completeness(), (32, 32));
        assert_eq!(
            us.get(Component::EndpointHours).unwrap().rate,
            Rate::Flat("0.01".parse().unwrap())
        );
        // VPN data is charged at the data-transfer-out item.
        assert_eq!(
            us.get(Component::VpnData),
            us.get(Component::DataTransferOut)
        );
        let eu = book.region("eu-central-1").unwrap();
        assert!(
            eu.get(Component::TgwData).is_none(),
            "unknown prices stay unknown"
        );
        assert!(eu.get(Component::NlbCapacity).unwrap().unverified);
    }
}
