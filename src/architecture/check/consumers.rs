//! How consumers get to a private API: interface endpoints (per VPC or shared over Transit
//! Gateway), a DNS option for on-premises clients, a facade in each Region of a multi-Region
//! design.

use super::Findings;
use crate::architecture::{Api, Dns, Endpoints, Facade, Layout};
use crate::scenario::{OnPremises, Scenario};

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
