//! Turning the difference between two layouts into a list of changes a person can act on. The
//! changes are applied one after another, each priced, so their savings add up exactly to the
//! whole saving; each names the whitepaper cost lever and what it trades away.

use rust_decimal::Decimal;

use crate::architecture::{Api, Dns, Endpoints, Facade, Integration, Layout, Reach};
use crate::engine::{EngineError, Options, estimate};
use crate::pricing::PriceTable;
use crate::scenario::Scenario;

/// One step from the current layout toward a recommended one.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub what: String,
    pub why: String,
    /// What the change gives up, when it gives something up.
    pub tradeoff: Option<String>,
    /// Monthly saving of this step (negative: it costs more, for the sake of a later step).
    pub saving: Decimal,
}

/// How many independent choices differ between two layouts.
pub fn distance(a: &Layout, b: &Layout) -> usize {
    usize::from(a.api != b.api)
        + usize::from(a.endpoints != b.endpoints)
        + usize::from(a.integration != b.integration)
        + usize::from(a.reach != b.reach)
        + usize::from(a.dns != b.dns)
        + usize::from(a.facade != b.facade)
        + usize::from(a.azs != b.azs)
        + usize::from(a.endpoints_per_vpc != b.endpoints_per_vpc)
        + usize::from(a.load_balancers != b.load_balancers)
}

fn integration_name(i: Integration) -> &'static str {
    match i {
        Integration::Direct => "direct Lambda integration",
        Integration::Nlb => "NLB through a VPC link",
        Integration::Alb => "ALB through VPC link V2",
        Integration::NlbToAlb => "NLB in front of an ALB",
        Integration::CloudMap => "Cloud Map through VPC link V2",
        Integration::LambdaProxy => "VPC-enabled Lambda",
    }
}

