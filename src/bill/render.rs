//! `usage` and `calibrate` reports. Each row is built once, as typed cells of the shared report
//! view ([`crate::report::view`]): the table and Markdown renderers lay that view out as they do
//! every other report's (money rounded to the cent), CSV writes the same cells at full precision,
//! and JSON is the report itself (decimal strings).

use rust_decimal::Decimal;

use super::calibrate::{self, Calibration};
use super::usage::{Line, NotModelled, Usage};
use crate::report::view::{
    Block, Cell, Column, Grid, Lines, List, ListKind, Section, Span, Text, View,
};
use crate::report::{Format, markdown, table};

/// One column of a bill report: its CSV name (`None`: the human formats only), its title in
/// the human formats (`None`: CSV only), whether it holds figures, and the row's cell in it.
struct Field {
    csv: Option<&'static str>,
    title: Option<&'static str>,
    figures: bool,
    cell: Cell,
}

fn words(csv: &'static str, title: &'static str, cell: Cell) -> Field {
    Field {
        csv: Some(csv),
        title: Some(title),
        figures: false,
        cell,
    }
}

fn figures(csv: &'static str, title: &'static str, cell: Cell) -> Field {
    Field {
        figures: true,
        ..words(csv, title, cell)
    }
}

/// A `usage` line, every column of every format. The human formats stack the usage type and
/// operation under the component, and the unit under the quantity, so that a line fits a
/// terminal's width.
fn usage_row(l: &Line) -> Vec<Field> {
    let money = |d: Option<Decimal>| Cell::or_dash(d, Cell::Money);
    let mut what = vec![Text::new().code(l.component)];
    let keys = [&l.usage_type, &l.operation];
    what.extend(
        keys.iter()
            .filter(|s| !s.is_empty())
            .map(|s| Text::from(s.as_str())),
    );
    let amount = vec![
        Text::from(crate::money::quantity(l.quantity)),
        Text::from(l.unit),
    ];
    vec![
        words("period", "period", Cell::text(l.period.as_str())),
        words("region", "region", Cell::text(l.region.as_str())),
        csv_only(words("component", "", Cell::text(l.component))),
        shown_only(words("", "component", Cell::Lines(Lines::Stack, what))),
        csv_only(words("usage_type", "", Cell::text(l.usage_type.as_str()))),
        csv_only(words("operation", "", Cell::text(l.operation.as_str()))),
        csv_only(figures("quantity", "", Cell::Quantity(l.quantity))),
        shown_only(figures("", "quantity", Cell::Lines(Lines::Stack, amount))),
        csv_only(words("unit", "", Cell::text(l.unit))),
        figures("billed_cost", "billed", Cell::Money(l.billed_cost)),
        csv_only(figures("list_cost", "", money(l.list_cost))),
        figures("book_cost", "book price", money(l.book_cost)),
        figures(
            "difference",
            "difference",
            Cell::or_dash(l.difference, Cell::Difference),
        ),
        figures("rows", "rows", Cell::Number(l.rows.into(), 0)),
    ]
}

/// Only in CSV.
fn csv_only(f: Field) -> Field {
    Field { title: None, ..f }
}

/// Only in the human formats.
fn shown_only(f: Field) -> Field {
    Field { csv: None, ..f }
}

fn not_modelled_row(n: &NotModelled) -> Vec<Field> {
    vec![
        words(
            "product_code",
            "product",
            Cell::text(n.product_code.as_str()),
        ),
        words(
            "usage_type",
            "usage type",
            Cell::text(n.usage_type.as_str()),
        ),
        words("operation", "operation", Cell::text(n.operation.as_str())),
        figures("billed_cost", "billed", Cell::Money(n.billed_cost)),
        figures("rows", "rows", Cell::Number(n.rows.into(), 0)),
    ]
}

/// A `calibrate` row (quantities and costs for the bill's period).
fn calibration_row(r: &calibrate::Row) -> Vec<Field> {
    let q = |d: Option<Decimal>| Cell::or_dash(d, Cell::Quantity);
    let m = |d: Option<Decimal>| Cell::or_dash(d, Cell::Money);
    vec![
        words(
            "component",
            "component",
            Cell::Text(Text::new().code(&r.component)),
        ),
        figures("billed quantity", "billed quantity", q(r.billed_quantity)),
        figures("billed", "billed", m(r.billed_cost)),
        figures(
            "estimated quantity",
            "estimated quantity",
            q(r.estimated_quantity),
        ),
        figures("estimated", "estimated", m(r.estimated_cost)),
        figures(
            "difference",
            "difference",
            Cell::or_dash(r.difference, Cell::Difference),
        ),
        words("why", "why", Cell::text(r.why.as_str())),
    ]
}

/// The human formats' grid of `rows` (the columns with a title).
fn grid(rows: Vec<Vec<Field>>) -> Grid {
    let Some(first) = rows.first() else {
        return Grid::new(Vec::new());
    };
    let columns = first
        .iter()
        .filter_map(|f| {
            let t = f.title?;
            Some(if f.figures {
                Column::figures(t)
            } else {
                Column::words(t)
            })
        })
        .collect();
    let mut g = Grid::new(columns);
    for r in rows {
        g.row(
            r.into_iter()
                .filter(|f| f.title.is_some())
                .map(|f| f.cell)
                .collect(),
        );
    }
    g
}

/// A cell at full precision, as CSV writes it (nothing shown: empty).
fn exact(c: &Cell) -> String {
    match c {
        Cell::Money(d) | Cell::Difference(d) | Cell::Quantity(d) | Cell::Price(d) => {
            d.normalize().to_string()
        }
        Cell::Number(d, _) => d.normalize().to_string(),
        Cell::Text(t) => words_of(t),
        Cell::Lines(_, lines) => lines.iter().map(words_of).collect::<Vec<_>>().join("; "),
        Cell::Empty | Cell::Dash => String::new(),
    }
}

