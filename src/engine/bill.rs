//! The bill the meters write into: it prices each quantity against the price table, keeps the
//! running total, and (unless the estimate is lean) the line items, warnings and sizing facts.
//! The one place where a quantity meets a price, so tiers, per-Region tiering and missing or
//! unverified prices are handled alike for every meter.

use rust_decimal::Decimal;

use super::{
    EngineError, Estimate, LineItem, Sizing, charges::Charges, context::Context, formula::Formula,
};
use crate::component::Component;
use crate::money::round_places;
use crate::pricing::{Price, PriceTable, Rate, TierUse};

/// Accumulates one estimate's line items against one price table.
pub struct Bill<'p> {
    prices: &'p PriceTable,
    detail: bool,
    /// Lean charges remembered from earlier estimates at the same prices (a sweep's).
    charges: Option<&'p Charges<'p>>,
    /// Each charge's cost, in order (line items are kept only in detail): the total is their
    /// sum, made exact by [`exact_places`].
    costs: Vec<Decimal>,
    items: Vec<LineItem>,
    warnings: Vec<String>,
    /// Sizing facts: the core fills the request rates and VPC links, each meter its own parts.
    pub sizing: Sizing,
}

impl<'p> Bill<'p> {
    pub(super) fn new(cx: &Context<'p>) -> Self {
        Bill {
            prices: cx.prices,
            detail: cx.detail,
            charges: cx
                .memo
                .and_then(|m| m.charges)
                .filter(|c| !cx.detail && c.prices(cx.prices)),
            costs: Vec::with_capacity(16),
            items: if cx.detail {
                Vec::with_capacity(16)
            } else {
                Vec::new()
            },
            warnings: Vec::new(),
            sizing: Sizing {
                average_rps: cx.average_rps,
                // Zero in lean mode, as the average is: no need to multiply.
                peak_rps: if cx.detail {
                    cx.average_rps * cx.traffic().peak_to_average
                } else {
                    Decimal::ZERO
                },
                vpc_links: cx.layout.vpc_links() * cx.regions,
                ..Sizing::default()
            },
        }
    }

    /// Records a warning (built only when the estimate is wanted in detail).
    pub fn warn(&mut self, text: impl FnOnce() -> String) {
        if self.detail {
            self.warnings.push(text());
        }
    }

