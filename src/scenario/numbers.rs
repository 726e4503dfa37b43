//! A scenario's numbers read exactly from their TOML text: one rule for every key, profile and
//! `sweep --vary` range (no float in between; non-finite, too large and too precise refused).

use rust_decimal::Decimal;

pub(super) fn parse_int(text: &str, radix: u32) -> Result<Decimal, String> {
    let clean: String = text.chars().filter(|c| *c != '_').collect();
    i128::from_str_radix(&clean, radix)
        .ok()
        .and_then(|i| Decimal::try_from_i128_with_scale(i, 0).ok())
        .ok_or_else(|| format!("{text}, which is too large"))
}

/// Reads a float literal exactly from its text; refuses non-finite and out-of-range values.
pub fn parse_float(text: &str) -> Result<Decimal, String> {
    let clean: String = text.chars().filter(|c| *c != '_').collect();
    let lower = clean.to_ascii_lowercase();
    if lower.contains("inf") || lower.contains("nan") {
        return Err(format!("{text}, which is not a finite number"));
    }
    if let Some(why) = crate::pricing::check::too_precise(&clean) {
        return Err(format!("{text}, which {why}"));
    }
    let parsed = if lower.contains('e') {
        Decimal::from_scientific(&lower)
    } else {
        clean.parse::<Decimal>()
    };
    parsed.map_err(|_| format!("{text}, which is too large or too precise to compute with exactly"))
}
