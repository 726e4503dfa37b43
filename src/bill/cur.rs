//! Legacy Cost and Usage Report columns, in both of its name styles: `lineItem/UsageType` (the
//! CSV AWS delivers) and `line_item_usage_type` (Athena text tables and Parquet). CUR 2.0 uses
//! the underscore names too ([`super::cur2`]).

use super::sql::{Columns, ident};

/// The names a bill's header must have, else [`Missing`] lists them.
pub type Missing = Vec<String>;

/// Picks, for each field, the first candidate the header has.
pub struct Pick<'a> {
    header: &'a [String],
    missing: Missing,
}

impl<'a> Pick<'a> {
    pub fn new(header: &'a [String]) -> Self {
        Pick {
            header,
            missing: Vec::new(),
        }
    }

    fn find(&self, names: &[&str]) -> Option<String> {
        names
            .iter()
            .find(|n| self.header.iter().any(|h| h == *n))
            .map(|n| ident(n))
    }

    /// A column the query cannot do without; its absence is reported.
    pub fn need(&mut self, names: &[&str]) -> String {
        self.find(names).unwrap_or_else(|| {
            self.missing.push(names[0].to_owned());
            "NULL".into()
        })
    }

    /// A column that may be absent (`NULL` then).
    pub fn may(&self, names: &[&str]) -> String {
        self.find(names).unwrap_or_else(|| "NULL".into())
    }

    pub fn done(self, c: Columns) -> Result<Columns, Missing> {
        if self.missing.is_empty() {
            Ok(c)
        } else {
            Err(self.missing)
        }
    }
}

/// Whether a header is a legacy CUR's (either name style).
pub fn is_legacy(header: &[String]) -> bool {
    header
        .iter()
        .any(|h| h == "lineItem/UsageType" || h == "line_item_usage_type")
}

/// The legacy CUR's columns; `slash` for the `lineItem/UsageType` style.
pub fn columns(header: &[String], slash: bool) -> Result<Columns, Missing> {
    let n = |s: &'static str, u: &'static str| if slash { s } else { u };
    let mut p = Pick::new(header);
    let c = Columns {
        start: p.need(&[n("lineItem/UsageStartDate", "line_item_usage_start_date")]),
        end: p.need(&[n("lineItem/UsageEndDate", "line_item_usage_end_date")]),
        region: p.may(&[
            n("product/regionCode", "product_region_code"),
            n("product/region", "product_region"),
        ]),
        product: p.need(&[n("lineItem/ProductCode", "line_item_product_code")]),
        usage_type: p.need(&[n("lineItem/UsageType", "line_item_usage_type")]),
        operation: p.may(&[n("lineItem/Operation", "line_item_operation")]),
        rate_code: p.may(&[n("pricing/RateCode", "pricing_rate_code")]),
        line_type: p.need(&[n("lineItem/LineItemType", "line_item_line_item_type")]),
        currency: p.may(&[n("lineItem/CurrencyCode", "line_item_currency_code")]),
        quantity: p.need(&[n("lineItem/UsageAmount", "line_item_usage_amount")]),
        cost: p.need(&[n("lineItem/UnblendedCost", "line_item_unblended_cost")]),
        list_cost: p.may(&[n(
            "pricing/publicOnDemandCost",
            "pricing_public_on_demand_cost",
        )]),
        rows: "COUNT(*)".into(),
        filter: None,
        dates: super::sql::Dates::default(),
    };
    p.done(c)
}
