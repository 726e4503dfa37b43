//! Which AWS Price List usage types price which engine items: the one table a reviewer reads to
//! check that `USE1-ApiGatewayRequest` really is `rest-requests`, and the rule that strips a
//! usage type's Region prefix before looking it up.

use rust_decimal::Decimal;

use crate::component::Component;

/// The offers whose prices the engine uses.
pub const OFFERS: &[&str] = &[
    "AmazonApiGateway",
    "AmazonVPC",
    "AWSELB",
    "AWSCloudMap",
    "AmazonRoute53",
    "AWSLambda",
    "AWSDataTransfer",
];

/// How AWS's unit relates to the price table's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Per {
    /// The same unit (hours, GB, GB-seconds, resources, zones).
    Unit,
    /// AWS prices one request, message, minute, query or call; the table prices a million.
    Million,
}

impl Per {
    pub fn factor(self) -> Decimal {
        match self {
            Per::Unit => Decimal::ONE,
            Per::Million => Decimal::from(1_000_000),
        }
    }
}

/// Whether an item is priced per Region or once for all Regions (Route 53 hosted zones).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Regional,
    Global,
}

/// What a row or product maps to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    Item(Component),
    CacheSize(Decimal),
}

impl Target {
    /// The price item the target is part of.
    pub fn item(self) -> Component {
        match self {
            Target::Item(c) => c,
            Target::CacheSize(_) => Component::RestCache,
        }
    }
}

/// One usage type (after the Region prefix) that prices one engine item.
#[derive(Debug)]
pub struct Mapping {
    pub offer: &'static str,
    pub usage: &'static str,
    /// Required `operation`, where the usage type alone is ambiguous.
    pub operation: Option<&'static str>,
    pub item: Component,
    pub per: Per,
    pub scope: Scope,
}

const fn m(
    offer: &'static str,
    usage: &'static str,
    operation: Option<&'static str>,
    item: Component,
    per: Per,
    scope: Scope,
) -> Mapping {
    Mapping {
        offer,
        usage,
        operation,
        item,
        per,
        scope,
    }
}

/// The REST API cache's usage types carry the size: `ApiGatewayCacheUsage:0.5GB`.
pub const CACHE_USAGE: &str = "ApiGatewayCacheUsage:";

/// Usage types, as AWS's price lists name them (see `pricing-facts.md`, "Refreshing prices").
/// Region-prefixed `DNS-Queries` are Resolver queries; the unprefixed, Region-less `DNS-Queries`
/// are public hosted-zone queries, which the engine does not price.
#[rustfmt::skip]
pub const MAPPINGS: &[Mapping] = {
    use Component as C;
    use Per::{Million, Unit};
    use Scope::{Global, Regional};
    const ALB: Option<&str> = Some("LoadBalancing:Application");
    const NLB: Option<&str> = Some("LoadBalancing:Network");
    const TGW_VPC: Option<&str> = Some("TransitGatewayVPC");
    &[
        m("AmazonApiGateway", "ApiGatewayRequest", None, C::RestRequests, Million, Regional),
        m("AmazonApiGateway", "ApiGatewayHttpRequest", None, C::HttpRequests, Million, Regional),
        m("AmazonApiGateway", "ApiGatewayMessage", None, C::WebsocketMessages, Million, Regional),
        m("AmazonApiGateway", "ApiGatewayMinute", None, C::WebsocketMinutes, Million, Regional),
        m("AmazonApiGateway", CACHE_USAGE, None, C::RestCache, Unit, Regional),
        m("AmazonVPC", "VpcEndpoint-Hours", None, C::EndpointHours, Unit, Regional),
        m("AmazonVPC", "VpcEndpoint-Bytes", None, C::EndpointData, Unit, Regional),
        m("AmazonVPC", "TransitGateway-Hours", TGW_VPC, C::TgwAttachmentHours, Unit, Regional),
        m("AmazonVPC", "TransitGateway-Bytes", TGW_VPC, C::TgwData, Unit, Regional),
        m("AmazonVPC", "VPN-Usage-Hours:ipsec.1", None, C::VpnHours, Unit, Regional),
        m("AWSELB", "LoadBalancerUsage", NLB, C::NlbHours, Unit, Regional),
        m("AWSELB", "LCUUsage", NLB, C::NlbCapacity, Unit, Regional),
        m("AWSELB", "LoadBalancerUsage", ALB, C::AlbHours, Unit, Regional),
        m("AWSELB", "LCUUsage", ALB, C::AlbCapacity, Unit, Regional),
        m("AWSCloudMap", "Cloud-Map-Resources", None, C::CloudMapResources, Unit, Regional),
        m("AWSCloudMap", "Cloud-Map-API-Calls", None, C::CloudMapQueries, Million, Regional),
        m("AmazonRoute53", "ResolverNetworkInterface", None, C::ResolverHours, Unit, Regional),
        m("AmazonRoute53", "DNS-Queries", None, C::ResolverQueries, Million, Regional),
        m("AmazonRoute53", "HostedZone", None, C::HostedZones, Unit, Global),
        m("AWSLambda", "Request", None, C::LambdaRequests, Million, Regional),
        m("AWSLambda", "Lambda-GB-Second", None, C::LambdaDuration, Unit, Regional),
        m("AWSDataTransfer", "DataTransfer-Out-Bytes", None, C::DataTransferOut, Unit, Regional),
        m("AWSDataTransfer", "DataTransfer-Regional-Bytes", None, C::InterAzData, Unit, Regional),
    ]
};

