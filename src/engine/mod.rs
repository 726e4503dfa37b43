//! The pricing engine: (scenario, layout, price table) → an estimate with line items, sizing and
//! warnings. Pure: no I/O, no printing, no rounding. Every amount is an exact `Decimal`; the
//! total is the sum of the line items.

pub mod capacity;
pub mod formula;

use rust_decimal::Decimal;

use crate::architecture::{Api, Dns, Endpoints, Facade, Integration, Layout, Reach};
use crate::component::Component;
use crate::pricing::{PriceTable, Rate};
use crate::scenario::{Backend, Listener, OnPremises, Scenario};
use capacity::{Load, Units, alb_lcu, nlb_nlcu};
pub use formula::{Factor, Formula};

/// One priced component.
#[derive(Debug, Clone, PartialEq)]
pub struct LineItem {
    pub component: Component,
    pub quantity: Decimal,
    /// `None` when the quantity spans several tiers (see the formula).
    pub unit_price: Option<Decimal>,
    pub monthly_cost: Decimal,
    pub formula: Formula,
}

impl LineItem {
    pub fn description(&self) -> &'static str {
        self.component.what()
    }
    pub fn unit(&self) -> &'static str {
        self.component.unit()
    }
}

/// Capacity units of one kind of load balancer, per hour, summed over the balancers carrying
/// traffic in one active Region; `balancers` is per Region.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CapacitySizing {
    pub balancers: u32,
    pub average: Units,
    pub peak: Units,
}

/// What must be sized, beside the cost.
#[derive(Debug, Clone, PartialEq)]
pub struct Sizing {
    /// Request rates of one active Region.
    pub average_rps: Decimal,
    pub peak_rps: Decimal,
    pub alb: Option<CapacitySizing>,
    pub nlb: Option<CapacitySizing>,
    /// Interface endpoints (all Regions) and their network interfaces (× AZs).
    pub endpoints: u32,
    pub endpoint_enis: u32,
    pub resolver_ips: u32,
    pub vpc_links: u32,
    pub tgw_attachments: u32,
}

/// A priced layout.
#[derive(Debug, Clone, PartialEq)]
pub struct Estimate {
    pub layout: Layout,
    pub monthly_cost: Decimal,
    pub line_items: Vec<LineItem>,
    pub sizing: Sizing,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    pub free_tier: bool,
    /// Costs only: the monthly total, with no line items, warnings or sizing (left empty), for
    /// sweeps over many steps. The total is the same either way.
    pub lean: bool,
}

/// Why a layout could not be priced.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EngineError {
    #[error("no price for `{}` ({}) in {region}", .component.id(), .component.what())]
    MissingPrice {
        component: Component,
        region: String,
    },
    #[error(
        "no price for `{}` in {region} beyond {} {}: usage is {}",
        .component.id(),
        crate::money::number(*.limit, 4),
        .component.unit(),
        crate::money::number(*.usage, 4)
    )]
    BeyondTiers {
        component: Component,
        region: String,
        limit: Decimal,
        usage: Decimal,
    },
    #[error("no REST cache price for {gb} GB in {region}")]
    CacheSize { gb: Decimal, region: String },
}

const KB_PER_GB: Decimal = Decimal::from_parts(1_048_576, 0, 0, false, 0);
const MILLION: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);
/// 1 ÷ 1,048,576 and 1 ÷ 1,000,000 are exact decimals: multiplying by them gives the same
/// numbers as dividing, at a fraction of the cost.
const GB_PER_KB: Decimal = Decimal::from_parts(1977800241, 22204, 0, false, 20);
const PER_MILLION: Decimal = Decimal::from_parts(1, 0, 0, false, 6);

/// Accumulates line items against one price table.
struct Bill<'p> {
    prices: &'p PriceTable,
    items: Vec<LineItem>,
    warnings: Vec<String>,
    detail: bool,
    /// The running total (line items are kept only in detail).
    total: Decimal,
}

