//! What a price table's values may be, beyond their shape: tables come from outside (mirrors,
//! colleagues, hand edits), so a tampered or damaged one must be refused, not shown as data.
//! Each rule is stated once here and checked per file and per item: real dates not far in the
//! future, Region identifiers, tiers whose prices never rise with volume, no duplicate sizes,
//! no number more precise than a decimal can hold, zero only where AWS's own data has a zero,
//! free tiers no larger than AWS's.

use rust_decimal::Decimal;

use super::Tier;
use crate::component::Component;

/// How far past today an `effective_date` may be. AWS announces price changes ahead (its price
/// list carries future effective dates for them), but not by more than a year.
pub const FUTURE_MARGIN_DAYS: i64 = 366;

/// The oldest date a price can have: AWS sold nothing before S3 opened on 2006-03-14.
const EARLIEST: (i64, i64, i64) = (2006, 3, 14);

/// The most significant digits (and decimal places) a price or amount may have: what
/// `rust_decimal` holds exactly. More would be cut silently.
pub const MAX_DIGITS: usize = 28;

/// The items whose first tier AWS's own data prices at zero, and where.
const ZERO_FIRST_TIER: &[(Component, &str)] = &[
    (
        Component::HealthChecks,
        "Route 53 prices the first 50 health checks of AWS endpoints at $0 (AWS pricing-page data route53-healthchecks-2025-08-28)",
    ),
    (
        Component::DataTransferOut,
        "AWS Price List AWSLambda 20161207 prices DataTransfer-Out-Bytes 0 to 1 GB at $0",
    ),
    (
        Component::LambdaRequests,
        "AWS Price List AWSLambda 20161207 prices Request 0 to 1,000,000 at $0",
    ),
    (
        Component::LambdaDuration,
        "AWS Price List AWSLambda 20161207 prices Lambda-GB-Second 0 to 400,000 at $0",
    ),
];

/// API Gateway's free tier per month, in each item's unit (AWS's API Gateway pricing page):
/// a table may offer less, never more.
const FREE_TIER_MOST: &[(Component, Decimal)] = &[
    (Component::RestRequests, Decimal::ONE),
    (Component::HttpRequests, Decimal::ONE),
    (Component::WebsocketMessages, Decimal::ONE),
    (
        Component::WebsocketMinutes,
        Decimal::from_parts(75, 0, 0, false, 2),
    ),
];

/// Whether a number written `s` has more significant digits or decimal places than a decimal
/// holds (`0.1234567890123456789012345678901234567890`, `1e-400`): one rule for price tables,
/// scenarios and `sweep --vary`, so a number is refused rather than cut. Underscores (TOML's
/// digit separators) are ignored; a number too large is left to the parser to name.
pub fn too_precise(s: &str) -> Option<String> {
    let shown = s.trim();
    let clean: String = shown.chars().filter(|c| *c != '_').collect();
    let body = clean.trim_start_matches(['+', '-']).to_ascii_lowercase();
    let (mantissa, exp) = match body.split_once('e') {
        Some((m, e)) => (m, e.parse::<i64>().ok()?),
        None => (body.as_str(), 0),
    };
    if mantissa.is_empty() || !mantissa.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None; // not a plain decimal: the parser says what it is
    }
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = format!("{int}{frac}");
    let digits = digits.trim_start_matches('0');
    let trimmed = digits.trim_end_matches('0');
    if trimmed.is_empty() {
        return None; // zero, however written
    }
    // The value is `trimmed` × 10^power.
    let power = exp
        .saturating_sub(frac.len() as i64)
        .saturating_add((digits.len() - trimmed.len()) as i64);
    let places = power.saturating_neg().max(0);
    (trimmed.len() > MAX_DIGITS || places > MAX_DIGITS as i64).then(|| {
        format!(
            "is too precise: at most {MAX_DIGITS} significant digits and {MAX_DIGITS} decimal places, found \"{shown}\" (a longer number would be cut, not kept)"
        )
    })
}

/// The problem with an `effective_date`, if any: it must be a real date (`YYYY-MM-DD`, or
/// AWS's `YYYY-MM-DDTHH:MM:SSZ`), not before 2006-03-14 and not more than
/// [`FUTURE_MARGIN_DAYS`] after `today` (days since 1970-01-01).
pub fn date(s: &str, today: i64) -> Option<String> {
    let Some(days) = real_date(s) else {
        return Some(format!(
            "must be a real date, YYYY-MM-DD (or AWS's YYYY-MM-DDTHH:MM:SSZ), found \"{s}\""
        ));
    };
    let (y, m, d) = EARLIEST;
    if days < days_from_civil(y, m, d) {
        return Some(format!(
            "\"{s}\" is before 2006-03-14, when AWS first sold anything"
        ));
    }
    if days > today + FUTURE_MARGIN_DAYS {
        return Some(format!(
            "\"{s}\" is more than {FUTURE_MARGIN_DAYS} days in the future: AWS announces price changes ahead, but not that far"
        ));
    }
    None
}

