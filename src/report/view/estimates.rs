//! The view of `estimate` (each layout's line items, sizing and warnings) and `compare` (every
//! pattern that applies, cheapest first): one section per scenario.

use rust_decimal::Decimal;

use super::{
    Block, Cell, Column, Dialect, Grid, Lines, List, ListKind, Section, Text, View, prices_line,
    scenario_title,
};
use crate::Priced;
use crate::engine::BROKEN;
use crate::money::{money, round_cents};
use crate::report::{ProfileRun, ScenarioReport, shown_costs, sizing_lines, top_components};
use crate::scenario::BASE;

/// `estimate`: each scenario's estimates, then the sum of them all when there are several.
pub fn estimates(scenarios: &[ScenarioReport<'_>]) -> View {
    let mut sections: Vec<Section> = scenarios
        .iter()
        .map(|s| Section {
            blocks: s.estimates.iter().flat_map(|p| estimate(s, p)).collect(),
            closed: true,
        })
        .collect();
    if scenarios.len() > 1 {
        // The sum of the totals shown, so that it adds up too.
        let total: Decimal = scenarios
            .iter()
            .flat_map(|s| &s.estimates)
            .map(|p| round_cents(p.estimate.monthly_cost))
            .sum();
        let line = format!(
            "All {} scenarios: {} a month",
            scenarios.len(),
            money(total)
        );
        sections.push(Section {
            blocks: vec![Block::Only(Dialect::Table, vec![Block::Line(line.into())])],
            closed: false,
        });
    }
    View { sections }
}

/// One estimate: heading, the prices used, line items with their total, its cost in each usage
/// profile, sizing, warnings.
fn estimate(s: &ScenarioReport<'_>, p: &Priced) -> Vec<Block> {
    let heading = scenario_title(s.scenario)
        .text(format!(": {} ", p.pattern.id))
        .only(Dialect::Table, format!("{}: ", p.pattern.name))
        .text(p.pattern.title);
    let mut blocks = vec![
        Block::Heading(heading),
        prices_line(&s.prices),
        Block::Grid(line_items(p)),
    ];
    if !s.profiles.is_empty() {
        blocks.push(Block::Grid(profile_costs(s, p)));
    }
    blocks.extend([
        Block::List(List {
            title: Some("Sizing"),
            kind: ListKind::Facts,
            items: sizing_lines(&p.estimate)
                .into_iter()
                .map(Text::from)
                .collect(),
        }),
        Block::List(List {
            title: Some("Warnings"),
            kind: ListKind::Points,
            items: p
                .estimate
                .warnings
                .iter()
                .map(|w| w.as_str().into())
                .collect(),
        }),
    ]);
    blocks
}

/// An estimate's monthly cost in the scenario (`base`) and in each usage profile, one column
/// each, and each profile's difference to the base.
fn profile_costs(s: &ScenarioReport<'_>, p: &Priced) -> Grid {
    let mut columns = vec![Column::words("Profile"), Column::figures(BASE)];
    columns.extend(s.profiles.iter().map(|r| Column::figures(r.name.clone())));
    let mut g = Grid::new(columns);
    // Differences of the amounts shown, so that they check.
    let base = round_cents(p.estimate.monthly_cost);
    let costs: Vec<Option<Decimal>> = s
        .profiles
        .iter()
        .map(|r| r.cost(p.pattern).map(round_cents))
        .collect();
    let mut monthly = vec![Cell::text("Monthly"), Cell::Money(base)];
    monthly.extend(costs.iter().map(|c| Cell::or_dash(*c, Cell::Money)));
    g.row(monthly);
    let mut versus = vec![Cell::text("vs base"), Cell::Empty];
    versus.extend(
        costs
            .iter()
            .map(|c| Cell::or_dash(*c, |c| Cell::Difference(c - base))),
    );
    g.row(versus);
    g
}

/// The line items of an estimate and their total.
fn line_items(p: &Priced) -> Grid {
    let mut g = Grid::new(vec![
        // A narrow table keeps what the formula does not say: the component and its cost.
        Column::words("Component"),
        Column::figures("Quantity").optional(),
        Column::words("Unit").optional(),
        Column::figures("Unit price").optional(),
        Column::figures("Monthly"),
        Column::words("Formula").prose(),
    ]);
    for (li, shown) in p.estimate.line_items.iter().zip(shown_costs(&p.estimate)) {
        g.row(vec![
            Cell::Text(Text::new().code(li.component.id())),
            Cell::Quantity(li.quantity),
            Cell::text(li.unit()),
            li.unit_price
                .map_or_else(|| Cell::text("tiered"), Cell::Price),
            Cell::Money(shown),
            Cell::text(li.formula.to_string()),
        ]);
    }
    g.total(vec![
        Cell::text("Total"),
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Money(p.estimate.monthly_cost),
        Cell::Empty,
    ]);
    g
}

/// `compare`: per scenario, the patterns that apply, cheapest first, and those that do not.
pub fn compare(scenarios: &[ScenarioReport<'_>]) -> View {
    let sections = scenarios
        .iter()
        .map(|s| {
            let heading = scenario_title(s.scenario)
                .text(format!(
                    ": {} appl{}",
                    crate::money::count(s.estimates.len() as u64, "pattern[s]"),
                    if s.estimates.len() == 1 { "ies" } else { "y" }
                ))
                .only(Dialect::Table, ", cheapest first");
            let mut blocks = vec![
                Block::Heading(heading),
                prices_line(&s.prices),
                Block::Grid(ranking(s)),
            ];
            if let Some(c) = s.current.filter(|_| s.current_cost().is_none()) {
                let unpriced = s
                    .not_applicable
                    .iter()
                    .any(|n| n.unpriced && std::ptr::eq(n.pattern, c));
                let why = if unpriced {
                    "cannot be priced"
                } else {
                    "does not apply"
                };
                let line = format!("The current layout ({}) {why}: see below.", c.id);
                blocks.push(Block::Only(Dialect::Table, vec![Block::Line(line.into())]));
            }
            if let Some((id, broken)) = broken_requirements(s) {
                let line = format!(
                    "The current layout ({id}) is shown, but it breaks a requirement: {}.",
                    broken.join("; ")
                );
                blocks.push(Block::Line(line.into()));
            }
            blocks.push(Block::List(List {
                title: Some("Not applicable"),
                kind: ListKind::Facts,
                items: s
                    .not_applicable
                    .iter()
                    .map(|na| {
                        let reasons = na.reasons.join("; ");
                        Text::new()
                            .strong(na.pattern.id)
                            .text(format!(": {reasons}"))
                    })
                    .collect(),
            }));
            Section {
                blocks,
                closed: true,
            }
        })
        .collect();
    View { sections }
}

/// The patterns of one scenario, cheapest first, against the cheapest and the current layout.
fn ranking(s: &ScenarioReport<'_>) -> Grid {
    let mut g = Grid::new(vec![
        Column::words("#"),
        Column::words("Pattern"),
        Column::figures("Monthly"),
        Column::figures("vs cheapest"),
        Column::figures("vs current"),
        Column::words("Largest components").optional(),
    ]);
    // Each usage profile's cost and rank, after the base's.
    for r in &s.profiles {
        g.columns
            .push(Column::figures(format!("{} (rank)", r.name)));
    }
    // Differences of the amounts shown, so that they check.
    let (cheapest, current) = (
        s.cheapest().map(round_cents),
        s.current_cost().map(round_cents),
    );
    for (i, p) in s.estimates.iter().enumerate() {
        let cost = round_cents(p.estimate.monthly_cost);
        let components = top_components(&p.estimate, 3)
            .iter()
            .map(|(li, shown)| {
                Text::new()
                    .code(li.component.id())
                    .text(format!(" {}", money(*shown)))
            })
            .collect();
        // Ties share a rank (1, 1, 3), as the workbook's RANK gives them.
        let rank = crate::report::profiles::rank_among(&s.estimates, p.estimate.monthly_cost);
        let mut cells = vec![
            Cell::text(rank.to_string()),
            Cell::Lines(
                Lines::Stack,
                vec![pattern_label(s, i), p.pattern.title.into()],
            ),
            Cell::Money(cost),
            Cell::or_dash(cheapest, |c| Cell::Difference(cost - c)),
            Cell::or_dash(current, |c| Cell::Difference(cost - c)),
            Cell::Lines(Lines::Terms, components),
        ];
        cells.extend(s.profiles.iter().map(|r| profile_cell(r, p)));
        g.row(cells);
    }
    g
}

/// A pattern's cost and rank in one usage profile: `$51.71 (#1)`.
fn profile_cell(r: &ProfileRun, p: &Priced) -> Cell {
    match (r.cost(p.pattern), r.rank(p.pattern)) {
        (Some(cost), Some(rank)) => Cell::text(format!("{} (#{rank})", money(cost))),
        _ => Cell::text("does not apply"),
    }
}

/// The current layout's id and the requirements it breaks, when it is shown but breaks some.
fn broken_requirements<'a>(s: &'a ScenarioReport<'_>) -> Option<(&'static str, Vec<&'a str>)> {
    let p = s.current_estimate()?;
    let broken: Vec<&str> = p
        .estimate
        .warnings
        .iter()
        .filter_map(|w| w.strip_prefix(BROKEN))
        .collect();
    (!broken.is_empty()).then_some((p.pattern.id, broken))
}

/// `R1 (current), same layout as R5`: a pattern's id and how it relates to the others.
fn pattern_label(s: &ScenarioReport<'_>, i: usize) -> Text {
    let p = &s.estimates[i];
    let mut t = Text::new().strong(p.pattern.id);
    if s.current.is_some_and(|c| std::ptr::eq(c, p.pattern)) {
        let breaks = p.estimate.warnings.iter().any(|w| w.starts_with(BROKEN));
        t = t.text(if breaks {
            " (current, breaks a requirement)"
        } else {
            " (current)"
        });
    }
    if let Some(o) = s.same_as(i) {
        t = t
            .only(Dialect::Table, format!(", same layout as {}", o.id))
            .only(Dialect::Markdown, format!(" (same layout as {})", o.id));
    }
    t
}
