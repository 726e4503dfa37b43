//! Load balancers on the API's path: Network and Application Load Balancer hours in every Region,
//! and their capacity units (NLCU, LCU) from the month's load in each active Region. Each role a
//! balancer plays (integration target, NLB in front of an ALB, endpoint service, multi-Region
//! facade) carries the whole Region's traffic, split over its balancers. The capacity-unit rules
//! themselves are in [`capacity`].

pub mod capacity;

use rust_decimal::Decimal;

use super::Meter;
use crate::architecture::{Facade, Integration, Reach};
use crate::component::Component;
use crate::engine::sheet::{Expr, Sheet};
use crate::engine::{Bill, CapacitySizing, Context, EngineError};
use crate::scenario::{Backend, Listener};
use capacity::{Load, Units, alb_lcu, alb_lcu_cells, nlb_nlcu, nlb_nlcu_cells};

pub struct LoadBalancers;

impl Meter for LoadBalancers {
    fn name(&self) -> &'static str {
        "load_balancers"
    }

    fn components(&self) -> &'static [Component] {
        &[
            Component::NlbHours,
            Component::NlbCapacity,
            Component::AlbHours,
            Component::AlbCapacity,
        ]
    }

    fn bill(&self, cx: &Context<'_>, bill: &mut Bill<'_>) -> Result<(), EngineError> {
        if cx.nlbs > 0 {
            bill.add(
                Component::NlbHours,
                cx.hourly(Component::NlbHours, cx.nlbs, "NLB[s]"),
            )?;
            nlb_capacity(cx, bill)?;
        }
        if cx.albs > 0 {
            bill.add(
                Component::AlbHours,
                cx.hourly(Component::AlbHours, cx.albs, "ALB[s]"),
            )?;
            alb_capacity(cx, bill)?;
        }
        Ok(())
    }

    fn sheet(&self, cx: &Context<'_>, sh: &mut Sheet<'_>) -> Result<(), EngineError> {
        let (nlbs, albs) = count_cells(cx, sh);
        if let Some(n) = nlbs {
            sh.hourly_item(Component::NlbHours, n)?;
            let load = sh.load();
            let per_hour = nlb_roles(cx)
                .into_iter()
                .flatten()
                .map(|(_, listener)| nlb_nlcu_cells(&load, listener))
                .reduce(|a, b| a + b)
                .unwrap_or_else(|| Expr::num(0));
            let per_hour = sh.figure("NLCU per hour, all NLB roles", "NLCU", per_hour);
            let q = sh.in_active_regions(per_hour * sh.hours());
            sh.item(Component::NlbCapacity, q)?;
        }
        if let Some(a) = albs {
            sh.hourly_item(Component::AlbHours, a)?;
            let load = sh.load();
            let per_hour = sh.figure("LCU per hour, one ALB role", "LCU", alb_lcu_cells(&load));
            let roles = Expr::num(alb_roles(cx).max(1));
            let q = sh.in_active_regions(per_hour * roles * sh.hours());
            sh.item(Component::AlbCapacity, q)?;
        }
        Ok(())
    }
}

/// The balancers of each kind in one Region, as formulas ([`Layout::load_balancer_counts`]):
/// `None` for a kind the layout has none of.
///
/// [`Layout::load_balancer_counts`]: crate::architecture::Layout::load_balancer_counts
fn count_cells(cx: &Context<'_>, sh: &Sheet<'_>) -> (Option<Expr>, Option<Expr>) {
    let l = cx.layout;
    let lbs = sh.input("layout.load_balancers");
    let (mut nlb, mut alb) = match l.integration {
        Integration::Nlb => (Some(lbs.clone()), None),
        Integration::Alb => (None, Some(lbs.clone())),
        Integration::NlbToAlb => (Some(lbs.clone()), Some(lbs.clone())),
        _ => (None, None),
    };
    if cx.topology().backend == Backend::Alb && alb.is_none() {
        alb = Some(lbs);
    }
    let plus = |sum: Option<Expr>, more: Expr| Some(sum.map_or(more.clone(), |s| s + more));
    if l.reach == Reach::PrivateLink {
        nlb = plus(nlb, sh.input("topology.backend_services"));
    }
    match l.facade {
        Facade::Nlb => nlb = plus(nlb, Expr::num(1)),
        Facade::Alb => alb = plus(alb, Expr::num(1)),
        _ => {}
    }
    (nlb, alb)
}

/// ALB roles carrying the Region's traffic: integration or backend ALB, and a facade (none: no
/// ALB on the path).
pub(crate) fn alb_roles(cx: &Context<'_>) -> u32 {
    cx.layout.alb_roles(cx.topology().backend)
}