/// Price items no offer above prices, with the reason.
pub const NOT_IMPORTED: &[(Component, &str)] = &[
    (
        Component::DxPortHours,
        "Direct Connect ports are priced per Direct Connect location in the AWSDirectConnect offer, which this importer does not read",
    ),
    (
        Component::DxData,
        "Direct Connect data out is priced per Direct Connect location in the AWSDirectConnect offer, which this importer does not read",
    ),
];

/// The mappings of one offer, or `None` when the engine uses nothing of it.
pub fn of_offer(offer: &str) -> Option<Vec<&'static Mapping>> {
    OFFERS
        .contains(&offer)
        .then(|| MAPPINGS.iter().filter(|m| m.offer == offer).collect())
}

/// A Region prefix of a usage type: `USE1`, `EUC1`, `EU`, `APN1`, `UGW1`.
#[inline]
fn is_region_prefix(p: &str) -> bool {
    (2..=6).contains(&p.len())
        && p.as_bytes()[0].is_ascii_uppercase()
        && p.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// The engine item a usage type prices, if any: the whole usage type first (us-east-1's
/// unprefixed `LoadBalancerUsage`, `VPN-Usage-Hours:ipsec.1`), then without its Region prefix.
#[inline]
pub fn resolve(
    maps: &[&'static Mapping],
    usage: &str,
    operation: &str,
) -> Option<(&'static Mapping, Target)> {
    let stripped = usage
        .split_once('-')
        .filter(|(p, _)| is_region_prefix(p))
        .map(|(_, rest)| rest);
    for name in std::iter::once(usage).chain(stripped) {
        for m in maps {
            if m.operation.is_some_and(|op| op != operation) {
                continue;
            }
            if m.item == Component::RestCache {
                let size = name
                    .strip_prefix(m.usage)
                    .and_then(|s| s.strip_suffix("GB"))
                    .and_then(|s| s.parse::<Decimal>().ok());
                if let Some(gb) = size {
                    return Some((m, Target::CacheSize(gb.normalize())));
                }
            } else if name == m.usage {
                return Some((m, Target::Item(m.item)));
            }
        }
    }
    None
}

/// Why an item is missing from an import of the files of `offers`.
pub fn missing_reason(item: Component, offers: &[&str]) -> String {
    if let Some((_, why)) = NOT_IMPORTED.iter().find(|(c, _)| *c == item) {
        return (*why).to_owned();
    }
    let ms: Vec<&Mapping> = MAPPINGS.iter().filter(|m| m.item == item).collect();
    let Some(first) = ms.first() else {
        return "no Price List usage type is known for it".into();
    };
    let usage = if item == Component::RestCache {
        format!("{CACHE_USAGE}<size>GB")
    } else {
        first.usage.to_owned()
    };
    let op = first
        .operation
        .map_or_else(String::new, |o| format!(", operation {o}"));
    if offers.contains(&first.offer) {
        format!(
            "not in these files (expected in {} as usage type {usage}{op})",
            first.offer
        )
    } else {
        format!(
            "its offer {} is not among the files (usage type {usage}{op})",
            first.offer
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn maps(offer: &str) -> Vec<&'static Mapping> {
        of_offer(offer).unwrap()
    }

    #[test]
    fn strips_region_prefixes_and_tells_elb_apart_by_operation() {
        let api = maps("AmazonApiGateway");
        let t = |u: &str, op: &str, ms: &[&'static Mapping]| resolve(ms, u, op).map(|(_, t)| t);
        use Component as C;
        assert_eq!(
            t("USE1-ApiGatewayRequest", "", &api),
            Some(Target::Item(C::RestRequests))
        );
        assert_eq!(
            t("EU-ApiGatewayHttpRequest", "", &api),
            Some(Target::Item(C::HttpRequests))
        );
        assert_eq!(
            t("APN1-ApiGatewayCacheUsage:0.5GB", "", &api),
            Some(Target::CacheSize(d("0.5")))
        );
        assert_eq!(t("USE1-ApiGatewayRequestX", "", &api), None);
        let elb = maps("AWSELB");
        assert_eq!(
            t("LoadBalancerUsage", "LoadBalancing:Application", &elb),
            Some(Target::Item(C::AlbHours))
        );
        assert_eq!(
            t("EUC1-LCUUsage", "LoadBalancing:Network", &elb),
            Some(Target::Item(C::NlbCapacity))
        );
        assert_eq!(t("LCUUsage", "LoadBalancing:Gateway", &elb), None);
        let vpc = maps("AmazonVPC");
        assert_eq!(
            t("VPN-Usage-Hours:ipsec.1", "CreateVpnConnection", &vpc),
            Some(Target::Item(C::VpnHours))
        );
        assert_eq!(
            t("USE1-TransitGateway-Hours", "TransitGatewayVPN", &vpc),
            None
        );
        // A usage type with two prefixes (a Local Zone) is not the Region's.
        let lambda = maps("AWSLambda");
        assert_eq!(t("USW2-LAX1-Request", "", &lambda), None);
        assert_eq!(t("USE1-Lambda-Edge-Request", "", &lambda), None);
    }
}
