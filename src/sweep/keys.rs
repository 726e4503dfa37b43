//! The scenario keys `sweep --vary` can move: each numeric key with the range the scenario reader
//! allows and how to set it on a scenario (both from `scenario::inputs`), so a sweep never builds
//! a scenario the reader would refuse.

use rust_decimal::Decimal;

use crate::scenario::{INPUTS, Kind, Scenario};

/// A scenario key that can be varied.
#[derive(Clone, Copy)]
pub struct Key {
    pub name: &'static str,
    pub min: Decimal,
    pub max: Decimal,
    /// Counts step by whole numbers.
    pub whole: bool,
    /// No pattern's layout, nor whether it applies, depends on this key: a sweep resolves the
    /// layouts once for a run of steps. The traffic volumes and sizes; not the clients' mix
    /// (`vpc_client_share`, `on_premises_share`: the internet's share decides the public
    /// patterns) nor `connection_minutes_per_month` (a WebSocket workload). `tests/sweep.rs`
    /// holds this against every pattern on every shipped scenario.
    pub keeps_layouts: bool,
    setter: fn(&mut Scenario, Decimal),
}

impl Key {
    /// Sets this key of `s` to `v`.
    pub fn set(&self, s: &mut Scenario, v: Decimal) {
        (self.setter)(s, v);
    }
}

/// Every numeric scenario key a sweep can set, with the range the scenario reader allows
/// (from [`crate::scenario::INPUTS`], the one table of numeric keys).
pub fn keys() -> Vec<Key> {
    INPUTS
        .iter()
        .filter_map(|i| {
            Some(Key {
                name: i.name,
                min: i.min,
                max: i.max,
                whole: i.kind != Kind::Number,
                keeps_layouts: keeps_layouts(i.name),
                setter: i.set?,
            })
        })
        .collect()
}

/// Whether no layout depends on key `name` (see [`Key::keeps_layouts`]): the architecture
/// module reads the traffic only through the clients' mix and whether it is a WebSocket
/// workload.
fn keeps_layouts(name: &str) -> bool {
    name.starts_with("traffic.")
        && !matches!(
            name,
            "traffic.vpc_client_share"
                | "traffic.on_premises_share"
                | "traffic.connection_minutes_per_month"
        )
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

/// A key scenario files have that is not a number (`topology.backend`), so no sweep can vary it.
pub(super) fn not_numeric(name: &str) -> bool {
    crate::scenario::is_key(name) && crate::scenario::input(name).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_that_are_not_numbers_are_told_apart_from_unknown_ones() {
        for name in [
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
        ] {
            assert!(not_numeric(name), "{name}");
        }
        for name in [
            "hours_per_month",
            "traffic",
            "traffic.request_kb",
            "traffic.requests_per_second",
            "layout.endpoints_per_vpc",
            "topology.backends",
            "backend",
        ] {
            assert!(!not_numeric(name), "{name}");
        }
    }
}
