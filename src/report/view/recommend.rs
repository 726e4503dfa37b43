//! The view of `recommend`: per scenario, the current layout, the cheapest layouts that meet the
//! requirements with each change and its saving, and the break-even points.

use super::{Block, Cell, Column, Dialect, Grid, Lines, Section, Text, View, scenario_title};
use crate::money::money;
use crate::recommend::{Across, Advice, Recommendation};
use crate::report::{layout_label, recommendation_name, saving_phrase, shown_savings};
use crate::scenario::Scenario;
use rust_decimal::Decimal;

pub fn recommend(items: &[(&Scenario, Advice)]) -> View {
    let sections = items
        .iter()
        .map(|(s, a)| Section {
            blocks: advice(s, a),
            closed: true,
        })
        .collect();
    View { sections }
}

fn advice(s: &Scenario, a: &Advice) -> Vec<Block> {
    let mut blocks = intro(s, a);
    blocks.push(super::prices_line(&a.prices));
    if !a.current_problems.is_empty() {
        let line = format!(
            "The current layout does not meet the scenario: {}",
            a.current_problems.join("; ")
        );
        blocks.push(Block::Line(line.into()));
    }
    if a.already_cheapest {
        blocks.push(Block::Line(
            "The current layout is already the cheapest that meets the requirements. Nearest alternatives:".into(),
        ));
    }
    let current = a.current.as_ref().map(|c| c.estimate.monthly_cost);
    let grid = Block::Grid(layouts(&a.recommendations, current));
    let profile_break_evens = a.profiles.iter().flat_map(|p| &p.break_evens);
    let break_evens = super::break_evens(
        a.break_evens
            .iter()
            .map(|b| b.text.as_str().into())
            .chain(profile_break_evens.map(|b| b.text.as_str().into()))
            .collect(),
    );
    if a.recommendations.is_empty() {
        let none = if a.not_priced.is_empty() {
            "No layout meets the requirements."
        } else {
            "No layout that meets the requirements can be priced in this Region (see Not priced)."
        };
        let none = Block::Line(none.into());
        blocks.push(Block::Only(Dialect::Table, vec![none]));
        blocks.push(Block::Only(Dialect::Markdown, vec![grid, break_evens]));
    } else {
        blocks.push(grid);
        blocks.extend(a.profiles.as_ref().map(|p| Block::Grid(across(a, p))));
        blocks.push(break_evens);
    }
    blocks.push(super::not_priced(&a.not_priced));
    blocks
}

/// The scenario and its current layout: one line in a table, a heading and a sentence in
/// Markdown.
fn intro(s: &Scenario, a: &Advice) -> Vec<Block> {
    let n = crate::money::count(a.feasible as u64, "feasible layout[s]");
    let (table, markdown) = match &a.current {
        Some(c) => {
            let (name, label) = (recommendation_name(c), layout_label(&c.estimate.layout));
            let cost = money(c.estimate.monthly_cost);
            (
                Text::new().text(format!(
                    ": current layout {name} ({label}) costs {cost} a month; {n} searched"
                )),
                Text::new()
                    .text("Current layout ")
                    .strong(name)
                    .text(format!(" ({label}): "))
                    .strong(cost)
                    .text(format!(" a month. {n} searched.")),
            )
        }
        None if s.layout.is_some() => (
            Text::new().text(format!(
                ": the current layout cannot be priced (see Not priced); {n} searched"
            )),
            Text::new().text(format!(
                "The current layout cannot be priced (see Not priced). {n} searched."
            )),
        ),
        None => (
            Text::new().text(format!(": no current [layout]; {n} searched")),
            Text::new()
                .text("No current ")
                .code("[layout]")
                .text(format!(". {n} searched.")),
        ),
    };
    vec![
        Block::Only(
            Dialect::Table,
            vec![Block::Line(scenario_title(s).then(table))],
        ),
        Block::Only(
            Dialect::Markdown,
            vec![Block::Heading(scenario_title(s)), Block::Line(markdown)],
        ),
    ]
}

/// Across usage profiles: the current layout and each recommended one priced, unchanged, in
/// every profile (one cost column each), and the profiles where it is the cheapest.
fn across(a: &Advice, across: &Across) -> Grid {
    let mut columns = vec![Column::words("Across profiles")];
    columns.extend(across.names.iter().map(|n| Column::figures(n.clone())));
    columns.push(Column::words("Cheapest in"));
    let mut g = Grid::new(columns);
    let current = a.current.as_ref().zip(across.current.as_ref());
    let current = current.map(|(r, st)| (format!("current {}", recommendation_name(r)), st));
    let shown = a.recommendations.iter().zip(&across.recommendations);
    let shown = shown
        .enumerate()
        .map(|(i, (r, st))| (format!("#{} {}", i + 1, recommendation_name(r)), st));
    for (label, st) in current.into_iter().chain(shown) {
        let mut cells = vec![Cell::text(label)];
        cells.extend(st.costs.iter().map(|c| Cell::or_dash(*c, Cell::Money)));
        cells.push(if st.cheapest_in.is_empty() {
            Cell::Dash
        } else {
            Cell::text(st.cheapest_in.join(", "))
        });
        g.row(cells);
    }
    let mut cheapest = vec![Cell::text("cheapest")];
    cheapest.extend(
        across
            .cheapest
            .iter()
            .map(|r| Cell::or_dash(r.as_ref(), |r| Cell::Money(r.estimate.monthly_cost))),
    );
    cheapest.push(Cell::Empty);
    g.total(cheapest);
    g
}

/// The recommended layouts, cheapest first, each with its changes from the current one (whose
/// cost is `current`).
fn layouts(recommendations: &[Recommendation], current: Option<Decimal>) -> Grid {
    let mut g = Grid::new(vec![
        Column::words("#"),
        Column::words("Layout"),
        Column::figures("Monthly"),
        Column::figures("Saving"),
        Column::words("Changes").prose(),
    ]);
    for (i, r) in recommendations.iter().enumerate() {
        let name = Text::new().strong(recommendation_name(r));
        let (saving, savings) = shown_savings(current, r);
        let changes: Vec<Text> = r
            .changes
            .iter()
            .zip(savings)
            .map(|(c, shown)| {
                let t = Text::new().text(format!(
                    "{} ({}): {}",
                    c.what,
                    saving_phrase(shown),
                    c.why_cited()
                ));
                match &c.tradeoff {
                    Some(off) => t.text(". ").emph("Trade-off:").text(format!(" {off}")),
                    None => t,
                }
            })
            .collect();
        g.row(vec![
            Cell::text((i + 1).to_string()),
            Cell::Lines(
                Lines::Stack,
                vec![name, layout_label(&r.estimate.layout).into()],
            ),
            Cell::Money(r.estimate.monthly_cost),
            Cell::or_dash(saving, Cell::Money),
            if changes.is_empty() {
                Cell::Dash
            } else {
                Cell::Lines(Lines::Paragraphs, changes)
            },
        ]);
    }
    g
}
