//! AWS Transit Gateway: attachments of the VPCs a design connects (consumer VPCs to a shared
//! endpoint VPC, backend accounts to the VPC link's VPC), paid per hour in every Region, and the
//! data processed per hop. With an existing Transit Gateway only the VPCs the design adds are new
//! attachments; data processing is always charged.

use rust_decimal::Decimal;

use super::Meter;
use crate::architecture::{Endpoints, Reach};
use crate::component::Component;
use crate::engine::sheet::{Expr, Sheet};
use crate::engine::units::GB_PER_KB;
use crate::engine::{Bill, Context, EngineError};

pub struct TransitGateway;

impl Meter for TransitGateway {
    fn name(&self) -> &'static str {
        "transit_gateway"
    }

    fn components(&self) -> &'static [Component] {
        &[Component::TgwAttachmentHours, Component::TgwData]
    }

    fn bill(&self, cx: &Context<'_>, bill: &mut Bill<'_>) -> Result<(), EngineError> {
        let shared = cx.layout.endpoints == Endpoints::SharedTgw;
        let backend = cx.layout.reach == Reach::TransitGateway;
        attachments(cx, bill, shared, backend)?;
        if !(shared || backend) {
            return Ok(());
        }
        let hops = u32::from(shared) + u32::from(backend);
        let c = Component::TgwData;
        let f = cx
            .formula(c)
            .times(cx.requests, "requests")
            .times(cx.payload_kb, "KB in and out")
            .times_if(hops > 1, hops, "TGW hops")
            .kb_to_gb()
            .billing(cx.requests * cx.payload_kb * Decimal::from(hops) * GB_PER_KB);
        bill.add(c, f)
    }

    fn sheet(&self, cx: &Context<'_>, sh: &mut Sheet<'_>) -> Result<(), EngineError> {
        let shared = cx.layout.endpoints == Endpoints::SharedTgw;
        let backend = cx.layout.reach == Reach::TransitGateway;
        let existing = cx.topology().existing_transit_gateway;
        // The VPCs a side attaches plus its hub VPC; one attachment when the gateway exists.
        let new = |sh: &Sheet<'_>, vpcs: &str| match existing {
            false => sh.input(vpcs) + Expr::num(1),
            true => Expr::num(1),
        };
        let attachments = match (shared, backend) {
            (false, false) => return Ok(()),
            (true, false) => new(sh, "topology.consumer_vpcs"),
            (false, true) => new(sh, "topology.backend_accounts"),
            (true, true) => {
                new(sh, "topology.consumer_vpcs") + new(sh, "topology.backend_accounts")
            }
        };
        sh.hourly_item(Component::TgwAttachmentHours, attachments)?;
        let mut kb = sh.requests() * sh.payload_kb();
        if shared && backend {
            kb = kb * Expr::num(2);
        }
        let gb = sh.gb(kb);
        sh.item(Component::TgwData, gb)
    }
}

/// Attachments for the shared endpoint (consumer VPCs + the endpoint VPC) and for backends
/// (backend accounts + the VPC link's VPC); one each when the Transit Gateway exists.
fn attachments(
    cx: &Context<'_>,
    bill: &mut Bill<'_>,
    shared: bool,
    backend: bool,
) -> Result<(), EngineError> {
    let topo = cx.topology();
    let existing = topo.existing_transit_gateway;
    let new = |used: bool, vpcs: u32| match (used, existing) {
        (false, _) => 0,
        (true, false) => vpcs + 1,
        (true, true) => 1,
    };
    let shared = new(shared, topo.consumer_vpcs);
    let backend = new(backend, topo.backend_accounts);
    let attachments = shared + backend;
    bill.sizing.tgw_attachments = attachments * cx.regions;
    if attachments == 0 {
        return Ok(());
    }
    let c = Component::TgwAttachmentHours;
    let mut f = cx.hourly(c, attachments, "attachment[s]");
    f = f.noted(cx.detail.then(|| {
        match (shared, backend, existing) {
            (_, _, true) => {
                "the Transit Gateway exists: only the VPCs this design adds are new attachments"
                    .to_owned()
            }
            (0, _, _) => format!(
                "{} + the VPC link's VPC",
                crate::money::count(topo.backend_accounts, "backend account[s]")
            ),
            (_, 0, _) => format!(
                "{} + the shared endpoint VPC",
                crate::money::count(topo.consumer_vpcs, "consumer VPC[s]")
            ),
            _ => format!("{shared} for the shared endpoint + {backend} for backends"),
        }
    }));
    bill.add(c, f)
}