impl Bill<'_> {
    /// Records a warning (built only when the estimate is wanted in detail).
    fn warn(&mut self, text: impl FnOnce() -> String) {
        if self.detail {
            self.warnings.push(text());
        }
    }

    /// Prices `formula.quantity` of `component` (tiered per active Region when `per_region`).
    fn add(&mut self, component: Component, mut formula: Formula) -> Result<(), EngineError> {
        if formula.quantity.is_zero() {
            return Ok(());
        }
        let price = self
            .prices
            .get(component)
            .ok_or_else(|| EngineError::MissingPrice {
                component,
                region: self.prices.region.clone(),
            })?;
        if price.unverified {
            let region = &self.prices.region;
            self.warn(|| {
                format!(
                    "the {} price of `{}` is unverified (no source confirms it)",
                    region,
                    component.price_item().id()
                )
            });
        }
        let regions = Decimal::from(formula.per_region.unwrap_or(1));
        let charged = price
            .rate
            .charge(formula.quantity / regions)
            .map_err(|limit| EngineError::BeyondTiers {
                component,
                region: self.prices.region.clone(),
                limit,
                usage: formula.quantity / regions,
            })?;
        let cost = charged.cost * regions;
        formula.tiers = charged;
        let unit_price = match charged.uses() {
            [one] => Some(one.price),
            _ => None,
        };
        self.total += cost;
        if self.detail {
            self.items.push(LineItem {
                component,
                quantity: formula.quantity,
                unit_price,
                monthly_cost: cost,
                formula,
            });
        }
        Ok(())
    }
}

