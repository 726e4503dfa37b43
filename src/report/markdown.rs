//! Markdown for design documents and pull requests: the shared view laid out as headings, GitHub
//! tables and lists, money rounded to the cent.

use std::io::{self, Write};

use super::Document;
use super::view::{self, Block, Cell, Column, Dialect, Grid, Lines, List, Span, Text};

const D: Dialect = Dialect::Markdown;

pub fn render(doc: &Document<'_>, out: &mut dyn Write) -> io::Result<()> {
    write_view(&view::build(doc), out)
}

/// Lays out a view: a blank line between blocks and after each closed section.
pub fn write_view(v: &view::View, out: &mut dyn Write) -> io::Result<()> {
    let mut gap = false;
    for section in &v.sections {
        let blocks = section.blocks(D);
        for b in &blocks {
            if gap {
                writeln!(out)?;
            }
            block(b, out)?;
            gap = true;
        }
        if section.closed && !blocks.is_empty() {
            writeln!(out)?;
            gap = false;
        }
    }
    Ok(())
}

fn block(b: &Block, out: &mut dyn Write) -> io::Result<()> {
    match b {
        Block::Heading(t) => writeln!(out, "## {}", text(t, Escape::Names)),
        Block::Line(t) => writeln!(out, "{}", text(t, Escape::Nothing)),
        Block::Grid(g) => grid(g, out),
        Block::List(l) => list(l, out),
        Block::Only(..) => Ok(()),
    }
}

fn list(l: &List, out: &mut dyn Write) -> io::Result<()> {
    if let Some(title) = l.title {
        writeln!(out, "**{title}**\n")?;
    }
    for item in &l.items {
        writeln!(out, "- {}", text(item, Escape::Nothing))?;
    }
    Ok(())
}

/// What a piece of text must not break: a table row, a heading line, nothing.
#[derive(Clone, Copy, PartialEq)]
enum Escape {
    Nothing,
    /// In a heading: the user's words and identifiers.
    Names,
    Everything,
}

/// Escapes text for one line of a table: pipes and line breaks would break the row.
fn escape(s: &str) -> String {
    s.replace('|', "\\|").replace(['\n', '\r'], " ")
}

/// A user's words (a scenario name) shown as written: Markdown's emphasis, code, link and HTML
/// characters are backslash-escaped (`my_api *beta*` stays literal, not italic).
fn literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn text(t: &Text, e: Escape) -> String {
    let mut s = String::new();
    for span in &t.0 {
        let (mark, x) = match span {
            Span::Text(x) => ("", x),
            Span::Name(x) => ("", x),
            Span::Code(x) => ("`", x),
            Span::Strong(x) => ("**", x),
            Span::Emph(x) => ("*", x),
            Span::Only(d, x) if *d == D => ("", x),
            Span::Only(..) => continue,
        };
        let escaped = match (e, span) {
            (Escape::Everything | Escape::Names, Span::Name(_)) => escape(&literal(x)),
            (Escape::Everything, _) | (Escape::Names, Span::Code(_)) => escape(x),
            _ => x.clone(),
        };
        s.push_str(mark);
        s.push_str(&escaped);
        s.push_str(mark);
    }
    s
}

fn cell(c: &Cell) -> String {
    match c {
        Cell::Text(t) => text(t, Escape::Everything),
        Cell::Lines(kind, lines) => {
            let join = match kind {
                Lines::Stack => " ",
                Lines::Terms => ", ",
                Lines::Points => "; ",
                Lines::Paragraphs => "<br>",
            };
            lines
                .iter()
                .map(|l| text(l, Escape::Everything))
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(join)
        }
        figure => figure.figure().unwrap_or_default(),
    }
}

fn row(out: &mut dyn Write, cells: &[String]) -> io::Result<()> {
    writeln!(out, "| {} |", cells.join(" | "))
}

