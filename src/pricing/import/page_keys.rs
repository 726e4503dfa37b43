//! Which keys of AWS's pricing-page data (`meteredUnitMaps`) price which engine items, and where
//! each key's tier starts and ends. AWS's keys are labels that carry the tier in their text
//! ("API Calls Number of up to 333 million", "… Next 667 million", "… from 0 to 1048576"):
//! the edges are read from that text, so the table below holds no number of its own. The only
//! edges the data does not state are Lambda's duration tiers ("Tier2", "Tier3"): those come from
//! AWS's Lambda pricing page, and every price that uses them says so.

use rust_decimal::Decimal;

use super::direct_connect;
use super::usage_types::{Per, Scope, Target};
use crate::component::Component;

/// How a key's tier is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edges {
    /// One price for all usage.
    Whole,
    /// The key's own text says it: "up to 333 million", "Next 19 billion", "from 0 to 1048576".
    InKey,
    /// The rest of the same SKU after the tiers before it ("DNS Zone" after "DNS Zone first 25").
    Rest,
    /// AWS's pricing page says it (the phrase, in the key grammar), not the data.
    Page(&'static str),
}

/// What a key prices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prices {
    Item(Component),
    /// A REST cache size, read from the key: "Caching Memory Size 13 5" is 13.5 GB.
    CacheSize,
}

/// One key of one pricing-page data set.
#[derive(Debug)]
pub struct PageKey {
    /// The data set (`manifest.source`): `apigateway`, `vpc`, `route53`, ...
    pub data_set: &'static str,
    pub key: &'static str,
    pub prices: Prices,
    pub per: Per,
    pub scope: Scope,
    pub edges: Edges,
}

const fn k(
    data_set: &'static str,
    key: &'static str,
    prices: Prices,
    per: Per,
    edges: Edges,
) -> PageKey {
    PageKey {
        data_set,
        key,
        prices,
        per,
        scope: Scope::Regional,
        edges,
    }
}

const fn global(mut key: PageKey) -> PageKey {
    key.scope = Scope::Global;
    key
}

