//! The `[requirements]` section: what any design must keep (a private endpoint, REST-only
//! features, a minimum of AZs). `compare` and `recommend` offer only designs that keep them.

use rust_decimal::Decimal;
use toml::de::DeTable;

use super::layout::{DEFAULT_CACHE_GB, WAF_RULES};
use super::reader::{Ctx, Table};

#[derive(Debug, Clone)]
pub struct Requirements {
    /// Set, or by default true unless `[layout]` names a public pattern (product.md).
    pub private_endpoint: bool,
    pub rest_features: Vec<&'static str>,
    pub min_availability_zones: u32,
}

/// A REST-only feature a scenario needs to keep.
pub const REST_FEATURES: &[&str] = &[
    "api-keys",
    "usage-plans",
    "caching",
    "request-validation",
    "waf",
    "resource-policies",
    "private-endpoint",
    "edge-optimized",
    "request-transformation",
    "x-ray",
    "canary-deployments",
];

/// The keys of `[requirements]`.
pub(super) const KEYS: &[&str] = &[
    "private_endpoint",
    "rest_features",
    "min_availability_zones",
];

impl Requirements {
    /// Whether `rest_features` holds `feature`.
    pub fn needs(&self, feature: &str) -> bool {
        self.rest_features.contains(&feature)
    }

    /// The cache of a REST API whose layout sizes it `given`: that size, else when `caching` is
    /// required the smallest ([`DEFAULT_CACHE_GB`], so the requirement is never priced at $0),
    /// else none.
    pub fn rest_cache_gb(&self, given: Option<Decimal>) -> Option<Decimal> {
        given.or(self.needs("caching").then_some(DEFAULT_CACHE_GB))
    }

    /// The web ACL of a REST API whose layout gives it `given` rules: those, else when `waf` is
    /// required [`WAF_RULES`], else none.
    pub fn rest_waf_rules(&self, given: Option<u32>) -> Option<u32> {
        given.or(self.needs("waf").then_some(WAF_RULES))
    }
}

/// `[requirements]`; the AZ minimum defaults to two, or to every AZ the estate has if fewer.
/// `public_layout` is whether `[layout]` names a public pattern, which makes a private endpoint
/// no longer the default (the design in use is public).
pub(super) fn read(
    ctx: &mut Ctx<'_>,
    table: &DeTable<'_>,
    availability_zones: u32,
    public_layout: bool,
) -> Requirements {
    let mut t = Table::new(table, "requirements", "[requirements]", super::SECTIONS);
    let requirements = Requirements {
        private_endpoint: t.boolean(ctx, "private_endpoint", !public_layout),
        rest_features: t.words(ctx, "rest_features", REST_FEATURES),
        min_availability_zones: t.input_count(
            ctx,
            "min_availability_zones",
            availability_zones.min(2),
        ),
    };
    t.finish(ctx);
    requirements
}
