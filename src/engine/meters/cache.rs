//! The REST API cache: a cache of the chosen size runs every hour in every Region, priced by its
//! size (the price table lists one hourly price per cache size). `caching` required without a
//! size is priced at the smallest size, and the estimate says so.

use rust_decimal::Decimal;

use super::Meter;
use crate::component::Component;
use crate::engine::sheet::{CACHE_PRICES, CACHE_SIZES, Expr, Sheet};
use crate::engine::{Bill, Context, EngineError};
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
        let per_hour = hourly_price(cx, Some(&bill.price_for_charge(c)?.rate), gb)?;
        let mut f = cx
            .formula(c)
            .times(cx.regions, "Region[s]")
            .times(cx.hours, "h")
            .billing(Decimal::from(cx.regions) * cx.hours);
        f = f.noted(cx.detail.then(|| {
            format!(
                "{} GB cache at {} per hour",
                gb.normalize(),
                crate::money::price(per_hour)
            )
        }));
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
        let gb = sh.input("layout.cache_gb");
        let rate = cx.prices.get(c).map(|p| &p.rate);
        let per_hour = match cx.layout.cache_gb {
            Some(g) => hourly_price(cx, rate, g)?,
            None if matches!(rate, Some(Rate::Sizes(_))) => Decimal::ZERO,
            None => {
                let why = format!("no REST cache price in {}", cx.prices.region);
                sh.check(format!("ISBLANK({})", gb.formula), true, why);
                return Ok(());
            }
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

/// The hourly price of a `gb` cache in the table's list of sizes (`rate`), or the error naming
/// the size and the Region when the table lists no such size.
fn hourly_price(
    cx: &Context<'_>,
    rate: Option<&Rate>,
    gb: Decimal,
) -> Result<Decimal, EngineError> {
    let sizes = match rate {
        Some(Rate::Sizes(sizes)) => sizes.as_slice(),
        _ => &[],
    };
    sizes
        .iter()
        .find(|(size, _)| *size == gb)
        .map(|(_, p)| *p)
        .ok_or_else(|| EngineError::CacheSize {
            gb,
            region: cx.prices.region.clone(),
        })
}
