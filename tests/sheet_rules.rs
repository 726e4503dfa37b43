//! Each meter's spreadsheet rule (`Meter::sheet`) against its bill rule (`Meter::bill`), without
//! a spreadsheet: every formula row evaluated exactly must equal the engine's line item, for every
//! shipped scenario and every pattern that applies, with and without the free allowances, at the
//! scenario's own inputs and at edited ones. LibreOffice then checks the formula text itself
//! (`tests/workbook/`).

use apigw_cost::architecture::{self, PATTERNS};
use apigw_cost::engine::{Options, sheet::sheet};
use apigw_cost::pricing::PriceBook;
use apigw_cost::scenario::{self, INPUTS, Scenario};
use rust_decimal::Decimal;

use crate::support::shipped_scenarios;

fn close(a: Decimal, b: Decimal) -> bool {
    (a - b).abs() <= Decimal::new(1, 9)
}

/// Every row of every applicable pattern's sheet for `s` equals the engine's line item.
fn check(s: &Scenario, book: &PriceBook, opts: Options) -> usize {
    let table = book.region(&s.region).unwrap();
    let mut checked = 0;
    for p in PATTERNS {
        let Ok(layout) = architecture::resolve(p, s, s.layout.as_ref()) else {
            continue;
        };
        let Ok(sh) = sheet(s, &layout, table, opts) else {
            continue;
        };
        let what = format!("{} {}", s.name, p.id);
        for item in &sh.estimate.line_items {
            let row = sh.rows.iter().find(|r| r.component == Some(item.component));
            let row = row.unwrap_or_else(|| panic!("{what}: no sheet row for {}", item.component));
            assert!(
                close(row.quantity.value, item.quantity),
                "{what} {}: quantity {} ({}) vs {}",
                item.component,
                row.quantity.value,
                row.quantity.formula,
                item.quantity
            );
            let cost = row.cost.as_ref().unwrap().value;
            assert!(
                close(cost, item.monthly_cost),
                "{what} {}: cost {cost} vs {}",
                item.component,
                item.monthly_cost
            );
        }
        for row in sh
            .rows
            .iter()
            .filter(|r| r.component.is_some() && r.engine.is_none())
        {
            let cost = row.cost.as_ref().unwrap().value;
            assert!(
                cost.is_zero(),
                "{what} {:?}: {cost} where the bill has nothing",
                row.component
            );
        }
        assert!(
            close(sh.formula_total(), sh.estimate.monthly_cost),
            "{what}: total"
        );
        checked += 1;
    }
    checked
}

#[test]
fn every_shipped_scenario_formula_equals_its_bill() {
    let book = PriceBook::embedded();
    let mut checked = 0;
    for s in shipped_scenarios() {
        for (free_tier, always_free) in [(false, false), (true, false), (false, true), (true, true)]
        {
            let opts = Options {
                free_tier,
                always_free,
                lean: false,
            };
            checked += check(&s, &book, opts);
        }
    }
    assert!(checked > 100, "{checked} sheets checked");
}

#[test]
fn edited_inputs_formula_equals_its_bill() {
    // Every numeric key a sweep can set, at a spread of values, on every shipped scenario.
    let book = PriceBook::embedded();
    let mut checked = 0;
    for s in shipped_scenarios() {
        for (n, i) in INPUTS.iter().enumerate() {
            let Some(set) = i.set else { continue };
            for f in ["0", "0.37", "1", "0.999"] {
                let span = i.max.min(Decimal::from(2_000_000_000u64)) - i.min;
                let mut v = i.min + span * f.parse::<Decimal>().unwrap();
                if i.whole() || i.kind != scenario::Kind::Number {
                    v = v.round();
                }
                let mut e = s.clone();
                set(&mut e, v);
                if n % 2 == 0 {
                    e.traffic.processed_gb_per_hour = None;
                }
                checked += check(&e, &book, Options::default());
            }
        }
    }
    assert!(checked > 1000, "{checked} sheets checked");
}
