//! What is shown adds up: over every shipped scenario and every pattern `compare` prices, the
//! line items shown (table, Markdown, CSV) add up to the total shown, to the cent; `compare`'s
//! differences are differences of the amounts shown; `recommend`'s saving is the difference of
//! the costs it shows, and its changes' savings add up to it. JSON keeps the exact values.

use apigw_cost::Priced;
use apigw_cost::engine::Options;
use apigw_cost::money::money;
use apigw_cost::pricing::PriceBook;
use apigw_cost::report::view::{self, Block, Cell, Grid};
use apigw_cost::report::{Document, Kind, ScenarioReport, csv};
use apigw_cost::scenario::Scenario;
use rust_decimal::Decimal;

use crate::support::shipped_scenarios;

/// `$1,126.80`, `-$9.50`, `+$0.10` as a number.
fn amount(shown: &str) -> Decimal {
    let clean: String = shown
        .chars()
        .filter(|c| !matches!(c, '$' | ',' | '+'))
        .collect();
    clean
        .parse()
        .unwrap_or_else(|_| panic!("not an amount: {shown}"))
}

fn grids(doc: &Document<'_>) -> Vec<Grid> {
    view::build(doc)
        .sections
        .into_iter()
        .flat_map(|s| s.blocks)
        .filter_map(|b| match b {
            Block::Grid(g) => Some(g),
            _ => None,
        })
        .collect()
}

fn estimate_doc<'a>(s: &'a Scenario, p: &Priced) -> Document<'a> {
    Document::Estimates {
        kind: Kind::Estimate,
        scenarios: vec![ScenarioReport::estimated(s, p.clone(), provenance(s))],
        totals: false,
    }
}

/// Which prices priced `s` (every report says so).
fn provenance(s: &Scenario) -> apigw_cost::pricing::Provenance {
    let book = PriceBook::embedded();
    apigw_cost::table_for(s, &book).unwrap().provenance()
}

/// Every pattern `compare` prices for every shipped scenario, with and without the free tier.
fn every_priced() -> Vec<(Scenario, Vec<Priced>)> {
    let book = PriceBook::embedded();
    let mut out = Vec::new();
    for s in shipped_scenarios() {
        for free_tier in [false, true] {
            let opts = Options {
                free_tier,
                ..Options::default()
            };
            let Ok(cmp) = apigw_cost::compare::compare(&s, &book, opts) else {
                continue;
            };
            out.push((s.clone(), cmp.estimates));
        }
    }
    out
}

#[test]
fn line_items_shown_add_up_to_the_total_shown() {
    let mut checked = 0;
    let mut moved = 0;
    for (s, priced) in every_priced() {
        for p in &priced {
            let g = &grids(&estimate_doc(&s, p))[0];
            let monthly = g
                .columns
                .iter()
                .position(|c| format!("{:?}", c.title).contains("Monthly"))
                .unwrap();
            let figure = |c: &Cell| amount(&c.figure().unwrap());
            let (items, total): (Vec<_>, Vec<_>) = g.rows.iter().partition(|r| !r.total);
            let sum: Decimal = items.iter().map(|r| figure(&r.cells[monthly])).sum();
            let total = figure(&total[0].cells[monthly]);
            assert_eq!(sum, total, "{} {}", s.path, p.pattern.id);
            assert_eq!(money(p.estimate.monthly_cost), money(total));
            // No item moves by a cent or more from its exact cost.
            for (r, li) in items.iter().zip(&p.estimate.line_items) {
                let shown = figure(&r.cells[monthly]);
                assert!((shown - li.monthly_cost).abs() < Decimal::new(1, 2));
                moved += usize::from(money(li.monthly_cost) != money(shown));
            }
            checked += 1;
        }
    }
    assert!(checked > 150, "{checked}");
    assert!(
        moved > 0,
        "rounding each item alone would not have added up somewhere"
    );
}

