//! The pattern in a resource graph: the API, what its integrations reach (API → integration →
//! VPC link → load balancer → target), and the consumer side (execute-api endpoints), matched
//! against the whitepaper's patterns. Where none matches exactly, the closest, `exact = false`,
//! and what differs. Every key it fixes carries the resources it came from.

use crate::derived::{Assumed, Derived, Origin};

use super::graph::{Estate, Part, Resource, Target};

/// How the API reaches its backend, as [`crate::architecture::Integration`] names them, plus
/// the two the patterns lack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    Direct,
    Http,
    Nlb,
    Alb,
    NlbToAlb,
    CloudMap,
    /// A VPC-enabled Lambda function that calls a private backend.
    LambdaProxy,
}

/// The kind of the API a scan found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiKind {
    Private,
    Regional,
    Edge,
    Http,
    WebSocket,
}

/// What the graph says about the layout.
#[derive(Debug, Clone)]
pub struct Recognised {
    pub architecture: &'static str,
    pub exact: bool,
    pub differs: Vec<String>,
    pub derived: Vec<Derived>,
    /// Keys the code leaves open, with why.
    pub unknown: Vec<(String, String)>,
    /// Keys the code cannot say but a scenario of this layout needs, with why.
    pub assumed: Vec<Assumed>,
}

/// One step of the chain from the API to its backend, and the resources it came from.
struct Chain<'e> {
    reach: Reach,
    via: Vec<&'e Resource>,
}

/// Recognises the layout of `estate`, or `None` when it holds no API Gateway API.
pub fn recognise(estate: &Estate) -> Option<Recognised> {
    let api = primary_api(estate)?;
    let kind = api_kind(api)?;
    let chains: Vec<Chain> = integrations(estate, api)
        .map(|i| chain(estate, i))
        .collect();
    let reach = main_reach(&chains);
    let via = chains_via(&chains, reach);
    let (base, exact, mut differs) = pattern(kind, reach);
    let (architecture, told) = super::families::family(estate, base, &mut differs);
    let (architecture, spread) =
        super::regions::family(estate, kind, architecture, &via, &mut differs);
    let mut r = Recognised {
        architecture,
        exact,
        differs: vec![],
        derived: vec![],
        unknown: vec![],
        assumed: vec![],
    };
    let mut from = vec![api.origin().with_detail(kind_name(kind))];
    from.extend(via.iter().map(|v| v.origin()));
    from.extend(told.into_iter().chain(spread));
    r.derived
        .push(derived("layout.architecture", architecture.into(), from));
    open_ends(api, &chains, reach, &mut differs, &mut r);
    extras(estate, architecture, &mut differs);
    r.exact = r.exact && differs.is_empty();
    r.differs = differs;
    let reach = reach.unwrap_or(Reach::Direct);
    super::keys::derive(estate, api, kind, reach, &via, &mut r);
    super::families::derive(estate, &mut r);
    super::regions::derive(estate, &mut r);
    super::variant::refine(estate, kind, &mut r);
    Some(r)
}

/// What the chain leaves open or does not match: other integrations of the API, an endpoint
/// type the code does not fix, no integration at all.
fn open_ends(
    api: &Resource,
    chains: &[Chain],
    reach: Option<Reach>,
    differs: &mut Vec<String>,
    r: &mut Recognised,
) {
    for c in chains {
        if Some(c.reach) != reach {
            differs.push(format!(
                "{} also integrates {}",
                api.name,
                reach_name(c.reach)
            ));
        }
    }
    if let Part::RestApi { endpoint: Err(why) } = &api.part {
        let why = format!(
            "the endpoint type of {}: {why}; taken as EDGE, the default",
            api.name
        );
        r.unknown.push(("layout.architecture".into(), why));
    }
    if reach.is_none() {
        r.unknown.push((
            "layout.architecture".into(),
            format!(
                "{} has no integration the code names: taken as invoking Lambda directly",
                api.name
            ),
        ));
    }
}

fn chains_via<'e>(chains: &[Chain<'e>], reach: Option<Reach>) -> Vec<&'e Resource> {
    chains
        .iter()
        .filter(|c| Some(c.reach) == reach)
        .flat_map(|c| c.via.iter().copied())
        .collect()
}

/// The API the estate is about: a private REST API first, then any REST, HTTP, WebSocket.
fn primary_api(estate: &Estate) -> Option<&Resource> {
    let rank = |r: &Resource| match &r.part {
        Part::RestApi { endpoint: Ok(e) } if e == "PRIVATE" => Some(0),
        Part::RestApi { .. } => Some(1),
        Part::HttpApi => Some(2),
        Part::WebSocketApi => Some(3),
        _ => None,
    };
    estate
        .resources
        .iter()
        .filter_map(|r| rank(r).map(|k| (k, r)))
        .min_by_key(|(k, _)| *k)
        .map(|(_, r)| r)
}

pub fn is_api(p: &Part) -> bool {
    matches!(p, Part::RestApi { .. } | Part::HttpApi | Part::WebSocketApi)
}

