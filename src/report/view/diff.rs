//! The view of `diff` (what a change costs), made to be read in a pull request: the summary line
//! first, then one row per changed component, then the formulas and changed inputs, which
//! Markdown folds in `<details>` so that the comment stays short.

use rust_decimal::RoundingStrategy;

use super::{Block, Cell, Column, Dialect, Grid, List, ListKind, Section, Text, View};
use crate::diff::{ComponentChange, Diff, Label};
use crate::engine::LineItem;
use crate::money::{money, price, quantity};
use crate::report::signed_money;

pub fn diff(d: &Diff) -> View {
    let mut head = vec![
        Block::Line(Text::new().strong(summary(d))),
        Block::Line(sides(d)),
    ];
    if d.is_empty() {
        head.push(Block::Line(
            "No change: the same components at the same cost, and the same inputs.".into(),
        ));
        return View::of(head);
    }
    head.push(if d.components.is_empty() {
        Block::Line("No component changed: the changed inputs do not change the bill.".into())
    } else {
        Block::Grid(components(d))
    });
    head.push(Block::List(List {
        title: Some("New warnings"),
        kind: ListKind::Points,
        items: d.new_warnings.iter().map(|w| w.as_str().into()).collect(),
    }));
    // Markdown folds the details; a table shows them, each grid its own section.
    let fold = |line: &str| Block::Only(Dialect::Markdown, vec![Block::Line(line.into())]);
    let mut details = vec![fold(
        "<details><summary>Formulas and changed inputs</summary>",
    )];
    if !d.components.is_empty() {
        details.push(Block::Grid(formulas(d)));
    }
    let inputs = vec![
        if d.inputs.is_empty() {
            Block::Line("No input changed.".into())
        } else {
            Block::Grid(inputs(d))
        },
        fold("</details>"),
    ];
    View {
        sections: [head, details, inputs]
            .into_iter()
            .map(|blocks| Section {
                blocks,
                closed: false,
            })
            .collect(),
    }
}

/// `Monthly cost: $1,128.07 → $1,171.28 (+$43.21, +3.8 %)`: the totals as shown, their
/// difference, and that difference as a share of the total before (one decimal, half away from
/// zero; `new` when there was nothing before).
pub fn summary(d: &Diff) -> String {
    let shown = d.shown_difference();
    let change = if shown.is_zero() {
        "no change".to_owned()
    } else {
        let share = match d.percent() {
            Some(p) => {
                let p = p.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero);
                let sign = if p.is_sign_negative() { "" } else { "+" };
                format!("{sign}{:.1} %", p)
            }
            None => "new".to_owned(),
        };
        format!("{}, {share}", signed_money(Some(shown)))
    };
    format!(
        "Monthly cost: {} → {} ({change})",
        money(d.before),
        money(d.after)
    )
}

/// `Before: `a.toml` (orders, R5, us-east-1); after: ...`. Markdown leaves the scenario's name
/// out: a line is not escaped, and a name is the user's words (`</details>` would end the fold).
fn sides(d: &Diff) -> Text {
    let side = |t: Text, l: &Label| {
        t.code(&l.file)
            .text(" (")
            .only(Dialect::Table, format!("{}, ", l.scenario))
            .text(format!("{}, {})", l.architecture, l.region))
    };
    let before = side(Text::new().text("Before: "), &d.before_side);
    before.then(side(Text::new().text("; after: "), &d.after_side))
}

/// One row per changed component, then the totals. Quantity and unit price show both sides in
/// one cell (`1,460 → 2,190`), so that a narrow table leaves them out whole, unit price first.
fn components(d: &Diff) -> Grid {
    let mut g = Grid::new(vec![
        Column::words("Component"),
        Column::words("Change"),
        Column::figures("Quantity").optional(),
        Column::words("Unit").optional(),
        Column::figures("Unit price").optional(),
        Column::figures("Cost before"),
        Column::figures("Cost after"),
        Column::figures("Difference"),
    ]);
    for c in &d.components {
        let cost =
            |li: &Option<LineItem>| Cell::or_dash(li.as_ref(), |l| Cell::Money(l.monthly_cost));
        g.row(vec![
            Cell::Text(Text::new().code(c.component.id())),
            Cell::text(c.change.as_str()),
            both(c, |l| quantity(l.quantity)),
            Cell::text(c.component.unit()),
            both(c, unit_price),
            cost(&c.before),
            cost(&c.after),
            Cell::Difference(c.shown_difference()),
        ]);
    }
    let mut total = vec![Cell::text("Total")];
    total.extend((0..4).map(|_| Cell::Empty));
    total.extend([
        Cell::Money(d.before),
        Cell::Money(d.after),
        Cell::Difference(d.shown_difference()),
    ]);
    g.total(total);
    g
}

/// `before → after` of one figure of a component's line items, `-` on the side that does not
/// bill it.
fn both(c: &ComponentChange, figure: impl Fn(&LineItem) -> String) -> Cell {
    let side = |li: &Option<LineItem>| li.as_ref().map_or_else(|| "-".to_owned(), &figure);
    Cell::text(format!("{} → {}", side(&c.before), side(&c.after)))
}

/// A line item's unit price, or `tiered` when its quantity spans tiers (the formula says how).
fn unit_price(li: &LineItem) -> String {
    li.unit_price.map_or_else(|| "tiered".to_owned(), price)
}

/// Each changed component's formula on both sides.
fn formulas(d: &Diff) -> Grid {
    let mut g = Grid::new(vec![
        Column::words("Component"),
        Column::words("Formula before").prose(),
        Column::words("Formula after").prose(),
    ]);
    let formula =
        |li: &Option<LineItem>| Cell::or_dash(li.as_ref(), |l| Cell::text(l.formula.to_string()));
    for c in &d.components {
        let ComponentChange { before, after, .. } = c;
        g.row(vec![
            Cell::Text(Text::new().code(c.component.id())),
            formula(before),
            formula(after),
        ]);
    }
    g
}

/// Each scenario key whose value changed.
fn inputs(d: &Diff) -> Grid {
    let mut g = Grid::new(vec![
        Column::words("Input"),
        Column::words("Before"),
        Column::words("After"),
    ]);
    for i in &d.inputs {
        g.row(vec![
            Cell::Text(Text::new().code(&i.key)),
            Cell::text(i.before.as_str()),
            Cell::text(i.after.as_str()),
        ]);
    }
    g
}
