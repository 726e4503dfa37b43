//! What AWS's pricing pages state but its price data does not carry, each with the page it comes
//! from: Lambda's duration tier edges (the data names the tiers "Tier2", "Tier3" only), API
//! Gateway's free tier, and Cloud Map's registered-resource price (the Cloud Map data prices API
//! calls only). Kept apart from the data readers so that every such fact is in one short list a
//! reviewer can check against the pages; each applies only where its page confirms it.

use rust_decimal::Decimal;

use super::{DataKind, OfferFile};
use crate::component::Component;
use crate::pricing::{FreeTier, Price, Rate};

/// Where Lambda's duration tier edges come from (the phrases are in `page_keys`).
pub const LAMBDA_TIERS_SOURCE: &str = "tier edges from https://aws.amazon.com/lambda/pricing/ (x86: first 6 billion GB-seconds, next 9 billion, over 15 billion a month; the data names the tiers only \"Tier2\", \"Tier3\")";

/// API Gateway's free tier, per month, in each item's unit.
const API_GATEWAY_FREE_TIER: &[(Component, u32, u32)] = &[
    (Component::RestRequests, 1, 0),      // 1 million requests
    (Component::HttpRequests, 1, 0),      // 1 million requests
    (Component::WebsocketMessages, 1, 0), // 1 million messages
    (Component::WebsocketMinutes, 75, 2), // 0.75 million connection-minutes
];

const API_GATEWAY_FREE_TIER_SOURCE: &str = "https://aws.amazon.com/api-gateway/pricing/ (copy of 2025-11-02): accounts created before 15 July 2025, first 12 months; the AWS Free Tier is not offered in AWS GovCloud (US)";

/// The free tier of a table built from `files` for `region`: API Gateway's, when the table's
/// API Gateway prices come from the API Gateway pricing page's data (the page that states the
/// free tier), outside AWS GovCloud (US).
pub fn free_tier(region: &str, files: &[OfferFile]) -> FreeTier {
    let from_page = files
        .iter()
        .any(|f| f.kind == DataKind::PricingPage && f.offer == "apigateway");
    if !from_page || !free_tier_offered(region) {
        return FreeTier::default();
    }
    let mut allowances: Vec<(Component, Decimal)> = API_GATEWAY_FREE_TIER
        .iter()
        .map(|(c, n, scale)| (*c, Decimal::new(i64::from(*n), *scale)))
        .collect();
    allowances.sort_by_key(|(c, _)| c.id()); // the order a table is read back in
    FreeTier {
        allowances,
        source: API_GATEWAY_FREE_TIER_SOURCE.into(),
    }
}

/// Whether API Gateway's free tier applies in `region`: not in AWS GovCloud (US), where the
/// AWS Free Tier is not offered.
pub fn free_tier_offered(region: &str) -> bool {
    !region.starts_with("us-gov-")
}

/// The Regions for which the project's pricing facts (`docs`: pricing-facts.md, from AWS's Cloud
/// Map pricing page) confirm the registered-resource price.
const CLOUD_MAP_RESOURCE_REGIONS: &[&str] = &[
    "us-east-1",
    "us-west-2",
    "eu-west-1",
    "eu-central-1",
    "ap-southeast-1",
    "ap-northeast-1",
];

const CLOUD_MAP_RESOURCE_SOURCE: &str = "https://aws.amazon.com/cloud-map/pricing/ (as recorded 2025-11-02): $0.10 per registered resource per month; not in AWS's Cloud Map price data, which prices API calls only; confirmed for us-east-1, us-west-2, eu-west-1, eu-central-1, ap-southeast-1 and ap-northeast-1 only";

/// Why Cloud Map's resource price is missing where the page does not confirm it.
pub const CLOUD_MAP_RESOURCES_MISSING: &str = "AWS's Cloud Map pricing-page data (cloudmap) prices API calls only, not registered resources; the Cloud Map page's price is confirmed for us-east-1, us-west-2, eu-west-1, eu-central-1, ap-southeast-1 and ap-northeast-1 only";

/// Prices a pricing page states for `region` that the data read lacks: Cloud Map's registered
/// resources, when the Cloud Map data is among the files and the page confirms the Region.
pub fn prices(region: &str, files: &[OfferFile]) -> Vec<(Component, Price)> {
    let cloud_map = files
        .iter()
        .any(|f| f.kind == DataKind::PricingPage && f.offer == "cloudmap");
    if !cloud_map || !CLOUD_MAP_RESOURCE_REGIONS.contains(&region) {
        return Vec::new();
    }
    vec![(
        Component::CloudMapResources,
        Price {
            rate: Rate::Flat(Decimal::new(10, 2)),
            source: CLOUD_MAP_RESOURCE_SOURCE.into(),
            effective_date: "2025-11-02".into(),
            unverified: false,
        },
    )]
}
