//! `--fail-above`: the one rule for when a cost rise should fail a CI job (exit 3), read from
//! the command line as an amount in USD a month or a percentage of the cost before.

use rust_decimal::Decimal;

use super::Diff;
use crate::money::plain;

/// `--fail-above`: how much the monthly cost may rise before a CI job should fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Threshold {
    /// US dollars a month, compared with the difference as shown (to the cent).
    Amount(Decimal),
    /// Percent of the total before, compared exactly.
    Percent(Decimal),
}

impl Threshold {
    /// Reads `25`, `25.50`, `$25` or `5%`; a negative or unreadable value is refused with why.
    pub fn parse(text: &str) -> Result<Threshold, String> {
        let t = text.trim();
        let (number, percent) = match t.strip_suffix('%') {
            Some(n) => (n.trim(), true),
            None => (t.strip_prefix('$').unwrap_or(t), false),
        };
        let value: Decimal = number.replace('_', "").parse().map_err(|_| {
            format!(
                "--fail-above takes an amount in USD a month (`25`, `25.50`) or a percentage \
                 (`5%`), not `{text}`"
            )
        })?;
        if value.is_sign_negative() && !value.is_zero() {
            return Err(format!(
                "--fail-above is an increase and cannot be negative: `{text}`"
            ));
        }
        Ok(if percent {
            Threshold::Percent(value)
        } else {
            Threshold::Amount(value)
        })
    }

    /// Why `d` exceeds the threshold, or `None` when it does not (a fall in cost never does).
    pub fn exceeded(self, d: &Diff) -> Option<String> {
        use crate::money::money;
        let shown = d.shown_difference();
        let rise = format!(
            "the monthly cost rises by {} ({} → {})",
            money(shown),
            money(d.before),
            money(d.after)
        );
        match self {
            Threshold::Amount(limit) if shown > limit => {
                Some(format!("{rise}, more than --fail-above {}", money(limit)))
            }
            Threshold::Percent(limit) => match d.percent() {
                Some(p) if p > limit => Some(format!(
                    "{rise}, {} %, more than --fail-above {}%",
                    crate::money::number(p, 2),
                    plain(limit)
                )),
                None if d.after > d.before => Some(format!(
                    "{rise}, from nothing: more than --fail-above {}%",
                    plain(limit)
                )),
                _ => None,
            },
            Threshold::Amount(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn totals(before: &str, after: &str) -> Diff {
        let label = crate::diff::Label {
            file: "a.toml".into(),
            scenario: "a".into(),
            architecture: "R5",
            region: "us-east-1".into(),
        };
        Diff {
            before_side: label.clone(),
            after_side: label,
            before: d(before),
            after: d(after),
            components: Vec::new(),
            inputs: Vec::new(),
            new_warnings: Vec::new(),
        }
    }

    #[test]
    fn thresholds_are_read_as_amounts_or_percentages() {
        assert_eq!(Threshold::parse("25"), Ok(Threshold::Amount(d("25"))));
        assert_eq!(
            Threshold::parse("$25.50"),
            Ok(Threshold::Amount(d("25.50")))
        );
        assert_eq!(Threshold::parse("5%"), Ok(Threshold::Percent(d("5"))));
        assert_eq!(Threshold::parse("0.5 %"), Ok(Threshold::Percent(d("0.5"))));
        assert!(Threshold::parse("five").unwrap_err().contains("`five`"));
        assert!(Threshold::parse("-3").unwrap_err().contains("negative"));
    }

    #[test]
    fn an_increase_fails_only_past_the_threshold() {
        // 1,128.07 → 1,171.28: +43.21, 3.8304 % of 1,128.07.
        let diff = totals("1128.07", "1171.28");
        assert_eq!(diff.shown_difference(), d("43.21"));
        assert!(Threshold::Amount(d("43.21")).exceeded(&diff).is_none());
        let why = Threshold::Amount(d("43.20")).exceeded(&diff).unwrap();
        assert!(why.contains("rises by $43.21"), "{why}");
        assert!(Threshold::Percent(d("3.84")).exceeded(&diff).is_none());
        let why = Threshold::Percent(d("3.83")).exceeded(&diff).unwrap();
        assert!(why.contains("3.83 %"), "{why}");
        // A fall never fails; a rise from nothing exceeds any percentage.
        let fall = totals("10", "5");
        assert!(Threshold::Amount(d("0")).exceeded(&fall).is_none());
        assert!(Threshold::Percent(d("0")).exceeded(&fall).is_none());
        let from_nothing = totals("0", "5");
        assert_eq!(from_nothing.percent(), None);
        assert!(
            Threshold::Percent(d("1000"))
                .exceeded(&from_nothing)
                .is_some()
        );
    }
}
