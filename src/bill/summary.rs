//! The answer of `usage --sql athena`'s query, saved as CSV: already grouped, so the local query
//! sums it again (its `rows` column summed, not counted).

use super::cur::{Missing, Pick};
use super::sql::{Columns, OUTPUT, ident};

/// Whether a header is the query's answer.
pub fn is_summary(header: &[String]) -> bool {
    OUTPUT.iter().all(|n| header.iter().any(|h| h == n))
}

pub fn columns(header: &[String]) -> Result<Columns, Missing> {
    let mut p = Pick::new(header);
    let c = Columns {
        start: p.need(&["from"]),
        end: p.need(&["to"]),
        region: p.need(&["region"]),
        product: p.need(&["product_code"]),
        usage_type: p.need(&["usage_type"]),
        operation: p.need(&["operation"]),
        rate_code: p.need(&["rate_code"]),
        line_type: p.need(&["line_item_type"]),
        currency: p.need(&["currency"]),
        quantity: p.need(&["quantity"]),
        cost: p.need(&["billed_cost"]),
        list_cost: p.need(&["list_cost"]),
        rows: format!("SUM({})", ident("rows")),
        filter: None,
        dates: super::sql::Dates::default(),
    };
    p.done(c)
}
