//! Break-even points: where the cheapest pattern changes between two neighbouring steps, located
//! exactly by bisection (to the unit for whole-number keys), not at the nearest sampled step.

use rust_decimal::Decimal;

use super::columns::Column;
use super::keys::Key;
use super::price::Pricer;
use crate::architecture::naming;
use crate::breakeven::crossing;
use crate::engine::EngineError;
use crate::scenario::Scenario;

/// A point where the cheapest pattern changes along the last varied key.
#[derive(Debug, Clone, PartialEq)]
pub struct Crossing {
    /// Values of the keys before the last one (grid sweeps).
    pub fixed: Vec<Decimal>,
    pub at: Decimal,
    pub before: &'static str,
    pub after: &'static str,
    /// The usage profile it was found in, when the sweep walks several.
    pub profile: Option<String>,
}

impl Crossing {
    pub fn text(&self, keys: &[&str]) -> String {
        let last = keys.last().copied().unwrap_or("");
        let mut s = format!(
            "from {} = {} {} is cheaper than {}",
            last,
            crate::money::figure(self.at),
            self.after,
            self.before
        );
        for (k, v) in keys.iter().zip(&self.fixed) {
            s.push_str(&format!(" (at {k} = {})", crate::money::figure(*v)));
        }
        if let Some(p) = &self.profile {
            s.push_str(&format!(" in profile {p}"));
        }
        s
    }
}

/// The cheapest column of one step, among the pattern columns: the current layout's own column
/// never competes (its pattern's column does, wherever the pattern would build it; elsewhere it
/// breaks a requirement or a rule of its pattern, and is only shown). On a tie the current
/// layout's pattern wins (`current`), so that a tie between R1 and the current R5, one design,
/// names R5; otherwise the most specific pattern, the first listed among equals: the tied
/// patterns are named by [`naming`], as `compare` and `recommend` name a layout several build.
pub(super) fn cheapest(
    costs: &[Option<Decimal>],
    columns: &[Column],
    current: Option<usize>,
) -> Option<usize> {
    // One pass: the lowest cost and the first and last column at it (one comparison a column,
    // as this runs at every step of a sweep).
    let mut best: Option<(Decimal, usize, usize)> = None;
    for (i, c) in costs.iter().enumerate() {
        let (Some(c), Column::Pattern(_)) = (c, &columns[i]) else {
            continue;
        };
        best = match best {
            Some((min, first, _)) if *c == min => Some((min, first, i)),
            Some((min, ..)) if *c > min => best,
            _ => Some((*c, i, i)),
        };
    }
    let (min, first, last) = best?;
    if first == last {
        return Some(first);
    }
    let competes = |i: &usize| matches!(columns[*i], Column::Pattern(_));
    let tied = || {
        (first..=last)
            .filter(competes)
            .filter(move |&i| costs[i] == Some(min))
    };
    let current = current.map(|i| columns[i].pattern());
    let name = naming(tied().map(|i| columns[i].pattern()), current)?;
    tied().find(|&i| std::ptr::eq(columns[i].pattern(), name))
}

/// Two neighbouring steps between which the cheapest column changed from `was` to `now`.
#[derive(Clone, Copy)]
pub(super) struct Change {
    pub was: usize,
    pub now: usize,
    /// The key's value at the earlier step, where `was` was cheapest.
    pub lo: Decimal,
    /// The key's value at the later step, where `now` is cheapest.
    pub hi: Decimal,
}