fn api_kind(api: &Resource) -> Option<ApiKind> {
    Some(match &api.part {
        Part::RestApi { endpoint } => match endpoint.as_deref() {
            Ok("PRIVATE") => ApiKind::Private,
            Ok("REGIONAL") => ApiKind::Regional,
            _ => ApiKind::Edge,
        },
        Part::HttpApi => ApiKind::Http,
        Part::WebSocketApi => ApiKind::WebSocket,
        _ => return None,
    })
}

/// The integrations of `api` (those naming no API belong to it when it is the only one).
fn integrations<'e>(estate: &'e Estate, api: &'e Resource) -> impl Iterator<Item = &'e Target> {
    let only = estate.all(is_api).count() == 1;
    estate.resources.iter().filter_map(move |r| match &r.part {
        Part::Integration { api: a, target }
            if a.as_deref() == Some(&api.name) || (a.is_none() && only) =>
        {
            Some(target)
        }
        _ => None,
    })
}

/// What one integration reaches, following the VPC link and listener to the load balancer.
fn chain<'e>(estate: &'e Estate, target: &Target) -> Chain<'e> {
    let (link, to) = match target {
        Target::Private { link, to } => {
            (link.as_deref().and_then(|l| estate.find(l)), to.as_deref())
        }
        Target::Http => {
            return Chain {
                reach: Reach::Http,
                via: vec![],
            };
        }
        _ => {
            let via: Vec<&Resource> = match target {
                Target::Lambda(Some(f)) => estate.find(f).into_iter().collect(),
                _ => vec![],
            };
            if let Some(proxy) = lambda_proxy(estate, via.first().copied()) {
                return proxy;
            }
            return Chain {
                reach: Reach::Direct,
                via,
            };
        }
    };
    let mut via: Vec<&Resource> = link.into_iter().collect();
    let v1_target = link.and_then(|l| match &l.part {
        Part::VpcLink { targets, .. } => targets.first().map(String::as_str),
        _ => None,
    });
    let end = to.or(v1_target).and_then(|t| estate.find(t));
    let end = match end.map(|e| &e.part) {
        Some(Part::Listener { lb: Some(lb), .. }) => {
            via.extend(end);
            estate.find(lb)
        }
        _ => end,
    };
    via.extend(end);
    let v2 = link.is_some_and(|l| matches!(l.part, Part::VpcLink { v2: true, .. }));
    let reach = match end.map(|e| &e.part) {
        Some(Part::CloudMapService) => Reach::CloudMap,
        Some(Part::LoadBalancer { network: true, .. }) if nlb_to_alb(estate) => Reach::NlbToAlb,
        Some(Part::LoadBalancer { network: true, .. }) => Reach::Nlb,
        Some(Part::LoadBalancer { .. }) => Reach::Alb,
        _ if !v2 => Reach::Nlb,
        _ if estate
            .all(|p| matches!(p, Part::CloudMapService))
            .next()
            .is_some() =>
        {
            Reach::CloudMap
        }
        _ => Reach::Alb,
    };
    Chain { reach, via }
}

/// A function in a VPC that calls a private backend: the load balancer, Cloud Map service or
/// compute its environment names, else the code's compute or internal load balancer. A
/// function in a VPC with no such backend in the code is a direct integration.
fn lambda_proxy<'e>(estate: &'e Estate, function: Option<&'e Resource>) -> Option<Chain<'e>> {
    let f = function?;
    let Part::Function {
        in_vpc: true,
        calls,
        ..
    } = &f.part
    else {
        return None;
    };
    let backend_part = |p: &Part| {
        matches!(
            p,
            Part::LoadBalancer { .. } | Part::CloudMapService | Part::Compute(_)
        )
    };
    let named: Vec<&Resource> = calls
        .iter()
        .filter_map(|c| estate.find(c))
        .filter_map(|c| match &c.part {
            Part::Listener { lb: Some(lb), .. } => estate.find(lb),
            _ => Some(c),
        })
        .filter(|c| backend_part(&c.part))
        .collect();
    let backend = if named.is_empty() {
        estate
            .all(|p| {
                matches!(
                    p,
                    Part::Compute(_) | Part::LoadBalancer { internal: true, .. }
                )
            })
            .collect()
    } else {
        named
    };
    if backend.is_empty() {
        return None;
    }
    let mut via = vec![f];
    via.extend(backend);
    Some(Chain {
        reach: Reach::LambdaProxy,
        via,
    })
}

/// Whether an NLB forwards to an ALB (a target group of type `alb`).
fn nlb_to_alb(estate: &Estate) -> bool {
    estate
        .all(|p| matches!(p, Part::TargetGroup { alb: true }))
        .next()
        .is_some()
}

/// The integration most of the API's integrations use (the first among equals).
fn main_reach(chains: &[Chain]) -> Option<Reach> {
    let mut best: Option<(usize, Reach)> = None;
    for c in chains {
        let n = chains.iter().filter(|o| o.reach == c.reach).count();
        if best.is_none_or(|(b, _)| n > b) {
            best = Some((n, c.reach));
        }
    }
    best.map(|(_, r)| r)
}

