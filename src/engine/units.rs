//! Exact unit conversions shared by the meters: per million, KB to GB, metering increments.
//! Kept as exact decimals so multiplying by them gives the same digits as dividing.

use rust_decimal::Decimal;

/// 1,000,000: requests, messages, queries and calls are priced per million.
pub const MILLION: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);
/// 1 ÷ 1,000,000, exactly.
pub const PER_MILLION: Decimal = Decimal::from_parts(1, 0, 0, false, 6);
/// 1,048,576 KB in a GB (data is metered in binary gigabytes).
pub const KB_PER_GB: Decimal = Decimal::from_parts(1_048_576, 0, 0, false, 0);
/// 1 ÷ 1,048,576, exactly (0.00000095367431640625): multiplying by it gives the same number as
/// dividing by [`KB_PER_GB`], at a fraction of the cost.
pub const GB_PER_KB: Decimal = Decimal::from_parts(1977800241, 22204, 0, false, 20);
/// 1,024 ÷ 10⁹ (0.000001024), exactly: decimal GB per KB. Elastic Load Balancing meters
/// processed bytes in decimal units (its docs convert bytes to capacity units with 10⁶ bytes a
/// megabyte; its pricing page's example counts 300 KB/s as 1.08 GB an hour), while scenario
/// payloads are binary KB, so load-balancer GB = KB × 1,024 bytes ÷ 10⁹.
pub const ELB_GB_PER_KB: Decimal = Decimal::from_parts(1024, 0, 0, false, 9);
/// Seconds in an hour.
pub const HOUR_SECONDS: Decimal = Decimal::from_parts(3600, 0, 0, false, 0);

/// Billing units of `kb` metered in `step`-KB increments (at least one).
pub fn ceil_units(kb: Decimal, step: Decimal) -> Decimal {
    (kb / step).ceil().max(Decimal::ONE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reciprocals_are_exact() {
        assert_eq!(GB_PER_KB * KB_PER_GB, Decimal::ONE);
        assert_eq!(GB_PER_KB.to_string(), "0.00000095367431640625");
        assert_eq!(PER_MILLION * MILLION, Decimal::ONE);
        assert_eq!(HOUR_SECONDS, Decimal::from(3600));
        assert_eq!(
            ELB_GB_PER_KB * Decimal::from(1_000_000_000),
            Decimal::from(1024)
        );
        // The 7% between the two: a binary GB is 1.073741824 decimal GB.
        assert_eq!(ELB_GB_PER_KB / GB_PER_KB, "1.073741824".parse().unwrap());
    }

    #[test]
    fn metering_increments_round_up_to_at_least_one() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(ceil_units(d("0.1"), d("512")), d("1"));
        assert_eq!(ceil_units(d("512"), d("512")), d("1"));
        assert_eq!(ceil_units(d("512.001"), d("512")), d("2"));
        assert_eq!(ceil_units(d("0"), d("32")), d("1"));
    }
}