/// An NLB role: what it is and the listener its capacity is metered on.
type Role = (&'static str, Listener);

/// The NLB roles of the layout, at most one of each.
fn nlb_roles(cx: &Context<'_>) -> [Option<Role>; 3] {
    let l = cx.layout;
    [
        match l.integration {
            Integration::Nlb => Some(("integration NLB", l.listener)),
            Integration::NlbToAlb => Some(("NLB in front of the ALB", Listener::Tcp)),
            _ => None,
        },
        (l.reach == Reach::PrivateLink).then_some(("endpoint-service NLBs", Listener::Tcp)),
        (l.facade == Facade::Nlb).then_some(("facade NLB", Listener::Tls)),
    ]
}

/// Capacity units summed over roles, keeping the dimension that sets them while every role
/// agrees, and saying "several dimensions" once two roles are set by different ones.
fn sum_units(total: Option<Units>, u: Units) -> Units {
    match total {
        None => u,
        Some(t) => Units {
            units: t.units + u.units,
            driver: if t.driver == u.driver {
                t.driver
            } else {
                SEVERAL_DRIVERS
            },
            dimensions: t.dimensions,
        },
    }
}

/// The driver of NLCUs summed over roles set by different dimensions.
const SEVERAL_DRIVERS: &str = "several dimensions (see the nlb-capacity formula)";

/// NLCUs summed over the roles: per month for the bill and, in detail, per hour for sizing and
/// the formula. The average hour and the peak each name their own driver (the peak can be set
/// by another dimension).
fn nlb_capacity(cx: &Context<'_>, bill: &mut Bill<'_>) -> Result<(), EngineError> {
    let roles = nlb_roles(cx);
    if roles.iter().all(Option::is_none) {
        return Ok(());
    }
    let unit_hours: Decimal = roles.iter().flatten().map(|r| cx.month_nlcu(r.1)).sum();
    let c = Component::NlbCapacity;
    let quantity = unit_hours * Decimal::from(cx.active_regions);
    if !cx.detail {
        // A lean estimate's sizing is counts only, and its formula the quantity.
        bill.sizing.nlb = Some(CapacitySizing::counted(cx.nlbs));
        return bill.add(c, cx.formula(c).billing(quantity));
    }
    let load = &cx.load;
    let (mut avg, mut pk) = (None, None);
    // Each role's average-hour units, for the note.
    let mut parts: [Option<(&'static str, Units)>; 3] = [None; 3];
    for (i, (what, listener)) in roles.into_iter().flatten().enumerate() {
        let u = nlb_nlcu(&load.hour, listener);
        avg = Some(sum_units(avg, u));
        pk = Some(sum_units(pk, nlb_nlcu(&load.peak, listener)));
        parts[i] = Some((what, u));
    }
    let (Some(avg), Some(pk)) = (avg, pk) else {
        return Ok(());
    };
    bill.sizing.nlb = Some(CapacitySizing {
        balancers: cx.nlbs,
        average: avg,
        peak: pk,
    });
    let f = cx
        .formula(c)
        .times(avg.units, "NLCU per hour")
        .times(cx.hours, "h")
        .times_if(cx.active_regions > 1, cx.active_regions, "active Region[s]")
        .billing(quantity)
        .noted(Some(nlb_note(&parts, avg.driver)));
    bill.add(c, f)
}

/// For several roles, each role's units and driver ("integration NLB 0.5 NLCU, set by processed
/// bytes + facade NLB …"); for one, "set by processed bytes".
fn nlb_note(parts: &[Option<(&'static str, Units)>], driver: &str) -> String {
    if parts.iter().flatten().count() < 2 {
        return set_by(driver);
    }
    let roles: Vec<String> = parts
        .iter()
        .flatten()
        .map(|(what, u)| {
            format!(
                "{what} {} NLCU, {}",
                crate::money::round_sig(u.units, 6, 6).normalize(),
                set_by(u.driver)
            )
        })
        .collect();
    roles.join(" + ")
}

/// "set by" the driving dimension, with the unit processed bytes are counted in.
fn set_by(driver: &str) -> String {
    if driver == "processed bytes" {
        "set by processed bytes, GB = 10^9 bytes as ELB meters them".to_owned()
    } else {
        format!("set by {driver}")
    }
}

/// LCUs of one ALB role × the ALB roles (integration or backend ALB, facade).
fn alb_capacity(cx: &Context<'_>, bill: &mut Bill<'_>) -> Result<(), EngineError> {
    let alb_roles = alb_roles(cx);
    let roles = Decimal::from(alb_roles.max(1));
    let c = Component::AlbCapacity;
    let quantity = cx.month_lcu() * roles * Decimal::from(cx.active_regions);
    if !cx.detail {
        // A lean estimate's sizing is counts only, and its formula the quantity.
        bill.sizing.alb = Some(CapacitySizing::counted(cx.albs));
        return bill.add(c, cx.formula(c).billing(quantity));
    }
    // The ALBs here never target Lambda functions or use mutual TLS.
    let lcu = |load: &Load| alb_lcu(load, false, false);
    let one = lcu(&cx.load.hour);
    let pk_one = lcu(&cx.load.peak);
    bill.sizing.alb = Some(CapacitySizing {
        balancers: cx.albs,
        average: Units {
            units: one.units * roles,
            ..one
        },
        peak: Units {
            units: pk_one.units * roles,
            ..pk_one
        },
    });
    let f = cx
        .formula(c)
        .times(one.units, "LCU per hour")
        .times_if(alb_roles > 1, alb_roles, "ALB role[s]")
        .times(cx.hours, "h")
        .times_if(cx.active_regions > 1, cx.active_regions, "active Region[s]")
        .billing(quantity)
        .noted(Some(set_by(one.driver)));
    bill.add(c, f)
}
