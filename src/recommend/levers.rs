//! The cost levers a recommendation can pull, as data: for each independent choice of a layout,
//! whether two layouts differ in it, how to take it over, and how to say the change (what it
//! is, the whitepaper's reason it can save, what it trades away). [`LEVERS`] is in the order
//! changes are listed and priced; a new lever is one entry and its wording.

use crate::architecture::{Api, Dns, Endpoints, Facade, Integration, Layout, Reach};
use crate::scenario::Scenario;

use super::explain::LeverSource;

/// One choice of a layout that a recommendation can change.
pub(super) struct Lever {
    /// Whether `from` and `to` differ in this choice.
    pub differs: fn(from: &Layout, to: &Layout) -> bool,
    /// Takes this choice (and what must come with it) over from `to`.
    pub take: fn(cur: &mut Layout, to: &Layout),
    /// How the change from `cur` to `to` is said.
    pub say: fn(s: &Scenario, cur: &Layout, to: &Layout) -> Said,
}

/// A change in words.
pub(super) struct Said {
    pub what: String,
    pub why: String,
    pub tradeoff: Option<String>,
    /// Whose cost lever it is: the whitepaper's (its cost text names it) or ours.
    pub source: LeverSource,
}

/// A change whose lever is ours (see [`Said::whitepaper`] for the whitepaper's).
fn said(what: String, why: &str, tradeoff: Option<&str>) -> Said {
    Said {
        what,
        why: why.to_owned(),
        tradeoff: tradeoff.map(str::to_owned),
        source: LeverSource::Ours,
    }
}

impl Said {
    /// The change pulls a lever the whitepaper's cost text names: HTTP instead of REST, one
    /// endpoint for every private API of a VPC, a Lambda instead of an idle NLB, one load
    /// balancer for many APIs (architectures.md, levers 1 to 4 but centralising).
    fn whitepaper(mut self) -> Self {
        self.source = LeverSource::Whitepaper;
        self
    }
}

/// Every lever, in the order changes are listed and priced.
pub(super) const LEVERS: &[Lever] = &[
    Lever {
        differs: |a, b| a.endpoints_per_vpc != b.endpoints_per_vpc,
        take: |l, to| l.endpoints_per_vpc = to.endpoints_per_vpc,
        say: endpoints_per_vpc,
    },
    Lever {
        differs: |a, b| a.load_balancers != b.load_balancers,
        take: |l, to| l.load_balancers = to.load_balancers,
        say: load_balancers,
    },
    Lever {
        differs: |a, b| a.cache_gb != b.cache_gb,
        take: |l, to| l.cache_gb = to.cache_gb,
        say: cache,
    },
    Lever {
        differs: |a, b| a.waf_rules != b.waf_rules,
        take: |l, to| l.waf_rules = to.waf_rules,
        say: waf,
    },
    Lever {
        differs: |a, b| a.api != b.api,
        // The API type decides where the endpoints, DNS and facade can be.
        take: |l, to| {
            l.api = to.api;
            l.endpoints = to.endpoints;
            l.dns = to.dns;
            l.facade = to.facade;
        },
        say: api,
    },
    Lever {
        differs: |a, b| a.integration != b.integration,
        take: |l, to| l.integration = to.integration,
        say: integration,
    },
    Lever {
        differs: |a, b| a.reach != b.reach,
        take: |l, to| l.reach = to.reach,
        say: reach,
    },
    Lever {
        differs: |a, b| a.endpoints != b.endpoints,
        take: |l, to| l.endpoints = to.endpoints,
        say: endpoints,
    },
    Lever {
        differs: |a, b| a.dns != b.dns,
        take: |l, to| l.dns = to.dns,
        say: dns,
    },
    Lever {
        differs: |a, b| a.facade != b.facade,
        take: |l, to| l.facade = to.facade,
        say: facade,
    },
    Lever {
        differs: |a, b| a.resolver_ips != b.resolver_ips,
        take: |l, to| l.resolver_ips = to.resolver_ips,
        say: resolver_ips,
    },
    Lever {
        differs: |a, b| a.azs != b.azs,
        take: |l, to| l.azs = to.azs,
        say: azs,
    },
];

