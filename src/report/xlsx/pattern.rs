//! One sheet per priced pattern: the layout as exported, its status (does it still apply after
//! the inputs were edited?), its total (`total_<id>`), then the meters' rows, each quantity and
//! cost a formula with its words beside it, and the checks the status is drawn from.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::style::{self, Styles, absolute};
use super::{Book, Kind, Part, quoted};
use crate::architecture::{Api, Dns, Endpoints, Facade, Integration, Layout, Reach};
use crate::engine::sheet::{COST_COLUMN, FIRST_ROW, Pricing, QUANTITY_COLUMN, Row};

/// Rows of the status and the total (0-based); their values are in column B.
pub const STATUS_ROW: u32 = 2;
pub const TOTAL_ROW: u32 = 3;

const HEADERS: [&str; 8] = [
    "Component",
    "What",
    "Quantity",
    "Unit",
    "Unit price",
    "Monthly cost",
    "Quantity formula",
    "Cost formula",
];

/// Writes the sheet of `book.parts[i]` and defines `total_<id>` and `status_<id>`.
pub(super) fn write(book: &mut Book<'_>, i: usize) -> Result<(), XlsxError> {
    let part = &book.parts[i];
    let kind = book.src.kind;
    let mut sheet = Worksheet::new();
    let ws = &mut sheet;
    ws.set_name(part.sheet_name())?;
    let st = &book.styles;
    heading(ws, st, part)?;
    for (c, h) in HEADERS.iter().enumerate() {
        // Quantity, Unit price and Monthly cost head figures.
        let format = if [2, 4, 5].contains(&c) {
            &st.header_figures
        } else {
            &st.header
        };
        ws.write_with_format(FIRST_ROW - 1, c as u16, *h, format)?;
    }
    for (r, row) in part.sheet.rows.iter().enumerate() {
        write_row(ws, st, FIRST_ROW + r as u32, row)?;
    }
    let last = FIRST_ROW + part.sheet.rows.len() as u32;
    let cost = crate::engine::sheet::column_letter(COST_COLUMN);
    let sum = format!("SUM({cost}{}:{cost}{last})", FIRST_ROW + 1);
    style::formula(
        ws,
        TOTAL_ROW,
        1,
        &sum,
        part.sheet.estimate.monthly_cost.normalize(),
        &st.money_bold,
    )?;
    let check_rows = checks(ws, st, (part, kind), last + 1)?;
    let formula = status(part, kind, &check_rows);
    style::formula(
        ws,
        STATUS_ROW,
        1,
        &formula,
        status_now(part, kind),
        &st.bold,
    )?;
    let widths = style::widths(
        ws,
        &[
            (0, 22.0),
            (1, 44.0),
            (2, 16.0),
            (3, 18.0),
            (4, 14.0),
            (5, 20.0),
            (6, 60.0),
            (7, 60.0),
        ],
    )?;
    style::finish(ws, FIRST_ROW - 1, 1, &widths)?;
    book.wb.push_worksheet(sheet);
    let name = part.sheet_name();
    book.wb
        .define_name(part.total_name(), &absolute(name, TOTAL_ROW, 1))?;
    book.wb
        .define_name(part.status_name(), &absolute(name, STATUS_ROW, 1))?;
    Ok(())
}

fn heading(ws: &mut Worksheet, st: &Styles, part: &Part) -> Result<(), XlsxError> {
    let p = part.pattern;
    ws.write_with_format(0, 0, format!("{}: {}", p.id, p.title), &st.title)?;
    let layout = format!(
        "Layout fixed at export: {}",
        describe(&part.sheet.estimate.layout)
    );
    ws.write_with_format(1, 0, layout, &st.note)?;
    ws.write_with_format(STATUS_ROW, 0, "Status", &st.bold)?;
    ws.write_with_format(TOTAL_ROW, 0, "Monthly total", &st.bold)?;
    let note = "Every quantity and cost is a formula over the Inputs and Prices sheets; \
                cached values are apigw-cost's own figures.";
    ws.write_with_format(4, 0, note, &st.note)?;
    Ok(())
}

