//! The REST API cache: a cache of the chosen size runs every hour in every Region, priced by its
//! size (the price table lists one hourly price per cache size). `caching` required without a
//! size is priced at the smallest size, and the estimate says so.

use rust_decimal::Decimal;

use super::Meter;
use crate::component::Component;
use crate::engine::{Bill, Context, EngineError, Formula};
use crate::pricing::Rate;
use crate::scenario::DEFAULT_CACHE_GB;

pub struct Cache;

impl Meter for Cache {
    fn name(&self) -> &'static str {
        "cache"
    }

    fn components(&self) -> &'static [Component] {
        &[Component::RestCache]
    }

    fn bill(&self, cx: &Context<'_>, bill: &mut Bill<'_>) -> Result<(), EngineError> {
        let Some(gb) = cx.layout.cache_gb else {
            return Ok(());
        };
        let c = Component::RestCache;
        let price = bill.price_for_charge(c)?;
        let size_error = || EngineError::CacheSize {
            gb,
            region: cx.prices.region.clone(),
        };
        let Rate::Sizes(sizes) = &price.rate else {
            return Err(size_error());
        };
        let per_hour = sizes
            .iter()
            .find(|(size, _)| *size == gb)
            .map(|(_, p)| *p)
            .ok_or_else(size_error)?;
        let mut f = Formula::of(c)
            .times(cx.regions, "Region[s]")
            .times(cx.hours, "h")
            .billing(Decimal::from(cx.regions) * cx.hours);
        f.note = cx.detail.then(|| {
            format!(
                "{} GB cache at {} per hour",
                gb.normalize(),
                crate::money::price(per_hour)
            )
        });
        bill.charge(c, &Rate::Flat(per_hour), f)?;
        let sized = cx
            .scenario
            .layout
            .as_ref()
            .is_some_and(|l| l.cache_gb.is_some());
        if cx.scenario.requirements.needs("caching") && !sized && gb == DEFAULT_CACHE_GB {
            bill.warn(|| {
                format!(
                    "caching is required and layout.cache_gb is not set: priced at the smallest cache, {} GB",
                    gb.normalize()
                )
            });
        }
        Ok(())
    }
}
