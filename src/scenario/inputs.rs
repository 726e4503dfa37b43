//! Every numeric scenario key in one table: its range, whether it counts in whole numbers, its
//! unit, and how to read it from (and set it on) a validated scenario. The reader takes its
//! ranges from here, `sweep --vary` its keys, and the workbook (`--format xlsx`) its input cells
//! and their data validation, so the three cannot disagree about what a key allows.

use rust_decimal::Decimal;
use std::sync::LazyLock;

use super::{LayoutSpec, Scenario, parse_float};

/// How a key's numbers are read and stepped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A whole number (the reader refuses fractions).
    Count,
    /// A whole number too large for a count (requests, minutes, queries a month): the reader
    /// refuses fractions, as a sweep steps it in whole numbers.
    Amount,
    /// Any decimal in range.
    Number,
}

/// One numeric scenario key.
pub struct Input {
    /// `section.key`, or the bare key at the top level: `traffic.request_kb`, `hours_per_month`.
    pub name: &'static str,
    pub min: Decimal,
    pub max: Decimal,
    pub kind: Kind,
    /// The unit a value is in, for labels: "KB", "requests a month".
    pub unit: &'static str,
    /// The key's value in a scenario (`None`: an optional figure the scenario leaves derived).
    pub get: fn(&Scenario) -> Option<Decimal>,
    /// Sets the key on a scenario; `None` for keys a sweep cannot vary
    /// ([`Input::fixed_because`] says why).
    pub set: Option<fn(&mut Scenario, Decimal)>,
}

impl Input {
    /// The section (`traffic`), or `""` at the top level.
    pub fn section(&self) -> &'static str {
        self.name.split_once('.').map_or("", |(s, _)| s)
    }

    /// The key within its section (`request_kb`).
    pub fn key(&self) -> &'static str {
        self.name.split_once('.').map_or(self.name, |(_, k)| k)
    }

    /// The workbook's defined name of the key's cell: `<section>_<key>`, top-level keys bare.
    pub fn cell_name(&self) -> String {
        self.name.replace('.', "_")
    }

    /// The reader refuses fractions (counts and amounts alike; a sweep steps them by 1).
    pub fn whole(&self) -> bool {
        self.kind != Kind::Number
    }

    /// Why a sweep cannot vary this numeric key, if it cannot.
    pub fn fixed_because(&self) -> Option<&'static str> {
        match self.name {
            _ if self.set.is_some() => None,
            "traffic.requests_per_second" => {
                Some("it is the monthly volume given per second: vary traffic.requests_per_month")
            }
            "layout.cache_gb" => Some(
                "a REST cache comes in fixed sizes (0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118 or 237 \
                 GB): price each with its own scenario or `recommend`",
            ),
            _ => Some("it cannot be varied"),
        }
    }

    /// The key may be left out, and is then derived (or absent): a blank cell in a workbook.
    pub fn optional(&self) -> bool {
        OPTIONAL.contains(&self.name)
    }
}

/// Keys whose absence means "derive it" (or "none"), not a default number.
const OPTIONAL: &[&str] = &[
    "traffic.new_connections_per_second",
    "traffic.active_connections",
    "traffic.processed_gb_per_hour",
    "traffic.dns_queries_per_month",
    "traffic.vpc_client_share",
    "layout.cache_gb",
    "layout.waf_rules",
];

/// The key `name` (`traffic.request_kb`), if it is numeric.
pub fn input(name: &str) -> Option<&'static Input> {
    INPUTS.iter().find(|i| i.name == name)
}

/// The key `key` of `section` (`""` for the top level). Panics on a key missing from the table:
/// a reader asking for a range the table does not have is a bug.
pub(super) fn of(section: &str, key: &str) -> &'static Input {
    let found = INPUTS
        .iter()
        .find(|i| i.section() == section && i.key() == key);
    found.unwrap_or_else(|| panic!("`{section}.{key}` is not in scenario::inputs"))
}

