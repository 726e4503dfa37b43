//! The Inputs sheet: every numeric scenario key as an editable cell named `<section>_<key>`, with
//! its unit, the range the scenario reader allows (as data validation and as a live range check),
//! and the reader's rules across keys; `inputs_ok` says whether all of them hold. Below, what the
//! export fixed (choices that are not numbers, which patterns are in the workbook); beside, each
//! pattern's live total and status. Every other cell of the workbook is locked.

use rust_decimal::Decimal;
use rust_xlsxwriter::{DataValidation, DataValidationRule, Formula, Worksheet, XlsxError};

use super::style::{self, Styles, absolute, float};
use super::{Book, Kind};
use crate::component::Component;
use crate::engine::sheet::CACHE_SIZES;
use crate::money::plain;
use crate::scenario::{INPUTS, Input, Kind as InputKind, Scenario, cross_checks, derived_default};

const SHEET: &str = "Inputs";
const FIRST: u32 = 4;
const VALUE: u16 = 1;
/// The column of each range check, cross check and `inputs_ok`.
const CHECK: u16 = 5;
/// Where the live totals start (column).
const TOTALS: u16 = 8;

pub(super) fn write(book: &mut Book<'_>) -> Result<(), XlsxError> {
    let s = book.scenario();
    let cache_priced = book.reads_price(Component::RestCache);
    let shown: Vec<&Input> = INPUTS
        .iter()
        .filter(|i| i.name != "traffic.requests_per_second" || s.given.contains(&i.name))
        .collect();
    let mut sheet = Worksheet::new();
    let ws = &mut sheet;
    ws.set_name(SHEET)?;
    let st = &book.styles;
    heading(ws, st, s, book.src.table.region.as_str())?;
    let mut checks = Vec::new();
    let mut names = Vec::new();
    let switched = super::profiles::switched(s);
    for (k, i) in shown.iter().enumerate() {
        let row = FIRST + k as u32;
        // An input a usage profile changes reads the selected profile's value (Profiles).
        let profile = switched.iter().position(|w| w.input.name == i.name);
        let profile = profile.map(|k| super::profiles::selected(k, 1 + s.profiles.len()));
        checks.push(input_row(ws, st, s, i, row, cache_priced, profile)?);
        names.push((i.cell_name(), row));
    }
    let next = FIRST + shown.len() as u32 + 1;
    let (ok_row, next) = cross(ws, st, s, next, &mut checks)?;
    fixed(ws, st, book, next)?;
    totals(ws, st, book)?;
    let mut widths = style::widths(
        ws,
        &[
            (0, 40.0),
            (1, 18.0),
            (2, 18.0),
            (3, 46.0),
            (4, 36.0),
            (5, 10.0),
            (6, 44.0),
        ],
    )?;
    widths.extend(style::widths(
        ws,
        &[(TOTALS, 14.0), (TOTALS + 1, 14.0), (TOTALS + 2, 50.0)],
    )?);
    ws.set_active(true);
    style::finish(ws, FIRST - 1, 1, &widths)?;
    book.wb.push_worksheet(sheet);
    for (name, row) in names {
        book.wb.define_name(name, &absolute(SHEET, row, VALUE))?;
    }
    book.wb
        .define_name("inputs_ok", &absolute(SHEET, ok_row, CHECK))?;
    Ok(())
}

fn heading(ws: &mut Worksheet, st: &Styles, s: &Scenario, region: &str) -> Result<(), XlsxError> {
    let title = format!("Inputs: {} ({}), {region}", s.name, s.path);
    ws.write_with_format(0, 0, title, &st.title)?;
    let note = "Edit the tinted cells: every formula in this workbook follows. A blank optional \
                cell is derived as in a scenario file; a cell holding a formula is a default that \
                follows other inputs (type a number to set it).";
    ws.write_with_format(1, 0, note, &st.note)?;
    let headers = [
        "Key",
        "Value",
        "Unit",
        "Allowed",
        "Defined name",
        "In range",
        "Note",
    ];
    for (c, h) in headers.iter().enumerate() {
        let format = if c == 1 {
            &st.header_figures
        } else {
            &st.header
        };
        ws.write_with_format(FIRST - 1, c as u16, *h, format)?;
    }
    Ok(())
}

