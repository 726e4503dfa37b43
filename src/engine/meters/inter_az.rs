//! Data between Availability Zones: when the API reaches backends over VPC peering, the share of
//! traffic that crosses AZs is billed in both directions.

use rust_decimal::Decimal;

use super::Meter;
use crate::architecture::Reach;
use crate::component::Component;
use crate::engine::sheet::{Expr, Sheet};
use crate::engine::units::GB_PER_KB;
use crate::engine::{Bill, Context, EngineError};

pub struct InterAz;

impl Meter for InterAz {
    fn name(&self) -> &'static str {
        "inter_az"
    }

    fn components(&self) -> &'static [Component] {
        &[Component::InterAzData]
    }

    fn bill(&self, cx: &Context<'_>, bill: &mut Bill<'_>) -> Result<(), EngineError> {
        let share = cx.traffic().cross_az_share;
        if cx.layout.reach != Reach::Peering || share.is_zero() {
            return Ok(());
        }
        let c = Component::InterAzData;
        let f = cx
            .formula(c)
            .times(cx.requests, "requests")
            .times(cx.payload_kb, "KB")
            .times(share, "cross-AZ share")
            .times(2, "directions billed")
            .kb_to_gb()
            .billing(cx.requests * cx.payload_kb * share * Decimal::TWO * GB_PER_KB);
        bill.add(c, f)
    }

    /// A zero share is a zero row: the bill skips it, the sheet keeps it live.
    fn sheet(&self, cx: &Context<'_>, sh: &mut Sheet<'_>) -> Result<(), EngineError> {
        if cx.layout.reach != Reach::Peering {
            return Ok(());
        }
        let kb = sh.requests() * sh.payload_kb() * sh.input("traffic.cross_az_share");
        let gb = sh.gb(kb * Expr::num(2));
        sh.item(Component::InterAzData, gb)
    }
}
