//! The bill by component: each usage group mapped ([`super::mapping`]) and summed per month,
//! Region, component, usage type and operation, with the cost the price book gives for the
//! same quantity; rows the model has no price for, and credits, refunds, taxes and discounts,
//! kept apart and named.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

use super::engine::Group;
use super::mapping::{Mapping, split_prefix};
use super::{Bill, ReadFile};
use crate::component::Component;
use crate::pricing::{PriceBook, Rate};

/// Line item types that are usage (the rest are adjustments).
const USAGE_TYPES: &[&str] = &["Usage", "DiscountedUsage", "SavingsPlanCoveredUsage"];

/// One component's billed usage in one month, Region, usage type and operation.
#[derive(Debug, Clone, Serialize)]
pub struct Line {
    pub period: String,
    pub region: String,
    pub component: &'static str,
    pub usage_type: String,
    pub operation: String,
    /// In the component's own unit (million requests, GB, LCU-hours...).
    pub quantity: Decimal,
    pub unit: &'static str,
    pub billed_cost: Decimal,
    pub list_cost: Option<Decimal>,
    /// The same quantity at the price book's price (its first tiers).
    pub book_cost: Option<Decimal>,
    /// Billed cost − book cost.
    pub difference: Option<Decimal>,
    pub rows: u64,
    /// `rate code` or `usage type`.
    pub mapped_by: &'static str,
    /// Its rows name no product code (Cost Explorer's).
    #[serde(skip)]
    pub product_less: bool,
    #[serde(skip)]
    pub id: Component,
}

/// Rows of a product the model does not price.
#[derive(Debug, Clone, Serialize)]
pub struct NotModelled {
    pub product_code: String,
    pub usage_type: String,
    pub operation: String,
    /// The rate code, for bills without usage types (FOCUS 1.0's `SkuPriceId`).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub rate_code: String,
    pub billed_cost: Decimal,
    pub rows: u64,
}

/// Line items that are not usage: credits, refunds, taxes, Savings Plans negations, fees.
#[derive(Debug, Clone, Serialize)]
pub struct Adjustment {
    pub line_item_type: String,
    pub billed_cost: Decimal,
    pub rows: u64,
}

/// `usage`'s report.
#[derive(Debug, Clone, Serialize)]
pub struct Usage {
    pub read: Vec<ReadFile>,
    pub usage: Vec<Line>,
    pub not_modelled: Vec<NotModelled>,
    pub adjustments: Vec<Adjustment>,
    pub notes: Vec<String>,
    /// The earliest start and latest end of the rows kept (`--month` keeps one month's).
    #[serde(skip)]
    pub span: Option<(String, String)>,
}

type Key = (String, String, Component, String, String);

/// The usage of `bill` (only `month`, `YYYY-MM`, when given).
pub fn usage(bill: &Bill, book: &PriceBook, month: Option<&str>) -> Usage {
    let mapping = Mapping::new(book);
    let mut lines: BTreeMap<Key, Line> = BTreeMap::new();
    let mut other: BTreeMap<[String; 4], NotModelled> = BTreeMap::new();
    let mut adjustments: BTreeMap<String, Adjustment> = BTreeMap::new();
    let groups: Vec<&Group> = bill
        .groups
        .iter()
        // The query filters the month as it reads ([`super::read_month`]); a Cost Explorer
        // answer, read without one, is filtered here.
        .filter(|g| month.is_none_or(|m| g.period == m))
        .collect();
    let span = span(&groups);
    for g in groups {
        if !USAGE_TYPES.contains(&g.line_type.as_str()) {
            let a = adjustments
                .entry(g.line_type.clone())
                .or_insert_with(|| Adjustment {
                    line_item_type: g.line_type.clone(),
                    billed_cost: Decimal::ZERO,
                    rows: 0,
                });
            a.billed_cost += g.billed_cost;
            a.rows += g.rows;
            continue;
        }
        match mapping.classify(&g.product, &g.usage_type, &g.operation, &g.rate_code) {
            Some(m) => add_line(&mut lines, g, m),
            None => {
                // A usage type names the row; without one (FOCUS 1.0) its rate code does.
                let rate = if g.usage_type.is_empty() {
                    g.rate_code.clone()
                } else {
                    String::new()
                };
                let k = [
                    g.product.clone(),
                    g.usage_type.clone(),
                    g.operation.clone(),
                    rate.clone(),
                ];
                let n = other.entry(k).or_insert_with(|| NotModelled {
                    product_code: g.product.clone(),
                    usage_type: g.usage_type.clone(),
                    operation: g.operation.clone(),
                    rate_code: rate,
                    billed_cost: Decimal::ZERO,
                    rows: 0,
                });
                n.billed_cost += g.billed_cost;
                n.rows += g.rows;
            }
        }
    }
    let mut usage: Vec<Line> = lines.into_values().collect();
    for l in &mut usage {
        price(l, book);
    }
    let mut not_modelled: Vec<NotModelled> = other.into_values().collect();
    not_modelled.sort_by_key(|n| std::cmp::Reverse(n.billed_cost));
    let notes = notes(bill, &usage, &not_modelled, &mapping);
    Usage {
        read: bill.read.clone(),
        usage,
        not_modelled,
        adjustments: adjustments.into_values().collect(),
        notes,
        span,
    }
}

