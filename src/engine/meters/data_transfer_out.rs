//! Data transfer out to the internet: the responses of public APIs (regional REST, HTTP,
//! WebSocket), tiered per active Region, less the always-free 100 GB with `--always-free`.
//! Private APIs answer inside the VPC and have no such charge.

use super::Meter;
use crate::component::Component;
use crate::engine::sheet::Sheet;
use crate::engine::units::GB_PER_KB;
use crate::engine::{Bill, Context, EngineError};

pub struct DataTransferOut;

impl Meter for DataTransferOut {
    fn name(&self) -> &'static str {
        "data_transfer_out"
    }

    fn components(&self) -> &'static [Component] {
        &[Component::DataTransferOut]
    }

    fn bill(&self, cx: &Context<'_>, bill: &mut Bill<'_>) -> Result<(), EngineError> {
        if !cx.layout.api.is_public() {
            return Ok(());
        }
        let response_kb = cx.traffic().response_kb;
        let c = Component::DataTransferOut;
        let f = cx
            .formula(c)
            .times(cx.requests, "responses")
            .times(response_kb, "KB")
            .kb_to_gb()
            .tiered_per_region(cx.per_region);
        bill.add(c, cx.less_free(f, c, cx.requests * response_kb * GB_PER_KB))
    }

    fn sheet(&self, cx: &Context<'_>, sh: &mut Sheet<'_>) -> Result<(), EngineError> {
        if !cx.layout.api.is_public() {
            return Ok(());
        }
        let c = Component::DataTransferOut;
        let gb = sh.gb(sh.requests() * sh.input("traffic.response_kb"));
        let q = sh.less_free(c, gb);
        sh.item_tiered(c, q, true)
    }
}
