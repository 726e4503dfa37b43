//! The pricing engine: (scenario, layout, price table) → an estimate with line items, sizing and
//! warnings. Pure: no I/O, no printing, no rounding. Every amount is an exact `Decimal`; the
//! total is the sum of the line items.
//!
//! The engine itself only loops: [`estimate`] works out the shared [`Context`] once, then asks
//! each meter in [`meters::METERS`] to write its line items, sizing facts and warnings into the
//! [`Bill`], then adds the quota warnings (`quotas.rs`). How any one component is priced is in
//! its meter's file, `src/engine/meters/<family>.rs`, which also states the rule as spreadsheet
//! formulas for the workbook ([`sheet`]).

mod bill;
mod charges;
mod context;
pub mod formula;
mod memo;
pub mod meters;
mod quotas;
pub mod sheet;
pub mod units;

use rust_decimal::Decimal;

use crate::architecture::Layout;
use crate::component::Component;
use crate::pricing::PriceTable;
use crate::scenario::Scenario;
pub use bill::Bill;
use capacity::Units;
pub use charges::Charges;
pub use context::{Context, Loads};
pub use formula::{Factor, Formula};
pub use memo::Memo;
/// Load-balancer capacity units (kept at `engine::capacity` for the renderers).
pub use meters::load_balancers::capacity;
pub use quotas::BROKEN;

/// One priced component.
#[derive(Debug, Clone, PartialEq)]
pub struct LineItem {
    pub component: Component,
    pub quantity: Decimal,
    /// `None` when the quantity spans several tiers (see the formula).
    pub unit_price: Option<Decimal>,
    pub monthly_cost: Decimal,
    pub formula: Formula,
}

impl LineItem {
    pub fn description(&self) -> &'static str {
        self.component.what()
    }
    pub fn unit(&self) -> &'static str {
        self.component.unit()
    }
}

/// Capacity units of one kind of load balancer, per hour, summed over the balancers carrying
/// traffic in one active Region; `balancers` is per Region.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CapacitySizing {
    pub balancers: u32,
    pub average: Units,
    pub peak: Units,
}

impl CapacitySizing {
    /// `balancers` with no capacity units worked out: a lean estimate's sizing.
    pub fn counted(balancers: u32) -> Self {
        let none = Units {
            units: Decimal::ZERO,
            driver: "",
            dimensions: [Decimal::ZERO; 4],
        };
        CapacitySizing {
            balancers,
            average: none,
            peak: none,
        }
    }
}

/// What must be sized, beside the cost.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sizing {
    /// Request rates of one active Region.
    pub average_rps: Decimal,
    pub peak_rps: Decimal,
    pub alb: Option<CapacitySizing>,
    pub nlb: Option<CapacitySizing>,
    /// Interface endpoints (all Regions) and their network interfaces (× AZs).
    pub endpoints: u32,
    pub endpoint_enis: u32,
    pub resolver_ips: u32,
    pub vpc_links: u32,
    pub tgw_attachments: u32,
}

/// A priced layout.
#[derive(Debug, Clone, PartialEq)]
pub struct Estimate {
    pub layout: Layout,
    pub monthly_cost: Decimal,
    pub line_items: Vec<LineItem>,
    pub sizing: Sizing,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// API Gateway's first-12-months free tier (`--free-tier`), from the Region's table.
    pub free_tier: bool,
    /// AWS's always-free allowances (`--always-free`): data transfer out, Lambda.
    pub always_free: bool,
    /// Costs only, for sweeps over many steps: the monthly total, with no line items, notes or
    /// warnings, and sizing reduced to counts (request rates and capacity units left zero). No
    /// allocation, no formatting. The total is the same either way.
    pub lean: bool,
}

/// Why a layout could not be priced.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EngineError {
    #[error("no price for `{}` ({}) in {region}", .component.id(), .component.what())]
    MissingPrice {
        component: Component,
        region: String,
    },
    #[error(
        "no price for `{}` in {region} beyond {} {}: usage is {}",
        .component.id(),
        crate::money::number(*.limit, 4),
        .component.unit(),
        crate::money::number(*.usage, 4)
    )]
    BeyondTiers {
        component: Component,
        region: String,
        limit: Decimal,
        usage: Decimal,
    },
    #[error("no REST cache price for {gb} GB in {region}")]
    CacheSize { gb: Decimal, region: String },
}

/// Prices `layout` for scenario `s` at `prices`: one pass of every meter over one shared context.
pub fn estimate(
    s: &Scenario,
    layout: &Layout,
    prices: &PriceTable,
    opts: Options,
) -> Result<Estimate, EngineError> {
    let cx = Context::new(s, layout, prices, opts);
    let mut bill = Bill::new(&cx);
    for meter in meters::METERS {
        meter.bill(&cx, &mut bill)?;
    }
    Ok(bill.finish(&cx))
}

/// The monthly cost of `layout` alone, as [`estimate`] in lean mode computes it, without
/// building the [`Estimate`] around it: what a sweep asks at every step.
pub fn monthly_cost(
    s: &Scenario,
    layout: &Layout,
    prices: &PriceTable,
    opts: Options,
) -> Result<Decimal, EngineError> {
    let cx = Context::new(s, layout, prices, Options { lean: true, ..opts });
    total(&cx)
}

/// [`monthly_cost`] of `layout` for the memo's scenario, sharing the figures every layout of
/// that scenario needs alike (the month's load and its capacity units) through `memo`: what a
/// sweep asks for each layout of a step. The same total as [`monthly_cost`], to the last digit.
pub fn monthly_cost_shared(
    memo: &Memo<'_>,
    layout: &Layout,
    prices: &PriceTable,
    opts: Options,
) -> Result<Decimal, EngineError> {
    let cx = Context::with_memo(memo, layout, prices, Options { lean: true, ..opts });
    total(&cx)
}

/// Every meter's charges for `cx`, totalled.
fn total(cx: &Context<'_>) -> Result<Decimal, EngineError> {
    let mut bill = Bill::new(cx);
    for meter in meters::METERS {
        meter.bill(cx, &mut bill)?;
    }
    Ok(bill.total())
}