/// The default of key `name` as a spreadsheet formula over other inputs, when the file leaves
/// the key out and the reader derives it from other keys (`backend_instances`: one per service
/// per AZ; `min_availability_zones`: two, or every AZ if fewer; `requests_per_month` from
/// `requests_per_second`). `None` when the file sets it or its default is a constant.
pub fn derived_default(s: &Scenario, name: &str) -> Option<&'static str> {
    if s.gives(name) {
        return None;
    }
    match name {
        "topology.backend_instances" => {
            Some("topology_backend_services*topology_availability_zones")
        }
        "requirements.min_availability_zones" => Some("MIN(topology_availability_zones,2)"),
        "traffic.requests_per_month" if s.gives("traffic.requests_per_second") => {
            Some("traffic_requests_per_second*3600*hours_per_month")
        }
        _ => None,
    }
}

/// The scenario's keys that are not numbers, each with its value as the scenario file spells it
/// (`("topology.on_premises", "\"direct-connect\"")`): the workbook lists them as fixed at
/// export, `diff` compares them.
pub fn choices(s: &Scenario) -> Vec<(&'static str, String)> {
    let t = &s.topology;
    let spec = s.layout.clone().unwrap_or_else(LayoutSpec::unnamed);
    let features: Vec<String> = s
        .requirements
        .rest_features
        .iter()
        .map(|f| format!("\"{f}\""))
        .collect();
    let quoted = |v: &str| format!("\"{v}\"");
    vec![
        ("topology.backend", quoted(t.backend.as_str())),
        ("topology.on_premises", quoted(t.on_premises.as_str())),
        (
            "topology.overlapping_cidrs",
            t.overlapping_cidrs.to_string(),
        ),
        (
            "topology.existing_transit_gateway",
            t.existing_transit_gateway.to_string(),
        ),
        (
            "topology.existing_nat_gateways",
            t.existing_nat_gateways.to_string(),
        ),
        (
            "requirements.private_endpoint",
            s.requirements.private_endpoint.to_string(),
        ),
        (
            "requirements.rest_features",
            format!("[{}]", features.join(", ")),
        ),
        ("layout.nlb_listener", quoted(spec.nlb_listener.as_str())),
        (
            "layout.multi_region",
            quoted(super::multi_region(spec.active_active)),
        ),
    ]
}

/// A rule of the reader across keys, as a spreadsheet condition over the input names.
pub struct CrossCheck {
    pub formula: &'static str,
    /// Whether the scenario keeps it (a scenario that was read always does).
    pub holds: bool,
    pub reason: &'static str,
}

/// The reader's rules across numeric keys that apply to `s` (the others depend on choices
/// fixed in the file), for a workbook to flag an edit the reader would refuse.
pub fn cross_checks(s: &Scenario) -> Vec<CrossCheck> {
    let t = &s.topology;
    let mut out = vec![CrossCheck {
        formula: "topology_consumer_accounts<=topology_consumer_vpcs",
        holds: t.consumer_accounts <= t.consumer_vpcs,
        reason: "every consumer account calls from at least one VPC: consumer_accounts ≤ consumer_vpcs",
    }];
    out.push(CrossCheck {
        formula: "OR(ISBLANK(traffic_vpc_client_share),traffic_vpc_client_share+traffic_on_premises_share<=1)",
        holds: s.traffic.vpc_client_share.is_none_or(|v| v + s.traffic.on_premises_share <= Decimal::ONE),
        reason: "vpc_client_share and on_premises_share add up to 1 at most",
    });
    if t.on_premises == super::OnPremises::None {
        out.push(CrossCheck {
            formula: "traffic_on_premises_share=0",
            holds: s.traffic.on_premises_share.is_zero(),
            reason: "topology.on_premises is \"none\": traffic.on_premises_share must be 0",
        });
    }
    if s.layout.as_ref().is_some_and(|l| l.active_active) {
        out.push(CrossCheck {
            formula: "topology_regions>=2",
            holds: t.regions >= 2,
            reason: "multi_region = \"active-active\" needs topology.regions of 2 or more",
        });
    }
    out
}

