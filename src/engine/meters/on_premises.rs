//! The on-premises link of a private API: Direct Connect port hours or Site-to-Site VPN
//! connection hours, and the responses sent out over it. Public APIs are reached over the
//! internet, so their on-premises link is not priced (and the estimate says so).

use super::Meter;
use crate::component::Component;
use crate::engine::sheet::Sheet;
use crate::engine::units::GB_PER_KB;
use crate::engine::{Bill, Context, EngineError};
use crate::scenario::OnPremises as Link;
use rust_decimal::Decimal;

pub struct OnPremises;

impl Meter for OnPremises {
    fn name(&self) -> &'static str {
        "on_premises"
    }

    fn components(&self) -> &'static [Component] {
        &[
            Component::VpnHours,
            Component::VpnData,
            Component::DxPortHours,
            Component::DxData,
        ]
    }

    fn bill(&self, cx: &Context<'_>, bill: &mut Bill<'_>) -> Result<(), EngineError> {
        let link = cx.topology().on_premises;
        if link == Link::None {
            return Ok(());
        }
        if cx.layout.api.is_public() {
            bill.warn(|| {
                "on-premises clients reach this public API over the internet; the Direct Connect or VPN link is not priced"
                    .into()
            });
            return Ok(());
        }
        let (hours_c, data_c, what) = match link {
            Link::DirectConnect => (
                Component::DxPortHours,
                Component::DxData,
                "dedicated 1 Gbps port[s]",
            ),
            _ => (Component::VpnHours, Component::VpnData, "VPN connection[s]"),
        };
        let connections = cx.topology().on_premises_connections;
        let f = cx
            .formula(hours_c)
            .times(connections, what)
            .times(cx.hours, "h")
            .billing(Decimal::from(connections) * cx.hours);
        bill.add(hours_c, f)?;
        let t = cx.traffic();
        let f = cx
            .formula(data_c)
            .times(cx.requests, "requests")
            .times(t.on_premises_share, "on-premises share")
            .times(t.response_kb, "KB out")
            .kb_to_gb();
        let gb = cx.requests * t.on_premises_share * t.response_kb * GB_PER_KB;
        // VPN data is priced as data transfer out, and takes its always-free allowance.
        bill.add(data_c, cx.less_free(f, data_c, gb))
    }

    fn sheet(&self, cx: &Context<'_>, sh: &mut Sheet<'_>) -> Result<(), EngineError> {
        let link = cx.topology().on_premises;
        if link == Link::None || cx.layout.api.is_public() {
            return Ok(());
        }
        let (hours_c, data_c) = match link {
            Link::DirectConnect => (Component::DxPortHours, Component::DxData),
            _ => (Component::VpnHours, Component::VpnData),
        };
        let connections = sh.input("topology.on_premises_connections");
        sh.item(hours_c, connections * sh.hours())?;
        let share = sh.input("traffic.on_premises_share");
        let kb = sh.requests() * share * sh.input("traffic.response_kb");
        let q = sh.less_free(data_c, sh.gb(kb));
        sh.item(data_c, q)
    }
}
