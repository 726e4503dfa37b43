//! The views of `prices list` (how complete each Region's table is), `prices show` (every price
//! of one Region) and `prices diff` (what changed between two price books).

use super::{Block, Cell, Column, Dialect, Grid, Text, View};
use crate::pricing::PriceBook;
use crate::pricing::diff::PriceDiff;
use crate::report::{diff_cells, diff_summary, missing_items, price_items, rate_text};

pub fn list(book: &PriceBook) -> View {
    let mut g = Grid::new(vec![
        Column::words("Region"),
        Column::words("Items priced"),
        Column::words("Unverified").only(Dialect::Table),
        Column::words("Missing"),
        Column::words("Data dates"),
        Column::words(
            Text::new()
                .only(Dialect::Table, "Source")
                .only(Dialect::Markdown, "Origin"),
        ),
    ]);
    for t in book.tables.values() {
        let (have, all) = t.completeness();
        let missing = missing_items(t);
        g.row(vec![
            Cell::text(t.region.as_str()),
            Cell::text(format!("{have} of {all}")),
            Cell::text(crate::report::unverified_items(t).to_string()),
            if missing.is_empty() {
                Cell::Dash
            } else {
                Cell::text(missing.join(", "))
            },
            Cell::or_dash(t.data_dates(), |(old, new)| {
                Cell::text(if old == new {
                    new.to_owned()
                } else {
                    format!("{old} to {new}")
                })
            }),
            Cell::text(t.origin.as_str()),
        ]);
    }
    View::of(vec![Block::Grid(g)])
}

pub fn show(book: &PriceBook, region: &str) -> View {
    let Some(t) = book.region(region) else {
        return View::default();
    };
    let heading = Text::new()
        .text(format!("Prices for {} ({}): ", t.region, t.currency))
        .then(super::origin_and_dates(&t.provenance()));
    let mut g = Grid::new(vec![
        Column::words("Item"),
        Column::words("Unit"),
        Column::words("Price"),
        Column::words("Effective"),
        Column::words("Source"),
    ]);
    for c in price_items() {
        let item = Cell::Text(Text::new().code(c.id()));
        g.row(match t.get(c) {
            Some(p) => vec![
                item,
                Cell::text(c.unit()),
                Cell::text(format!(
                    "{}{}",
                    rate_text(&p.rate),
                    if p.unverified { " (unverified)" } else { "" }
                )),
                // The date: a time of day (`2016-06-01T00:00:00Z`) would widen the column for
                // nothing (JSON and CSV keep it).
                Cell::text(p.effective_date.get(..10).unwrap_or(&p.effective_date)),
                Cell::text(p.source.as_str()),
            ],
            None => vec![
                item,
                Cell::text(c.unit()),
                Cell::text("missing"),
                Cell::Dash,
                Cell::Dash,
            ],
        });
    }
    View::of(vec![Block::Heading(heading), Block::Grid(g)])
}

pub fn diff(d: &PriceDiff) -> View {
    let books = Text::new()
        .text("Price changes from ")
        .code(&d.old)
        .text(" to ")
        .code(&d.new);
    let summary = Block::Line(diff_summary(d).into());
    if d.rows.is_empty() {
        let line = Text::new()
            .text("No price changes from ")
            .code(&d.old)
            .text(" to ")
            .code(&d.new)
            .text(format!(": {}", diff_summary(d)));
        return View::of(vec![
            Block::Only(Dialect::Table, vec![Block::Line(line)]),
            Block::Only(Dialect::Markdown, vec![Block::Heading(books), summary]),
        ]);
    }
    View::of(vec![
        Block::Heading(books),
        Block::Grid(changes(d)),
        summary,
    ])
}

fn changes(d: &PriceDiff) -> Grid {
    let mut g = Grid::new(vec![
        Column::words("Region"),
        Column::words("Item"),
        Column::words("Unit"),
        Column::words("Change"),
        Column::words("Tier"),
        Column::figures("Old"),
        Column::figures("New"),
        Column::figures("Difference"),
    ]);
    for r in &d.rows {
        let [old, new, diff] = diff_cells(r);
        g.row(vec![
            Cell::text(r.region.as_str()),
            Cell::Text(Text::new().code(r.item.id())),
            Cell::text(r.item.unit()),
            Cell::text(r.change.as_str()),
            Cell::or_dash(r.part, |p| Cell::text(p.label())),
            Cell::text(old),
            Cell::text(new),
            Cell::text(diff),
        ]);
    }
    g
}
