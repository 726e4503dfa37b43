//! The view of a sweep, one piece at a time so that the sinks can stream it: the columns when it
//! begins, each step's row as it comes, the break-even points at the end.

use rust_decimal::Decimal;

use super::{Block, Cell, Column, Dialect, List, ListKind, Text};
use crate::pricing::Provenance;
use crate::scenario::Scenario;
use crate::sweep::{Crossing, Departure};

/// What comes before the rows: `orders (us-east-1, 730 h a month): monthly cost as
/// topology.consumer_vpcs varies`, and the `Prices:` line every table and Markdown report has.
pub fn heading(s: &Scenario, prices: &Provenance, keys: &[&str]) -> Vec<Block> {
    let mut title = super::scenario_title(s).text(": monthly cost as ");
    for (i, k) in keys.iter().enumerate() {
        if i > 0 {
            title = title.text(" and ");
        }
        title = title.code(*k);
    }
    title = title.text(if keys.len() == 1 { " varies" } else { " vary" });
    vec![Block::Heading(title), super::prices_line(prices)]
}

/// The varied keys, one column per pattern, the cheapest; first the usage profile, when the
/// sweep walks several (`profiled`).
pub fn columns(keys: &[&str], columns: &[crate::sweep::Column], profiled: bool) -> Vec<Column> {
    let profile = Text::new()
        .only(Dialect::Table, "Profile")
        .only(Dialect::Markdown, "profile");
    let mut out: Vec<Column> = profiled
        .then(|| Column::words(profile))
        .into_iter()
        .collect();
    out.extend(keys.iter().map(|k| Column::figures(Text::new().code(*k))));
    out.extend(columns.iter().map(|c| Column::figures(c.label())));
    out.push(Column::words(
        Text::new()
            .only(Dialect::Table, "Cheapest")
            .only(Dialect::Markdown, "cheapest"),
    ));
    out
}

/// One step: its usage profile (when the sweep walks several), the keys' values, each cost to the
/// cent (`-` where a pattern does not apply), the cheapest pattern.
pub fn row(
    profile: Option<&str>,
    values: &[Decimal],
    costs: &[Option<Decimal>],
    cheapest: Option<&str>,
) -> Vec<Cell> {
    let mut cells: Vec<Cell> = profile.map(Cell::text).into_iter().collect();
    cells.extend(
        values
            .iter()
            .map(|v| Cell::Number(crate::money::round_sig(*v, 6, 6), 28)),
    );
    cells.extend(costs.iter().map(|c| Cell::or_dash(*c, Cell::Money)));
    cells.push(Cell::or_dash(cheapest, Cell::text));
    cells
}

/// The patterns the sweep leaves out because they cannot be priced, after the break-even points.
pub fn not_priced(list: &[crate::compare::NotPriced]) -> Block {
    super::not_priced(list)
}

/// The break-even points, after the table.
pub fn crossings(keys: &[&str], crossings: &[Crossing]) -> Block {
    super::break_evens(crossings.iter().map(|c| c.text(keys).into()).collect())
}

/// Where the current layout is priced but is not a layout its pattern would build (so it is never
/// named cheapest there), after the break-even points.
pub fn departures(keys: &[&str], list: &[Departure]) -> Block {
    Block::List(List {
        title: Some("The current layout"),
        kind: ListKind::Points,
        items: list.iter().map(|d| d.text(keys).into()).collect(),
    })
}