fn words_of(t: &Text) -> String {
    t.0.iter()
        .map(|s| match s {
            Span::Text(s) | Span::Name(s) | Span::Code(s) | Span::Strong(s) | Span::Emph(s) => {
                s.as_str()
            }
            Span::Only(..) => "",
        })
        .collect()
}

/// `rows` as CSV: every column, full precision, text that a spreadsheet would take for a
/// formula neutralised.
fn csv(rows: Vec<Vec<Field>>, head: &[&str]) -> String {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(head);
    for r in rows {
        let cells = r.iter().filter(|f| f.csv.is_some()).map(|f| match &f.cell {
            Cell::Text(_) => crate::report::csv::neutralise(&exact(&f.cell)).into_owned(),
            c => exact(c),
        });
        let _ = w.write_record(cells);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The CSV header: each field's name.
fn names(row: &[Field]) -> Vec<&'static str> {
    row.iter().filter_map(|f| f.csv).collect()
}

/// The human formats' text of a view of one section of `blocks`.
fn lay_out(blocks: Vec<Block>, format: Format, width: usize) -> String {
    let v = View {
        sections: vec![Section {
            blocks,
            closed: false,
        }],
    };
    let mut out = Vec::new();
    let _ = match format {
        Format::Markdown => markdown::write_view(&v, &mut out),
        _ => table::write_view(&v, width, &mut out),
    };
    String::from_utf8(out).unwrap_or_default()
}

fn plain_list(title: Option<&'static str>, items: Vec<Text>) -> Block {
    Block::List(List {
        title,
        kind: ListKind::Plain,
        items,
    })
}

/// `usage`'s view: the lines, what is not modelled (the 20 costliest), what is not usage, notes.
fn usage_view(u: &Usage) -> Vec<Block> {
    let mut blocks = vec![Block::Grid(grid(u.usage.iter().map(usage_row).collect()))];
    if !u.not_modelled.is_empty() {
        blocks.push(Block::Line("Not modelled (no price in the model):".into()));
        let rows = u
            .not_modelled
            .iter()
            .take(20)
            .map(not_modelled_row)
            .collect();
        blocks.push(Block::Grid(grid(rows)));
        if u.not_modelled.len() > 20 {
            let more = u.not_modelled.len() - 20;
            blocks.push(Block::Line(
                format!("… and {more} more (all in --format json or csv)").into(),
            ));
        }
    }
    let adjustments = u.adjustments.iter().map(|a| {
        let cost = crate::money::money(a.billed_cost);
        Text::new()
            .text("Not usage: ")
            .code(&a.line_item_type)
            .text(format!(" {cost} ({} rows), summed apart", a.rows))
    });
    blocks.push(plain_list(None, adjustments.collect()));
    let notes = u
        .notes
        .iter()
        .map(|n| Text::new().text(format!("note: {n}")));
    blocks.push(plain_list(None, notes.collect()));
    blocks
}

/// `usage` in `format`; a table fits in `width` characters.
pub fn usage(u: &Usage, format: Format, width: usize) -> String {
    match format {
        Format::Json => serde_json::to_string_pretty(u).unwrap_or_default() + "\n",
        Format::Csv => {
            let rows = u.usage.iter().map(usage_row).collect();
            csv(rows, &names(&usage_row(&sample_line())))
        }
        _ => lay_out(usage_view(u), format, width),
    }
}

/// A line with no figures, only for the CSV header of an empty report.
fn sample_line() -> Line {
    let c = crate::component::Component::RestRequests;
    Line {
        period: String::new(),
        region: String::new(),
        component: c.id(),
        usage_type: String::new(),
        operation: String::new(),
        quantity: Decimal::ZERO,
        unit: c.unit(),
        billed_cost: Decimal::ZERO,
        list_cost: None,
        book_cost: None,
        difference: None,
        rows: 0,
        mapped_by: "",
        product_less: false,
        id: c,
    }
}

fn calibration_view(c: &Calibration) -> Vec<Block> {
    let title = Text::new()
        .text("Calibrated ")
        .name(&c.scenario)
        .text(format!(
            " on the bill's {} to {} ({} hours); estimate against actual for that period:",
            c.period.from,
            c.period.to,
            c.period.hours.normalize()
        ));
    let rows = c.components.iter().map(calibration_row).collect();
    let set = c
        .calibrated
        .iter()
        .map(|(k, v)| Text::new().text("set ").code(k).text(format!(" = {v}")));
    let cannot = c
        .cannot_tell
        .iter()
        .map(|n| Text::new().text(format!("cannot tell: {n}")));
    vec![
        Block::Line(title),
        Block::Grid(grid(rows)),
        plain_list(None, set.collect()),
        plain_list(None, cannot.collect()),
    ]
}

/// `calibrate`'s report in `format` (the scenario itself goes to `--output`).
pub fn calibration(c: &Calibration, format: Format, width: usize) -> String {
    match format {
        Format::Json => serde_json::to_string_pretty(c).unwrap_or_default() + "\n",
        Format::Csv => {
            let rows = c.components.iter().map(calibration_row).collect();
            let empty = calibrate::Row {
                component: String::new(),
                billed_quantity: None,
                billed_cost: None,
                estimated_quantity: None,
                estimated_cost: None,
                difference: None,
                why: String::new(),
            };
            csv(rows, &names(&calibration_row(&empty)))
        }
        _ => lay_out(calibration_view(c), format, width),
    }
}
