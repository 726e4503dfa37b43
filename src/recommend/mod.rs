//! `recommend`: an exhaustive search of the layout space (API type, endpoint placement and count,
//! AZs, DNS option, integration target and VPC link version, cross-account connectivity, load
//! balancer consolidation, multi-Region facade) under the scenario's requirements, so the
//! cheapest feasible layout is found by construction. Each recommendation explains itself as a
//! list of changes against the current layout, each with its own saving (they add up exactly),
//! the whitepaper cost lever behind it and what it trades away. Break-even points for the
//! volume- and count-dependent levers come from exact bisection.

mod explain;

use rust_decimal::Decimal;

use crate::architecture::{
    self, Api, Dns, Endpoints, Facade, Integration, Layout, PATTERNS, Pattern, Reach, Strictness,
};
use crate::breakeven::crossing;
use crate::engine::{EngineError, Estimate, Options, estimate};
use crate::pricing::{PriceBook, PriceTable};
use crate::scenario::{LayoutSpec, OnPremises, Scenario};
use crate::{Error, engine_error, table_for};
pub use explain::{Change, describe_changes};

/// A layout the search found, priced.
#[derive(Debug, Clone)]
pub struct Recommendation {
    pub estimate: Estimate,
    /// The whitepaper pattern this layout is, when it is one.
    pub pattern: Option<&'static Pattern>,
    /// Current cost − this cost (positive saves money). `None` without a current layout.
    pub saving: Option<Decimal>,
    pub changes: Vec<Change>,
}

/// A volume or count at which one lever starts to pay.
#[derive(Debug, Clone, PartialEq)]
pub struct BreakEven {
    pub lever: &'static str,
    /// The crossing, in `unit`; `None` when there is none in the searched range.
    pub at: Option<Decimal>,
    pub unit: &'static str,
    pub text: String,
}

/// Everything `recommend` says about one scenario.
#[derive(Debug, Clone)]
pub struct Advice {
    pub current: Option<Recommendation>,
    /// Cheapest first, at most `top`.
    pub recommendations: Vec<Recommendation>,
    /// How many feasible layouts the search priced.
    pub feasible: usize,
    /// The current layout is feasible and already the cheapest feasible one.
    pub already_cheapest: bool,
    /// Why the current layout does not meet the scenario's requirements, if it does not.
    pub current_problems: Vec<String>,
    pub break_evens: Vec<BreakEven>,
}

const APIS: [Api; 3] = [Api::PrivateRest, Api::Http, Api::WebSocket];
const INTEGRATIONS: [Integration; 6] = [
    Integration::Direct,
    Integration::Nlb,
    Integration::Alb,
    Integration::NlbToAlb,
    Integration::CloudMap,
    Integration::LambdaProxy,
];

/// Every layout in the space for this scenario, before feasibility. `base` carries the
/// refinements that are not cost levers (listener, private DNS, cache, Lambda sizing, mode).
pub fn layout_space(s: &Scenario, base: &Layout) -> Vec<Layout> {
    let t = &s.topology;
    let on_prem = t.on_premises != OnPremises::None;
    let min_az = s
        .requirements
        .min_availability_zones
        .min(t.availability_zones);
    let mut out = Vec::with_capacity(512);
    for api in APIS {
        let private = api == Api::PrivateRest;
        let endpoints: &[Endpoints] = if private {
            &[Endpoints::PerVpc, Endpoints::SharedTgw]
        } else {
            &[Endpoints::None]
        };
        let reaches: &[Reach] = if t.backend.in_vpc() && t.backend_accounts > 1 {
            &[Reach::PrivateLink, Reach::Peering, Reach::TransitGateway]
        } else {
            &[Reach::SameAccount]
        };
        let dnss: &[Dns] = if private && on_prem {
            &[Dns::Resolver, Dns::Alias, Dns::PublicName]
        } else {
            &[Dns::None]
        };
        let facades: &[Facade] = if private && t.regions > 1 {
            &[Facade::Nlb, Facade::Alb, Facade::CustomDomain]
        } else {
            &[Facade::None]
        };
        for &endpoints in endpoints {
            for integration in INTEGRATIONS {
                for &reach in reaches {
                    for &dns in dnss {
                        for &facade in facades {
                            for azs in min_az..=t.availability_zones {
                                out.push(Layout {
                                    api,
                                    endpoints,
                                    integration,
                                    reach,
                                    dns,
                                    facade,
                                    azs,
                                    endpoints_per_vpc: 1,
                                    load_balancers: 1,
                                    ..base.clone()
                                });
                            }
                        }
                    }
                }
            }
        }
    }
    out
}

/// The whitepaper pattern a layout is, if any (ignoring AZs and refinements).
pub fn pattern_of(s: &Scenario, l: &Layout) -> Option<&'static Pattern> {
    // Most specific first: an NLB layout is "R5" rather than the generic "R1".
    PATTERNS.iter().rev().find(|p| {
        let r = architecture::resolve_lenient(p, s, None);
        p.needs.iter().all(|n| n.unmet(s).is_none())
            && (r.api, r.endpoints, r.integration, r.reach, r.dns, r.facade)
                == (l.api, l.endpoints, l.integration, l.reach, l.dns, l.facade)
    })
}

