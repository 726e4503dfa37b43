//! The current layout where its own pattern would not build it: it breaks a requirement or a rule
//! of the pattern (an ALB in one AZ) at those steps, so the sweep prices it in its own column but
//! never names it cheapest there, and says so, with the reasons, one entry per run of steps.

use rust_decimal::Decimal;

use super::columns::{Column, Current};
use super::keys::Key;
use crate::architecture;
use crate::scenario::Scenario;

/// A run of steps along the last varied key where the current layout is priced but is not a
/// layout its pattern would build.
#[derive(Debug, Clone, PartialEq)]
pub struct Departure {
    /// Values of the keys before the last one (grid sweeps).
    pub fixed: Vec<Decimal>,
    /// The first and last step of the run.
    pub from: Decimal,
    pub to: Decimal,
    /// The current layout's pattern id.
    pub pattern: &'static str,
    /// Why its pattern would not build it, at the run's first step.
    pub reasons: Vec<String>,
    /// The usage profile it was found in, when the sweep walks several.
    pub profile: Option<String>,
}

impl Departure {
    /// `at topology.availability_zones = 1 current (R5-alb) is not a layout R5-alb would build:
    /// ...; it is priced in its own column, never named cheapest`.
    pub fn text(&self, keys: &[&str]) -> String {
        let last = keys.last().copied().unwrap_or("");
        let fig = crate::money::figure;
        let mut s = if self.from == self.to {
            format!("at {last} = {}", fig(self.from))
        } else {
            format!("from {last} = {} to {}", fig(self.from), fig(self.to))
        };
        for (k, v) in keys.iter().zip(&self.fixed) {
            s.push_str(&format!(" (at {k} = {})", fig(*v)));
        }
        if let Some(p) = &self.profile {
            s.push_str(&format!(" in profile {p}"));
        }
        s.push_str(&format!(
            " current ({p}) is not a layout {p} would build: {}; it is priced in its own column, \
             never named cheapest",
            self.reasons.join("; "),
            p = self.pattern
        ));
        s
    }
}

/// Follows one line of steps, opening a [`Departure`] where the current layout departs from its
/// pattern and closing it where it returns (or the line ends).
pub(super) struct Tracker {
    current: Option<Current>,
    open: Option<Departure>,
}

impl Tracker {
    pub fn new(current: Option<Current>) -> Tracker {
        Tracker {
            current,
            open: None,
        }
    }

    /// One step: `line` is the scenario of the line, `key` (the last) at `v` there, `row` its
    /// costs. Returns a run that ended before this step.
    pub fn step(
        &mut self,
        (line, key): (&Scenario, &Key),
        columns: &[Column],
        fixed: &[Decimal],
        v: Decimal,
        row: &[Option<Decimal>],
    ) -> Option<Departure> {
        let departs = self
            .current
            .is_some_and(|c| row[c.own].is_some() && row[c.pattern].is_none());
        if !departs {
            return self.open.take();
        }
        if let Some(open) = &mut self.open {
            open.to = v;
            return None;
        }
        let pattern = columns[self.current?.own].pattern();
        let mut s = line.clone();
        key.set(&mut s, v);
        let reasons = architecture::resolve(pattern, &s, s.layout.as_ref())
            .err()
            .unwrap_or_default();
        self.open = Some(Departure {
            fixed: fixed.to_vec(),
            from: v,
            to: v,
            pattern: pattern.id,
            reasons,
            profile: None,
        });
        None
    }

    /// The line is over: the run still open, if any.
    pub fn finish(&mut self) -> Option<Departure> {
        self.open.take()
    }
}
