//! On-premises access in the code: Site-to-Site VPN connections (and the customer and virtual
//! private gateways that show one), Direct Connect connections, gateways and virtual
//! interfaces, and Route 53 Resolver inbound endpoints for on-premises DNS. They fix
//! `topology.on_premises` and its connections; how much of the traffic comes from on premises
//! is not in the code, so it is assumed, and said.

use crate::derived::{Assumed, Origin};

use super::graph::{Estate, Link, Part, Resource};
use super::recognise::{Recognised, derived};

/// `traffic.on_premises_share` when the code has an on-premises link and `--usage` says
/// nothing: half the requests, the middle of what the link can carry.
pub const ASSUMED_SHARE: f64 = 0.5;

/// The on-premises links of the estate, of the kind that decides the key: Direct Connect when
/// the code has any, else VPN.
pub fn links(estate: &Estate) -> Option<(Link, Vec<&Resource>)> {
    let all: Vec<(&Resource, Link, bool)> = estate
        .resources
        .iter()
        .filter_map(|r| match r.part {
            Part::OnPremises {
                link, connection, ..
            } => Some((r, link, connection)),
            _ => None,
        })
        .collect();
    let dx = all.iter().any(|(_, l, _)| *l == Link::DirectConnect);
    let kind = if dx { Link::DirectConnect } else { Link::Vpn };
    let of_kind: Vec<&Resource> = all
        .iter()
        .filter(|(_, l, _)| *l == kind)
        .map(|(r, _, _)| *r)
        .collect();
    (!of_kind.is_empty()).then_some((kind, of_kind))
}

/// Adds `topology.on_premises` and `topology.on_premises_connections`, and assumes the share.
pub fn derive(estate: &Estate, r: &mut Recognised) {
    let Some((link, resources)) = links(estate) else {
        if let Some(res) = inbound_resolver(estate) {
            r.unknown.push((
                "topology.on_premises".into(),
                format!(
                    "{} {} is a Resolver inbound endpoint for on-premises DNS, but the link (VPN or Direct Connect) is not in the code",
                    res.kind, res.name
                ),
            ));
        }
        return;
    };
    let (value, what) = match link {
        Link::Vpn => ("vpn", "VPN connection"),
        Link::DirectConnect => ("direct-connect", "Direct Connect connection"),
    };
    let from: Vec<Origin> = resources.iter().map(|res| res.origin()).collect();
    r.derived
        .push(derived("topology.on_premises", value.into(), from));
    let connections: Vec<Origin> = resources
        .iter()
        .filter(|res| {
            matches!(
                res.part,
                Part::OnPremises {
                    connection: true,
                    ..
                }
            )
        })
        .map(|res| res.origin())
        .collect();
    match connections.len() {
        0 => r.unknown.push((
            "topology.on_premises_connections".into(),
            format!("the code shows a {what} is used but does not make it: how many there are is not in it"),
        )),
        n => r.derived.push(derived(
            "topology.on_premises_connections",
            (n.min(100) as i64).into(),
            connections,
        )),
    }
    let tgw = resources
        .iter()
        .filter(|res| matches!(res.part, Part::OnPremises { tgw: true, .. }))
        .count();
    if tgw > 0 {
        r.differs.push(format!(
            "{tgw} on-premises link resource(s) attach to a Transit Gateway: its attachment hours and data processing are not priced"
        ));
    }
    r.assumed.push(Assumed {
        key: "traffic.on_premises_share".into(),
        value: ASSUMED_SHARE.into(),
        why: format!(
            "the code has a {what} but not how much of the traffic comes over it; pass --usage with traffic.on_premises_share"
        ),
    });
}

/// The first Resolver endpoint that on-premises DNS forwards to.
pub fn inbound_resolver(estate: &Estate) -> Option<&Resource> {
    estate
        .resources
        .iter()
        .find(|e| matches!(e.part, Part::ResolverEndpoint { inbound: true, .. }))
}
