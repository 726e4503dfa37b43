//! AWS Cloud Map, for HTTP APIs whose VPC link targets a Cloud Map service: the registered
//! instances in every Region, and one discovery call per request.

use rust_decimal::Decimal;

use super::Meter;
use crate::architecture::Integration;
use crate::component::Component;
use crate::engine::sheet::Sheet;
use crate::engine::units::PER_MILLION;
use crate::engine::{Bill, Context, EngineError, Formula};

pub struct CloudMap;

impl Meter for CloudMap {
    fn name(&self) -> &'static str {
        "cloud_map"
    }

    fn components(&self) -> &'static [Component] {
        &[Component::CloudMapResources, Component::CloudMapQueries]
    }

    fn bill(&self, cx: &Context<'_>, bill: &mut Bill<'_>) -> Result<(), EngineError> {
        if cx.layout.integration != Integration::CloudMap {
            return Ok(());
        }
        let instances = cx.topology().backend_instances;
        let c = Component::CloudMapResources;
        let f = Formula::of(c)
            .times(instances, "registered instance[s]")
            .times_if(cx.regions > 1, cx.regions, "Region[s]")
            .billing(Decimal::from(instances * cx.regions));
        bill.add(c, f)?;
        let c = Component::CloudMapQueries;
        let f = Formula::of(c)
            .times(cx.requests, "discovery calls (one per request)")
            .per_million()
            .billing(cx.requests * PER_MILLION);
        bill.add(c, f)
    }

    fn sheet(&self, cx: &Context<'_>, sh: &mut Sheet<'_>) -> Result<(), EngineError> {
        if cx.layout.integration != Integration::CloudMap {
            return Ok(());
        }
        let instances = sh.input("topology.backend_instances") * sh.regions();
        sh.item(Component::CloudMapResources, instances)?;
        let calls = sh.millions(sh.requests());
        sh.item(Component::CloudMapQueries, calls)
    }
}
