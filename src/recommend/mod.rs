//! `recommend`: an exhaustive search of the layout space (API type, endpoint placement and count,
//! AZs, DNS option, integration target and VPC link version, cross-account connectivity, load
//! balancer consolidation, multi-Region facade) under the scenario's requirements, so the
//! cheapest feasible layout is found by construction. Each recommendation explains itself as a
//! list of changes against the current layout, each with its own saving (they add up exactly),
//! the whitepaper cost lever behind it and what it trades away. Break-even points for the
//! volume- and count-dependent levers come from exact bisection.
//!
//! The parts: [`search`] (the space and its ranking), [`levers`] (each choice a recommendation
//! can change, and how it is said), [`explain`] (changes priced step by step), [`break_even`].

mod break_even;
mod explain;
mod levers;
mod search;

use rust_decimal::Decimal;

use crate::architecture::{self, Layout, PATTERNS, Pattern, Strictness};
use crate::engine::{EngineError, Estimate, Options, estimate};
use crate::pricing::{PriceBook, PriceTable};
use crate::scenario::{LayoutSpec, Scenario};
use crate::{Error, engine_error, table_for};
pub use break_even::{BreakEven, break_evens};
pub use explain::{Change, describe_changes};
pub use search::layout_space;

/// A layout the search found, priced.
#[derive(Debug, Clone)]
pub struct Recommendation {
    pub estimate: Estimate,
    /// The whitepaper pattern this layout is, when it is one.
    pub pattern: Option<&'static Pattern>,
    /// Current cost − this cost (positive saves money). `None` without a current layout.
    pub saving: Option<Decimal>,
    pub changes: Vec<Change>,
}

/// Everything `recommend` says about one scenario.
#[derive(Debug, Clone)]
pub struct Advice {
    pub current: Option<Recommendation>,
    /// Cheapest first, at most `top`.
    pub recommendations: Vec<Recommendation>,
    /// How many feasible layouts the search priced.
    pub feasible: usize,
    /// The current layout is feasible and already the cheapest feasible one.
    pub already_cheapest: bool,
    /// Why the current layout does not meet the scenario's requirements, if it does not.
    pub current_problems: Vec<String>,
    pub break_evens: Vec<BreakEven>,
}

/// The price table and options a whole recommendation is priced with.
#[derive(Debug, Clone, Copy)]
struct Pricing<'a> {
    table: &'a PriceTable,
    opts: Options,
}

impl Pricing<'_> {
    /// A layout's estimate in full, for what is shown.
    fn estimate(&self, s: &Scenario, l: &Layout) -> Result<Estimate, EngineError> {
        estimate(s, l, self.table, self.opts)
    }

    /// A layout's monthly cost alone, for searching and comparing: a lean estimate, the same
    /// total without the line items, sizing and warnings.
    fn cost(&self, s: &Scenario, l: &Layout) -> Result<Decimal, EngineError> {
        let lean = Options {
            lean: true,
            ..self.opts
        };
        estimate(s, l, self.table, lean).map(|e| e.monthly_cost)
    }
}

/// The whitepaper pattern a layout is, if any (ignoring AZs and refinements).
pub fn pattern_of(s: &Scenario, l: &Layout) -> Option<&'static Pattern> {
    // Most specific first: an NLB layout is "R5" rather than the generic "R1".
    PATTERNS.iter().rev().find(|p| {
        let r = architecture::resolve_lenient(p, s, None);
        p.needs.iter().all(|n| n.unmet(s).is_none())
            && (r.api, r.endpoints, r.integration, r.reach, r.dns, r.facade)
                == (l.api, l.endpoints, l.integration, l.reach, l.dns, l.facade)
    })
}

