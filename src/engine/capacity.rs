//! Load balancer capacity units, per hour, from the rules in the ELB pricing page: an ALB LCU is
//! the highest of four dimensions, an NLB NLCU the highest of three per protocol (protocols in use
//! are added). Derived from the scenario's traffic unless it overrides a figure.

use rust_decimal::Decimal;

use crate::scenario::{Listener, Traffic};

/// The load one balancer role carries, per hour.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Load {
    pub new_connections_per_second: Decimal,
    pub active_connections: Decimal,
    pub processed_gb_per_hour: Decimal,
    pub rule_evaluations_per_second: Decimal,
}

/// 1 ÷ 1,048,576, exactly.
const GB_PER_KB: Decimal = Decimal::from_parts(1977800241, 22204, 0, false, 20);

impl Load {
    /// No load.
    pub const ZERO: Load = Load {
        new_connections_per_second: Decimal::ZERO,
        active_connections: Decimal::ZERO,
        processed_gb_per_hour: Decimal::ZERO,
        rule_evaluations_per_second: Decimal::ZERO,
    };

    /// The average hour's load for `requests` a month over `hours`, with the scenario's overrides.
    pub fn from_traffic(t: &Traffic, requests: Decimal, hours: Decimal) -> Load {
        let rps = requests / (hours * Decimal::from(3600));
        let new = t
            .new_connections_per_second
            .unwrap_or(rps / t.requests_per_connection);
        let active = t.active_connections.unwrap_or(new * t.connection_seconds);
        let gb = t
            .processed_gb_per_hour
            .unwrap_or_else(|| requests * (t.request_kb + t.response_kb) * GB_PER_KB / hours);
        let paid_rules = (t.rule_evaluations_per_request - Decimal::TEN).max(Decimal::ZERO);
        Load {
            new_connections_per_second: new,
            active_connections: active,
            processed_gb_per_hour: gb,
            rule_evaluations_per_second: rps * paid_rules,
        }
    }

    /// The whole month's load in dimension-hours (each hourly figure × `hours`), computed without
    /// dividing by the hours first, so capacity-unit-hours carry no repeating-decimal residue.
    pub fn monthly(t: &Traffic, requests: Decimal, hours: Decimal) -> Load {
        let hour_seconds = Decimal::from(3600);
        let new = t.new_connections_per_second.map_or_else(
            || requests / hour_seconds / t.requests_per_connection,
            |n| n * hours,
        );
        let active = t
            .active_connections
            .map_or_else(|| new * t.connection_seconds, |a| a * hours);
        let gb = t.processed_gb_per_hour.map_or_else(
            || requests * (t.request_kb + t.response_kb) * GB_PER_KB,
            |g| g * hours,
        );
        let paid_rules = (t.rule_evaluations_per_request - Decimal::TEN).max(Decimal::ZERO);
        Load {
            new_connections_per_second: new,
            active_connections: active,
            processed_gb_per_hour: gb,
            rule_evaluations_per_second: requests / hour_seconds * paid_rules,
        }
    }

    /// The load at `factor` times the average (for peak sizing).
    pub fn scaled(self, factor: Decimal) -> Load {
        Load {
            new_connections_per_second: self.new_connections_per_second * factor,
            active_connections: self.active_connections * factor,
            processed_gb_per_hour: self.processed_gb_per_hour * factor,
            rule_evaluations_per_second: self.rule_evaluations_per_second * factor,
        }
    }
}

/// Capacity units and the dimension that sets them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Units {
    pub units: Decimal,
    pub driver: &'static str,
    /// Each dimension's units, in the order of [`ALB_DIMENSIONS`] or [`NLB_DIMENSIONS`].
    pub dimensions: [Decimal; 4],
}

pub const ALB_DIMENSIONS: [&str; 4] = [
    "new connections",
    "active connections",
    "processed bytes",
    "rule evaluations",
];
pub const NLB_DIMENSIONS: [&str; 4] = ["new flows", "active flows", "processed bytes", "-"];

fn highest(dimensions: [Decimal; 4], names: [&'static str; 4]) -> Units {
    let mut best = 0;
    for i in 1..4 {
        if dimensions[i] > dimensions[best] {
            best = i;
        }
    }
    Units {
        units: dimensions[best],
        driver: names[best],
        dimensions,
    }
}

/// ALB LCUs for one hour of `load`. `lambda_targets` uses 0.4 GB per LCU for processed bytes;
/// `mutual_tls` halves active connections per LCU to 1,500.
pub fn alb_lcu(load: &Load, lambda_targets: bool, mutual_tls: bool) -> Units {
    let gb_per_lcu = if lambda_targets {
        Decimal::new(4, 1)
    } else {
        Decimal::ONE
    };
    let active_per_lcu = Decimal::from(if mutual_tls { 1500 } else { 3000 });
    highest(
        [
            load.new_connections_per_second / Decimal::from(25),
            load.active_connections / active_per_lcu,
            load.processed_gb_per_hour / gb_per_lcu,
            load.rule_evaluations_per_second / Decimal::from(1000),
        ],
        ALB_DIMENSIONS,
    )
}

/// NLB NLCUs for one hour of `load` on one listener protocol.
pub fn nlb_nlcu(load: &Load, listener: Listener) -> Units {
    let (new_per, active_per) = match listener {
        Listener::Tls => (50, 3_000),
        Listener::Tcp => (800, 100_000),
    };
    highest(
        [
            load.new_connections_per_second / Decimal::from(new_per),
            load.active_connections / Decimal::from(active_per),
            load.processed_gb_per_hour,
            Decimal::ZERO,
        ],
        NLB_DIMENSIONS,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn aws_alb_example() {
        // ELB pricing page: 1 new connection/s lasting 2 minutes, 5 requests/s, 1.08 GB/h, 60 rules.
        let load = Load {
            new_connections_per_second: d("1"),
            active_connections: d("120"),
            processed_gb_per_hour: d("1.08"),
            rule_evaluations_per_second: d("5") * d("50"),
        };
        let u = alb_lcu(&load, false, false);
        assert_eq!(u.dimensions, [d("0.04"), d("0.04"), d("1.08"), d("0.25")]);
        assert_eq!((u.units, u.driver), (d("1.08"), "processed bytes"));
        assert_eq!(u.units * d("0.008") + d("0.0225"), d("0.03114"));
        assert_eq!(alb_lcu(&load, true, false).units, d("2.7"));
        assert_eq!(alb_lcu(&load, false, true).dimensions[1], d("0.08"));
    }

    #[test]
    fn nlb_dimensions_by_protocol() {
        let load = Load {
            new_connections_per_second: d("100"),
            active_connections: d("6000"),
            processed_gb_per_hour: d("0.5"),
            rule_evaluations_per_second: Decimal::ZERO,
        };
        let tls = nlb_nlcu(&load, Listener::Tls);
        assert_eq!((tls.units, tls.driver), (d("2"), "new flows"));
        let tcp = nlb_nlcu(&load, Listener::Tcp);
        assert_eq!((tcp.units, tcp.driver), (d("0.5"), "processed bytes"));
        assert_eq!(tcp.dimensions[..3], [d("0.125"), d("0.06"), d("0.5")]);
    }
}

#[cfg(test)]
mod constant_tests {
    use super::*;

    #[test]
    fn gb_per_kb_is_exactly_one_over_1048576() {
        assert_eq!(GB_PER_KB * Decimal::from(1_048_576), Decimal::ONE);
        assert_eq!(GB_PER_KB.to_string(), "0.00000095367431640625");
    }
}