fn endpoints_per_vpc(_: &Scenario, cur: &Layout, to: &Layout) -> Said {
    said(
        format!(
            "{} execute-api endpoint per VPC instead of {}",
            to.endpoints_per_vpc, cur.endpoints_per_vpc
        ),
        "one interface endpoint serves every private API in the Region",
        None,
    )
    .whitepaper()
}

fn load_balancers(_: &Scenario, cur: &Layout, to: &Layout) -> Said {
    said(
        format!(
            "{} load balancer and VPC link instead of {}",
            to.load_balancers, cur.load_balancers
        ),
        "one VPC link and load balancer serve many APIs, routes and services through listeners, ports and path rules",
        Some(
            "services share one load balancer: separate listeners or rules per service, one blast radius",
        ),
    )
    .whitepaper()
}

fn api(_: &Scenario, cur: &Layout, to: &Layout) -> Said {
    let what = format!(
        "{} instead of {}",
        api_name(to.api),
        with_article(api_name(cur.api))
    );
    let public = "the API is reachable from the internet, so resource policies, authorizers and throttling must guard it; clients in the consumer VPCs leave through NAT gateways, whose hours and GB are in this saving";
    let out = match (cur.api, to.api) {
        (_, Api::Http) => said(
            what,
            "HTTP APIs cost less per request than REST APIs ($1.00 against $3.50 per million in us-east-1's first tier) and need no interface endpoints",
            Some(&format!(
                "{public}; no API keys, usage plans, caching, request validation or WAF"
            )),
        ),
        (Api::PrivateRest, Api::RegionalRest) => said(
            what,
            "a regional REST API needs no interface endpoints: their AZ-hours and GB go, while data transfer out and NAT gateways for VPC clients come",
            Some(public),
        ),
        (_, Api::PrivateRest) => said(
            what,
            "a private REST API keeps the traffic inside the network and offers the REST-only features; VPC clients reach it through interface endpoints, with no NAT gateway hours or data transfer out",
            Some("interface endpoints to run in every consumer VPC"),
        ),
        (_, Api::RegionalRest) => said(
            what,
            "a regional REST API offers the REST-only features (API keys, usage plans, caching, request validation, WAF)",
            None,
        ),
        _ => said(what, "a different API type", None),
    };
    // HTTP against REST is the whitepaper's lever; private against regional REST is ours.
    if cur.api == Api::Http || to.api == Api::Http {
        out.whitepaper()
    } else {
        out
    }
}

fn cache(_: &Scenario, cur: &Layout, to: &Layout) -> Said {
    let size = |gb: Option<rust_decimal::Decimal>| {
        gb.map_or("no REST cache".to_owned(), |g| {
            format!("a {} GB REST cache", g.normalize())
        })
    };
    let what = format!("{} instead of {}", size(to.cache_gb), size(cur.cache_gb));
    match to.cache_gb {
        None => said(
            what,
            "a REST cache is billed every hour, whatever its hit ratio, and caching is not a requirement",
            Some("every request reaches the backend"),
        ),
        Some(_) => said(
            what,
            "a smaller cache costs less per hour",
            Some(
                "it holds fewer responses: check the cache hit ratio (CacheHitCount, CacheMissCount) at the smaller size",
            ),
        ),
    }
}

fn waf(_: &Scenario, cur: &Layout, to: &Layout) -> Said {
    match (cur.waf_rules, to.waf_rules) {
        (Some(rules), None) => said(
            format!("no AWS WAF web ACL instead of one with {rules} rules"),
            "the web ACL, its rules and every inspected request are billed, and `waf` is not a requirement",
            Some("no web application firewall in front of the API"),
        ),
        _ => said(
            format!(
                "an AWS WAF web ACL with {} rules",
                to.waf_rules.unwrap_or(0)
            ),
            "requirements.rest_features holds `waf`",
            None,
        ),
    }
}

