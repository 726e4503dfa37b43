//! The `[topology]` section: the estate a design has to fit (AZs, VPCs, accounts, backends,
//! on-premises links, Regions). Read first, because other sections' defaults and checks depend
//! on it.

use toml::de::DeTable;

use super::reader::{Ctx, Table};

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
    /// The consumer VPCs already pay for NAT gateways: a public API's VPC clients add only NAT
    /// data processing to the design.
    pub existing_nat_gateways: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Ecs,
    Ec2,
    Lambda,
    Alb,
}

impl Backend {
    /// Every backend, in the order messages list them.
    const ALL: [Backend; 4] = [Backend::Ecs, Backend::Ec2, Backend::Lambda, Backend::Alb];

    /// The backend's name in scenario files.
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

impl OnPremises {
    /// Every option, in the order messages list them.
    const ALL: [OnPremises; 3] = [OnPremises::None, OnPremises::DirectConnect, OnPremises::Vpn];

    /// The option's name in scenario files.
    pub fn as_str(self) -> &'static str {
        match self {
            OnPremises::None => "none",
            OnPremises::DirectConnect => "direct-connect",
            OnPremises::Vpn => "vpn",
        }
    }
}

/// The keys of `[topology]`.
pub(super) const KEYS: &[&str] = &[
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
    "existing_nat_gateways",
];

pub(super) fn read(ctx: &mut Ctx<'_>, table: &DeTable<'_>) -> Topology {
    let mut t = Table::new(table, "topology", "[topology]", super::SECTIONS);
    let availability_zones = t.input_count(ctx, "availability_zones", 2);
    let consumer_vpcs = t.input_count(ctx, "consumer_vpcs", 1);
    let consumer_accounts = t.input_count(ctx, "consumer_accounts", 1);
    let apis = t.input_count(ctx, "apis", 1);
    let backend_services = t.input_count(ctx, "backend_services", 1);
    let backend_accounts = t.input_count(ctx, "backend_accounts", 1);
    let per_service_per_az = backend_services * availability_zones;
    let topology = Topology {
        availability_zones,
        consumer_vpcs,
        consumer_accounts,
        apis,
        backend_services,
        backend_accounts,
        backend_instances: t.input_count(ctx, "backend_instances", per_service_per_az),
        backend: t.choice(
            ctx,
            "backend",
            &Backend::ALL.map(|b| (b.as_str(), b)),
            Backend::Ecs,
        ),
        overlapping_cidrs: t.boolean(ctx, "overlapping_cidrs", false),
        on_premises: t.choice(
            ctx,
            "on_premises",
            &OnPremises::ALL.map(|o| (o.as_str(), o)),
            OnPremises::None,
        ),
        on_premises_connections: t.input_count(ctx, "on_premises_connections", 1),
        regions: t.input_count(ctx, "regions", 1),
        existing_transit_gateway: t.boolean(ctx, "existing_transit_gateway", false),
        existing_nat_gateways: t.boolean(ctx, "existing_nat_gateways", false),
    };
    let consumer_accounts_at = t.span_of("consumer_accounts");
    t.finish(ctx);
    if consumer_accounts > consumer_vpcs {
        ctx.error(
            consumer_accounts_at.unwrap_or(0..0),
            format!("`consumer_accounts` ({consumer_accounts}) is more than `consumer_vpcs` ({consumer_vpcs})"),
            Some("every consumer account calls from at least one VPC: raise `consumer_vpcs`".into()),
        );
    }
    topology
}