    /// The price of `component`, or the error naming it and the Region.
    pub fn price(&self, component: Component) -> Result<&'p Price, EngineError> {
        self.prices
            .get(component)
            .ok_or_else(|| EngineError::MissingPrice {
                component,
                region: self.prices.region.clone(),
            })
    }

    /// The price of `component` for a charge: as [`Bill::price`], and a warning when the table
    /// marks it unverified. Every charge's price is looked up here, so no meter can forget it.
    pub fn price_for_charge(&mut self, component: Component) -> Result<&'p Price, EngineError> {
        let price = self.price(component)?;
        if price.unverified {
            let region = &self.prices.region;
            self.warn(|| {
                format!(
                    "the {} price of `{}` is unverified (no source confirms it)",
                    region,
                    component.price_item().id()
                )
            });
        }
        Ok(price)
    }

    /// Prices `formula.quantity` of `component` at the table's price (tiered per active Region
    /// when `formula.per_region` says so). A zero quantity is no line item and needs no price,
    /// unless a free allowance took it to zero: that is a $0 line whose formula says so.
    #[inline(always)]
    pub fn add(&mut self, component: Component, formula: Formula) -> Result<(), EngineError> {
        if formula.quantity.is_zero() && formula.free.is_none() {
            return Ok(());
        }
        let (quantity, per_region) = (formula.quantity, formula.per_region);
        if let Some(cost) = self
            .charges
            .and_then(|c| c.get(component, quantity, per_region))
        {
            self.costs.push(cost);
            return Ok(());
        }
        let price = match self.price_for_charge(component) {
            Ok(price) => price,
            // All of it free: a missing price changes nothing.
            Err(_) if formula.quantity.is_zero() => return Ok(()),
            Err(e) => return Err(e),
        };
        if !self.detail {
            // By reference: a lean estimate needs the quantity only, not a copy of the formula.
            self.charge_lean(component, &price.rate, &formula)?;
            if let (Some(c), Some(cost)) = (self.charges, self.costs.last()) {
                c.put(component, quantity, per_region, *cost);
            }
            return Ok(());
        }
        self.charge(component, &price.rate, formula)
    }

    /// `usage` of `component` lies beyond the last tier of its price, which ends at `limit`.
    fn beyond(&self, component: Component, limit: Decimal, usage: Decimal) -> EngineError {
        EngineError::BeyondTiers {
            component,
            region: self.prices.region.clone(),
            limit,
            usage,
        }
    }

    /// [`Bill::charge`] of a lean estimate: the same cost, without the tier split no one will
    /// read.
    fn charge_lean(
        &mut self,
        component: Component,
        rate: &Rate,
        formula: &Formula,
    ) -> Result<(), EngineError> {
        let (regions, usage) = tiered_usage(formula);
        let (cost, one) = rate
            .cost(usage)
            .map_err(|limit| self.beyond(component, limit, usage))?;
        self.costs.push(match (formula.per_region, one) {
            (None, _) => cost,
            (Some(_), Some(price)) => formula.quantity * price,
            (Some(_), None) => cost * regions,
        });
        Ok(())
    }

    /// Prices `formula.quantity` of `component` at `rate`, which the meter chose itself from
    /// [`Bill::price_for_charge`] (the REST cache's price for its size).
    pub fn charge(
        &mut self,
        component: Component,
        rate: &Rate,
        mut formula: Formula,
    ) -> Result<(), EngineError> {
        if formula.quantity.is_zero() && formula.free.is_none() {
            return Ok(());
        }
        if !self.detail {
            return self.charge_lean(component, rate, &formula);
        }
        let (regions, usage) = tiered_usage(&formula);
        let mut charged = rate
            .charge(usage)
            .map_err(|limit| self.beyond(component, limit, usage))?;
        // All of it free: the line shows the price the first unit past the allowance pays.
        if let (Rate::Tiered(tiers), 0) = (rate, charged.len) {
            charged.uses[0] = TierUse {
                quantity: Decimal::ZERO,
                price: tiers.first().map_or(Decimal::ZERO, |t| t.price),
            };
            charged.len = 1;
        }
        // Within one tier the cost is the quantity × its price, worked out from the whole
        // quantity so that splitting it over Regions leaves no rounding residue.
        let cost = match (formula.per_region, charged.uses()) {
            (Some(_), [one]) => formula.quantity * one.price,
            _ => charged.cost * regions,
        };
        self.costs.push(cost);
        let unit_price = match charged.uses() {
            [one] => Some(one.price),
            _ => None,
        };
        formula.tiers = Some(Box::new(charged));
        self.items.push(LineItem {
            component,
            quantity: formula.quantity,
            unit_price,
            monthly_cost: cost,
            formula,
        });
        Ok(())
    }

    /// The total: all a lean estimate wants, the same exact sum a detailed one shows.
    pub(super) fn total(&self) -> Decimal {
        if let Some(total) = small_sum(&self.costs) {
            return total;
        }
        let places = exact_places(&self.costs);
        self.costs.iter().map(|c| round_places(*c, places)).sum()
    }

    /// The estimate: the meters' line items, then the quota and whitepaper warnings.
    pub(super) fn finish(self, cx: &Context<'_>) -> Estimate {
        let total = self.total();
        let mut warnings = self.warnings;
        warnings.dedup();
        if self.detail {
            super::quotas::warn(cx, &self.sizing, &mut warnings);
        }
        let mut items = self.items;
        let places = exact_places(&self.costs);
        for i in &mut items {
            i.monthly_cost = round_places(i.monthly_cost, places);
        }
        Estimate {
            layout: cx.layout.clone(),
            monthly_cost: total,
            line_items: items,
            sizing: self.sizing,
            warnings,
        }
    }
}

