//! Load balancer capacity units, per hour, from the rules in the ELB pricing page: an ALB LCU is
//! the highest of four dimensions, an NLB NLCU the highest of three per protocol (protocols in use
//! are added). Derived from the scenario's traffic unless it overrides a figure. Processed bytes
//! are counted in decimal GB (10⁹ bytes), as Elastic Load Balancing meters them
//! ([`ELB_GB_PER_KB`]): the scenario's binary KB × 1,024 bytes ÷ 10⁹.

use rust_decimal::Decimal;

use crate::engine::sheet::{Expr, Sheet};
use crate::engine::units::{ELB_GB_PER_KB, HOUR_SECONDS};
use crate::scenario::{Listener, Traffic};

/// ALB: new connections per second, active connections (1,500 with mutual TLS), GB per hour
/// (0.4 for Lambda targets) and rule evaluations per second that make one LCU.
const ALB_NEW: u32 = 25;
const ALB_ACTIVE: u32 = 3_000;
const ALB_ACTIVE_MTLS: u32 = 1_500;
const ALB_RULES: u32 = 1_000;
/// Rule evaluations per request that are free.
const FREE_RULES: u32 = 10;

/// NLB: new flows per second and active flows that make one NLCU, by listener protocol (one GB
/// an hour is one NLCU for every protocol).
fn nlb_per(listener: Listener) -> (u32, u32) {
    match listener {
        Listener::Tls => (50, 3_000),
        Listener::Tcp => (800, 100_000),
    }
}

/// The load one balancer role carries: per hour, or summed over the month ([`Span`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Load {
    pub new_connections_per_second: Decimal,
    pub active_connections: Decimal,
    pub processed_gb_per_hour: Decimal,
    pub rule_evaluations_per_second: Decimal,
}

/// Which stretch of time a [`Load`] covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    /// The average hour: connections per second, GB per hour. For sizing and formulas.
    AverageHour,
    /// The whole month, in dimension-hours (each hourly figure × the month's hours). Costs are
    /// taken from this span: computing it without dividing by the hours first leaves no
    /// repeating-decimal residue in the capacity-unit-hours.
    Month,
}

impl Load {
    /// No load.
    pub const ZERO: Load = Load {
        new_connections_per_second: Decimal::ZERO,
        active_connections: Decimal::ZERO,
        processed_gb_per_hour: Decimal::ZERO,
        rule_evaluations_per_second: Decimal::ZERO,
    };

