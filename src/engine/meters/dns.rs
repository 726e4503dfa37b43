//! DNS for private APIs: Route 53 Resolver inbound endpoints (on-premises clients resolving the
//! private API, and each Region of a multi-Region facade), paid per IP-hour and per query, and
//! the private hosted zones the design adds. An inbound endpoint has `layout.resolver_ips` IP
//! addresses (AWS's minimum is two, in two AZs), whatever the AZ count of the rest of the design.
//! A Route 53 alias (R3-alias) adds no hosted zone: API Gateway manages the alias records.

use rust_decimal::Decimal;

use super::Meter;
use crate::architecture::Facade;
use crate::component::Component;
use crate::engine::sheet::Sheet;
use crate::engine::units::PER_MILLION;
use crate::engine::{Bill, Context, EngineError};

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
        let ips = if l.has_resolver() { l.resolver_ips } else { 0 };
        bill.sizing.resolver_ips = ips * cx.regions;
        if ips > 0 {
            let c = Component::ResolverHours;
            bill.add(c, cx.hourly(c, ips, "IP address[es]"))?;
            if l.azs < 2 {
                bill.warn(|| format!(
                    "a Resolver inbound endpoint needs its IP addresses in at least two AZs: with availability_zones = {} the VPC needs a subnet in a second AZ for it ({ips} IPs priced)",
                    l.azs
                ));
            }
            resolver_queries(cx, bill)?;
        }
        hosted_zones(cx, bill)
    }

    fn sheet(&self, cx: &Context<'_>, sh: &mut Sheet<'_>) -> Result<(), EngineError> {
        let l = cx.layout;
        if l.has_resolver() {
            let ips = sh.input("layout.resolver_ips");
            sh.hourly_item(Component::ResolverHours, ips)?;
            let share = sh.requests() * sh.input("traffic.on_premises_share");
            let derived = share / sh.input("traffic.requests_per_connection");
            let queries = sh.input_or("traffic.dns_queries_per_month", derived);
            sh.item(Component::ResolverQueries, sh.millions(queries))?;
        }
        if l.facade == Facade::None {
            return Ok(());
        }
        sh.item(Component::HostedZones, sh.regions())
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
    let mut f = cx
        .formula(c)
        .times(queries, "queries")
        .per_million()
        .billing(queries * PER_MILLION);
    if cx.detail && t.dns_queries_per_month.is_none() {
        f = f.noted(Some(
            "one per on-premises connection; set traffic.dns_queries_per_month".into(),
        ));
    }
    bill.add(c, f)
}

/// One private hosted zone per Region behind a facade.
fn hosted_zones(cx: &Context<'_>, bill: &mut Bill<'_>) -> Result<(), EngineError> {
    if cx.layout.facade == Facade::None {
        return Ok(());
    }
    let c = Component::HostedZones;
    let f = cx
        .formula(c)
        .times(cx.regions, "private hosted zones (one per Region)")
        .billing(Decimal::from(cx.regions));
    bill.add(c, f)
}