/// Searches the layout space of `s` and explains the cheapest `top` layouts.
pub fn recommend(
    s: &Scenario,
    book: &PriceBook,
    opts: Options,
    top: usize,
) -> Result<Advice, Error> {
    let table = table_for(s, book)?;
    let pricing = Pricing { table, opts };
    let fail = |e| engine_error(s, table, e);
    let current = match &s.layout {
        Some(spec) => Some(current(s, spec, pricing)?),
        None => None,
    };
    let current_layout = current.as_ref().map(|c| &c.estimate.layout);
    let base = current_layout
        .cloned()
        .unwrap_or_else(|| architecture::resolve_lenient(&PATTERNS[0], s, None));
    let ranked = search::rank(s, &base, current_layout, pricing);
    let feasible = ranked.len();
    let current_problems = current_layout
        .and_then(|l| architecture::check(l, s, Strictness::Pattern).err())
        .unwrap_or_default();
    let already_cheapest = match (&current, ranked.first()) {
        (Some(c), Some(best)) => {
            current_problems.is_empty() && c.estimate.monthly_cost <= best.cost
        }
        (Some(_), None) => current_problems.is_empty(),
        _ => false,
    };
    let current_estimate = current.as_ref().map(|c| &c.estimate);
    let recommendations = explain_top(s, ranked, current_estimate, top, pricing).map_err(fail)?;
    let reference = current
        .as_ref()
        .or(recommendations.first())
        .map(|r| &r.estimate.layout);
    let break_evens = match reference {
        Some(l) => break_evens(s, l, table, opts).map_err(fail)?,
        None => Vec::new(),
    };
    Ok(Advice {
        current,
        recommendations,
        feasible,
        already_cheapest,
        current_problems,
        break_evens,
    })
}

/// The scenario's current layout, as `estimate` builds it, priced in full.
fn current(s: &Scenario, spec: &LayoutSpec, pricing: Pricing<'_>) -> Result<Recommendation, Error> {
    let pattern = crate::layout_pattern(spec)?;
    let layout = architecture::resolve_lenient(pattern, s, Some(spec));
    let estimate = pricing
        .estimate(s, &layout)
        .map_err(|e| engine_error(s, pricing.table, e))?;
    Ok(Recommendation {
        estimate,
        pattern: Some(pattern),
        saving: Some(Decimal::ZERO),
        changes: Vec::new(),
    })
}

/// The cheapest `top` layouts other than the current one, priced in full and explained against
/// the current layout.
fn explain_top(
    s: &Scenario,
    ranked: Vec<search::Ranked>,
    current: Option<&Estimate>,
    top: usize,
    pricing: Pricing<'_>,
) -> Result<Vec<Recommendation>, EngineError> {
    let current_layout = current.map(|c| &c.layout);
    let mut out = Vec::with_capacity(top);
    for r in ranked
        .into_iter()
        .filter(|r| current_layout != Some(&r.layout))
        .take(top)
    {
        let estimate = pricing.estimate(s, &r.layout)?;
        let changes = match current_layout {
            Some(cur) => describe_changes(s, cur, &r.layout, pricing.table, pricing.opts)?,
            None => Vec::new(),
        };
        out.push(Recommendation {
            saving: current.map(|c| c.monthly_cost - estimate.monthly_cost),
            pattern: pattern_of(s, &r.layout),
            estimate,
            changes,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every shipped scenario, parsed.
    fn shipped() -> Vec<Scenario> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios");
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path().display().to_string();
            let text = std::fs::read_to_string(&path).unwrap();
            out.push(crate::scenario::parse(&path, &text).unwrap());
        }
        out
    }

    /// The search judges with `fits`, which words no reasons: it must agree with `check`.
    #[test]
    fn fits_agrees_with_check_over_the_whole_space() {
        let mut judged = 0;
        for s in shipped() {
            let base = architecture::resolve_lenient(&PATTERNS[0], &s, None);
            for l in layout_space(&s, &base) {
                for strictness in [Strictness::Estimate, Strictness::Pattern] {
                    let fits = architecture::fits(&l, &s, strictness);
                    assert_eq!(fits, architecture::check(&l, &s, strictness).is_ok());
                    judged += 1;
                }
            }
        }
        assert!(judged > 2_000, "{judged}");
    }

    /// The search prices with lean estimates: they must give every layout of the space the
    /// total (or the error) a full estimate gives, on every shipped scenario.
    #[test]
    fn lean_costs_equal_full_estimates_over_the_whole_space() {
        let book = PriceBook::embedded();
        let mut compared = 0;
        for s in shipped() {
            let table = table_for(&s, &book).unwrap();
            let base = architecture::resolve_lenient(&PATTERNS[0], &s, None);
            for opts in [
                Options::default(),
                Options {
                    free_tier: true,
                    lean: false,
                },
            ] {
                let pricing = Pricing { table, opts };
                for l in layout_space(&s, &base) {
                    let full = pricing.estimate(&s, &l).map(|e| e.monthly_cost);
                    assert_eq!(pricing.cost(&s, &l), full, "{} {l:?}", s.path);
                    compared += 1;
                }
            }
        }
        assert!(compared > 2_000, "{compared}");
    }
}
