//! The views that list what the tool knows or checked: `architectures` (the whitepaper's
//! patterns) and `validate` (every file checked, with its status).

use super::{Block, Cell, Column, Dialect, Grid, Lines, List, ListKind, Text, View};
use crate::architecture::PATTERNS;
use crate::report::Validation;

pub fn architectures() -> View {
    let mut g = Grid::new(vec![
        Column::words("Id"),
        // A narrow table keeps the id, which is accepted wherever the name is.
        Column::words("Name").optional(),
        Column::words("What it is for").prose(),
        Column::words("Billable parts"),
        Column::words("Section").only(Dialect::Markdown),
    ]);
    for p in PATTERNS {
        let what = vec![
            Text::new()
                .text(format!("{}. {}", p.title, p.purpose))
                .only(Dialect::Table, "."),
            Text::new().only(Dialect::Table, format!("[{}]", p.section)),
        ];
        g.row(vec![
            Cell::Text(Text::new().strong(p.id)),
            Cell::Text(Text::new().code(p.name)),
            Cell::Lines(Lines::Stack, what),
            Cell::Lines(Lines::Points, p.parts.iter().map(|x| (*x).into()).collect()),
            Cell::text(p.section),
        ]);
    }
    View::of(vec![Block::Grid(g)])
}

/// Every file checked, with its status: `ok: orders.toml`, or `error: typo.toml (3 problems)`
/// (the problems themselves go to standard error, as errors).
pub fn validated(files: &[Validation]) -> View {
    View::of(vec![Block::List(List {
        title: None,
        kind: ListKind::Plain,
        items: files
            .iter()
            .map(|f| {
                let line = Text::new().text(format!("{}: ", f.status())).code(&f.file);
                match f.count() {
                    0 => line,
                    1 => line.text(" (1 problem)"),
                    n => line.text(format!(" ({} problems)", crate::money::number(n.into(), 0))),
                }
            })
            .collect(),
    })])
}
