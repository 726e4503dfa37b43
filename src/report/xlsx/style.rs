//! The workbook's cell formats, made once: titles, headers, editable inputs (unlocked, tinted),
//! money to the cent, quantities, unit prices at full precision, notes; and the helpers that
//! write a decimal as a number cell or as a formula with its cached result.

use rust_decimal::Decimal;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Formula, Worksheet, XlsxError};

use crate::engine::sheet::Expr;

/// Money to the cent, with thousands separators.
const MONEY: &str = "$#,##0.00";
/// Unit prices: at least two decimals, up to twelve.
const PRICE: &str = "$0.00##########";
/// Quantities: thousands grouped and two to four decimals from one up (730.00 and 1,460.00 alike,
/// not 730.00 beside 1,460), else the decimals that matter.
const QUANTITY: &str = "[>=1]#,##0.00##;0.00##########";
/// Whole numbers (a swept count or volume), thousands grouped.
const WHOLE: &str = "#,##0";
/// The widest a sheet may be (in characters, its columns' widths added) and still print on one
/// page wide in landscape at a readable size (about 70 %).
const FIT_WIDTH: f64 = 200.0;
/// The tint of cells a user may edit.
const INPUT_FILL: u32 = 0xFFF2CC;
const HEADER_FILL: u32 = 0xDDEBF7;

/// Every format the sheets use.
pub struct Styles {
    pub title: Format,
    pub header: Format,
    /// The header of a column of figures: right-aligned over them.
    pub header_figures: Format,
    pub text: Format,
    /// Text that wraps within its column (long notes, allowed values, checks).
    pub wrapped: Format,
    pub note: Format,
    pub bold: Format,
    /// A rank: bold, centred.
    pub rank: Format,
    pub input: Format,
    /// An input counted in whole numbers (thousands grouped).
    pub input_whole: Format,
    /// An input that is usually large (requests a month): grouped from ten thousand.
    pub input_amount: Format,
    pub money: Format,
    pub money_bold: Format,
    pub price: Format,
    pub quantity: Format,
    pub whole: Format,
}

impl Styles {
    pub fn new() -> Styles {
        let header = Format::new()
            .set_bold()
            .set_background_color(Color::RGB(HEADER_FILL))
            .set_border_bottom(FormatBorder::Thin);
        let input = Format::new()
            .set_unlocked()
            .set_background_color(Color::RGB(INPUT_FILL))
            .set_border_bottom(FormatBorder::Hair);
        Styles {
            title: Format::new().set_bold().set_font_size(14),
            header_figures: header.clone().set_align(FormatAlign::Right),
            header,
            text: Format::new(),
            wrapped: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            note: Format::new()
                .set_italic()
                .set_font_color(Color::RGB(0x595959)),
            bold: Format::new().set_bold(),
            rank: Format::new().set_bold().set_align(FormatAlign::Center),
            input: input.clone().set_num_format("General"),
            input_whole: input.clone().set_num_format("#,##0"),
            input_amount: input.set_num_format("[>=10000]#,##0;General"),
            money: Format::new().set_num_format(MONEY),
            money_bold: Format::new().set_num_format(MONEY).set_bold(),
            price: Format::new().set_num_format(PRICE),
            quantity: Format::new().set_num_format(QUANTITY),
            whole: Format::new().set_num_format(WHOLE),
        }
    }
}

/// What every sheet gets last: protection (no password; only input cells are unlocked), its
/// panes frozen below the header row `header` (and right of the first `columns`), and a page
/// setup in landscape that repeats the header row on every page and fits the sheet to one page
/// wide only when its columns (`widths`, in characters) stay readable so; a wider sheet prints
/// across pages at full size.
pub fn finish(
    ws: &mut Worksheet,
    header: u32,
    columns: u16,
    widths: &[f64],
) -> Result<(), XlsxError> {
    ws.set_landscape();
    ws.set_freeze_panes(header + 1, columns)?;
    ws.set_repeat_rows(header, header)?;
    if widths.iter().sum::<f64>() <= FIT_WIDTH {
        ws.set_print_fit_to_pages(1, 0);
    }
    ws.protect();
    Ok(())
}

/// Sets each (column, width) of `widths` and returns the widths, for [`finish`].
pub fn widths(ws: &mut Worksheet, widths: &[(u16, f64)]) -> Result<Vec<f64>, XlsxError> {
    for (c, w) in widths {
        ws.set_column_width(*c, *w)?;
    }
    Ok(widths.iter().map(|(_, w)| *w).collect())
}

/// A decimal as a spreadsheet number: the double nearest its digits (read from its text, as a
/// spreadsheet reads a cached result; a direct conversion can be an ulp off).
pub fn float(d: Decimal) -> f64 {
    crate::money::plain(d).parse().unwrap_or(0.0)
}

/// Writes `formula` at (`row`, `col`) with `cached` as its result.
pub fn formula(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    formula: &str,
    cached: impl ToString,
    format: &Format,
) -> Result<(), XlsxError> {
    let f = Formula::new(formula).set_result(cached.to_string());
    ws.write_formula_with_format(row, col, f, format)?;
    Ok(())
}

/// Writes an [`Expr`] as a formula cell whose cached result is `cached` (the engine's figure
/// when it has one, else the expression's own value).
pub fn expr(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    e: &Expr,
    cached: Decimal,
    format: &Format,
) -> Result<(), XlsxError> {
    formula(ws, row, col, &e.formula, cached.normalize(), format)
}

/// `Sheet!$C$7`: an absolute reference for a defined name, the sheet name quoted.
pub fn absolute(sheet: &str, row: u32, col: u16) -> String {
    let letter = crate::engine::sheet::column_letter(col);
    format!("='{}'!${letter}${}", sheet.replace('\'', "''"), row + 1)
}
