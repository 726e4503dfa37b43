//! The values a varied key takes: `steps` exact decimals from FROM to TO, evenly spaced on a
//! linear or logarithmic scale, whole numbers for count keys, generated lazily so a sweep's memory
//! does not grow with its length.

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
            walked: steps,
        };
        // Counting is a walk of the steps without pricing them: small beside the sweep itself.
        v.walked = u32::try_from(v.values().count()).unwrap_or(steps);
        v
    }

    /// The steps the sweep walks: `steps`, or fewer where a whole-number key rounds several to
    /// one value (1..3 asked in 21 steps walks 3). What every report says and counts.
    pub fn walked(&self) -> u32 {
        self.walked
    }

    /// The step values, in order, without repeats.
    pub fn values(&self) -> impl Iterator<Item = Decimal> + '_ {
        let n = Decimal::from(self.steps - 1);
        let mut level = self.from;
        let mut last: Option<Decimal> = None;
        (0..self.steps).filter_map(move |i| {
            let mut v = self.value(i, n, &mut level);
            if self.key.whole {
                v = v.round();
            }
            let v = v.normalize();
            (last != Some(v)).then(|| {
                last = Some(v);
                v
            })
        })
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
                self.from
                    * (self.to / self.from)
                        .checked_powd(Decimal::from(i) / n)
                        .unwrap_or(Decimal::ONE)
            } else {
                *level * r
            };
            level.round_sf(12).unwrap_or(*level)
        } else {
            self.from + (self.to - self.from) * Decimal::from(i) / n
        }
    }
}
