//! What changed between two price books, price by price and tier by tier, so that a refresh
//! (for instance a table from `prices import`) can be reviewed before it is used. Pure: the
//! renderers in `report/` show the result.

use rust_decimal::Decimal;

use super::{Price, PriceBook, PriceTable, Rate, price_items};
use crate::component::Component;

/// How one price (or tier) differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// In the new book only.
    Added,
    /// In the old book only.
    Removed,
    /// In both, at another price.
    Changed,
    /// Was marked unverified, now is not.
    Verified,
    /// Was sourced, now marked unverified.
    Unverified,
}

impl Change {
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Added => "added",
            Change::Removed => "removed",
            Change::Changed => "changed",
            Change::Verified => "verified",
            Change::Unverified => "unverified",
        }
    }
}

/// Which part of an item's price: a tier (a flat price is the one tier from 0 with no end) or a
/// REST cache size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Tier {
        from: Decimal,
        up_to: Option<Decimal>,
    },
    Size(Decimal),
}

impl Part {
    /// `all`, `first 333`, `333 to 1,000`, `over 20,000`, `0.5 GB`.
    pub fn label(&self) -> String {
        use crate::money::number;
        match *self {
            Part::Tier { from, up_to: None } if from.is_zero() => "all".into(),
            Part::Tier { from, up_to: None } => format!("over {}", number(from, 6)),
            Part::Tier {
                from,
                up_to: Some(u),
            } if from.is_zero() => {
                format!("first {}", number(u, 6))
            }
            Part::Tier {
                from,
                up_to: Some(u),
            } => format!("{} to {}", number(from, 6), number(u, 6)),
            Part::Size(gb) => format!("{} GB", number(gb, 3)),
        }
    }

    fn sort_key(&self) -> (Decimal, Decimal) {
        match *self {
            Part::Tier { from, up_to } => (from, up_to.unwrap_or(Decimal::MAX)),
            Part::Size(gb) => (gb, gb),
        }
    }
}

/// One difference.
#[derive(Debug, Clone, PartialEq)]
pub struct DiffRow {
    /// The Region, or `old → new` when two single tables of different Regions are compared.
    pub region: String,
    pub item: Component,
    pub change: Change,
    /// `None` for a change of status (verified / unverified).
    pub part: Option<Part>,
    pub old: Option<Decimal>,
    pub new: Option<Decimal>,
}

impl DiffRow {
    /// New minus old, when both exist.
    pub fn difference(&self) -> Option<Decimal> {
        Some(self.new? - self.old?)
    }

    /// The change in percent of the old price, to one decimal.
    pub fn percent(&self) -> Option<Decimal> {
        let old = self.old.filter(|o| !o.is_zero())?;
        let pct = self.difference()? * Decimal::ONE_HUNDRED / old;
        Some(pct.round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero))
    }
}

/// Everything that differs between two books.
#[derive(Debug, Clone, PartialEq)]
pub struct PriceDiff {
    /// How the user named the two sides.
    pub old: String,
    pub new: String,
    pub rows: Vec<DiffRow>,
    /// Price items compared (present on either side), and how they fared.
    pub compared: usize,
    pub added: usize,
    pub removed: usize,
    pub changed: usize,
    pub unchanged: usize,
    /// Regions of two folders found on one side only: not compared item by item, since
    /// `--prices FOLDER` replaces only the Regions it has.
    pub only_old: Vec<String>,
    pub only_new: Vec<String>,
}

fn parts(rate: &Rate) -> Vec<(Part, Decimal)> {
    match rate {
        Rate::Flat(p) => vec![(
            Part::Tier {
                from: Decimal::ZERO,
                up_to: None,
            },
            *p,
        )],
        Rate::Tiered(tiers) => {
            let mut from = Decimal::ZERO;
            tiers
                .iter()
                .map(|t| {
                    let part = Part::Tier {
                        from,
                        up_to: t.up_to,
                    };
                    from = t.up_to.unwrap_or(from);
                    (part, t.price)
                })
                .collect()
        }
        Rate::Sizes(sizes) => sizes.iter().map(|(gb, p)| (Part::Size(*gb), *p)).collect(),
    }
}

/// Compares two books. Two single tables are compared with each other whatever their Regions;
/// otherwise tables are paired by Region.
pub fn diff(old: &PriceBook, new: &PriceBook, old_name: &str, new_name: &str) -> PriceDiff {
    let mut out = PriceDiff {
        old: old_name.to_owned(),
        new: new_name.to_owned(),
        rows: Vec::new(),
        compared: 0,
        added: 0,
        removed: 0,
        changed: 0,
        unchanged: 0,
        only_old: one_side(old, new),
        only_new: one_side(new, old),
    };
    for (region, o, n) in pairs(old, new) {
        for item in price_items() {
            let (op, np) = (o.get(item), n.get(item));
            if op.is_none() && np.is_none() {
                continue;
            }
            let rows = diff_item(&region, item, op, np);
            match (op, np) {
                (Some(_), None) => out.removed += 1,
                (None, Some(_)) => out.added += 1,
                _ if rows.is_empty() => out.unchanged += 1,
                _ => out.changed += 1,
            }
            out.rows.extend(rows);
            out.compared += 1;
        }
    }
    out
}

/// The tables to compare, with the label of each pair: both sides always have a table (the
/// Regions of one side only are `one_side`'s).
fn pairs<'b>(
    old: &'b PriceBook,
    new: &'b PriceBook,
) -> Vec<(String, &'b PriceTable, &'b PriceTable)> {
    if old.tables.len() == 1 && new.tables.len() == 1 {
        let (o, n) = (
            old.tables.values().next().expect("one table"),
            new.tables.values().next().expect("one table"),
        );
        let label = if o.region == n.region {
            o.region.clone()
        } else {
            format!("{} → {}", o.region, n.region)
        };
        return vec![(label, o, n)];
    }
    old.tables
        .keys()
        .filter_map(|r| {
            let n = new.tables.get(r)?;
            Some((r.clone(), old.tables.get(r)?, n))
        })
        .collect()
}

