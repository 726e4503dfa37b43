//! Turning the difference between two layouts into a list of changes a person can act on. The
//! changes are applied one after another, each priced, so their savings add up exactly to the
//! whole saving; each names its cost lever (the whitepaper's or ours) and what it trades away (the wording is
//! in [`super::levers`]).

use rust_decimal::Decimal;

use super::Pricing;
use super::levers::LEVERS;
use std::collections::HashMap;

use crate::architecture::Layout;
use crate::engine::{EngineError, Options};
use crate::pricing::PriceTable;
use crate::scenario::Scenario;

/// Whose cost lever a change pulls: one the whitepaper's cost text names, or one of this tool's
/// own (architectures.md, "Corrections": centralising endpoints, fewer AZs, peering or TGW
/// instead of PrivateLink, VPC link V2 to an ALB, custom domains, and every lever of the
/// whole bill are ours, and said so).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeverSource {
    Whitepaper,
    Ours,
}

impl LeverSource {
    /// The JSON spelling (`lever_source`).
    pub fn as_str(self) -> &'static str {
        match self {
            LeverSource::Whitepaper => "whitepaper",
            LeverSource::Ours => "ours",
        }
    }

    /// How a report cites it after the reason.
    pub fn citation(self) -> &'static str {
        match self {
            LeverSource::Whitepaper => "a cost lever of the whitepaper",
            LeverSource::Ours => "our lever, not the whitepaper's",
        }
    }
}

/// One step from the current layout toward a recommended one.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub what: String,
    pub why: String,
    pub source: LeverSource,
    /// What the change gives up, when it gives something up.
    pub tradeoff: Option<String>,
    /// Monthly saving of this step (negative: it costs more, for the sake of a later step).
    pub saving: Decimal,
}

impl Change {
    /// The reason with its lever's origin: "… (a cost lever of the whitepaper)".
    pub fn why_cited(&self) -> String {
        format!("{} ({})", self.why, self.source.citation())
    }
}

/// Whether one of the changes from `from` to `to` is needless: undoing it alone leaves another
/// layout of the search (`feasible`: every layout that meets the requirements, with its cost),
/// other than `from` itself, that costs no more. Such a recommendation is never shown (a change
/// that saves nothing, or has no effect); the layout without the change is.
pub(super) fn has_needless_change(
    from: &Layout,
    to: &Layout,
    to_cost: Decimal,
    feasible: &HashMap<&Layout, Decimal>,
) -> bool {
    LEVERS.iter().any(|lever| {
        if !(lever.differs)(from, to) {
            return false;
        }
        let mut undone = to.clone();
        (lever.take)(&mut undone, from);
        undone != *to
            && undone != *from
            && feasible.get(&undone).is_some_and(|cost| *cost <= to_cost)
    })
}

/// How many independent choices (levers) differ between two layouts.
pub fn distance(a: &Layout, b: &Layout) -> usize {
    LEVERS.iter().filter(|lever| (lever.differs)(a, b)).count()
}

/// The changes that turn `from` into `to`, in a fixed order, each priced against the layout the
/// previous steps produced. The last takes what the others leave of the whole saving, so they
/// add up to it exactly even where a step's difference rounds in the 28th digit.
pub fn describe_changes(
    s: &Scenario,
    from: &Layout,
    to: &Layout,
    table: &PriceTable,
    opts: Options,
) -> Result<Vec<Change>, EngineError> {
    let pricing = Pricing { table, opts };
    let mut changes = Vec::new();
    let mut cur = from.clone();
    let mut before = pricing.cost(s, &cur)?;
    let whole = before;
    for lever in LEVERS {
        if !(lever.differs)(&cur, to) {
            continue;
        }
        let said = (lever.say)(s, &cur, to);
        (lever.take)(&mut cur, to);
        let after = pricing.cost(s, &cur)?;
        changes.push(Change {
            what: said.what,
            why: said.why,
            source: said.source,
            tradeoff: said.tradeoff,
            saving: before - after,
        });
        before = after;
    }
    if let Some((last, steps)) = changes.split_last_mut() {
        last.saving = whole - before - steps.iter().map(|c| c.saving).sum::<Decimal>();
    }
    Ok(changes)
}