fn header(out: &mut dyn Write, columns: &[Column], shown: &[usize]) -> io::Result<()> {
    let names: Vec<String> = shown
        .iter()
        .map(|i| text(&columns[*i].title, Escape::Nothing))
        .collect();
    row(out, &names)?;
    let rules: Vec<&str> = shown
        .iter()
        .map(|i| if columns[*i].figures { "---:" } else { "---" })
        .collect();
    writeln!(out, "|{}|", rules.join("|"))
}

fn grid(g: &Grid, out: &mut dyn Write) -> io::Result<()> {
    let shown = g.shown(D);
    header(out, &g.columns, &shown)?;
    for r in &g.rows {
        let cells: Vec<String> = shown
            .iter()
            .map(|i| match cell(&r.cells[*i]) {
                c if r.total && !c.is_empty() => format!("**{c}**"),
                c => c,
            })
            .collect();
        row(out, &cells)?;
    }
    Ok(())
}

/// Streams a sweep as a Markdown table; break-even points follow it.
pub struct SweepMarkdown<W: Write> {
    out: W,
    /// The scenario and its prices, written before the table.
    heading: Vec<Block>,
    not_priced: Option<Block>,
    departures: Vec<crate::sweep::Departure>,
    /// The usage profile whose rows come, when the sweep walks several (a first column).
    profile: Option<String>,
}

impl<W: Write> SweepMarkdown<W> {
    /// `heading`: [`view::sweep::heading`].
    pub fn new(out: W, heading: Vec<Block>) -> Self {
        SweepMarkdown {
            out,
            heading,
            not_priced: None,
            departures: Vec::new(),
            profile: None,
        }
    }
}

impl<W: Write> crate::sweep::Sink for SweepMarkdown<W> {
    fn profile(&mut self, name: &str) -> io::Result<()> {
        self.profile = Some(name.to_owned());
        Ok(())
    }
    fn not_priced(&mut self, list: &[crate::compare::NotPriced]) -> io::Result<()> {
        self.not_priced = Some(view::sweep::not_priced(list));
        Ok(())
    }
    fn begin(&mut self, keys: &[&str], columns: &[crate::sweep::Column]) -> io::Result<()> {
        for b in &self.heading {
            block(b, &mut self.out)?;
            writeln!(self.out)?;
        }
        let columns = view::sweep::columns(keys, columns, self.profile.is_some());
        header(&mut self.out, &columns, &view::shown_columns(&columns, D))
    }
    fn row(
        &mut self,
        values: &[rust_decimal::Decimal],
        costs: &[Option<rust_decimal::Decimal>],
        cheapest: Option<&str>,
    ) -> io::Result<()> {
        let cells: Vec<String> = view::sweep::row(self.profile.as_deref(), values, costs, cheapest)
            .iter()
            .map(cell)
            .collect();
        row(&mut self.out, &cells)
    }
    fn departure(&mut self, _: &[&str], d: &crate::sweep::Departure) -> io::Result<()> {
        self.departures.push(d.clone());
        Ok(())
    }
    fn end(&mut self, keys: &[&str], crossings: &[crate::sweep::Crossing]) -> io::Result<()> {
        let crossings = view::sweep::crossings(keys, crossings);
        let departures = view::sweep::departures(keys, &self.departures);
        for b in [
            Some(&crossings),
            Some(&departures),
            self.not_priced.as_ref(),
        ]
        .into_iter()
        .flatten()
        {
            if let Block::List(l) = b
                && !l.items.is_empty()
            {
                writeln!(self.out)?;
                list(l, &mut self.out)?;
            }
        }
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn lays_out_a_view_as_github_markdown() {
        let mut out = Vec::new();
        super::write_view(&crate::report::view::tests::sample(), &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "## s\\|1 z | h\n\
             \n\
             | Item | cost | Notes |\n\
             |---|---:|---|\n\
             | `a\\|b` | $12.35 | one<br>*two* |\n\
             | **Total** | **-$0.50** |  |\n\
             \n\
             **Facts**\n\
             \n\
             - **x**: y\n\
             \n\
             - **x**: y\n\
             \n\
             md\n\
             \n"
        );
    }
}
