//! The Compare sheet (Summary for `estimate`): each pattern's total, rank and difference to the
//! cheapest, all formulas over the pattern sheets' `total_<id>` and `status_<id>`, so an edited
//! input re-ranks the designs; a pattern whose status no longer says "applies" leaves the
//! ranking. Below: the patterns that did not apply at export (compare) or the warnings (estimate).

use rust_decimal::Decimal;
use rust_xlsxwriter::{Worksheet, XlsxError};

use super::style::{self, Styles};
use super::{Book, Kind};

const FIRST: u32 = 4;
const HEADERS: [&str; 8] = [
    "Rank",
    "Pattern",
    "Name",
    "Monthly cost",
    "Difference to the cheapest",
    "Current layout",
    "Status",
    "Cost if it applies",
];

pub(super) fn write(book: &mut Book<'_>) -> Result<(), XlsxError> {
    let kind = book.src.kind;
    let s = book.scenario();
    let name = if kind == Kind::Estimate {
        "Summary"
    } else {
        "Compare"
    };
    let mut sheet = Worksheet::new();
    let ws = &mut sheet;
    ws.set_name(name)?;
    let st = &book.styles;
    let title = match kind {
        Kind::Estimate => format!("Summary: {}, {}", s.name, s.region),
        Kind::Compare => format!(
            "Compare: {}, {}: every pattern that applied at export",
            s.name, s.region
        ),
    };
    ws.write_with_format(0, 0, title, &st.title)?;
    let note = "Totals, ranks and differences are formulas over the pattern sheets: edit the \
                Inputs sheet and they follow. Rank 1 is the cheapest pattern that still applies.";
    ws.write_with_format(1, 0, note, &st.note)?;
    for (c, h) in HEADERS.iter().enumerate() {
        // Monthly cost, the difference and the hidden cost head figures.
        let format = if [3, 4, 7].contains(&c) {
            &st.header_figures
        } else {
            &st.header
        };
        ws.write_with_format(FIRST - 1, c as u16, *h, format)?;
    }
    rows(ws, st, book)?;
    let after = FIRST + book.parts.len() as u32 + 1;
    match kind {
        Kind::Compare => not_applicable(ws, st, book, after)?,
        Kind::Estimate => warnings(ws, st, book, after)?,
    }
    // The last column is hidden: it does not count towards the printed width.
    let widths = style::widths(
        ws,
        &[
            (0, 6.0),
            (1, 18.0),
            (2, 60.0),
            (3, 14.0),
            (4, 24.0),
            (5, 14.0),
            (6, 60.0),
        ],
    )?;
    ws.set_column_width(7, 14)?;
    ws.set_column_hidden(7)?;
    style::finish(ws, FIRST - 1, 2, &widths)?;
    book.wb.push_worksheet(sheet);
    Ok(())
}

/// One row per pattern, in the engine's order (cheapest first at export).
fn rows(ws: &mut Worksheet, st: &Styles, book: &Book<'_>) -> Result<(), XlsxError> {
    let last = FIRST + book.parts.len() as u32;
    let helper = format!("$H${}:$H${last}", FIRST + 1);
    let totals: Vec<Decimal> = book
        .parts
        .iter()
        .map(|p| p.sheet.estimate.monthly_cost)
        .collect();
    let cheapest = totals.iter().copied().min().unwrap_or_default();
    for (k, p) in book.parts.iter().enumerate() {
        let row = FIRST + k as u32;
        let total = totals[k];
        let h = format!("H{}", row + 1);
        let rank = format!("IF(ISNUMBER({h}),RANK({h},{helper},1),\"—\")");
        let cached_rank = 1 + totals.iter().filter(|t| **t < total).count();
        style::formula(ws, row, 0, &rank, cached_rank, &st.rank)?;
        ws.write_with_format(row, 1, p.sheet_name(), &st.bold)?;
        ws.write_with_format(row, 2, p.pattern.title, &st.text)?;
        let (t, s) = (p.total_name(), p.status_name());
        style::formula(ws, row, 3, &t, total.normalize(), &st.money)?;
        let diff = format!("IF(ISNUMBER({h}),{h}-MIN({helper}),\"—\")");
        style::formula(ws, row, 4, &diff, (total - cheapest).normalize(), &st.money)?;
        if p.current && book.src.kind == Kind::Compare {
            ws.write_with_format(row, 5, "current", &st.bold)?;
        }
        let status = super::pattern::status_now(p, book.src.kind);
        style::formula(ws, row, 6, &s, status, &st.text)?;
        let applies = format!("IF(LEFT({s},7)=\"applies\",{t},\"\")");
        style::formula(ws, row, 7, &applies, total.normalize(), &st.money)?;
    }
    Ok(())
}

/// The patterns that did not apply at export, with why.
fn not_applicable(
    ws: &mut Worksheet,
    st: &Styles,
    book: &Book<'_>,
    row: u32,
) -> Result<(), XlsxError> {
    ws.write_with_format(row, 1, "Pattern", &st.header)?;
    let title = "Did not apply at export (so not in this workbook): why";
    ws.write_with_format(row, 2, title, &st.header)?;
    for (k, n) in book.src.report.not_applicable.iter().enumerate() {
        let r = row + 1 + k as u32;
        ws.write_with_format(r, 1, n.pattern.id, &st.text)?;
        ws.write_with_format(r, 2, n.reasons.join("; "), &st.note)?;
    }
    Ok(())
}

/// The estimate's warnings, as the engine gave them at export.
fn warnings(ws: &mut Worksheet, st: &Styles, book: &Book<'_>, row: u32) -> Result<(), XlsxError> {
    ws.write_with_format(row, 1, "Warnings at export", &st.header)?;
    ws.write_with_format(row, 2, "", &st.header)?;
    let all = book
        .parts
        .iter()
        .flat_map(|p| p.sheet.estimate.warnings.iter());
    for (k, w) in all.enumerate() {
        ws.write_with_format(row + 1 + k as u32, 2, w.as_str(), &st.note)?;
    }
    Ok(())
}
