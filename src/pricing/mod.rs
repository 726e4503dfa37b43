//! The price book: one price table per Region, kept as data (TOML, quoted decimals, each price
//! with unit, tiers, source and effective date), embedded in the binary and overridable with
//! `--prices`. Looking a price up never borrows another Region's value: a missing price is an
//! error naming the Region and the item.

pub mod always_free;
mod book;
pub mod check;
pub mod diff;
mod export;
pub mod import;
mod load;
mod tiers;

use rust_decimal::Decimal;

use crate::component::{COUNT, Component};
pub use book::{EMBEDDED, PriceBook, Tables};
pub use load::{load_path, parse_table};
pub use tiers::{MAX_TIERS, TierUse, Tiered, price_tiers};

/// The components that are price items (every component but those charged at another's item),
/// in the order tables list them.
pub fn price_items() -> impl Iterator<Item = Component> {
    Component::ALL
        .iter()
        .copied()
        .filter(|c| c.price_item() == *c)
}

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

/// Which price table priced a scenario, as every report says it (product.md, "Which prices were
/// used"): its Region, its origin and the dates of its data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provenance {
    pub region: String,
    /// `embedded:us-east-1.toml`, or the `--prices` file the table was read from.
    pub origin: String,
    /// Whether the table is one compiled into the binary.
    pub embedded: bool,
    /// The oldest and newest effective dates of its prices (`YYYY-MM-DD`); `None` without prices.
    pub dates: Option<(String, String)>,
    /// The `--prices` file laid over the table and the items (ids) it gave, when it gave some.
    pub overlay: Option<(String, Vec<&'static str>)>,
}

impl Provenance {
    /// The date of the table's data: the newest effective date of its prices.
    pub fn effective_date(&self) -> Option<&str> {
        self.dates.as_ref().map(|(_, newest)| newest.as_str())
    }
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
    /// The `--prices` file laid over this (embedded) table, and the items it added or replaced:
    /// a file holding only `[prices.dx-data]` fixes that one price ([`PriceBook::overlay`]).
    pub overlay: Option<(String, Vec<Component>)>,
}

impl PriceTable {
    /// `given` laid over this table item by item: each price `given` has replaces (or adds)
    /// this table's, and its free tier, when it states one, replaces this one's. A `given` that
    /// prices everything this table does replaces it whole (it is then the table's origin).
    pub fn overlaid(&self, given: PriceTable) -> PriceTable {
        if given.missing().iter().all(|c| self.get(*c).is_none()) {
            return given;
        }
        let mut merged = self.clone();
        let mut items = Vec::new();
        for c in price_items() {
            if let Some(p) = given.get(c) {
                merged.items[c.index()] = Some(p.clone());
                items.push(c);
            }
        }
        if !given.free_tier.allowances.is_empty() {
            merged.free_tier = given.free_tier;
        }
        merged.overlay = Some((given.origin, items));
        merged
    }

    /// The `--prices` file this table, or some of its items, came from; `None` for a table as
    /// shipped.
    pub fn given_file(&self) -> Option<&str> {
        match &self.overlay {
            Some((file, _)) => Some(file),
            None if self.is_embedded() => None,
            None => Some(&self.origin),
        }
    }

    /// The price of `component` (its price item), or `None` when the table lacks it.
    pub fn get(&self, component: Component) -> Option<&Price> {
        self.items[component.price_item().index()].as_ref()
    }

    /// How many of the price items the engine knows this table has.
    pub fn completeness(&self) -> (usize, usize) {
        let all = price_items().count();
        (all - self.missing().len(), all)
    }

    /// The price items the table lacks: the engine names them when a bill needs one. (Why each
    /// is missing is in the table's header and the README, "Where prices come from".)
    pub fn missing(&self) -> Vec<Component> {
        price_items().filter(|c| self.get(*c).is_none()).collect()
    }

    /// The date of the table's data: the newest effective date of its prices, `YYYY-MM-DD`.
    pub fn data_date(&self) -> Option<&str> {
        self.data_dates().map(|(_, newest)| newest)
    }

    /// The oldest and newest effective dates of its prices, `YYYY-MM-DD`: the range of the
    /// dates of the data it was built from.
    pub fn data_dates(&self) -> Option<(&str, &str)> {
        let dates = self.items.iter().flatten().map(|p| {
            let d = p.effective_date.as_str();
            d.get(..10).unwrap_or(d)
        });
        let (min, max) = dates.fold((None, None), |(lo, hi): (Option<&str>, Option<&str>), d| {
            (
                Some(lo.map_or(d, |l| l.min(d))),
                Some(hi.map_or(d, |h| h.max(d))),
            )
        });
        min.zip(max)
    }

    /// What a report says of this table: Region, origin, dates of its data.
    pub fn provenance(&self) -> Provenance {
        Provenance {
            region: self.region.clone(),
            origin: self.origin.clone(),
            embedded: self.is_embedded(),
            dates: self
                .data_dates()
                .map(|(old, new)| (old.to_owned(), new.to_owned())),
            overlay: self
                .overlay
                .as_ref()
                .map(|(file, items)| (file.clone(), items.iter().map(|c| c.id()).collect())),
        }
    }

    /// Whether the table is one compiled into the binary (else it came from `--prices`).
    pub fn is_embedded(&self) -> bool {
        self.origin.starts_with("embedded:")
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_says_what_it_lacks_and_the_dates_of_its_data() {
        let book = PriceBook::embedded();
        let us = book.region("us-east-1").unwrap();
        assert_eq!(us.completeness(), (31, 32));
        assert_eq!(
            us.missing(),
            [Component::InterRegionData],
            "what no data gives stays missing"
        );
        // Inter-AZ comes from the 2016 bulk file, Direct Connect from 2020, the newest price
        // from the 2025-11-04 VPC data.
        assert_eq!(us.data_dates(), Some(("2016-06-01", "2025-11-04")));
        assert_eq!(us.data_date(), Some("2025-11-04"));
        assert!(us.is_embedded());
        // VPN data is charged at the data-transfer-out item.
        assert_eq!(
            us.get(Component::VpnData),
            us.get(Component::DataTransferOut)
        );
        let nz = book.region("ap-southeast-6").unwrap();
        assert!(
            nz.get(Component::AlbHours).is_none(),
            "unknown prices stay unknown"
        );
    }
}
