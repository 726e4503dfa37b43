//! Designs as data. A [`Layout`] is a set of independent choices (API type, where the endpoints
//! are, how API Gateway reaches the backend, how other accounts are reached, DNS, multi-Region
//! facade, AZ count); the engine prices any layout. The whitepaper's patterns are named presets
//! over those choices ([`patterns::PATTERNS`]): adding a pattern is one table entry. Whether a
//! layout can serve a scenario is decided in one place, [`check`], for `estimate`, `compare`
//! and `recommend` alike.

pub mod patterns;

use rust_decimal::Decimal;

use crate::scenario::{Backend, LayoutSpec, Listener, OnPremises, Scenario};
pub use patterns::{PATTERNS, Pattern, find};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Api {
    /// REST API with the `private` endpoint type.
    PrivateRest,
    Http,
    WebSocket,
}

/// Where consumers' interface endpoints (`execute-api`) are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Endpoints {
    None,
    /// One endpoint (per `endpoints_per_vpc`) in every consumer VPC.
    PerVpc,
    /// One endpoint in a shared VPC, reached from consumer VPCs over Transit Gateway.
    SharedTgw,
}

/// How API Gateway reaches the backend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Integration {
    /// Lambda (or an AWS service) invoked directly: no VPC link.
    Direct,
    /// VPC link (V1 for REST and WebSocket, V2 for HTTP) to a Network Load Balancer.
    Nlb,
    /// VPC link V2 to an Application Load Balancer.
    Alb,
    /// VPC link V1 to an NLB whose target is an ALB.
    NlbToAlb,
    /// VPC link V2 to a Cloud Map service (HTTP APIs only).
    CloudMap,
    /// A VPC-enabled Lambda function that calls the backend: nothing billed while idle.
    LambdaProxy,
}

/// How the API's account reaches backends in other accounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reach {
    SameAccount,
    /// Interface endpoints to each resource account's NLB-backed endpoint service.
    PrivateLink,
    Peering,
    TransitGateway,
}

/// How on-premises clients resolve the private API's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dns {
    None,
    /// Route 53 alias to the endpoint-specific API name.
    Alias,
    /// The endpoint's public DNS name with a Host or `x-apigw-api-id` header.
    PublicName,
    /// Conditional forwarding to a Route 53 Resolver inbound endpoint.
    Resolver,
}

/// What fronts a private API in each Region of a multi-Region design.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Facade {
    None,
    /// Internal NLB with a TLS listener whose targets are the endpoint's IPs.
    Nlb,
    /// Internal ALB with the endpoint's IPs as targets (health check `/ping`).
    Alb,
    /// Private custom domain name (2025): no load balancer.
    CustomDomain,
}

/// A complete design, ready to price.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Layout {
    pub api: Api,
    pub endpoints: Endpoints,
    pub integration: Integration,
    pub reach: Reach,
    pub dns: Dns,
    pub facade: Facade,
    pub azs: u32,
    pub endpoints_per_vpc: u32,
    pub load_balancers: u32,
    pub listener: Listener,
    pub private_dns: bool,
    pub cache_gb: Option<Decimal>,
    pub lambda_memory_mb: u32,
    pub lambda_duration_ms: u32,
    pub active_active: bool,
}

/// Why a pattern or layout cannot serve a scenario.
pub type Reasons = Vec<String>;

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

/// Builds the layout a pattern has for this scenario: the pattern's own choices, the
/// scenario's facts for the rest, `spec`'s refinements. `Err` lists why the pattern does not
/// apply.
pub fn resolve(
    pattern: &Pattern,
    s: &Scenario,
    spec: Option<&LayoutSpec>,
) -> Result<Layout, Reasons> {
    let mut reasons = Vec::new();
    for need in pattern.needs {
        if let Some(r) = need.unmet(s) {
            reasons.push(r);
        }
    }
    let layout = build(pattern, s, spec);
    if !reasons.is_empty() {
        return Err(reasons);
    }
    check(&layout, s, Strictness::Pattern).map(|()| layout)
}

