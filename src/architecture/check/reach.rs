//! Backends in other accounts: how the API's account reaches them (PrivateLink, peering,
//! Transit Gateway) and what each way needs. Lambda backends are invoked across accounts by
//! resource-based policy, so none of this applies to them.

use super::Findings;
use crate::architecture::{Integration, Layout, Reach};
use crate::scenario::Scenario;

/// A way across accounts exactly when the backends are in other accounts.
pub(super) fn accounts(l: &Layout, s: &Scenario, r: &mut Findings) {
    let t = &s.topology;
    if !t.backend.in_vpc() {
        return;
    }
    let several = t.backend_accounts > 1;
    match l.reach {
        Reach::SameAccount => r.require(
            !several,
            "topology_backend_accounts=1",
            "backends in several accounts (topology.backend_accounts) need a cross-account layout",
            || {
                format!(
                    "the VPC link, its load balancer and the API must be in one account; backends \
                     are in {} accounts (topology.backend_accounts)",
                    t.backend_accounts
                )
            },
        ),
        Reach::PrivateLink | Reach::Peering | Reach::TransitGateway => r.require(
            several,
            "topology_backend_accounts>1",
            "a cross-account layout needs backends in several accounts (topology.backend_accounts)",
            || "backends are all in one account (topology.backend_accounts is 1)",
        ),
    }
}

/// Routing between VPCs (peering, Transit Gateway) needs CIDRs that do not overlap.
pub(super) fn routing(l: &Layout, s: &Scenario, r: &mut Findings) {
    let t = &s.topology;
    if !t.backend.in_vpc() || !t.overlapping_cidrs {
        return;
    }
    let way = match l.reach {
        Reach::Peering => "peering",
        Reach::TransitGateway => "Transit Gateway routing",
        Reach::SameAccount | Reach::PrivateLink => return,
    };
    r.add(|| format!("{way} needs non-overlapping CIDRs (topology.overlapping_cidrs is true)"));
}

/// This model's VPC-enabled Lambda proxy calls backends in its own account only.
pub(super) fn lambda_proxy(l: &Layout, s: &Scenario, r: &mut Findings) {
    if s.topology.backend.in_vpc()
        && l.reach != Reach::SameAccount
        && l.integration == Integration::LambdaProxy
    {
        r.add(|| "a Lambda proxy reaches backends in its own account only in this model");
    }
}
