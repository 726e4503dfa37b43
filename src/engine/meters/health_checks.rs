//! Route 53 health checks of a multi-Region private API (the R4 family): failover routing
//! "requires a health check to be configured and enabled in Route 53" (the whitepaper), so each
//! Region's record has one. Weighted active-active routing is priced the same way: without a
//! health check Route 53 keeps sending a failed Region its share. A private endpoint cannot be
//! reached by Route 53's health checkers, so the check watches a CloudWatch alarm; either way it
//! is a basic health check of an AWS endpoint (optional features are not priced).

use rust_decimal::Decimal;

use super::Meter;
use crate::architecture::Facade;
use crate::component::Component;
use crate::engine::sheet::{Expr, Sheet};
use crate::engine::{Bill, Context, EngineError, Formula};

pub struct HealthChecks;

impl Meter for HealthChecks {
    fn name(&self) -> &'static str {
        "health_checks"
    }

    fn components(&self) -> &'static [Component] {
        &[Component::HealthChecks]
    }

    fn bill(&self, cx: &Context<'_>, bill: &mut Bill<'_>) -> Result<(), EngineError> {
        if cx.layout.facade == Facade::None || cx.regions < 2 {
            return Ok(());
        }
        let c = Component::HealthChecks;
        let mut f = Formula::of(c)
            .times(cx.regions, "health checks (one per Region)")
            .billing(Decimal::from(cx.regions));
        f.note = cx.detail.then(|| {
            let routing = if cx.layout.active_active {
                "weighted"
            } else {
                "failover"
            };
            format!("basic checks of AWS endpoints for the {routing} records")
        });
        bill.add(c, f)
    }

    /// One check per Region while there are two or more (an edit to one Region drops them).
    fn sheet(&self, cx: &Context<'_>, sh: &mut Sheet<'_>) -> Result<(), EngineError> {
        if cx.layout.facade == Facade::None {
            return Ok(());
        }
        let regions = sh.regions();
        let checks = Expr::if_below(&regions, 2, Expr::num(0), regions.clone());
        sh.item(Component::HealthChecks, checks)
    }
}