/// The Regions of `this` book that `other` lacks, when both are folders (two single tables are
/// always compared with each other, whatever their Regions).
fn one_side(this: &PriceBook, other: &PriceBook) -> Vec<String> {
    if this.tables.len() == 1 && other.tables.len() == 1 {
        return Vec::new();
    }
    this.tables
        .keys()
        .filter(|r| !other.tables.contains_key(r))
        .cloned()
        .collect()
}

/// The differences in one item (none when it is unchanged).
fn diff_item(
    region: &str,
    item: Component,
    op: Option<&Price>,
    np: Option<&Price>,
) -> Vec<DiffRow> {
    let row = |change, part, old, new| DiffRow {
        region: region.to_owned(),
        item,
        change,
        part,
        old,
        new,
    };
    let (a, b) = match (op, np) {
        (Some(a), Some(b)) => (a, b),
        (Some(p), None) => {
            return parts(&p.rate)
                .into_iter()
                .map(|(part, price)| row(Change::Removed, Some(part), Some(price), None))
                .collect();
        }
        (None, Some(p)) => {
            return parts(&p.rate)
                .into_iter()
                .map(|(part, price)| row(Change::Added, Some(part), None, Some(price)))
                .collect();
        }
        (None, None) => return Vec::new(),
    };
    let (pa, pb) = (parts(&a.rate), parts(&b.rate));
    let mut keys: Vec<Part> = pa.iter().chain(&pb).map(|(k, _)| *k).collect();
    keys.sort_by_key(Part::sort_key);
    keys.dedup();
    let mut rows = Vec::new();
    for k in keys {
        let x = pa.iter().find(|(p, _)| *p == k).map(|(_, v)| *v);
        let y = pb.iter().find(|(p, _)| *p == k).map(|(_, v)| *v);
        let change = match (x, y) {
            (Some(x), Some(y)) if x == y => continue,
            (Some(_), Some(_)) => Change::Changed,
            (Some(_), None) => Change::Removed,
            (None, _) => Change::Added,
        };
        rows.push(row(change, Some(k), x, y));
    }
    if a.unverified != b.unverified {
        let change = if b.unverified {
            Change::Unverified
        } else {
            Change::Verified
        };
        rows.push(row(change, None, None, None));
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricing::parse_table;

    fn book(text: &str) -> PriceBook {
        let t = parse_table("t.toml", text).unwrap();
        let mut b = PriceBook::default();
        b.tables.insert(t.region.clone(), t);
        b
    }

    /// (item, change, tier, old price, new price) as text.
    type Shown<'a> = (String, &'a str, String, Option<String>, Option<String>);

    const HEAD: &str = "region = \"xx-test-1\"\ncurrency = \"USD\"\n";

    #[test]
    fn tiers_are_matched_by_range_and_flat_equals_one_open_tier() {
        let old = book(&format!(
            "{HEAD}[prices.rest-requests]\nunit = \"million requests\"\ntiers = [{{ up_to = \"333\", price = \"3.50\" }}, {{ price = \"2.80\" }}]\nsource = \"s\"\neffective_date = \"2025-01-01\"\n\
             [prices.endpoint-hours]\nunit = \"AZ-hour\"\nprice = \"0.01\"\nsource = \"s\"\neffective_date = \"2025-01-01\"\n"
        ));
        let new = book(&format!(
            "{HEAD}[prices.rest-requests]\nunit = \"million requests\"\ntiers = [{{ up_to = \"333\", price = \"3.5\" }}, {{ up_to = \"1000\", price = \"2.80\" }}, {{ price = \"2.38\" }}]\nsource = \"s2\"\neffective_date = \"2025-02-01\"\n\
             [prices.endpoint-hours]\nunit = \"AZ-hour\"\ntiers = [{{ price = \"0.010\" }}]\nsource = \"s\"\neffective_date = \"2025-01-01\"\n"
        ));
        let d = diff(&old, &new, "a", "b");
        let shown: Vec<Shown<'_>> = d
            .rows
            .iter()
            .map(|r| {
                (
                    r.item.to_string(),
                    r.change.as_str(),
                    r.part.map(|p| p.label()).unwrap_or_default(),
                    r.old.map(|x| x.to_string()),
                    r.new.map(|x| x.to_string()),
                )
            })
            .collect();
        assert_eq!(
            shown,
            [
                (
                    "rest-requests".into(),
                    "added",
                    "333 to 1,000".into(),
                    None,
                    Some("2.80".into())
                ),
                (
                    "rest-requests".into(),
                    "removed",
                    "over 333".into(),
                    Some("2.80".into()),
                    None
                ),
                (
                    "rest-requests".into(),
                    "added",
                    "over 1,000".into(),
                    None,
                    Some("2.38".into())
                ),
            ]
        );
        assert_eq!((d.compared, d.changed, d.unchanged), (2, 1, 1));
    }

    #[test]
    fn percent_is_of_the_old_price() {
        let r = DiffRow {
            region: "x".into(),
            item: Component::AlbHours,
            change: Change::Changed,
            part: None,
            old: Some("0.0225".parse().unwrap()),
            new: Some("0.0252".parse().unwrap()),
        };
        assert_eq!(r.percent(), Some("12".parse().unwrap()));
        assert_eq!(r.difference(), Some("0.0027".parse().unwrap()));
    }
}