/// Prices `layout` for scenario `s` at `prices`.
pub fn estimate(
    s: &Scenario,
    l: &Layout,
    prices: &PriceTable,
    opts: Options,
) -> Result<Estimate, EngineError> {
    let t = &s.traffic;
    let topo = &s.topology;
    let hours = s.hours_per_month;
    let regions = topo.regions;
    let active = if l.active_active { regions } else { 1 };
    let per_region = (active > 1).then_some(active);
    let requests = t.requests_per_month;
    let region_requests = requests / Decimal::from(active);
    let azs = Decimal::from(l.azs);
    let detail = !opts.lean;
    let mut bill = Bill {
        prices,
        items: if detail {
            Vec::with_capacity(16)
        } else {
            Vec::new()
        },
        warnings: Vec::new(),
        detail,
        total: Decimal::ZERO,
    };
    let c = Component::RestRequests;
    let free = |c: Component| {
        if opts.free_tier {
            prices.free(c)
        } else {
            Decimal::ZERO
        }
    };
    let with_free = |mut f: Formula, c: Component, gross: Decimal| {
        let allowance = free(c).min(gross);
        if !allowance.is_zero() {
            f.free = Some(allowance);
        }
        f.quantity = gross - allowance;
        f
    };
    let payload_kb = t.request_kb + t.response_kb;

    // API requests.
    match l.api {
        Api::PrivateRest => {
            let gross = requests * PER_MILLION;
            let mut f = Formula::new(c.unit()).times(requests, "requests");
            f.divisor = Some(Factor {
                value: MILLION,
                label: "per million",
            });
            f.per_region = per_region;
            bill.add(c, with_free(f, c, gross))?;
        }
        Api::Http => {
            let c = Component::HttpRequests;
            let units = ceil_units(t.request_kb, Decimal::from(512));
            let mut f = Formula::new(c.unit())
                .times(requests, "requests")
                .times(units, "× 512 KB units");
            f.divisor = Some(Factor {
                value: MILLION,
                label: "per million",
            });
            f.per_region = per_region;
            bill.add(c, with_free(f, c, requests * units * PER_MILLION))?;
        }
        Api::WebSocket => {
            let c = Component::WebsocketMessages;
            let units_in = ceil_units(t.request_kb, Decimal::from(32));
            let units_out = if t.response_kb.is_zero() {
                Decimal::ZERO
            } else {
                ceil_units(t.response_kb, Decimal::from(32))
            };
            let per = units_in + units_out;
            let mut f = Formula::new(c.unit())
                .times(requests, "messages in")
                .times(per, "32 KB units in and out");
            f.divisor = Some(Factor {
                value: MILLION,
                label: "per million",
            });
            f.per_region = per_region;
            bill.add(c, with_free(f, c, requests * per * PER_MILLION))?;
            let c = Component::WebsocketMinutes;
            let minutes = t.connection_minutes_per_month;
            let mut f = Formula::new(c.unit()).times(minutes, "connection-minutes");
            f.divisor = Some(Factor {
                value: MILLION,
                label: "per million",
            });
            bill.add(c, with_free(f, c, minutes * PER_MILLION))?;
        }
    }

    // REST cache.
    if let Some(gb) = l.cache_gb {
        let c = Component::RestCache;
        let price = prices.get(c).ok_or_else(|| EngineError::MissingPrice {
            component: c,
            region: prices.region.clone(),
        })?;
        let Rate::Sizes(sizes) = &price.rate else {
            return Err(EngineError::CacheSize {
                gb,
                region: prices.region.clone(),
            });
        };
        let per_hour = sizes
            .iter()
            .find(|(size, _)| *size == gb)
            .map(|(_, p)| *p)
            .ok_or_else(|| EngineError::CacheSize {
                gb,
                region: prices.region.clone(),
            })?;
        let qty = Decimal::from(regions) * hours;
        let mut f = Formula::new(c.unit())
            .times(regions, "Region[s]")
            .times(hours, "h");
        f.quantity = qty;
        f.note = detail.then(|| {
            format!(
                "{} GB cache at {} per hour",
                gb.normalize(),
                crate::money::price(per_hour)
            )
        });
        let tiers = Rate::Flat(per_hour)
            .charge(qty)
            .expect("flat rates have no limit");
        f.tiers = tiers;
        bill.total += tiers.cost;
        bill.items.push(LineItem {
            component: c,
            quantity: qty,
            unit_price: Some(per_hour),
            monthly_cost: tiers.cost,
            formula: f,
        });
    }

    // Interface endpoints: consumers' execute-api endpoints, and PrivateLink endpoints to
    // resource-account services.
    let front_endpoints = match l.endpoints {
        Endpoints::None => 0,
        Endpoints::PerVpc => topo.consumer_vpcs * l.endpoints_per_vpc,
        Endpoints::SharedTgw => l.endpoints_per_vpc,
    };
    let backend_endpoints = if l.reach == Reach::PrivateLink {
        topo.backend_services
    } else {
        0
    };
    let endpoints_per_region = front_endpoints + backend_endpoints;
    if endpoints_per_region > 0 {
        let c = Component::EndpointHours;
        let mut f = Formula::new(c.unit());
        f = match (front_endpoints, backend_endpoints, l.endpoints) {
            (v, 0, Endpoints::PerVpc) if l.endpoints_per_vpc == 1 => {
                f.times(v, "endpoint[s] (one per consumer VPC)")
            }
            (_, 0, Endpoints::PerVpc) => f
                .times(topo.consumer_vpcs, "VPC[s]")
                .times(l.endpoints_per_vpc, "endpoints per VPC"),
            (v, 0, _) => f.times(v, "shared endpoint[s]"),
            (0, b, _) => f.times(b, "endpoint[s] (one per backend service)"),
            (v, b, _) => {
                f.note = detail
                    .then(|| format!("{v} consumer endpoints + {b} backend-service endpoints"));
                f.times(v + b, "endpoint[s]")
            }
        };
        if regions > 1 {
            f = f.times(regions, "Region[s]");
        }
        f = f.times(l.azs, "AZ[s]").times(hours, "h");
        f.quantity = Decimal::from(endpoints_per_region * regions) * azs * hours;
        bill.add(c, f)?;
    }
    let passes = u32::from(l.api == Api::PrivateRest) + u32::from(l.reach == Reach::PrivateLink);
    if passes > 0 {
        let c = Component::EndpointData;
        let mut f = Formula::new(c.unit())
            .times(requests, "requests")
            .times(payload_kb, "KB in and out");
        if passes > 1 {
            f = f.times(passes, "endpoint hops");
        }
        f.divisor = Some(Factor {
            value: KB_PER_GB,
            label: "KB per GB",
        });
        f.quantity = requests * payload_kb * Decimal::from(passes) * GB_PER_KB;
        f.per_region = per_region;
        bill.add(c, f)?;
    }

    // Load balancers.
    let (nlbs, albs) = l.load_balancer_counts(s);
    // The average and peak hour are for sizing and formulas only; costs come from the month.
    let load = if detail {
        Load::from_traffic(t, region_requests, hours)
    } else {
        Load::ZERO
    };
    let peak = if detail {
        load.scaled(t.peak_to_average)
    } else {
        Load::ZERO
    };
    let lambda_targets = false;
    // Each role carries the whole Region's traffic (split over its balancers).
    let mut nlb_roles: Vec<(&'static str, Listener)> = Vec::new();
    match l.integration {
        Integration::Nlb => nlb_roles.push(("integration NLB", l.listener)),
        Integration::NlbToAlb => nlb_roles.push(("NLB in front of the ALB", Listener::Tcp)),
        _ => {}
    }
    if l.reach == Reach::PrivateLink {
        nlb_roles.push(("endpoint-service NLBs", Listener::Tcp));
    }
    if l.facade == Facade::Nlb {
        nlb_roles.push(("facade NLB", Listener::Tls));
    }
    let mut alb_roles = 0u32;
    if matches!(l.integration, Integration::Alb | Integration::NlbToAlb)
        || topo.backend == Backend::Alb
    {
        alb_roles += 1;
    }
    if l.facade == Facade::Alb {
        alb_roles += 1;
    }
    let lb_hours = |bill: &mut Bill<'_>, c: Component, count: u32, what: &'static str| {
        let mut f = Formula::new(c.unit()).times(count, what);
        if regions > 1 {
            f = f.times(regions, "Region[s]");
        }
        f = f.times(hours, "h");
        f.quantity = Decimal::from(count * regions) * hours;
        bill.add(c, f)
    };
    let month = Load::monthly(t, region_requests, hours);
    let mut nlb_sizing = None;
    if nlbs > 0 {
        lb_hours(&mut bill, Component::NlbHours, nlbs, "NLB[s]")?;
        let mut avg = Units {
            units: Decimal::ZERO,
            driver: "",
            dimensions: [Decimal::ZERO; 4],
        };
        let mut pk = avg;
        let mut unit_hours = Decimal::ZERO;
        let mut parts = Vec::new();
        for (what, listener) in &nlb_roles {
            let u = nlb_nlcu(&load, *listener);
            if avg.driver.is_empty() {
                avg = u;
                pk = nlb_nlcu(&peak, *listener);
            } else {
                avg.units += u.units;
                pk.units += nlb_nlcu(&peak, *listener).units;
                if avg.driver != u.driver {
                    avg.driver = "several dimensions (see the nlb-capacity formula)";
                    pk.driver = avg.driver;
                }
            }
            unit_hours += nlb_nlcu(&month, *listener).units;
            parts.push(format!(
                "{what} {} NLCU, set by {}",
                crate::money::number(u.units, 6),
                u.driver
            ));
        }
        nlb_sizing = Some(CapacitySizing {
            balancers: nlbs,
            average: avg,
            peak: pk,
        });
        let c = Component::NlbCapacity;
        let mut f = Formula::new(c.unit())
            .times(avg.units, "NLCU per hour")
            .times(hours, "h");
        if active > 1 {
            f = f.times(active, "active Region[s]");
        }
        f.quantity = unit_hours * Decimal::from(active);
        f.note = detail.then(|| {
            if nlb_roles.len() > 1 {
                parts.join(" + ")
            } else {
                format!("set by {}", avg.driver)
            }
        });
        bill.add(c, f)?;
    }
    let mut alb_sizing = None;
    if albs > 0 {
        lb_hours(&mut bill, Component::AlbHours, albs, "ALB[s]")?;
        let one = alb_lcu(&load, lambda_targets, false);
        let roles = Decimal::from(alb_roles.max(1));
        let avg = Units {
            units: one.units * roles,
            ..one
        };
        let pk_one = alb_lcu(&peak, lambda_targets, false);
        let pk = Units {
            units: pk_one.units * roles,
            ..pk_one
        };
        alb_sizing = Some(CapacitySizing {
            balancers: albs,
            average: avg,
            peak: pk,
        });
        let c = Component::AlbCapacity;
        let mut f = Formula::new(c.unit()).times(one.units, "LCU per hour");
        if alb_roles > 1 {
            f = f.times(alb_roles, "ALB role[s]");
        }
        f = f.times(hours, "h");
        if active > 1 {
            f = f.times(active, "active Region[s]");
        }
        f.quantity = alb_lcu(&month, lambda_targets, false).units * roles * Decimal::from(active);
        f.note = detail.then(|| format!("set by {}", one.driver));
        bill.add(c, f)?;
    }

    // Cloud Map.
    if l.integration == Integration::CloudMap {
        let c = Component::CloudMapResources;
        let mut f = Formula::new(c.unit()).times(topo.backend_instances, "registered instance[s]");
        if regions > 1 {
            f = f.times(regions, "Region[s]");
        }
        f.quantity = Decimal::from(topo.backend_instances * regions);
        bill.add(c, f)?;
        let c = Component::CloudMapQueries;
        let mut f = Formula::new(c.unit()).times(requests, "discovery calls (one per request)");
        f.divisor = Some(Factor {
            value: MILLION,
            label: "per million",
        });
        f.quantity = requests * PER_MILLION;
        bill.add(c, f)?;
    }

    // DNS: Resolver inbound endpoints (on-premises resolution, and each Region of a multi-Region
    // private API), hosted zones.
    let on_prem = l.api == Api::PrivateRest && topo.on_premises != OnPremises::None;
    let resolver = l.dns == Dns::Resolver || l.facade != Facade::None;
    let resolver_ips = if resolver { l.azs.max(2) } else { 0 };
    if resolver {
        let c = Component::ResolverHours;
        let mut f = Formula::new(c.unit()).times(resolver_ips, "IP address[es]");
        if regions > 1 {
            f = f.times(regions, "Region[s]");
        }
        f = f.times(hours, "h");
        f.quantity = Decimal::from(resolver_ips * regions) * hours;
        bill.add(c, f)?;
        let on_prem_requests = requests * t.on_premises_share;
        let queries = t
            .dns_queries_per_month
            .unwrap_or(on_prem_requests / t.requests_per_connection);
        let c = Component::ResolverQueries;
        let mut f = Formula::new(c.unit()).times(queries, "queries");
        f.divisor = Some(Factor {
            value: MILLION,
            label: "per million",
        });
        if t.dns_queries_per_month.is_none() {
            f.note =
                Some("one per on-premises connection; set traffic.dns_queries_per_month".into());
        }
        f.quantity = queries * PER_MILLION;
        bill.add(c, f)?;
    }
    let zones = match (l.dns, l.facade) {
        (_, Facade::Nlb | Facade::Alb | Facade::CustomDomain) => regions,
        (Dns::Alias, _) => 1,
        _ => 0,
    };
    if zones > 0 {
        let c = Component::HostedZones;
        let mut f = Formula::new(c.unit()).times(
            zones,
            if l.facade == Facade::None {
                "hosted zone"
            } else {
                "private hosted zones (one per Region)"
            },
        );
        f.quantity = Decimal::from(zones);
        bill.add(c, f)?;
    }

    // Transit Gateway: shared endpoint VPC and/or cross-account backends. With an existing
    // Transit Gateway only the VPCs a design adds (the shared endpoint VPC, the VPC link's VPC)
    // are new attachments.
    let existing = topo.existing_transit_gateway;
    let shared_tgw = l.endpoints == Endpoints::SharedTgw;
    let backend_tgw = l.reach == Reach::TransitGateway;
    let shared_attachments = match (shared_tgw, existing) {
        (false, _) => 0,
        (true, false) => topo.consumer_vpcs + 1,
        (true, true) => 1,
    };
    let backend_attachments = match (backend_tgw, existing) {
        (false, _) => 0,
        (true, false) => topo.backend_accounts + 1,
        (true, true) => 1,
    };
    let attachments = shared_attachments + backend_attachments;
    if attachments > 0 {
        let c = Component::TgwAttachmentHours;
        let mut f = Formula::new(c.unit()).times(attachments, "attachment[s]");
        f.note =
            detail.then(
                || {
                    match (shared_attachments, backend_attachments, existing) {
            (_, _, true) => {
                "the Transit Gateway exists: only the VPCs this design adds are new attachments"
                    .to_owned()
            }
            (0, _, _) => format!(
                "{} backend accounts + the VPC link's VPC",
                topo.backend_accounts
            ),
            (_, 0, _) => format!(
                "{} consumer VPCs + the shared endpoint VPC",
                topo.consumer_vpcs
            ),
            _ => format!(
                "{shared_attachments} for the shared endpoint + {backend_attachments} for backends"
            ),
        }
                },
            );
        if regions > 1 {
            f = f.times(regions, "Region[s]");
        }
        f = f.times(hours, "h");
        f.quantity = Decimal::from(attachments * regions) * hours;
        bill.add(c, f)?;
    }
    if shared_tgw || backend_tgw {
        let hops = u32::from(shared_tgw) + u32::from(backend_tgw);
        let c = Component::TgwData;
        let mut f = Formula::new(c.unit())
            .times(requests, "requests")
            .times(payload_kb, "KB in and out");
        if hops > 1 {
            f = f.times(hops, "TGW hops");
        }
        f.divisor = Some(Factor {
            value: KB_PER_GB,
            label: "KB per GB",
        });
        f.quantity = requests * payload_kb * Decimal::from(hops) * GB_PER_KB;
        bill.add(c, f)?;
    }

    // On-premises connectivity (private APIs only: public APIs are reached over the internet).
    if on_prem {
        let out_gb = requests * t.on_premises_share * t.response_kb * GB_PER_KB;
        let (hours_c, data_c, what) = match topo.on_premises {
            OnPremises::DirectConnect => (
                Component::DxPortHours,
                Component::DxData,
                "dedicated 1 Gbps port[s]",
            ),
            _ => (Component::VpnHours, Component::VpnData, "VPN connection[s]"),
        };
        let mut f = Formula::new(hours_c.unit())
            .times(topo.on_premises_connections, what)
            .times(hours, "h");
        f.quantity = Decimal::from(topo.on_premises_connections) * hours;
        bill.add(hours_c, f)?;
        let mut f = Formula::new(data_c.unit())
            .times(requests, "requests")
            .times(t.on_premises_share, "on-premises share")
            .times(t.response_kb, "KB out");
        f.divisor = Some(Factor {
            value: KB_PER_GB,
            label: "KB per GB",
        });
        f.quantity = out_gb;
        bill.add(data_c, f)?;
    } else if topo.on_premises != OnPremises::None {
        bill.warn(||
            "on-premises clients reach this public API over the internet; the Direct Connect or VPN link is not priced"
                .into(),
        );
    }

    // Data out of public APIs.
    if l.api != Api::PrivateRest {
        let c = Component::DataTransferOut;
        let mut f = Formula::new(c.unit())
            .times(requests, "responses")
            .times(t.response_kb, "KB");
        f.divisor = Some(Factor {
            value: KB_PER_GB,
            label: "KB per GB",
        });
        f.quantity = requests * t.response_kb * GB_PER_KB;
        f.per_region = per_region;
        bill.add(c, f)?;
        bill.warn(||
            "this API is public: clients in VPCs reach it through a NAT or internet gateway, whose charges are not priced here"
                .into(),
        );
    }

    // Cross-AZ traffic over peering.
    if l.reach == Reach::Peering && !t.cross_az_share.is_zero() {
        let c = Component::InterAzData;
        let mut f = Formula::new(c.unit())
            .times(requests, "requests")
            .times(payload_kb, "KB")
            .times(t.cross_az_share, "cross-AZ share")
            .times(2, "directions billed");
        f.divisor = Some(Factor {
            value: KB_PER_GB,
            label: "KB per GB",
        });
        f.quantity = requests * payload_kb * t.cross_az_share * Decimal::TWO * GB_PER_KB;
        bill.add(c, f)?;
    }

    // VPC-enabled Lambda proxy.
    if l.integration == Integration::LambdaProxy {
        let c = Component::LambdaRequests;
        let mut f = Formula::new(c.unit()).times(requests, "invocations");
        f.divisor = Some(Factor {
            value: MILLION,
            label: "per million",
        });
        f.quantity = requests * PER_MILLION;
        bill.add(c, f)?;
        let c = Component::LambdaDuration;
        let gb = Decimal::from(l.lambda_memory_mb) / Decimal::from(1024);
        let secs = Decimal::from(l.lambda_duration_ms) / Decimal::from(1000);
        let mut f = Formula::new(c.unit())
            .times(requests, "invocations")
            .times(gb, "GB")
            .times(secs, "s");
        f.quantity = requests * gb * secs;
        bill.add(c, f)?;
        bill.warn(|| format!(
            "Lambda compute assumes {} MB for {} ms per call (layout.lambda_memory_mb, layout.lambda_duration_ms)",
            l.lambda_memory_mb, l.lambda_duration_ms
        ));
    }

    // Sizing.
    let seconds = hours * Decimal::from(3600);
    let average_rps = if detail {
        region_requests / seconds
    } else {
        Decimal::ZERO
    };
    let peak_rps = average_rps * t.peak_to_average;
    let vpc_links = l.vpc_links();
    let sizing = Sizing {
        average_rps,
        peak_rps,
        alb: alb_sizing,
        nlb: nlb_sizing,
        endpoints: endpoints_per_region * regions,
        endpoint_enis: endpoints_per_region * regions * l.azs,
        resolver_ips: resolver_ips * regions,
        vpc_links: vpc_links * regions,
        tgw_attachments: attachments * regions,
    };

    let mut warnings = bill.warnings;
    warnings.dedup();
    if detail {
        quota_warnings(s, l, &sizing, endpoints_per_region, &mut warnings);
    }
    let monthly_cost = bill.total;
    debug_assert!(
        !detail || monthly_cost == bill.items.iter().map(|i| i.monthly_cost).sum::<Decimal>()
    );
    Ok(Estimate {
        layout: l.clone(),
        monthly_cost,
        line_items: bill.items,
        sizing,
        warnings,
    })
}

/// Billing units of `kb` metered in `step`-KB increments (at least one).
fn ceil_units(kb: Decimal, step: Decimal) -> Decimal {
    (kb / step).ceil().max(Decimal::ONE)
}

/// Quota and whitepaper warnings beside the cost.
fn quota_warnings(
    s: &Scenario,
    l: &Layout,
    sizing: &Sizing,
    endpoints_per_region: u32,
    w: &mut Vec<String>,
) {
    let topo = &s.topology;
    let req = &s.requirements;
    if sizing.peak_rps > Decimal::from(10_000) {
        w.push(format!(
            "peak rate {} requests/s is above the account throttle quota of 10,000 requests/s per Region (adjustable): request an increase",
            crate::money::number(sizing.peak_rps, 0)
        ));
    }
    let (link_quota, kind) = if l.vpc_link_v2() && l.api == Api::Http {
        (10, "HTTP")
    } else {
        (20, "REST")
    };
    let links = l.vpc_links();
    if links > link_quota {
        w.push(format!("{links} VPC links exceed the quota of {link_quota} {kind} VPC links per account per Region"));
    }
    if l.azs < req.min_availability_zones {
        w.push(format!(
            "{} AZs is below requirements.min_availability_zones ({})",
            l.azs, req.min_availability_zones
        ));
    }
    let alb = matches!(l.integration, Integration::Alb | Integration::NlbToAlb)
        || l.facade == Facade::Alb
        || topo.backend == Backend::Alb;
    if alb && l.azs < 2 {
        w.push(format!(
            "an Application Load Balancer needs at least two AZs; this layout uses {}",
            l.azs
        ));
    }
    if l.api == Api::PrivateRest && l.private_dns {
        w.push(
            "private DNS is on for the execute-api endpoint: public (regional and edge-optimized) APIs are unreachable from those VPCs (layout.private_dns)"
                .into(),
        );
    }
    if l.api == Api::PrivateRest && topo.apis > 600 {
        w.push(format!(
            "{} private APIs exceed the fixed quota of 600 private APIs per account per Region",
            topo.apis
        ));
    }
    if l.reach == Reach::PrivateLink && endpoints_per_region > 50 {
        w.push(format!(
            "{} interface endpoints in the central VPC exceed the quota of 50 per VPC",
            topo.backend_services
        ));
    }
    if l.endpoints_per_vpc > 1 {
        w.push(format!(
            "{} execute-api endpoints per VPC: one endpoint serves every private API in the Region",
            l.endpoints_per_vpc
        ));
    }
    if l.dns == Dns::PublicName {
        w.push("clients use the endpoint's public DNS name with a Host or x-apigw-api-id header: browser CORS breaks".into());
    }
    if l.dns == Dns::Alias {
        w.push("Route 53 alias names need each endpoint associated with each API".into());
    }
    if topo.regions > 1 {
        w.push(format!("every Region is priced at {} prices", s.region));
    }
    if l.integration == Integration::CloudMap {
        w.push("Cloud Map discovery assumes one DiscoverInstances call per request".into());
    }
}