/// One input's row; returns the reference of its range check.
fn input_row(
    ws: &mut Worksheet,
    st: &Styles,
    s: &Scenario,
    i: &Input,
    row: u32,
    cache_priced: bool,
    profile: Option<String>,
) -> Result<String, XlsxError> {
    let value = (i.get)(s);
    ws.write_with_format(row, 0, i.name, &st.text)?;
    let format = match i.kind {
        InputKind::Count => &st.input_whole,
        InputKind::Amount => &st.input_amount,
        InputKind::Number => &st.input,
    };
    match (profile.as_deref().or(derived_default(s, i.name)), value) {
        (Some(f), v) => {
            let cached = v.unwrap_or_default().normalize();
            style::formula(ws, row, VALUE, f, cached, format)?;
        }
        (None, Some(v)) => {
            ws.write_with_format(row, VALUE, float(v), format)?;
        }
        (None, None) => {
            ws.write_blank(row, VALUE, format)?;
        }
    }
    ws.write_with_format(row, 2, i.unit, &st.text)?;
    ws.write_with_format(row, 3, allowed(i), &st.note)?;
    ws.write_with_format(row, 4, i.cell_name(), &st.note)?;
    let cell = format!("B{}", row + 1);
    let test = in_range(i, &cell, cache_priced);
    style::formula(ws, row, CHECK, &test, "TRUE", &st.bold)?;
    let note = match profile {
        Some(_) => "the selected usage profile's value (Profiles)".to_owned(),
        None => note(s, i),
    };
    ws.write_with_format(row, 6, note, &st.note)?;
    ws.add_data_validation(row, VALUE, row, VALUE, &validation(i, cache_priced)?)?;
    Ok(format!("F{}", row + 1))
}

/// The range in words: "1 to 6, whole".
fn allowed(i: &Input) -> String {
    if i.name == "layout.cache_gb" {
        return "a cache size (Prices), or blank for none".to_owned();
    }
    let n = |d: Decimal| crate::money::number(d, 6);
    let whole = if i.whole() { ", whole" } else { "" };
    let blank = if i.optional() { "; blank: derived" } else { "" };
    format!("{} to {}{whole}{blank}", n(i.min), n(i.max))
}

/// The range check of the input in `cell`, as a spreadsheet condition.
fn in_range(i: &Input, cell: &str, cache_priced: bool) -> String {
    let optional = i.optional();
    let test = if i.name == "layout.cache_gb" && cache_priced {
        format!("ISNUMBER(MATCH({cell},{CACHE_SIZES},0))")
    } else {
        let whole = if i.whole() {
            format!(",{cell}=INT({cell})")
        } else {
            String::new()
        };
        format!(
            "AND(ISNUMBER({cell}),{cell}>={},{cell}<={}{whole})",
            plain(i.min),
            plain(i.max)
        )
    };
    if optional {
        format!("OR(ISBLANK({cell}),{test})")
    } else {
        test
    }
}

/// Data validation for the input's cell: its range, or the cache sizes.
fn validation(i: &Input, cache_priced: bool) -> Result<DataValidation, XlsxError> {
    let v = DataValidation::new();
    let v = if i.name == "layout.cache_gb" && cache_priced {
        v.allow_list_formula(Formula::new(format!("={CACHE_SIZES}")))
    } else if i.kind == InputKind::Count {
        let whole = |d: Decimal| d.to_string().parse::<i32>().unwrap_or(i32::MAX);
        v.allow_whole_number(DataValidationRule::Between(whole(i.min), whole(i.max)))
    } else {
        v.allow_decimal_number(DataValidationRule::Between(float(i.min), float(i.max)))
    };
    let message = format!("{}: {}", i.name, allowed(i));
    v.set_error_title("Out of range")?
        .set_error_message(message.chars().take(220).collect::<String>())
}

