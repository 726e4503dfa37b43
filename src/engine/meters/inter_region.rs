//! Data between Regions: the requests of clients in another Region than the API that serves them
//! (`traffic.cross_region_share`, e.g. VPC clients of the passive Region of an active-passive
//! pair reaching the active one over inter-Region peering). AWS charges inter-Region transfer
//! where the bytes leave: requests out of the client's Region, responses out of the API's, so
//! both directions are billed once each, at the scenario Region's price.

use super::Meter;
use crate::component::Component;
use crate::engine::sheet::Sheet;
use crate::engine::units::GB_PER_KB;
use crate::engine::{Bill, Context, EngineError};

pub struct InterRegion;

impl Meter for InterRegion {
    fn name(&self) -> &'static str {
        "inter_region"
    }

    fn components(&self) -> &'static [Component] {
        &[Component::InterRegionData]
    }

    fn bill(&self, cx: &Context<'_>, bill: &mut Bill<'_>) -> Result<(), EngineError> {
        let share = cx.traffic().cross_region_share;
        if share.is_zero() {
            return Ok(());
        }
        let c = Component::InterRegionData;
        let f = cx
            .formula(c)
            .times(cx.requests, "requests")
            .times(share, "cross-Region share")
            .times(cx.payload_kb, "KB in and out")
            .kb_to_gb()
            .billing(cx.requests * share * cx.payload_kb * GB_PER_KB);
        bill.add(c, f)
    }

    /// Every layout can have clients in another Region: a zero share is a zero row.
    fn sheet(&self, _: &Context<'_>, sh: &mut Sheet<'_>) -> Result<(), EngineError> {
        let share = sh.input("traffic.cross_region_share");
        let kb = sh.requests() * share * sh.payload_kb();
        let gb = sh.gb(kb);
        sh.item(Component::InterRegionData, gb)
    }
}
