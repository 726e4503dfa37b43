//! One meter per billable family: each file holds every price rule of its family, so "how is the
//! NLB billed" is answered by reading `load_balancers.rs` (and its capacity-unit rules,
//! `load_balancers/capacity.rs`) and nothing else.
//!
//! A meter reads the shared [`Context`] (computed once per estimate) and writes into the
//! [`Bill`]: line items (through [`Bill::add`], which looks up and tiers the price), sizing
//! facts (`bill.sizing`) and warnings (`bill.warn`, built only in detail). It never prints,
//! rounds, or reads another meter's results. [`METERS`] is the order line items are listed in.
//!
//! **Adding a billable part**: give its components an entry in `src/component.rs` and the price
//! tables, write one file here with a unit struct implementing [`Meter`] (its `bill` and its
//! `sheet`), and add one line to [`METERS`] (and to the README's "How the bill is built"). If it
//! needs a figure other meters also need (say, data out per Region), compute it once in
//! [`Context::new`] rather than in both meters. The tests below check that every component has
//! exactly one meter and that the README names it.
//!
//! **Spreadsheet formulas (`--format xlsx`).** Each meter also states its rule as formulas, in
//! [`Meter::sheet`] beside [`Meter::bill`], over the workbook's named input cells
//! (`traffic_requests_per_month`, ...) and price cells, through
//! [`Sheet`]: inputs (`sh.input("traffic.request_kb")`, `sh.input_or` for
//! an optional override), shared figures written once as rows (`sh.payload_kb()`,
//! `sh.region_requests()`, `sh.load()`), and line items priced like `Bill::add`
//! (`sh.item`, `sh.item_tiered` for marginal tiers per active Region, `sh.less_free`). A meter
//! writes one row per component `bill` can charge for the layout, zero rows included, in the
//! same order. Conditions that are layout choices (which API type, is there a facade) are fixed
//! at export, as `bill` takes them; conditions on inputs (a zero `cross_az_share`) stay formulas,
//! so an edited input still moves the total. What is not a product is spelled out: metering
//! increments `MAX(1, CEILING(..))`, capacity units `MAX` of the dimensions, free-tier
//! allowances `MAX(0, gross − free)`, the cache price an `INDEX`/`MATCH`. `tests/sheet_rules.rs`
//! evaluates every row exactly against `bill`; `tests/workbook/` has LibreOffice recalculate it.
//! A new meter therefore writes both methods (the trait requires `sheet`).

pub mod cache;
pub mod cloud_map;
pub mod data_transfer_out;
pub mod dns;
pub mod endpoints;
pub mod health_checks;
pub mod inter_az;
pub mod inter_region;
pub mod lambda_proxy;
pub mod load_balancers;
pub mod nat;
pub mod on_premises;
pub mod requests;
pub mod transit_gateway;
pub mod waf;

use super::{Bill, Context, EngineError, sheet::Sheet};
use crate::component::Component;

/// A billable family: the rules that turn a layout and its traffic into line items.
pub trait Meter: Sync {
    /// The module the rules live in, e.g. `endpoints` for `src/engine/meters/endpoints.rs`.
    fn name(&self) -> &'static str;

    /// The components this meter can bill, in the order it bills them.
    fn components(&self) -> &'static [Component];

    /// Writes this family's line items, sizing facts and warnings for `cx` into `bill`.
    fn bill(&self, cx: &Context<'_>, bill: &mut Bill<'_>) -> Result<(), EngineError>;

    /// States the same rule as spreadsheet formulas over the workbook's input and price cells:
    /// one row per component `bill` can charge for this layout (zero rows included, so an
    /// edited input still moves the total), in the order `bill` adds them.
    fn sheet(&self, cx: &Context<'_>, sheet: &mut Sheet<'_>) -> Result<(), EngineError>;
}

/// Every meter, in the order line items are listed.
pub static METERS: &[&dyn Meter] = &[
    &requests::Requests,
    &cache::Cache,
    &waf::Waf,
    &endpoints::Endpoints,
    &load_balancers::LoadBalancers,
    &cloud_map::CloudMap,
    &dns::Dns,
    &health_checks::HealthChecks,
    &transit_gateway::TransitGateway,
    &on_premises::OnPremises,
    &nat::Nat,
    &data_transfer_out::DataTransferOut,
    &inter_az::InterAz,
    &inter_region::InterRegion,
    &lambda_proxy::LambdaProxy,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_component_has_exactly_one_meter() {
        for c in Component::ALL {
            let owners: Vec<&str> = METERS
                .iter()
                .filter(|m| m.components().contains(c))
                .map(|m| m.name())
                .collect();
            assert_eq!(owners.len(), 1, "{c} is billed by {owners:?}");
        }
    }

    #[test]
    fn the_readme_points_each_component_to_its_meter() {
        let readme = include_str!("../../../README.md");
        let section = readme
            .split("## How the bill is built")
            .nth(1)
            .and_then(|s| s.split("\n## ").next())
            .expect("README has a section \"How the bill is built\"");
        for m in METERS {
            let file = format!("`src/engine/meters/{}.rs`", m.name());
            for c in m.components() {
                let id = format!("`{}`", c.id());
                let row = section
                    .lines()
                    .find(|l| l.starts_with('|') && l.contains(&id))
                    .unwrap_or_else(|| panic!("no README row for {id}"));
                assert!(row.contains(&file), "the README row of {id} names {file}");
            }
        }
    }
}
