//! The `[traffic]` section: how often the APIs are called, how big and how bursty the calls
//! are, and the connection-level facts load balancers and WebSocket APIs are billed on.

use rust_decimal::Decimal;
use toml::de::DeTable;

use super::OnPremises;
use super::reader::{Ctx, Table};

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
    /// Share of requests from clients inside the consumer VPCs, which reach a public API through
    /// a NAT gateway; `None`: everyone not on premises ([`Traffic::vpc_client_share`]).
    pub vpc_client_share: Option<Decimal>,
    /// Cloud Map DiscoverInstances calls per API request (H2, H4): an assumption, as AWS
    /// documents no figure.
    pub discovery_calls_per_request: Decimal,
    /// Share of requests whose client is in another Region than the API serving it.
    pub cross_region_share: Decimal,
}

/// `traffic.discovery_calls_per_request` when the scenario does not set it.
pub const DISCOVERY_CALLS_PER_REQUEST: Decimal = Decimal::ONE;

impl Traffic {
    /// A WebSocket workload: it has connection minutes to bill.
    pub fn is_websocket(&self) -> bool {
        !self.connection_minutes_per_month.is_zero()
    }

    /// The share of requests from clients in the consumer VPCs: as set, or `1 −
    /// on_premises_share` (product.md), worked out on use so a sweep of either key stays true.
    /// Never more than the share not on premises (the reader refuses more; a sweep may not).
    pub fn vpc_client_share(&self) -> Decimal {
        let not_on_premises = Decimal::ONE - self.on_premises_share;
        self.vpc_client_share
            .map_or(not_on_premises, |share| share.min(not_on_premises))
    }

    /// The share of requests from clients on the internet: neither in the consumer VPCs nor on
    /// premises. Only a public API serves them.
    pub fn internet_share(&self) -> Decimal {
        (Decimal::ONE - self.vpc_client_share() - self.on_premises_share).max(Decimal::ZERO)
    }
}

/// The keys of `[traffic]`.
pub(super) const KEYS: &[&str] = &[
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
    "vpc_client_share",
    "discovery_calls_per_request",
    "cross_region_share",
];

/// `[traffic]`; `present` is whether the file has the table at all (its absence is reported
/// at the top level).
pub(super) fn read(
    ctx: &mut Ctx<'_>,
    table: &DeTable<'_>,
    present: bool,
    hours: u32,
    on_premises: OnPremises,
) -> Traffic {
    let (zero, one) = (Decimal::ZERO, Decimal::ONE);
    let mut t = Table::new(table, "traffic", "[traffic]", super::SECTIONS);
    let requests_per_month = requests_per_month(ctx, &mut t, present, hours);
    let share_at = t.span_of("on_premises_share");
    let vpc_share_at = t.span_of("vpc_client_share");
    let traffic = Traffic {
        requests_per_month,
        request_kb: t.input_or(ctx, "request_kb", one),
        response_kb: t.input_or(ctx, "response_kb", one),
        peak_to_average: t.input_or(ctx, "peak_to_average", one),
        requests_per_connection: t.input_or(ctx, "requests_per_connection", one),
        connection_seconds: t.input_or(ctx, "connection_seconds", one),
        rule_evaluations_per_request: t.input_or(ctx, "rule_evaluations_per_request", one),
        on_premises_share: t.input_or(ctx, "on_premises_share", zero),
        connection_minutes_per_month: t.input_or(ctx, "connection_minutes_per_month", zero),
        new_connections_per_second: t.input(ctx, "new_connections_per_second"),
        active_connections: t.input(ctx, "active_connections"),
        processed_gb_per_hour: t.input(ctx, "processed_gb_per_hour"),
        cross_az_share: t.input_or(ctx, "cross_az_share", zero),
        dns_queries_per_month: t.input(ctx, "dns_queries_per_month"),
        vpc_client_share: t.input(ctx, "vpc_client_share"),
        discovery_calls_per_request: t.input_or(
            ctx,
            "discovery_calls_per_request",
            DISCOVERY_CALLS_PER_REQUEST,
        ),
        cross_region_share: t.input_or(ctx, "cross_region_share", zero),
    };
    t.finish(ctx);
    if let Some(vpc) = traffic.vpc_client_share
        && vpc + traffic.on_premises_share > one
    {
        ctx.error(
            vpc_share_at.unwrap_or(0..0),
            format!(
                "`vpc_client_share` ({}) and `on_premises_share` ({}) add up to more than 1",
                vpc.normalize(),
                traffic.on_premises_share.normalize()
            ),
            Some("a request comes from a VPC, from on premises or from the internet: lower one of the shares".into()),
        );
    }
    if on_premises == OnPremises::None && !traffic.on_premises_share.is_zero() {
        ctx.error(
            share_at.unwrap_or(0..0),
            "`on_premises_share` is above 0 but [topology] `on_premises` is \"none\"",
            Some("set `on_premises = \"direct-connect\"` or `\"vpn\"` in [topology], or the share to 0".into()),
        );
    }
    traffic
}

/// The monthly volume, given per month or per second (not both).
fn requests_per_month(
    ctx: &mut Ctx<'_>,
    t: &mut Table<'_, '_>,
    present: bool,
    hours: u32,
) -> Decimal {
    let zero = Decimal::ZERO;
    let per_month = t.input(ctx, "requests_per_month");
    let per_second_at = t.span_of("requests_per_second");
    let per_second = t.input(ctx, "requests_per_second");
    match (per_month, per_second) {
        (Some(m), None) => m,
        (None, Some(s)) => s * Decimal::from(3600) * Decimal::from(hours),
        (Some(m), Some(_)) => {
            ctx.error(
                per_second_at.unwrap_or(0..0),
                "give either `requests_per_month` or `requests_per_second` in [traffic], not both",
                Some("remove one of them".into()),
            );
            m
        }
        (None, None) => {
            if present && t.span_of("requests_per_month").is_none() {
                ctx.missing(
                    "missing `requests_per_month` in [traffic]",
                    "add `requests_per_month = 1_000_000` (or `requests_per_second`)",
                );
            }
            zero
        }
    }
}