fn api_name(a: Api) -> &'static str {
    match a {
        Api::PrivateRest => "private REST API",
        Api::Http => "HTTP API",
        Api::WebSocket => "WebSocket API",
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

/// The changes that turn `from` into `to`, in a fixed order, each priced against the layout the
/// previous steps produced.
pub fn describe_changes(
    s: &Scenario,
    from: &Layout,
    to: &Layout,
    table: &PriceTable,
    opts: Options,
) -> Result<Vec<Change>, EngineError> {
    let mut steps: Vec<(Layout, String, String, Option<String>)> = Vec::new();
    let mut cur = from.clone();
    let mut step =
        |cur: &mut Layout, next: Layout, what: String, why: String, tradeoff: Option<String>| {
            if next != *cur {
                steps.push((next.clone(), what, why, tradeoff));
                *cur = next;
            }
        };
    if cur.endpoints_per_vpc != to.endpoints_per_vpc {
        let next = Layout {
            endpoints_per_vpc: to.endpoints_per_vpc,
            ..cur.clone()
        };
        let what = format!(
            "{} execute-api endpoint per VPC instead of {}",
            to.endpoints_per_vpc, cur.endpoints_per_vpc
        );
        step(
            &mut cur,
            next,
            what,
            "one interface endpoint serves every private API in the Region".into(),
            None,
        );
    }
    if cur.load_balancers != to.load_balancers {
        let next = Layout {
            load_balancers: to.load_balancers,
            ..cur.clone()
        };
        let what = format!(
            "{} load balancer and VPC link instead of {}",
            to.load_balancers, cur.load_balancers
        );
        step(
            &mut cur,
            next,
            what,
            "one VPC link and load balancer serve many APIs, routes and services through listeners, ports and path rules".into(),
            Some("services share one load balancer: separate listeners or rules per service, one blast radius".into()),
        );
    }
    if cur.api != to.api {
        let next = Layout {
            api: to.api,
            endpoints: to.endpoints,
            dns: to.dns,
            facade: to.facade,
            ..cur.clone()
        };
        let what = format!("{} instead of a {}", api_name(to.api), api_name(cur.api));
        let (why, tradeoff) = match (cur.api, to.api) {
            (Api::PrivateRest, Api::Http) => (
                "HTTP APIs cost less per request than REST APIs ($1.00 against $3.50 per million in us-east-1's first tier) and need no interface endpoints".to_owned(),
                Some("the API is reachable from the internet (HTTP APIs have no private endpoint type); no API keys, usage plans, caching, request validation or WAF; clients in VPCs leave through a NAT or internet gateway".to_owned()),
            ),
            (_, Api::PrivateRest) => (
                "a private REST API keeps the traffic inside the network and offers the REST-only features".to_owned(),
                Some("interface endpoints to run in every consumer VPC".to_owned()),
            ),
            _ => ("a different API type".to_owned(), None),
        };
        step(&mut cur, next, what, why, tradeoff);
    }
    if cur.integration != to.integration {
        let next = Layout {
            integration: to.integration,
            ..cur.clone()
        };
        let what = format!(
            "{} instead of {}",
            integration_name(to.integration),
            integration_name(cur.integration)
        );
        let (why, tradeoff): (String, Option<String>) = match (cur.integration, to.integration) {
            (_, Integration::LambdaProxy) => (
                "a load balancer is billed every hour, used or not; a VPC-enabled Lambda only per call and GB-second".into(),
                Some("Lambda cold starts, payload and timeout limits, and one more function to operate".into()),
            ),
            (Integration::NlbToAlb, Integration::Alb) => (
                "since November 2025 a VPC link V2 targets the ALB directly: the NLB in front of it goes".into(),
                None,
            ),
            (Integration::LambdaProxy, _) => (
                "a Lambda is billed per call and GB-second, a load balancer by the hour: volume decides which costs less".into(),
                None,
            ),
            (_, Integration::CloudMap) => (
                "Cloud Map service discovery sends requests straight to task IPs: no load balancer to pay for".into(),
                Some("no load balancer health checks or connection draining; HTTP APIs only".into()),
            ),
            (Integration::Alb, Integration::Nlb) => (
                "NLB capacity units cost less than ALB capacity units, and an NLB has no rules to evaluate".into(),
                Some("no path-based routing at the load balancer".into()),
            ),
            (_, Integration::Alb) => ("an ALB behind VPC link V2 routes by path to several services".into(), None),
            _ => ("a different private integration target".into(), None),
        };
        step(&mut cur, next, what, why, tradeoff);
    }
    if cur.reach != to.reach {
        let next = Layout {
            reach: to.reach,
            ..cur.clone()
        };
        let what = format!(
            "{} to the backend accounts instead of {}",
            reach_name(to.reach),
            reach_name(cur.reach)
        );
        let (why, tradeoff): (String, Option<String>) = match to.reach {
            Reach::Peering => (
                "peering removes the per-service interface endpoints and the endpoint-service NLBs (the CIDRs do not overlap)".into(),
                Some("routing opens between the VPCs, and their CIDRs must never overlap".into()),
            ),
            Reach::TransitGateway => (
                "Transit Gateway routing removes the per-service interface endpoints and the endpoint-service NLBs".into(),
                Some("routing opens between the VPCs; TGW processing adds a hop of latency".into()),
            ),
            _ => ("PrivateLink keeps the accounts' networks apart and works with overlapping CIDRs".into(), None),
        };
        step(&mut cur, next, what, why, tradeoff);
    }
    if cur.endpoints != to.endpoints {
        let next = Layout {
            endpoints: to.endpoints,
            ..cur.clone()
        };
        let (what, why, tradeoff) = match to.endpoints {
            Endpoints::SharedTgw => (
                "one shared execute-api endpoint reached over Transit Gateway instead of one in every consumer VPC".to_owned(),
                "endpoint AZ-hours stop growing with the number of consumer VPCs".to_owned(),
                Some("a Transit Gateway hop of latency, and a shared VPC to operate".to_owned()),
            ),
            _ => (
                "an execute-api endpoint in every consumer VPC instead of one shared over Transit Gateway".to_owned(),
                "per-VPC endpoints avoid Transit Gateway attachment hours and per-GB processing".to_owned(),
                None,
            ),
        };
        step(&mut cur, next, what, why, tradeoff);
    }
    if cur.dns != to.dns {
        let next = Layout {
            dns: to.dns,
            ..cur.clone()
        };
        let what = format!("{} instead of {}", dns_name(to.dns), dns_name(cur.dns));
        let (why, tradeoff): (String, Option<String>) = match to.dns {
            Dns::PublicName => (
                "no Resolver inbound endpoint to pay for by the hour".into(),
                Some("clients send a Host or x-apigw-api-id header; browser CORS breaks".into()),
            ),
            Dns::Alias => (
                "a Route 53 alias record costs less than a Resolver inbound endpoint".into(),
                Some("the name is publicly resolvable, and each endpoint must be associated with each API".into()),
            ),
            _ => ("on-premises DNS forwards to a Resolver inbound endpoint".into(), None),
        };
        step(&mut cur, next, what, why, tradeoff);
    }
    if cur.facade != to.facade {
        let next = Layout {
            facade: to.facade,
            ..cur.clone()
        };
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
        step(&mut cur, next, what, why.into(), None);
    }
    if cur.azs != to.azs {
        let next = Layout {
            azs: to.azs,
            ..cur.clone()
        };
        let what = format!("{} AZs instead of {}", to.azs, cur.azs);
        let tradeoff = (to.azs < cur.azs).then(|| {
            format!(
                "lower availability: {} AZs (requirements.min_availability_zones is {})",
                to.azs, s.requirements.min_availability_zones
            )
        });
        step(
            &mut cur,
            next,
            what,
            "endpoints, Resolver endpoints and some load balancer costs are paid per AZ".into(),
            tradeoff,
        );
    }
    let mut out = Vec::with_capacity(steps.len());
    let mut before = estimate(s, from, table, opts)?.monthly_cost;
    for (layout, what, why, tradeoff) in steps {
        let after = estimate(s, &layout, table, opts)?.monthly_cost;
        out.push(Change {
            what,
            why,
            tradeoff,
            saving: before - after,
        });
        before = after;
    }
    Ok(out)
}
