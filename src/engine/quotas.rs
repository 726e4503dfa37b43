//! Warnings beside the cost: the scenario's requirements a layout breaks (`estimate` prices such
//! a layout, product.md), service quotas it would exceed, and whitepaper cautions about the
//! choices it makes. They cost nothing, so no meter owns them; they run after the meters, from
//! the same context and the sizing the meters found, and only when the estimate is wanted in
//! detail.

use rust_decimal::Decimal;

use super::meters::{endpoints, load_balancers};
use super::{Context, Sizing};
use crate::architecture::{Api, Dns, Reach};

/// How an estimate's warning begins when its layout breaks a requirement (the compare view
/// finds them by it).
pub const BROKEN: &str = "breaks a requirement: ";

/// Appends the broken requirements, the quota warnings, then the whitepaper cautions, to `w`.
pub fn warn(cx: &Context<'_>, sizing: &Sizing, w: &mut Vec<String>) {
    for reason in crate::architecture::broken_requirements(cx.layout, cx.scenario) {
        w.push(format!("{BROKEN}{reason}"));
    }
    quotas(cx, sizing, w);
    cautions(cx, w);
}

/// Service quotas and requirements the layout exceeds or misses.
fn quotas(cx: &Context<'_>, sizing: &Sizing, w: &mut Vec<String>) {
    let l = cx.layout;
    let topo = cx.topology();
    if sizing.peak_rps > Decimal::from(10_000) {
        w.push(format!(
            "peak rate {} requests/s is above the account throttle quota of 10,000 requests/s per Region (adjustable): request an increase",
            crate::money::number(sizing.peak_rps, 0)
        ));
    }
    let (link_quota, kind) = if l.vpc_link_v2() && l.api == Api::Http {
        (10, "HTTP")
    } else {
        (20, "REST")
    };
    let links = l.vpc_links();
    if links > link_quota {
        w.push(format!("{links} VPC links exceed the quota of {link_quota} {kind} VPC links per account per Region"));
    }
    if load_balancers::alb_roles(cx) > 0 && l.azs < 2 {
        w.push(format!(
            "an Application Load Balancer needs at least two AZs; this layout uses {}",
            l.azs
        ));
    }
    // Said of the default only: a scenario that states `private_dns = true` has chosen it.
    let stated = cx
        .scenario
        .layout
        .as_ref()
        .is_some_and(|s| s.private_dns_stated);
    if l.api == Api::PrivateRest && l.private_dns && !stated {
        w.push(
            "private DNS is on for the execute-api endpoint: public (regional and edge-optimized) APIs are unreachable from those VPCs (layout.private_dns)"
                .into(),
        );
    }
    if l.api == Api::PrivateRest && topo.apis > 600 {
        w.push(format!(
            "{} private APIs exceed the fixed quota of 600 private APIs per account per Region",
            topo.apis
        ));
    }
    // Only the backend-service endpoints are in the central VPC; consumer endpoints are in the
    // consumers' own VPCs.
    let central = endpoints::Count::of(cx).backend;
    if l.reach == Reach::PrivateLink && central > 50 {
        w.push(format!(
            "{central} interface endpoints in the central VPC exceed the quota of 50 per VPC"
        ));
    }
}

/// What the whitepaper says to watch for with the layout's choices.
fn cautions(cx: &Context<'_>, w: &mut Vec<String>) {
    let l = cx.layout;
    if l.endpoints_per_vpc > 1 {
        w.push(format!(
            "{} execute-api endpoints per VPC: one endpoint serves every private API in the Region",
            l.endpoints_per_vpc
        ));
    }
    if l.dns == Dns::PublicName {
        w.push("clients use the endpoint's public DNS name with a Host or x-apigw-api-id header: browser CORS breaks".into());
    }
    if l.dns == Dns::Alias {
        w.push("Route 53 alias names need each endpoint associated with each API".into());
    }
    if cx.regions > 1 {
        w.push(format!(
            "every Region is priced at {} prices",
            cx.scenario.region
        ));
    }
    if cx.options.free_tier && cx.prices.free_tier.allowances.is_empty() {
        w.push(format!(
            "--free-tier takes nothing off: the {} price table has no API Gateway free tier",
            cx.prices.region
        ));
    }
    if cx.options.always_free && !cx.always_free() {
        w.push(format!(
            "--always-free takes nothing off: AWS's always-free allowances are not offered in {}",
            cx.scenario.region
        ));
    }
}
