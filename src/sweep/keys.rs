//! The scenario keys `sweep --vary` can move: each numeric key with the range the scenario reader
//! allows and how to set it on a scenario, so a sweep never builds a scenario the reader would
//! refuse.

use rust_decimal::Decimal;

use crate::scenario::{Scenario, parse_float};

/// A scenario key that can be varied.
#[derive(Clone, Copy)]
pub struct Key {
    pub name: &'static str,
    pub min: Decimal,
    pub max: Decimal,
    /// Counts step by whole numbers.
    pub whole: bool,
    setter: fn(&mut Scenario, Decimal),
}

impl Key {
    /// Sets this key of `s` to `v`.
    pub fn set(&self, s: &mut Scenario, v: Decimal) {
        (self.setter)(s, v);
    }
}

/// A whole-number step value as a count (the keys' ranges keep it far below `u32::MAX`).
fn count(d: Decimal) -> u32 {
    u32::try_from(d.trunc().mantissa() / 10i128.pow(d.trunc().scale())).unwrap_or(u32::MAX)
}

/// A range bound written in the table below.
fn constant(s: &str) -> Decimal {
    parse_float(s).expect("constant")
}

macro_rules! keys {
    ($($name:literal, $min:literal, $max:literal, $whole:literal, |$s:ident, $v:ident| $body:expr;)*) => {
        /// Every numeric scenario key, with the range the scenario reader allows.
        pub fn keys() -> Vec<Key> {
            vec![$(Key { name: $name, min: constant($min), max: constant($max), whole: $whole, setter: |$s, $v| $body }),*]
        }
    };
}

keys! {
    "hours_per_month", "1", "744", true, |s, v| s.hours_per_month = v;
    "traffic.requests_per_month", "0", "1e15", true, |s, v| s.traffic.requests_per_month = v;
    "traffic.request_kb", "0", "1048576", false, |s, v| s.traffic.request_kb = v;
    "traffic.response_kb", "0", "1048576", false, |s, v| s.traffic.response_kb = v;
    "traffic.peak_to_average", "1", "1000", false, |s, v| s.traffic.peak_to_average = v;
    "traffic.requests_per_connection", "1", "1e9", false, |s, v| s.traffic.requests_per_connection = v;
    "traffic.connection_seconds", "0", "1e9", false, |s, v| s.traffic.connection_seconds = v;
    "traffic.rule_evaluations_per_request", "0", "1000", false, |s, v| s.traffic.rule_evaluations_per_request = v;
    "traffic.on_premises_share", "0", "1", false, |s, v| s.traffic.on_premises_share = v;
    "traffic.connection_minutes_per_month", "0", "1e15", true, |s, v| s.traffic.connection_minutes_per_month = v;
    "traffic.new_connections_per_second", "0", "1e12", false, |s, v| s.traffic.new_connections_per_second = Some(v);
    "traffic.active_connections", "0", "1e12", false, |s, v| s.traffic.active_connections = Some(v);
    "traffic.processed_gb_per_hour", "0", "1e12", false, |s, v| s.traffic.processed_gb_per_hour = Some(v);
    "traffic.cross_az_share", "0", "1", false, |s, v| s.traffic.cross_az_share = v;
    "traffic.dns_queries_per_month", "0", "1e15", true, |s, v| s.traffic.dns_queries_per_month = Some(v);
    "traffic.vpc_client_share", "0", "1", false, |s, v| s.traffic.vpc_client_share = Some(v);
    "traffic.discovery_calls_per_request", "0", "100", false, |s, v| s.traffic.discovery_calls_per_request = v;
    "traffic.cross_region_share", "0", "1", false, |s, v| s.traffic.cross_region_share = v;
    "topology.availability_zones", "1", "6", true, |s, v| s.topology.availability_zones = count(v);
    "topology.consumer_vpcs", "1", "10000", true, |s, v| s.topology.consumer_vpcs = count(v);
    "topology.consumer_accounts", "1", "10000", true, |s, v| s.topology.consumer_accounts = count(v);
    "topology.apis", "1", "10000", true, |s, v| s.topology.apis = count(v);
    "topology.backend_services", "1", "10000", true, |s, v| s.topology.backend_services = count(v);
    "topology.backend_accounts", "1", "1000", true, |s, v| s.topology.backend_accounts = count(v);
    "topology.backend_instances", "1", "1000000", true, |s, v| s.topology.backend_instances = count(v);
    "topology.on_premises_connections", "1", "100", true, |s, v| s.topology.on_premises_connections = count(v);
    "topology.regions", "1", "30", true, |s, v| s.topology.regions = count(v);
    "requirements.min_availability_zones", "1", "6", true, |s, v| s.requirements.min_availability_zones = count(v);
}

/// The keys `--vary` takes and their ranges, for `sweep --help`.
pub fn keys_help() -> String {
    let all = keys();
    let wide = all.iter().map(|k| k.name.len()).max().unwrap_or(0);
    let mut out = String::from("Keys that --vary can take (and their range):\n");
    for k in &all {
        let kind = if k.whole { ", whole numbers" } else { "" };
        out.push_str(&format!(
            "  {:wide$}  {}..{}{kind}\n",
            k.name,
            crate::money::number(k.min, 28),
            crate::money::number(k.max, 28),
        ));
    }
    out
}

/// Keys that exist but are not numbers.
pub(super) const NOT_NUMERIC: &[&str] = &[
    "name",
    "region",
    "topology.backend",
    "topology.overlapping_cidrs",
    "topology.on_premises",
    "topology.existing_transit_gateway",
    "topology.existing_nat_gateways",
    "requirements.private_endpoint",
    "requirements.rest_features",
    "layout.architecture",
    "layout.nlb_listener",
    "layout.private_dns",
    "layout.multi_region",
];
