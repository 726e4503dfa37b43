//! The values a varied key takes: `steps` exact decimals from FROM to TO, evenly spaced on a
//! linear or logarithmic scale, whole numbers for count keys, generated lazily so a sweep's memory
//! does not grow with its length. How many there are is known without walking them, so every
//! limit is checked before any work, whatever `--steps` asks.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, MathematicalOps};

use super::keys::Key;

/// One `--vary KEY=FROM..TO`, validated. Its steps are generated on demand ([`Vary::values`]),
/// so a sweep's memory does not grow with its length.
pub struct Vary {
    pub key: Key,
    pub from: Decimal,
    pub to: Decimal,
    /// Steps asked for (whole-number keys may yield fewer distinct values: see [`Vary::walked`]).
    pub steps: u32,
    pub log: bool,
    /// The factor from one step to the next on a log scale.
    ratio: Option<Decimal>,
    /// Whole-number keys where steps fall closer than 1 apart: every whole number from FROM to
    /// the last of this run is walked, once, then the steps from `resume` on.
    run: Option<(Decimal, u32)>,
    /// The distinct values [`Vary::values`] yields.
    walked: u32,
}

impl Vary {
    /// A range already checked: `from < to` within the key's bounds, `steps >= 2`, and
    /// `from > 0` on a log scale.
    pub(super) fn new(key: Key, from: Decimal, to: Decimal, steps: u32, log: bool) -> Vary {
        let ratio = if log {
            (to / from).checked_powd(Decimal::ONE / Decimal::from(steps - 1))
        } else {
            None
        };
        let mut v = Vary {
            key,
            from,
            to,
            steps,
            log,
            ratio,
            run: None,
            walked: steps,
        };
        if key.whole {
            v.run = v.whole_run();
            v.walked = v.count();
        }
        v
    }

    /// The steps the sweep walks: `steps`, or fewer where a whole-number key rounds several to
    /// one value (1..3 asked in 21 steps walks 3). What every report says and counts; known
    /// without walking the steps.
    pub fn walked(&self) -> u32 {
        self.walked
    }

    /// The step values, in order, without repeats.
    pub fn values(&self) -> impl Iterator<Item = Decimal> + '_ {
        let mut walk = self.walk();
        std::iter::from_fn(move || walk.next())
    }

    fn walk(&self) -> Walk<'_> {
        let (run, i) = match self.run {
            Some((last, resume)) => (Some((self.from, last)), resume),
            None => (None, 0),
        };
        let n = Decimal::from(self.steps - 1);
        // The log level carried into step `i` (the exact power one step before it).
        let level = if i == 0 {
            self.from
        } else {
            self.exact(i - 1, n)
        };
        Walk {
            vary: self,
            run,
            i,
            n,
            level,
            last: None,
        }
    }

    /// Where a whole-number key's steps fall closer than 1 apart, from FROM on: the last whole
    /// number of the run of every whole number (each is a step's rounded value there), and the
    /// first step past it.
    fn whole_run(&self) -> Option<(Decimal, u32)> {
        let n = Decimal::from(self.steps - 1);
        let Some(r) = self.ratio.filter(|r| *r > Decimal::ONE) else {
            // Linear: steps of (TO - FROM) / n, 1 or less apart walk every whole number.
            return (self.to - self.from <= n).then_some((self.to, self.steps));
        };
        // Log: step i+1 is step i × r, closer than 1 to it below 1 / (r - 1), so every whole
        // number below that is some step's rounded value.
        let below = Decimal::ONE.checked_div(r - Decimal::ONE)?.floor() - Decimal::ONE;
        if below <= self.from {
            return None;
        }
        if below >= self.to {
            return Some((self.to, self.steps));
        }
        Some((below, self.first_above(below, r, n)))
    }

    /// How many distinct values [`Vary::values`] yields, without walking them all: the run of
    /// whole numbers, the few steps past it walked (where steps are about 1 apart and may still
    /// round alike), then every step left, each more than 1 from the next.
    fn count(&self) -> u32 {
        let run = self.run.map_or(0, |(last, _)| {
            (last - self.from).to_u32().map_or(u32::MAX, |k| k + 1)
        });
        let Some(r) = self.ratio.filter(|r| self.key.whole && *r > Decimal::ONE) else {
            return if self.run.is_some() { run } else { self.steps };
        };
        let apart = Decimal::ONE
            .checked_div(r - Decimal::ONE)
            .map_or(Decimal::MAX, |t| t.ceil() + Decimal::TWO);
        let mut walk = self.walk();
        // Past the run: its values are counted above.
        walk.last = walk.run.take().map(|(_, last)| last);
        let mut count = run;
        while let Some(v) = walk.next() {
            count += 1;
            if v >= apart {
                return count + (self.steps - walk.i);
            }
        }
        count
    }
    /// The first step whose rounded value is above `k` (`k` below TO, so there is one).
    fn first_above(&self, k: Decimal, r: Decimal, n: Decimal) -> u32 {
        let above = |i: u32| i >= self.steps - 1 || self.exact(i, n).round() > k;
        // ln(k / from) / ln(r) steps, as a float for a first guess only; exact checks settle it.
        let guess = |d: Decimal| d.to_string().parse::<f64>().unwrap_or(1.0);
        let est = ((guess(k) + 0.5) / guess(self.from)).ln() / guess(r).ln();
        let mut i = (est.max(0.0) as u32).min(self.steps - 1);
        while i > 0 && above(i - 1) {
            i -= 1;
        }
        while !above(i) {
            i += 1;
        }
        i
    }

    /// Step `i` of `n + 1` on the log scale as an exact power (what the walk re-anchors on).
    fn exact(&self, i: u32, n: Decimal) -> Decimal {
        self.from
            * (self.to / self.from)
                .checked_powd(Decimal::from(i) / n)
                .unwrap_or(Decimal::ONE)
    }

    /// Step `i` of `n + 1`, before rounding; `level` carries the previous log step.
    fn value(&self, i: u32, n: Decimal, level: &mut Decimal) -> Decimal {
        if i == 0 {
            self.from
        } else if i == self.steps - 1 {
            self.to
        } else if let Some(r) = self.ratio {
            // One ratio, then multiplication (a power per step would dominate a long sweep),
            // re-anchored on an exact power every 1,024 steps so rounding cannot drift.
            *level = if i.is_multiple_of(1024) {
                self.exact(i, n)
            } else {
                *level * r
            };
            level.round_sf(12).unwrap_or(*level)
        } else {
            self.from + (self.to - self.from) * Decimal::from(i) / n
        }
    }
}

/// A walk along a [`Vary`]'s values: the run of whole numbers, if any, then the steps.
struct Walk<'a> {
    vary: &'a Vary,
    /// The next whole number of the run and its last.
    run: Option<(Decimal, Decimal)>,
    /// The next step.
    i: u32,
    n: Decimal,
    level: Decimal,
    last: Option<Decimal>,
}

impl Walk<'_> {
    fn next(&mut self) -> Option<Decimal> {
        if let Some((k, last)) = self.run {
            self.run = (k < last).then(|| (k + Decimal::ONE, last));
            self.last = Some(k);
            return Some(k);
        }
        while self.i < self.vary.steps {
            let mut v = self.vary.value(self.i, self.n, &mut self.level);
            self.i += 1;
            if self.vary.key.whole {
                v = v.round();
            }
            let v = v.normalize();
            if self.last != Some(v) {
                self.last = Some(v);
                return Some(v);
            }
        }
        None
    }
}
