//! The REST API cache: a cache of the chosen size runs every hour in every Region, priced by its
//! size (the price table lists one hourly price per cache size). `caching` required without a
//! size is priced at the smallest size, and the estimate says so.

use rust_decimal::Decimal;

use super::Meter;
use crate::component::Component;
use crate::engine::sheet::{CACHE_PRICES, CACHE_SIZES, Expr, Sheet};
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

    /// A REST API's cache is live in the workbook: a blank `layout_cache_gb` is no cache, a size
    /// is looked up in the Prices sheet's size list.
    fn sheet(&self, cx: &Context<'_>, sh: &mut Sheet<'_>) -> Result<(), EngineError> {
        if !cx.layout.api.is_rest() {
            return Ok(());
        }
        let c = Component::RestCache;
        let region = || cx.prices.region.clone();
        let gb = sh.input("layout.cache_gb");
        let sizes = match cx.prices.get(c).map(|p| &p.rate) {
            Some(Rate::Sizes(sizes)) => sizes,
            _ => {
                return match cx.layout.cache_gb {
                    Some(gb) => Err(EngineError::CacheSize {
                        gb,
                        region: region(),
                    }),
                    None => {
                        let why = format!("no REST cache price in {}", region());
                        sh.check(format!("ISBLANK({})", gb.formula), true, why);
                        Ok(())
                    }
                };
            }
        };
        let per_hour = match cx.layout.cache_gb {
            Some(g) => match sizes.iter().find(|(size, _)| *size == g) {
                Some((_, p)) => *p,
                None => {
                    return Err(EngineError::CacheSize {
                        gb: g,
                        region: region(),
                    });
                }
            },
            None => Decimal::ZERO,
        };
        let blank = cx.layout.cache_gb.is_none();
        let lookup = format!(
            "INDEX({CACHE_PRICES},MATCH({},{CACHE_SIZES},0))",
            gb.formula
        );
        let lookup = Expr::name(lookup, "the hourly price of that size (Prices)", per_hour);
        let price = Expr::unless_blank(&gb, blank, lookup);
        let q = Expr::unless_blank(&gb, blank, sh.regions() * sh.hours());
        sh.item_at(c, q, price);
        Ok(())
    }
}