#[test]
fn csv_line_items_add_up_to_the_csv_total_to_the_cent() {
    for (s, priced) in every_priced() {
        let render = |totals: bool| {
            let doc = Document::Estimates {
                kind: Kind::Compare,
                scenarios: vec![ScenarioReport {
                    scenario: &s,
                    estimates: priced.clone(),
                    not_applicable: Vec::new(),
                    current: None,
                    prices: provenance(&s),
                    profiles: Vec::new(),
                }],
                totals,
            };
            let mut out = Vec::new();
            csv::render(&doc, &mut out).unwrap();
            let mut reader = ::csv::Reader::from_reader(out.as_slice());
            reader
                .records()
                .map(|r| r.unwrap().iter().map(str::to_owned).collect::<Vec<_>>())
                .collect::<Vec<_>>()
        };
        for total in render(true) {
            let sum: Decimal = render(false)
                .iter()
                .filter(|r| r[1] == total[1])
                .map(|r| r[7].parse::<Decimal>().unwrap())
                .sum();
            let total: Decimal = total[2].parse().unwrap();
            assert_eq!(sum, total, "{} {:?}", s.path, total);
            assert!(total.scale() <= 2, "money to the cent: {total}");
        }
        for row in render(false) {
            let cost: Decimal = row[7].parse().unwrap();
            let (q, price): (Decimal, Decimal) = (row[4].parse().unwrap(), row[6].parse().unwrap());
            assert!(cost.scale() <= 2 && q.scale() <= 28, "{row:?}");
            // Quantity × unit price checks against the cost shown, tiered items included.
            assert!(
                (q * price - cost).abs() <= Decimal::new(1, 2),
                "{} {row:?}",
                s.path
            );
        }
    }
}

#[test]
fn compare_differences_are_differences_of_the_amounts_shown() {
    let book = PriceBook::embedded();
    for s in shipped_scenarios() {
        let Ok(cmp) = apigw_cost::compare::compare(&s, &book, Options::default()) else {
            continue;
        };
        if cmp.estimates.is_empty() {
            continue;
        }
        let doc = Document::Estimates {
            kind: Kind::Compare,
            scenarios: vec![ScenarioReport::compared(&s, cmp, provenance(&s))],
            totals: false,
        };
        let g = &grids(&doc)[0];
        let shown: Vec<Vec<Option<String>>> = g
            .rows
            .iter()
            .map(|r| r.cells.iter().map(Cell::figure).collect())
            .collect();
        let cheapest = amount(shown[0][2].as_deref().unwrap());
        for row in &shown {
            let cost = amount(row[2].as_deref().unwrap());
            assert_eq!(
                amount(row[3].as_deref().unwrap()),
                cost - cheapest,
                "{}",
                s.path
            );
        }
    }
}

/// `(saves $1.23)`, `(costs $1.23 more)`, `(no change in cost)` in a change's text.
fn change_saving(text: &str) -> Decimal {
    if text.contains("(no change in cost)") {
        return Decimal::ZERO;
    }
    let (sign, rest) = match (text.find("(saves $"), text.find("(costs $")) {
        (Some(i), _) => (Decimal::ONE, &text[i + 7..]),
        (None, Some(i)) => (Decimal::NEGATIVE_ONE, &text[i + 7..]),
        _ => panic!("no saving in {text}"),
    };
    let figure: String = rest
        .chars()
        .take_while(|c| *c != ')' && *c != ' ')
        .collect();
    sign * amount(&figure)
}

#[test]
fn recommend_savings_are_differences_of_the_costs_shown() {
    let book = PriceBook::embedded();
    let mut checked = 0;
    for s in shipped_scenarios() {
        let Ok(advice) = apigw_cost::recommend::recommend(&s, &book, Options::default(), 5) else {
            continue;
        };
        let Some(current) = advice
            .current
            .as_ref()
            .map(|c| amount(&money(c.estimate.monthly_cost)))
        else {
            continue;
        };
        let doc = Document::Recommend(vec![(&s, advice)]);
        let Some(g) = grids(&doc).into_iter().next() else {
            continue;
        };
        for r in &g.rows {
            let monthly = amount(&r.cells[2].figure().unwrap());
            let saving = amount(&r.cells[3].figure().unwrap());
            assert_eq!(saving, current - monthly, "{}", s.path);
            if let Cell::Lines(_, changes) = &r.cells[4] {
                let texts: Vec<String> = changes.iter().map(|t| format!("{t:?}")).collect();
                let sum: Decimal = texts.iter().map(|t| change_saving(t)).sum();
                assert_eq!(sum, saving, "{}: {texts:?}", s.path);
            }
            checked += 1;
        }
    }
    assert!(checked > 40, "{checked}");
}
