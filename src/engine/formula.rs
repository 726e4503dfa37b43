//! A line item's formula as data (factors, divisor, free allowance, tiers) so the engine never
//! formats text; rendered on display as e.g. "2 endpoints × 3 AZs × 730 h × $0.01".

use rust_decimal::Decimal;
use std::fmt;

use super::units::{KB_PER_GB, MILLION};
use crate::component::Component;
use crate::money::{number, price, round_sig};
use crate::pricing::{TierUse, Tiered};

/// One factor of a quantity: a number and what it counts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Factor {
    pub value: Decimal,
    pub label: &'static str,
}

const MAX_FACTORS: usize = 6;

/// How a line item's quantity and cost were worked out.
///
/// What explains the quantity (its factors, divisor and note) is kept only for an estimate
/// wanted in detail ([`Formula::of`]); a lean estimate's formula ([`Formula::lean`]) carries the
/// billable quantity alone and ignores the rest, so that the meters' builder calls move a few
/// words rather than a few hundred bytes at each of a sweep's million steps.
#[derive(Debug, Clone, PartialEq)]
pub struct Formula {
    /// The factors, divisor and note (`None` in a lean estimate).
    explain: Option<Box<Explain>>,
    /// Free-tier units taken off before pricing.
    pub free: Option<Decimal>,
    /// The billable quantity and its unit.
    pub quantity: Decimal,
    pub unit: &'static str,
    /// How the quantity was priced: set only when line items are kept.
    pub tiers: Option<Box<Tiered>>,
    /// Multiplies the tiered cost (equal traffic in each active Region, tiered per Region).
    pub per_region: Option<u32>,
}

/// What a formula shows beside its quantity.
#[derive(Debug, Clone, PartialEq)]
struct Explain {
    factors: [Factor; MAX_FACTORS],
    len: usize,
    /// Divide the product by this (e.g. 1,048,576 KB per GB).
    divisor: Option<Factor>,
    /// A breakdown the factors cannot show.
    note: Option<String>,
}

impl Formula {
    /// A formula in `unit` that explains itself (factors, divisor, note).
    pub fn new(unit: &'static str) -> Self {
        Formula {
            explain: Some(Box::new(Explain {
                factors: [Factor {
                    value: Decimal::ZERO,
                    label: "",
                }; MAX_FACTORS],
                len: 0,
                divisor: None,
                note: None,
            })),
            ..Formula::lean(unit)
        }
    }

    /// A formula in `unit` for a lean estimate: the quantity only; factors, divisor and note
    /// given to it are dropped.
    #[inline(always)]
    pub fn lean(unit: &'static str) -> Self {
        Formula {
            explain: None,
            free: None,
            quantity: Decimal::ZERO,
            unit,
            tiers: None,
            per_region: None,
        }
    }

    /// Adds a factor; factors of exactly 1 with a plural label are kept (they explain).
    /// No meter needs more than six; in release a seventh would be dropped.
    #[inline(always)]
    pub fn times(mut self, value: impl Into<Decimal>, label: &'static str) -> Self {
        if let Some(e) = self.explain.as_deref_mut() {
            debug_assert!(
                e.len < MAX_FACTORS,
                "more than {MAX_FACTORS} factors: {label}"
            );
            if e.len < MAX_FACTORS {
                e.factors[e.len] = Factor {
                    value: value.into(),
                    label,
                };
                e.len += 1;
            }
        }
        self
    }

    /// How the quantity split over the price's tiers (none before it is priced).
    pub fn tier_uses(&self) -> &[TierUse] {
        self.tiers.as_deref().map_or(&[], Tiered::uses)
    }

    /// A formula in `component`'s unit that explains itself.
    pub fn of(component: Component) -> Self {
        Formula::new(component.unit())
    }

    /// A formula in `component`'s unit, explaining itself only when `detail` (see
    /// [`Formula::lean`]).
    #[inline(always)]
    pub fn for_estimate(component: Component, detail: bool) -> Self {
        if detail {
            Formula::of(component)
        } else {
            Formula::lean(component.unit())
        }
    }

    /// Adds a factor only when `shown` (e.g. the Region count when there are several).
    #[inline(always)]
    pub fn times_if(self, shown: bool, value: impl Into<Decimal>, label: &'static str) -> Self {
        if shown {
            self.times(value, label)
        } else {
            self
        }
    }

    /// Divides by a million: the quantity is in millions.
    #[inline(always)]
    pub fn per_million(self) -> Self {
        self.divided_by(MILLION, "per million")
    }

    /// Divides KB by 1,048,576: the quantity is in GB.
    #[inline(always)]
    pub fn kb_to_gb(self) -> Self {
        self.divided_by(KB_PER_GB, "KB per GB")
    }

    #[inline(always)]
    fn divided_by(mut self, value: Decimal, label: &'static str) -> Self {
        if let Some(e) = self.explain.as_deref_mut() {
            e.divisor = Some(Factor { value, label });
        }
        self
    }

    /// Adds a note: a breakdown the factors cannot show (dropped by a lean formula, so build
    /// it only when `note` is `Some`, i.e. in detail).
    pub fn noted(mut self, note: Option<String>) -> Self {
        if let Some(e) = self.explain.as_deref_mut() {
            e.note = note;
        }
        self
    }

    /// The divisor the product of the factors is divided by, if any.
    pub fn divisor(&self) -> Option<Factor> {
        self.explain.as_ref().and_then(|e| e.divisor)
    }