/// Searches the layout space of `s` and explains the cheapest `top` layouts.
pub fn recommend(
    s: &Scenario,
    book: &PriceBook,
    opts: Options,
    top: usize,
) -> Result<Advice, Error> {
    let table = table_for(s, book)?;
    let current_layout = match &s.layout {
        Some(spec) => Some(current(s, spec)?),
        None => None,
    };
    let base = current_layout
        .clone()
        .unwrap_or_else(|| architecture::resolve_lenient(&PATTERNS[0], s, None));
    let current_estimate = match &current_layout {
        Some(l) => Some(estimate(s, l, table, opts).map_err(|e| engine_error(s, table, e))?),
        None => None,
    };
    let current_cost = current_estimate.as_ref().map(|e| e.monthly_cost);

    let mut priced: Vec<(Decimal, usize, Layout)> = Vec::new();
    for l in layout_space(s, &base) {
        if architecture::check(&l, s, Strictness::Pattern).is_err() {
            continue;
        }
        match cost(s, &l, table, opts) {
            Ok(c) => {
                let distance = current_layout
                    .as_ref()
                    .map_or(0, |cur| explain::distance(cur, &l));
                priced.push((c, distance, l));
            }
            Err(
                EngineError::MissingPrice { .. }
                | EngineError::BeyondTiers { .. }
                | EngineError::CacheSize { .. },
            ) => {}
        }
    }
    priced.sort_by_key(|p| (p.0, p.1));
    let feasible = priced.len();
    let current_problems = match &current_layout {
        Some(l) => architecture::check(l, s, Strictness::Pattern)
            .err()
            .unwrap_or_default(),
        None => Vec::new(),
    };
    let already_cheapest = match (current_cost, priced.first()) {
        (Some(c), Some((best, _, _))) => current_problems.is_empty() && c <= *best,
        (Some(_), None) => current_problems.is_empty(),
        _ => false,
    };
    let mut recommendations = Vec::with_capacity(top);
    for (_, _, l) in priced.into_iter() {
        if recommendations.len() == top {
            break;
        }
        if current_layout.as_ref() == Some(&l) {
            continue;
        }
        let e = estimate(s, &l, table, opts).map_err(|e| engine_error(s, table, e))?;
        let changes = match &current_layout {
            Some(cur) => {
                describe_changes(s, cur, &l, table, opts).map_err(|e| engine_error(s, table, e))?
            }
            None => Vec::new(),
        };
        recommendations.push(Recommendation {
            saving: current_cost.map(|c| c - e.monthly_cost),
            pattern: pattern_of(s, &l),
            estimate: e,
            changes,
        });
    }
    let current = match (current_layout, current_estimate) {
        (Some(l), Some(e)) => Some(Recommendation {
            pattern: s
                .layout
                .as_ref()
                .and_then(|spec| architecture::find(&spec.architecture))
                .or_else(|| pattern_of(s, &l)),
            estimate: e,
            saving: Some(Decimal::ZERO),
            changes: Vec::new(),
        }),
        _ => None,
    };
    let reference = current
        .as_ref()
        .map(|c| c.estimate.layout.clone())
        .or_else(|| recommendations.first().map(|r| r.estimate.layout.clone()));
    let break_evens = match reference {
        Some(l) => break_evens(s, &l, table, opts).map_err(|e| engine_error(s, table, e))?,
        None => Vec::new(),
    };
    Ok(Advice {
        current,
        recommendations,
        feasible,
        already_cheapest,
        current_problems,
        break_evens,
    })
}

fn cost(
    s: &Scenario,
    l: &Layout,
    table: &PriceTable,
    opts: Options,
) -> Result<Decimal, EngineError> {
    estimate(s, l, table, opts).map(|e| e.monthly_cost)
}

/// The scenario's current layout, as `estimate` builds it.
fn current(s: &Scenario, spec: &LayoutSpec) -> Result<Layout, Error> {
    let Some(pattern) = architecture::find(&spec.architecture) else {
        let mut d = spec.architecture_at.clone();
        d.message = format!("unknown architecture `{}`", spec.architecture);
        return Err(Error::Input(vec![
            d.with_help(architecture::unknown_help(&spec.architecture)),
        ]));
    };
    Ok(architecture::resolve_lenient(pattern, s, Some(spec)))
}

