//! CUR 2.0 (Data Exports): the legacy CUR's underscore names, a `product` map column instead
//! of the legacy `product_*` columns, and `product_region_code`.

use super::cur::{Missing, Pick};
use super::sql::Columns;

/// Whether an underscore-style header is CUR 2.0's: it has the `product` map column.
pub fn is_cur2(header: &[String]) -> bool {
    header
        .iter()
        .any(|h| h == "product" || h == "bill_payer_account_name")
}

/// CUR 2.0's columns; `map_region`: the Region may be read from the `product` map (Parquet).
pub fn columns(header: &[String], map_region: bool) -> Result<Columns, Missing> {
    let mut c = super::cur::columns(header, false)?;
    let mut p = Pick::new(header);
    c.region = p.may(&["product_region_code"]);
    if c.region == "NULL" && map_region && header.iter().any(|h| h == "product") {
        // `get_field`, not `product['region']`: the bracket needs DataFusion's nested-types
        // planner, a feature this crate does not build.
        c.region = "get_field(\"product\", 'region')".into();
    }
    p.need(&["line_item_usage_type"]);
    p.done(c)
}
