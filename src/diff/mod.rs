//! `diff`: what a change costs. Two priced designs (a scenario before and after a change, each
//! with its estimate) in, the view a pull request needs out: the monthly totals and their
//! difference, every component whose quantity, unit price, cost or formula changed (added and
//! removed ones too) and every scenario key whose value changed. Pure: no I/O, no rounding; the
//! renderers in `report` round once. [`Threshold`] is `--fail-above`, the one rule for when a CI
//! job should fail.

use rust_decimal::Decimal;

use crate::Priced;
use crate::component::Component;
use crate::engine::LineItem;
use crate::money::{plain, round_cents};
use crate::scenario::{INPUTS, Scenario};

mod threshold;
pub use threshold::Threshold;

/// One side of a diff: the scenario and its own layout priced.
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    pub scenario: &'a Scenario,
    pub priced: &'a Priced,
}

/// How a component changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Billed after, not before.
    Added,
    /// Billed before, not after.
    Removed,
    /// Billed on both sides, with another quantity, unit price, cost or formula.
    Changed,
}

impl Change {
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Added => "added",
            Change::Removed => "removed",
            Change::Changed => "changed",
        }
    }
}

/// One component that changed, with its line item on each side that bills it.
#[derive(Debug, Clone, PartialEq)]
pub struct ComponentChange {
    pub component: Component,
    pub change: Change,
    pub before: Option<LineItem>,
    pub after: Option<LineItem>,
}

impl ComponentChange {
    /// The monthly cost before (zero when added).
    pub fn cost_before(&self) -> Decimal {
        self.before
            .as_ref()
            .map_or(Decimal::ZERO, |li| li.monthly_cost)
    }
    /// The monthly cost after (zero when removed).
    pub fn cost_after(&self) -> Decimal {
        self.after
            .as_ref()
            .map_or(Decimal::ZERO, |li| li.monthly_cost)
    }
    /// After less before, exact.
    pub fn difference(&self) -> Decimal {
        self.cost_after() - self.cost_before()
    }
    /// The difference as shown, to the cent: the shown costs' difference, so that each row
    /// reads right (the rows' differences may then miss the total's by a cent).
    pub fn shown_difference(&self) -> Decimal {
        round_cents(self.cost_after()) - round_cents(self.cost_before())
    }
}

/// One scenario key whose value changed, each value as the scenario file would write it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputChange {
    /// Dotted `section.key` (`topology.availability_zones`), `region` bare.
    pub key: String,
    pub before: String,
    pub after: String,
}

/// What one side is: its file, scenario name, priced pattern and Region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub file: String,
    pub scenario: String,
    pub architecture: &'static str,
    pub region: String,
}

impl Label {
    fn of(side: Side<'_>) -> Label {
        Label {
            file: side.scenario.path.clone(),
            scenario: side.scenario.name.clone(),
            architecture: side.priced.pattern.id,
            region: side.scenario.region.clone(),
        }
    }
}

/// What a change costs.
#[derive(Debug, Clone, PartialEq)]
pub struct Diff {
    pub before_side: Label,
    pub after_side: Label,
    /// The monthly totals, exact.
    pub before: Decimal,
    pub after: Decimal,
    /// In the order line items are listed (`Component::ALL`).
    pub components: Vec<ComponentChange>,
    pub inputs: Vec<InputChange>,
    /// The warnings of the estimate after that the estimate before did not have (a requirement
    /// the change breaks, a quota it nears, a default it now assumes).
    pub new_warnings: Vec<String>,
}

impl Diff {
    /// After less before, exact.
    pub fn difference(&self) -> Decimal {
        self.after - self.before
    }

    /// The difference of the totals as shown, to the cent: the shown totals' difference, so
    /// that what a reader sees adds up.
    pub fn shown_difference(&self) -> Decimal {
        round_cents(self.after) - round_cents(self.before)
    }

    /// The difference as a percentage of the total before, exact; `None` when the total before
    /// is zero (any increase is then infinitely many percent).
    pub fn percent(&self) -> Option<Decimal> {
        (!self.before.is_zero()).then(|| self.difference() * Decimal::ONE_HUNDRED / self.before)
    }

    /// Nothing changed: the same components at the same cost, the same inputs, no new warning.
    pub fn is_empty(&self) -> bool {
        self.components.is_empty()
            && self.inputs.is_empty()
            && self.new_warnings.is_empty()
            && self.before == self.after
    }
}

