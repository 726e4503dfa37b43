//! Presentation of exact decimals: the one place where amounts are rounded (half away from zero,
//! to the cent) and where numbers get thousands separators. The engine never rounds.

use rust_decimal::{Decimal, RoundingStrategy};

/// An amount rounded for display: half away from zero, to the cent.
pub fn round_cents(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// `$1,234.57`: rounded to the cent, with thousands separators.
pub fn money(amount: Decimal) -> String {
    let r = round_cents(amount);
    let sign = if r.is_sign_negative() && !r.is_zero() {
        "-"
    } else {
        ""
    };
    format!("{sign}${}", group(&format!("{:.2}", r.abs())))
}

/// A unit price in full precision: `$0.0000166667`, `$3.50` (at least two decimals).
pub fn price(p: Decimal) -> String {
    let n = p.normalize();
    if n.scale() < 2 {
        format!("${n:.2}")
    } else {
        format!("${n}")
    }
}

/// A plain number for tables and formulas: thousands separators, at most `dp` decimals
/// (rounded half away from zero), trailing zeros dropped.
pub fn number(q: Decimal, dp: u32) -> String {
    let r = q
        .round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
        .normalize();
    let s = r.abs().to_string();
    let sign = if r.is_sign_negative() && !r.is_zero() {
        "-"
    } else {
        ""
    };
    format!("{sign}{}", group(&s))
}

/// A request rate for people: `114.16/s`, or for trickles `0.000057/s (4.9 a day)`.
pub fn rate(per_second: Decimal) -> String {
    if per_second >= Decimal::new(1, 2) || per_second.is_zero() {
        format!("{}/s", number(per_second, 2))
    } else {
        format!(
            "{}/s ({} a day)",
            number(per_second, 6),
            number(per_second * Decimal::from(86_400), 1)
        )
    }
}

/// A plain number for machines (CSV, JSON): full precision, no separators, no exponent.
pub fn plain(q: Decimal) -> String {
    q.normalize().to_string()
}

fn group(s: &str) -> String {
    let (int, frac) = s.split_once('.').map_or((s, None), |(i, f)| (i, Some(f)));
    let mut out = String::with_capacity(s.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros_free::d;

    mod rust_decimal_macros_free {
        pub fn d(s: &str) -> rust_decimal::Decimal {
            s.parse().unwrap()
        }
    }

    #[test]
    fn rounds_half_away_from_zero_at_the_cent() {
        assert_eq!(money(d("0.005")), "$0.01");
        assert_eq!(money(d("0.015")), "$0.02"); // banker's rounding would give 0.02 too
        assert_eq!(money(d("0.025")), "$0.03"); // banker's would give 0.02
        assert_eq!(money(d("0.0049999")), "$0.00");
        assert_eq!(money(d("-0.005")), "-$0.01");
        assert_eq!(money(d("1234567.891")), "$1,234,567.89");
        assert_eq!(money(d("24.855")), "$24.86");
    }

    #[test]
    fn formats_prices_and_numbers() {
        assert_eq!(price(d("3.5")), "$3.50");
        assert_eq!(price(d("0.0000166667")), "$0.0000166667");
        assert_eq!(price(d("0.0225")), "$0.0225");
        assert_eq!(number(d("4380"), 4), "4,380");
        assert_eq!(number(d("15.735626220703125"), 4), "15.7356");
        assert_eq!(number(d("-1000.5"), 0), "-1,001");
        assert_eq!(plain(d("43.800")), "43.8");
    }
}
