//! DNS for private APIs: Route 53 Resolver inbound endpoints (on-premises clients resolving the
//! private API, and each Region of a multi-Region facade), paid per IP-hour and per query, and
//! the private hosted zones the design adds.

use rust_decimal::Decimal;

use super::Meter;
use crate::architecture::{Dns as Resolution, Facade};
use crate::component::Component;
use crate::engine::sheet::{Expr, Sheet};
use crate::engine::units::PER_MILLION;
use crate::engine::{Bill, Context, EngineError, Formula};

pub struct Dns;

impl Meter for Dns {
    fn name(&self) -> &'static str {
        "dns"
    }

    fn components(&self) -> &'static [Component] {
        &[
            Component::ResolverHours,
            Component::ResolverQueries,
            Component::HostedZones,
        ]
    }

    fn bill(&self, cx: &Context<'_>, bill: &mut Bill<'_>) -> Result<(), EngineError> {
        let l = cx.layout;
        let resolver = l.dns == Resolution::Resolver || l.facade != Facade::None;
        // An inbound endpoint has an IP address in each AZ, at least two.
        let ips = if resolver { l.azs.max(2) } else { 0 };
        bill.sizing.resolver_ips = ips * cx.regions;
        if resolver {
            let c = Component::ResolverHours;
            bill.add(c, cx.hourly(c, ips, "IP address[es]"))?;
            resolver_queries(cx, bill)?;
        }
        hosted_zones(cx, bill)
    }

    fn sheet(&self, cx: &Context<'_>, sh: &mut Sheet<'_>) -> Result<(), EngineError> {
        let l = cx.layout;
        if l.dns == Resolution::Resolver || l.facade != Facade::None {
            let ips = Expr::max(&[sh.input("topology.availability_zones"), Expr::num(2)]);
            sh.hourly_item(Component::ResolverHours, ips)?;
            let share = sh.requests() * sh.input("traffic.on_premises_share");
            let derived = share / sh.input("traffic.requests_per_connection");
            let queries = sh.input_or("traffic.dns_queries_per_month", derived);
            sh.item(Component::ResolverQueries, sh.millions(queries))?;
        }
        let zones = match (l.dns, l.facade) {
            (_, Facade::Nlb | Facade::Alb | Facade::CustomDomain) => sh.regions(),
            (Resolution::Alias, _) => Expr::num(1),
            _ => return Ok(()),
        };
        sh.item(Component::HostedZones, zones)
    }
}

/// The scenario's DNS queries, or one per on-premises connection.
fn resolver_queries(cx: &Context<'_>, bill: &mut Bill<'_>) -> Result<(), EngineError> {
    let t = cx.traffic();
    let on_prem_requests = cx.requests * t.on_premises_share;
    let queries = t
        .dns_queries_per_month
        .unwrap_or(on_prem_requests / t.requests_per_connection);
    let c = Component::ResolverQueries;
    let mut f = Formula::of(c)
        .times(queries, "queries")
        .per_million()
        .billing(queries * PER_MILLION);
    if cx.detail && t.dns_queries_per_month.is_none() {
        f.note = Some("one per on-premises connection; set traffic.dns_queries_per_month".into());
    }
    bill.add(c, f)
}

/// One private hosted zone per Region behind a facade; one for a Route 53 alias.
fn hosted_zones(cx: &Context<'_>, bill: &mut Bill<'_>) -> Result<(), EngineError> {
    let l = cx.layout;
    let zones = match (l.dns, l.facade) {
        (_, Facade::Nlb | Facade::Alb | Facade::CustomDomain) => cx.regions,
        (Resolution::Alias, _) => 1,
        _ => 0,
    };
    if zones == 0 {
        return Ok(());
    }
    let c = Component::HostedZones;
    let what = if l.facade == Facade::None {
        "hosted zone"
    } else {
        "private hosted zones (one per Region)"
    };
    let f = Formula::of(c)
        .times(zones, what)
        .billing(Decimal::from(zones));
    bill.add(c, f)
}
