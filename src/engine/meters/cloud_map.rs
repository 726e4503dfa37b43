//! AWS Cloud Map, for HTTP APIs whose VPC link targets a Cloud Map service: the registered
//! instances in every Region, and `traffic.discovery_calls_per_request` discovery calls per
//! request. AWS documents no per-request call count for HTTP API integrations (API Gateway may
//! cache what it discovers), so the count is an assumption, default one (the most it can be if
//! each request is resolved once), and every estimate that uses it says so.

use rust_decimal::Decimal;

use super::Meter;
use crate::architecture::Integration;
use crate::component::Component;
use crate::engine::sheet::Sheet;
use crate::engine::units::PER_MILLION;
use crate::engine::{Bill, Context, EngineError};

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
        let f = cx
            .formula(c)
            .times(instances, "registered instance[s]")
            .times_if(cx.regions > 1, cx.regions, "Region[s]")
            .billing(Decimal::from(instances * cx.regions));
        bill.add(c, f)?;
        let per_request = cx.traffic().discovery_calls_per_request;
        // The scenario's own figure is no assumption; the default is, and is said to be.
        let assumed = !cx.scenario.gives("traffic.discovery_calls_per_request");
        let c = Component::CloudMapQueries;
        let calls = if assumed {
            "discovery call[s] per request (assumed)"
        } else {
            "discovery call[s] per request"
        };
        let f = cx
            .formula(c)
            .times(cx.requests, "requests")
            .times(per_request, calls)
            .per_million()
            .billing(cx.requests * per_request * PER_MILLION);
        bill.add(c, f)?;
        if assumed {
            bill.warn(|| {
                format!(
                    "Cloud Map discovery calls are an assumption: {} DiscoverInstances {} per request, the default of traffic.discovery_calls_per_request (AWS documents no figure): set it to your own",
                    crate::money::number(per_request, 6),
                    crate::money::label("call[s]", per_request == Decimal::ONE),
                )
            });
        }
        Ok(())
    }

    fn sheet(&self, cx: &Context<'_>, sh: &mut Sheet<'_>) -> Result<(), EngineError> {
        if cx.layout.integration != Integration::CloudMap {
            return Ok(());
        }
        let instances = sh.input("topology.backend_instances") * sh.regions();
        sh.item(Component::CloudMapResources, instances)?;
        let per_request = sh.input("traffic.discovery_calls_per_request");
        let calls = sh.millions(sh.requests() * per_request);
        sh.item(Component::CloudMapQueries, calls)
    }
}
