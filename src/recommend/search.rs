//! The space `recommend` searches, and its ranking. The space is the product of independent
//! choices ([`AXES`]), each listing the values it can take given the choices before it, so a
//! new cost lever is one axis function and one line. Every layout is judged by
//! [`architecture::check`] (via [`architecture::fits`], which words no reasons) and priced; the
//! feasible ones are ranked by cost, then by how few choices differ from the current layout,
//! then by their place in the space.

use rust_decimal::Decimal;

use super::Pricing;
use super::explain::distance;
use crate::architecture::{
    self, Api, Dns, Endpoints, Facade, Integration, Layout, Reach, Strictness,
};
use crate::engine::EngineError;
use crate::scenario::{CACHE_SIZES, OnPremises, Scenario};

/// One choice of the search: pushes `l` once for each value the choice can take, given the
/// choices already made in `l`.
type Axis = fn(&Scenario, &Layout, &mut Vec<Layout>);

/// The choices, outermost first: the order of the space, which settles ties.
const AXES: &[Axis] = &[
    api,
    endpoints,
    integration,
    reach,
    dns,
    facade,
    azs,
    cache,
    waf,
    resolver_ips,
];

/// Every layout in the space for this scenario, before feasibility. `base` carries the
/// refinements that are not cost levers (listener, private DNS, Lambda sizing, mode) and the
/// current cache, web ACL and Resolver IPs, which the search only ever lowers or removes.
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
    let apis = [
        Api::PrivateRest,
        Api::RegionalRest,
        Api::Http,
        Api::WebSocket,
    ];
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

/// The DNS options, for a private API with on-premises clients; a private API keeps the current
/// layout's option too, so that not changing it is always in the space.
fn dns(s: &Scenario, l: &Layout, out: &mut Vec<Layout>) {
    let private = l.api == Api::PrivateRest;
    let values: &[Dns] = if private && s.topology.on_premises != OnPremises::None {
        &[Dns::Resolver, Dns::Alias, Dns::PublicName]
    } else {
        &[Dns::None]
    };
    let keep = (private && !values.contains(&l.dns)).then_some(l.dns);
    each(l, values.iter().copied().chain(keep), |l, v| l.dns = v, out);
}

/// The facades, for a private API in several Regions; a private API keeps the current layout's
/// facade too.
fn facade(s: &Scenario, l: &Layout, out: &mut Vec<Layout>) {
    let private = l.api == Api::PrivateRest;
    let values: &[Facade] = if private && s.topology.regions > 1 {
        &[Facade::Nlb, Facade::Alb, Facade::CustomDomain]
    } else {
        &[Facade::None]
    };
    let keep = (private && !values.contains(&l.facade)).then_some(l.facade);
    each(
        l,
        values.iter().copied().chain(keep),
        |l, v| l.facade = v,
        out,
    );
}

/// From the required minimum (or every AZ, if the estate has fewer) to every AZ.
fn azs(s: &Scenario, l: &Layout, out: &mut Vec<Layout>) {
    let all = s.topology.availability_zones;
    let min = s.requirements.min_availability_zones.min(all);
    each(l, min..=all, |l, v| l.azs = v, out);
}

/// A REST API's cache: the current size or a smaller one, or none when `caching` is not
/// required; other APIs have none. A bigger cache never costs less, so it is not searched.
fn cache(s: &Scenario, l: &Layout, out: &mut Vec<Layout>) {
    if !l.api.is_rest() {
        return each(l, [None], |l, v| l.cache_gb = v, out);
    }
    let required = s.requirements.needs("caching");
    let current = s.requirements.rest_cache_gb(l.cache_gb);
    let smaller = CACHE_SIZES
        .iter()
        .filter_map(|size| size.parse::<Decimal>().ok())
        .filter(|size| current.is_some_and(|c| *size <= c))
        .map(Some);
    let none = (!required).then_some(None);
    each(
        l,
        none.into_iter().chain(smaller),
        |l, v| l.cache_gb = v,
        out,
    );
}

/// A REST API's web ACL: kept (with its rules) when `waf` is required, the current one or none
/// otherwise; other APIs cannot have one.
fn waf(s: &Scenario, l: &Layout, out: &mut Vec<Layout>) {
    let current = l.waf_rules;
    let values: &[Option<u32>] = match (l.api.is_rest(), s.requirements.needs("waf"), current) {
        (false, _, _) => &[None],
        (true, true, _) => &[s.requirements.rest_waf_rules(current)],
        (true, false, Some(_)) => &[None, current],
        (true, false, None) => &[None],
    };
    each(l, values.iter().copied(), |l, v| l.waf_rules = v, out);
}

/// A Resolver inbound endpoint's IP addresses: from AWS's minimum of two to the current count;
/// unchanged where the layout has no Resolver endpoint (the count would have no effect).
fn resolver_ips(_: &Scenario, l: &Layout, out: &mut Vec<Layout>) {
    if !l.has_resolver() {
        return each(l, [l.resolver_ips], |l, v| l.resolver_ips = v, out);
    }
    each(l, 2..=l.resolver_ips.max(2), |l, v| l.resolver_ips = v, out);
}