/// The keys the engine uses, each item's tiers in ascending order.
#[rustfmt::skip]
pub const PAGE_KEYS: &[PageKey] = {
    use Component as C;
    use Edges::{InKey, Page, Rest, Whole};
    use Per::{Million, Unit};
    use Prices::{CacheSize, Item};
    &[
        k("apigateway", "API Calls Number of up to 333 million", Item(C::RestRequests), Million, InKey),
        k("apigateway", "API Calls Number of Request Next 667 million", Item(C::RestRequests), Million, InKey),
        k("apigateway", "API Calls Number of Request Next 19 billion", Item(C::RestRequests), Million, InKey),
        k("apigateway", "API Calls Number of Request Over 20 billion", Item(C::RestRequests), Million, InKey),
        k("apigateway", "ApiGatewayHttpApi First 300 million", Item(C::HttpRequests), Million, InKey),
        k("apigateway", "ApiGatewayHttpApi more than 300 million", Item(C::HttpRequests), Million, InKey),
        k("apigateway", "WebSocket Messages Messages first 1 billion", Item(C::WebsocketMessages), Million, InKey),
        k("apigateway", "WebSocket Messages Messages over 1 billion", Item(C::WebsocketMessages), Million, InKey),
        k("apigateway", "WebSocket Connection Minutes", Item(C::WebsocketMinutes), Million, Whole),
        k("apigateway", "Caching Memory Size 0 5", CacheSize, Unit, Whole),
        k("apigateway", "Caching Memory Size 1 6", CacheSize, Unit, Whole),
        k("apigateway", "Caching Memory Size 6 1", CacheSize, Unit, Whole),
        k("apigateway", "Caching Memory Size 13 5", CacheSize, Unit, Whole),
        k("apigateway", "Caching Memory Size 28 4", CacheSize, Unit, Whole),
        k("apigateway", "Caching Memory Size 58 2", CacheSize, Unit, Whole),
        k("apigateway", "Caching Memory Size 118", CacheSize, Unit, Whole),
        k("apigateway", "Caching Memory Size 237", CacheSize, Unit, Whole),
        k("vpc", "Hourly charge for VPC Endpoints per Hrs", Item(C::EndpointHours), Unit, Whole),
        k("vpc", "Charge for per GB data processed by VPC Endpoints per GB from 0 to 1048576", Item(C::EndpointData), Unit, InKey),
        k("vpc", "Charge for per GB data processed by VPC Endpoints per GB from 1048576 to 5242880", Item(C::EndpointData), Unit, InKey),
        k("vpc", "Charge for per GB data processed by VPC Endpoints per GB from 5242880 to Inf", Item(C::EndpointData), Unit, InKey),
        k("vpc", "Hourly charge for Transit Gateway VPC Attachments per hour", Item(C::TgwAttachmentHours), Unit, Whole),
        k("vpc", "Charge for per GB data processed by AWS Transit Gateways for VPC attachments per GigaBytes", Item(C::TgwData), Unit, Whole),
        k("vpc", "CreateVpnConnection per Hrs", Item(C::VpnHours), Unit, Whole),
        k("elb", "Network Load Balancer Hours", Item(C::NlbHours), Unit, Whole),
        k("elb", "Network Load Balancer LCU Hours", Item(C::NlbCapacity), Unit, Whole),
        k("elb", "Application Load Balancer Hours", Item(C::AlbHours), Unit, Whole),
        k("elb", "Application Load Balancer LCU Hours", Item(C::AlbCapacity), Unit, Whole),
        k("cloudmap", "API Call", Item(C::CloudMapQueries), Million, Whole),
        k("route53", "Query ENI", Item(C::ResolverHours), Unit, Whole),
        k("route53", "Query first 1B", Item(C::ResolverQueries), Million, InKey),
        k("route53", "Query over 1B", Item(C::ResolverQueries), Million, InKey),
        global(k("route53", "DNS Zone first 25", Item(C::HostedZones), Unit, InKey)),
        global(k("route53", "DNS Zone", Item(C::HostedZones), Unit, Rest)),
        global(k("route53", "Basic Health checks up to 50 AWS per Mo", Item(C::HealthChecks), Unit, InKey)),
        global(k("route53", "Basic Health checks AWS per Mo", Item(C::HealthChecks), Unit, Rest)),
        k("lambda", "Lambda Requests", Item(C::LambdaRequests), Million, Whole),
        k("lambda", "Lambda Duration", Item(C::LambdaDuration), Unit, Page("first 6 billion")),
        k("lambda", "Lambda Duration Tier2", Item(C::LambdaDuration), Unit, Page("next 9 billion")),
        k("lambda", "Lambda Duration Tier3", Item(C::LambdaDuration), Unit, Page("over 15 billion")),
        k("natgateway", "Hourly charge for NAT Gateways", Item(C::NatGatewayHours), Unit, Whole),
        k("natgateway", "Charge for per GB data processed by NatGateways", Item(C::NatGatewayData), Unit, Whole),
        k("waf", "WebACL per month", Item(C::WafWebAcls), Unit, Whole),
        k("waf", "Rules added per WebACL per month", Item(C::WafRules), Unit, Whole),
        k("waf", "Web Requests received per Request", Item(C::WafRequests), Million, Whole),
    ]
};

/// Keys in the data the engine does not use, and why: every key of the data sets above is
/// either used or listed here, so a key AWS adds is noticed (see `tests/real_pricelist.rs`).
pub const UNUSED_KEYS: &[(&str, &str, &str)] = &[
    (
        "vpc",
        "CreateVpnConnection per hours",
        "the same rate code as `CreateVpnConnection per Hrs`",
    ),
    (
        "vpc",
        "CreateVpnConnection GovCloud Only FIPS140 2 per Hrs",
        "FIPS VPN endpoints (GovCloud only)",
    ),
    (
        "cloudmap",
        "API Call DIR-API-Calls",
        "Cloud Map's other API calls (`DIR-API-Calls`), not discovery calls",
    ),
    (
        "waf",
        "Web ACL Activated per Month",
        "a second web-ACL SKU at the same price; the engine reads `WebACL per month`",
    ),
    (
        "waf",
        "Rule Activated per Month",
        "a second rule SKU at the same price; the engine reads `Rules added per WebACL per month`",
    ),
    (
        "waf",
        "Request Processed Tier1 per Request",
        "the same rate code as `Web Requests received per Request`",
    ),
    (
        "route53",
        "Basic Health checks External Non AWS per Mo",
        "health checks of non-AWS endpoints; a failover between Regions checks AWS endpoints",
    ),
    (
        "route53",
        "Optional Health Check Features AWS per Mo",
        "optional health-check features (HTTPS, string matching, fast interval, latency)",
    ),
    (
        "route53",
        "Optional Health Check Features External Non AWS per Mo",
        "optional features for non-AWS endpoints",
    ),
];

