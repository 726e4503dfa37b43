//! `compare`: every whitepaper pattern and variant priced for one scenario, cheapest first, and
//! every pattern that cannot serve it with the plain reason why. Only patterns that meet every
//! requirement are offered, but the scenario's current layout is always shown when it can be
//! built: its warnings name the requirements it breaks.

use crate::architecture::{self, PATTERNS, Pattern};
use crate::engine::{self, Options};
use crate::pricing::{PriceBook, PriceTable};
use crate::scenario::Scenario;
use crate::{Error, Priced, table_for};

/// A pattern that does not serve the scenario, and why.
#[derive(Debug, Clone)]
pub struct NotApplicable {
    pub pattern: &'static Pattern,
    pub reasons: Vec<String>,
    /// It applies, but the price table cannot price it (the reason says what it lacks).
    pub unpriced: bool,
}

/// Patterns or layouts that apply but cannot be priced in the scenario's Region (its price
/// table lacks a price they need), as `recommend` and `sweep` name them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotPriced {
    /// A pattern id (`R3`, `current (R3)`), or `other layouts` for layouts that are none.
    pub architecture: String,
    /// How many layouts of the search it stands for (1 outside `recommend`).
    pub layouts: usize,
    /// What is missing: `no price for `dx-data` (...) in us-west-2`.
    pub reason: String,
}

impl NotPriced {
    /// Adds `layouts` layouts of `architecture` that fail for `reason` to `list`, counted with
    /// those already there for the same pattern and reason.
    pub fn add(list: &mut Vec<NotPriced>, architecture: &str, reason: String, layouts: usize) {
        match list
            .iter_mut()
            .find(|n| n.architecture == architecture && n.reason == reason)
        {
            Some(n) => n.layouts += layouts,
            None => list.push(NotPriced {
                architecture: architecture.to_owned(),
                layouts,
                reason,
            }),
        }
    }
}

/// The error when nothing that serves `s` can be priced (`what`: "no pattern that applies"):
/// a comparison, recommendation or sweep of nothing is a pricing error (exit 1), at the
/// scenario's `region` line, naming each distinct missing price once.
pub fn nothing_priced<'r>(
    s: &Scenario,
    table: &PriceTable,
    what: &str,
    reasons: impl IntoIterator<Item = &'r str>,
) -> Error {
    let mut said: Vec<&str> = Vec::new();
    for r in reasons {
        if !said.contains(&r) {
            said.push(r);
        }
    }
    let message = format!("{what} can be priced: {}", said.join("; "));
    let help = format!("{}, or try another Region", crate::lacks_help(table));
    s.region_at.error(message, help)
}

/// Every pattern for one scenario.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// Cheapest first; at equal cost the current pattern, then the one that names a layout
    /// several patterns build, then the listed order.
    pub estimates: Vec<Priced>,
    pub not_applicable: Vec<NotApplicable>,
    /// The pattern of the scenario's `[layout]`, when it has one.
    pub current: Option<&'static Pattern>,
}

impl Comparison {
    /// The patterns that apply but cannot be priced, as `recommend` and `sweep` name them
    /// (`current (R3)` for the current layout).
    pub fn not_priced(&self) -> Vec<NotPriced> {
        let mut out = Vec::new();
        for n in self.not_applicable.iter().filter(|n| n.unpriced) {
            let id = match self.current {
                Some(c) if std::ptr::eq(c, n.pattern) => format!("current ({})", c.id),
                _ => n.pattern.id.to_owned(),
            };
            NotPriced::add(&mut out, &id, n.reasons.join("; "), 1);
        }
        out
    }

    /// The priced estimate of the current layout, if it applies.
    pub fn current_estimate(&self) -> Option<&Priced> {
        let current = self.current?;
        self.estimates
            .iter()
            .find(|p| std::ptr::eq(p.pattern, current))
    }
}

/// Prices every pattern for `s`.
pub fn compare(s: &Scenario, book: &PriceBook, opts: Options) -> Result<Comparison, Error> {
    let table = table_for(s, book)?;
    let current = crate::current_pattern(s)?;
    let spec = s.layout.as_ref();
    let mut estimates = Vec::with_capacity(PATTERNS.len());
    let mut not_applicable = Vec::new();
    let mut missing = Vec::new();
    for pattern in PATTERNS {
        let is_current = current.is_some_and(|c| std::ptr::eq(c, pattern));
        let resolved = match architecture::resolve(pattern, s, spec) {
            Err(_) if is_current => architecture::resolve_own(pattern, s, spec),
            other => other,
        };
        match resolved {
            Ok(layout) => match engine::estimate(s, &layout, table, opts) {
                Ok(estimate) => estimates.push(Priced { pattern, estimate }),
                Err(e) => {
                    missing.push(e.to_string());
                    not_applicable.push(NotApplicable {
                        pattern,
                        reasons: vec![format!(
                            "cannot be priced: {e} (price table {})",
                            table.origin
                        )],
                        unpriced: true,
                    });
                }
            },
            Err(reasons) => not_applicable.push(NotApplicable {
                pattern,
                reasons,
                unpriced: false,
            }),
        }
    }
    if estimates.is_empty() && !missing.is_empty() {
        let what = "no pattern that applies";
        return Err(nothing_priced(
            s,
            table,
            what,
            missing.iter().map(String::as_str),
        ));
    }
    // Cheapest first; at equal cost the current layout leads, then the pattern that names a
    // layout several build (`architecture::naming`: the others are "same layout as" it), then
    // the listed order.
    let names: Vec<bool> = estimates
        .iter()
        .map(|p| {
            let builders = estimates
                .iter()
                .filter(|q| q.estimate.layout == p.estimate.layout)
                .map(|q| q.pattern);
            architecture::naming(builders, current).is_some_and(|n| std::ptr::eq(n, p.pattern))
        })
        .collect();
    let mut keyed: Vec<_> = names.into_iter().zip(estimates).collect();
    keyed.sort_by_key(|(names, p)| {
        (
            p.estimate.monthly_cost,
            !current.is_some_and(|c| std::ptr::eq(c, p.pattern)),
            !*names,
        )
    });
    let estimates = keyed.into_iter().map(|(_, p)| p).collect();
    Ok(Comparison {
        estimates,
        not_applicable,
        current,
    })
}