/// Days since 1970-01-01 of a real date written `YYYY-MM-DD[THH:MM:SSZ]`.
fn real_date(s: &str) -> Option<i64> {
    let (day, time) = match s.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (s, None),
    };
    if let Some(t) = time {
        let b = t.as_bytes();
        let ok = b.len() == 9
            && b[8] == b'Z'
            && b[2] == b':'
            && b[5] == b':'
            && [0, 3, 6]
                .iter()
                .all(|&i| b[i..i + 2].iter().all(u8::is_ascii_digit))
            && t[0..2] < *"24"
            && t[3..5] < *"60"
            && t[6..8] < *"60";
        if !ok {
            return None;
        }
    }
    let b = day.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        b[r.clone()]
            .iter()
            .all(u8::is_ascii_digit)
            .then(|| day[r].parse().ok())?
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days_in = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    ((1..=12).contains(&m) && d >= 1 && d <= days_in[(m - 1) as usize])
        .then(|| days_from_civil(y, m, d))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Today, in days since 1970-01-01 (UTC).
pub fn today() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| (d.as_secs() / 86_400) as i64)
}

/// Where AWS's data prices `c`'s first tier at zero, if it does.
fn zero_first_tier(c: Component) -> Option<&'static str> {
    ZERO_FIRST_TIER
        .iter()
        .find(|(z, _)| *z == c)
        .map(|(_, why)| *why)
}

/// The refusal of a zero price where AWS's data has none.
fn zero_refused(c: Component, what: &str) -> String {
    let allowed: Vec<&str> = ZERO_FIRST_TIER.iter().map(|(z, _)| z.id()).collect();
    format!(
        "{what} of `{}` is 0, and AWS's data has no zero price for it: a price of zero is allowed only in the first tier of {}, where AWS's data has one",
        c.id(),
        allowed.join(", ")
    )
}

/// A flat price: zero is refused (no item AWS prices flat is free).
pub fn flat(c: Component, price: Decimal) -> Option<String> {
    price.is_zero().then(|| zero_refused(c, "the price"))
}

/// Tiers: prices never rise with volume, and none is zero, except a first tier AWS's data
/// prices at zero (the only tier a later, higher price may follow). The index of the tier at
/// fault and why.
pub fn tiers(c: Component, tiers: &[Tier]) -> Result<(), (usize, String)> {
    let free_first = zero_first_tier(c);
    for (i, t) in tiers.iter().enumerate() {
        if t.price.is_zero() && !(i == 0 && free_first.is_some()) {
            return Err((i, zero_refused(c, &format!("tier {}", i + 1))));
        }
        let Some(prev) = i.checked_sub(1).map(|p| tiers[p].price) else {
            continue;
        };
        if t.price > prev && !(i == 1 && prev.is_zero()) {
            return Err((
                i,
                format!(
                    "tier {} costs {} per {}, more than tier {}'s {prev}: AWS's tier prices fall (or stay) as volume grows, so a rising tier is a damaged or altered table",
                    i + 1,
                    t.price,
                    c.unit(),
                    i
                ),
            ));
        }
    }
    Ok(())
}

/// Sizes: each size once, smallest first, none priced at zero. The index at fault and why.
pub fn sizes(c: Component, sizes: &[(Decimal, Decimal)]) -> Result<(), (usize, String)> {
    for (i, (gb, price)) in sizes.iter().enumerate() {
        if price.is_zero() {
            return Err((i, zero_refused(c, &format!("the {gb} GB size"))));
        }
        if let Some(j) = sizes[..i].iter().position(|(g, _)| g == gb) {
            return Err((
                i,
                format!(
                    "the {gb} GB size is priced twice (sizes {} and {}): which price is meant is unknown",
                    j + 1,
                    i + 1
                ),
            ));
        }
        if i > 0 && *gb < sizes[i - 1].0 {
            return Err((
                i,
                format!(
                    "sizes must go from smallest to largest: {gb} GB after {} GB",
                    sizes[i - 1].0
                ),
            ));
        }
    }
    Ok(())
}

