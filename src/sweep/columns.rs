//! The columns of a sweep: which patterns it prices at every step. Chosen once, from the corners
//! of the swept range, so every row has the same columns whatever the step.

use crate::architecture::{self, PATTERNS, Pattern};
use crate::compare::NotPriced;
use crate::engine::{self, EngineError};
use crate::scenario::Scenario;

use super::price::Pricer;
use super::steps::Vary;

/// What a column prices.
#[derive(Clone, Copy)]
pub enum Column {
    Pattern(&'static Pattern),
    /// The scenario's own `[layout]`.
    Current(&'static Pattern),
}

impl Column {
    pub fn label(&self) -> String {
        match self {
            Column::Pattern(p) => p.id.to_owned(),
            Column::Current(p) => format!("current ({})", p.id),
        }
    }

    /// The pattern the column prices.
    pub fn pattern(&self) -> &'static Pattern {
        match self {
            Column::Pattern(p) | Column::Current(p) => p,
        }
    }

    /// The layout the column prices for `s`, or `None` where its pattern does not apply.
    pub(super) fn layout(&self, s: &Scenario) -> Option<architecture::Layout> {
        // Quietly: the reasons a pattern does not apply at a step are never shown.
        match self {
            Column::Pattern(p) => architecture::resolve_quietly(p, s, s.layout.as_ref(), false),
            // A profile may name another pattern in its `[layout]`: this column is not its own.
            Column::Current(p) => {
                let own = s
                    .layout
                    .as_ref()
                    .and_then(|l| architecture::find(&l.architecture))?;
                std::ptr::eq(own, *p)
                    .then(|| architecture::resolve_quietly(p, s, s.layout.as_ref(), true))
                    .flatten()
            }
        }
    }
}

/// Where the current layout's columns are: its pattern's column (the one that competes for
/// "cheapest", and wins a tie) and its own (shown beside it, never named cheapest).
#[derive(Clone, Copy)]
pub(super) struct Current {
    pub pattern: usize,
    pub own: usize,
}

/// The current layout's two columns for `s`, when it has a `[layout]` and both are priced.
pub(super) fn current(columns: &[Column], s: &Scenario) -> Option<Current> {
    let id = own_pattern(s)?;
    let own = columns
        .iter()
        .position(|c| matches!(c, Column::Current(p) if std::ptr::eq(*p, id)))?;
    let pattern = columns
        .iter()
        .position(|c| matches!(c, Column::Pattern(p) if std::ptr::eq(*p, id)))?;
    Some(Current { pattern, own })
}

/// The columns: every pattern that applies at either end of the range(s), the current layout's
/// pattern (always: it is the column through which the current layout competes for
/// "cheapest"), and the current layout. A column's cell is empty at steps where its pattern does
/// not apply; the current layout's is priced wherever `estimate` would price it, also where it
/// breaks a requirement or a rule of its pattern. A column the
/// price table cannot price at an end of the range (a price it lacks) is left out, and named
/// with what it lacks. With several usage profiles (`scenarios`, the base first), the columns
/// are those of every profile, a current layout's column for each pattern their layouts name.
pub(super) fn columns(
    scenarios: &[&Scenario],
    vary: &[Vary],
    pricer: Pricer<'_>,
) -> (Vec<Column>, Vec<NotPriced>) {
    let corners: Vec<Scenario> = scenarios.iter().flat_map(|s| corners(s, vary)).collect();
    let mut owns: Vec<&'static Pattern> = Vec::new();
    for p in scenarios.iter().filter_map(|s| own_pattern(s)) {
        if !owns.iter().any(|o| std::ptr::eq(*o, p)) {
            owns.push(p);
        }
    }
    let mut out: Vec<Column> = PATTERNS
        .iter()
        .filter(|p| {
            owns.iter().any(|o| std::ptr::eq(*o, *p))
                || corners
                    .iter()
                    .any(|c| architecture::resolve(p, c, c.layout.as_ref()).is_ok())
        })
        .map(Column::Pattern)
        .collect();
    out.extend(owns.into_iter().map(Column::Current));
    let mut not_priced = Vec::new();
    out.retain(|col| match unpriced(col, &corners, pricer) {
        Some(reason) => {
            NotPriced::add(&mut not_priced, &col.label(), reason, 1);
            false
        }
        None => true,
    });
    (out, not_priced)
}

/// The pattern `s`'s `[layout]` names, if it has one.
fn own_pattern(s: &Scenario) -> Option<&'static Pattern> {
    s.layout
        .as_ref()
        .and_then(|l| architecture::find(&l.architecture))
}

/// What the price table lacks to price `col` at one of the corners, if anything.
fn unpriced(col: &Column, corners: &[Scenario], pricer: Pricer<'_>) -> Option<String> {
    corners.iter().find_map(|c| {
        let layout = col.layout(c)?;
        match engine::estimate(c, &layout, pricer.table, pricer.opts) {
            Err(e @ (EngineError::MissingPrice { .. } | EngineError::CacheSize { .. })) => {
                Some(e.to_string())
            }
            _ => None,
        }
    })
}

/// The scenario at every corner of the swept range (two for one key, four for a grid).
fn corners(s: &Scenario, vary: &[Vary]) -> Vec<Scenario> {
    let mut corners = vec![s.clone()];
    for v in vary {
        let mut next = Vec::new();
        for c in &corners {
            for end in [v.from, v.to] {
                let mut x = c.clone();
                v.key.set(&mut x, end);
                next.push(x);
            }
        }
        corners = next;
    }
    corners
}
