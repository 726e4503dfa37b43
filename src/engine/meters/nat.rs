//! NAT gateways for the VPC clients of a public API (regional REST, HTTP, WebSocket): clients
//! inside the consumer VPCs reach a public endpoint through a NAT gateway, which a private API's
//! interface endpoint avoids. The rule: one NAT gateway per AZ in each consumer VPC (AWS's advice
//! for zone-independent egress), in every Region, paid by the hour unless
//! `topology.existing_nat_gateways` says the VPCs already have them; and the request and response
//! bytes of the VPC clients' share (`traffic.vpc_client_share`, default `1 − on_premises_share`)
//! processed per GB, in binary GB as AWS bills data.

use rust_decimal::Decimal;

use super::Meter;
use crate::component::Component;
use crate::engine::sheet::{Expr, Sheet};
use crate::engine::units::GB_PER_KB;
use crate::engine::{Bill, Context, EngineError, Formula};

pub struct Nat;

impl Meter for Nat {
    fn name(&self) -> &'static str {
        "nat"
    }

    fn components(&self) -> &'static [Component] {
        &[Component::NatGatewayHours, Component::NatGatewayData]
    }

    fn bill(&self, cx: &Context<'_>, bill: &mut Bill<'_>) -> Result<(), EngineError> {
        let share = cx.traffic().vpc_client_share();
        if !cx.layout.api.is_public() || share.is_zero() {
            return Ok(());
        }
        if !cx.topology().existing_nat_gateways {
            bill.add(Component::NatGatewayHours, hours(cx))?;
        }
        let c = Component::NatGatewayData;
        let mut f = cx
            .formula(c)
            .times(cx.requests, "requests")
            .times(share, "VPC-client share")
            .times(cx.payload_kb, "KB in and out")
            .kb_to_gb()
            .billing(cx.requests * share * cx.payload_kb * GB_PER_KB);
        if cx.detail && cx.topology().existing_nat_gateways {
            f = f.noted(Some(
                "the NAT gateways exist (topology.existing_nat_gateways): data only".into(),
            ));
        }
        bill.add(c, f)?;
        if cx.traffic().vpc_client_share.is_none() {
            bill.warn(|| {
                format!(
                    "NAT gateways are priced for clients in the consumer VPCs: traffic.vpc_client_share defaults to 1 − on_premises_share = {}; set it to 0 if the clients are on the internet",
                    crate::money::number(share, 6)
                )
            });
        }
        Ok(())
    }

    /// The VPC clients' share stays live: at zero the meter charges nothing, gateways included.
    fn sheet(&self, cx: &Context<'_>, sh: &mut Sheet<'_>) -> Result<(), EngineError> {
        if !cx.layout.api.is_public() {
            return Ok(());
        }
        let not_on_premises = Expr::num(1) - sh.input("traffic.on_premises_share");
        let given = sh.input_or("traffic.vpc_client_share", not_on_premises.clone());
        let share = Expr::min(&given, &not_on_premises);
        let share = sh.figure("share of requests from VPC clients", "share", share);
        if !cx.topology().existing_nat_gateways {
            let gateways =
                sh.input("topology.consumer_vpcs") * sh.input("topology.availability_zones");
            let hours = Expr::if_zero(&share, Expr::num(0), sh.hourly(gateways));
            sh.item(Component::NatGatewayHours, hours)?;
        }
        let kb = sh.requests() * share * sh.payload_kb();
        let gb = sh.gb(kb);
        sh.item(Component::NatGatewayData, gb)
    }
}

/// One gateway per AZ in each consumer VPC, in every Region, every hour.
fn hours(cx: &Context<'_>) -> Formula {
    let vpcs = cx.topology().consumer_vpcs;
    let azs = cx.layout.azs;
    let gateways = Decimal::from(vpcs) * Decimal::from(azs) * Decimal::from(cx.regions);
    let mut f = cx
        .formula(Component::NatGatewayHours)
        .times(vpcs, "consumer VPC[s]")
        .times(azs, "AZ[s]")
        .times_if(cx.regions > 1, cx.regions, "Region[s]")
        .times(cx.hours, "h")
        .billing(gateways * cx.hours);
    f = f.noted(
        cx.detail
            .then(|| "one NAT gateway per AZ in each consumer VPC".to_owned()),
    );
    f
}