/// A free-tier allowance: only API Gateway's items, at most what AWS gives.
pub fn free_tier(c: Component, amount: Decimal) -> Option<String> {
    let Some((_, most)) = FREE_TIER_MOST.iter().find(|(f, _)| *f == c) else {
        let items: Vec<&str> = FREE_TIER_MOST.iter().map(|(f, _)| f.id()).collect();
        return Some(format!(
            "AWS's API Gateway free tier has no `{}` allowance; it covers {}",
            c.id(),
            items.join(", ")
        ));
    };
    (amount > *most).then(|| {
        format!(
            "free-tier `{}` is {amount} {}, more than AWS's free tier of {most} {} a month",
            c.id(),
            c.unit(),
            c.unit()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn dates_are_real_and_not_far_ahead() {
        let today = days_from_civil(2026, 12, 7);
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        for ok in [
            "2025-10-20",
            "2016-06-01T00:00:00Z",
            "2024-02-29",
            "2027-12-07",
        ] {
            assert_eq!(date(ok, today), None, "{ok}");
        }
        for bad in [
            "2025-13-45",
            "2025-02-29",
            "2023-04-31",
            "d",
            "2025-1-01",
            "2025-10-20T25:00:00Z",
            "2025-10-20 ",
            "+2025-10-20",
        ] {
            assert!(date(bad, today).unwrap().contains("real date"), "{bad}");
        }
        assert!(date("2099-01-01", today).unwrap().contains("366 days"));
        assert!(date("2027-12-09", today).is_some());
        assert!(date("2005-12-31", today).unwrap().contains("2006-03-14"));
    }

    #[test]
    fn precision_is_refused_not_cut() {
        assert!(too_precise("0.1234567890123456789012345678901234567890").is_some());
        assert!(too_precise("0.00000000000000000000000000001").is_some());
        assert!(too_precise("1234567890123456789012345678.9").is_some());
        // Exponents: 1e-400 is in range but needs 400 decimal places; 1.5e-28 needs 29.
        assert!(too_precise("1e-400").is_some());
        assert!(too_precise("1.5E-28").is_some());
        assert!(too_precise("-0.000_000_000_000_000_000_000_000_000_01").is_some());
        for ok in ["1e-28", "1.5e-27", "1e15", "2.5e3", "0e-400", "1_000.5"] {
            assert_eq!(too_precise(ok), None, "{ok}");
        }
        for ok in [
            "0.0000035000",
            "3.5",
            "0.1234567890123456789012345678",
            "1000000000000000",
            "0.00000000000000000000000000010000",
            "abc",
        ] {
            assert_eq!(too_precise(ok), None, "{ok}");
        }
    }

    #[test]
    fn tiers_fall_and_zero_only_where_aws_has_one() {
        let t = |p: &[&str]| -> Vec<Tier> {
            p.iter()
                .enumerate()
                .map(|(i, p)| Tier {
                    up_to: (i + 1 < p.len()).then(|| Decimal::from(i as u32 + 1)),
                    price: d(p),
                })
                .collect()
        };
        // The shipped REST tiers and the health checks' free first 50.
        assert!(tiers(Component::RestRequests, &t(&["3.5", "2.8", "2.38", "1.51"])).is_ok());
        assert!(tiers(Component::HealthChecks, &t(&["0", "0.5"])).is_ok());
        let (i, m) = tiers(Component::RestRequests, &t(&["3.5", "21"])).unwrap_err();
        assert_eq!(i, 1);
        assert!(m.contains("more than tier 1's 3.5"), "{m}");
        let (i, m) = tiers(Component::RestRequests, &t(&["0", "3.5"])).unwrap_err();
        assert_eq!(i, 0);
        assert!(m.contains("AWS's data has no zero price"), "{m}");
        assert!(tiers(Component::HealthChecks, &t(&["0.5", "0"])).is_err());
        assert!(flat(Component::EndpointHours, Decimal::ZERO).is_some());
    }

    #[test]
    fn sizes_once_each_and_free_tier_at_most_aws() {
        let s = [(d("0.5"), d("0.02")), (d("0.5"), d("0.01"))];
        assert!(
            sizes(Component::RestCache, &s)
                .unwrap_err()
                .1
                .contains("twice")
        );
        let s = [(d("1.6"), d("0.038")), (d("0.5"), d("0.02"))];
        assert!(sizes(Component::RestCache, &s).is_err());
        assert!(free_tier(Component::RestRequests, d("1")).is_none());
        assert!(free_tier(Component::RestRequests, d("1000")).is_some());
        assert!(free_tier(Component::WebsocketMinutes, d("0.75")).is_none());
        assert!(free_tier(Component::WebsocketMinutes, d("0.76")).is_some());
        assert!(free_tier(Component::EndpointHours, d("1")).is_some());
    }
}
