//! AWS's always-free allowances (`--always-free`): global facts, not per-Region prices, so they
//! are kept as data of their own (`pricing/global/always-free.toml`, embedded) rather than in
//! the Region tables, which are generated from AWS's per-Region price data. A folder of its own,
//! so that `--prices pricing/` never reads it as a Region table.

use rust_decimal::Decimal;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::component::Component;

/// The embedded file.
pub const EMBEDDED: &str = include_str!("../../pricing/global/always-free.toml");

/// One allowance: a monthly quantity of a component, in its unit, with where it is stated.
#[derive(Debug, Clone, PartialEq)]
pub struct Allowance {
    pub component: Component,
    pub quantity: Decimal,
    pub source: String,
    pub effective_date: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    allowances: BTreeMap<String, RawAllowance>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAllowance {
    quantity: String,
    source: String,
    effective_date: String,
}

/// Reads an always-free file; `Err` names the first problem.
pub fn parse(text: &str) -> Result<Vec<Allowance>, String> {
    let raw: Raw = toml::from_str(text).map_err(|e| e.message().to_owned())?;
    let mut out = Vec::with_capacity(raw.allowances.len());
    for (id, a) in raw.allowances {
        let component = super::price_items()
            .find(|c| c.id() == id)
            .ok_or_else(|| format!("unknown price item `{id}`"))?;
        let quantity: Decimal = a
            .quantity
            .parse()
            .map_err(|_| format!("`{id}`: quantity \"{}\" is not a number", a.quantity))?;
        if quantity.is_sign_negative() {
            return Err(format!("`{id}`: quantity must not be negative"));
        }
        out.push(Allowance {
            component,
            quantity,
            source: a.source,
            effective_date: a.effective_date,
        });
    }
    Ok(out)
}

/// The embedded allowances, read once.
pub fn allowances() -> &'static [Allowance] {
    static ALLOWANCES: OnceLock<Vec<Allowance>> = OnceLock::new();
    ALLOWANCES.get_or_init(|| parse(EMBEDDED).expect("pricing/global/always-free.toml is valid"))
}

/// Whether AWS offers the always-free allowances in `region`: not in AWS GovCloud (US) (the
/// Free Tier is not offered there, as its price tables say; the data-transfer allowance is
/// "except China and GovCloud") nor in the China Regions.
pub fn offered_in(region: &str) -> bool {
    !(region.starts_with("us-gov-") || region.starts_with("cn-"))
}

/// The monthly always-free allowance of `component`'s price item, if any.
pub fn allowance(component: Component) -> Decimal {
    let item = component.price_item();
    allowances()
        .iter()
        .find(|a| a.component == item)
        .map_or(Decimal::ZERO, |a| a.quantity)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_allowances_are_awss_published_figures() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(allowance(Component::DataTransferOut), d("100"));
        assert_eq!(
            allowance(Component::VpnData),
            d("100"),
            "VPN data is data out"
        );
        assert_eq!(allowance(Component::LambdaRequests), d("1"));
        assert_eq!(allowance(Component::LambdaDuration), d("400000"));
        assert_eq!(allowance(Component::RestRequests), Decimal::ZERO);
        assert!(
            allowances()
                .iter()
                .all(|a| a.source.starts_with("https://aws.amazon.com/"))
        );
    }

    #[test]
    fn bad_files_are_refused_with_the_reason() {
        let bad = "[allowances.lambda-request]\nquantity = \"1\"\nsource = \"s\"\neffective_date = \"d\"\n";
        assert_eq!(
            parse(bad).unwrap_err(),
            "unknown price item `lambda-request`"
        );
        let bad = bad
            .replace("lambda-request]", "lambda-requests]")
            .replace("\"1\"", "\"-1\"");
        assert!(parse(&bad).unwrap_err().contains("negative"));
    }
}
