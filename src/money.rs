//! Presentation of exact decimals: the one place where amounts are rounded (half away from zero,
//! to the cent; a column of amounts by largest remainder, so that what is shown adds up) and
//! where numbers get thousands separators and enough significant digits to check by hand. The
//! engine never rounds.

use rust_decimal::{Decimal, RoundingStrategy};

/// An amount rounded for display: half away from zero, to the cent. The same value, scale and
/// sign as `round_dp_with_strategy(2, MidpointAwayFromZero)`, worked out on the 128-bit
/// mantissa (a sweep rounds a dozen costs at each of a million steps; the decimal rounding
/// divides 96-bit numbers for each).
pub fn round_cents(amount: Decimal) -> Decimal {
    round_places(amount, 2)
}

/// `amount` rounded half away from zero to `places` decimal places (kept as is with no more),
/// on its 128-bit mantissa: the value, scale and sign that
/// `round_dp_with_strategy(places, MidpointAwayFromZero)` gives, a fraction of the cost. A
/// sweep rounds each charge to 20 places and each column to the cent at a million steps.
pub fn round_places(amount: Decimal, places: u32) -> Decimal {
    let scale = amount.scale();
    if scale <= places {
        return amount;
    }
    let m = amount.mantissa();
    let unit = POW10[(scale - places) as usize];
    let (q, r) = (m / unit, m % unit);
    let q = if r.abs() * 2 >= unit {
        q + m.signum()
    } else {
        q
    };
    // Rounded to zero, a negative amount is zero, as the decimal rounding leaves it.
    Decimal::from_i128_with_scale(q, places)
}

/// 10^0 to 10^38: every power of ten an i128 holds.
pub const POW10: [i128; 39] = {
    let mut p = [1i128; 39];
    let mut i = 1;
    while i < 39 {
        p[i] = p[i - 1] * 10;
        i += 1;
    }
    p
};

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

/// `amounts` rounded to the cent so that they add up to `total` (itself a whole number of
/// cents): each is rounded down, then the cents still missing go, one each, to the amounts that
/// lost the most (largest remainder; the earlier one on a tie). With `total` the rounded sum,
/// no amount moves by a cent or more from its exact value.
pub fn apportion(amounts: &[Decimal], total: Decimal) -> Vec<Decimal> {
    let cent = Decimal::new(1, 2);
    let mut shown: Vec<Decimal> = amounts
        .iter()
        .map(|a| a.round_dp_with_strategy(2, RoundingStrategy::ToNegativeInfinity))
        .collect();
    if shown.is_empty() {
        return shown;
    }
    let mut order: Vec<usize> = (0..amounts.len()).collect();
    order.sort_by_key(|i| std::cmp::Reverse(amounts[*i] - shown[*i]));
    let missing = ((total - shown.iter().sum::<Decimal>()) / cent).round();
    // Cents to take away come off the amounts that lost the least.
    let step = if missing.is_sign_negative() {
        order.reverse();
        -cent
    } else {
        cent
    };
    let count = rust_decimal::prelude::ToPrimitive::to_usize(&missing.abs()).unwrap_or(0);
    for i in order.iter().cycle().take(count) {
        shown[*i] += step;
    }
    shown
}

/// `amounts` rounded to the cent so that they add up to their rounded sum.
pub fn apportion_sum(amounts: &[Decimal]) -> Vec<Decimal> {
    apportion(amounts, round_cents(amounts.iter().sum()))
}

/// `q` rounded (half away from zero) to `dp` decimals, or to `sig` significant digits when
/// that keeps more: `2,861.0229` at 4 decimals, `0.00015` and `0.009709` at 4 digits.
pub fn round_sig(q: Decimal, dp: u32, sig: u32) -> Decimal {
    let away = RoundingStrategy::MidpointAwayFromZero;
    if q.is_zero() {
        return q;
    }
    // Decimals before the first significant digit: 0 for |q| >= 0.1.
    let magnitude = q.abs().trunc().is_zero().then(|| {
        let mut zeros = 0;
        let mut x = q.abs();
        while x < Decimal::new(1, 1) {
            x *= Decimal::TEN;
            zeros += 1;
        }
        zeros + 1
    });
    let needed = magnitude.map_or(0, |m| m + sig - 1);
    q.round_dp_with_strategy(dp.max(needed).min(28), away)
}

/// A quantity for people: thousands separators, at most 4 decimals but at least 4 significant
/// digits, so a small figure is never shown as 0 and its arithmetic checks.
pub fn quantity(q: Decimal) -> String {
    number(round_sig(q, 4, 4), 28)
}

