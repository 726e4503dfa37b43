//! The `[layout]` section: the design in use today, named by a whitepaper pattern, with the
//! refinements a pattern leaves open (listener, counts, cache, Lambda sizing, multi-Region mode).
//! Optional: without it `compare` and `recommend` still work, and `estimate` needs a pattern.

use std::ops::Range;

use rust_decimal::Decimal;
use toml::de::DeTable;

use super::reader::{Ctx, Table};
use crate::diagnostic::Diagnostic;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Listener {
    Tls,
    Tcp,
}

impl Listener {
    /// Every listener, in the order messages list them.
    const ALL: [Listener; 2] = [Listener::Tls, Listener::Tcp];

    /// The listener's name in scenario files.
    pub fn as_str(self) -> &'static str {
        match self {
            Listener::Tls => "tls",
            Listener::Tcp => "tcp",
        }
    }
}

/// `layout.multi_region` as scenario files spell it, by whether it is active-active.
const MULTI_REGION: [(&str, bool); 2] = [("active-passive", false), ("active-active", true)];

/// The `layout.multi_region` of an active-active (`true`) or active-passive layout, as scenario
/// files spell it.
pub fn multi_region(active_active: bool) -> &'static str {
    MULTI_REGION[usize::from(active_active)].0
}

/// The `[layout]` table: the design in use today.
#[derive(Debug, Clone)]
pub struct LayoutSpec {
    pub architecture: String,
    pub architecture_at: Diagnostic,
    pub nlb_listener: Listener,
    pub endpoints_per_vpc: u32,
    pub load_balancers: u32,
    pub private_dns: bool,
    /// The scenario states `private_dns` itself: no warning about the default is due.
    pub private_dns_stated: bool,
    pub cache_gb: Option<Decimal>,
    pub lambda_memory_mb: u32,
    pub lambda_duration_ms: u32,
    pub active_active: bool,
    pub resolver_ips: u32,
    /// Rules (or rule groups) in the AWS WAF web ACL; `None`: [`WAF_RULES`] when `waf` is
    /// required, no web ACL otherwise.
    pub waf_rules: Option<u32>,
}

/// `layout.waf_rules` when `waf` is required and the scenario does not say: AWS's baseline
/// managed rule groups (core rule set, known bad inputs, Amazon IP reputation list) and one
/// rate-based rule. An assumption, said in the estimate.
pub const WAF_RULES: u32 = 4;

/// `layout.cache_gb` when `caching` is required and the scenario names no size: the smallest
/// cache API Gateway offers, so the requirement is never priced at $0. Said in the estimate.
pub const DEFAULT_CACHE_GB: Decimal = Decimal::from_parts(5, 0, 0, false, 1);

impl LayoutSpec {
    /// The refinements a layout has when the scenario names none (the one place they are set).
    pub fn default_for(architecture: &str, at: Diagnostic) -> Self {
        LayoutSpec {
            architecture: architecture.to_owned(),
            architecture_at: at,
            nlb_listener: Listener::Tls,
            endpoints_per_vpc: 1,
            load_balancers: 1,
            private_dns: true,
            private_dns_stated: false,
            cache_gb: None,
            lambda_memory_mb: 128,
            lambda_duration_ms: 100,
            active_active: false,
            resolver_ips: 2,
            waf_rules: None,
        }
    }

    /// The default refinements with no name and no place, for a layout no `[layout]` describes
    /// (allocates nothing).
    pub fn unnamed() -> Self {
        Self::default_for("", Diagnostic::file("", ""))
    }
}

/// REST API cache sizes in GB, as API Gateway offers them.
pub const CACHE_SIZES: &[&str] = &["0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237"];

/// The keys of `[layout]`.
pub(super) const KEYS: &[&str] = &[
    "architecture",
    "nlb_listener",
    "endpoints_per_vpc",
    "load_balancers",
    "private_dns",
    "cache_gb",
    "lambda_memory_mb",
    "lambda_duration_ms",
    "multi_region",
    "resolver_ips",
    "waf_rules",
];

/// `[layout]`, whose header is at `header`; `None` when it names no architecture (reported,
/// at the header).
pub(super) fn read(
    ctx: &mut Ctx<'_>,
    table: &DeTable<'_>,
    header: Option<Range<usize>>,
    regions: u32,
) -> Option<LayoutSpec> {
    let mut t = Table::new(table, "layout", "[layout]", super::SECTIONS);
    let architecture = t.string(ctx, "architecture");
    if architecture.is_none() && t.span_of("architecture").is_none() {
        let message = "missing `architecture` in [layout]";
        let help =
            "name a pattern, e.g. `architecture = \"R5\"`; `apigw-cost architectures` lists them";
        match header {
            Some(span) => ctx.error(span, message, Some(help.to_owned())),
            None => ctx.missing(message, help),
        }
    }
    let d = LayoutSpec::unnamed();
    let listeners = Listener::ALL.map(|l| (l.as_str(), l));
    let mut spec = LayoutSpec {
        nlb_listener: t.choice(ctx, "nlb_listener", &listeners, d.nlb_listener),
        endpoints_per_vpc: t.input_count(ctx, "endpoints_per_vpc", d.endpoints_per_vpc),
        load_balancers: t.input_count(ctx, "load_balancers", d.load_balancers),
        private_dns: t.boolean(ctx, "private_dns", d.private_dns),
        private_dns_stated: t.span_of("private_dns").is_some(),
        cache_gb: cache_gb(ctx, &mut t),
        lambda_memory_mb: t.input_count(ctx, "lambda_memory_mb", d.lambda_memory_mb),
        lambda_duration_ms: t.input_count(ctx, "lambda_duration_ms", d.lambda_duration_ms),
        active_active: active_active(ctx, &mut t, regions),
        resolver_ips: t.input_count(ctx, "resolver_ips", d.resolver_ips),
        waf_rules: t.input_count_opt(ctx, "waf_rules"),
        ..d
    };
    t.finish(ctx);
    let (architecture, span) = architecture?;
    spec.architecture = architecture;
    spec.architecture_at = ctx.spot(span);
    Some(spec)
}

/// `cache_gb`: one of the sizes API Gateway offers.
fn cache_gb(ctx: &mut Ctx<'_>, t: &mut Table<'_, '_>) -> Option<Decimal> {
    let at = t.span_of("cache_gb");
    let gb = t.input(ctx, "cache_gb")?;
    if !CACHE_SIZES.iter().any(|s| s.parse::<Decimal>() == Ok(gb)) {
        ctx.error(
            at.unwrap_or(0..0),
            format!(
                "`cache_gb` in [layout] must be a REST cache size, found {}",
                gb.normalize()
            ),
            Some(format!("cache sizes in GB: {}", CACHE_SIZES.join(", "))),
        );
    }
    Some(gb)
}

/// `multi_region`: active-passive (the default) or active-active, which needs two Regions.
fn active_active(ctx: &mut Ctx<'_>, t: &mut Table<'_, '_>, regions: u32) -> bool {
    let at = t.span_of("multi_region");
    let active_active = t.choice(ctx, "multi_region", &MULTI_REGION, false);
    if active_active && regions < 2 {
        ctx.error(
            at.unwrap_or(0..0),
            "`multi_region = \"active-active\"` needs [topology] `regions` of 2 or more",
            None,
        );
    }
    active_active
}
