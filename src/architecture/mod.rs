//! Designs as data. A [`Layout`] is a set of independent choices (API type, where the endpoints
//! are, how API Gateway reaches the backend, how other accounts are reached, DNS, multi-Region
//! facade, AZ count); the engine prices any layout. The whitepaper's patterns are named presets
//! over those choices ([`patterns::PATTERNS`]): adding a pattern is one table entry. A pattern
//! becomes a layout for a scenario in [`resolve`](resolve()); whether a layout can serve a
//! scenario is decided in one place, [`check`](check()), for `estimate`, `compare` and
//! `recommend` alike.

mod check;
pub mod patterns;
mod resolve;

use rust_decimal::Decimal;

use crate::scenario::{Backend, Listener, Scenario};
pub use check::{Condition, Strictness, broken_requirements, check, fits};
pub use patterns::{PATTERNS, Pattern, find, naming, unknown_help};
pub use resolve::{conditions, resolve, resolve_lenient, resolve_own, resolve_quietly};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Api {
    /// REST API with the `private` endpoint type.
    PrivateRest,
    /// REST API with the `regional` (public) endpoint type: the whitepaper's "REST APIs publicly
    /// exposed" with private integrations.
    RegionalRest,
    Http,
    WebSocket,
}

impl Api {
    /// The API type as messages name it: "REST", "regional REST", "HTTP", "WebSocket".
    pub fn name(self) -> &'static str {
        match self {
            Api::PrivateRest => "REST",
            Api::RegionalRest => "regional REST",
            Api::Http => "HTTP",
            Api::WebSocket => "WebSocket",
        }
    }

    /// A REST API, private or regional: the REST request prices, cache and features.
    pub fn is_rest(self) -> bool {
        matches!(self, Api::PrivateRest | Api::RegionalRest)
    }

    /// Reachable from the internet: no interface endpoint, data transfer out, VPC clients leave
    /// through a NAT gateway.
    pub fn is_public(self) -> bool {
        self != Api::PrivateRest
    }
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
    /// IP addresses of each Route 53 Resolver inbound endpoint (2..6).
    pub resolver_ips: u32,
    /// An AWS WAF web ACL with this many rules (or rule groups) in front of the REST API.
    pub waf_rules: Option<u32>,
}

/// Why a pattern or layout cannot serve a scenario.
pub type Reasons = Vec<String>;

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
            // One provider NLB behind each endpoint service, as there is one interface endpoint
            // per endpoint service (backend service).
            nlb += t.backend_services;
        }
        match self.facade {
            Facade::Nlb => nlb += 1,
            Facade::Alb => alb += 1,
            _ => {}
        }
        (nlb, alb)
    }

    /// The ALB roles on the path: the target (alone or behind an NLB) or the backend's own ALB,
    /// and the facade. Any ALB needs two AZs.
    pub fn alb_roles(&self, backend: Backend) -> u32 {
        u32::from(
            matches!(self.integration, Integration::Alb | Integration::NlbToAlb)
                || backend == Backend::Alb,
        ) + u32::from(self.facade == Facade::Alb)
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

    /// Whether a Route 53 Resolver inbound endpoint is part of the layout: on-premises DNS
    /// forwarding (R3), and each Region of a multi-Region facade (R4).
    pub fn has_resolver(&self) -> bool {
        self.dns == Dns::Resolver || self.facade != Facade::None
    }

    /// Whether the VPC links are V2 (HTTP APIs; REST to an ALB since November 2025).
    pub fn vpc_link_v2(&self) -> bool {
        self.api == Api::Http || self.integration == Integration::Alb
    }
}
