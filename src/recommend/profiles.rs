//! A recommendation across usage profiles: a design is chosen once and lives through a quiet
//! month and a busy one, so each layout `recommend` shows is priced, unchanged, in every profile
//! (`cheapest_in`: the profiles where nothing that meets the requirements costs less), and where
//! the base's cheapest layout stops being the cheapest in a profile, the point between the two
//! where the profile's cheapest layout overtakes it is found by bisection.

use rust_decimal::Decimal;

use super::{Advice, Recommendation, recommend};
use crate::architecture::Layout;
use crate::breakeven::crossing;
use crate::engine::{EngineError, Options, estimate};
use crate::money::number;
use crate::pricing::{PriceBook, PriceTable};
use crate::scenario::{BASE, INPUTS, Scenario};
use crate::{Error, in_profile, table_for};

/// One layout priced in every profile.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    /// Its monthly cost in each profile, in [`Across::names`] order (`None`: it cannot be
    /// priced there).
    pub costs: Vec<Option<Decimal>>,
    /// The profiles where it is the cheapest layout that meets the requirements.
    pub cheapest_in: Vec<String>,
}

/// Where the base's cheapest layout stops being the cheapest, on the way to a profile.
#[derive(Debug, Clone, PartialEq)]
pub struct ProfileBreakEven {
    pub from: String,
    pub to: String,
    /// The keys at the crossing (`None`: no crossing found between the two).
    pub at: Option<Vec<(&'static str, Decimal)>>,
    pub text: String,
}

/// What `recommend` says across a scenario's usage profiles.
#[derive(Debug, Clone)]
pub struct Across {
    /// `base`, then each profile in file order.
    pub names: Vec<String>,
    /// The cheapest layout that meets the requirements in each profile.
    pub cheapest: Vec<Option<Recommendation>>,
    pub current: Option<Standing>,
    /// One per recommendation, in order.
    pub recommendations: Vec<Standing>,
    pub break_evens: Vec<ProfileBreakEven>,
}

/// The cheapest layout an advice found: the current one when it meets the requirements and
/// nothing is cheaper, else the first recommendation.
fn cheapest(a: &Advice) -> Option<&Recommendation> {
    let current = a.current.as_ref().filter(|_| a.current_problems.is_empty());
    match (current, a.recommendations.first()) {
        (Some(c), Some(r)) if r.estimate.monthly_cost < c.estimate.monthly_cost => Some(r),
        (Some(c), _) => Some(c),
        (None, r) => r,
    }
}

/// `advice` (the base's) across the profiles of `s`; `None` when it has none.
pub fn across(
    s: &Scenario,
    advice: &Advice,
    book: &PriceBook,
    opts: Options,
) -> Result<Option<Across>, Error> {
    if s.profiles.is_empty() {
        return Ok(None);
    }
    let table = table_for(s, book)?;
    let runs: Vec<(&str, &Scenario)> = std::iter::once((BASE, s))
        .chain(s.profiles.iter().map(|p| (p.name.as_str(), &p.scenario)))
        .collect();
    let mut best = vec![cheapest(advice).cloned()];
    for p in &s.profiles {
        let theirs = in_profile(&p.name, recommend(&p.scenario, book, opts, 1))?;
        best.push(cheapest(&theirs).cloned());
    }
    let standing = |l: &Layout| standing(&runs, &best, l, table, opts);
    let break_evens = match &best[0] {
        Some(b) => break_evens(&runs, &best, &b.estimate.layout, table, opts),
        None => Vec::new(),
    };
    Ok(Some(Across {
        names: runs.iter().map(|(n, _)| (*n).to_owned()).collect(),
        current: advice
            .current
            .as_ref()
            .map(|c| standing(&c.estimate.layout)),
        recommendations: advice
            .recommendations
            .iter()
            .map(|r| standing(&r.estimate.layout))
            .collect(),
        cheapest: best,
        break_evens,
    }))
}

/// The monthly cost of layout `l` in scenario `s`, or `None` when it cannot be priced there.
fn cost(s: &Scenario, l: &Layout, table: &PriceTable, opts: Options) -> Option<Decimal> {
    let lean = Options { lean: true, ..opts };
    estimate(s, l, table, lean).ok().map(|e| e.monthly_cost)
}

fn standing(
    runs: &[(&str, &Scenario)],
    best: &[Option<Recommendation>],
    l: &Layout,
    table: &PriceTable,
    opts: Options,
) -> Standing {
    let costs: Vec<Option<Decimal>> = runs.iter().map(|(_, s)| cost(s, l, table, opts)).collect();
    let cheapest_in = runs
        .iter()
        .zip(&costs)
        .zip(best)
        .filter(|((_, c), b)| match (c, b) {
            (Some(c), Some(b)) => *c <= b.estimate.monthly_cost,
            _ => false,
        })
        .map(|(((name, _), _), _)| (*name).to_owned())
        .collect();
    Standing { costs, cheapest_in }
}

/// For each profile whose cheapest layout is not the base's `chosen`, where between the base and
/// that profile the profile's cheapest layout overtakes it.
fn break_evens(
    runs: &[(&str, &Scenario)],
    best: &[Option<Recommendation>],
    chosen: &Layout,
    table: &PriceTable,
    opts: Options,
) -> Vec<ProfileBreakEven> {
    let base = runs[0].1;
    let mut out = Vec::new();
    for ((to, profile), theirs) in runs.iter().zip(best).skip(1) {
        let Some(theirs) = theirs.as_ref().filter(|t| t.estimate.layout != *chosen) else {
            continue;
        };
        let other = &theirs.estimate.layout;
        let diff = |s: &Scenario| -> Result<Decimal, EngineError> {
            let lean = Options { lean: true, ..opts };
            Ok(estimate(s, chosen, table, lean)?.monthly_cost
                - estimate(s, other, table, lean)?.monthly_cost)
        };
        let keys = differing(base, profile);
        let at = crossing(Decimal::ZERO, STEPS, |t| diff(&between(base, &keys, t)))
            .ok()
            .flatten()
            .map(|t| {
                let s = between(base, &keys, t);
                keys.iter()
                    .map(|k| (k.0, (k.1.get)(&s).unwrap_or_default()))
                    .collect::<Vec<_>>()
            });
        let name = |r: &Recommendation| r.pattern.map_or("custom", |p| p.id);
        let text = match &at {
            Some(values) => format!(
                "from {BASE} to {to}, the cheapest layout in {to} ({}) becomes cheaper than {} at {}",
                name(theirs),
                best[0].as_ref().map_or("the base's choice", name),
                values
                    .iter()
                    .map(|(k, v)| format!("{k} = {}", number(*v, 2)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            None => format!("from {BASE} to {to}, no crossing was found"),
        };
        out.push(ProfileBreakEven {
            from: BASE.to_owned(),
            to: (*to).to_owned(),
            at,
            text,
        });
    }
    out
}

/// The resolution of the way from the base to a profile: a crossing is found to 1/10,000th of it.
const STEPS: Decimal = Decimal::from_parts(10_000, 0, 0, false, 0);

/// A numeric key the two scenarios give different values: the key, the base's value, the
/// profile's.
type Differs = (
    &'static str,
    &'static crate::scenario::Input,
    Decimal,
    Decimal,
);

/// The numeric keys a profile changes (those a sweep can set).
fn differing(base: &Scenario, profile: &Scenario) -> Vec<Differs> {
    INPUTS
        .iter()
        .filter(|i| i.set.is_some())
        .filter_map(|i| match ((i.get)(base), (i.get)(profile)) {
            (Some(a), Some(b)) if a != b => Some((i.name, i, a, b)),
            _ => None,
        })
        .collect()
}

/// The scenario `t` steps of [`STEPS`] from the base towards the profile: each differing key
/// moved in proportion (a count rounded to a whole number).
fn between(base: &Scenario, keys: &[Differs], t: Decimal) -> Scenario {
    let mut s = base.clone();
    s.profiles = Vec::new();
    for (_, input, from, to) in keys {
        let mut v = from + (to - from) * t / STEPS;
        if input.kind != crate::scenario::Kind::Number {
            v = v.round();
        }
        if let Some(set) = input.set {
            set(&mut s, v);
        }
    }
    s
}