/// One row: a line item (component, quantity, price, cost) or a figure line items share.
fn write_row(ws: &mut Worksheet, st: &Styles, r: u32, row: &Row) -> Result<(), XlsxError> {
    let (q, cost) = match row.engine {
        Some((q, c)) => (q, Some(c)),
        None => (row.quantity.value, row.cost.as_ref().map(|c| c.value)),
    };
    match row.component {
        Some(c) => ws.write_with_format(r, 0, c.id(), &st.text)?,
        None => ws.write_with_format(r, 0, "", &st.text)?,
    };
    let label = if row.component.is_some() {
        &st.text
    } else {
        &st.note
    };
    ws.write_with_format(r, 1, row.label.as_str(), label)?;
    style::expr(ws, r, QUANTITY_COLUMN, &row.quantity, q, &st.quantity)?;
    ws.write_with_format(r, 3, row.unit, &st.text)?;
    match (&row.unit_price, row.pricing) {
        (Some(p), _) => style::expr(ws, r, 4, p, p.value, &st.price)?,
        (None, Pricing::Tiered) => {
            ws.write_with_format(r, 4, "tiered (Prices)", &st.note)?;
        }
        (None, Pricing::Missing) => {
            ws.write_with_format(r, 4, "no price", &st.note)?;
        }
        (None, _) => {}
    }
    if let (Some(e), Some(c)) = (&row.cost, cost) {
        style::expr(ws, r, COST_COLUMN, e, c, &st.money)?;
    }
    ws.write_with_format(r, 6, row.quantity.words.as_str(), &st.note)?;
    if let Some(e) = &row.cost {
        ws.write_with_format(r, 7, e.words.as_str(), &st.note)?;
    }
    Ok(())
}

/// The checks below the rows, from `first` (0-based); returns each check's cell reference.
fn checks(
    ws: &mut Worksheet,
    st: &Styles,
    (part, kind): (&Part, Kind),
    first: u32,
) -> Result<Vec<String>, XlsxError> {
    let title = "Checks: while each is TRUE, this sheet prices the layout above";
    let head = [
        (0, title),
        (4, "Holds"),
        (5, "When broken"),
        (6, "Condition"),
    ];
    for c in 0..8 {
        let text = head.iter().find(|(k, _)| *k == c).map_or("", |(_, t)| *t);
        ws.write_with_format(first + 1, c, text, &st.header)?;
    }
    let inputs = "the inputs are in range and consistent (Inputs sheet)";
    let all = std::iter::once((inputs, "inputs_ok", true, false)).chain(
        part.checks()
            .map(|c| (c.reason.as_str(), c.formula.as_str(), c.holds, c.soft)),
    );
    let mut refs = Vec::new();
    for (k, (reason, formula, holds, soft)) in all.enumerate() {
        let r = first + 2 + k as u32;
        // Across the four columns before Holds, wrapped: a long reason is never clipped.
        ws.merge_range(r, 0, r, 3, reason, &st.wrapped)?;
        let lines = reason.chars().count().div_ceil(96).max(1);
        ws.set_row_height(r, 15.0 * lines as f64)?;
        let cached = if holds { "TRUE" } else { "FALSE" };
        style::formula(ws, r, 4, formula, cached, &st.bold)?;
        let when = if warns(part, kind, soft) {
            "a warning"
        } else {
            "does not apply"
        };
        ws.write_with_format(r, 5, when, &st.note)?;
        ws.write_with_format(r, 6, formula, &st.note)?;
        refs.push(format!("E{}", r + 1));
    }
    Ok(refs)
}

/// Whether breaking a check is a warning rather than a refusal: a soft rule or a requirement, on
/// the layout in use (`estimate`'s, or `compare`'s current one, which it judges as `estimate`
/// does).
fn warns(part: &Part, kind: Kind, soft: bool) -> bool {
    soft && (kind == Kind::Estimate || part.current)
}

