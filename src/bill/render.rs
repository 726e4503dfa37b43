//! `usage` and `calibrate` reports as text: a table for people, Markdown for a pull request or
//! wiki, CSV for a spreadsheet (full precision), JSON for programs (decimal strings).

use comfy_table::{CellAlignment, Table, presets::ASCII_MARKDOWN, presets::UTF8_FULL};
use rust_decimal::Decimal;

use super::calibrate::Calibration;
use super::usage::Usage;
use crate::money::{money, quantity};
use crate::report::Format;

fn opt(d: Option<Decimal>, f: fn(Decimal) -> String) -> String {
    d.map_or_else(|| "-".into(), f)
}

fn plain(d: Option<Decimal>) -> String {
    d.map_or_else(String::new, |d| d.normalize().to_string())
}

fn grid(markdown: bool, header: &[&str], rows: Vec<Vec<String>>, numeric_from: usize) -> String {
    let mut t = Table::new();
    t.load_style(if markdown { ASCII_MARKDOWN } else { UTF8_FULL });
    t.set_header(header.to_vec());
    for r in rows {
        t.add_row(r);
    }
    for i in numeric_from..header.len() {
        if let Some(c) = t.column_mut(i) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
    t.to_string()
}

fn csv(header: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(header);
    for r in rows {
        let _ = w.write_record(r);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

const USAGE_HEAD: [&str; 11] = [
    "period",
    "region",
    "component",
    "usage type",
    "operation",
    "quantity",
    "unit",
    "billed",
    "book price",
    "difference",
    "rows",
];

/// `usage` in `format`.
pub fn usage(u: &Usage, format: Format) -> String {
    match format {
        Format::Json => serde_json::to_string_pretty(u).unwrap_or_default() + "\n",
        Format::Csv => {
            let head = [
                "period",
                "region",
                "component",
                "usage_type",
                "operation",
                "quantity",
                "unit",
                "billed_cost",
                "list_cost",
                "book_cost",
                "difference",
                "rows",
            ];
            let rows = u
                .usage
                .iter()
                .map(|l| {
                    vec![
                        l.period.clone(),
                        l.region.clone(),
                        l.component.into(),
                        l.usage_type.clone(),
                        l.operation.clone(),
                        plain(Some(l.quantity)),
                        l.unit.into(),
                        plain(Some(l.billed_cost)),
                        plain(l.list_cost),
                        plain(l.book_cost),
                        plain(l.difference),
                        l.rows.to_string(),
                    ]
                })
                .collect();
            csv(&head, rows)
        }
        _ => usage_text(u, format == Format::Markdown),
    }
}

fn usage_text(u: &Usage, markdown: bool) -> String {
    let rows = u
        .usage
        .iter()
        .map(|l| {
            vec![
                l.period.clone(),
                l.region.clone(),
                l.component.into(),
                l.usage_type.clone(),
                l.operation.clone(),
                quantity(l.quantity),
                l.unit.into(),
                money(l.billed_cost),
                opt(l.book_cost, money),
                opt(l.difference, money),
                l.rows.to_string(),
            ]
        })
        .collect();
    let mut out = grid(markdown, &USAGE_HEAD, rows, 5);
    out.push('\n');
    if !u.not_modelled.is_empty() {
        out.push_str("\nNot modelled (no price in the model):\n");
        let rows = u
            .not_modelled
            .iter()
            .take(20)
            .map(|n| {
                vec![
                    n.product_code.clone(),
                    n.usage_type.clone(),
                    n.operation.clone(),
                    money(n.billed_cost),
                    n.rows.to_string(),
                ]
            })
            .collect();
        let head = ["product", "usage type", "operation", "billed", "rows"];
        out.push_str(&grid(markdown, &head, rows, 3));
        out.push('\n');
        if u.not_modelled.len() > 20 {
            out.push_str(&format!(
                "… and {} more (all in --format json or csv)\n",
                u.not_modelled.len() - 20
            ));
        }
    }
    for a in &u.adjustments {
        out.push_str(&format!(
            "\nNot usage: {} {} ({} rows), summed apart\n",
            a.line_item_type,
            money(a.billed_cost),
            a.rows
        ));
    }
    for n in &u.notes {
        out.push_str(&format!("\nnote: {n}"));
    }
    out.push('\n');
    out
}

const CAL_HEAD: [&str; 7] = [
    "component",
    "billed quantity",
    "billed",
    "estimated quantity",
    "estimated",
    "difference",
    "why",
];

/// `calibrate`'s report in `format` (the scenario itself goes to `--output`).
pub fn calibration(c: &Calibration, format: Format) -> String {
    if format == Format::Json {
        return serde_json::to_string_pretty(c).unwrap_or_default() + "\n";
    }
    let rows: Vec<Vec<String>> = c
        .components
        .iter()
        .map(|r| {
            let f = |d: Option<Decimal>| {
                if format == Format::Csv {
                    plain(d)
                } else {
                    opt(d, quantity)
                }
            };
            let m = |d: Option<Decimal>| {
                if format == Format::Csv {
                    plain(d)
                } else {
                    opt(d, money)
                }
            };
            vec![
                r.component.clone(),
                f(r.billed_quantity),
                m(r.billed_cost),
                f(r.estimated_quantity),
                m(r.estimated_cost),
                m(r.difference),
                r.why.clone(),
            ]
        })
        .collect();
    if format == Format::Csv {
        return csv(&CAL_HEAD, rows);
    }
    let mut out = format!(
        "Calibrated {} on the bill's {} to {} ({} hours); estimate against actual for that period:\n",
        c.scenario,
        c.period.from,
        c.period.to,
        c.period.hours.normalize()
    );
    out.push_str(&grid(format == Format::Markdown, &CAL_HEAD, rows, 1));
    out.push('\n');
    for (k, v) in &c.calibrated {
        out.push_str(&format!("\nset {k} = {v}"));
    }
    for n in &c.cannot_tell {
        out.push_str(&format!("\ncannot tell: {n}"));
    }
    out.push('\n');
    out
}