/// What a reader of the row should know: a derived default, an optional figure, a layout key.
fn note(s: &Scenario, i: &Input) -> String {
    let required = |feature: &str| !s.given.contains(&i.name) && s.requirements.needs(feature);
    match (derived_default(s, i.name), i.name) {
        (Some(_), _) => "default: follows the inputs in its formula".to_owned(),
        (None, "layout.cache_gb") if required("caching") => {
            "default: the smallest size, as caching is required".to_owned()
        }
        (None, "layout.cache_gb") => "REST APIs only; blank: no cache".to_owned(),
        (None, "layout.waf_rules") if required("waf") => {
            "default: AWS's baseline rules, as waf is required".to_owned()
        }
        (None, "layout.waf_rules") => "REST APIs only; blank: no web ACL".to_owned(),
        (None, "traffic.vpc_client_share") => "blank: 1 − on_premises_share".to_owned(),
        _ if i.section() == "layout" => "a refinement of every pattern's layout".to_owned(),
        _ => String::new(),
    }
}

/// The reader's rules across keys, then `inputs_ok`; returns its row and the next free row.
fn cross(
    ws: &mut Worksheet,
    st: &Styles,
    s: &Scenario,
    row: u32,
    checks: &mut Vec<String>,
) -> Result<(u32, u32), XlsxError> {
    ws.write_with_format(
        row,
        0,
        "Input checks (the scenario reader's rules across keys)",
        &st.header,
    )?;
    for c in 1..7 {
        let text = if c == CHECK { "Holds" } else { "" };
        ws.write_with_format(row, c, text, &st.header)?;
    }
    let mut r = row + 1;
    for c in cross_checks(s) {
        ws.write_with_format(r, 0, c.reason, &st.text)?;
        let cached = if c.holds { "TRUE" } else { "FALSE" };
        style::formula(ws, r, CHECK, c.formula, cached, &st.bold)?;
        ws.write_with_format(r, CHECK + 1, c.formula, &st.note)?;
        checks.push(format!("F{}", r + 1));
        r += 1;
    }
    ws.write_with_format(
        r,
        0,
        "All inputs in range and consistent (inputs_ok)",
        &st.bold,
    )?;
    let all = format!("AND({})", checks.join(","));
    style::formula(ws, r, CHECK, &all, "TRUE", &st.bold)?;
    Ok((r, r + 2))
}

/// `, with dx-data from --prices file fix.toml` when a `--prices` file gave some items.
pub(super) fn overlay(p: &crate::pricing::Provenance) -> String {
    p.overlay
        .as_ref()
        .map_or_else(String::new, |(file, items)| {
            format!(", with {} from --prices file {file}", items.join(", "))
        })
}

/// What the export fixed: the choices that are not numbers, and which patterns are here.
fn fixed(ws: &mut Worksheet, st: &Styles, book: &Book<'_>, row: u32) -> Result<(), XlsxError> {
    let s = book.scenario();
    let date = crate::report::view::data_dates(&book.src.report.prices);
    let mut lines = vec![format!(
        "region = \"{}\": prices from {}{}, {date}",
        s.region,
        book.src.table.origin,
        overlay(&book.src.report.prices)
    )];
    lines.extend(choices(s));
    lines.push(format!("--free-tier: {}", applied(book.src.opts.free_tier)));
    lines.push(format!(
        "--always-free: {}",
        applied(
            book.src.opts.always_free
                && crate::pricing::always_free::offered_in(&book.src.table.region)
        )
    ));
    let which = match book.src.kind {
        Kind::Estimate => {
            "The pattern priced is the scenario's layout (or --architecture).".to_owned()
        }
        Kind::Compare => format!(
            "The {} patterns here are those that applied at export; the others are listed on Compare.",
            book.parts.len()
        ),
    };
    lines.push(which);
    lines.push("Each pattern's layout (the line under its sheet's title) follows from these choices and from numbers: an edit that crosses a point where a pattern stops applying, or would be drawn differently, turns its Status to \"does not apply as exported\" and drops it from the ranking. Re-export to price the new layout.".to_owned());
    ws.write_with_format(row, 0, "Fixed at export (not formulas)", &st.header)?;
    for (k, line) in lines.iter().enumerate() {
        ws.write_with_format(row + 1 + k as u32, 0, line.as_str(), &st.text)?;
    }
    Ok(())
}

