//! The one view of a report that the human formats draw, built once from a `Document`: sections
//! of headings, lines, tables of typed cells and titled lists. The table and Markdown renderers
//! only lay it out, so they cannot show different rows or figures. Where the two formats still
//! word a thing differently, the view holds both wordings side by side (`Span::Only`,
//! `Block::Only`, `Column::only`): every such difference is written in this module's builders,
//! next to what the formats share, and nowhere else.

mod catalogue;
pub mod diff;
mod estimates;
mod prices;
mod recommend;
pub mod sweep;

use rust_decimal::Decimal;

use super::{Document, Kind};
use crate::pricing::Provenance;

/// The human formats, where they still differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Table,
    Markdown,
}

/// A run of text with one role; each format marks the role its own way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Span {
    /// Our own words and figures.
    Text(String),
    /// Words the user wrote (a scenario's name): Markdown escapes them in a heading.
    Name(String),
    /// An identifier (component id, scenario key, file name): Markdown sets it as code.
    Code(String),
    /// Stressed: Markdown sets it in bold.
    Strong(String),
    /// Marked: Markdown sets it in italics.
    Emph(String),
    /// Words only one format shows.
    Only(Dialect, String),
}

/// One line of spans.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text(pub Vec<Span>);

impl Text {
    pub fn new() -> Text {
        Text(Vec::new())
    }
    pub fn text(mut self, s: impl Into<String>) -> Text {
        self.0.push(Span::Text(s.into()));
        self
    }
    pub fn name(mut self, s: impl Into<String>) -> Text {
        self.0.push(Span::Name(s.into()));
        self
    }
    pub fn code(mut self, s: impl Into<String>) -> Text {
        self.0.push(Span::Code(s.into()));
        self
    }
    pub fn strong(mut self, s: impl Into<String>) -> Text {
        self.0.push(Span::Strong(s.into()));
        self
    }
    pub fn emph(mut self, s: impl Into<String>) -> Text {
        self.0.push(Span::Emph(s.into()));
        self
    }
    pub fn only(mut self, d: Dialect, s: impl Into<String>) -> Text {
        self.0.push(Span::Only(d, s.into()));
        self
    }
    /// This line, then `more` on the same line.
    pub fn then(mut self, more: Text) -> Text {
        self.0.extend(more.0);
        self
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text::new().text(s)
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text::new().text(s)
    }
}

/// How the lines of a cell belong together. A table always draws them one under another (the
/// kinds of points behind a bullet); Markdown cells are one line, so it joins them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    /// A label and what it means (Markdown: joined by a space).
    Stack,
    /// Short terms (Markdown: joined by commas).
    Terms,
    /// Short phrases (table: bulleted; Markdown: joined by semicolons).
    Points,
    /// Whole sentences (table: bulleted; Markdown: joined by line breaks).
    Paragraphs,
}

/// One table cell. Figures keep their exact value; they are rounded when drawn, by `money`.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    /// Nothing to show here: `-`.
    Dash,
    Text(Text),
    Lines(Lines, Vec<Text>),
    /// An amount, to the cent: `$1,234.57`.
    Money(Decimal),
    /// A difference of amounts, to the cent: `+$9.50`, `-$1.00`, `$0.00`.
    Difference(Decimal),
    /// A number with at most so many decimals: `2,861.0229`.
    Number(Decimal, u32),
    /// A quantity: at most 4 decimals, at least 4 significant digits (`0.009709`).
    Quantity(Decimal),
    /// A unit price in full precision: `$0.0225`.
    Price(Decimal),
}

impl Cell {
    pub fn text(s: impl Into<Text>) -> Cell {
        Cell::Text(s.into())
    }
    /// `cell(x)`, or `-` when there is no value.
    pub fn or_dash<T>(v: Option<T>, cell: impl FnOnce(T) -> Cell) -> Cell {
        v.map_or(Cell::Dash, cell)
    }
    /// The cell's text when it holds one figure or none (the same in every format).
    pub fn figure(&self) -> Option<String> {
        use crate::money::{money, number, price, quantity};
        Some(match self {
            Cell::Empty => String::new(),
            Cell::Dash => "-".to_owned(),
            Cell::Money(d) => money(*d),
            Cell::Difference(d) => super::signed_money(Some(*d)),
            Cell::Number(d, dp) => number(*d, *dp),
            Cell::Quantity(d) => quantity(*d),
            Cell::Price(p) => price(*p),
            Cell::Text(_) | Cell::Lines(..) => return None,
        })
    }
}

