//! Which AWS Price List usage types price which engine items: the one table a reviewer reads to
//! check that `USE1-ApiGatewayRequest` really is `rest-requests`, and the rule that strips a
//! usage type's Region prefix before looking it up.

use rust_decimal::Decimal;

use super::locations::is_region_prefix;
use super::page_keys::{self, PAGE_KEYS};
use super::{derived, direct_connect};
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

/// The REST cache sizes as the usage types say them, and as the `cacheMemorySizeGb` attribute,
/// AWS's documentation and scenarios (`cache_size_gb`) say them.
const CACHE_SIZE_NAMES: &[(&str, &str)] = &[("1.55", "1.6"), ("6.05", "6.1")];

/// Price items no data set this importer reads prices per Region, with the reason.
pub const NOT_IMPORTED: &[(Component, &str)] = &[
    (
        Component::DxPortHours,
        "Direct Connect ports are priced per Direct Connect location, not per Region; a Region price is derived only from AWS's Direct Connect pricing-page data (directconnect), not among the files",
    ),
    (
        Component::DxData,
        "Direct Connect data out is priced per Direct Connect location and Region, not per Region; a Region price is derived only from AWS's Direct Connect pricing-page data (directconnect), not among the files",
    ),
    (
        Component::InterRegionData,
        "data transfer between Regions is priced per pair of Regions, not per Region; no current data for it is read",
    ),
];

/// The mappings of one offer, or `None` when the engine uses nothing of it. Every offer file
/// also carries data-transfer products (`AWSDataTransfer`), so those are looked for in all.
pub fn of_offer(offer: &str) -> Option<Vec<&'static Mapping>> {
    OFFERS.contains(&offer).then(|| {
        MAPPINGS
            .iter()
            .filter(|m| m.offer == offer || m.offer == "AWSDataTransfer")
            .collect()
    })
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
                    .map(|s| {
                        CACHE_SIZE_NAMES
                            .iter()
                            .find(|(usage, _)| *usage == s)
                            .map_or(s, |(_, gb)| *gb)
                    })
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

/// What a Price List usage type of `offer` prices, as an importer of its bulk file would read
/// it: the item, and the cache size for the REST cache; `None` when the engine does not use it.
pub fn item_of_usage_type(
    offer: &str,
    usage: &str,
    operation: &str,
) -> Option<(Component, Option<Decimal>)> {
    let maps = of_offer(offer)?;
    resolve(&maps, usage, operation).map(|(m, t)| match t {
        Target::Item(c) => (c, None),
        Target::CacheSize(gb) => (m.item, Some(gb)),
    })
}

/// Why an item is missing from an import of the data sets `read` (offer codes and pricing-page
/// data set names).
pub fn missing_reason(item: Component, read: &[&str]) -> String {
    let dx = [Component::DxPortHours, Component::DxData].contains(&item);
    if dx && read.contains(&direct_connect::DATA_SET) {
        return direct_connect::not_in_data();
    }
    if let Some((_, why)) = NOT_IMPORTED.iter().find(|(c, _)| *c == item) {
        return (*why).to_owned();
    }
    let gap = page_keys::NOT_IN_DATA_SET
        .iter()
        .find(|(set, c, _)| *c == item && read.contains(set));
    if let Some((_, _, why)) = gap {
        return (*why).to_owned();
    }
    if item == Component::DataTransferOut && read.contains(&derived::DATA_SET) {
        return format!(
            "not in the derived data set {} for this Region",
            derived::DATA_SET
        );
    }
    let bulk = MAPPINGS.iter().find(|m| m.item == item);
    let page = PAGE_KEYS.iter().find(|k| {
        k.prices == page_keys::Prices::Item(item)
            || (item == Component::RestCache && k.prices == page_keys::Prices::CacheSize)
    });
    match (bulk, page) {
        (_, Some(k)) if read.contains(&k.data_set) => format!(
            "no price for this Region in pricing-page data {} (key \"{}\")",
            k.data_set, k.key
        ),
        (Some(m), _) => bulk_reason(item, m, read),
        (None, Some(k)) => format!(
            "its data set {} (pricing-page data) is not among the files (key \"{}\")",
            k.data_set, k.key
        ),
        (None, None) => "no AWS data set this importer reads prices it".into(),
    }
}

fn bulk_reason(item: Component, m: &Mapping, read: &[&str]) -> String {
    let usage = if item == Component::RestCache {
        format!("{CACHE_USAGE}<size>GB")
    } else {
        m.usage.to_owned()
    };
    let op = m
        .operation
        .map_or_else(String::new, |o| format!(", operation {o}"));
    let among = read.contains(&m.offer)
        || (m.offer == "AWSDataTransfer" && read.iter().any(|o| OFFERS.contains(o)));
    if among {
        format!(
            "not in these files (expected in {} as usage type {usage}{op})",
            m.offer
        )
    } else {
        format!(
            "its offer {} is not among the files (usage type {usage}{op})",
            m.offer
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
        // The usage types say 1.55 and 6.05 GB; the sizes are 1.6 and 6.1 GB.
        assert_eq!(
            t("USE1-ApiGatewayCacheUsage:1.55GB", "", &api),
            Some(Target::CacheSize(d("1.6")))
        );
        assert_eq!(
            t("ApiGatewayCacheUsage:6.05GB", "", &api),
            Some(Target::CacheSize(d("6.1")))
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
        // `TS` is the ALB trust store's, not a Region prefix; a Local Zone's prefix is not one.
        let alb = "LoadBalancing:Application";
        assert_eq!(t("TS-LoadBalancerUsage", alb, &elb), None);
        assert_eq!(t("USE2-TS-LoadBalancerUsage", alb, &elb), None);
        assert_eq!(t("ATL1-LoadBalancerUsage", alb, &elb), None);
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