    /// The load of `requests` a month over `hours`, for `span`, with the scenario's overrides
    /// (which are hourly figures, so the month multiplies them by the hours).
    pub fn new(t: &Traffic, requests: Decimal, hours: Decimal, span: Span) -> Load {
        let month = span == Span::Month;
        // Requests per second of the average hour; for the month, that × the hours.
        let per_second = if month {
            requests / HOUR_SECONDS
        } else {
            requests / (hours * HOUR_SECONDS)
        };
        let over_span = |hourly: Decimal| if month { hourly * hours } else { hourly };
        let new = t
            .new_connections_per_second
            .map_or_else(|| per_second / t.requests_per_connection, over_span);
        let active = t
            .active_connections
            .map_or_else(|| new * t.connection_seconds, over_span);
        let gb = t.processed_gb_per_hour.map_or_else(
            || {
                let month_gb = requests * (t.request_kb + t.response_kb) * ELB_GB_PER_KB;
                if month { month_gb } else { month_gb / hours }
            },
            over_span,
        );
        let paid_rules =
            (t.rule_evaluations_per_request - Decimal::from(FREE_RULES)).max(Decimal::ZERO);
        Load {
            new_connections_per_second: new,
            active_connections: active,
            processed_gb_per_hour: gb,
            rule_evaluations_per_second: per_second * paid_rules,
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
    let active_per_lcu = Decimal::from(if mutual_tls {
        ALB_ACTIVE_MTLS
    } else {
        ALB_ACTIVE
    });
    highest(
        [
            load.new_connections_per_second / Decimal::from(ALB_NEW),
            load.active_connections / active_per_lcu,
            load.processed_gb_per_hour / gb_per_lcu,
            load.rule_evaluations_per_second / Decimal::from(ALB_RULES),
        ],
        ALB_DIMENSIONS,
    )
}

/// NLB NLCUs for one hour of `load` on one listener protocol.
pub fn nlb_nlcu(load: &Load, listener: Listener) -> Units {
    let (new_per, active_per) = nlb_per(listener);
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

/// The average hour's load on one role in one active Region, as sheet rows (the twin of
/// [`Load::new`] for [`Span::AverageHour`]; a figure the scenario overrides is its input cell).
#[derive(Debug, Clone)]
pub struct LoadCells {
    pub new: Expr,
    pub active: Expr,
    pub gb: Expr,
    pub rules: Expr,
}

impl LoadCells {
    pub fn new(sh: &mut Sheet<'_>) -> LoadCells {
        let requests = sh.region_requests();
        let hours = sh.hours();
        let per_second = requests.clone() / (hours.clone() * Expr::num(HOUR_SECONDS));
        let rps = sh.figure(
            "requests per second, average hour",
            "per second",
            per_second,
        );
        let derived = rps.clone() / sh.input("traffic.requests_per_connection");
        let new = sh.input_or("traffic.new_connections_per_second", derived);
        let new = sh.figure("new connections per second", "per second", new);
        let derived = new.clone() * sh.input("traffic.connection_seconds");
        let active = sh.input_or("traffic.active_connections", derived);
        let active = sh.figure("active connections", "connections", active);
        let payload = sh.payload_kb();
        let derived = sh.elb_gb(requests * payload) / hours;
        let gb = sh.input_or("traffic.processed_gb_per_hour", derived);
        let gb = sh.figure("processed GB per hour", "GB", gb);
        let rules = sh.input("traffic.rule_evaluations_per_request");
        let paid = (rules - Expr::num(FREE_RULES)).at_least_zero();
        let label = "rule evaluations per second (beyond 10 per request)";
        let rules = sh.figure(label, "per second", rps * paid);
        LoadCells {
            new,
            active,
            gb,
            rules,
        }
    }
}

/// ALB LCUs for one hour of `load` (targets that are not Lambda, no mutual TLS): the highest
/// of the four dimensions, as [`alb_lcu`] computes them.
pub fn alb_lcu_cells(load: &LoadCells) -> Expr {
    Expr::max(&[
        load.new.clone() / Expr::num(ALB_NEW),
        load.active.clone() / Expr::num(ALB_ACTIVE),
        load.gb.clone(),
        load.rules.clone() / Expr::num(ALB_RULES),
    ])
}

/// NLB NLCUs for one hour of `load` on `listener`, as [`nlb_nlcu`] computes them.
pub fn nlb_nlcu_cells(load: &LoadCells, listener: Listener) -> Expr {
    let (new_per, active_per) = nlb_per(listener);
    Expr::max(&[
        load.new.clone() / Expr::num(new_per),
        load.active.clone() / Expr::num(active_per),
        load.gb.clone(),
    ])
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

    #[test]
    fn the_month_is_the_average_hour_times_the_hours() {
        let t = Traffic {
            requests_per_month: d("300000000"),
            request_kb: d("2"),
            response_kb: d("8"),
            peak_to_average: d("3"),
            requests_per_connection: d("7"),
            connection_seconds: d("11"),
            rule_evaluations_per_request: d("25"),
            on_premises_share: Decimal::ZERO,
            connection_minutes_per_month: Decimal::ZERO,
            new_connections_per_second: None,
            active_connections: None,
            processed_gb_per_hour: None,
            cross_az_share: Decimal::ZERO,
            dns_queries_per_month: None,
            vpc_client_share: None,
            discovery_calls_per_request: Decimal::ONE,
            cross_region_share: Decimal::ZERO,
        };
        let hours = d("730");
        for t in [
            t.clone(),
            Traffic {
                new_connections_per_second: Some(d("12.5")),
                active_connections: Some(d("900")),
                processed_gb_per_hour: Some(d("0.75")),
                ..t
            },
        ] {
            let r = t.requests_per_month;
            let hour = Load::new(&t, r, hours, Span::AverageHour);
            let month = Load::new(&t, r, hours, Span::Month);
            let close = |a: Decimal, b: Decimal| (a * hours - b).abs() < d("0.000000000001");
            assert!(close(
                hour.new_connections_per_second,
                month.new_connections_per_second
            ));
            assert!(close(hour.active_connections, month.active_connections));
            assert!(close(
                hour.processed_gb_per_hour,
                month.processed_gb_per_hour
            ));
            assert!(close(
                hour.rule_evaluations_per_second,
                month.rule_evaluations_per_second
            ));
        }
    }
}