fn layout(s: &Scenario) -> LayoutSpec {
    s.layout.clone().unwrap_or_else(LayoutSpec::unnamed)
}

/// The scenario's `[layout]` refinements, to set one: a scenario without `[layout]` gets the
/// defaults, which every pattern is then resolved with (as it is without them).
fn layout_mut(s: &mut Scenario) -> &mut LayoutSpec {
    s.layout.get_or_insert_with(LayoutSpec::unnamed)
}

fn count(d: Decimal) -> u32 {
    u32::try_from(d.trunc().mantissa() / 10i128.pow(d.trunc().scale())).unwrap_or(u32::MAX)
}

macro_rules! inputs {
    ($($name:literal, $min:literal, $max:literal, $kind:ident, $unit:literal,
       |$g:ident| $get:expr, $set:expr;)*) => {
        /// Every numeric scenario key, in the order the workbook lists them.
        pub static INPUTS: LazyLock<Vec<Input>> = LazyLock::new(|| vec![$(Input {
            name: $name,
            min: parse_float($min).expect("a range bound"),
            max: parse_float($max).expect("a range bound"),
            kind: Kind::$kind,
            unit: $unit,
            get: |$g| $get,
            set: $set,
        }),*]);
    };
}

inputs! {
    "hours_per_month", "1", "744", Count, "hours",
        |s| Some(s.hours_per_month), Some(|s, v| s.hours_per_month = v);
    "traffic.requests_per_month", "0", "1e15", Amount, "requests a month",
        |s| Some(s.traffic.requests_per_month), Some(|s, v| s.traffic.requests_per_month = v);
    "traffic.requests_per_second", "0", "1e9", Number, "requests a second",
        |s| Some(s.traffic.requests_per_month / (s.hours_per_month * Decimal::from(3600))), None;
    "traffic.request_kb", "0", "1048576", Number, "KB",
        |s| Some(s.traffic.request_kb), Some(|s, v| s.traffic.request_kb = v);
    "traffic.response_kb", "0", "1048576", Number, "KB",
        |s| Some(s.traffic.response_kb), Some(|s, v| s.traffic.response_kb = v);
    "traffic.peak_to_average", "1", "1000", Number, "× average",
        |s| Some(s.traffic.peak_to_average), Some(|s, v| s.traffic.peak_to_average = v);
    "traffic.requests_per_connection", "1", "1e9", Number, "requests",
        |s| Some(s.traffic.requests_per_connection),
        Some(|s, v| s.traffic.requests_per_connection = v);
    "traffic.connection_seconds", "0", "1e9", Number, "seconds",
        |s| Some(s.traffic.connection_seconds), Some(|s, v| s.traffic.connection_seconds = v);
    "traffic.rule_evaluations_per_request", "0", "1000", Number, "rules",
        |s| Some(s.traffic.rule_evaluations_per_request),
        Some(|s, v| s.traffic.rule_evaluations_per_request = v);
    "traffic.on_premises_share", "0", "1", Number, "share (0 to 1)",
        |s| Some(s.traffic.on_premises_share), Some(|s, v| s.traffic.on_premises_share = v);
    "traffic.connection_minutes_per_month", "0", "1e15", Amount, "minutes a month",
        |s| Some(s.traffic.connection_minutes_per_month),
        Some(|s, v| s.traffic.connection_minutes_per_month = v);
    "traffic.new_connections_per_second", "0", "1e12", Number, "per second",
        |s| s.traffic.new_connections_per_second,
        Some(|s, v| s.traffic.new_connections_per_second = Some(v));
    "traffic.active_connections", "0", "1e12", Number, "connections",
        |s| s.traffic.active_connections, Some(|s, v| s.traffic.active_connections = Some(v));
    "traffic.processed_gb_per_hour", "0", "1e12", Number, "GB an hour",
        |s| s.traffic.processed_gb_per_hour,
        Some(|s, v| s.traffic.processed_gb_per_hour = Some(v));
    "traffic.cross_az_share", "0", "1", Number, "share (0 to 1)",
        |s| Some(s.traffic.cross_az_share), Some(|s, v| s.traffic.cross_az_share = v);
    "traffic.dns_queries_per_month", "0", "1e15", Amount, "queries a month",
        |s| s.traffic.dns_queries_per_month, Some(|s, v| s.traffic.dns_queries_per_month = Some(v));
    "traffic.vpc_client_share", "0", "1", Number, "share (0 to 1)",
        |s| s.traffic.vpc_client_share, Some(|s, v| s.traffic.vpc_client_share = Some(v));
    "traffic.discovery_calls_per_request", "0", "100", Number, "calls per request",
        |s| Some(s.traffic.discovery_calls_per_request),
        Some(|s, v| s.traffic.discovery_calls_per_request = v);
    "traffic.cross_region_share", "0", "1", Number, "share (0 to 1)",
        |s| Some(s.traffic.cross_region_share), Some(|s, v| s.traffic.cross_region_share = v);
    "topology.availability_zones", "1", "6", Count, "AZs",
        |s| Some(s.topology.availability_zones.into()),
        Some(|s, v| s.topology.availability_zones = count(v));
    "topology.consumer_vpcs", "1", "10000", Count, "VPCs",
        |s| Some(s.topology.consumer_vpcs.into()), Some(|s, v| s.topology.consumer_vpcs = count(v));
    "topology.consumer_accounts", "1", "10000", Count, "accounts",
        |s| Some(s.topology.consumer_accounts.into()),
        Some(|s, v| s.topology.consumer_accounts = count(v));
    "topology.apis", "1", "10000", Count, "APIs",
        |s| Some(s.topology.apis.into()), Some(|s, v| s.topology.apis = count(v));
    "topology.backend_services", "1", "10000", Count, "services",
        |s| Some(s.topology.backend_services.into()),
        Some(|s, v| s.topology.backend_services = count(v));
    "topology.backend_accounts", "1", "1000", Count, "accounts",
        |s| Some(s.topology.backend_accounts.into()),
        Some(|s, v| s.topology.backend_accounts = count(v));
    "topology.backend_instances", "1", "1000000", Count, "instances",
        |s| Some(s.topology.backend_instances.into()),
        Some(|s, v| s.topology.backend_instances = count(v));
    "topology.on_premises_connections", "1", "100", Count, "connections",
        |s| Some(s.topology.on_premises_connections.into()),
        Some(|s, v| s.topology.on_premises_connections = count(v));
    "topology.regions", "1", "30", Count, "Regions",
        |s| Some(s.topology.regions.into()), Some(|s, v| s.topology.regions = count(v));
    "requirements.min_availability_zones", "1", "6", Count, "AZs",
        |s| Some(s.requirements.min_availability_zones.into()),
        Some(|s, v| s.requirements.min_availability_zones = count(v));
    "layout.endpoints_per_vpc", "1", "50", Count, "endpoints per VPC",
        |s| Some(layout(s).endpoints_per_vpc.into()),
        Some(|s, v| layout_mut(s).endpoints_per_vpc = count(v));
    "layout.load_balancers", "1", "100", Count, "load balancers",
        |s| Some(layout(s).load_balancers.into()),
        Some(|s, v| layout_mut(s).load_balancers = count(v));
    "layout.cache_gb", "0", "237", Number, "GB",
        |s| s.requirements.rest_cache_gb(layout(s).cache_gb), None;
    "layout.lambda_memory_mb", "128", "10240", Count, "MB",
        |s| Some(layout(s).lambda_memory_mb.into()),
        Some(|s, v| layout_mut(s).lambda_memory_mb = count(v));
    "layout.lambda_duration_ms", "1", "900000", Count, "ms",
        |s| Some(layout(s).lambda_duration_ms.into()),
        Some(|s, v| layout_mut(s).lambda_duration_ms = count(v));
    "layout.resolver_ips", "2", "6", Count, "IP addresses",
        |s| Some(layout(s).resolver_ips.into()), Some(|s, v| layout_mut(s).resolver_ips = count(v));
    "layout.waf_rules", "1", "100", Count, "rules",
        |s| s.requirements.rest_waf_rules(layout(s).waf_rules).map(Decimal::from),
        Some(|s, v| layout_mut(s).waf_rules = Some(count(v)));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A scenario with `name = value` written into its section.
    fn with(name: &str, value: &str) -> String {
        let (section, key) = name.split_once('.').unwrap_or(("", name));
        let line = format!("{key} = {value}\n");
        let top = if section.is_empty() {
            line.as_str()
        } else {
            ""
        };
        let mut traffic = match key {
            "requests_per_second" | "requests_per_month" => String::new(),
            _ => "requests_per_month = 1000\n".to_owned(),
        };
        // The share needs on-premises clients; accounts need as many VPCs.
        let mut topology = "on_premises = \"vpn\"\nconsumer_vpcs = 10000\n".to_owned();
        let mut other = String::new();
        match section {
            "traffic" => traffic += &line,
            "topology" if key == "consumer_vpcs" => topology = line.clone(),
            "topology" => topology += &line,
            "layout" => other = format!("[layout]\narchitecture = \"R5\"\n{line}"),
            "" => {}
            s => other = format!("[{s}]\n{line}"),
        }
        format!("region = \"us-east-1\"\n{top}[traffic]\n{traffic}[topology]\n{topology}{other}")
    }

    fn accepts(name: &str, value: Decimal) -> bool {
        crate::scenario::parse("s.toml", &with(name, &value.to_string())).is_ok()
    }

    #[test]
    fn the_reader_allows_exactly_each_range() {
        let step = Decimal::new(1, 3);
        for i in INPUTS.iter() {
            let n = i.name;
            if n == "layout.cache_gb" {
                // Only the offered sizes: the smallest and largest are the range's ends.
                assert!(accepts(n, Decimal::new(5, 1)) && accepts(n, i.max), "{n}");
                assert!(!accepts(n, i.max + step), "{n}");
                continue;
            }
            assert!(accepts(n, i.min), "{n} accepts its minimum {}", i.min);
            assert!(accepts(n, i.max), "{n} accepts its maximum {}", i.max);
            let out = if i.whole() { Decimal::ONE } else { step };
            assert!(!accepts(n, i.max + out), "{n} refuses above its maximum");
            assert!(
                i.min.is_zero() || !accepts(n, i.min - out),
                "{n} refuses below"
            );
            if i.whole() {
                assert!(
                    !accepts(n, i.min + Decimal::new(5, 1)),
                    "{n} refuses fractions"
                );
            }
        }
    }

    #[test]
    fn optional_keys_are_those_a_bare_scenario_leaves_unset() {
        let bare = "region = \"us-east-1\"\n[traffic]\nrequests_per_month = 1\n";
        let s = crate::scenario::parse("s.toml", bare).unwrap();
        for i in INPUTS.iter() {
            assert_eq!(i.optional(), (i.get)(&s).is_none(), "{}", i.name);
        }
    }

    #[test]
    fn every_numeric_key_can_be_swept_but_two_said_why() {
        let fixed: Vec<&str> = INPUTS
            .iter()
            .filter(|i| i.set.is_none())
            .inspect(|i| assert_ne!(i.fixed_because(), Some("it cannot be varied"), "{}", i.name))
            .map(|i| i.name)
            .collect();
        assert_eq!(fixed, ["traffic.requests_per_second", "layout.cache_gb"]);
        assert!(
            INPUTS
                .iter()
                .all(|i| i.set.is_some() == i.fixed_because().is_none())
        );
    }

    #[test]
    fn names_split_into_section_and_key() {
        let i = input("traffic.request_kb").unwrap();
        assert_eq!((i.section(), i.key()), ("traffic", "request_kb"));
        assert_eq!(i.cell_name(), "traffic_request_kb");
        let h = input("hours_per_month").unwrap();
        assert_eq!(
            (h.section(), h.key(), h.cell_name()),
            ("", "hours_per_month", "hours_per_month".into())
        );
    }
}
