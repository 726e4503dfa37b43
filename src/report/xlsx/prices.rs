//! The Prices sheet: every price item the pattern sheets read, one row per flat price, tier or
//! cache size, with its unit, source and effective date; each price and tier edge a named cell
//! (`price_<item>`, `price_<item>_<tier>`, `upto_<item>_<tier>`, the cache's two named columns),
//! and with `--free-tier` the allowances (`free_<item>`).

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::Book;
use super::style::{self, Styles, absolute, float};
use crate::component::Component;
use crate::engine::sheet::{
    CACHE_PRICES, CACHE_SIZES, always_free_name, edge_name, free_name, price_name,
};
use crate::pricing::{Price, Rate, always_free};
use rust_decimal::Decimal;

const SHEET: &str = "Prices";
const HEADERS: [&str; 10] = [
    "Price item",
    "What",
    "Tier",
    "From",
    "Up to",
    "Price",
    "Unit",
    "Defined name",
    "Source",
    "Effective date",
];

/// A defined name and the cells it names: column, first and last row.
type Named = (String, u16, u32, u32);

pub(super) fn write(book: &mut Book<'_>) -> Result<(), XlsxError> {
    let table = book.src.table;
    let used: Vec<Component> = Component::ALL
        .iter()
        .copied()
        .filter(|c| book.reads_price(*c))
        .collect();
    let free = allowances(book);
    let mut sheet = Worksheet::new();
    let ws = &mut sheet;
    ws.set_name(SHEET)?;
    let st = &book.styles;
    let p = &book.src.report.prices;
    let date = crate::report::view::data_dates(p);
    let origin = format!("{}{}", table.origin, super::inputs::overlay(p));
    let title = format!("Prices: {} ({origin}, {date}), USD", table.region);
    ws.write_with_format(0, 0, title, &st.title)?;
    let note = "The prices and tiers the pattern sheets read, by defined name. Tiers are \
                marginal: each unit is priced at the tier it falls in.";
    ws.write_with_format(1, 0, note, &st.note)?;
    for (c, h) in HEADERS.iter().enumerate() {
        // From, Up to and Price head figures.
        let format = if (3..=5).contains(&c) {
            &st.header_figures
        } else {
            &st.header
        };
        ws.write_with_format(3, c as u16, *h, format)?;
    }
    let mut row = 4;
    let mut names: Vec<Named> = Vec::new();
    for c in used {
        let Some(price) = table.get(c) else { continue };
        row = item(ws, st, row, c, price, &mut names)?;
    }
    for block in &free {
        row = allowance_rows(block, ws, st, row + 1, &mut names)?;
    }
    let widths = style::widths(
        ws,
        &[
            (0, 20.0),
            (1, 40.0),
            (2, 8.0),
            (3, 14.0),
            (4, 14.0),
            (5, 14.0),
            (6, 24.0),
            (7, 26.0),
            (8, 60.0),
            (9, 14.0),
        ],
    )?;
    style::finish(ws, 3, 1, &widths)?;
    book.wb.push_worksheet(sheet);
    for (name, c, first, last) in names {
        let target = if first == last {
            absolute(SHEET, first, c)
        } else {
            let letter = crate::engine::sheet::column_letter(c);
            format!("='{SHEET}'!${letter}${}:${letter}${}", first + 1, last + 1)
        };
        book.wb.define_name(name, &target)?;
    }
    Ok(())
}

/// A free allowance a month: the item, the quantity, its defined name, source and date.
struct Allowance {
    item: Component,
    quantity: Decimal,
    name: String,
    source: String,
    date: String,
}

/// The allowances the options take off, for the items the sheets price: API Gateway's free tier
/// (`--free-tier`, from the Region's table), then AWS's always-free ones (`--always-free`).
fn allowances(book: &Book<'_>) -> Vec<(&'static str, Vec<Allowance>)> {
    let table = book.src.table;
    let mut out = Vec::new();
    if book.src.opts.free_tier {
        let rows = table
            .free_tier
            .allowances
            .iter()
            .filter(|(c, a)| book.reads_price(*c) && !a.is_zero());
        let date = book
            .src
            .report
            .prices
            .effective_date()
            .unwrap_or("")
            .to_owned();
        let rows = rows.map(|(c, a)| Allowance {
            item: *c,
            quantity: *a,
            name: free_name(*c),
            source: table.free_tier.source.clone(),
            date: date.clone(),
        });
        let title = "Free tier (--free-tier): allowances a month, taken off before pricing";
        out.push((title, rows.collect()));
    }
    if book.src.opts.always_free && always_free::offered_in(&table.region) {
        let rows = always_free::allowances()
            .iter()
            .filter(|a| book.reads_price(a.component));
        let rows = rows.map(|a| Allowance {
            item: a.component,
            quantity: a.quantity,
            name: always_free_name(a.component),
            source: a.source.clone(),
            date: a.effective_date.clone(),
        });
        let title = "Always free (--always-free): allowances a month, taken off before pricing";
        out.push((title, rows.collect()));
    }
    out
}