/// The diff of two priced sides.
pub fn diff(before: Side<'_>, after: Side<'_>) -> Diff {
    Diff {
        before_side: Label::of(before),
        after_side: Label::of(after),
        before: before.priced.estimate.monthly_cost,
        after: after.priced.estimate.monthly_cost,
        components: components(
            &before.priced.estimate.line_items,
            &after.priced.estimate.line_items,
        ),
        inputs: inputs(before.scenario, after.scenario),
        new_warnings: after
            .priced
            .estimate
            .warnings
            .iter()
            .filter(|w| !before.priced.estimate.warnings.contains(w))
            .cloned()
            .collect(),
    }
}

/// Every component billed on either side whose line item differs, in the order of
/// `Component::ALL`. An estimate bills a component at most once; were one billed twice, its
/// items are paired in order.
fn components(before: &[LineItem], after: &[LineItem]) -> Vec<ComponentChange> {
    let mut out = Vec::new();
    for &component in Component::ALL {
        let mut old = before.iter().filter(|li| li.component == component);
        let mut new = after.iter().filter(|li| li.component == component);
        loop {
            let pair = (old.next(), new.next());
            let change = match pair {
                (None, None) => break,
                (Some(b), Some(a)) if same(b, a) => continue,
                (Some(_), Some(_)) => Change::Changed,
                (Some(_), None) => Change::Removed,
                (None, Some(_)) => Change::Added,
            };
            out.push(ComponentChange {
                component,
                change,
                before: pair.0.cloned(),
                after: pair.1.cloned(),
            });
        }
    }
    out
}

/// Two line items a reader would call the same: quantity, unit price, cost and formula.
fn same(b: &LineItem, a: &LineItem) -> bool {
    b.quantity == a.quantity
        && b.unit_price == a.unit_price
        && b.monthly_cost == a.monthly_cost
        && b.formula.to_string() == a.formula.to_string()
}

/// Every scenario key whose value differs between the two scenarios.
fn inputs(before: &Scenario, after: &Scenario) -> Vec<InputChange> {
    let old = keys(before);
    keys(after)
        .into_iter()
        .zip(old)
        .filter(|((_, a), (_, b))| a != b)
        .map(|((key, after), (_, before))| InputChange {
            key: key.to_owned(),
            before,
            after,
        })
        .collect()
}

/// What an optional key the scenario leaves out shows.
pub const NOT_SET: &str = "(not set)";

/// Every key of a scenario that can change its cost, with its value, in one fixed order (so the
/// two sides' lists pair up): the Region, the numbers, the choices, the pattern and private DNS.
/// `traffic.requests_per_second` is left out: it restates `traffic.requests_per_month`.
fn keys(s: &Scenario) -> Vec<(&'static str, String)> {
    let mut out = vec![("region", s.region.clone())];
    for input in INPUTS.iter() {
        if input.name != "traffic.requests_per_second" {
            let value = (input.get)(s).map_or_else(|| NOT_SET.to_owned(), plain);
            out.push((input.name, value));
        }
    }
    let unquoted = |v: String| match v.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        Some(inner) if !inner.contains('"') => inner.to_owned(),
        _ => v,
    };
    out.extend(
        crate::scenario::choices(s)
            .into_iter()
            .map(|(k, v)| (k, unquoted(v))),
    );
    let layout = s.layout.as_ref();
    let architecture = layout.map_or_else(|| NOT_SET.to_owned(), |l| l.architecture.clone());
    out.push(("layout.architecture", architecture));
    let dns = layout.is_none_or(|l| l.private_dns);
    out.push(("layout.private_dns", dns.to_string()));
    out
}

/// Replaces the traffic of `side` by that of the `usage` scenario (`--usage FILE`): what the
/// code of a design cannot say comes from one file for both sides. The usage file's own
/// `traffic.*` keys count as given, the side's other keys as they were. The reader's rules
/// across sections are checked again on the result: the rules it breaks are returned (traffic
/// from on premises for a side with no on-premises link, say).
pub fn apply_usage(side: &mut Scenario, usage: &Scenario) -> Result<(), Vec<&'static str>> {
    side.traffic = usage.traffic.clone();
    side.given.retain(|k| !k.starts_with("traffic."));
    side.given.extend(
        usage
            .given
            .iter()
            .filter(|k| k.starts_with("traffic."))
            .copied(),
    );
    let broken: Vec<&'static str> = crate::scenario::cross_checks(side)
        .into_iter()
        .filter(|c| !c.holds)
        .map(|c| c.reason)
        .collect();
    if broken.is_empty() {
        Ok(())
    } else {
        Err(broken)
    }
}
