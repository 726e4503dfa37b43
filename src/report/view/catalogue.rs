//! The views that list what the tool knows or checked: `architectures` (the whitepaper's
//! patterns) and `validate` (the files that passed).

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

/// The files that passed (the problems of the others go to standard error, as errors).
pub fn validated(files: &[Validation]) -> View {
    View::of(vec![Block::List(List {
        title: None,
        kind: ListKind::Plain,
        items: files
            .iter()
            .filter(|f| f.problems.is_empty())
            .map(|f| Text::new().text("ok: ").code(&f.file))
            .collect(),
    })])
}
