//! Scenario files: the workload and estate a user wants priced. Raw TOML is walked key by key
//! into a validated [`Scenario`], collecting every problem (with file:line:column and a
//! suggestion) before anything is priced.

mod reader;

use rust_decimal::Decimal;
use toml::de::DeTable;

use crate::diagnostic::Diagnostic;
use reader::{Ctx, Sections, Table};
pub use reader::{parse_float, quoted_list};

/// A validated scenario. Every number is within its documented range.
#[derive(Debug, Clone)]
pub struct Scenario {
    pub name: String,
    /// The file as the user named it.
    pub path: String,
    pub region: String,
    /// Where `region` was written, for "no price table" errors.
    pub region_at: Diagnostic,
    pub hours_per_month: Decimal,
    pub traffic: Traffic,
    pub topology: Topology,
    pub requirements: Requirements,
    pub layout: Option<LayoutSpec>,
}

#[derive(Debug, Clone)]
pub struct Traffic {
    /// All API calls a month, all APIs (WebSocket: messages from clients).
    pub requests_per_month: Decimal,
    pub request_kb: Decimal,
    pub response_kb: Decimal,
    pub peak_to_average: Decimal,
    pub requests_per_connection: Decimal,
    pub connection_seconds: Decimal,
    pub rule_evaluations_per_request: Decimal,
    pub on_premises_share: Decimal,
    pub connection_minutes_per_month: Decimal,
    pub new_connections_per_second: Option<Decimal>,
    pub active_connections: Option<Decimal>,
    pub processed_gb_per_hour: Option<Decimal>,
    /// Share of traffic that crosses AZs where a layout routes between VPCs by peering.
    pub cross_az_share: Decimal,
    /// DNS queries from on-premises resolvers; default: one per on-premises connection.
    pub dns_queries_per_month: Option<Decimal>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Ecs,
    Ec2,
    Lambda,
    Alb,
}

