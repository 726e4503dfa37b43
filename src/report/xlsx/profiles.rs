//! The Profiles sheet, for a scenario with usage profiles: a selector cell (named `profile`) and,
//! for each input a profile changes, its value in every profile (editable). Each such input on
//! the Inputs sheet is a formula that reads the selected profile's value, so choosing `high`
//! reprices every pattern as the high profile; typing a number over it sets it for all.

use rust_decimal::Decimal;
use rust_xlsxwriter::{DataValidation, Worksheet, XlsxError};

use super::Book;
use super::style::{self, Styles, float};
use crate::scenario::{BASE, INPUTS, Input, Scenario, derived_default};

const SHEET: &str = "Profiles";
/// The selector: row and column (B2).
const SELECTOR: (u32, u16) = (1, 1);
/// The header row of the values (profile names from column B).
const HEADER: u32 = 3;

/// One input a profile changes: its values in `base` and each profile, in order.
pub(super) struct Switched {
    pub input: &'static Input,
    pub values: Vec<Decimal>,
}

/// The scenario, then each profile's, in file order: (name, scenario).
fn runs(s: &Scenario) -> Vec<(&str, &Scenario)> {
    std::iter::once((BASE, s))
        .chain(s.profiles.iter().map(|p| (p.name.as_str(), &p.scenario)))
        .collect()
}

/// The inputs some profile gives another value, in the Inputs sheet's order. A default that
/// follows other inputs (a formula on Inputs) is left to follow them unless a profile sets it;
/// an optional figure left blank anywhere is not switched.
pub(super) fn switched(s: &Scenario) -> Vec<Switched> {
    let runs = runs(s);
    INPUTS
        .iter()
        .filter_map(|i| {
            let values: Option<Vec<Decimal>> = runs.iter().map(|(_, r)| (i.get)(r)).collect();
            let values = values?;
            let differs = values.iter().any(|v| *v != values[0]);
            let follows = derived_default(s, i.name).is_some()
                && !s.profiles.iter().any(|p| p.scenario.gives(i.name));
            (differs && !follows).then_some(Switched { input: i, values })
        })
        .collect()
}

/// The formula an Inputs cell holds for a switched input (the `k`th): the selected profile's
/// value.
pub(super) fn selected(k: usize, profiles: usize) -> String {
    let row = HEADER + 2 + k as u32;
    let last = crate::engine::sheet::column_letter(profiles as u16);
    format!(
        "INDEX('{SHEET}'!$B${row}:${last}${row},MATCH(profile,'{SHEET}'!$B${h}:${last}${h},0))",
        h = HEADER + 1
    )
}

/// Writes the Profiles sheet (the scenario has profiles) and names its selector `profile`.
pub(super) fn write(book: &mut Book<'_>) -> Result<(), XlsxError> {
    let s = book.scenario();
    let names: Vec<&str> = runs(s).iter().map(|(n, _)| *n).collect();
    let mut sheet = Worksheet::new();
    let ws = &mut sheet;
    ws.set_name(SHEET)?;
    let st = &book.styles;
    let title = format!("Usage profiles of {}: base is the scenario itself", s.name);
    ws.write_with_format(0, 0, title, &st.title)?;
    selector(ws, st, &names)?;
    ws.write_with_format(HEADER, 0, "Key", &st.header)?;
    for (c, n) in names.iter().enumerate() {
        ws.write_with_format(HEADER, 1 + c as u16, *n, &st.header)?;
    }
    for (k, sw) in switched(s).iter().enumerate() {
        let row = HEADER + 1 + k as u32;
        ws.write_with_format(row, 0, sw.input.name, &st.text)?;
        for (c, v) in sw.values.iter().enumerate() {
            ws.write_with_format(row, 1 + c as u16, float(*v), &st.input)?;
        }
    }
    let mut columns = vec![(0u16, 40.0)];
    columns.extend((0..names.len()).map(|c| (1 + c as u16, 14.0)));
    let widths = style::widths(ws, &columns)?;
    style::finish(ws, HEADER, 1, &widths)?;
    book.wb.push_worksheet(sheet);
    let (row, col) = SELECTOR;
    book.wb
        .define_name("profile", &style::absolute(SHEET, row, col))?;
    Ok(())
}

/// The selector cell, holding `base`, with the profile names as its choices.
fn selector(ws: &mut Worksheet, st: &Styles, names: &[&str]) -> Result<(), XlsxError> {
    let (row, col) = SELECTOR;
    ws.write_with_format(row, 0, "Profile priced (choose one)", &st.bold)?;
    ws.write_with_format(row, col, BASE, &st.input)?;
    let list = DataValidation::new()
        .allow_list_strings(names)?
        .set_error_title("Unknown profile")?
        .set_error_message(format!("choose one of: {}", names.join(", ")))?;
    ws.add_data_validation(row, col, row, col, &list)?;
    let note = "Every input below takes the chosen profile's value on the Inputs sheet, and \
                every total follows; the values are editable here.";
    ws.write_with_format(row, col + 2, note, &st.note)?;
    Ok(())
}