/// The scenario's keys that are not numbers, each as the scenario file spells it
/// (`topology.on_premises = "direct-connect"`).
fn choices(s: &Scenario) -> Vec<String> {
    crate::scenario::choices(s)
        .into_iter()
        .map(|(key, value)| format!("{key} = {value}"))
        .collect()
}

fn applied(on: bool) -> &'static str {
    if on { "applied" } else { "not applied" }
}

/// Each pattern's live total and status, beside the inputs.
fn totals(ws: &mut Worksheet, st: &Styles, book: &Book<'_>) -> Result<(), XlsxError> {
    ws.write_with_format(FIRST - 1, TOTALS, "Pattern", &st.header)?;
    ws.write_with_format(FIRST - 1, TOTALS + 1, "Monthly cost", &st.header_figures)?;
    ws.write_with_format(FIRST - 1, TOTALS + 2, "Status", &st.header)?;
    for (k, p) in book.parts.iter().enumerate() {
        let row = FIRST + k as u32;
        ws.write_with_format(row, TOTALS, p.sheet_name(), &st.bold)?;
        let total = p.sheet.estimate.monthly_cost.normalize();
        style::formula(ws, row, TOTALS + 1, &p.total_name(), total, &st.money)?;
        let status = p.status_name();
        let cached = super::pattern::status_now(p, book.src.kind);
        style::formula(ws, row, TOTALS + 2, &status, cached, &st.text)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::choices;

    #[test]
    fn choices_are_spelt_as_the_scenario_file_spells_them() {
        let text = r#"region = "us-east-1"
[traffic]
requests_per_month = 1000
on_premises_share = 0.5
[topology]
on_premises = "direct-connect"
regions = 2
backend = "alb"
[requirements]
rest_features = ["api-keys", "waf"]
[layout]
architecture = "R4"
nlb_listener = "tcp"
multi_region = "active-active"
"#;
        let s = crate::scenario::parse("s.toml", text).unwrap();
        let lines = choices(&s);
        for line in [
            r#"topology.backend = "alb""#,
            r#"topology.on_premises = "direct-connect""#,
            r#"requirements.rest_features = ["api-keys", "waf"]"#,
            r#"layout.nlb_listener = "tcp""#,
            r#"layout.multi_region = "active-active""#,
        ] {
            assert!(lines.iter().any(|l| l == line), "{line} in {lines:?}");
        }
        // Each line, read back as TOML, gives the scenario's own value.
        for line in &lines {
            let (key, value) = line.split_once(" = ").unwrap();
            let (_, key) = key.split_once('.').unwrap();
            let read: toml::Table = format!("{key} = {value}").parse().unwrap();
            let section = line.split_once('.').unwrap().0;
            let source: toml::Table = text.parse().unwrap();
            let given = source.get(section).and_then(|t| t.get(key));
            if let Some(given) = given {
                assert_eq!(Some(given), read.get(key), "{line}");
            }
        }
        let vpn = text.replace("direct-connect", "vpn");
        let s = crate::scenario::parse("s.toml", &vpn).unwrap();
        assert!(choices(&s).contains(&r#"topology.on_premises = "vpn""#.to_owned()));
    }
}
