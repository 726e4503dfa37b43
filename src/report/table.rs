//! The human format for a terminal: the shared view laid out as boxed tables (comfy-table) and
//! plain lines, money rounded to the cent.

use comfy_table::{CellAlignment, ContentArrangement, Table, presets::UTF8_FULL};
use std::io::{self, Write};

use super::Document;
use super::view::{self, Block, Cell, Column, Dialect, Grid, Lines, List, ListKind, Span, Text};

const WIDTH: u16 = 150;
const D: Dialect = Dialect::Table;

pub fn render(doc: &Document<'_>, out: &mut dyn Write) -> io::Result<()> {
    write_view(&view::build(doc), out)
}

/// Lays out a view: sections apart by a blank line, blocks one after another.
pub fn write_view(v: &view::View, out: &mut dyn Write) -> io::Result<()> {
    let mut first = true;
    for section in &v.sections {
        let blocks = section.blocks(D);
        if blocks.is_empty() {
            continue;
        }
        if !first {
            writeln!(out)?;
        }
        first = false;
        for b in blocks {
            block(b, out)?;
        }
    }
    Ok(())
}

fn block(b: &Block, out: &mut dyn Write) -> io::Result<()> {
    match b {
        Block::Heading(t) | Block::Line(t) => writeln!(out, "{}", text(t)),
        Block::Grid(g) => writeln!(out, "{}", grid(g)),
        Block::List(l) => list(l, out),
        Block::Only(..) => Ok(()),
    }
}

fn list(l: &List, out: &mut dyn Write) -> io::Result<()> {
    if l.items.is_empty() {
        return Ok(());
    }
    if let Some(title) = l.title {
        writeln!(out, "{title}")?;
    }
    let mark = match l.kind {
        ListKind::Facts => "  ",
        ListKind::Points => "  - ",
        ListKind::Plain => "",
    };
    for item in &l.items {
        writeln!(out, "{mark}{}", text(item))?;
    }
    Ok(())
}

/// A line's words as a terminal shows them: no markup.
fn text(t: &Text) -> String {
    let mut s = String::new();
    for span in &t.0 {
        match span {
            Span::Text(x) | Span::Name(x) | Span::Code(x) | Span::Strong(x) | Span::Emph(x) => {
                s.push_str(x);
            }
            Span::Only(d, x) if *d == D => s.push_str(x),
            Span::Only(..) => {}
        }
    }
    s
}

fn cell(c: &Cell) -> String {
    match c {
        Cell::Text(t) => text(t),
        Cell::Lines(kind, lines) => {
            let bullet = match kind {
                Lines::Stack | Lines::Terms => "",
                Lines::Points | Lines::Paragraphs => "• ",
            };
            lines
                .iter()
                .map(text)
                .filter(|l| !l.is_empty())
                .map(|l| format!("{bullet}{l}"))
                .collect::<Vec<_>>()
                .join("\n")
        }
        figure => figure.figure().unwrap_or_default(),
    }
}

fn new_table(columns: &[Column], shown: &[usize]) -> Table {
    let mut t = Table::new();
    t.load_style(UTF8_FULL)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(WIDTH);
    t.set_header(shown.iter().map(|i| text(&columns[*i].title)));
    for (at, i) in shown.iter().enumerate() {
        if let (true, Some(col)) = (columns[*i].figures, t.column_mut(at)) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
    t
}

fn grid(g: &Grid) -> Table {
    let shown = g.shown(D);
    let mut t = new_table(&g.columns, &shown);
    for row in &g.rows {
        t.add_row(shown.iter().map(|i| cell(&row.cells[*i])));
    }
    t
}

/// Collects a sweep into a table (tables are for reading, so a long sweep is better as CSV).
pub struct SweepTable<W: Write> {
    out: W,
    table: Option<Table>,
    not_priced: Option<Block>,
}

impl<W: Write> SweepTable<W> {
    pub fn new(out: W) -> Self {
        SweepTable {
            out,
            table: None,
            not_priced: None,
        }
    }
}

impl<W: Write> crate::sweep::Sink for SweepTable<W> {
    fn not_priced(&mut self, list: &[crate::compare::NotPriced]) -> io::Result<()> {
        self.not_priced = Some(view::sweep::not_priced(list));
        Ok(())
    }
    fn begin(&mut self, keys: &[&str], columns: &[crate::sweep::Column]) -> io::Result<()> {
        let columns = view::sweep::columns(keys, columns);
        self.table = Some(new_table(&columns, &view::shown_columns(&columns, D)));
        Ok(())
    }
    fn row(
        &mut self,
        values: &[rust_decimal::Decimal],
        costs: &[Option<rust_decimal::Decimal>],
        cheapest: Option<&str>,
    ) -> io::Result<()> {
        if let Some(t) = &mut self.table {
            t.add_row(view::sweep::row(values, costs, cheapest).iter().map(cell));
        }
        Ok(())
    }
    fn end(&mut self, keys: &[&str], crossings: &[crate::sweep::Crossing]) -> io::Result<()> {
        if let Some(t) = &self.table {
            writeln!(self.out, "{t}")?;
        }
        block(&view::sweep::crossings(keys, crossings), &mut self.out)?;
        if let Some(b) = &self.not_priced {
            block(b, &mut self.out)?;
        }
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn lays_out_a_view_as_boxed_tables_and_lines() {
        let mut out = Vec::new();
        super::write_view(&crate::report::view::tests::sample(), &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\
s|1
z | h!
┌───────┬────────┬───────┬────────────────┐
│ Item  ┆   Cost ┆ Notes ┆ Only in tables │
╞═══════╪════════╪═══════╪════════════════╡
│ a|b   ┆ $12.35 ┆ • one ┆ -              │
│       ┆        ┆ • two ┆                │
├╌╌╌╌╌╌╌┼╌╌╌╌╌╌╌╌┼╌╌╌╌╌╌╌┼╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌┤
│ Total ┆ -$0.50 ┆       ┆                │
└───────┴────────┴───────┴────────────────┘
Facts
  x: y
  - x: y

table
"
        );
    }
}
