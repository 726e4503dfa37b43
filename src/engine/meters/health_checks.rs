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
use crate::engine::{Bill, Context, EngineError};
use crate::pricing::Rate;

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
        let mut f = cx
            .formula(c)
            .times(cx.regions, "health checks (one per Region)")
            .billing(Decimal::from(cx.regions));
        f = f.noted(cx.detail.then(|| {
            let routing = if cx.layout.active_active {
                "weighted"
            } else {
                "failover"
            };
            format!("basic checks of AWS endpoints for the {routing} records")
        }));
        bill.add(c, f)?;
        warn_if_free(cx, bill)
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

/// AWS's first tier (an account's first 50 basic checks of AWS endpoints free) prices this
/// design's checks as if they were among the account's first 50: an assumption, said with what
/// they cost past it.
fn warn_if_free(cx: &Context<'_>, bill: &mut Bill<'_>) -> Result<(), EngineError> {
    let Rate::Tiered(tiers) = &bill.price(Component::HealthChecks)?.rate else {
        return Ok(());
    };
    let (Some(first), Some(next)) = (tiers.first(), tiers.get(1)) else {
        return Ok(());
    };
    let Some(free) = first.up_to.filter(|_| first.price.is_zero()) else {
        return Ok(());
    };
    let past = next.price * Decimal::from(cx.regions);
    bill.warn(|| {
        format!(
            "Route 53 health checks are priced in AWS's free first {} checks of an account (an assumption): if the account already has that many, these {} cost {} a month ({} a check-month)",
            free.normalize(),
            cx.regions,
            crate::money::money(past),
            crate::money::price(next.price)
        )
    });
    Ok(())
}