/// A table column: its title and whether it holds figures (drawn right-aligned).
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub title: Text,
    pub figures: bool,
    /// Shown by one format only.
    pub only: Option<Dialect>,
    /// Left out of a table too narrow for every column (its facts are shown elsewhere too):
    /// the compact view of a narrow terminal.
    pub optional: bool,
    /// Sentences that need room to be read (a formula, a list of changes).
    pub prose: bool,
}

impl Column {
    pub fn words(title: impl Into<Text>) -> Column {
        Column {
            title: title.into(),
            figures: false,
            only: None,
            optional: false,
            prose: false,
        }
    }
    /// May be left out of a narrow table.
    pub fn optional(self) -> Column {
        Column {
            optional: true,
            ..self
        }
    }
    /// Holds sentences that need room.
    pub fn prose(self) -> Column {
        Column {
            prose: true,
            ..self
        }
    }
    pub fn figures(title: impl Into<Text>) -> Column {
        Column {
            figures: true,
            ..Column::words(title)
        }
    }
    pub fn only(self, d: Dialect) -> Column {
        Column {
            only: Some(d),
            ..self
        }
    }
}

/// A row of cells, one per column; a total row is stressed.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub total: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

impl Grid {
    pub fn new(columns: Vec<Column>) -> Grid {
        Grid {
            columns,
            rows: Vec::new(),
        }
    }
    pub fn row(&mut self, cells: Vec<Cell>) {
        self.rows.push(Row {
            cells,
            total: false,
        });
    }
    pub fn total(&mut self, cells: Vec<Cell>) {
        self.rows.push(Row { cells, total: true });
    }
    /// The columns `d` shows, by index.
    pub fn shown(&self, d: Dialect) -> Vec<usize> {
        shown_columns(&self.columns, d)
    }
}

/// The columns of `columns` that `d` shows, by index.
pub fn shown_columns(columns: &[Column], d: Dialect) -> Vec<usize> {
    (0..columns.len())
        .filter(|i| columns[*i].only.is_none_or(|o| o == d))
        .collect()
}

/// What kind of items a list holds (a table marks them differently; Markdown bullets them all).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    /// Figures and reasons (table: indented).
    Facts,
    /// Warnings and break-even points (table: dashed).
    Points,
    /// One line each, nothing more (table: as they are).
    Plain,
}

/// A list under an optional title; an empty list is not shown at all.
#[derive(Debug, Clone, PartialEq)]
pub struct List {
    pub title: Option<&'static str>,
    pub kind: ListKind,
    pub items: Vec<Text>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// What a section is about (table: a line; Markdown: a heading).
    Heading(Text),
    Line(Text),
    Grid(Grid),
    List(List),
    /// Blocks only one format shows.
    Only(Dialect, Vec<Block>),
}

/// A run of blocks. Tables leave a blank line between sections; Markdown leaves one between
/// blocks, and after a closed section (one scenario of a report).
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub blocks: Vec<Block>,
    pub closed: bool,
}

impl Section {
    /// The blocks `d` shows, in order, `Only` blocks opened.
    pub fn blocks(&self, d: Dialect) -> Vec<&Block> {
        fn walk<'a>(blocks: &'a [Block], d: Dialect, out: &mut Vec<&'a Block>) {
            for b in blocks {
                match b {
                    Block::Only(o, inner) if *o == d => walk(inner, d, out),
                    Block::Only(..) => {}
                    Block::List(l) if l.items.is_empty() => {}
                    b => out.push(b),
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.blocks, d, &mut out);
        out
    }
}

/// What a human-format report shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct View {
    pub sections: Vec<Section>,
}

