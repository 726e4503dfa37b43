//! Interface VPC endpoints: consumers' `execute-api` endpoints (one per consumer VPC, or one
//! shared over Transit Gateway) and PrivateLink endpoints to resource accounts' endpoint
//! services, paid per AZ-hour in every Region, plus the data they process per hop.

use rust_decimal::Decimal;

use super::Meter;
use crate::architecture::{Api, Endpoints as Placement, Layout, Reach};
use crate::component::Component;
use crate::engine::sheet::{Expr, Sheet};
use crate::engine::units::GB_PER_KB;
use crate::engine::{Bill, Context, EngineError, Formula};

pub struct Endpoints;

impl Meter for Endpoints {
    fn name(&self) -> &'static str {
        "endpoints"
    }

    fn components(&self) -> &'static [Component] {
        &[Component::EndpointHours, Component::EndpointData]
    }

    fn bill(&self, cx: &Context<'_>, bill: &mut Bill<'_>) -> Result<(), EngineError> {
        let count = Count::of(cx);
        let per_region = count.per_region();
        bill.sizing.endpoints = per_region * cx.regions;
        bill.sizing.endpoint_enis = per_region * cx.regions * cx.layout.azs;
        if per_region > 0 {
            bill.add(Component::EndpointHours, hours(cx, count))?;
        }
        data(cx, bill)
    }

    fn sheet(&self, cx: &Context<'_>, sh: &mut Sheet<'_>) -> Result<(), EngineError> {
        let l = cx.layout;
        let per_vpc = sh.input("layout.endpoints_per_vpc");
        let consumer = match l.endpoints {
            Placement::None => None,
            Placement::PerVpc => Some(sh.input("topology.consumer_vpcs") * per_vpc),
            Placement::SharedTgw => Some(per_vpc),
        };
        let backend =
            (l.reach == Reach::PrivateLink).then(|| sh.input("topology.backend_services"));
        let count = match (consumer, backend) {
            (Some(c), Some(b)) => Some(c + b),
            (c, b) => c.or(b),
        };
        if let Some(count) = count {
            let q = sh.hourly(count * sh.input("topology.availability_zones"));
            sh.item(Component::EndpointHours, q)?;
        }
        let hops = hops(l);
        if hops == 0 {
            return Ok(());
        }
        let mut kb = sh.requests() * sh.payload_kb();
        if hops > 1 {
            kb = kb * Expr::num(hops);
        }
        let gb = sh.gb(kb);
        sh.item_tiered(Component::EndpointData, gb, true)
    }
}

/// Interface endpoints in one Region.
#[derive(Debug, Clone, Copy)]
pub struct Count {
    /// Consumers' `execute-api` endpoints.
    pub consumer: u32,
    /// Endpoints to resource accounts' endpoint services (PrivateLink).
    pub backend: u32,
}

impl Count {
    pub fn of(cx: &Context<'_>) -> Count {
        let l = cx.layout;
        let topo = cx.topology();
        Count {
            consumer: match l.endpoints {
                Placement::None => 0,
                Placement::PerVpc => topo.consumer_vpcs * l.endpoints_per_vpc,
                Placement::SharedTgw => l.endpoints_per_vpc,
            },
            backend: if l.reach == Reach::PrivateLink {
                topo.backend_services
            } else {
                0
            },
        }
    }

    pub fn per_region(self) -> u32 {
        self.consumer + self.backend
    }
}

/// Endpoints × Regions × AZs × hours, the endpoints described by where they are.
fn hours(cx: &Context<'_>, count: Count) -> Formula {
    let l = cx.layout;
    let f = cx.formula(Component::EndpointHours);
    let mut f = match (count.consumer, count.backend, l.endpoints) {
        (v, 0, Placement::PerVpc) if l.endpoints_per_vpc == 1 => {
            f.times(v, "endpoint[s] (one per consumer VPC)")
        }
        (_, 0, Placement::PerVpc) => f
            .times(cx.topology().consumer_vpcs, "VPC[s]")
            .times(l.endpoints_per_vpc, "endpoints per VPC"),
        (v, 0, _) => f.times(v, "shared endpoint[s]"),
        (0, b, _) => f.times(b, "endpoint[s] (one per backend service)"),
        (v, b, _) => {
            let mut f = f.times(v + b, "endpoint[s]");
            f = f.noted(cx.detail.then(|| {
                use crate::money::count;
                let (v, b) = (
                    count(v, "consumer endpoint[s]"),
                    count(b, "backend-service endpoint[s]"),
                );
                format!("{v} + {b}")
            }));
            f
        }
    };
    f = f
        .times_if(cx.regions > 1, cx.regions, "Region[s]")
        .times(l.azs, "AZ[s]")
        .times(cx.hours, "h");
    let quantity = Decimal::from(count.per_region() * cx.regions * l.azs) * cx.hours;
    f.billing(quantity)
}

/// Endpoint hops a request and its response pass through: the private API's own endpoint, and
/// the PrivateLink endpoint to the backend.
fn hops(l: &Layout) -> u32 {
    u32::from(l.api == Api::PrivateRest) + u32::from(l.reach == Reach::PrivateLink)
}

/// Request and response through each endpoint hop ([`hops`]).
fn data(cx: &Context<'_>, bill: &mut Bill<'_>) -> Result<(), EngineError> {
    let hops = hops(cx.layout);
    if hops == 0 {
        return Ok(());
    }
    let c = Component::EndpointData;
    let f = cx
        .formula(c)
        .times(cx.requests, "requests")
        .times(cx.payload_kb, "KB in and out")
        .times_if(hops > 1, hops, "endpoint hops")
        .kb_to_gb()
        .billing(cx.requests * cx.payload_kb * Decimal::from(hops) * GB_PER_KB)
        .tiered_per_region(cx.per_region);
    bill.add(c, f)
}