/// The data sets the engine uses.
pub fn known_data_set(data_set: &str) -> bool {
    data_set == direct_connect::DATA_SET || PAGE_KEYS.iter().any(|k| k.data_set == data_set)
}

/// Whether the table uses `key` of `data_set` or lists it as unused.
pub fn is_known(data_set: &str, key: &str) -> bool {
    PAGE_KEYS
        .iter()
        .any(|k| k.data_set == data_set && k.key == key)
        || UNUSED_KEYS
            .iter()
            .any(|(set, k, _)| *set == data_set && *k == key)
        || (data_set == direct_connect::DATA_SET && direct_connect::is_known(key))
}

/// The names of the data sets the engine uses.
pub fn data_sets() -> Vec<&'static str> {
    let mut out: Vec<&str> = PAGE_KEYS.iter().map(|k| k.data_set).collect();
    out.dedup();
    out.push(direct_connect::DATA_SET);
    out
}

/// Items a data set the engine reads does not price, though its service has them.
pub const NOT_IN_DATA_SET: &[(&str, Component, &str)] = &[(
    "cloudmap",
    Component::CloudMapResources,
    super::page_facts::CLOUD_MAP_RESOURCES_MISSING,
)];

/// The keys of one data set, in table order.
pub fn of_data_set(data_set: &str) -> impl Iterator<Item = &'static PageKey> + '_ {
    PAGE_KEYS.iter().filter(move |k| k.data_set == data_set)
}

impl PageKey {
    /// The price item the key is part of.
    pub fn item(&self) -> Component {
        match self.prices {
            Prices::Item(c) => c,
            Prices::CacheSize => Component::RestCache,
        }
    }

    /// What the key prices: its item, or the cache size its text names.
    pub fn target(&self) -> Option<Target> {
        match self.prices {
            Prices::Item(c) => Some(Target::Item(c)),
            Prices::CacheSize => cache_size(self.key).map(Target::CacheSize),
        }
    }

    /// The tier phrase, if the tier is not the whole usage.
    fn phrase(&self) -> Option<Phrase> {
        match self.edges {
            Edges::Whole => Some(Phrase::Range(Decimal::ZERO, None)),
            Edges::Rest => Some(Phrase::Rest),
            Edges::InKey => phrase(self.key),
            Edges::Page(p) => phrase(p),
        }
    }

    /// The tier's edges in AWS's unit, given where the item's tier before it ended: `(begin,
    /// end)`, `end` `None` when open. `None` when the text cannot be read (a bug in the table).
    pub fn edges(&self, previous_end: Decimal) -> Option<(Decimal, Option<Decimal>)> {
        Some(match self.phrase()? {
            Phrase::UpTo(n) => (Decimal::ZERO, Some(n)),
            Phrase::Next(n) => (previous_end, Some(previous_end + n)),
            Phrase::Over(n) => (n, None),
            Phrase::Range(a, b) => (a, b),
            Phrase::Rest => (previous_end, None),
        })
    }
}

/// A REST cache size from a key: "Caching Memory Size 13 5" is 13.5 (GB).
fn cache_size(key: &str) -> Option<Decimal> {
    let digits = key.strip_prefix("Caching Memory Size ")?;
    let text = digits.split(' ').collect::<Vec<_>>().join(".");
    text.parse::<Decimal>().ok().map(|d| d.normalize())
}

/// A tier, as AWS's keys word it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phrase {
    /// "up to N", "first N": from 0 to N.
    UpTo(Decimal),
    /// "Next N": N more after the tier before.
    Next(Decimal),
    /// "Over N", "more than N": from N on.
    Over(Decimal),
    /// "from A to B" (B `Inf`: open).
    Range(Decimal, Option<Decimal>),
    /// Whatever follows the tier before.
    Rest,
}

