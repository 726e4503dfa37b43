//! The volumes a bill fixes that no scenario key states: interface endpoint AZ-hours and bytes,
//! NAT gateway bytes and Transit Gateway bytes; and the layout keys its rows imply: the REST
//! API cache's size (from its usage type) and a Lambda proxy's duration (GB-seconds a call). The model derives each from keys (endpoint
//! network interfaces from the endpoints and the AZs; bytes from requests × payload × a share or
//! a number of hops), linearly in one key, so that key is scaled by billed ÷ estimated, the
//! estimate being the model's own for the bill's period once the volumes the bill states
//! (requests) are set. Where a volume cannot be split between keys the assumption is said.

use rust_decimal::Decimal;

use super::calibrate::{Billed, origins, value};
use super::mapping::split_prefix;
use crate::architecture::{Endpoints, Reach};
use crate::component::Component as C;
use crate::derived::Derived;
use crate::engine::Estimate;
use crate::money::number;
use crate::scenario::CACHE_SIZES;
use crate::scenario::Scenario;

/// What the volumes set: keys, the components whose rows set them, what cannot be told.
#[derive(Debug, Default)]
pub struct Set {
    pub keys: Vec<Derived>,
    pub by: Vec<C>,
    pub cannot_tell: Vec<String>,
}

/// The inputs: the bill's lines by component, the scenario and its estimate (a month), the
/// bill's hours, and the files' names for the comments.
pub struct Volumes<'a, 'u> {
    pub billed: &'a Billed<'u>,
    pub scenario: &'a Scenario,
    pub estimate: &'a Estimate,
    pub hours: Decimal,
    pub file: &'a str,
}

impl Volumes<'_, '_> {
    /// The estimate's quantity of `c` for the bill's period (none: not in the layout).
    fn estimated(&self, c: C) -> Option<Decimal> {
        let items = self.estimate.line_items.iter().filter(|i| i.component == c);
        let q: Option<Decimal> = items.map(|i| i.quantity).reduce(|a, b| a + b);
        q.map(|q| q * self.hours / self.scenario.hours_per_month)
    }

    fn billed(&self, c: C) -> Option<Decimal> {
        self.billed.get(&c).map(|e| e.0)
    }

    fn set(&self, out: &mut Set, key: &str, v: Decimal, c: C) {
        let lines = self.billed.get(&c).map(|e| e.2.clone()).unwrap_or_default();
        out.by.push(c);
        out.keys.push(Derived {
            key: key.into(),
            value: value(key, v),
            from: origins(self.file, &lines),
        });
    }

    /// Billed ÷ estimated for `c`, when both are there; else what the bill's rows mean.
    fn ratio(&self, c: C, out: &mut Set) -> Option<Decimal> {
        let b = self.billed(c)?;
        match self.estimated(c) {
            Some(e) if !e.is_zero() => Some(b / e),
            _ => {
                out.cannot_tell.push(format!(
                    "{} ({} {}) is billed but the scenario's layout has none: it sets no key",
                    c.id(),
                    number(b, 6),
                    c.unit()
                ));
                None
            }
        }
    }

    /// Every volume; the payload first, since NAT bytes depend on it too.
    pub fn keys(&self) -> Set {
        let mut out = Set::default();
        let payload = self.payload(&mut out);
        self.nat(&mut out, payload);
        self.endpoint_hours(&mut out);
        self.cache(&mut out);
        self.lambda(&mut out);
        out
    }

    /// Endpoint bytes, else Transit Gateway bytes: requests × payload × hops, so they fix the
    /// payload (request_kb + response_kb), scaled keeping the scenario's split. The ratio applied.
    fn payload(&self, out: &mut Set) -> Decimal {
        let t = &self.scenario.traffic;
        for c in [C::EndpointData, C::TgwData] {
            let Some(r) = self.ratio(c, out) else {
                continue;
            };
            self.set(out, "traffic.request_kb", t.request_kb * r, c);
            self.set(out, "traffic.response_kb", t.response_kb * r, c);
            let kb = (t.request_kb + t.response_kb) * r;
            let other = if c == C::EndpointData {
                "interface endpoints"
            } else {
                "the Transit Gateway"
            };
            out.cannot_tell.push(format!(
                "how the payload splits into request and response: {}'s bytes fix their sum ({} KB a request, all of them this API's calls through {other}); the scenario's split is kept",
                c.id(),
                number(kb, 6)
            ));
            return r;
        }
        Decimal::ONE
    }