fn resolver_ips(_: &Scenario, cur: &Layout, to: &Layout) -> Said {
    said(
        format!(
            "{} IP addresses on each Resolver inbound endpoint instead of {}",
            to.resolver_ips, cur.resolver_ips
        ),
        "Resolver endpoints are billed per IP address per hour; AWS's minimum is two, in two AZs",
        (to.resolver_ips < cur.resolver_ips).then_some(
            "fewer IPs answer fewer queries (about 10,000 per second per IP) and spread over fewer AZs",
        ),
    )
}

fn integration(_: &Scenario, cur: &Layout, to: &Layout) -> Said {
    let what = format!(
        "{} instead of {}",
        integration_name(to.integration),
        integration_name(cur.integration)
    );
    let out = match (cur.integration, to.integration) {
        (_, Integration::LambdaProxy) => said(
            what,
            "a load balancer is billed every hour, used or not; a VPC-enabled Lambda only per call and GB-second",
            Some(
                "Lambda cold starts, payload and timeout limits, and one more function to operate",
            ),
        ),
        (Integration::NlbToAlb, Integration::Alb) => said(
            what,
            "since November 2025 a VPC link V2 targets the ALB directly: the NLB in front of it goes",
            None,
        ),
        (Integration::LambdaProxy, _) => said(
            what,
            "a Lambda is billed per call and GB-second, a load balancer by the hour: volume decides which costs less",
            None,
        ),
        (_, Integration::CloudMap) => said(
            what,
            "Cloud Map service discovery sends requests straight to task IPs: no load balancer to pay for",
            Some("no load balancer health checks or connection draining; HTTP APIs only"),
        ),
        (Integration::CloudMap, Integration::Nlb) => said(
            what,
            "an NLB's hours and capacity units cost less here than Cloud Map's registered instances and discovery calls",
            Some("one more load balancer to run; tasks register as its targets"),
        ),
        (Integration::Alb, Integration::Nlb) => said(
            what,
            "NLB capacity units cost less than ALB capacity units, and an NLB has no rules to evaluate",
            Some("no path-based routing at the load balancer"),
        ),
        (_, Integration::Alb) => said(
            what,
            "an ALB behind VPC link V2 routes by path to several services",
            None,
        ),
        _ => said(what, "a different private integration target", None),
    };
    // A Lambda against an always-on load balancer is the whitepaper's lever; the rest are ours.
    if cur.integration == Integration::LambdaProxy || to.integration == Integration::LambdaProxy {
        out.whitepaper()
    } else {
        out
    }
}

fn reach(_: &Scenario, cur: &Layout, to: &Layout) -> Said {
    let what = format!(
        "{} to the backend accounts instead of {}",
        reach_name(to.reach),
        reach_name(cur.reach)
    );
    match (cur.reach, to.reach) {
        (Reach::TransitGateway, Reach::Peering) => said(
            what,
            "peering has no attachment hours and no per-GB processing, only inter-AZ data, as the CIDRs do not overlap",
            Some("peering does not route transitively: one connection per pair of VPCs to manage"),
        ),
        (_, Reach::Peering) => said(
            what,
            "peering removes the per-service interface endpoints and the endpoint-service NLBs, as the CIDRs do not overlap",
            Some("routing opens between the VPCs, and their CIDRs must never overlap"),
        ),
        (Reach::Peering, Reach::TransitGateway) => said(
            what,
            "one Transit Gateway hub connects every VPC instead of a peering per pair",
            Some("attachment hours and per-GB processing, and a hop of latency"),
        ),
        (_, Reach::TransitGateway) => said(
            what,
            "Transit Gateway routing removes the per-service interface endpoints and the endpoint-service NLBs",
            Some("routing opens between the VPCs; TGW processing adds a hop of latency"),
        ),
        _ => said(
            what,
            "PrivateLink keeps the accounts' networks apart and works with overlapping CIDRs",
            None,
        ),
    }
}