/// The decimal places each cost is kept to, so that the total is exactly the sum of the line
/// items as shown, in full (lean) estimates alike. A decimal holds 28 digits, so a running sum of
/// items with many decimals rounds (in the 28th digit: 2,252 of 9,568 fuzzed estimates); with
/// every cost rounded (half away from zero) to 20 places (fewer only past $10^7 a month,
/// where the sum's 27 digits need them), the sum needs no rounding.
fn exact_places(costs: &[Decimal]) -> u32 {
    let bound: Decimal = costs.iter().map(|c| c.abs()).sum();
    if bound < Decimal::from(10_000_000) {
        return PLACES; // the usual case, without formatting a number
    }
    let int_digits = bound.trunc().to_string().len() as u32;
    27u32.saturating_sub(int_digits).min(PLACES)
}

/// The Regions `formula`'s quantity is tiered in (each active Region on its own when
/// `per_region` says so, else one), and the usage priced against the tiers in each.
fn tiered_usage(formula: &Formula) -> (Decimal, Decimal) {
    match formula.per_region {
        Some(n) => {
            let regions = Decimal::from(n);
            (regions, formula.quantity / regions)
        }
        None => (Decimal::ONE, formula.quantity),
    }
}

/// The total of the usual estimate, whose every cost is below $10^7 divided by their number (so
/// their sum is below $10^7 and each is kept to [`PLACES`] places, as [`exact_places`] says):
/// the costs to 20 places added as whole numbers of the last place of the largest scale among
/// them (10^-20 at most), and made a decimal once. The very value and scale that adding them as
/// decimals gives (no partial sum needs rounding below $10^7), without rescaling at every
/// addition: a sweep adds a dozen costs for each of several layouts at each of a million steps.
/// `None` otherwise.
fn small_sum(costs: &[Decimal]) -> Option<Decimal> {
    use crate::money::POW10;
    let n = costs.len() as i128;
    // The scale of the sum: the largest among the costs kept to PLACES places.
    let mut scale = 0;
    for c in costs {
        // |c| × n < 10^7, in whole numbers of c's last place (at most 10^35: fits an i128).
        if c.mantissa().abs() * n >= POW10[(7 + c.scale()) as usize] {
            return None;
        }
        scale = scale.max(c.scale().min(PLACES));
    }
    // Each in whole numbers of 10^-scale: no division, and no sum past 10^(7 + scale).
    let mut sum: i128 = 0;
    for c in costs {
        let c = round_places(*c, PLACES);
        sum += c.mantissa() * POW10[(scale - c.scale()) as usize];
    }
    Decimal::try_from_i128_with_scale(sum, scale).ok()
}

/// The places a cost is kept to below $10^7 a month: the same in every estimate, so that two
/// estimates' shared items cancel exactly in a saving or a difference.
const PLACES: u32 = 20;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn decimal() -> impl Strategy<Value = Decimal> {
        (any::<i64>(), 0u32..=28).prop_map(|(m, scale)| Decimal::new(m, scale))
    }

    proptest! {
        /// The whole-number sum is the decimal sum, digit for digit (scale included), wherever
        /// it applies; and it applies to the usual estimate's costs.
        #[test]
        fn the_small_sum_is_the_decimal_sum(costs in proptest::collection::vec(decimal(), 0..24)) {
            let places = exact_places(&costs);
            let slow: Decimal = costs.iter().map(|c| round_places(*c, places)).sum();
            if let Some(fast) = small_sum(&costs) {
                prop_assert_eq!(places, PLACES);
                prop_assert_eq!(fast.to_string(), slow.to_string());
            }
        }
    }

    #[test]
    fn the_small_sum_takes_an_estimates_costs() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        let costs = [
            d("1050"),
            d("14.6"),
            d("28.6102294921875"),
            d("16.425"),
            d("18.432"),
        ];
        assert_eq!(small_sum(&costs).unwrap().to_string(), "1128.0672294921875");
        let third = d("1") / d("3");
        let sum = small_sum(&[third, third, d("0.5")]).unwrap();
        assert_eq!(sum.to_string(), "1.16666666666666666666");
        assert_eq!(small_sum(&[d("9999999"), d("1")]), None);
    }
}
