//! From a pattern to a layout for one scenario: the pattern's own choices, the scenario's facts
//! for the choices it leaves open, the `[layout]` refinements for the rest; and the three ways
//! the callers judge the result (strictly for `compare`, as `estimate` does, or not at all).

use super::check::{self, Condition, Strictness, check};
use super::{Api, Backend, Dns, Endpoints, Facade, Integration, Layout, Pattern, Reach, Reasons};
use rust_decimal::Decimal;

use crate::scenario::{LayoutSpec, OnPremises, Scenario};

/// Builds the layout a pattern has for this scenario: the pattern's own choices, the
/// scenario's facts for the rest, `spec`'s refinements. `Err` lists why the pattern does not
/// apply: its unmet needs if any, else every rule it breaks.
pub fn resolve(
    pattern: &Pattern,
    s: &Scenario,
    spec: Option<&LayoutSpec>,
) -> Result<Layout, Reasons> {
    let unmet = unmet_needs(pattern, s);
    if !unmet.is_empty() {
        return Err(unmet);
    }
    let layout = build(pattern, s, spec);
    check(&layout, s, Strictness::Pattern).map(|()| layout)
}

/// The layout of a scenario's own `[layout]` (or `--architecture`), judged as `estimate` judges
/// it: the pattern's needs and the hard rules refuse, the soft ones (AZ minimums, an ALB in one
/// AZ) are left to warnings. `Err` lists every reason.
pub fn resolve_own(
    pattern: &Pattern,
    s: &Scenario,
    spec: Option<&LayoutSpec>,
) -> Result<Layout, Reasons> {
    let layout = build(pattern, s, spec);
    let mut reasons = unmet_needs(pattern, s);
    if let Err(mut r) = check(&layout, s, Strictness::Estimate) {
        reasons.append(&mut r);
    }
    if reasons.is_empty() {
        Ok(layout)
    } else {
        Err(reasons)
    }
}

/// [`resolve`] (or, with `own`, [`resolve_own`]) without wording a reason: the layout when it
/// applies, for callers that judge thousands of steps and show none of the reasons (`sweep`).
pub fn resolve_quietly(
    pattern: &Pattern,
    s: &Scenario,
    spec: Option<&LayoutSpec>,
    own: bool,
) -> Option<Layout> {
    if pattern.needs.iter().any(|n| n.unmet(s).is_some()) {
        return None;
    }
    let layout = build(pattern, s, spec);
    let strictness = if own {
        Strictness::Estimate
    } else {
        Strictness::Pattern
    };
    check::fits(&layout, s, strictness).then_some(layout)
}

/// The layout a pattern has for this scenario, without judging whether it applies.
pub fn resolve_lenient(pattern: &Pattern, s: &Scenario, spec: Option<&LayoutSpec>) -> Layout {
    build(pattern, s, spec)
}

/// Every test on numeric inputs that keeps `layout` (built from `pattern` for `s`) the layout a
/// workbook prices: the pattern's needs, the rules, and the choices made from numbers when the
/// pattern leaves them open. Soft rules are marked (warnings for `estimate`).
pub fn conditions(pattern: &Pattern, layout: &Layout, s: &Scenario) -> Vec<Condition> {
    let needs = pattern.needs.iter().filter_map(|n| {
        n.condition(s).map(|(formula, reason)| Condition {
            formula: formula.to_owned(),
            holds: n.unmet(s).is_none(),
            reason: reason.to_owned(),
            soft: false,
        })
    });
    let facade =
        (pattern.shape.facade.is_none() && layout.facade == Facade::Nlb).then(|| Condition {
            formula: "topology_regions>=2".to_owned(),
            holds: s.topology.regions >= 2,
            reason: "the facade NLB was chosen for several Regions (topology.regions)".to_owned(),
            soft: false,
        });
    let mut out: Vec<Condition> = Vec::new();
    for c in needs.chain(check::conditions(layout, s)).chain(facade) {
        if !out.iter().any(|o| o.formula == c.formula) {
            out.push(c);
        }
    }
    out
}

/// Why the scenario is not one the pattern is drawn for.
fn unmet_needs(pattern: &Pattern, s: &Scenario) -> Reasons {
    pattern.needs.iter().filter_map(|n| n.unmet(s)).collect()
}

fn build(pattern: &Pattern, s: &Scenario, spec: Option<&LayoutSpec>) -> Layout {
    let unnamed;
    let spec = match spec {
        Some(spec) => spec,
        None => {
            unnamed = LayoutSpec::unnamed();
            &unnamed
        }
    };
    let shape = &pattern.shape;
    let api = shape.api;
    let t = &s.topology;
    let private = api == Api::PrivateRest;
    Layout {
        api,
        endpoints: shape.endpoints.unwrap_or(if private {
            Endpoints::PerVpc
        } else {
            Endpoints::None
        }),
        integration: shape
            .integration
            .unwrap_or_else(|| default_integration(t.backend, api)),
        reach: shape
            .reach
            .unwrap_or(if t.backend_accounts > 1 && t.backend.in_vpc() {
                Reach::PrivateLink
            } else {
                Reach::SameAccount
            }),
        dns: shape
            .dns
            .unwrap_or(if private && t.on_premises != OnPremises::None {
                Dns::Resolver
            } else {
                Dns::None
            }),
        facade: shape.facade.unwrap_or(if private && t.regions > 1 {
            Facade::Nlb
        } else {
            Facade::None
        }),
        azs: t.availability_zones,
        endpoints_per_vpc: spec.endpoints_per_vpc,
        load_balancers: spec.load_balancers,
        listener: spec.nlb_listener,
        private_dns: spec.private_dns,
        cache_gb: cache_gb(api, s, spec),
        lambda_memory_mb: spec.lambda_memory_mb,
        lambda_duration_ms: spec.lambda_duration_ms,
        active_active: spec.active_active,
        resolver_ips: spec.resolver_ips,
        waf_rules: waf_rules(api, s, spec),
    }
}

/// The cache: the `[layout]` size, or for a REST API the smallest when `caching` is required
/// without a size (never $0 for a required cache). A size on another API is kept, for the
/// check to refuse.
fn cache_gb(api: Api, s: &Scenario, spec: &LayoutSpec) -> Option<Decimal> {
    if !api.is_rest() {
        return spec.cache_gb;
    }
    s.requirements.rest_cache_gb(spec.cache_gb)
}

/// The WAF web ACL: when `[layout]` gives its rules, or for a REST API when `waf` is required
/// ([`WAF_RULES`](crate::scenario::WAF_RULES) rules). Rules on another API are kept, for the
/// check to refuse.
fn waf_rules(api: Api, s: &Scenario, spec: &LayoutSpec) -> Option<u32> {
    if !api.is_rest() {
        return spec.waf_rules;
    }
    s.requirements.rest_waf_rules(spec.waf_rules)
}

/// The integration a backend needs when a pattern does not choose one.
fn default_integration(backend: Backend, api: Api) -> Integration {
    match (backend, api) {
        (Backend::Lambda, _) => Integration::Direct,
        (Backend::Alb, Api::Http) => Integration::Alb,
        (Backend::Alb, _) => Integration::NlbToAlb,
        (_, Api::Http) => Integration::Alb,
        _ => Integration::Nlb,
    }
}
