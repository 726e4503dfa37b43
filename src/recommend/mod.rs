//! `recommend`: an exhaustive search of the layout space (API type, endpoint placement and count,
//! AZs, DNS option, integration target and VPC link version, cross-account connectivity, load
//! balancer consolidation, multi-Region facade, a smaller REST cache or none, the WAF web ACL or
//! none, fewer Resolver IPs) under the scenario's requirements, so the cheapest feasible layout
//! is found by construction. Each recommendation explains itself as a list of changes against
//! the current layout, each with its own saving (they add up exactly), the whitepaper cost lever
//! behind it and what it trades away. Break-even points for the volume- and count-dependent
//! levers come from exact bisection.
//!
//! The parts: [`search`] (the space and its ranking), [`levers`] (each choice a recommendation
//! can change, and how it is said), [`explain`] (changes priced step by step), [`break_even`].

mod break_even;
mod explain;
mod levers;
mod profiles;
mod search;

use rust_decimal::Decimal;
use std::collections::HashMap;

use crate::architecture::{self, Layout, PATTERNS, Pattern, Strictness};
use crate::compare::NotPriced;
use crate::engine::{EngineError, Estimate, Options, estimate};
use crate::pricing::{PriceBook, PriceTable, Provenance};
use crate::scenario::{LayoutSpec, Scenario};
use crate::{Error, engine_error, table_for};
pub use break_even::{BreakEven, break_evens};
pub use explain::{Change, LeverSource, describe_changes};
pub use profiles::{Across, ProfileBreakEven, Standing, across};
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
    /// The price table the scenario was priced with.
    pub prices: Provenance,
    /// Layouts that meet the requirements but cannot be priced in the Region, and why.
    pub not_priced: Vec<NotPriced>,
    /// The layouts shown priced in each usage profile ([`across`]); `None` without profiles.
    pub profiles: Option<Across>,
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

/// The whitepaper pattern a layout is, if any (ignoring AZs and refinements); where several
/// build it, the one `compare` lists it under ([`architecture::naming`]).
pub fn pattern_of(s: &Scenario, l: &Layout) -> Option<&'static Pattern> {
    let builds = |p: &&Pattern| {
        let r = architecture::resolve_lenient(p, s, None);
        p.needs.iter().all(|n| n.unmet(s).is_none())
            && (r.api, r.endpoints, r.integration, r.reach, r.dns, r.facade)
                == (l.api, l.endpoints, l.integration, l.reach, l.dns, l.facade)
    };
    let current = s
        .layout
        .as_ref()
        .and_then(|spec| architecture::find(&spec.architecture));
    architecture::naming(PATTERNS.iter().filter(builds), current)
}

/// Searches the layout space of `s` and explains the cheapest `top` layouts. Layouts the
/// Region's price table cannot price (the current one included) are skipped and named in
/// `not_priced`, as `compare` does with patterns.
pub fn recommend(
    s: &Scenario,
    book: &PriceBook,
    opts: Options,
    top: usize,
) -> Result<Advice, Error> {
    let table = table_for(s, book)?;
    let pricing = Pricing { table, opts };
    let mut not_priced = Vec::new();
    let layout = match &s.layout {
        Some(spec) => Some(current_layout(s, spec)?),
        None => None,
    };
    let current = layout
        .as_ref()
        .and_then(|(p, l)| current(s, p, l, pricing, &mut not_priced));
    let current_layout = layout.as_ref().map(|(_, l)| l);
    let base = current_layout
        .cloned()
        .unwrap_or_else(|| architecture::resolve_lenient(&PATTERNS[0], s, None));
    let (ranked, unpriced) = search::rank(s, &base, current_layout, pricing);
    for (l, e) in unpriced
        .into_iter()
        .filter(|(l, _)| Some(l) != current_layout)
    {
        let id = pattern_of(s, &l).map_or("other layouts", |p| p.id);
        NotPriced::add(&mut not_priced, id, e.to_string(), 1);
    }
    if current.is_none() && ranked.is_empty() && !not_priced.is_empty() {
        let what = "no layout that meets the requirements";
        let reasons = not_priced.iter().map(|n| n.reason.as_str());
        return Err(crate::compare::nothing_priced(s, table, what, reasons));
    }
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
    let current_fits = current_problems.is_empty();
    let recommendations = explain_top(
        s,
        &ranked,
        current_estimate,
        current_fits,
        top,
        pricing,
        &mut not_priced,
    );
    let reference = current_layout.or(recommendations.first().map(|r| &r.estimate.layout));
    let break_evens = match reference {
        Some(l) => break_evens(s, l, table, opts).map_err(|e| engine_error(s, table, e))?,
        None => Vec::new(),
    };
    Ok(Advice {
        current,
        recommendations,
        feasible,
        already_cheapest,
        current_problems,
        break_evens,
        prices: table.provenance(),
        not_priced,
        profiles: None,
    })
}