    /// The note, if any.
    pub fn note(&self) -> Option<&str> {
        self.explain.as_ref().and_then(|e| e.note.as_deref())
    }

    /// Sets the billable quantity (the meter computes it exactly; the factors explain it).
    #[inline(always)]
    pub fn billing(mut self, quantity: Decimal) -> Self {
        self.quantity = quantity;
        self
    }

    /// Tiers the quantity per active Region when there are several (`Some(count)`).
    #[inline(always)]
    pub fn tiered_per_region(mut self, per_region: Option<u32>) -> Self {
        self.per_region = per_region;
        self
    }

    pub fn factors(&self) -> &[Factor] {
        self.explain.as_ref().map_or(&[], |e| &e.factors[..e.len])
    }
}

/// A formula's figures as shown: every factor rounded to as few decimals as let a person
/// multiply them out to the quantity shown (at least 6 decimals, or 6 significant digits for a
/// small one), the quantity and tier quantities to 4 decimals or 4 significant digits. Display
/// writes exactly these, so a test can redo the arithmetic from them.
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    pub factors: Vec<(Decimal, &'static str)>,
    pub divisor: Option<Factor>,
    pub free: Option<Decimal>,
    pub quantity: Decimal,
    /// The quantity per Region, when tiered per Region, and the Region count.
    pub per_region: Option<(Decimal, u32)>,
    /// Each tier's quantity (per Region) and price.
    pub tiers: Vec<(Decimal, Decimal)>,
}

/// Decimals (or significant digits) a factor is first tried with.
const FACTOR_DIGITS: u32 = 6;
/// The most tried: past this, the factors are shown with every digit they have.
const MAX_FACTOR_DIGITS: u32 = 20;

impl Formula {
    /// The figures as shown (see [`Shown`]).
    pub fn shown(&self) -> Shown {
        let quantity = round_sig(self.quantity, 4, 4);
        let digits = (FACTOR_DIGITS..=MAX_FACTOR_DIGITS)
            .find(|k| self.checks_at(*k, quantity))
            .unwrap_or(28);
        let at = |v: Decimal| round_sig(v, digits, digits).normalize();
        Shown {
            factors: self
                .factors()
                .iter()
                .map(|f| (at(f.value), f.label))
                .collect(),
            divisor: self.divisor(),
            free: self.free.map(at),
            quantity,
            per_region: self
                .per_region
                .map(|r| (round_sig(self.quantity / Decimal::from(r), 4, 4), r)),
            tiers: self
                .tier_uses()
                .iter()
                .map(|u| (round_sig(u.quantity, 4, 4), u.price))
                .collect(),
        }
    }

    /// Whether the factors shown with `k` digits multiply out to `quantity` as shown.
    fn checks_at(&self, k: u32, quantity: Decimal) -> bool {
        if self.factors().is_empty() {
            return true;
        }
        let at = |v: Decimal| round_sig(v, k, k);
        let mut x = Decimal::ONE;
        for f in self.factors() {
            match x.checked_mul(at(f.value)) {
                Some(y) => x = y,
                None => return false,
            }
        }
        if let Some(d) = self.divisor() {
            x /= d.value;
        }
        if let Some(free) = self.free {
            x -= at(free);
        }
        round_sig(x, 4, 4) == quantity
    }
}

impl fmt::Display for Formula {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = self.shown();
        let mut first = true;
        for (value, label) in &shown.factors {
            if !first {
                f.write_str(" × ")?;
            }
            first = false;
            write!(f, "{}", number(*value, 28))?;
            if !label.is_empty() {
                f.write_str(" ")?;
                // `NLB[s]` is "1 NLB" but "2 NLBs".
                f.write_str(&crate::money::label(label, *value == Decimal::ONE))?;
            }
        }
        if let Some(d) = shown.divisor {
            write!(f, " ÷ {} {}", number(d.value, 6), d.label)?;
        }
        let shown_total = shown.divisor.is_some()
            || shown.free.is_some()
            || shown.per_region.is_some()
            || shown.tiers.len() > 1;
        if let Some(free) = shown.free {
            write!(f, " − {} free", number(free, 28))?;
        }
        if shown_total {
            if !first {
                f.write_str(" = ")?;
            }
            write!(f, "{} {}", number(shown.quantity, 28), self.unit)?;
            if let Some((each, r)) = shown.per_region {
                write!(
                    f,
                    " ({} per Region × {r} Regions, tiered per Region)",
                    number(each, 28)
                )?;
            }
        }
        match shown.tiers.as_slice() {
            [] => {}
            [(_, one)] if !shown_total || shown.per_region.is_none() => {
                write!(f, " × {}", price(*one))?
            }
            tiers => {
                f.write_str(": ")?;
                for (i, (q, p)) in tiers.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" + ")?;
                    }
                    write!(f, "{} × {}", number(*q, 28), price(*p))?;
                }
                if let Some((_, r)) = shown.per_region {
                    write!(f, ", × {r} Regions")?;
                }
            }
        }
        if let Some(note) = self.note() {
            write!(f, " ({note})")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_plural_mark_follows_the_count() {
        let f = |n: u32| Formula::new("rule-month").times(n, "rule[s] or rule group[s]");
        assert_eq!(f(6).to_string(), "6 rules or rule groups");
        assert_eq!(f(1).to_string(), "1 rule or rule group");
        let f = Formula::new("IP-hour").times(1, "IP address[es] [all AZs]");
        assert_eq!(f.to_string(), "1 IP address [all AZs]");
    }
}