/// The status's reasons in the order the status formula tests them: the inputs first, then
/// every refusal, then (for `estimate`) the warnings. Each: (cell index, text, holds now).
fn reasons(part: &Part, kind: Kind) -> Vec<(usize, String, bool)> {
    let inputs = (
        "the inputs are out of range or inconsistent (see Inputs)",
        false,
        true,
    );
    let all: Vec<(&str, bool, bool)> = std::iter::once(inputs)
        .chain(part.checks().map(|c| (c.reason.as_str(), c.soft, c.holds)))
        .collect();
    let warns = |soft: bool| warns(part, kind, soft);
    let text = |reason: &str, soft: bool| {
        if warns(soft) {
            format!("applies, with a warning: {reason}")
        } else {
            format!("does not apply as exported: {reason}")
        }
    };
    let refusals = (0..all.len()).filter(|&k| !warns(all[k].1));
    let warnings = (0..all.len()).filter(|&k| warns(all[k].1));
    refusals
        .chain(warnings)
        .map(|k| (k, text(all[k].0, all[k].1), all[k].2))
        .collect()
}

/// The status formula over the check cells `refs`: "applies", "applies, with a warning: …"
/// (a soft check, `estimate` only), or "does not apply as exported: …" naming the first broken
/// check.
fn status(part: &Part, kind: Kind, refs: &[String]) -> String {
    let mut formula = quoted("applies");
    for (k, text, _) in reasons(part, kind).iter().rev() {
        formula = format!("IF(NOT({}),{},{formula})", refs[*k], quoted(text));
    }
    formula
}

/// The status for the inputs as exported (the status cell's cached value).
pub(super) fn status_now(part: &Part, kind: Kind) -> String {
    reasons(part, kind)
        .into_iter()
        .find(|(_, _, holds)| !holds)
        .map_or_else(|| "applies".to_owned(), |(_, text, _)| text)
}

/// The layout's choices in words, for the line under the title.
pub fn describe(l: &Layout) -> String {
    let api = match l.api {
        Api::PrivateRest => "private REST API",
        Api::RegionalRest => "regional (public) REST API",
        Api::Http => "HTTP API",
        Api::WebSocket => "WebSocket API",
    };
    let endpoints = match l.endpoints {
        Endpoints::None => "no interface endpoint",
        Endpoints::PerVpc => "an interface endpoint in each consumer VPC",
        Endpoints::SharedTgw => "one shared endpoint over Transit Gateway",
    };
    let integration = match l.integration {
        Integration::Direct => "direct integration",
        Integration::Nlb => "VPC link to an NLB",
        Integration::Alb => "VPC link to an ALB",
        Integration::NlbToAlb => "VPC link to an NLB in front of an ALB",
        Integration::CloudMap => "VPC link to Cloud Map",
        Integration::LambdaProxy => "a VPC-enabled Lambda proxy",
    };
    let reach = match l.reach {
        Reach::SameAccount => "backends in the API's account",
        Reach::PrivateLink => "backends through PrivateLink",
        Reach::Peering => "backends through VPC peering",
        Reach::TransitGateway => "backends through Transit Gateway",
    };
    let dns = match l.dns {
        Dns::None => "",
        Dns::Alias => "; Route 53 alias",
        Dns::PublicName => "; endpoint public DNS name",
        Dns::Resolver => "; Resolver inbound endpoint",
    };
    let facade = match l.facade {
        Facade::None => "",
        Facade::Nlb => "; facade NLB in each Region",
        Facade::Alb => "; facade ALB in each Region",
        Facade::CustomDomain => "; private custom domain name",
    };
    let mode = if l.active_active {
        "; active-active"
    } else {
        ""
    };
    format!("{api}, {endpoints}, {integration}, {reach}{dns}{facade}{mode}")
}
