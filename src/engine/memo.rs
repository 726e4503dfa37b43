//! Figures of one scenario that every layout priced for it shares, worked out once: a sweep
//! prices five or more layouts at each step, and without this each of them divided the same
//! month's load into the same capacity units again. Exact by construction: each figure is keyed
//! by everything it is computed from (the scenario the memo borrows, and the active Regions),
//! and is the very value [`Context::new`] and the load-balancer meter would compute.
//!
//! [`Context::new`]: super::Context::new

use std::cell::Cell;

use rust_decimal::Decimal;

use super::charges::Charges;
use super::meters::load_balancers::capacity::{Load, Span, alb_lcu, nlb_nlcu};
use crate::scenario::{Listener, Scenario};

/// One memo per scenario (borrowed, so it cannot change while the memo lives) and thread.
#[derive(Debug)]
pub struct Memo<'s> {
    pub(super) scenario: &'s Scenario,
    /// Lean charges remembered across the memos of one thread (a sweep's steps).
    pub(super) charges: Option<&'s Charges<'s>>,
    /// Index 0: one active Region; 1: every Region active (when there are several).
    slots: [Slot; 2],
}

/// What is shared among the layouts with the same active Regions.
#[derive(Debug, Default)]
struct Slot {
    month: Cell<Option<Load>>,
    /// NLCU-hours of the month on a TLS and a TCP listener; ALB LCU-hours of one role.
    nlcu_tls: Cell<Option<Decimal>>,
    nlcu_tcp: Cell<Option<Decimal>>,
    lcu: Cell<Option<Decimal>>,
}

impl<'s> Memo<'s> {
    /// An empty memo for `scenario`.
    pub fn new(scenario: &'s Scenario) -> Self {
        Memo {
            scenario,
            charges: None,
            slots: Default::default(),
        }
    }

    /// [`Memo::new`], lean charges looked up in and added to `charges` (kept from step to step).
    pub fn with_charges(scenario: &'s Scenario, charges: &'s Charges<'s>) -> Self {
        Memo {
            charges: Some(charges),
            ..Memo::new(scenario)
        }
    }

    fn slot(&self, active_regions: u32) -> &Slot {
        &self.slots[usize::from(active_regions > 1)]
    }

    /// The month's load on one role in one active Region, as `Context::new` computes it.
    pub(super) fn month(&self, active_regions: u32) -> Load {
        let slot = self.slot(active_regions);
        if let Some(l) = slot.month.get() {
            return l;
        }
        let s = self.scenario;
        let requests = s.traffic.requests_per_month / Decimal::from(active_regions);
        let l = Load::new(&s.traffic, requests, s.hours_per_month, Span::Month);
        slot.month.set(Some(l));
        l
    }

    /// NLCU-hours of the month of one NLB role on `listener`.
    pub(super) fn nlcu(&self, active_regions: u32, listener: Listener) -> Decimal {
        let cell = match listener {
            Listener::Tls => &self.slot(active_regions).nlcu_tls,
            Listener::Tcp => &self.slot(active_regions).nlcu_tcp,
        };
        remember(cell, || {
            nlb_nlcu(&self.month(active_regions), listener).units
        })
    }

    /// LCU-hours of the month of one ALB role (no Lambda targets, no mutual TLS).
    pub(super) fn lcu(&self, active_regions: u32) -> Decimal {
        let cell = &self.slot(active_regions).lcu;
        remember(cell, || {
            alb_lcu(&self.month(active_regions), false, false).units
        })
    }
}

/// The value in `cell`, computed by `f` the first time.
fn remember(cell: &Cell<Option<Decimal>>, f: impl FnOnce() -> Decimal) -> Decimal {
    if let Some(v) = cell.get() {
        return v;
    }
    let v = f();
    cell.set(Some(v));
    v
}
