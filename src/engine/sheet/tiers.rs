//! Marginal tiers as a formula: each tier's share of the quantity, `MAX(0, MIN(q, upper) −
//! lower)`, times its price, summed, over the tier edges and prices named on the Prices sheet;
//! per active Region when traffic is split (each Region tiered on its own, then × Regions), as
//! the bill prices them in `pricing::tiers`.

use super::{Expr, Sheet, edge_name, price_name};
use crate::component::Component;
use crate::pricing::Tier;

/// The cost of `q` at marginal `tiers`: one term per tier.
pub fn marginal(c: Component, tiers: &[Tier], q: &Expr) -> Expr {
    let mut total: Option<Expr> = None;
    let mut lower: Option<Expr> = None;
    for (i, t) in tiers.iter().enumerate() {
        let price = Expr::name(price_name(c, Some(i + 1)), "price", t.price);
        let upper = t
            .up_to
            .map(|u| Expr::name(edge_name(c, i + 1), "tier edge", u));
        let capped = match &upper {
            Some(u) => Expr::min(q, u),
            None => q.clone(),
        };
        let share = match &lower {
            None => capped,
            Some(l) => (capped - l.clone()).at_least_zero(),
        };
        let term = share * price;
        total = Some(match total {
            None => term,
            Some(sum) => sum + term,
        });
        lower = upper;
    }
    let mut cost = total.unwrap_or_else(|| Expr::num(0));
    cost.words = format!(
        "{} in the marginal tiers of {} (Prices)",
        q.words,
        c.price_item().id()
    );
    cost
}

impl Sheet<'_> {
    /// The tiered cost of the quantity in cell `q` (worth `value`), per active Region when
    /// `per_region`: a row below the line item then holds one Region's share. Records a check
    /// when the table knows no price beyond its last tier.
    pub(super) fn tiered_cost(
        &mut self,
        c: Component,
        tiers: &[Tier],
        q: Expr,
        per_region: bool,
    ) -> (Expr, Option<Expr>) {
        let (tiered_q, regions, figure) = if per_region {
            let regions = self.input("topology.regions");
            let reference = self.cell_below(super::QUANTITY_COLUMN);
            let share = q.clone() / regions.clone();
            let label = format!("{} per active Region", c.id());
            let cell = Expr::cell(reference, &label, share.value);
            (cell, Some(regions), Some(share))
        } else {
            (q, None, None)
        };
        if let Some(last) = tiers.last().and_then(|t| t.up_to) {
            let holds = tiered_q.value <= last;
            let reason = format!(
                "{} passes the last tier the {} price table knows ({})",
                c.id(),
                self.cx.prices.region,
                crate::money::number(last, 4)
            );
            let formula = format!("{}<={}", tiered_q.formula, edge_name(c, tiers.len()));
            self.check(formula, holds, reason);
        }
        let cost = marginal(c, tiers, &tiered_q);
        let cost = match regions {
            Some(r) => {
                let words = format!("{} × {}", cost.words, r.words);
                let mut e = cost * r;
                e.words = words;
                e
            }
            None => cost,
        };
        (cost, figure)
    }

    /// The A1 reference of `column` one row below the row about to be written.
    fn cell_below(&self, column: u16) -> String {
        let row = super::FIRST_ROW + self.rows.len() as u32 + 2;
        format!("{}{row}", super::column_letter(column))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn the_formula_prices_like_the_bill() {
        let tiers = [
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
        ];
        let c = Component::RestRequests;
        for q in ["0", "1", "333", "333.000001", "999.5", "1000", "21000"] {
            let cell = Expr::cell("C7".into(), "q", d(q));
            let cost = marginal(c, &tiers, &cell);
            let bill = crate::pricing::price_tiers(&tiers, Decimal::ZERO, d(q)).unwrap();
            assert_eq!(cost.value, bill.cost, "{q}");
        }
        let cell = Expr::cell("C7".into(), "q", d("21000"));
        assert_eq!(
            marginal(c, &tiers, &cell).formula,
            "MIN(C7,upto_rest_requests_1)*price_rest_requests_1\
             +MAX(0,MIN(C7,upto_rest_requests_2)-upto_rest_requests_1)*price_rest_requests_2\
             +MAX(0,MIN(C7,upto_rest_requests_3)-upto_rest_requests_2)*price_rest_requests_3\
             +MAX(0,C7-upto_rest_requests_3)*price_rest_requests_4"
        );
    }
}
