//! Break-even points of the levers whose worth depends on volume or count: where, around the
//! current layout, a VPC-enabled Lambda stops beating an NLB, a shared endpoint starts beating
//! per-VPC endpoints, HTTP and REST cost the same. Each is found exactly by bisection
//! ([`crate::breakeven::crossing`]); [`FINDERS`] lists them, one function each.

use rust_decimal::Decimal;

use super::Pricing;
use super::levers::integration_name;
use crate::architecture::{
    Api, Dns, Endpoints, Facade, Integration, Layout, Reach, Strictness, fits,
};
use crate::breakeven::crossing;
use crate::engine::{EngineError, Options};
use crate::money::number;
use crate::pricing::PriceTable;
use crate::scenario::Backend;
use crate::scenario::Scenario;

/// A volume or count at which one lever starts to pay.
#[derive(Debug, Clone, PartialEq)]
pub struct BreakEven {
    pub lever: &'static str,
    /// The crossing, in `unit`; `None` when there is none in the searched range.
    pub at: Option<Decimal>,
    pub unit: &'static str,
    pub text: String,
}

/// Finds one lever's break-even around a layout, when the lever applies to it.
type Finder = fn(&Scenario, &Layout, Pricing<'_>) -> Result<Option<BreakEven>, EngineError>;

/// Every break-even, in the order they are reported.
const FINDERS: &[Finder] = &[lambda_vs_balancer, shared_endpoint_vs_per_vpc, http_vs_rest];

/// Break-even points for the levers that depend on volume or count, around layout `l`. A lever
/// whose alternative the price table cannot price (a price it lacks) has none.
pub fn break_evens(
    s: &Scenario,
    l: &Layout,
    table: &PriceTable,
    opts: Options,
) -> Result<Vec<BreakEven>, EngineError> {
    let pricing = Pricing { table, opts };
    let mut out = Vec::new();
    for find in FINDERS {
        match find(s, l, pricing) {
            Ok(found) => out.extend(found),
            Err(EngineError::MissingPrice { .. } | EngineError::CacheSize { .. }) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

/// The monthly volume from `from` at which `a` − `b` changes sign, searched over the volumes
/// both can be priced at (a price table may stop at a tier).
fn requests_crossing(
    s: &Scenario,
    a: &Layout,
    b: &Layout,
    pricing: Pricing<'_>,
    from: Decimal,
) -> Result<Option<Decimal>, EngineError> {
    let mut at = s.clone();
    let mut diff = |requests: Decimal| -> Result<Decimal, EngineError> {
        at.traffic.requests_per_month = requests;
        Ok(pricing.cost(&at, a)? - pricing.cost(&at, b)?)
    };
    let mut hi = Decimal::from(1_000_000_000_000u64); // the highest volume searched
    while hi >= Decimal::ONE {
        match diff(hi) {
            Ok(_) => break,
            Err(EngineError::BeyondTiers { .. }) => hi = (hi / Decimal::TWO).floor(),
            Err(e) => return Err(e),
        }
    }
    crossing(from, hi, diff)
}

/// A VPC-enabled Lambda against the always-on load balancer of the layout in use, or, when the
/// layout uses the Lambda, against the load balancer it would otherwise need: always between
/// the layout and the one alternative the text names.
fn lambda_vs_balancer(
    s: &Scenario,
    l: &Layout,
    pricing: Pricing<'_>,
) -> Result<Option<BreakEven>, EngineError> {
    if !s.topology.backend.in_vpc() || l.reach != Reach::SameAccount || l.api == Api::WebSocket {
        return Ok(None);
    }
    let with = |integration| Layout {
        integration,
        ..l.clone()
    };
    let lambda = with(Integration::LambdaProxy);
    let name = integration_name(l.integration);
    let (balancer, sides) = match l.integration {
        Integration::Direct => return Ok(None),
        Integration::LambdaProxy => match balancer_for(s, l) {
            Some(b) => (
                with(b),
                (
                    "the VPC-enabled Lambda in use".to_owned(),
                    format!("an always-on {}", integration_name(b)),
                ),
            ),
            None => return Ok(None),
        },
        _ if !fits(&lambda, s, Strictness::Estimate) => return Ok(None),
        _ => (
            l.clone(),
            (
                "a VPC-enabled Lambda integration".to_owned(),
                format!("this layout's {name}"),
            ),
        ),
    };
    // From one request: with nothing to carry both may cost the same (a Lambda that calls an
    // ALB backend keeps the ALB), which is no crossing.
    let at = requests_crossing(s, &lambda, &balancer, pricing, Decimal::ONE)?;
    let mut one = s.clone();
    one.traffic.requests_per_month = Decimal::ONE;
    let lambda_first = pricing.cost(&one, &lambda)? < pricing.cost(&one, &balancer)?;
    Ok(Some(BreakEven {
        lever: lever_id(balancer.integration),
        at,
        unit: "requests per month",
        text: lambda_text(s, at, lambda_first, sides),
    }))
}

/// What the Lambda break-even says: which of (`lambda`, `balancer`) costs less below the crossing
/// `at` (the Lambda when `lambda_first`), or at every volume.
fn lambda_text(
    s: &Scenario,
    at: Option<Decimal>,
    lambda_first: bool,
    (lambda, balancer): (String, String),
) -> String {
    let (low, high) = if lambda_first {
        (lambda, balancer)
    } else {
        (balancer, lambda)
    };
    match at {
        Some(r) => format!(
            "{low} costs less than {high} below {} requests a month (about {} a day)",
            number(r, 0),
            number(r * Decimal::from(24) / s.hours_per_month, 0)
        ),
        None => {
            format!("{low} costs less than {high} at every volume up to 10^12 requests a month")
        }
    }
}

/// The always-on integration a layout that uses a VPC-enabled Lambda would otherwise have: an
/// ALB's own VPC link V2 for an ALB backend, else an NLB; the first of them the layout allows.
fn balancer_for(s: &Scenario, l: &Layout) -> Option<Integration> {
    let choices: &[Integration] = if s.topology.backend == Backend::Alb {
        &[Integration::Alb, Integration::NlbToAlb]
    } else {
        &[Integration::Nlb]
    };
    choices.iter().copied().find(|&integration| {
        let alt = Layout {
            integration,
            ..l.clone()
        };
        fits(&alt, s, Strictness::Estimate)
    })
}

/// The break-even's id: `lambda-vs-` and the load balancer integration it is weighed against.
fn lever_id(balancer: Integration) -> &'static str {
    match balancer {
        Integration::Alb => "lambda-vs-alb",
        Integration::NlbToAlb => "lambda-vs-nlb-alb",
        Integration::CloudMap => "lambda-vs-cloud-map",
        _ => "lambda-vs-nlb",
    }
}

/// One shared endpoint over Transit Gateway against an endpoint in every consumer VPC.
fn shared_endpoint_vs_per_vpc(
    s: &Scenario,
    l: &Layout,
    pricing: Pricing<'_>,
) -> Result<Option<BreakEven>, EngineError> {
    let t = &s.topology;
    if l.api != Api::PrivateRest || l.endpoints == Endpoints::None || t.overlapping_cidrs {
        return Ok(None);
    }
    let with = |endpoints| Layout {
        endpoints,
        ..l.clone()
    };
    let (per_vpc, shared) = (with(Endpoints::PerVpc), with(Endpoints::SharedTgw));
    let mut at_count = s.clone();
    let at = crossing(Decimal::ONE, Decimal::from(1000), |n| {
        let vpcs = u32::try_from(n.mantissa()).unwrap_or(u32::MAX);
        at_count.topology.consumer_vpcs = vpcs;
        at_count.topology.consumer_accounts = t.consumer_accounts.min(vpcs);
        Ok(pricing.cost(&at_count, &shared)? - pricing.cost(&at_count, &per_vpc)?)
    })?;
    let text = match at {
        Some(n) if n <= Decimal::ONE => "a shared endpoint over Transit Gateway costs less than per-VPC endpoints at any VPC count at this volume".to_owned(),
        Some(n) => format!("a shared endpoint over Transit Gateway pays off from {} consumer VPCs at this volume", number(n, 0)),
        None => format!(
            "a shared endpoint over Transit Gateway never pays off at this volume (up to 1,000 VPCs): each TGW attachment-hour costs more than an endpoint in {}{}",
            crate::money::count(l.azs, "AZ[s]"),
            if t.existing_transit_gateway { "" } else { " (set topology.existing_transit_gateway if the VPCs are already attached)" }
        ),
    };
    Ok(Some(BreakEven {
        lever: "shared-endpoint-vs-per-vpc",
        at,
        unit: "consumer VPCs",
        text,
    }))
}

/// HTTP against private REST, where the requirements allow either and no client is on the
/// internet (which a private API cannot serve).
fn http_vs_rest(
    s: &Scenario,
    l: &Layout,
    pricing: Pricing<'_>,
) -> Result<Option<BreakEven>, EngineError> {
    let req = &s.requirements;
    if req.private_endpoint
        || !s.traffic.internet_share().is_zero()
        || !req.rest_features.is_empty()
        || l.api == Api::WebSocket
        || !s.topology.backend.in_vpc()
    {
        return Ok(None);
    }
    let Some((http, rest)) = http_and_rest(l) else {
        return Ok(None);
    };
    let alternative = if l.api == Api::Http { &rest } else { &http };
    if !fits(alternative, s, Strictness::Estimate) {
        return Ok(None);
    }
    let rest_name = if rest.api == Api::RegionalRest {
        "the regional REST API"
    } else {
        "the private REST API"
    };
    let at = requests_crossing(s, &http, &rest, pricing, Decimal::ZERO)?;
    let mut idle = s.clone();
    idle.traffic.requests_per_month = Decimal::ZERO;
    let (low, high) = if pricing.cost(&idle, &http)? < pricing.cost(&idle, &rest)? {
        ("an HTTP API", rest_name)
    } else {
        (rest_name, "an HTTP API")
    };
    let text = match at {
        Some(r) => format!(
            "an HTTP API and {rest_name} cost the same at {} requests a month: below it {low} costs less, above it {high} (HTTP's cheaper requests against its data transfer out and, for VPC clients, NAT gateways)",
            number(r, 0)
        ),
        None => {
            format!("{low} costs less than {high} at every volume up to 10^12 requests a month")
        }
    };
    Ok(Some(BreakEven {
        lever: "http-vs-rest",
        at,
        unit: "requests per month",
        text,
    }))
}

/// The layout in use and its counterpart of the other API type, as (HTTP, REST): a REST layout
/// (private or regional) against the HTTP API it could become, an HTTP layout against a private
/// REST API with an endpoint in every consumer VPC.
fn http_and_rest(l: &Layout) -> Option<(Layout, Layout)> {
    match l.api {
        Api::PrivateRest | Api::RegionalRest => Some((
            Layout {
                api: Api::Http,
                endpoints: Endpoints::None,
                dns: Dns::None,
                facade: Facade::None,
                // HTTP APIs reach an ALB directly, with no NLB in front.
                integration: match l.integration {
                    Integration::NlbToAlb => Integration::Alb,
                    other => other,
                },
                ..l.clone()
            },
            l.clone(),
        )),
        Api::Http => Some((
            l.clone(),
            Layout {
                api: Api::PrivateRest,
                endpoints: Endpoints::PerVpc,
                ..l.clone()
            },
        )),
        Api::WebSocket => None,
    }
}