/// Break-even points for the levers that depend on volume or count, around layout `l`.
pub fn break_evens(
    s: &Scenario,
    l: &Layout,
    table: &PriceTable,
    opts: Options,
) -> Result<Vec<BreakEven>, EngineError> {
    let mut out = Vec::new();
    let t = &s.topology;
    let max_requests = Decimal::from(1_000_000_000_000u64);
    let at_requests = |a: &Layout, b: &Layout| -> Result<Option<Decimal>, EngineError> {
        let diff = |r: Decimal| -> Result<Decimal, EngineError> {
            let mut v = s.clone();
            v.traffic.requests_per_month = r;
            Ok(cost(&v, a, table, opts)? - cost(&v, b, table, opts)?)
        };
        // Search only volumes both layouts can be priced at (a price table may stop at a tier).
        let mut hi = max_requests;
        while hi >= Decimal::ONE {
            match diff(hi) {
                Ok(_) => break,
                Err(EngineError::BeyondTiers { .. }) => hi = (hi / Decimal::TWO).floor(),
                Err(e) => return Err(e),
            }
        }
        crossing(Decimal::ZERO, hi, diff)
    };
    // 1. VPC-enabled Lambda against an always-on NLB.
    if t.backend.in_vpc() && l.reach == Reach::SameAccount && l.api != Api::WebSocket {
        let lambda = Layout {
            integration: Integration::LambdaProxy,
            ..l.clone()
        };
        let nlb = Layout {
            integration: Integration::Nlb,
            ..l.clone()
        };
        let at = at_requests(&lambda, &nlb)?;
        let text = match at {
            Some(r) => format!(
                "a VPC-enabled Lambda integration costs less than an always-on NLB below {} requests a month (about {} a day)",
                crate::money::number(r, 0),
                crate::money::number(r * Decimal::from(24) / s.hours_per_month, 0)
            ),
            None => "a VPC-enabled Lambda integration costs less than an NLB at every volume up to 10^12 requests a month".into(),
        };
        out.push(BreakEven {
            lever: "lambda-vs-nlb",
            at,
            unit: "requests per month",
            text,
        });
    }
    // 2. One shared endpoint over Transit Gateway against an endpoint in every consumer VPC.
    if l.api == Api::PrivateRest && !t.overlapping_cidrs {
        let per_vpc = Layout {
            endpoints: Endpoints::PerVpc,
            ..l.clone()
        };
        let shared = Layout {
            endpoints: Endpoints::SharedTgw,
            ..l.clone()
        };
        let at = crossing(Decimal::ONE, Decimal::from(1000), |n| {
            let mut v = s.clone();
            v.topology.consumer_vpcs = u32::try_from(n.mantissa()).unwrap_or(u32::MAX);
            v.topology.consumer_accounts =
                v.topology.consumer_accounts.min(v.topology.consumer_vpcs);
            Ok(cost(&v, &shared, table, opts)? - cost(&v, &per_vpc, table, opts)?)
        })?;
        let text = match at {
            Some(n) if n <= Decimal::ONE => "a shared endpoint over Transit Gateway costs less than per-VPC endpoints at any VPC count at this volume".to_owned(),
            Some(n) => format!("a shared endpoint over Transit Gateway pays off from {} consumer VPCs at this volume", crate::money::number(n, 0)),
            None => format!(
                "a shared endpoint over Transit Gateway never pays off at this volume (up to 1,000 VPCs): each TGW attachment-hour costs more than an endpoint in {} AZs{}",
                l.azs,
                if t.existing_transit_gateway { "" } else { " (set topology.existing_transit_gateway if the VPCs are already attached)" }
            ),
        };
        out.push(BreakEven {
            lever: "shared-endpoint-vs-per-vpc",
            at,
            unit: "consumer VPCs",
            text,
        });
    }
    // 3. HTTP against REST, where requirements allow either.
    if !s.requirements.private_endpoint
        && s.requirements.rest_features.is_empty()
        && l.api != Api::WebSocket
        && t.backend.in_vpc()
    {
        let rest = Layout {
            api: Api::PrivateRest,
            endpoints: Endpoints::PerVpc,
            ..l.clone()
        };
        let http_integration = if l.integration == Integration::NlbToAlb {
            Integration::Alb
        } else {
            l.integration
        };
        let http = Layout {
            api: Api::Http,
            endpoints: Endpoints::None,
            dns: Dns::None,
            facade: Facade::None,
            integration: http_integration,
            ..l.clone()
        };
        let at = at_requests(&http, &rest)?;
        let mut zero = s.clone();
        zero.traffic.requests_per_month = Decimal::ZERO;
        let http_first = cost(&zero, &http, table, opts)? < cost(&zero, &rest, table, opts)?;
        let (low, high) = if http_first {
            ("an HTTP API", "the private REST API")
        } else {
            ("the private REST API", "an HTTP API")
        };
        let text = match at {
            Some(r) => format!(
                "an HTTP API and the private REST API cost the same at {} requests a month: below it {low} costs less, above it {high} (HTTP's cheaper requests against its data transfer out)",
                crate::money::number(r, 0)
            ),
            None => {
                format!("{low} costs less than {high} at every volume up to 10^12 requests a month")
            }
        };
        out.push(BreakEven {
            lever: "http-vs-rest",
            at,
            unit: "requests per month",
            text,
        });
    }
    Ok(out)
}