impl View {
    /// A view of one open section.
    fn of(blocks: Vec<Block>) -> View {
        View {
            sections: vec![Section {
                blocks,
                closed: false,
            }],
        }
    }
}

/// The view of `doc`.
pub fn build(doc: &Document<'_>) -> View {
    match doc {
        Document::Estimates {
            kind: Kind::Estimate,
            scenarios,
            ..
        } => estimates::estimates(scenarios),
        Document::Estimates {
            kind: Kind::Compare,
            scenarios,
            ..
        } => estimates::compare(scenarios),
        Document::Architectures => catalogue::architectures(),
        Document::PriceList(book) => prices::list(book),
        Document::PriceShow(book, region) => prices::show(book, region),
        Document::PriceDiff(d) => prices::diff(d),
        Document::Diff(d) => diff::diff(d),
        Document::Validated(files) => catalogue::validated(files),
        Document::Recommend(items) | Document::RecommendTotals(items) => {
            recommend::recommend(items)
        }
    }
}

/// `orders (us-east-1, 730 h a month)`: the scenario a section is about.
fn scenario_title(s: &crate::scenario::Scenario) -> Text {
    Text::new()
        .name(&s.name)
        .text(format!(" ({}, {} h a month)", s.region, s.hours_per_month))
}

/// `Prices: us-east-1, embedded table us-east-1.toml, data of 2016-06-01 to 2025-11-04`: the
/// line under each scenario that says which price table priced it (product.md, "Which prices
/// were used"); the dates are the oldest and newest effective dates of the table's prices.
fn prices_line(p: &Provenance) -> Block {
    let line = Text::new()
        .text(format!("Prices: {}, ", p.region))
        .then(origin_and_dates(p));
    Block::Line(line)
}

/// `embedded table us-east-1.toml, data of 2016-06-01 to 2025-11-04` (or `--prices file
/// my.toml, data of 2025-11-02`): where a price table came from and the dates of its data.
fn origin_and_dates(p: &Provenance) -> Text {
    let origin = match p.origin.strip_prefix("embedded:") {
        Some(file) if p.embedded => Text::new().text("embedded table ").code(file),
        _ => Text::new().text("--prices file ").code(&p.origin),
    };
    let origin = match &p.overlay {
        Some((file, items)) => origin
            .text(format!(", with {} from --prices file ", items.join(", ")))
            .code(file),
        None => origin,
    };
    origin.text(format!(", {}", data_dates(p)))
}

/// `data of 2016-06-01 to 2025-11-04`, `data of 2025-11-02`, or `no prices` (the workbook's
/// Inputs and Prices sheets say it alike).
pub(crate) fn data_dates(p: &Provenance) -> String {
    match &p.dates {
        Some((old, new)) if old == new => format!("data of {new}"),
        Some((old, new)) => format!("data of {old} to {new}"),
        None => "no prices".to_owned(),
    }
}

/// `Not priced`: patterns or layouts that apply but that the price table cannot price, each
/// with what it lacks (`R3 (4 layouts): no price for `dx-data` ... in us-west-2`).
fn not_priced(list: &[crate::compare::NotPriced]) -> Block {
    Block::List(List {
        title: Some("Not priced"),
        kind: ListKind::Facts,
        items: list
            .iter()
            .map(|n| {
                let count = match n.layouts {
                    1 => String::new(),
                    k => format!(" ({k} layouts)"),
                };
                Text::new()
                    .strong(&n.architecture)
                    .text(format!("{count}: {}", n.reason))
            })
            .collect(),
    })
}

