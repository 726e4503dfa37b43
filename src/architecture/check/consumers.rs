//! How consumers get to a private API: from inside the network only, through interface
//! endpoints (per VPC or shared over Transit Gateway), with a DNS option for on-premises
//! clients, and a facade in each Region of a multi-Region design.

use rust_decimal::Decimal;

use super::Findings;
use crate::architecture::{Api, Dns, Endpoints, Facade, Layout};
use crate::scenario::{OnPremises, Scenario};

/// A private API is reachable only from inside the network (the consumer VPCs, on premises
/// over Direct Connect or VPN): clients on the internet, `1 − traffic.vpc_client_share −
/// traffic.on_premises_share` of the requests, need a public API.
pub(super) fn internet_clients(l: &Layout, s: &Scenario, r: &mut Findings) {
    if l.api != Api::PrivateRest {
        return;
    }
    let internet = s.traffic.internet_share();
    r.require(
        internet.is_zero(),
        "OR(ISBLANK(traffic_vpc_client_share),traffic_vpc_client_share+traffic_on_premises_share>=1)",
        "a private API is reachable only from inside the network: requests from the internet \
         (1 − traffic.vpc_client_share − traffic.on_premises_share) need a public API",
        || {
            format!(
                "a private API is reachable only from inside the network; {}% of requests come \
                 from the internet (1 − traffic.vpc_client_share − traffic.on_premises_share)",
                (internet * Decimal::ONE_HUNDRED).normalize()
            )
        },
    );
}

/// A shared endpoint is reached by routing, so the CIDRs must not overlap.
pub(super) fn shared_endpoint(l: &Layout, s: &Scenario, r: &mut Findings) {
    if l.endpoints == Endpoints::SharedTgw && s.topology.overlapping_cidrs {
        r.add(|| {
            "a shared endpoint over Transit Gateway needs non-overlapping CIDRs \
             (topology.overlapping_cidrs)"
        });
    }
}

/// A private REST API has no other way in than interface endpoints.
pub(super) fn interface_endpoints(l: &Layout, _: &Scenario, r: &mut Findings) {
    if l.api == Api::PrivateRest && l.endpoints == Endpoints::None {
        r.add(|| "a private REST API is reachable only through interface VPC endpoints");
    }
}

/// On-premises clients resolve the private API's name through one of the DNS options.
pub(super) fn on_premises_dns(l: &Layout, s: &Scenario, r: &mut Findings) {
    if l.api == Api::PrivateRest && s.topology.on_premises != OnPremises::None && l.dns == Dns::None
    {
        r.add(|| "on-premises clients need a DNS option to resolve the private API");
    }
}

/// Each Region of a multi-Region private API is fronted by a facade.
pub(super) fn multi_region_facade(l: &Layout, s: &Scenario, r: &mut Findings) {
    if l.api == Api::PrivateRest && l.facade == Facade::None {
        r.require(
            s.topology.regions <= 1,
            "topology_regions=1",
            "a private API in several Regions (topology.regions) needs a facade",
            || {
                "a private API in several Regions needs a facade (NLB, ALB or private custom \
                 domain name)"
            },
        );
    }
}
