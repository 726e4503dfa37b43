//! The volumes a bill fixes that no scenario key states: interface endpoint AZ-hours and bytes,
//! NAT gateway bytes and Transit Gateway bytes. The model derives each from keys (endpoint
//! network interfaces from the endpoints and the AZs; bytes from requests × payload × a share or
//! a number of hops), linearly in one key, so that key is scaled by billed ÷ estimated, the
//! estimate being the model's own for the bill's period once the volumes the bill states
//! (requests) are set. Where a volume cannot be split between keys the assumption is said.

use rust_decimal::Decimal;

use super::calibrate::{Billed, origins, value};
use crate::architecture::{Endpoints, Reach};
use crate::component::Component as C;
use crate::derived::Derived;
use crate::engine::Estimate;
use crate::money::number;
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
