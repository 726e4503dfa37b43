//! What the hand-calculated tests share: price a scenario text with the embedded book, find a
//! line item, and assert a whole bill (its components, each quantity and cost, the total).

use apigw_cost::{Priced, engine::Options, estimate_scenario, pricing::PriceBook, scenario};
use rust_decimal::Decimal;

use crate::support::d;

pub fn price_with(toml: &str, architecture: &str, opts: Options) -> Priced {
    let s = scenario::parse("hand.toml", toml).unwrap_or_else(|e| {
        panic!(
            "scenario for {architecture} is invalid:\n{}",
            apigw_cost::Error::Input(e)
        )
    });
    estimate_scenario(&s, &PriceBook::embedded(), Some(architecture), opts)
        .unwrap_or_else(|e| panic!("{architecture} could not be priced: {e}"))
}

pub fn price(toml: &str, architecture: &str) -> Priced {
    price_with(toml, architecture, Options::default())
}

pub fn line<'a>(p: &'a Priced, id: &str) -> Option<&'a apigw_cost::engine::LineItem> {
    p.estimate
        .line_items
        .iter()
        .find(|li| li.component.id() == id)
}

/// The monthly cost of one component; an absent component costs nothing.
pub fn cost_of(p: &Priced, id: &str) -> Decimal {
    line(p, id).map_or(Decimal::ZERO, |li| li.monthly_cost)
}

/// Asserts the exact set of components, each one's quantity and monthly cost, and the total.
/// `expected` rows are (component id, quantity, monthly cost).
pub fn assert_bill(p: &Priced, expected: &[(&str, &str, &str)], total: &str) {
    let pattern = p.pattern.id;
    let mut want: Vec<&str> = expected.iter().map(|(id, _, _)| *id).collect();
    want.sort_unstable();
    let mut got: Vec<&str> = p
        .estimate
        .line_items
        .iter()
        .map(|li| li.component.id())
        .collect();
    got.sort_unstable();
    assert_eq!(got, want, "{pattern}: components present");
    // My own rows must add up to my total (guards the hand arithmetic itself).
    let sum: Decimal = expected.iter().map(|(_, _, c)| d(c)).sum();
    assert_eq!(
        sum,
        d(total),
        "{pattern}: hand rows do not add up to the hand total"
    );
    for (id, qty, cost) in expected {
        let li = line(p, id).unwrap();
        assert_eq!(li.quantity, d(qty), "{pattern}: quantity of {id}");
        assert_eq!(li.monthly_cost, d(cost), "{pattern}: monthly cost of {id}");
    }
    assert_eq!(p.estimate.monthly_cost, d(total), "{pattern}: total");
}

/// An amount as the reports show it.
pub fn money(amount: Decimal) -> String {
    apigw_cost::money::money(amount)
}