    /// NAT bytes: requests × VPC-client share × payload, so (the payload set) they fix the share.
    fn nat(&self, out: &mut Set, payload: Decimal) {
        let Some(r) = self.ratio(C::NatGatewayData, out) else {
            return;
        };
        let t = &self.scenario.traffic;
        let share = t.vpc_client_share() * r / payload;
        let most = Decimal::ONE - t.on_premises_share;
        if share > most {
            out.cannot_tell.push(format!(
                "the NAT gateways processed more than this API's calls could (a VPC-client share of {}, above {}): they carry other traffic too; traffic.vpc_client_share is kept",
                number(share, 4),
                number(most, 4)
            ));
            return;
        }
        self.set(out, "traffic.vpc_client_share", share, C::NatGatewayData);
        out.cannot_tell.push(format!(
            "what the NAT gateways' bytes carry: assumed all are VPC clients' calls to this API at {} KB each, so they set traffic.vpc_client_share",
            number((t.request_kb + t.response_kb) * payload, 6)
        ));
    }

    /// Endpoint AZ-hours ÷ the bill's hours: endpoint network interfaces, the endpoints × the
    /// scenario's AZs; the endpoints set the key the layout counts them by.
    fn endpoint_hours(&self, out: &mut Set) {
        let Some(r) = self.ratio(C::EndpointHours, out) else {
            return;
        };
        let l = &self.estimate.layout;
        let enis = self.billed(C::EndpointHours).unwrap_or_default() / self.hours;
        let endpoints = enis / Decimal::from(l.azs);
        let topo = &self.scenario.topology;
        let backend = l.reach == Reach::PrivateLink;
        let (key, now) = match (l.endpoints, backend) {
            (Endpoints::PerVpc, false) => ("topology.consumer_vpcs", topo.consumer_vpcs),
            (Endpoints::SharedTgw, false) => ("layout.endpoints_per_vpc", l.endpoints_per_vpc),
            (Endpoints::None, true) => ("topology.backend_services", topo.backend_services),
            _ => ("", 0),
        };
        let to = Decimal::from(now) * r;
        let whole = (to - to.round()).abs() < Decimal::new(1, 6) && to >= Decimal::ONE;
        if key.is_empty() || !whole {
            out.cannot_tell.push(format!(
                "the endpoints behind {} endpoint network interfaces an hour on average ({} endpoints in {} AZs): not a whole number of this layout's endpoints (one existed part of the period, or it counts consumer and backend endpoints alike); the scenario's are kept",
                number(enis, 4),
                number(endpoints, 4),
                l.azs
            ));
            return;
        }
        self.set(out, key, to.round(), C::EndpointHours);
        out.cannot_tell.push(format!(
            "which service each interface endpoint serves, and how AZ-hours split into endpoints × AZs: assumed every billed endpoint is this API's, in the scenario's {} AZs ({} endpoints, so {key} = {})",
            l.azs,
            number(endpoints, 4),
            to.round()
        ));
    }
}

/// What a cache's usage type starts with (after its Region prefix), as the usage-type table says.
const CACHE_USAGE: &str = "ApiGatewayCacheUsage:";

/// The cache size a usage type names: `USE1-ApiGatewayCacheUsage:1.6GB` → 1.6, when it is one
/// of the sizes API Gateway offers.
pub fn cache_size(usage_type: &str) -> Option<Decimal> {
    let bare = split_prefix(usage_type).1;
    let size = bare.strip_prefix(CACHE_USAGE)?.strip_suffix("GB")?;
    let gb: Decimal = size.parse().ok()?;
    CACHE_SIZES
        .iter()
        .any(|s| s.parse::<Decimal>() == Ok(gb))
        .then_some(gb)
}

