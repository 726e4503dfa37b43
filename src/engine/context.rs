//! What every meter needs to know about one estimate, worked out once: the inputs (scenario,
//! layout, price table, options) and the figures several meters derive from them (hours,
//! Regions, payload, the load-balancer load of the requests in one active Region). Meters read
//! it and never recompute it, so two meters cannot disagree about, say, how many Regions carry
//! traffic.

use rust_decimal::Decimal;

use super::Options;
use super::formula::Formula;
use super::memo::Memo;
use super::meters::load_balancers::capacity::{Load, Span, alb_lcu, nlb_nlcu};
use super::units::HOUR_SECONDS;
use crate::architecture::Layout;
use crate::component::Component;
use crate::pricing::PriceTable;
use crate::scenario::{Listener, Scenario, Topology, Traffic};

/// The load on one load-balancer role in one active Region.
#[derive(Debug, Clone, Copy)]
pub struct Loads {
    /// The average hour, for sizing and formulas (zero in lean mode).
    pub hour: Load,
    /// The average hour × `peak_to_average` (zero in lean mode).
    pub peak: Load,
    /// The whole month in dimension-hours: what capacity units are billed from.
    pub month: Load,
}

/// One estimate's shared, precomputed inputs.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub scenario: &'a Scenario,
    pub layout: &'a Layout,
    pub prices: &'a PriceTable,
    pub options: Options,
    /// Line items, warnings, notes and sizing are wanted (not `options.lean`).
    pub detail: bool,
    /// Hours in the month.
    pub hours: Decimal,
    /// Regions the layout is deployed in (hourly parts are paid in each).
    pub regions: u32,
    /// Regions carrying traffic: all of them when active-active, else one.
    pub active_regions: u32,
    /// `Some(active_regions)` when traffic is split over several Regions, each tiered on its own.
    pub per_region: Option<u32>,
    /// Requests a month, all Regions.
    pub requests: Decimal,
    /// Request plus response, KB.
    pub payload_kb: Decimal,
    /// Load balancers carrying API traffic in one Region.
    pub nlbs: u32,
    pub albs: u32,
    pub load: Loads,
    /// Requests per second in one active Region, average hour (zero in lean mode).
    pub average_rps: Decimal,
    /// Figures shared with the other layouts priced for the same scenario (a sweep's step).
    pub(super) memo: Option<&'a Memo<'a>>,
}

impl<'a> Context<'a> {
    pub fn new(
        scenario: &'a Scenario,
        layout: &'a Layout,
        prices: &'a PriceTable,
        options: Options,
    ) -> Self {
        Self::build(scenario, layout, prices, options, None)
    }

    /// [`Context::new`] for `memo`'s scenario, taking the figures it shares from `memo`.
    pub fn with_memo(
        memo: &'a Memo<'a>,
        layout: &'a Layout,
        prices: &'a PriceTable,
        options: Options,
    ) -> Self {
        Self::build(memo.scenario, layout, prices, options, Some(memo))
    }

    fn build(
        scenario: &'a Scenario,
        layout: &'a Layout,
        prices: &'a PriceTable,
        options: Options,
        memo: Option<&'a Memo<'a>>,
    ) -> Self {
        let t = &scenario.traffic;
        let hours = scenario.hours_per_month;
        let regions = scenario.topology.regions;
        let active_regions = if layout.active_active { regions } else { 1 };
        let requests = t.requests_per_month;
        // Divided only where used: a lean estimate with a memo (a sweep's step) never is.
        let region_requests = || requests / Decimal::from(active_regions);
        let detail = !options.lean;
        let (nlbs, albs) = layout.load_balancer_counts(scenario);
        Context {
            scenario,
            layout,
            prices,
            options,
            detail,
            hours,
            regions,
            active_regions,
            per_region: (active_regions > 1).then_some(active_regions),
            requests,
            payload_kb: t.request_kb + t.response_kb,
            nlbs,
            albs,
            load: loads(t, detail, |span| match (memo, span) {
                (Some(m), Span::Month) => m.month(active_regions),
                _ => Load::new(t, region_requests(), hours, span),
            }),
            average_rps: if detail {
                region_requests() / (hours * HOUR_SECONDS)
            } else {
                Decimal::ZERO
            },
            memo,
        }
    }

    /// NLCU-hours of the month of one NLB role on `listener`, in one active Region.
    pub fn month_nlcu(&self, listener: Listener) -> Decimal {
        match self.memo {
            Some(m) => m.nlcu(self.active_regions, listener),
            None => nlb_nlcu(&self.load.month, listener).units,
        }
    }

    /// LCU-hours of the month of one ALB role (no Lambda targets, no mutual TLS), in one active
    /// Region.
    pub fn month_lcu(&self) -> Decimal {
        match self.memo {
            Some(m) => m.lcu(self.active_regions),
            None => alb_lcu(&self.load.month, false, false).units,
        }
    }

    pub fn traffic(&self) -> &'a Traffic {
        &self.scenario.traffic
    }

    pub fn topology(&self) -> &'a Topology {
        &self.scenario.topology
    }

    /// Takes `component`'s free allowances off `gross` (API Gateway's free tier with
    /// `--free-tier`, AWS's always-free allowance with `--always-free`), saying so in the formula,
    /// and sets the billable quantity.
    #[inline(always)]
    pub fn less_free(&self, mut f: Formula, component: Component, gross: Decimal) -> Formula {
        if !self.options.free_tier && !self.options.always_free {
            // No allowance asked for: the usual case, and a sweep's at every step.
            f.quantity = gross;
            return f;
        }
        let mut free = Decimal::ZERO;
        if self.options.free_tier {
            free += self.prices.free(component);
        }
        if self.always_free() {
            free += crate::pricing::always_free::allowance(component);
        }
        let allowance = free.min(gross);
        if !allowance.is_zero() {
            f.free = Some(allowance);
        }
        f.quantity = gross - allowance;
        f
    }

    /// `--always-free` is asked for and AWS offers the allowances in the scenario's Region.
    pub fn always_free(&self) -> bool {
        self.options.always_free && crate::pricing::always_free::offered_in(&self.scenario.region)
    }

    /// A formula in `component`'s unit, explaining itself only when the estimate is wanted in
    /// detail.
    #[inline(always)]
    pub fn formula(&self, component: Component) -> Formula {
        Formula::for_estimate(component, self.detail)
    }

    /// `count` things (`what`) paid by the hour in every Region: "count what × Regions × H h".
    #[inline(always)]
    pub fn hourly(&self, component: Component, count: u32, what: &'static str) -> Formula {
        self.formula(component)
            .times(count, what)
            .times_if(self.regions > 1, self.regions, "Region[s]")
            .times(self.hours, "h")
            .billing(Decimal::from(count * self.regions) * self.hours)
    }
}

/// The load-balancer load for the average hour, the peak and the month (each span's `load`).
/// Costs come from the month; the hours are only computed when the estimate is wanted in detail.
fn loads(t: &Traffic, detail: bool, load: impl Fn(Span) -> Load) -> Loads {
    let hour = if detail {
        load(Span::AverageHour)
    } else {
        Load::ZERO
    };
    let peak = if detail {
        hour.scaled(t.peak_to_average)
    } else {
        Load::ZERO
    };
    Loads {
        hour,
        peak,
        month: load(Span::Month),
    }
}
