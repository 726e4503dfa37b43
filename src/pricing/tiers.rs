//! Marginal tier arithmetic: each unit is priced at the tier it falls in, exactly. Usage beyond
//! the last known tier is refused, never priced at a guessed rate.

use rust_decimal::Decimal;

use super::{Rate, Tier};

/// The part of a quantity that fell into one tier.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TierUse {
    pub quantity: Decimal,
    pub price: Decimal,
}

/// Tiers a quantity can be split over and still be shown one by one (AWS prices use at most
/// five; price-list imports keep whatever the file has, up to this).
pub const MAX_TIERS: usize = 8;

/// A priced quantity: the cost and how it splits over tiers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tiered {
    pub cost: Decimal,
    pub uses: [TierUse; MAX_TIERS],
    pub len: usize,
}

impl Tiered {
    pub fn uses(&self) -> &[TierUse] {
        &self.uses[..self.len]
    }
}

const EMPTY: TierUse = TierUse {
    quantity: Decimal::ZERO,
    price: Decimal::ZERO,
};

/// Prices `quantity` against `tiers`, starting `already` units into them (for usage that shares
/// tiers with usage priced before). `Err(limit)` when usage passes the last known tier.
pub fn price_tiers(tiers: &[Tier], already: Decimal, quantity: Decimal) -> Result<Tiered, Decimal> {
    let mut out = Tiered {
        cost: Decimal::ZERO,
        uses: [EMPTY; MAX_TIERS],
        len: 0,
    };
    let mut start = Decimal::ZERO;
    let end_usage = already + quantity;
    for t in tiers {
        let top = t.up_to.unwrap_or(Decimal::MAX);
        let lo = start.max(already);
        let hi = top.min(end_usage);
        if hi > lo {
            let q = hi - lo;
            if out.len == MAX_TIERS {
                return Err(start);
            } else {
                out.uses[out.len] = TierUse {
                    quantity: q,
                    price: t.price,
                };
                out.len += 1;
            }
            out.cost += q * t.price;
        }
        if end_usage <= top {
            return Ok(out);
        }
        start = top;
    }
    Err(start)
}

impl Rate {
    /// Prices a quantity at a flat or tiered rate.
    pub fn charge(&self, quantity: Decimal) -> Result<Tiered, Decimal> {
        match self {
            Rate::Flat(p) => {
                let mut out = Tiered {
                    cost: quantity * p,
                    uses: [EMPTY; MAX_TIERS],
                    len: 1,
                };
                out.uses[0] = TierUse {
                    quantity,
                    price: *p,
                };
                Ok(out)
            }
            Rate::Tiered(t) => price_tiers(t, Decimal::ZERO, quantity),
            Rate::Sizes(_) => Err(Decimal::ZERO),
        }
    }

    /// What [`Rate::charge`] costs, without the split kept: the cost (the same sum, term by
    /// term), and the price when one tier took all of it. For lean estimates (sweeps), where
    /// the split would only be built to be thrown away.
    pub fn cost(&self, quantity: Decimal) -> Result<(Decimal, Option<Decimal>), Decimal> {
        match self {
            Rate::Flat(p) => Ok((quantity * p, Some(*p))),
            Rate::Tiered(t) => tiers_cost(t, quantity),
            Rate::Sizes(_) => Err(Decimal::ZERO),
        }
    }
}

/// [`price_tiers`] from zero, keeping only the cost and the one price used (if only one was).
fn tiers_cost(tiers: &[Tier], quantity: Decimal) -> Result<(Decimal, Option<Decimal>), Decimal> {
    let (mut cost, mut start, mut used, mut price) =
        (Decimal::ZERO, Decimal::ZERO, 0, Decimal::ZERO);
    for t in tiers {
        // The tier the quantity ends in (the last tier has no top), else the whole tier.
        let (hi, within) = match t.up_to {
            Some(top) if quantity > top => (top, false),
            _ => (quantity, true),
        };
        if hi > start {
            if used == MAX_TIERS {
                return Err(start);
            }
            used += 1;
            price = t.price;
            cost += (hi - start) * t.price;
        }
        if within {
            return Ok((cost, (used == 1).then_some(price)));
        }
        start = hi;
    }
    Err(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn rest() -> Vec<Tier> {
        vec![
            Tier {
                up_to: Some(d("333")),
                price: d("3.50"),
            },
            Tier {
                up_to: Some(d("1000")),
                price: d("2.80"),
            },
            Tier {
                up_to: Some(d("20000")),
                price: d("2.38"),
            },
            Tier {
                up_to: None,
                price: d("1.51"),
            },
        ]
    }

    #[test]
    fn aws_rest_tier_example_21_billion() {
        // pricing-facts.md, worked example 4: 21 B requests = $49,763.10.
        let t = price_tiers(&rest(), Decimal::ZERO, d("21000")).unwrap();
        assert_eq!(t.cost, d("49763.10"));
        let parts: Vec<Decimal> = t.uses().iter().map(|u| u.quantity * u.price).collect();
        assert_eq!(
            parts,
            [d("1165.50"), d("1867.60"), d("45220.00"), d("1510.00")]
        );
    }

    #[test]
    fn tier_edges_are_exact() {
        assert_eq!(
            price_tiers(&rest(), Decimal::ZERO, d("333")).unwrap().cost,
            d("1165.5")
        );
        assert_eq!(
            price_tiers(&rest(), Decimal::ZERO, d("333")).unwrap().len,
            1
        );
        let just_over = price_tiers(&rest(), Decimal::ZERO, d("333.000001")).unwrap();
        assert_eq!(just_over.len, 2);
        assert_eq!(just_over.cost, d("1165.5") + d("0.000001") * d("2.80"));
        assert_eq!(
            price_tiers(&rest(), d("300"), d("100")).unwrap().cost,
            d("33") * d("3.5") + d("67") * d("2.8")
        );
    }

    #[test]
    fn five_tiers_are_shown_one_by_one() {
        let five: Vec<Tier> = (1..=5)
            .map(|i| Tier {
                up_to: (i < 5).then(|| Decimal::from(i * 10)),
                price: Decimal::from(6 - i),
            })
            .collect();
        let t = price_tiers(&five, Decimal::ZERO, d("45")).unwrap();
        assert_eq!(t.len, 5);
        let quantities: Vec<Decimal> = t.uses().iter().map(|u| u.quantity).collect();
        assert_eq!(quantities, [d("10"), d("10"), d("10"), d("10"), d("5")]);
        assert_eq!(
            t.cost,
            d("10") * (d("5") + d("4") + d("3") + d("2")) + d("5")
        );
        let sum: Decimal = t.uses().iter().map(|u| u.quantity * u.price).sum();
        assert_eq!(sum, t.cost, "the shown split adds up to the cost");
    }

    #[test]
    fn refuses_usage_beyond_the_last_known_tier() {
        let known = vec![Tier {
            up_to: Some(d("333")),
            price: d("3.50"),
        }];
        assert_eq!(
            price_tiers(&known, Decimal::ZERO, d("333")).unwrap().cost,
            d("1165.5")
        );
        assert_eq!(price_tiers(&known, Decimal::ZERO, d("334")), Err(d("333")));
    }
}
