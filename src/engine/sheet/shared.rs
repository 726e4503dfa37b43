//! The sheet's twin of the shared [`Context`](crate::engine::Context): the figures several meters
//! read (hours, Regions, requests per active Region, payload, the load balancers' hourly load),
//! each written once as a row of its own the first time a meter asks for it, then referenced.

use super::{Expr, Sheet};
use crate::component::Component;
use crate::engine::meters::load_balancers::capacity::LoadCells;

/// Figures already written, by the cell that holds them.
#[derive(Debug, Default)]
pub(super) struct Shared {
    region_requests: Option<Expr>,
    payload_kb: Option<Expr>,
    load: Option<LoadCells>,
}

impl Sheet<'_> {
    /// Hours in the month.
    pub fn hours(&self) -> Expr {
        self.input("hours_per_month")
    }

    /// Regions the layout is deployed in.
    pub fn regions(&self) -> Expr {
        self.input("topology.regions")
    }

    /// Requests a month, all Regions.
    pub fn requests(&self) -> Expr {
        self.input("traffic.requests_per_month")
    }

    /// `e` in every Region carrying traffic: × Regions when active-active (a layout choice),
    /// else as it is (one active Region).
    pub fn in_active_regions(&self, e: Expr) -> Expr {
        if self.cx.layout.active_active {
            e * self.regions()
        } else {
            e
        }
    }

    /// Requests a month in one active Region.
    pub fn region_requests(&mut self) -> Expr {
        if !self.cx.layout.active_active {
            return self.requests();
        }
        if let Some(e) = &self.shared.region_requests {
            return e.clone();
        }
        let share = self.requests() / self.regions();
        let e = self.figure("requests a month per active Region", "requests", share);
        self.shared.region_requests = Some(e.clone());
        e
    }

    /// Request plus response, KB.
    pub fn payload_kb(&mut self) -> Expr {
        if let Some(e) = &self.shared.payload_kb {
            return e.clone();
        }
        let sum = self.input("traffic.request_kb") + self.input("traffic.response_kb");
        let e = self.figure("request + response", "KB", sum);
        self.shared.payload_kb = Some(e.clone());
        e
    }

    /// The load on one load-balancer role in one active Region, average hour.
    pub fn load(&mut self) -> LoadCells {
        if let Some(l) = &self.shared.load {
            return l.clone();
        }
        let l = LoadCells::new(self);
        self.shared.load = Some(l.clone());
        l
    }

    /// `count` things paid by the hour in every Region: count × Regions × hours (as
    /// [`Context::hourly`](crate::engine::Context::hourly)).
    pub fn hourly(&self, count: Expr) -> Expr {
        count * self.regions() * self.hours()
    }

    /// Data of `kb` KB, in GB (binary: ÷ 1,048,576 KB per GB).
    pub fn gb(&self, kb: Expr) -> Expr {
        kb / Expr::num(crate::engine::units::KB_PER_GB)
    }

    /// Data of `kb` KB in decimal GB, as Elastic Load Balancing meters processed bytes
    /// (KB × 1,024 bytes ÷ 10⁹, as [`ELB_GB_PER_KB`](crate::engine::units::ELB_GB_PER_KB)).
    pub fn elb_gb(&self, kb: Expr) -> Expr {
        kb * Expr::num(1024) / Expr::num(1_000_000_000)
    }

    /// A count a month in millions (the unit requests, calls and queries are priced in).
    pub fn millions(&self, count: Expr) -> Expr {
        count / Expr::num(crate::engine::units::MILLION)
    }

    /// A component's hourly line item: `count` × Regions × hours.
    pub fn hourly_item(
        &mut self,
        c: Component,
        count: Expr,
    ) -> Result<(), crate::engine::EngineError> {
        let q = self.hourly(count);
        self.item(c, q)
    }
}