/// One price item's rows from `row`; returns the next free row.
fn item(
    ws: &mut Worksheet,
    st: &Styles,
    mut row: u32,
    c: Component,
    price: &Price,
    names: &mut Vec<Named>,
) -> Result<u32, XlsxError> {
    let start = row;
    let line = |ws: &mut Worksheet, row: u32, name: &str| -> Result<(), XlsxError> {
        ws.write_with_format(row, 0, c.id(), &st.text)?;
        ws.write_with_format(row, 1, c.what(), &st.text)?;
        ws.write_with_format(row, 6, c.unit(), &st.text)?;
        ws.write_with_format(row, 7, name, &st.note)?;
        ws.write_with_format(row, 8, price.source.as_str(), &st.note)?;
        ws.write_with_format(row, 9, price.effective_date.as_str(), &st.text)?;
        if price.unverified {
            ws.write_with_format(row, 10, "unverified: no source confirms it", &st.note)?;
        }
        Ok(())
    };
    match &price.rate {
        Rate::Flat(p) => {
            let name = price_name(c, None);
            line(ws, row, &name)?;
            ws.write_with_format(row, 5, float(*p), &st.price)?;
            names.push((name, 5, row, row));
            row += 1;
        }
        Rate::Tiered(tiers) => {
            let mut from = Decimal::ZERO;
            for (i, t) in tiers.iter().enumerate() {
                let name = price_name(c, Some(i + 1));
                line(ws, row, &name)?;
                ws.write_with_format(row, 2, (i + 1) as f64, &st.text)?;
                ws.write_with_format(row, 3, float(from), &st.quantity)?;
                match t.up_to {
                    Some(u) => {
                        ws.write_with_format(row, 4, float(u), &st.quantity)?;
                        names.push((edge_name(c, i + 1), 4, row, row));
                        from = u;
                    }
                    None => {
                        ws.write_with_format(row, 4, "and over", &st.note)?;
                    }
                }
                ws.write_with_format(row, 5, float(t.price), &st.price)?;
                names.push((name, 5, row, row));
                row += 1;
            }
        }
        Rate::Sizes(sizes) => {
            for (gb, p) in sizes {
                line(ws, row, "cache size (GB) and hourly price")?;
                ws.write_with_format(row, 2, "size", &st.note)?;
                ws.write_with_format(row, 3, float(*gb), &st.quantity)?;
                ws.write_with_format(row, 5, float(*p), &st.price)?;
                row += 1;
            }
            names.push((CACHE_SIZES.to_owned(), 3, start, row - 1));
            names.push((CACHE_PRICES.to_owned(), 5, start, row - 1));
        }
    }
    Ok(row)
}

/// One block of allowances from `row`; returns the next free row.
fn allowance_rows(
    (title, rows): &(&str, Vec<Allowance>),
    ws: &mut Worksheet,
    st: &Styles,
    mut row: u32,
    names: &mut Vec<Named>,
) -> Result<u32, XlsxError> {
    ws.write_with_format(row, 0, *title, &st.bold)?;
    row += 1;
    for a in rows {
        ws.write_with_format(row, 0, a.item.id(), &st.text)?;
        ws.write_with_format(row, 1, a.item.what(), &st.text)?;
        ws.write_with_format(row, 2, "free", &st.note)?;
        ws.write_with_format(row, 5, float(a.quantity), &st.quantity)?;
        ws.write_with_format(row, 6, a.item.unit(), &st.text)?;
        ws.write_with_format(row, 7, a.name.as_str(), &st.note)?;
        ws.write_with_format(row, 8, a.source.as_str(), &st.note)?;
        ws.write_with_format(row, 9, a.date.as_str(), &st.text)?;
        names.push((a.name.clone(), 5, row, row));
        row += 1;
    }
    Ok(row)
}