fn span(groups: &[&Group]) -> Option<(String, String)> {
    let from = groups
        .iter()
        .map(|g| g.from.as_str())
        .filter(|s| !s.is_empty())
        .min()?;
    let to = groups.iter().map(|g| g.to.as_str()).max()?;
    Some((from.to_owned(), to.to_owned()))
}

fn add_line(lines: &mut BTreeMap<Key, Line>, g: &Group, m: super::mapping::Mapped) {
    let region = region_of(g);
    let key = (
        g.period.clone(),
        region.clone(),
        m.component,
        g.usage_type.clone(),
        g.operation.clone(),
    );
    let l = lines.entry(key).or_insert_with(|| Line {
        period: g.period.clone(),
        region,
        component: m.component.id(),
        usage_type: g.usage_type.clone(),
        operation: g.operation.clone(),
        quantity: Decimal::ZERO,
        unit: m.component.unit(),
        billed_cost: Decimal::ZERO,
        list_cost: Some(Decimal::ZERO),
        book_cost: None,
        difference: None,
        rows: 0,
        mapped_by: if m.by_rate_code {
            "rate code"
        } else {
            "usage type"
        },
        id: m.component,
        product_less: g.product.is_empty(),
    });
    l.quantity += g.quantity / m.per;
    l.billed_cost += g.billed_cost;
    l.list_cost = match (l.list_cost, g.list_cost) {
        (Some(a), Some(b)) => Some(a + b),
        _ => None,
    };
    l.rows += g.rows;
}

/// The row's Region: its own column, else its usage type's prefix, else us-east-1 (whose
/// usage types have none).
fn region_of(g: &Group) -> String {
    if !g.region.is_empty() {
        return g.region.clone();
    }
    split_prefix(&g.usage_type)
        .0
        .unwrap_or("us-east-1")
        .to_owned()
}

/// The book's cost of the line's quantity (marginal tiers from the first), where the book
/// prices the Region and the item.
fn price(l: &mut Line, book: &PriceBook) {
    let rate = book
        .region(&l.region)
        .and_then(|t| t.get(l.id))
        .map(|p| &p.rate);
    l.book_cost = match rate {
        Some(r @ (Rate::Flat(_) | Rate::Tiered(_))) => r.charge(l.quantity).ok().map(|t| t.cost),
        _ => None,
    };
    l.difference = l.book_cost.map(|b| l.billed_cost - b);
}

fn notes(
    bill: &Bill,
    usage: &[Line],
    not_modelled: &[NotModelled],
    mapping: &Mapping,
) -> Vec<String> {
    let mut notes = Vec::new();
    let rows: u64 = bill.read.iter().map(|r| r.rows).sum();
    notes.push(format!(
        "{} rows read from {} file(s); {} usage line(s) map to modelled components",
        rows,
        bill.read.len(),
        usage.len()
    ));
    if !not_modelled.is_empty() {
        let cost: Decimal = not_modelled.iter().map(|n| n.billed_cost).sum();
        notes.push(format!(
            "{} usage type(s) the model does not price, {} billed: listed under not modelled",
            not_modelled.len(),
            crate::money::money(cost)
        ));
    }
    let ce_no_op = bill
        .read
        .iter()
        .any(|r| r.format.starts_with("Cost Explorer"))
        && bill.groups.iter().all(|g| g.operation.is_empty());
    if ce_no_op {
        notes.push("the Cost Explorer answer is not grouped by OPERATION: load balancer, NAT gateway and inter-AZ rows cannot be told apart and are listed as not modelled".into());
    }
    if let Some(note) = by_usage_type_alone(usage, mapping) {
        notes.push(note);
    }
    notes
}

/// The note for rows mapped to a service's component without naming the service (Cost
/// Explorer's): their usage type is only that service's among the modelled ones, but another
/// service billing the same usage type would be counted with it.
fn by_usage_type_alone(usage: &[Line], mapping: &Mapping) -> Option<String> {
    let mut types: Vec<&str> = usage
        .iter()
        .filter(|l| l.mapped_by == "usage type")
        .filter(|l| {
            mapping
                .rule_for(l.id)
                .is_some_and(|r| !r.products.is_empty())
        })
        .filter(|l| l.product_less)
        .map(|l| l.usage_type.as_str())
        .collect();
    types.sort_unstable();
    types.dedup();
    (!types.is_empty()).then(|| format!(
        "rows without a product code (Cost Explorer's) mapped by usage type alone: {} (no other modelled service bills them, but an unmodelled one could: group by SERVICE and USAGE_TYPE to tell)",
        types.join(", ")
    ))
}