/// A scenario key's value for people (a sweep's steps and break-even points): at most 6
/// decimals but at least 6 significant digits, so `0.0000005` is not shown as `0.000001`.
pub fn figure(v: Decimal) -> String {
    number(round_sig(v, 6, 6), 28)
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

/// A label where `[s]` (or `[es]`) marks a plural ending, dropped for one: `NLB[s]` is "NLB"
/// for one and "NLBs" for any other count.
pub fn label(label: &str, one: bool) -> String {
    let mut out = String::with_capacity(label.len() + 2);
    let mut rest = label;
    while let Some(open) = rest.find('[') {
        let (head, tail) = rest.split_at(open);
        out.push_str(head);
        match [("[s]", "s"), ("[es]", "es")]
            .into_iter()
            .find(|(mark, _)| tail.starts_with(mark))
        {
            Some((mark, plural)) => {
                out.push_str(if one { "" } else { plural });
                rest = &tail[mark.len()..];
            }
            None => {
                out.push('[');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A count and its noun: `count(1, "AZ[s]")` is "1 AZ", `count(3, "AZ[s]")` "3 AZs".
pub fn count(n: impl Into<Decimal>, noun: &str) -> String {
    let n = n.into();
    format!("{} {}", number(n, 28), label(noun, n == Decimal::ONE))
}

/// A plain number for machines (CSV, JSON): full precision, no separators, no exponent.
pub fn plain(q: Decimal) -> String {
    q.normalize().to_string()
}

/// [`plain`] appended to `out` as bytes, without a `String` or the formatting machinery: what a
/// sweep writes millions of times. The same text as `plain` (a test holds it to that).
pub fn push_plain(out: &mut Vec<u8>, q: Decimal) {
    let (mut m, mut scale) = (q.mantissa(), q.scale());
    // Trailing zeros off, in 64 bits where the mantissa fits (an amount in cents always does).
    if let Ok(mut small) = i64::try_from(m) {
        while scale > 0 && small % 10 == 0 {
            small /= 10;
            scale -= 1;
        }
        m = i128::from(small);
    } else {
        while scale > 0 && m % 10 == 0 {
            m /= 10;
            scale -= 1;
        }
    }
    if m < 0 {
        out.push(b'-');
    }
    let mut buf = [0u8; 40];
    let digits = digits_of(m.unsigned_abs(), &mut buf);
    let scale = scale as usize;
    if scale == 0 {
        out.extend_from_slice(digits);
    } else if digits.len() > scale {
        let (int, frac) = digits.split_at(digits.len() - scale);
        out.extend_from_slice(int);
        out.push(b'.');
        out.extend_from_slice(frac);
    } else {
        out.extend_from_slice(b"0.");
        out.resize(out.len() + scale - digits.len(), b'0');
        out.extend_from_slice(digits);
    }
}

/// The decimal digits of `n` (at most 96 bits: a decimal's mantissa), at the end of `buf`.
fn digits_of(n: u128, buf: &mut [u8; 40]) -> &[u8] {
    const E19: u128 = 10_000_000_000_000_000_000;
    let mut at = buf.len();
    let mut put = |mut v: u64, pad: bool| {
        let stop = at.saturating_sub(19);
        loop {
            at -= 1;
            buf[at] = b'0' + (v % 10) as u8;
            v /= 10;
            if v == 0 && (!pad || at == stop) {
                break;
            }
        }
    };
    if n >= E19 {
        put((n % E19) as u64, true);
        put((n / E19) as u64, false);
    } else {
        put(n as u64, false);
    }
    &buf[at..]
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
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn round_cents_is_the_decimal_rounding(m in any::<i64>(), hi in any::<i32>(), scale in 0u32..=28) {
            let d = Decimal::from_i128_with_scale((i128::from(hi) << 64) | i128::from(m as u64), scale);
            let want = d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
            let got = round_cents(d);
            prop_assert_eq!(got.to_string(), want.to_string());
            prop_assert_eq!(got.is_sign_negative(), want.is_sign_negative());
        }

        #[test]
        fn round_places_is_the_decimal_rounding(m in any::<i64>(), hi in any::<i32>(), scale in 0u32..=28, places in 0u32..=28) {
            let d = Decimal::from_i128_with_scale((i128::from(hi) << 64) | i128::from(m as u64), scale);
            let want = d.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
            let got = round_places(d, places);
            prop_assert_eq!(got.to_string(), want.to_string());
            prop_assert_eq!(got.is_sign_negative(), want.is_sign_negative());
        }
    }

    #[test]
    fn round_cents_rounds_half_away_from_zero() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        for (x, want) in [
            ("1.005", "1.01"),
            ("-1.005", "-1.01"),
            ("1.00499", "1.00"),
            ("-0.001", "0.00"),
            ("2.5", "2.5"),
        ] {
            assert_eq!(round_cents(d(x)), d(want), "{x}");
            let exact = d(x).round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
            assert_eq!(round_cents(d(x)).to_string(), exact.to_string(), "{x}");
        }
    }

    use super::*;

    #[test]
    fn push_plain_writes_what_plain_writes() {
        let mut cases: Vec<Decimal> = [
            "0",
            "-0",
            "0.00",
            "1",
            "10",
            "100.500",
            "0.05",
            "0.000000001",
            "-12.340",
            "79228162514264337593543950335",
            "-79228162514264337593543950335",
            "7.9228162514264337593543950335",
            "0.0000000000000000000000000001",
            "10000000000000000000",
            "9999999999999999999",
            "12345678901234567890.5",
        ]
        .iter()
        .map(|s| s.parse().unwrap())
        .collect();
        cases.extend(
            (0..200u32)
                .map(|i| Decimal::from_i128_with_scale(7i128.pow(i % 33) + i as i128, i % 29)),
        );
        for q in cases {
            let mut out = Vec::new();
            push_plain(&mut out, q);
            assert_eq!(String::from_utf8(out).unwrap(), plain(q), "{q:?}");
        }
    }
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
    fn apportioned_amounts_add_up_to_the_rounded_total() {
        let items = [
            d("1050"),
            d("14.6"),
            d("28.6102294921875"),
            d("16.425"),
            d("17.16613769531"),
        ];
        let sum: Decimal = items.iter().sum();
        let shown = apportion_sum(&items);
        assert_eq!(shown.iter().sum::<Decimal>(), round_cents(sum));
        assert_eq!(round_cents(sum), d("1126.80"));
        for (a, s) in items.iter().zip(&shown) {
            assert!((a - s).abs() < d("0.01"), "{a} shown {s}");
        }
        // Three thirds of a cent each: one of them shows the cent.
        let third = d("0.0033333333333333333333333333");
        assert_eq!(
            apportion_sum(&[third, third, third]),
            [d("0.01"), d("0"), d("0")]
        );
        // Signed amounts, toward a total other than their rounded sum (a saving shown as the
        // difference of two rounded costs).
        let shown = apportion(&[d("5.006"), d("-1.001")], d("4.00"));
        assert_eq!(shown.iter().sum::<Decimal>(), d("4.00"));
        assert!(apportion(&[], Decimal::ZERO).is_empty());
    }

    #[test]
    fn small_quantities_keep_significant_digits() {
        assert_eq!(quantity(d("0.00015")), "0.00015");
        assert_eq!(quantity(d("0.0097090000001")), "0.009709");
        assert_eq!(quantity(d("2861.02294921875")), "2,861.0229");
        assert_eq!(quantity(d("0.123456")), "0.1235");
        assert_eq!(quantity(d("4380")), "4,380");
        assert_eq!(quantity(Decimal::ZERO), "0");
        assert_eq!(round_sig(d("-0.000123456"), 6, 6), d("-0.000123456"));
    }

    #[test]
    fn a_key_value_keeps_six_significant_digits_when_small() {
        assert_eq!(figure(d("0.0000005")), "0.0000005");
        assert_eq!(figure(d("0.00000123456789")), "0.00000123457");
        assert_eq!(figure(d("786027")), "786,027");
        assert_eq!(figure(d("0.25")), "0.25");
        assert_eq!(figure(d("1.1234567")), "1.123457");
    }

    #[test]
    fn counts_say_one_or_many() {
        assert_eq!(count(1u32, "AZ[s]"), "1 AZ");
        assert_eq!(count(2u32, "AZ[s]"), "2 AZs");
        assert_eq!(count(0u32, "pattern[s] appl[ies]"), "0 patterns appl[ies]");
        assert_eq!(count(1u32, "IP address[es]"), "1 IP address");
        assert_eq!(
            label("endpoint[s] [a] in VPC[s]", false),
            "endpoints [a] in VPCs"
        );
        assert_eq!(
            count(1000u32, "consumer endpoint[s]"),
            "1,000 consumer endpoints"
        );
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
