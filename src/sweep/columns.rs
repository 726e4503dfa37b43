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
        match self {
            Column::Pattern(p) => architecture::resolve(p, s, s.layout.as_ref()).ok(),
            Column::Current(p) => architecture::resolve_own(p, s, s.layout.as_ref()).ok(),
        }
    }
}

/// The column that stands for the current layout in a tie: its pattern's column, when the
/// pattern applies, else the current layout's own.
pub(super) fn current(columns: &[Column]) -> Option<usize> {
    let own = columns
        .iter()
        .position(|c| matches!(c, Column::Current(_)))?;
    let pattern = columns[own].pattern();
    columns
        .iter()
        .position(|c| matches!(c, Column::Pattern(p) if std::ptr::eq(*p, pattern)))
        .or(Some(own))
}

/// The columns: every pattern that applies at either end of the range(s), and the current
/// layout. A column's cell is empty at steps where its pattern does not apply. A column the
/// price table cannot price at an end of the range (a price it lacks) is left out, and named
/// with what it lacks.
pub(super) fn columns(
    s: &Scenario,
    vary: &[Vary],
    pricer: Pricer<'_>,
) -> (Vec<Column>, Vec<NotPriced>) {
    let corners = corners(s, vary);
    let mut out: Vec<Column> = PATTERNS
        .iter()
        .filter(|p| {
            corners
                .iter()
                .any(|c| architecture::resolve(p, c, c.layout.as_ref()).is_ok())
        })
        .map(Column::Pattern)
        .collect();
    if let Some(p) = s
        .layout
        .as_ref()
        .and_then(|l| architecture::find(&l.architecture))
    {
        out.push(Column::Current(p));
    }
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
