//! The space `recommend` searches, and its ranking. The space is the product of independent
//! choices ([`AXES`]), each listing the values it can take given the choices before it, so a
//! new cost lever is one axis function and one line. Every layout is judged by
//! [`architecture::check`] (via [`architecture::fits`], which words no reasons) and priced; the feasible ones are ranked by cost, then by how few
//! choices differ from the current layout, then by their place in the space.

use rust_decimal::Decimal;

use super::Pricing;
use super::explain::distance;
use crate::architecture::{
    self, Api, Dns, Endpoints, Facade, Integration, Layout, Reach, Strictness,
};
use crate::engine::EngineError;
use crate::scenario::{OnPremises, Scenario};

/// One choice of the search: pushes `l` once for each value the choice can take, given the
/// choices already made in `l`.
type Axis = fn(&Scenario, &Layout, &mut Vec<Layout>);

/// The choices, outermost first: the order of the space, which settles ties.
const AXES: &[Axis] = &[api, endpoints, integration, reach, dns, facade, azs];

/// Every layout in the space for this scenario, before feasibility. `base` carries the
/// refinements that are not cost levers (listener, private DNS, cache, Lambda sizing, mode).
pub fn layout_space(s: &Scenario, base: &Layout) -> Vec<Layout> {
    let mut layouts = vec![Layout {
        endpoints_per_vpc: 1,
        load_balancers: 1,
        ..base.clone()
    }];
    for axis in AXES {
        let mut next = Vec::with_capacity(layouts.len() * 3);
        for l in &layouts {
            axis(s, l, &mut next);
        }
        layouts = next;
    }
    layouts
}

/// A feasible layout with its monthly cost and its distance from the current layout.
pub(super) struct Ranked {
    pub cost: Decimal,
    pub distance: usize,
    pub layout: Layout,
}

/// Every feasible layout of the space, cheapest first; at equal cost the one fewest choices
/// away from `current` first, then the order of the space. Layouts the price table cannot
/// price are left out of the ranking and returned apart, each with what it lacks.
pub(super) fn rank(
    s: &Scenario,
    base: &Layout,
    current: Option<&Layout>,
    pricing: Pricing<'_>,
) -> (Vec<Ranked>, Vec<(Layout, EngineError)>) {
    let mut ranked = Vec::new();
    let mut unpriced = Vec::new();
    for layout in layout_space(s, base) {
        if !architecture::fits(&layout, s, Strictness::Pattern) {
            continue;
        }
        match pricing.cost(s, &layout) {
            Ok(cost) => {
                let distance = current.map_or(0, |cur| distance(cur, &layout));
                ranked.push(Ranked {
                    cost,
                    distance,
                    layout,
                });
            }
            Err(e) => unpriced.push((layout, e)),
        }
    }
    ranked.sort_by_key(|r| (r.cost, r.distance));
    (ranked, unpriced)
}

/// Pushes a copy of `l` for each value, set by `set`.
fn each<T>(
    l: &Layout,
    values: impl IntoIterator<Item = T>,
    set: fn(&mut Layout, T),
    out: &mut Vec<Layout>,
) {
    for value in values {
        let mut next = l.clone();
        set(&mut next, value);
        out.push(next);
    }
}

fn api(_: &Scenario, l: &Layout, out: &mut Vec<Layout>) {
    let apis = [Api::PrivateRest, Api::Http, Api::WebSocket];
    each(l, apis, |l, v| l.api = v, out);
}

/// A private API's endpoints are in every consumer VPC or shared; other APIs have none.
fn endpoints(_: &Scenario, l: &Layout, out: &mut Vec<Layout>) {
    let values: &[Endpoints] = if l.api == Api::PrivateRest {
        &[Endpoints::PerVpc, Endpoints::SharedTgw]
    } else {
        &[Endpoints::None]
    };
    each(l, values.iter().copied(), |l, v| l.endpoints = v, out);
}

fn integration(_: &Scenario, l: &Layout, out: &mut Vec<Layout>) {
    let integrations = [
        Integration::Direct,
        Integration::Nlb,
        Integration::Alb,
        Integration::NlbToAlb,
        Integration::CloudMap,
        Integration::LambdaProxy,
    ];
    each(l, integrations, |l, v| l.integration = v, out);
}

/// The ways into other accounts, when backends in a VPC are in other accounts.
fn reach(s: &Scenario, l: &Layout, out: &mut Vec<Layout>) {
    let t = &s.topology;
    let values: &[Reach] = if t.backend.in_vpc() && t.backend_accounts > 1 {
        &[Reach::PrivateLink, Reach::Peering, Reach::TransitGateway]
    } else {
        &[Reach::SameAccount]
    };
    each(l, values.iter().copied(), |l, v| l.reach = v, out);
}

/// The DNS options, for a private API with on-premises clients.
fn dns(s: &Scenario, l: &Layout, out: &mut Vec<Layout>) {
    let values: &[Dns] = if l.api == Api::PrivateRest && s.topology.on_premises != OnPremises::None
    {
        &[Dns::Resolver, Dns::Alias, Dns::PublicName]
    } else {
        &[Dns::None]
    };
    each(l, values.iter().copied(), |l, v| l.dns = v, out);
}

/// The facades, for a private API in several Regions.
fn facade(s: &Scenario, l: &Layout, out: &mut Vec<Layout>) {
    let values: &[Facade] = if l.api == Api::PrivateRest && s.topology.regions > 1 {
        &[Facade::Nlb, Facade::Alb, Facade::CustomDomain]
    } else {
        &[Facade::None]
    };
    each(l, values.iter().copied(), |l, v| l.facade = v, out);
}

/// From the required minimum (or every AZ, if the estate has fewer) to every AZ.
fn azs(s: &Scenario, l: &Layout, out: &mut Vec<Layout>) {
    let all = s.topology.availability_zones;
    let min = s.requirements.min_availability_zones.min(all);
    each(l, min..=all, |l, v| l.azs = v, out);
}