/// Bisects `change` for the exact value of `key` where column `now` becomes no dearer than
/// column `was`: to the unit for whole-number keys, to a millionth of the step otherwise.
/// `fixed` are the values of the keys before the last (grid sweeps).
pub(super) fn locate(
    pricer: Pricer<'_>,
    s: &Scenario,
    columns: &[Column],
    key: &Key,
    change: Change,
    fixed: &[Decimal],
) -> Result<Option<Crossing>, EngineError> {
    let Change { was, now, lo, hi } = change;
    let resolution = if key.whole {
        Decimal::ONE
    } else {
        (hi - lo) / Decimal::from(1_000_000)
    };
    let mut work = s.clone();
    let pick = [columns[was], columns[now]];
    let mut cells = [None, None];
    let steps = ((hi - lo) / resolution).floor();
    let found = crossing(Decimal::ZERO, steps, |k| {
        key.set(&mut work, lo + k * resolution);
        pricer.columns(&work, &pick, &mut cells)?;
        Ok(match cells {
            [Some(a), Some(b)] => b - a,
            [None, _] => Decimal::NEGATIVE_ONE,
            [_, None] => Decimal::ONE,
        })
    })?;
    // The crossing is where `now` stops being dearer: diff(lo) > 0, crossed where diff ≤ 0.
    Ok(found.map(|k| Crossing {
        fixed: fixed.to_vec(),
        at: (lo + k * resolution).normalize(),
        before: columns[was].pattern().id,
        after: columns[now].pattern().id,
        profile: None,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::architecture::find;

    #[test]
    fn a_tie_names_the_current_layout_else_the_most_specific_pattern() {
        let columns: Vec<Column> = ["R1", "R4", "R5", "R4-custom-domain"]
            .iter()
            .map(|id| Column::Pattern(find(id).unwrap()))
            .collect();
        let d = |s: &str| Some(s.parse::<Decimal>().unwrap());
        // R1, R4 and R5 build one layout in two Regions: R4 names it, as compare and recommend do.
        let tie = [d("460.90"), d("460.90"), d("460.90"), d("500")];
        assert_eq!(cheapest(&tie, &columns, None), Some(1));
        assert_eq!(cheapest(&tie, &columns, Some(2)), Some(2));
        assert_eq!(cheapest(&tie, &columns, Some(3)), Some(1));
        let r1 = [d("400"), d("460.90"), None, d("500")];
        assert_eq!(cheapest(&r1, &columns, None), Some(0));
        assert_eq!(cheapest(&[None, None, None, None], &columns, None), None);
    }

    #[test]
    fn the_current_layouts_own_column_is_never_named_cheapest() {
        let r5 = find("R5-alb").unwrap();
        let columns = [
            Column::Pattern(find("R1").unwrap()),
            Column::Pattern(r5),
            Column::Current(r5),
        ];
        let d = |s: &str| Some(s.parse::<Decimal>().unwrap());
        // An ALB in one AZ: only the current layout is priced; nothing is cheapest.
        assert_eq!(
            cheapest(&[None, None, d("572.07")], &columns, Some(1)),
            None
        );
        // Cheaper than every pattern, yet it breaks a requirement: R1 is named.
        assert_eq!(
            cheapest(&[d("602"), None, d("572")], &columns, Some(1)),
            Some(0)
        );
        // Where its pattern builds it, the pattern's column stands for it.
        let same = [d("602"), d("579"), d("579")];
        assert_eq!(cheapest(&same, &columns, Some(1)), Some(1));
    }

    #[test]
    fn a_break_even_shows_the_digits_of_its_value() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        let c = Crossing {
            fixed: vec![d("0.00000025")],
            at: d("0.0000005"),
            before: "H2",
            after: "H1",
            profile: None,
        };
        let keys = ["traffic.cross_az_share", "traffic.vpc_client_share"];
        assert_eq!(
            c.text(&keys),
            "from traffic.vpc_client_share = 0.0000005 H1 is cheaper than H2 (at \
             traffic.cross_az_share = 0.00000025)"
        );
        let big = Crossing {
            fixed: Vec::new(),
            at: d("16381098.123456789"),
            ..c
        };
        assert_eq!(
            big.text(&keys[1..]),
            "from traffic.vpc_client_share = 16,381,098.123457 H1 is cheaper than H2"
        );
        let high = Crossing {
            profile: Some("high".into()),
            ..big
        };
        assert_eq!(
            high.text(&keys[1..]),
            "from traffic.vpc_client_share = 16,381,098.123457 H1 is cheaper than H2 in profile high"
        );
    }
}