/// The scenario's current layout, as `estimate` builds it.
fn current_layout(s: &Scenario, spec: &LayoutSpec) -> Result<(&'static Pattern, Layout), Error> {
    let pattern = crate::layout_pattern(spec)?;
    Ok((
        pattern,
        architecture::resolve_lenient(pattern, s, Some(spec)),
    ))
}

/// The current layout priced in full, or `None` (named in `not_priced`) when the price table
/// cannot price it.
fn current(
    s: &Scenario,
    pattern: &'static Pattern,
    layout: &Layout,
    pricing: Pricing<'_>,
    not_priced: &mut Vec<NotPriced>,
) -> Option<Recommendation> {
    match pricing.estimate(s, layout) {
        Ok(estimate) => Some(Recommendation {
            estimate,
            pattern: Some(pattern),
            saving: Some(Decimal::ZERO),
            changes: Vec::new(),
        }),
        Err(e) => {
            let id = format!("current ({})", pattern.id);
            NotPriced::add(not_priced, &id, e.to_string(), 1);
            None
        }
    }
}

/// The cheapest `top` layouts other than the current one, priced in full and explained against
/// the current layout. A layout that costs what the current one costs, or has a needless change
/// (one that, undone, leaves a layout of the search as cheap), is skipped: it saves nothing over
/// the layout without the change, which is listed instead. Layouts that cost more than the
/// current one are listed only when none saves (the nearest alternatives). A layout whose
/// step-by-step changes cannot be priced is skipped, named.
fn explain_top(
    s: &Scenario,
    ranked: &[search::Ranked],
    current: Option<&Estimate>,
    current_fits: bool,
    top: usize,
    pricing: Pricing<'_>,
    not_priced: &mut Vec<NotPriced>,
) -> Vec<Recommendation> {
    let current_layout = current.map(|c| &c.layout);
    let feasible: HashMap<&Layout, Decimal> = match current {
        Some(_) => ranked.iter().map(|r| (&r.layout, r.cost)).collect(),
        None => HashMap::new(),
    };
    let mut out = Vec::with_capacity(top);
    for r in ranked.iter().filter(|r| current_layout != Some(&r.layout)) {
        if out.len() == top {
            break;
        }
        if let Some(cur) = current {
            match listing(cur, current_fits, r, &out, &feasible) {
                Listing::Stop => break,
                Listing::Skip => continue,
                Listing::Show => {}
            }
        }
        let explained = pricing.estimate(s, &r.layout).and_then(|estimate| {
            let changes = match current_layout {
                Some(cur) => describe_changes(s, cur, &r.layout, pricing.table, pricing.opts)?,
                None => Vec::new(),
            };
            Ok((estimate, changes))
        });
        let pattern = pattern_of(s, &r.layout);
        match explained {
            Ok((estimate, changes)) => out.push(Recommendation {
                saving: current.map(|c| c.monthly_cost - estimate.monthly_cost),
                pattern,
                estimate,
                changes,
            }),
            Err(e) => {
                let id = pattern.map_or("other layouts", |p| p.id);
                NotPriced::add(not_priced, id, e.to_string(), 1);
            }
        }
    }
    out
}

/// What to do with a ranked layout, against the current one.
enum Listing {
    Show,
    /// It saves nothing over another layout: go on with the next.
    Skip,
    /// Some layouts save money and this one costs more, as every later one does.
    Stop,
}

/// Whether a ranked layout is worth listing against the current layout: once some listed
/// layout saves money, one that costs more is no recommendation (when none saves, the nearest
/// alternatives are shown); one that costs what a current layout meeting the requirements costs
/// saves nothing; one with a needless change is dominated by the layout without it.
fn listing(
    current: &Estimate,
    current_fits: bool,
    r: &search::Ranked,
    listed: &[Recommendation],
    feasible: &HashMap<&Layout, Decimal>,
) -> Listing {
    let cost = current.monthly_cost;
    let some_save = listed
        .first()
        .is_some_and(|o| o.estimate.monthly_cost < cost);
    if current_fits && r.cost > cost && some_save {
        return Listing::Stop;
    }
    if (current_fits && r.cost == cost)
        || explain::has_needless_change(&current.layout, &r.layout, r.cost, feasible)
    {
        return Listing::Skip;
    }
    Listing::Show
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
                    always_free: true,
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
