//! Data transfer out to the internet: the responses of public APIs (HTTP, WebSocket), tiered per
//! active Region. Private APIs answer inside the VPC and have no such charge.

use super::Meter;
use crate::architecture::Api;
use crate::component::Component;
use crate::engine::sheet::Sheet;
use crate::engine::units::GB_PER_KB;
use crate::engine::{Bill, Context, EngineError, Formula};

pub struct DataTransferOut;

impl Meter for DataTransferOut {
    fn name(&self) -> &'static str {
        "data_transfer_out"
    }

    fn components(&self) -> &'static [Component] {
        &[Component::DataTransferOut]
    }

    fn bill(&self, cx: &Context<'_>, bill: &mut Bill<'_>) -> Result<(), EngineError> {
        if cx.layout.api == Api::PrivateRest {
            return Ok(());
        }
        let response_kb = cx.traffic().response_kb;
        let c = Component::DataTransferOut;
        let f = Formula::of(c)
            .times(cx.requests, "responses")
            .times(response_kb, "KB")
            .kb_to_gb()
            .billing(cx.requests * response_kb * GB_PER_KB)
            .tiered_per_region(cx.per_region);
        bill.add(c, f)?;
        bill.warn(|| {
            "this API is public: clients in VPCs reach it through a NAT or internet gateway, whose charges are not priced here"
                .into()
        });
        Ok(())
    }

    fn sheet(&self, cx: &Context<'_>, sh: &mut Sheet<'_>) -> Result<(), EngineError> {
        if cx.layout.api == Api::PrivateRest {
            return Ok(());
        }
        let gb = sh.gb(sh.requests() * sh.input("traffic.response_kb"));
        sh.item_tiered(Component::DataTransferOut, gb, true)
    }
}