impl Volumes<'_, '_> {
    /// Cache hours: their usage type names the size, which sets `layout.cache_gb` (the size
    /// billed the most hours, if the cache was resized); the model prices one cache a Region.
    fn cache(&self, out: &mut Set) {
        let Some((hours, _, lines)) = self.billed.get(&C::RestCache) else {
            return;
        };
        if !self.estimate.layout.api.is_rest() {
            out.cannot_tell.push(format!(
                "rest-cache ({} cache hours) is billed but the scenario's layout is not a REST API: layout.cache_gb is not set",
                number(*hours, 6)
            ));
            return;
        }
        let mut by_size: Vec<(Decimal, Decimal)> = Vec::new();
        for l in lines {
            let Some(gb) = cache_size(&l.usage_type) else {
                continue;
            };
            match by_size.iter_mut().find(|(s, _)| *s == gb) {
                Some(e) => e.1 += l.quantity,
                None => by_size.push((gb, l.quantity)),
            }
        }
        let Some(&(gb, _)) = by_size.iter().max_by_key(|(_, h)| *h) else {
            out.cannot_tell.push("the cache's size: its usage types name none API Gateway offers; layout.cache_gb is kept".into());
            return;
        };
        self.set(out, "layout.cache_gb", gb, C::RestCache);
        if by_size.len() > 1 {
            let sizes: Vec<String> = by_size
                .iter()
                .map(|(s, h)| format!("{} GB {} h", s.normalize(), number(*h, 4)))
                .collect();
            out.cannot_tell.push(format!(
                "which cache size to keep: the cache was resized in the period ({}); layout.cache_gb is the size billed the most hours",
                sizes.join(", ")
            ));
        }
        let caches = *hours / self.hours;
        if (caches - Decimal::ONE).abs() > Decimal::new(1, 2) {
            out.cannot_tell.push(format!(
                "why the Region billed {} caches an hour on average (cached stages, or a cache that ran part of the period): the model prices one cache a Region",
                number(caches, 4)
            ));
        }
    }

    /// Lambda GB-seconds ÷ billed invocations ÷ the memory (which the bill does not give) are
    /// the duration of a call, which sets `layout.lambda_duration_ms`.
    fn lambda(&self, out: &mut Set) {
        let (Some(gbs), Some(calls)) = (
            self.billed(C::LambdaDuration),
            self.billed(C::LambdaRequests),
        ) else {
            return;
        };
        if self.estimated(C::LambdaDuration).is_none() {
            self.ratio(C::LambdaDuration, out);
            return;
        }
        let calls = calls * Decimal::from(1_000_000);
        if calls.is_zero() {
            return;
        }
        let memory = self.estimate.layout.lambda_memory_mb;
        let gb = Decimal::from(memory) / Decimal::from(1024);
        let exact = gbs / calls / gb * Decimal::from(1000);
        let ms = exact
            .round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
            .clamp(Decimal::ONE, Decimal::from(900_000));
        let mut lines = self
            .billed
            .get(&C::LambdaDuration)
            .map(|e| e.2.clone())
            .unwrap_or_default();
        lines.extend(
            self.billed
                .get(&C::LambdaRequests)
                .into_iter()
                .flat_map(|e| e.2.iter().copied()),
        );
        out.by.push(C::LambdaDuration);
        out.keys.push(Derived {
            key: "layout.lambda_duration_ms".into(),
            value: value("layout.lambda_duration_ms", ms),
            from: origins(self.file, &lines),
        });
        if !self.scenario.gives("layout.lambda_memory_mb") {
            out.cannot_tell.push(format!(
                "the functions' memory: the bill gives GB-seconds, not memory; assumed layout.lambda_memory_mb = {memory} (the default), so {} GB-seconds over {} invocations are {} ms a call",
                number(gbs, 6),
                number(calls, 0),
                number(exact, 3)
            ));
        }
        self.lambda_calls(out, calls);
    }

    /// Invocations against API requests: the model invokes the proxy once a request.
    fn lambda_calls(&self, out: &mut Set, calls: Decimal) {
        let api = [C::RestRequests, C::HttpRequests, C::WebsocketMessages];
        let requests: Decimal = api.iter().filter_map(|c| self.billed(*c)).sum();
        let requests = requests * Decimal::from(1_000_000);
        if requests.is_zero() || ((calls - requests) / requests).abs() <= Decimal::new(1, 2) {
            return;
        }
        out.cannot_tell.push(format!(
            "what the bill's {} Lambda invocations are beside its {} API requests (other functions, or retries): the model invokes the proxy once a request; the duration is per billed invocation",
            number(calls, 0),
            number(requests, 0)
        ));
    }
}