/// `Break-even points`, one a line.
fn break_evens(items: Vec<Text>) -> Block {
    Block::List(List {
        title: Some("Break-even points"),
        kind: ListKind::Points,
        items,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::engine::Options;
    use crate::pricing::PriceBook;
    use crate::report::{Document, Kind, ScenarioReport, markdown, table};

    /// Every dollar amount a text shows, sorted: `$1,156.00`, `+$9.50`, `-$1.00`.
    fn amounts(text: &str) -> Vec<String> {
        let mut out: Vec<String> = text
            .split(|c: char| c.is_whitespace() || matches!(c, '|' | '│' | '┆' | '(' | ')' | '*'))
            .filter(|w| w.trim_start_matches(['+', '-']).starts_with('$'))
            .map(|w| w.trim_end_matches([',', '.', ';', ':']).to_owned())
            .collect();
        out.sort();
        out
    }

    fn both(doc: &Document<'_>) -> (String, String) {
        let (mut t, mut m) = (Vec::new(), Vec::new());
        table::render(doc, 150, &mut t).unwrap();
        markdown::render(doc, &mut m).unwrap();
        (String::from_utf8(t).unwrap(), String::from_utf8(m).unwrap())
    }

    #[test]
    fn table_and_markdown_show_the_same_amounts_for_every_shipped_scenario() {
        let book = PriceBook::embedded();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
        let mut checked = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let s = crate::load_scenario(&path).unwrap();
            let opts = Options::default();
            let prices = book.region(&s.region).unwrap().provenance();
            // A scenario no pattern can be priced for (a Region without a price it needs) shows
            // no amounts to compare.
            let Ok(cmp) = crate::compare::compare(&s, &book, opts) else {
                continue;
            };
            if cmp.estimates.is_empty() {
                continue; // nothing priced (a price no table has, e.g. Direct Connect)
            }
            let mut docs = vec![Document::Estimates {
                kind: Kind::Compare,
                scenarios: vec![ScenarioReport::compared(&s, cmp, prices.clone())],
                totals: false,
            }];
            if let Ok(advice) = crate::recommend::recommend(&s, &book, opts, 3) {
                docs.push(Document::Recommend(vec![(&s, advice)]));
            }
            if let Ok(p) = crate::estimate_scenario(&s, &book, None, opts) {
                docs.push(Document::Estimates {
                    kind: Kind::Estimate,
                    scenarios: vec![ScenarioReport::estimated(&s, p, prices)],
                    totals: false,
                });
            }
            for doc in &docs {
                let (t, m) = both(doc);
                assert!(!amounts(&t).is_empty(), "{}", path.display());
                assert_eq!(amounts(&t), amounts(&m), "{}", path.display());
                checked += 1;
            }
        }
        assert!(checked >= 40, "only {checked} reports checked");
    }

    /// A small view with one of everything, for the renderers' tests.
    pub fn sample() -> View {
        let mut g = Grid::new(vec![
            Column::words("Item"),
            Column::figures(
                Text::new()
                    .only(Dialect::Table, "Cost")
                    .only(Dialect::Markdown, "cost"),
            ),
            Column::words("Notes"),
            Column::words("Only in tables").only(Dialect::Table),
        ]);
        g.row(vec![
            Cell::Text(Text::new().code("a|b")),
            Cell::Money(Decimal::new(12345, 3)),
            Cell::Lines(
                Lines::Paragraphs,
                vec!["one".into(), Text::new().emph("two")],
            ),
            Cell::Dash,
        ]);
        g.total(vec![
            Cell::text("Total"),
            Cell::Difference(Decimal::new(-5, 1)),
            Cell::Empty,
            Cell::Empty,
        ]);
        let list = |title, kind| {
            Block::List(List {
                title,
                kind,
                items: vec![Text::new().strong("x").text(": y")],
            })
        };
        View {
            sections: vec![
                Section {
                    blocks: vec![
                        Block::Heading(
                            Text::new()
                                .name("s|1\nz")
                                .text(" | h")
                                .only(Dialect::Table, "!"),
                        ),
                        Block::Grid(g),
                        list(Some("Facts"), ListKind::Facts),
                        list(None, ListKind::Points),
                        Block::List(List {
                            title: Some("Empty"),
                            kind: ListKind::Points,
                            items: Vec::new(),
                        }),
                    ],
                    closed: true,
                },
                Section {
                    blocks: vec![Block::Only(
                        Dialect::Markdown,
                        vec![Block::Line("md".into())],
                    )],
                    closed: true,
                },
                Section {
                    blocks: vec![Block::Only(
                        Dialect::Table,
                        vec![Block::Line("table".into())],
                    )],
                    closed: false,
                },
            ],
        }
    }
}