fn build(pattern: &Pattern, s: &Scenario, spec: Option<&LayoutSpec>) -> Layout {
    let shape = &pattern.shape;
    let api = shape.api;
    let t = &s.topology;
    Layout {
        api,
        endpoints: shape.endpoints.unwrap_or(if api == Api::PrivateRest {
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
        dns: shape.dns.unwrap_or(
            if api == Api::PrivateRest && t.on_premises != OnPremises::None {
                Dns::Resolver
            } else {
                Dns::None
            },
        ),
        facade: shape
            .facade
            .unwrap_or(if api == Api::PrivateRest && t.regions > 1 {
                Facade::Nlb
            } else {
                Facade::None
            }),
        azs: t.availability_zones,
        endpoints_per_vpc: spec.map_or(1, |l| l.endpoints_per_vpc),
        load_balancers: spec.map_or(1, |l| l.load_balancers),
        listener: spec.map_or(Listener::Tls, |l| l.nlb_listener),
        private_dns: spec.is_none_or(|l| l.private_dns),
        cache_gb: spec.and_then(|l| l.cache_gb),
        lambda_memory_mb: spec.map_or(128, |l| l.lambda_memory_mb),
        lambda_duration_ms: spec.map_or(100, |l| l.lambda_duration_ms),
        active_active: spec.is_some_and(|l| l.active_active),
    }
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
    let mut reasons: Vec<String> = pattern.needs.iter().filter_map(|n| n.unmet(s)).collect();
    if let Err(mut r) = check(&layout, s, Strictness::Estimate) {
        reasons.append(&mut r);
    }
    if reasons.is_empty() {
        Ok(layout)
    } else {
        Err(reasons)
    }
}

/// The help for a pattern id or name that does not exist: the closest one, or every id.
pub fn unknown_help(name: &str) -> String {
    let names = PATTERNS.iter().flat_map(|p| [p.id, p.name]);
    crate::diagnostic::suggest(name, names).map_or_else(
        || {
            let ids: Vec<&str> = PATTERNS.iter().map(|p| p.id).collect();
            format!(
                "pattern ids: {} (`apigw-cost architectures` describes them)",
                ids.join(", ")
            )
        },
        |s| format!("did you mean `{s}`?"),
    )
}

/// The layout a pattern has for this scenario, without judging whether it applies.
pub fn resolve_lenient(pattern: &Pattern, s: &Scenario, spec: Option<&LayoutSpec>) -> Layout {
    build(pattern, s, spec)
}

/// How strictly [`check`] judges a layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strictness {
    /// `estimate`: the user's own layout; soft constraints become warnings.
    Estimate,
    /// `compare`: every whitepaper constraint and requirement.
    Pattern,
}

/// Is this layout able to serve the scenario under its requirements? Every reason, not only the
/// first.
pub fn check(l: &Layout, s: &Scenario, strictness: Strictness) -> Result<(), Reasons> {
    let t = &s.topology;
    let req = &s.requirements;
    let mut r = Vec::new();
    let websocket = !s.traffic.connection_minutes_per_month.is_zero();

    // API type against the workload and the requirements.
    match l.api {
        Api::WebSocket if !websocket => r.push(
            "WebSocket APIs are for WebSocket workloads; this scenario has no \
             traffic.connection_minutes_per_month"
                .to_owned(),
        ),
        Api::PrivateRest | Api::Http if websocket => r.push(format!(
            "this is a WebSocket workload (traffic.connection_minutes_per_month is set): {} APIs do not carry it",
            if l.api == Api::Http { "HTTP" } else { "REST" }
        )),
        _ => {}
    }
    if l.api != Api::PrivateRest && req.private_endpoint {
        r.push(format!(
            "{} APIs have no private endpoint type, and requirements.private_endpoint is true",
            if l.api == Api::Http {
                "HTTP"
            } else {
                "WebSocket"
            }
        ));
    }
    if l.api == Api::Http && !req.rest_features.is_empty() {
        r.push(format!(
            "HTTP APIs lack {} (requirements.rest_features)",
            req.rest_features
                .iter()
                .map(|f| format!("`{f}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if l.cache_gb.is_some() && l.api != Api::PrivateRest {
        r.push("only REST APIs have a cache (layout.cache_gb)".to_owned());
    }

    // Integration against the backend.
    match (t.backend, l.integration) {
        (Backend::Lambda, Integration::Direct) => {}
        (Backend::Lambda, _) => r.push(
            "the backend is Lambda: API Gateway invokes it directly (cross-account by resource-based \
             policy), with no VPC link or load balancer"
                .to_owned(),
        ),
        (b, Integration::Direct) => r.push(format!(
            "the backend ({}) runs in a VPC: API Gateway needs a private integration (VPC link) or a \
             VPC-enabled Lambda to reach it",
            b.as_str()
        )),
        (Backend::Alb, Integration::Nlb) => r.push(
            "the backend is an ALB: put an NLB in front of it (R5-nlb-alb) or target it with VPC link V2 \
             (R5-alb)"
                .to_owned(),
        ),
        (Backend::Alb, Integration::CloudMap) => {
            r.push("Cloud Map registers task IPs, not an ALB: the backend is an ALB".to_owned())
        }
        _ => {}
    }
    if l.integration == Integration::CloudMap && l.api != Api::Http {
        r.push(
            "VPC links of REST and WebSocket APIs never target Cloud Map (HTTP APIs only)"
                .to_owned(),
        );
    }
    if l.api == Api::WebSocket && matches!(l.integration, Integration::Alb | Integration::CloudMap)
    {
        r.push(
            "WebSocket private integrations use VPC link V1, which targets only an NLB".to_owned(),
        );
    }
    let uses_alb = matches!(l.integration, Integration::Alb | Integration::NlbToAlb)
        || l.facade == Facade::Alb
        || t.backend == Backend::Alb;
    if uses_alb && l.azs < 2 && strictness == Strictness::Pattern {
        r.push(format!(
            "an ALB needs at least two AZs; the scenario uses {}",
            l.azs
        ));
    }

    // Backends in other accounts.
    if t.backend.in_vpc() {
        match (l.reach, t.backend_accounts > 1) {
            (Reach::SameAccount, true) => r.push(format!(
                "the VPC link, its load balancer and the API must be in one account; backends are in {} \
                 accounts (topology.backend_accounts)",
                t.backend_accounts
            )),
            (Reach::PrivateLink | Reach::Peering | Reach::TransitGateway, false) => {
                r.push("backends are all in one account (topology.backend_accounts is 1)".to_owned())
            }
            _ => {}
        }
        if matches!(l.reach, Reach::Peering | Reach::TransitGateway) && t.overlapping_cidrs {
            r.push(format!(
                "{} needs non-overlapping CIDRs (topology.overlapping_cidrs is true)",
                if l.reach == Reach::Peering {
                    "peering"
                } else {
                    "Transit Gateway routing"
                }
            ));
        }
        if l.reach != Reach::SameAccount && l.integration == Integration::LambdaProxy {
            r.push(
                "a Lambda proxy reaches backends in its own account only in this model".to_owned(),
            );
        }
    }

    // Consumers.
    if l.endpoints == Endpoints::SharedTgw && t.overlapping_cidrs {
        r.push("a shared endpoint over Transit Gateway needs non-overlapping CIDRs (topology.overlapping_cidrs)".to_owned());
    }
    if l.api == Api::PrivateRest && l.endpoints == Endpoints::None {
        r.push("a private REST API is reachable only through interface VPC endpoints".to_owned());
    }
    if l.api == Api::PrivateRest && t.on_premises != OnPremises::None && l.dns == Dns::None {
        r.push("on-premises clients need a DNS option to resolve the private API".to_owned());
    }
    if l.api == Api::PrivateRest && t.regions > 1 && l.facade == Facade::None {
        r.push("a private API in several Regions needs a facade (NLB, ALB or private custom domain name)".to_owned());
    }
    if l.facade == Facade::Alb && l.azs < 2 && strictness == Strictness::Pattern && !uses_alb {
        r.push("an ALB facade needs at least two AZs".to_owned());
    }
    if strictness == Strictness::Pattern && l.azs < req.min_availability_zones {
        r.push(format!(
            "{} AZs is below requirements.min_availability_zones ({})",
            l.azs, req.min_availability_zones
        ));
    }
    if r.is_empty() { Ok(()) } else { Err(r) }
}

impl Layout {
    /// Load balancers carrying API traffic in one Region, by kind: (NLBs, ALBs).
    pub fn load_balancer_counts(&self, s: &Scenario) -> (u32, u32) {
        let t = &s.topology;
        let lbs = self.load_balancers;
        let (mut nlb, mut alb) = match self.integration {
            Integration::Nlb => (lbs, 0),
            Integration::Alb => (0, lbs),
            Integration::NlbToAlb => (lbs, lbs),
            _ => (0, 0),
        };
        if t.backend == Backend::Alb && alb == 0 {
            alb = lbs; // the backend's own ALB is on the path whatever fronts it
        }
        if self.reach == Reach::PrivateLink {
            nlb += t.backend_accounts; // each resource account's endpoint-service NLB
        }
        match self.facade {
            Facade::Nlb => nlb += 1,
            Facade::Alb => alb += 1,
            _ => {}
        }
        (nlb, alb)
    }

    /// VPC links in one Region: one per load balancer on V1 (REST, WebSocket to an NLB), one per
    /// VPC on V2.
    pub fn vpc_links(&self) -> u32 {
        match self.integration {
            Integration::Nlb | Integration::NlbToAlb if self.api != Api::Http => {
                self.load_balancers
            }
            Integration::Nlb | Integration::Alb | Integration::NlbToAlb | Integration::CloudMap => {
                1
            }
            Integration::Direct | Integration::LambdaProxy => 0,
        }
    }

    /// Whether the VPC links are V2 (HTTP APIs; REST to an ALB since November 2025).
    pub fn vpc_link_v2(&self) -> bool {
        self.api == Api::Http || self.integration == Integration::Alb
    }
}
