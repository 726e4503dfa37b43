//! The human format for a terminal: the shared view laid out as boxed tables (comfy-table) and
//! plain lines, money rounded to the cent, every line within the width it is given (the
//! terminal's, or a default for pipes and files). Lines of text wrap with a hanging indent; a
//! table too narrow for all its columns leaves out the optional ones (the compact view); a
//! sweep too wide for one table is drawn as several, each repeating the varied keys.

use comfy_table::{
    CellAlignment, ColumnConstraint, ContentArrangement, Table, Width, presets::UTF8_FULL,
};
use std::io::{self, Write};

use super::Document;
use super::view::{self, Block, Cell, Column, Dialect, Grid, Lines, List, ListKind, Span, Text};

const D: Dialect = Dialect::Table;

/// The narrowest width laid out: below it, tables and lines could not be read anyway.
pub const MIN_WIDTH: usize = 60;

/// The least width a words column reads well in, and a prose column (a formula, changes).
const WORDS_MIN: usize = 20;
const PROSE_MIN: usize = 36;

pub fn render(doc: &Document<'_>, width: usize, out: &mut dyn Write) -> io::Result<()> {
    write_view(&view::build(doc), width, out)
}

/// Lays out a view: sections apart by a blank line, blocks one after another.
pub fn write_view(v: &view::View, width: usize, out: &mut dyn Write) -> io::Result<()> {
    let width = width.max(MIN_WIDTH);
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
            block(b, width, out)?;
        }
    }
    Ok(())
}

fn block(b: &Block, width: usize, out: &mut dyn Write) -> io::Result<()> {
    match b {
        Block::Heading(t) | Block::Line(t) => lines(out, &wrap(&text(t), width, "", "  ")),
        Block::Grid(g) => writeln!(out, "{}", grid(g, width)),
        Block::List(l) => list(l, width, out),
        Block::Only(..) => Ok(()),
    }
}

fn lines(out: &mut dyn Write, lines: &[String]) -> io::Result<()> {
    lines.iter().try_for_each(|l| writeln!(out, "{l}"))
}

fn list(l: &List, width: usize, out: &mut dyn Write) -> io::Result<()> {
    if l.items.is_empty() {
        return Ok(());
    }
    if let Some(title) = l.title {
        writeln!(out, "{title}")?;
    }
    let (mark, hang) = match l.kind {
        ListKind::Facts => ("  ", "    "),
        ListKind::Points => ("  - ", "    "),
        ListKind::Plain => ("", "  "),
    };
    for item in &l.items {
        lines(out, &wrap(&text(item), width, mark, hang))?;
    }
    Ok(())
}

