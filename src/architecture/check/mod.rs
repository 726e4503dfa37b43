//! Whether a layout can serve a scenario, decided in one place for `estimate`, `compare` and
//! `recommend` alike. The rules come in families, one file each: the API against the workload
//! and requirements, the integration against the backend, reach into other accounts, how
//! consumers get in (endpoints, DNS, facade), and AZs. [`RULES`] lists them in the order their
//! reasons are reported; a new rule is a function in its family and one line there.

mod api;
mod consumers;
mod integration;
mod reach;
mod zones;

use super::{Layout, Reasons};
use crate::scenario::Scenario;

/// How strictly [`check`] judges a layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strictness {
    /// `estimate`: the user's own layout; soft constraints become warnings.
    Estimate,
    /// `compare`: every whitepaper constraint and requirement.
    Pattern,
}

/// A rule: adds why `l` cannot serve `s`, if it cannot.
type Rule = fn(&Layout, &Scenario, &mut Findings);

/// What the rules found: every reason, worded (for people), or only whether there is one (for
/// the search, which judges hundreds of layouts and shows none of the reasons); and, for the
/// workbook, each test a rule makes on numeric inputs as a spreadsheet condition.
pub struct Findings {
    reasons: Reasons,
    worded: bool,
    broken: bool,
    /// Collected only for the workbook.
    conditions: Option<Vec<Condition>>,
    /// The rule being run is soft.
    soft: bool,
}

impl Findings {
    /// Nothing found yet; reasons are worded when `worded`, conditions not collected.
    fn new(worded: bool) -> Self {
        Findings {
            reasons: Vec::new(),
            worded,
            broken: false,
            conditions: None,
            soft: false,
        }
    }

    /// The layout breaks a rule; `why` is worded only when the reasons are wanted.
    pub fn add<S: Into<String>>(&mut self, why: impl FnOnce() -> S) {
        self.broken = true;
        if self.worded {
            self.reasons.push(why().into());
        }
    }

    /// A test on numeric inputs: `holds` now, and `formula` (over the workbook's input names)
    /// says whether it still holds once an input is edited; `reason` says what breaking it means.
    /// Adds `why` when it does not hold.
    pub fn require<S: Into<String>>(
        &mut self,
        holds: bool,
        formula: &'static str,
        reason: &'static str,
        why: impl FnOnce() -> S,
    ) {
        if let Some(c) = &mut self.conditions {
            c.push(Condition {
                formula: formula.to_owned(),
                holds,
                reason: reason.to_owned(),
                soft: self.soft,
            });
        }
        if !holds {
            self.add(why);
        }
    }
}

/// A test a layout's applicability makes on numeric inputs, as a spreadsheet condition: while
/// it holds, the layout exported to a workbook is still the one its formulas price.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    /// A spreadsheet condition over the workbook's input names (`topology_availability_zones>=2`).
    pub formula: String,
    /// Whether it holds for the inputs as exported.
    pub holds: bool,
    /// What breaking it means.
    pub reason: String,
    /// Breaking it is a warning for `estimate` (the layout is still priced), a refusal for
    /// `compare`.
    pub soft: bool,
}

/// What breaking a rule means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// The layout cannot be built for the scenario: refused at every strictness.
    Hard,
    /// A whitepaper constraint `estimate` leaves to warnings (an ALB in one AZ): refused only
    /// under [`Strictness::Pattern`].
    Soft,
    /// The layout breaks one of the scenario's `[requirements]`: `estimate` prices it with a
    /// warning naming the requirement ([`broken_requirements`]); `compare` and `recommend` never
    /// offer it.
    Requirement,
}

/// Every rule, in the order its reasons are reported.
const RULES: &[(Kind, Rule)] = &[
    (Kind::Hard, api::workload),
    (Kind::Hard, consumers::internet_clients),
    (Kind::Requirement, api::private_endpoint),
    (Kind::Requirement, api::rest_features),
    (Kind::Hard, api::cache),
    (Kind::Hard, api::waf),
    (Kind::Hard, integration::backend),
    (Kind::Hard, integration::vpc_link),
    (Kind::Soft, zones::alb),
    (Kind::Hard, reach::accounts),
    (Kind::Hard, reach::routing),
    (Kind::Hard, reach::lambda_proxy),
    (Kind::Hard, consumers::shared_endpoint),
    (Kind::Hard, consumers::interface_endpoints),
    (Kind::Hard, consumers::on_premises_dns),
    (Kind::Hard, consumers::multi_region_facade),
    (Kind::Requirement, zones::minimum),
];

/// Is this layout able to serve the scenario under its requirements? Every reason, not only the
/// first.
pub fn check(l: &Layout, s: &Scenario, strictness: Strictness) -> Result<(), Reasons> {
    let findings = judge(l, s, strictness, true);
    if findings.broken {
        Err(findings.reasons)
    } else {
        Ok(())
    }
}

/// The requirements `l` breaks, worded: what `estimate` warns about when it prices a layout
/// that can be built but breaks a requirement.
pub fn broken_requirements(l: &Layout, s: &Scenario) -> Reasons {
    let mut findings = Findings::new(true);
    for (kind, rule) in RULES {
        if *kind == Kind::Requirement {
            rule(l, s, &mut findings);
        }
    }
    findings.reasons
}

/// Whether [`check`] would pass, without wording any reason.
pub fn fits(l: &Layout, s: &Scenario, strictness: Strictness) -> bool {
    !judge(l, s, strictness, false).broken
}

fn judge(l: &Layout, s: &Scenario, strictness: Strictness, worded: bool) -> Findings {
    let mut findings = Findings::new(worded);
    for (kind, rule) in RULES {
        if *kind == Kind::Hard || strictness == Strictness::Pattern {
            rule(l, s, &mut findings);
            if findings.broken && !worded {
                break;
            }
        }
    }
    findings
}

/// Every test the rules make on numeric inputs for `l` (soft ones marked), as spreadsheet
/// conditions.
pub fn conditions(l: &Layout, s: &Scenario) -> Vec<Condition> {
    let mut findings = Findings {
        conditions: Some(Vec::new()),
        ..Findings::new(false)
    };
    for (kind, rule) in RULES {
        // Soft rules and requirements are warnings for `estimate`, refusals for `compare`.
        findings.soft = *kind != Kind::Hard;
        rule(l, s, &mut findings);
    }
    findings.conditions.unwrap_or_default()
}