/// Reads the tier phrase in a key: the first of "up to", "first", "next", "over", "more than",
/// "from" (any case), then a number with an optional scale ("333 million", "1B", "1048576").
fn phrase(text: &str) -> Option<Phrase> {
    let words: Vec<String> = text.split(' ').map(str::to_ascii_lowercase).collect();
    let w = |i: usize| words.get(i).map_or("", String::as_str);
    for i in 0..words.len() {
        let (kind, at) = match (w(i), w(i + 1)) {
            ("up", "to") => ("up to", i + 2),
            ("more", "than") => ("over", i + 2),
            ("first", _) => ("up to", i + 1),
            ("next", _) | ("over", _) | ("from", _) => (w(i), i + 1),
            _ => continue,
        };
        let (n, len) = amount(w(at), w(at + 1))?;
        return Some(match kind {
            "up to" => Phrase::UpTo(n),
            "next" => Phrase::Next(n),
            "over" => Phrase::Over(n),
            _ => {
                let (to, end) = (w(at + len), w(at + len + 1));
                if to != "to" {
                    return None;
                }
                let end = if end == "inf" {
                    None
                } else {
                    Some(amount(end, "")?.0)
                };
                Phrase::Range(n, end)
            }
        });
    }
    None
}

/// A number and how many words it took: "333 million", "1b", "25".
fn amount(word: &str, next: &str) -> Option<(Decimal, usize)> {
    let scale = |s: &str| match s {
        "million" => Some(Decimal::from(1_000_000)),
        "billion" | "b" => Some(Decimal::from(1_000_000_000)),
        _ => None,
    };
    if let Ok(n) = word.parse::<Decimal>() {
        return Some(match scale(next) {
            Some(s) => (n * s, 2),
            None => (n, 1),
        });
    }
    let split = word.find(|c: char| !c.is_ascii_digit() && c != '.')?;
    let (digits, suffix) = word.split_at(split);
    Some((digits.parse::<Decimal>().ok()? * scale(suffix)?, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    /// The edges of one item's keys, in table order, as its data would chain them.
    fn chain(data_set: &str, item: Component) -> Vec<(Decimal, Option<Decimal>)> {
        let mut end = Decimal::ZERO;
        of_data_set(data_set)
            .filter(|k| k.prices == Prices::Item(item))
            .map(|k| {
                let e = k.edges(end).unwrap_or_else(|| panic!("{}", k.key));
                end = e.1.unwrap_or(end);
                e
            })
            .collect()
    }

    #[test]
    fn tier_edges_come_from_the_keys_text() {
        let m = |n: &str| Some(d(n) * d("1000000"));
        assert_eq!(
            chain("apigateway", Component::RestRequests),
            [
                (d("0"), m("333")),
                (d("333000000"), m("1000")),
                (d("1000000000"), m("20000")),
                (d("20000000000"), None)
            ]
        );
        assert_eq!(
            chain("apigateway", Component::HttpRequests),
            [(d("0"), m("300")), (d("300000000"), None)]
        );
        assert_eq!(
            chain("vpc", Component::EndpointData),
            [
                (d("0"), Some(d("1048576"))),
                (d("1048576"), Some(d("5242880"))),
                (d("5242880"), None)
            ]
        );
        assert_eq!(
            chain("route53", Component::ResolverQueries),
            [(d("0"), m("1000")), (d("1000000000"), None)]
        );
        assert_eq!(
            chain("route53", Component::HostedZones),
            [(d("0"), Some(d("25"))), (d("25"), None)]
        );
        assert_eq!(
            chain("route53", Component::HealthChecks),
            [(d("0"), Some(d("50"))), (d("50"), None)]
        );
        // Lambda's edges come from its pricing page: 6 billion, then 9 billion more.
        assert_eq!(
            chain("lambda", Component::LambdaDuration),
            [
                (d("0"), m("6000")),
                (d("6000000000"), m("15000")),
                (d("15000000000"), None)
            ]
        );
        assert_eq!(
            chain("apigateway", Component::WebsocketMinutes),
            [(d("0"), None)]
        );
    }

    #[test]
    fn cache_sizes_are_read_from_the_key() {
        let sizes: Vec<Decimal> = of_data_set("apigateway")
            .filter_map(|k| match k.target() {
                Some(Target::CacheSize(gb)) => Some(gb),
                _ => None,
            })
            .collect();
        let want = ["0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237"].map(d);
        assert_eq!(sizes, want);
    }

    #[test]
    fn every_key_is_listed_once() {
        let mut keys: Vec<(&str, &str)> = PAGE_KEYS.iter().map(|k| (k.data_set, k.key)).collect();
        keys.extend(UNUSED_KEYS.iter().map(|(s, k, _)| (*s, *k)));
        let all = keys.len();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), all);
        assert_eq!(phrase("Lambda Duration Tier2"), None);
    }
}