fn endpoints(_: &Scenario, _: &Layout, to: &Layout) -> Said {
    match to.endpoints {
        Endpoints::SharedTgw => said(
            "one shared execute-api endpoint reached over Transit Gateway instead of one in every consumer VPC".to_owned(),
            "endpoint AZ-hours stop growing with the number of consumer VPCs",
            Some("a Transit Gateway hop of latency, and a shared VPC to operate"),
        ),
        _ => said(
            "an execute-api endpoint in every consumer VPC instead of one shared over Transit Gateway".to_owned(),
            "per-VPC endpoints avoid Transit Gateway attachment hours and per-GB processing",
            None,
        ),
    }
}

fn dns(_: &Scenario, cur: &Layout, to: &Layout) -> Said {
    let what = format!("{} instead of {}", dns_name(to.dns), dns_name(cur.dns));
    match to.dns {
        Dns::PublicName => said(
            what,
            "no Resolver inbound endpoint to pay for by the hour",
            Some("clients send a Host or x-apigw-api-id header; browser CORS breaks"),
        ),
        Dns::Alias => said(
            what,
            "a Route 53 alias record costs less than a Resolver inbound endpoint",
            Some(
                "the name is publicly resolvable, and each endpoint must be associated with each API",
            ),
        ),
        _ => said(
            what,
            "on-premises DNS forwards to a Resolver inbound endpoint",
            None,
        ),
    }
}

fn facade(_: &Scenario, cur: &Layout, to: &Layout) -> Said {
    let what = format!(
        "{} in each Region instead of {}",
        facade_name(to.facade),
        facade_name(cur.facade)
    );
    let why = match to.facade {
        Facade::CustomDomain => {
            "private custom domain names (2025) remove the load balancer facade of R4"
        }
        _ => "a different facade in front of the endpoints",
    };
    said(what, why, None)
}

fn azs(s: &Scenario, cur: &Layout, to: &Layout) -> Said {
    Said {
        what: format!(
            "{} instead of {}",
            crate::money::count(to.azs, "AZ[s]"),
            cur.azs
        ),
        why: "interface endpoints, NAT gateways and some load balancer costs are paid per AZ"
            .to_owned(),
        tradeoff: (to.azs < cur.azs).then(|| {
            format!(
                "lower availability: {} (requirements.min_availability_zones is {})",
                crate::money::count(to.azs, "AZ[s]"),
                s.requirements.min_availability_zones
            )
        }),
        source: LeverSource::Ours,
    }
}

/// "a private REST API", "an HTTP API".
fn with_article(name: &str) -> String {
    let article = if name.starts_with(['H', 'a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {name}")
}

fn api_name(a: Api) -> &'static str {
    match a {
        Api::PrivateRest => "private REST API",
        Api::RegionalRest => "regional (public) REST API",
        Api::Http => "HTTP API",
        Api::WebSocket => "WebSocket API",
    }
}

pub(super) fn integration_name(i: Integration) -> &'static str {
    match i {
        Integration::Direct => "direct Lambda integration",
        Integration::Nlb => "NLB through a VPC link",
        Integration::Alb => "ALB through VPC link V2",
        Integration::NlbToAlb => "NLB in front of an ALB",
        Integration::CloudMap => "Cloud Map through VPC link V2",
        Integration::LambdaProxy => "VPC-enabled Lambda",
    }
}

fn reach_name(r: Reach) -> &'static str {
    match r {
        Reach::SameAccount => "same account",
        Reach::PrivateLink => "PrivateLink",
        Reach::Peering => "VPC peering",
        Reach::TransitGateway => "Transit Gateway",
    }
}

fn dns_name(d: Dns) -> &'static str {
    match d {
        Dns::None => "no DNS option",
        Dns::Alias => "Route 53 alias",
        Dns::PublicName => "the endpoint's public DNS name",
        Dns::Resolver => "a Resolver inbound endpoint",
    }
}

fn facade_name(f: Facade) -> &'static str {
    match f {
        Facade::None => "no facade",
        Facade::Nlb => "an NLB facade",
        Facade::Alb => "an ALB facade",
        Facade::CustomDomain => "a private custom domain name",
    }
}