impl Backend {
    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Ecs => "ecs",
            Backend::Ec2 => "ec2",
            Backend::Lambda => "lambda",
            Backend::Alb => "alb",
        }
    }
    /// Runs in a VPC, so API Gateway needs a private integration to reach it.
    pub fn in_vpc(self) -> bool {
        self != Backend::Lambda
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnPremises {
    None,
    DirectConnect,
    Vpn,
}

#[derive(Debug, Clone)]
pub struct Topology {
    pub availability_zones: u32,
    pub consumer_vpcs: u32,
    pub consumer_accounts: u32,
    pub apis: u32,
    pub backend_services: u32,
    pub backend_accounts: u32,
    /// Registered instances (Cloud Map); default: one per service per AZ.
    pub backend_instances: u32,
    pub backend: Backend,
    pub overlapping_cidrs: bool,
    pub on_premises: OnPremises,
    /// Direct Connect ports or VPN connections.
    pub on_premises_connections: u32,
    pub regions: u32,
    /// The VPCs are already attached to a Transit Gateway paid for by the estate: only
    /// attachments a design adds are charged to it.
    pub existing_transit_gateway: bool,
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

#[derive(Debug, Clone)]
pub struct Requirements {
    pub private_endpoint: bool,
    pub rest_features: Vec<&'static str>,
    pub min_availability_zones: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Listener {
    Tls,
    Tcp,
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
    pub cache_gb: Option<Decimal>,
    pub lambda_memory_mb: u32,
    pub lambda_duration_ms: u32,
    pub active_active: bool,
}

impl LayoutSpec {
    /// The refinements a layout has when the scenario names none.
    pub fn default_for(architecture: &str, at: Diagnostic) -> Self {
        LayoutSpec {
            architecture: architecture.to_owned(),
            architecture_at: at,
            nlb_listener: Listener::Tls,
            endpoints_per_vpc: 1,
            load_balancers: 1,
            private_dns: true,
            cache_gb: None,
            lambda_memory_mb: 128,
            lambda_duration_ms: 100,
            active_active: false,
        }
    }
}

const TOP: &[&str] = &[
    "name",
    "region",
    "hours_per_month",
    "traffic",
    "topology",
    "requirements",
    "layout",
];
const TRAFFIC: &[&str] = &[
    "requests_per_month",
    "requests_per_second",
    "request_kb",
    "response_kb",
    "peak_to_average",
    "requests_per_connection",
    "connection_seconds",
    "rule_evaluations_per_request",
    "on_premises_share",
    "connection_minutes_per_month",
    "new_connections_per_second",
    "active_connections",
    "processed_gb_per_hour",
    "cross_az_share",
    "dns_queries_per_month",
];
const TOPOLOGY: &[&str] = &[
    "availability_zones",
    "consumer_vpcs",
    "consumer_accounts",
    "apis",
    "backend_services",
    "backend_accounts",
    "backend_instances",
    "backend",
    "overlapping_cidrs",
    "on_premises",
    "on_premises_connections",
    "regions",
    "existing_transit_gateway",
];
const REQUIREMENTS: &[&str] = &[
    "private_endpoint",
    "rest_features",
    "min_availability_zones",
];
const LAYOUT: &[&str] = &[
    "architecture",
    "nlb_listener",
    "endpoints_per_vpc",
    "load_balancers",
    "private_dns",
    "cache_gb",
    "lambda_memory_mb",
    "lambda_duration_ms",
    "multi_region",
];
const SECTIONS: Sections = &[
    ("", TOP),
    ("traffic", TRAFFIC),
    ("topology", TOPOLOGY),
    ("requirements", REQUIREMENTS),
    ("layout", LAYOUT),
];

/// REST API cache sizes in GB, as API Gateway offers them.
pub const CACHE_SIZES: &[&str] = &["0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237"];

fn dec(s: &str) -> Decimal {
    s.parse().expect("constant decimal")
}

/// Parses and validates one scenario file's text. `path` is used in messages and for the
/// default name. Returns every problem found.
pub fn parse(path: &str, source: &str) -> Result<Scenario, Vec<Diagnostic>> {
    if source.trim().is_empty() {
        return Err(vec![Diagnostic::file(path, "the scenario file is empty").with_help(
            "a scenario needs at least `region = \"us-east-1\"` and a [traffic] table with `requests_per_month`",
        )]);
    }
    let doc = match DeTable::parse(source) {
        Ok(doc) => doc,
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            let msg = format!("invalid TOML: {}", e.message().trim_end());
            return Err(vec![Diagnostic::at(path, source, span, msg)]);
        }
    };
    let mut ctx = Ctx::new(path, source);
    let scenario = read(&mut ctx, path, doc.get_ref());
    if ctx.errors.is_empty() {
        Ok(scenario.expect("no errors means a scenario"))
    } else {
        // In file order; problems with the whole file (missing keys) last.
        ctx.errors.sort_by_key(|d| (d.line == 0, d.line, d.column));
        Err(ctx.errors)
    }
}

fn read(ctx: &mut Ctx<'_>, path: &str, doc: &DeTable<'_>) -> Option<Scenario> {
    let zero = Decimal::ZERO;
    let one = Decimal::ONE;
    let mut top = Table::new(doc, "", "the top level", SECTIONS);
    let name = top.string(ctx, "name").map(|(s, _)| s).unwrap_or_else(|| {
        std::path::Path::new(path)
            .file_stem()
            .map_or_else(|| path.to_owned(), |s| s.to_string_lossy().into_owned())
    });
    let region = top.string(ctx, "region");
    if region.is_none() && top.span_of("region").is_none() {
        ctx.errors.push(
            Diagnostic::file(path, "missing `region`: it selects the price table")
                .with_help("add `region = \"us-east-1\"` at the top of the file"),
        );
    }
    let hours = top.count(ctx, "hours_per_month", 1, 744, 730);
    let traffic_table = top.table(ctx, "traffic");
    let topology_table = top.table(ctx, "topology");
    let requirements_table = top.table(ctx, "requirements");
    let layout_table = top.table(ctx, "layout");
    top.finish(ctx);

    let empty = DeTable::default();
    if traffic_table.is_none() && doc.iter().all(|(k, _)| k.get_ref().as_ref() != "traffic") {
        ctx.errors.push(
            Diagnostic::file(
                path,
                "missing [traffic]: the request volume is needed to price anything",
            )
            .with_help("add a [traffic] table with `requests_per_month = 1_000_000`"),
        );
    }

    // [topology] first: traffic defaults depend on it.
    let mut t = Table::new(
        topology_table.unwrap_or(&empty),
        "topology",
        "[topology]",
        SECTIONS,
    );
    let availability_zones = t.count(ctx, "availability_zones", 1, 6, 2);
    let consumer_vpcs = t.count(ctx, "consumer_vpcs", 1, 10_000, 1);
    let consumer_accounts = t.count(ctx, "consumer_accounts", 1, 10_000, 1);
    let apis = t.count(ctx, "apis", 1, 10_000, 1);
    let backend_services = t.count(ctx, "backend_services", 1, 10_000, 1);
    let backend_accounts = t.count(ctx, "backend_accounts", 1, 1_000, 1);
    let backend_instances = t.count(
        ctx,
        "backend_instances",
        1,
        1_000_000,
        backend_services * availability_zones,
    );
    let backend = t.choice(
        ctx,
        "backend",
        &[
            ("ecs", Backend::Ecs),
            ("ec2", Backend::Ec2),
            ("lambda", Backend::Lambda),
            ("alb", Backend::Alb),
        ],
        Backend::Ecs,
    );
    let overlapping_cidrs = t.boolean(ctx, "overlapping_cidrs", false);
    let on_premises_at = t.span_of("on_premises");
    let on_premises = t.choice(
        ctx,
        "on_premises",
        &[
            ("none", OnPremises::None),
            ("direct-connect", OnPremises::DirectConnect),
            ("vpn", OnPremises::Vpn),
        ],
        OnPremises::None,
    );
    let on_premises_connections = t.count(ctx, "on_premises_connections", 1, 100, 1);
    let regions = t.count(ctx, "regions", 1, 30, 1);
    let existing_transit_gateway = t.boolean(ctx, "existing_transit_gateway", false);
    let consumer_accounts_at = t.span_of("consumer_accounts");
    t.finish(ctx);
    if consumer_accounts > consumer_vpcs {
        ctx.error(
            consumer_accounts_at.unwrap_or(0..0),
            format!("`consumer_accounts` ({consumer_accounts}) is more than `consumer_vpcs` ({consumer_vpcs})"),
            Some("every consumer account calls from at least one VPC: raise `consumer_vpcs`".into()),
        );
    }

    let mut tr = Table::new(
        traffic_table.unwrap_or(&empty),
        "traffic",
        "[traffic]",
        SECTIONS,
    );
    let per_month = tr.number(ctx, "requests_per_month", zero, dec("1e15"));
    let per_second_at = tr.span_of("requests_per_second");
    let per_second = tr.number(ctx, "requests_per_second", zero, dec("1e9"));
    let requests_per_month = match (per_month, per_second) {
        (Some(m), None) => m.value,
        (None, Some(s)) => s.value * Decimal::from(3600) * Decimal::from(hours),
        (Some(m), Some(_)) => {
            ctx.error(
                per_second_at.unwrap_or(0..0),
                "give either `requests_per_month` or `requests_per_second` in [traffic], not both",
                Some("remove one of them".into()),
            );
            m.value
        }
        (None, None) => {
            if traffic_table.is_some() && tr.span_of("requests_per_month").is_none() {
                ctx.errors.push(
                    Diagnostic::file(path, "missing `requests_per_month` in [traffic]").with_help(
                        "add `requests_per_month = 1_000_000` (or `requests_per_second`)",
                    ),
                );
            }
            zero
        }
    };
    let kb_max = dec("1048576");
    let get = |tr: &mut Table<'_, '_>, ctx: &mut Ctx<'_>, key, min, max, default: Decimal| {
        tr.number(ctx, key, min, max).map_or(default, |n| n.value)
    };
    let request_kb = get(&mut tr, ctx, "request_kb", zero, kb_max, one);
    let response_kb = get(&mut tr, ctx, "response_kb", zero, kb_max, one);
    let peak_to_average = get(&mut tr, ctx, "peak_to_average", one, dec("1000"), one);
    let requests_per_connection = get(
        &mut tr,
        ctx,
        "requests_per_connection",
        one,
        dec("1e9"),
        one,
    );
    let connection_seconds = get(&mut tr, ctx, "connection_seconds", zero, dec("1e9"), one);
    let rule_evaluations_per_request = get(
        &mut tr,
        ctx,
        "rule_evaluations_per_request",
        zero,
        dec("1000"),
        one,
    );
    let share_at = tr.span_of("on_premises_share");
    let on_premises_share = get(&mut tr, ctx, "on_premises_share", zero, one, zero);
    let connection_minutes_per_month = get(
        &mut tr,
        ctx,
        "connection_minutes_per_month",
        zero,
        dec("1e15"),
        zero,
    );
    let big = dec("1e12");
    let new_connections_per_second = tr
        .number(ctx, "new_connections_per_second", zero, big)
        .map(|n| n.value);
    let active_connections = tr
        .number(ctx, "active_connections", zero, big)
        .map(|n| n.value);
    let processed_gb_per_hour = tr
        .number(ctx, "processed_gb_per_hour", zero, big)
        .map(|n| n.value);
    let cross_az_share = get(&mut tr, ctx, "cross_az_share", zero, one, zero);
    let dns_queries_per_month = tr
        .number(ctx, "dns_queries_per_month", zero, dec("1e15"))
        .map(|n| n.value);
    tr.finish(ctx);
    if on_premises == OnPremises::None && !on_premises_share.is_zero() {
        ctx.error(
            share_at.unwrap_or(0..0),
            "`on_premises_share` is above 0 but [topology] `on_premises` is \"none\"",
            Some("set `on_premises = \"direct-connect\"` or `\"vpn\"` in [topology], or the share to 0".into()),
        );
    }
    let _ = on_premises_at;

    let mut rq = Table::new(
        requirements_table.unwrap_or(&empty),
        "requirements",
        "[requirements]",
        SECTIONS,
    );
    let private_endpoint = rq.boolean(ctx, "private_endpoint", true);
    let rest_features = rq.words(ctx, "rest_features", REST_FEATURES);
    let min_availability_zones = rq.count(
        ctx,
        "min_availability_zones",
        1,
        6,
        2.min(availability_zones.max(1)).max(1),
    );
    rq.finish(ctx);

    let layout = layout_table.and_then(|lt| read_layout(ctx, path, lt, regions));

    let (region, region_span) = region?;
    Some(Scenario {
        name,
        path: path.to_owned(),
        region,
        region_at: ctx.spot(region_span),
        hours_per_month: Decimal::from(hours),
        traffic: Traffic {
            requests_per_month,
            request_kb,
            response_kb,
            peak_to_average,
            requests_per_connection,
            connection_seconds,
            rule_evaluations_per_request,
            on_premises_share,
            connection_minutes_per_month,
            new_connections_per_second,
            active_connections,
            processed_gb_per_hour,
            cross_az_share,
            dns_queries_per_month,
        },
        topology: Topology {
            availability_zones,
            consumer_vpcs,
            consumer_accounts,
            apis,
            backend_services,
            backend_accounts,
            backend_instances,
            backend,
            overlapping_cidrs,
            on_premises,
            on_premises_connections,
            regions,
            existing_transit_gateway,
        },
        requirements: Requirements {
            private_endpoint,
            rest_features,
            min_availability_zones,
        },
        layout,
    })
}

fn read_layout(
    ctx: &mut Ctx<'_>,
    path: &str,
    table: &DeTable<'_>,
    regions: u32,
) -> Option<LayoutSpec> {
    let mut l = Table::new(table, "layout", "[layout]", SECTIONS);
    let architecture = l.string(ctx, "architecture");
    if architecture.is_none() && l.span_of("architecture").is_none() {
        ctx.errors.push(
            Diagnostic::file(path, "missing `architecture` in [layout]")
                .with_help("name a pattern, e.g. `architecture = \"R5\"`; `apigw-cost architectures` lists them"),
        );
    }
    let nlb_listener = l.choice(
        ctx,
        "nlb_listener",
        &[("tls", Listener::Tls), ("tcp", Listener::Tcp)],
        Listener::Tls,
    );
    let endpoints_per_vpc = l.count(ctx, "endpoints_per_vpc", 1, 50, 1);
    let load_balancers = l.count(ctx, "load_balancers", 1, 100, 1);
    let private_dns = l.boolean(ctx, "private_dns", true);
    let cache_at = l.span_of("cache_gb");
    let cache_gb = l
        .number(ctx, "cache_gb", Decimal::ZERO, dec("237"))
        .map(|n| n.value);
    if let (Some(gb), Some(span)) = (cache_gb, cache_at.clone())
        && !CACHE_SIZES.iter().any(|s| dec(s) == gb)
    {
        ctx.error(
            span,
            format!(
                "`cache_gb` in [layout] must be a REST cache size, found {}",
                gb.normalize()
            ),
            Some(format!("cache sizes in GB: {}", CACHE_SIZES.join(", "))),
        );
    }
    let lambda_memory_mb = l.count(ctx, "lambda_memory_mb", 128, 10_240, 128);
    let lambda_duration_ms = l.count(ctx, "lambda_duration_ms", 1, 900_000, 100);
    let mr_at = l.span_of("multi_region");
    let active_active = l.choice(
        ctx,
        "multi_region",
        &[("active-passive", false), ("active-active", true)],
        false,
    );
    if active_active && regions < 2 {
        ctx.error(
            mr_at.unwrap_or(0..0),
            "`multi_region = \"active-active\"` needs [topology] `regions` of 2 or more",
            None,
        );
    }
    l.finish(ctx);
    let (architecture, span) = architecture?;
    Some(LayoutSpec {
        architecture,
        architecture_at: ctx.spot(span),
        nlb_listener,
        endpoints_per_vpc,
        load_balancers,
        private_dns,
        cache_gb,
        lambda_memory_mb,
        lambda_duration_ms,
        active_active,
    })
}
