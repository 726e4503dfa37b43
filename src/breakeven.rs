//! Break-even points found exactly: integer bisection on the sign of a cost difference, so a
//! crossing is reported to the unit (a request, a VPC), not to the nearest sampled step.

use rust_decimal::Decimal;

/// The smallest whole `x` in `lo..=hi` at which `diff(x)` no longer has the sign it has at `lo`
/// (`diff` is "cost of A − cost of B", assumed to change sign at most once over the range).
/// `None` when the sign never changes. Errors from `diff` end the search.
pub fn crossing<E>(
    lo: Decimal,
    hi: Decimal,
    mut diff: impl FnMut(Decimal) -> Result<Decimal, E>,
) -> Result<Option<Decimal>, E> {
    let (lo, hi) = (lo.ceil(), hi.floor());
    if lo > hi {
        return Ok(None);
    }
    let start = diff(lo)?;
    if start.is_zero() {
        return Ok(Some(lo));
    }
    let negative = start.is_sign_negative();
    // Crossed: the difference reached zero or changed sign.
    let crossed = |d: Decimal| d.is_zero() || d.is_sign_negative() != negative;
    if !crossed(diff(hi)?) {
        return Ok(None);
    }
    let (mut a, mut b) = (lo, hi); // not crossed at a, crossed at b
    while b - a > Decimal::ONE {
        let mid = ((a + b) / Decimal::TWO).floor();
        if crossed(diff(mid)?) {
            b = mid;
        } else {
            a = mid;
        }
    }
    Ok(Some(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn finds_the_exact_unit_of_a_crossing() {
        // A = 16.425 fixed; B = 0.0000012 × x: B overtakes A from x = 13,687,500.
        let found = crossing(d("0"), d("1e12"), |x| {
            Ok::<_, ()>(d("16.425") - d("0.0000012") * x)
        })
        .unwrap();
        assert_eq!(found, Some(d("13687500")));
        let none = crossing(d("0"), d("1000"), |x| Ok::<_, ()>(x + Decimal::ONE)).unwrap();
        assert_eq!(none, None);
        // Equality counts as the crossing point.
        assert_eq!(
            crossing(d("1"), d("10"), |x| Ok::<_, ()>(d("5") - x)).unwrap(),
            Some(d("5"))
        );
    }
}