/// The pattern for an API kind and integration: its id, whether it is exact, what differs.
fn pattern(kind: ApiKind, reach: Option<Reach>) -> (&'static str, bool, Vec<String>) {
    use ApiKind as K;
    use Reach as R;
    let reach = reach.unwrap_or(R::Direct);
    let public_rest = matches!(kind, K::Regional | K::Edge);
    let mut differs = Vec::new();
    if kind == K::Edge {
        differs.push("the REST API is edge-optimised (EDGE): priced as REGIONAL, which API Gateway bills alike".into());
    }
    let id = match (kind, reach) {
        (K::Private, R::Direct) => "R1",
        (K::Private, R::Nlb) => "R5",
        (K::Private, R::Alb) => "R5-alb",
        (K::Private, R::NlbToAlb) => "R5-nlb-alb",
        (_, R::Direct | R::Http) if public_rest => "R1-regional",
        (_, R::Nlb) if public_rest => "R5-regional",
        (_, R::Alb) if public_rest => "R5-alb-regional",
        (_, R::NlbToAlb) if public_rest => "R5-nlb-alb-regional",
        (K::Private, R::LambdaProxy) => "R5-lambda",
        (_, R::LambdaProxy) if public_rest => "R5-lambda-regional",
        (K::Http, R::Alb) => "H1",
        (K::Http, R::CloudMap) => "H2",
        (K::WebSocket, R::Nlb) => "W1",
        (K::WebSocket, _) => "W1",
        (K::Http, _) => "H1",
        (K::Private, R::Http) => "R1",
        (_, R::CloudMap) if kind == K::Private => "R5-alb",
        _ => "R5-alb-regional",
    };
    let expected = expected_reach(id);
    if !expected.contains(&reach) {
        differs.push(format!(
            "the integration is {}, where {id} has {}",
            reach_name(reach),
            reach_name(expected[0])
        ));
    }
    if reach == R::Http {
        differs.push("the integration calls a public HTTP endpoint: priced as a direct integration (nothing billed for it)".into());
    }
    (id, differs.is_empty(), differs)
}

fn expected_reach(id: &str) -> &'static [Reach] {
    match id {
        "R1" | "R1-regional" => &[Reach::Direct, Reach::Http],
        "R5" | "R5-regional" | "W1" => &[Reach::Nlb],
        "R5-alb" | "R5-alb-regional" | "H1" => &[Reach::Alb],
        "R5-nlb-alb" | "R5-nlb-alb-regional" => &[Reach::NlbToAlb],
        "R5-lambda" | "R5-lambda-regional" => &[Reach::LambdaProxy],
        _ => &[Reach::CloudMap],
    }
}

/// What the code has that the pattern does not price: Transit Gateway attachments, Resolver
/// endpoints, health checks outside the patterns that use them.
fn extras(estate: &Estate, id: &str, differs: &mut Vec<String>) {
    let count = |f: fn(&Part) -> bool| estate.all(f).count();
    let tgw = count(|p| matches!(p, Part::TgwAttachment));
    if tgw > 0 && !id.contains("tgw") && !id.starts_with("H4") && !id.starts_with("R1-shared") {
        differs.push(format!(
            "{tgw} Transit Gateway attachment(s), which {id} does not have"
        ));
    }
    // With an on-premises link, a Resolver inbound endpoint is how on-premises DNS resolves the
    // API: the estimate prices it through `topology.on_premises`.
    let resolvers = count(|p| matches!(p, Part::ResolverEndpoint { inbound: true, .. }));
    let on_premises = super::onprem::links(estate).is_some();
    if resolvers > 0 && !on_premises && !id.starts_with("R3") && !id.starts_with("R4") {
        differs.push(format!(
            "{resolvers} Route 53 Resolver endpoint(s), which {id} does not have"
        ));
    }
    let checks = count(|p| matches!(p, Part::HealthCheck));
    if checks > 0 && !id.starts_with("R4") {
        differs.push(format!(
            "{checks} Route 53 health check(s), which {id} does not have"
        ));
    }
}

pub fn kind_name(kind: ApiKind) -> &'static str {
    match kind {
        ApiKind::Private => "PRIVATE REST API",
        ApiKind::Regional => "REGIONAL REST API",
        ApiKind::Edge => "EDGE REST API",
        ApiKind::Http => "HTTP API",
        ApiKind::WebSocket => "WebSocket API",
    }
}

fn reach_name(r: Reach) -> &'static str {
    match r {
        Reach::Direct => "Lambda invoked directly",
        Reach::Http => "a public HTTP endpoint",
        Reach::Nlb => "a VPC link to an NLB",
        Reach::Alb => "a VPC link to an ALB",
        Reach::NlbToAlb => "a VPC link to an NLB in front of an ALB",
        Reach::CloudMap => "a VPC link to a Cloud Map service",
        Reach::LambdaProxy => "a VPC-enabled Lambda function calling a private backend",
    }
}

pub fn derived(key: &str, value: toml::Value, mut from: Vec<Origin>) -> Derived {
    let mut seen = Vec::new();
    from.retain(|o| {
        let new = !seen.contains(o);
        seen.push(o.clone());
        new
    });
    Derived {
        key: key.to_owned(),
        value,
        from,
    }
}