/// `s` broken at spaces into lines of at most `width` characters, the first starting with
/// `mark`, the others with `hang`; a word longer than a line is cut.
pub fn wrap(s: &str, width: usize, mark: &str, hang: &str) -> Vec<String> {
    let hang_len = hang.chars().count();
    let mut out = Vec::new();
    let mut line = mark.to_owned();
    let mut len = mark.chars().count();
    let mut empty = true;
    let new_line = |line: &mut String, len: &mut usize, out: &mut Vec<String>| {
        out.push(std::mem::replace(line, hang.to_owned()));
        *len = hang_len;
    };
    for word in s.split(' ') {
        let mut rest: Vec<char> = word.chars().collect();
        if !empty && len + 1 + rest.len() > width {
            new_line(&mut line, &mut len, &mut out);
            empty = true;
        }
        if !empty {
            line.push(' ');
            len += 1;
        }
        while len + rest.len() > width && len < width {
            line.extend(rest.drain(..width - len));
            new_line(&mut line, &mut len, &mut out);
        }
        len += rest.len();
        empty = rest.is_empty() && len == hang_len && !out.is_empty();
        line.extend(rest);
    }
    out.push(line);
    out
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

/// The widest line of a cell's text.
fn widest(s: &str) -> usize {
    s.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

fn new_table(titles: &[(String, bool)], width: usize) -> Table {
    let mut t = Table::new();
    t.load_style(UTF8_FULL)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(u16::try_from(width).unwrap_or(u16::MAX));
    t.set_header(titles.iter().map(|(title, _)| title));
    for (at, (_, figures)) in titles.iter().enumerate() {
        if let (true, Some(col)) = (*figures, t.column_mut(at)) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
    t
}

/// Columns, borders included, need this much to read well.
fn needed(columns: &[&Column], cells: &[Vec<String>]) -> usize {
    let content: usize = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let natural = cells.iter().map(|r| widest(&r[i])).max().unwrap_or(0);
            let title = widest(&text(&c.title));
            match (c.figures, c.prose) {
                (true, _) => natural.max(title),
                (false, true) => natural.min(PROSE_MIN),
                (false, false) => natural.min(WORDS_MIN),
            }
        })
        .sum();
    content + 3 * columns.len() + 1
}

/// A grid within `width`: its optional columns left out, right to left, while the others would
/// not have room to read well.
fn grid(g: &Grid, width: usize) -> Table {
    let mut shown = g.shown(D);
    let cells_of = |shown: &[usize]| -> Vec<Vec<String>> {
        g.rows
            .iter()
            .map(|r| shown.iter().map(|i| cell(&r.cells[*i])).collect())
            .collect()
    };
    loop {
        let columns: Vec<&Column> = shown.iter().map(|i| &g.columns[*i]).collect();
        let optional = shown.iter().rposition(|i| g.columns[*i].optional);
        match optional {
            Some(at) if needed(&columns, &cells_of(&shown)) > width => {
                shown.remove(at);
            }
            _ => break,
        }
    }
    let titles: Vec<(String, bool)> = shown
        .iter()
        .map(|i| (text(&g.columns[*i].title), g.columns[*i].figures))
        .collect();
    let mut t = new_table(&titles, width);
    let rows = cells_of(&shown);
    keep_words_whole(&mut t, &titles, &rows, width);
    for row in rows {
        t.add_row(row);
    }
    t
}

/// Sets every column's width: at least its longest word (an id such as
/// `private-integration-alb-vpc-link-v2`, a file name, a scenario key), so that no identifier is
/// broken mid-word, and at most its longest line (a date column stays a date wide); the room
/// left goes to the columns that still want it, narrowest first (prose wraps). When the longest
/// words of all columns do not fit, the longest are cut to fit.
fn keep_words_whole(t: &mut Table, titles: &[(String, bool)], rows: &[Vec<String>], width: usize) {
    let column = |at: usize| {
        rows.iter()
            .map(move |r| r[at].as_str())
            .chain([titles[at].0.as_str()])
    };
    let natural: Vec<usize> = (0..titles.len())
        .map(|at| column(at).map(widest).max().unwrap_or(0))
        .collect();
    let words: Vec<usize> = (0..titles.len())
        .map(|at| match titles[at].1 {
            true => natural[at],
            false => column(at)
                .flat_map(str::split_whitespace)
                .map(|w| w.chars().count())
                .max()
                .unwrap_or(0),
        })
        .collect();
    // Borders and one space of padding each side of every column.
    let room = width.saturating_sub(3 * titles.len() + 1);
    let figures: Vec<bool> = titles.iter().map(|(_, f)| *f).collect();
    let Some(widths) = share(&natural, &words, &figures, room) else {
        return;
    };
    for (at, w) in widths.into_iter().enumerate() {
        if let Some(col) = t.column_mut(at) {
            let w = u16::try_from(w + 2).unwrap_or(u16::MAX);
            col.set_constraint(ColumnConstraint::Absolute(Width::Fixed(w)));
        }
    }
}

/// Column widths within `room`: each its longest word (`words`; for figures their widest
/// line; the longest words cut to fit), then as many columns as fit made as wide as their
/// longest line (`natural`), those that need least first, then the rest shared one character at
/// a time among the others, narrowest first. `None` when even that
/// cannot fit (comfy-table then shares the width as it can).
fn share(natural: &[usize], words: &[usize], figures: &[bool], room: usize) -> Option<Vec<usize>> {
    let fixed: usize = (0..words.len())
        .filter(|i| figures[*i])
        .map(|i| words[i])
        .sum();
    let words_room = room.checked_sub(fixed)?;
    let capped = |cap: usize| {
        (0..words.len()).map(move |i| {
            if figures[i] {
                words[i]
            } else {
                words[i].min(cap).max(1)
            }
        })
    };
    let mut cap = words.iter().copied().max().unwrap_or(0);
    while cap > WORDS_MIN / 2 && capped(cap).sum::<usize>() - fixed > words_room {
        cap -= 1;
    }
    let mut widths: Vec<usize> = capped(cap).collect();
    let mut left = room.checked_sub(widths.iter().sum())?;
    // First whole columns, those that need least first: fewer columns wrap.
    let mut wanting: Vec<usize> = (0..widths.len())
        .filter(|i| widths[*i] < natural[*i])
        .collect();
    wanting.sort_by_key(|i| natural[*i] - widths[*i]);
    for i in wanting {
        let need = natural[i] - widths[i];
        if need <= left {
            widths[i] = natural[i];
            left -= need;
        }
    }
    while left > 0 {
        let Some(at) = (0..widths.len())
            .filter(|i| widths[*i] < natural[*i])
            .min_by_key(|i| widths[*i])
        else {
            break;
        };
        widths[at] += 1;
        left -= 1;
    }
    Some(widths)
}

/// Collects a sweep into a table (tables are for reading, so a long sweep is better as CSV).
/// One table when the patterns fit the width, else several, each with the varied keys.
pub struct SweepTable<W: Write> {
    out: W,
    width: usize,
    titles: Vec<(String, bool)>,
    keys: usize,
    rows: Vec<Vec<String>>,
    /// The scenario and its prices, written before the table.
    heading: Vec<Block>,
    not_priced: Option<Block>,
    departures: Vec<crate::sweep::Departure>,
    /// The usage profile whose rows come, when the sweep walks several (a first column).
    profile: Option<String>,
}

impl<W: Write> SweepTable<W> {
    /// `heading`: [`view::sweep::heading`].
    pub fn new(out: W, width: usize, heading: Vec<Block>) -> Self {
        SweepTable {
            heading,
            out,
            width: width.max(MIN_WIDTH),
            titles: Vec::new(),
            keys: 0,
            rows: Vec::new(),
            not_priced: None,
            departures: Vec::new(),
            profile: None,
        }
    }

    /// The columns drawn together: the keys, then as many patterns as fit, the last group
    /// with the cheapest pattern.
    fn groups(&self) -> Vec<Vec<usize>> {
        let natural: Vec<usize> = (0..self.titles.len())
            .map(|i| {
                let cells = self.rows.iter().map(|r| widest(&r[i])).max().unwrap_or(0);
                cells.max(widest(&self.titles[i].0))
            })
            .collect();
        let keys: Vec<usize> = (0..self.keys).collect();
        let base: usize = keys.iter().map(|i| natural[*i] + 3).sum::<usize>() + 1;
        let mut groups = vec![keys.clone()];
        let mut used = base;
        for (i, w) in natural.iter().enumerate().skip(self.keys) {
            let last = groups.last_mut().expect("a group");
            if used + w + 3 > self.width && last.len() > self.keys {
                groups.push(keys.clone());
                used = base;
            }
            groups.last_mut().expect("a group").push(i);
            used += w + 3;
        }
        // A last column alone (the cheapest pattern) takes the one before it along: a table of
        // the keys and one lone column reads as a stray.
        if let [.., before, last] = groups.as_mut_slice()
            && last.len() == self.keys + 1
            && before.len() > self.keys + 1
        {
            let moved = before.pop().expect("a column");
            last.insert(self.keys, moved);
        }
        groups
    }
}

impl<W: Write> crate::sweep::Sink for SweepTable<W> {
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
            block(b, self.width, &mut self.out)?;
        }
        let columns = view::sweep::columns(keys, columns, self.profile.is_some());
        // The profile, when there is one, repeats in every group as the keys do.
        self.keys = keys.len() + usize::from(self.profile.is_some());
        self.titles = view::shown_columns(&columns, D)
            .into_iter()
            .map(|i| (text(&columns[i].title), columns[i].figures))
            .collect();
        Ok(())
    }
    fn row(
        &mut self,
        values: &[rust_decimal::Decimal],
        costs: &[Option<rust_decimal::Decimal>],
        cheapest: Option<&str>,
    ) -> io::Result<()> {
        let cells = view::sweep::row(self.profile.as_deref(), values, costs, cheapest);
        self.rows.push(cells.iter().map(cell).collect());
        Ok(())
    }
    fn departure(&mut self, _: &[&str], d: &crate::sweep::Departure) -> io::Result<()> {
        self.departures.push(d.clone());
        Ok(())
    }
    fn end(&mut self, keys: &[&str], crossings: &[crate::sweep::Crossing]) -> io::Result<()> {
        for (n, group) in self.groups().iter().enumerate() {
            if n > 0 {
                writeln!(self.out)?;
            }
            let titles: Vec<_> = group.iter().map(|i| self.titles[*i].clone()).collect();
            let mut t = new_table(&titles, self.width);
            for r in &self.rows {
                t.add_row(group.iter().map(|i| &r[*i]));
            }
            writeln!(self.out, "{t}")?;
        }
        block(
            &view::sweep::crossings(keys, crossings),
            self.width,
            &mut self.out,
        )?;
        block(
            &view::sweep::departures(keys, &self.departures),
            self.width,
            &mut self.out,
        )?;
        if let Some(b) = &self.not_priced {
            block(b, self.width, &mut self.out)?;
        }
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn lays_out_a_view_as_boxed_tables_and_lines() {
        let mut out = Vec::new();
        super::write_view(&crate::report::view::tests::sample(), 100, &mut out).unwrap();
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

    #[test]
    fn wraps_words_with_a_hanging_indent_and_cuts_only_overlong_words() {
        assert_eq!(
            wrap("one two three four", 10, "  - ", "    "),
            ["  - one", "    two", "    three", "    four"]
        );
        assert_eq!(wrap("a bb ccc", 20, "", "  "), ["a bb ccc"]);
        assert_eq!(
            wrap("abcdefghijkl", 5, "", "  "),
            ["abcde", "  fgh", "  ijk", "  l"]
        );
        for line in wrap(&"word ".repeat(50), 30, "  ", "    ") {
            assert!(line.chars().count() <= 30, "{line}");
        }
    }
}
