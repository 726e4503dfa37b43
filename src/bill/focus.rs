//! FOCUS 1.0–1.2 (the FinOps Open Cost and Usage Specification), CSV or Parquet. 1.0 has no
//! usage type: its AWS rows map by `SkuPriceId`, the Price List rate code; AWS's `x_UsageType`
//! and `x_Operation` are read where present (1.1+ exports).

use super::cur::{Missing, Pick};
use super::sql::Columns;

/// Whether a header is a FOCUS export's.
pub fn is_focus(header: &[String]) -> bool {
    ["ConsumedQuantity", "BilledCost", "ChargeCategory"]
        .iter()
        .all(|n| header.iter().any(|h| h == n))
}

pub fn columns(header: &[String]) -> Result<Columns, Missing> {
    let mut p = Pick::new(header);
    let provider = p.may(&["ProviderName", "ServiceProviderName"]);
    let c = Columns {
        start: p.need(&["ChargePeriodStart"]),
        end: p.need(&["ChargePeriodEnd"]),
        region: p.may(&["RegionId", "Region"]),
        product: p.may(&["x_ServiceCode", "ServiceName"]),
        usage_type: p.may(&["x_UsageType"]),
        operation: p.may(&["x_Operation"]),
        rate_code: p.need(&["SkuPriceId"]),
        line_type: p.need(&["ChargeCategory"]),
        currency: p.need(&["BillingCurrency"]),
        quantity: p.need(&["ConsumedQuantity"]),
        cost: p.need(&["BilledCost"]),
        list_cost: p.may(&["ListCost"]),
        rows: "COUNT(*)".into(),
        filter: (provider != "NULL").then(|| format!("{provider} = 'AWS'")),
        dates: super::sql::Dates::default(),
    };
    p.done(c)
}
