//! The human format: boxed tables (comfy-table), money rounded to the cent.

use comfy_table::{CellAlignment, ContentArrangement, Table, presets::UTF8_FULL};
use std::io::{self, Write};

use super::{Document, Kind, ScenarioReport, rate_text, signed_money, top_components};
use crate::architecture::PATTERNS;
use crate::component::Component;
use crate::engine::Estimate;
use crate::money::{money, number, price};

const WIDTH: u16 = 150;

fn new_table(header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_style(UTF8_FULL)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(WIDTH);
    t.set_header(header.to_vec());
    t
}

fn right(t: &mut Table, cols: &[usize]) {
    for c in cols {
        if let Some(col) = t.column_mut(*c) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
}

pub fn render(doc: &Document<'_>, out: &mut dyn Write) -> io::Result<()> {
    match doc {
        Document::Estimates {
            kind: Kind::Estimate,
            scenarios,
            ..
        } => {
            for (i, s) in scenarios.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                for p in &s.estimates {
                    estimate(s, p, out)?;
                }
            }
            if scenarios.len() > 1 {
                let total: rust_decimal::Decimal = scenarios
                    .iter()
                    .flat_map(|s| &s.estimates)
                    .map(|p| p.estimate.monthly_cost)
                    .sum();
                writeln!(
                    out,
                    "\nAll {} scenarios: {} a month",
                    scenarios.len(),
                    money(total)
                )?;
            }
            Ok(())
        }
        Document::Estimates {
            kind: Kind::Compare,
            scenarios,
            ..
        } => {
            for (i, s) in scenarios.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                compare(s, out)?;
            }
            Ok(())
        }
        Document::Architectures => {
            let mut t = new_table(&["Id", "Name", "What it is for", "Billable parts"]);
            for p in PATTERNS {
                t.add_row(vec![
                    p.id.to_owned(),
                    p.name.to_owned(),
                    format!("{}. {}.\n[{}]", p.title, p.purpose, p.section),
                    p.parts
                        .iter()
                        .map(|x| format!("• {x}"))
                        .collect::<Vec<_>>()
                        .join("\n"),
                ]);
            }
            writeln!(out, "{t}")
        }
        Document::PriceList(book) => {
            let mut t = new_table(&["Region", "Items priced", "Unverified", "Missing", "Source"]);
            for table in book.tables.values() {
                let (have, all) = table.completeness();
                let missing: Vec<&str> = Component::ALL
                    .iter()
                    .filter(|c| c.price_item() == **c && table.get(**c).is_none())
                    .map(|c| c.id())
                    .collect();
                let unverified = Component::ALL
                    .iter()
                    .filter(|c| {
                        c.price_item() == **c && table.get(**c).is_some_and(|p| p.unverified)
                    })
                    .count();
                t.add_row(vec![
                    table.region.clone(),
                    format!("{have} of {all}"),
                    unverified.to_string(),
                    if missing.is_empty() {
                        "-".to_owned()
                    } else {
                        missing.join(", ")
                    },
                    table.origin.clone(),
                ]);
            }
            writeln!(out, "{t}")
        }
        Document::PriceShow(book, region) => {
            let Some(table) = book.region(region) else {
                return Ok(());
            };
            writeln!(
                out,
                "Prices for {} ({}, {})",
                table.region, table.currency, table.origin
            )?;
            let mut t = new_table(&["Item", "Unit", "Price", "Effective", "Source"]);
            for c in Component::ALL.iter().filter(|c| c.price_item() == **c) {
                match table.get(*c) {
                    Some(p) => t.add_row(vec![
                        c.id().to_owned(),
                        c.unit().to_owned(),
                        format!(
                            "{}{}",
                            rate_text(&p.rate),
                            if p.unverified { " (unverified)" } else { "" }
                        ),
                        p.effective_date.clone(),
                        p.source.clone(),
                    ]),
                    None => t.add_row(vec![
                        c.id().to_owned(),
                        c.unit().to_owned(),
                        "missing".to_owned(),
                        "-".to_owned(),
                        "-".to_owned(),
                    ]),
                };
            }
            writeln!(out, "{t}")
        }
        Document::PriceDiff(d) => {
            use super::{diff_cells, diff_summary};
            if d.rows.is_empty() {
                return writeln!(
                    out,
                    "No price changes from {} to {}: {}",
                    d.old,
                    d.new,
                    diff_summary(d)
                );
            }
            writeln!(out, "Price changes from {} to {}", d.old, d.new)?;
            let mut t = new_table(&[
                "Region",
                "Item",
                "Unit",
                "Change",
                "Tier",
                "Old",
                "New",
                "Difference",
            ]);
            for r in &d.rows {
                let [old, new, diff] = diff_cells(r);
                t.add_row(vec![
                    r.region.clone(),
                    r.item.id().to_owned(),
                    r.item.unit().to_owned(),
                    r.change.as_str().to_owned(),
                    r.part.map_or_else(|| "-".to_owned(), |p| p.label()),
                    old,
                    new,
                    diff,
                ]);
            }
            right(&mut t, &[5, 6, 7]);
            writeln!(out, "{t}")?;
            writeln!(out, "{}", diff_summary(d))
        }
        Document::Validated(files) => {
            for f in files {
                writeln!(out, "ok: {f}")?;
            }
            Ok(())
        }
        Document::Recommend(items) => {
            for (i, (scenario, advice)) in items.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                recommend(scenario, advice, out)?;
            }
            Ok(())
        }
    }
}

fn recommend(
    s: &crate::scenario::Scenario,
    a: &crate::recommend::Advice,
    out: &mut dyn Write,
) -> io::Result<()> {
    use super::{layout_label, recommendation_name};
    write!(
        out,
        "{} ({}, {} h a month): ",
        s.name, s.region, s.hours_per_month
    )?;
    match &a.current {
        Some(c) => writeln!(
            out,
            "current layout {} ({}) costs {} a month; {} feasible layouts searched",
            recommendation_name(c),
            layout_label(&c.estimate.layout),
            money(c.estimate.monthly_cost),
            a.feasible
        )?,
        None => writeln!(
            out,
            "no current [layout]; {} feasible layouts searched",
            a.feasible
        )?,
    }
    if !a.current_problems.is_empty() {
        writeln!(
            out,
            "The current layout does not meet the scenario: {}",
            a.current_problems.join("; ")
        )?;
    }
    if a.already_cheapest {
        writeln!(
            out,
            "The current layout is already the cheapest that meets the requirements. Nearest alternatives:"
        )?;
    }
    if a.recommendations.is_empty() {
        writeln!(out, "No layout meets the requirements.")?;
        return Ok(());
    }
    let mut t = new_table(&["#", "Layout", "Monthly", "Saving", "Changes"]);
    for (i, r) in a.recommendations.iter().enumerate() {
        let changes = r
            .changes
            .iter()
            .map(|c| {
                let mut line = format!(
                    "• {} ({}): {}",
                    c.what,
                    super::saving_phrase(c.saving),
                    c.why
                );
                if let Some(t) = &c.tradeoff {
                    line.push_str(&format!(". Trade-off: {t}"));
                }
                line
            })
            .collect::<Vec<_>>()
            .join("\n");
        t.add_row(vec![
            (i + 1).to_string(),
            format!(
                "{}\n{}",
                recommendation_name(r),
                layout_label(&r.estimate.layout)
            ),
            money(r.estimate.monthly_cost),
            r.saving.map_or_else(|| "-".to_owned(), money),
            if changes.is_empty() {
                "-".to_owned()
            } else {
                changes
            },
        ]);
    }
    right(&mut t, &[2, 3]);
    writeln!(out, "{t}")?;
    if !a.break_evens.is_empty() {
        writeln!(out, "Break-even points")?;
        for b in &a.break_evens {
            writeln!(out, "  - {}", b.text)?;
        }
    }
    Ok(())
}

fn heading(s: &ScenarioReport<'_>) -> String {
    format!(
        "{} ({}, {} h a month)",
        s.scenario.name, s.scenario.region, s.scenario.hours_per_month
    )
}

fn estimate(s: &ScenarioReport<'_>, p: &crate::Priced, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "{}: {} {}: {}",
        heading(s),
        p.pattern.id,
        p.pattern.name,
        p.pattern.title
    )?;
    let mut t = new_table(&[
        "Component",
        "Quantity",
        "Unit",
        "Unit price",
        "Monthly",
        "Formula",
    ]);
    for li in &p.estimate.line_items {
        t.add_row(vec![
            li.component.id().to_owned(),
            number(li.quantity, 4),
            li.unit().to_owned(),
            li.unit_price.map_or_else(|| "tiered".to_owned(), price),
            money(li.monthly_cost),
            li.formula.to_string(),
        ]);
    }
    t.add_row(vec![
        "Total".to_owned(),
        String::new(),
        String::new(),
        String::new(),
        money(p.estimate.monthly_cost),
        String::new(),
    ]);
    right(&mut t, &[1, 3, 4]);
    writeln!(out, "{t}")?;
    sizing(&p.estimate, out)?;
    warnings(&p.estimate, out)
}

fn sizing(e: &Estimate, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "Sizing")?;
    for line in super::sizing_lines(e) {
        writeln!(out, "  {line}")?;
    }
    Ok(())
}

fn warnings(e: &Estimate, out: &mut dyn Write) -> io::Result<()> {
    if !e.warnings.is_empty() {
        writeln!(out, "Warnings")?;
        for w in &e.warnings {
            writeln!(out, "  - {w}")?;
        }
    }
    Ok(())
}

fn compare(s: &ScenarioReport<'_>, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "{}: {} patterns apply, cheapest first",
        heading(s),
        s.estimates.len()
    )?;
    let cheapest = s.cheapest();
    let current = s.current_cost();
    let mut t = new_table(&[
        "#",
        "Pattern",
        "Monthly",
        "vs cheapest",
        "vs current",
        "Largest components",
    ]);
    for (i, p) in s.estimates.iter().enumerate() {
        let is_current = s.current.is_some_and(|c| std::ptr::eq(c, p.pattern));
        t.add_row(vec![
            (i + 1).to_string(),
            format!(
                "{}{}{}\n{}",
                p.pattern.id,
                if is_current { " (current)" } else { "" },
                s.same_as(i)
                    .map_or_else(String::new, |o| format!(", same layout as {}", o.id)),
                p.pattern.title
            ),
            money(p.estimate.monthly_cost),
            signed_money(cheapest.map(|c| p.estimate.monthly_cost - c)),
            signed_money(current.map(|c| p.estimate.monthly_cost - c)),
            top_components(p, 3)
                .iter()
                .map(|li| format!("{} {}", li.component.id(), money(li.monthly_cost)))
                .collect::<Vec<_>>()
                .join("\n"),
        ]);
    }
    right(&mut t, &[2, 3, 4]);
    writeln!(out, "{t}")?;
    if s.current.is_some() && current.is_none() {
        writeln!(
            out,
            "The current layout ({}) does not apply: see below.",
            s.current.map_or("", |c| c.id)
        )?;
    }
    if !s.not_applicable.is_empty() {
        writeln!(out, "Not applicable")?;
        for na in &s.not_applicable {
            writeln!(out, "  {}: {}", na.pattern.id, na.reasons.join("; "))?;
        }
    }
    Ok(())
}

/// Collects a sweep into a table (tables are for reading, so a long sweep is better as CSV).
pub struct SweepTable<W: Write> {
    out: W,
    table: Option<Table>,
}

impl<W: Write> SweepTable<W> {
    pub fn new(out: W) -> Self {
        SweepTable { out, table: None }
    }
}

impl<W: Write> crate::sweep::Sink for SweepTable<W> {
    fn begin(&mut self, keys: &[&str], columns: &[crate::sweep::Column]) -> io::Result<()> {
        let mut names: Vec<String> = keys.iter().map(|k| (*k).to_owned()).collect();
        names.extend(columns.iter().map(|c| c.label()));
        names.push("Cheapest".into());
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let mut t = new_table(&refs);
        right(&mut t, &(0..refs.len() - 1).collect::<Vec<_>>());
        self.table = Some(t);
        Ok(())
    }
    fn row(
        &mut self,
        values: &[rust_decimal::Decimal],
        costs: &[Option<rust_decimal::Decimal>],
        cheapest: Option<&str>,
    ) -> io::Result<()> {
        let cells = super::sweep_cells(values, costs, cheapest);
        if let Some(t) = &mut self.table {
            t.add_row(cells);
        }
        Ok(())
    }
    fn end(&mut self, keys: &[&str], crossings: &[crate::sweep::Crossing]) -> io::Result<()> {
        if let Some(t) = &mut self.table {
            let numeric: Vec<usize> = (0..t.column_count().saturating_sub(1)).collect();
            right(t, &numeric);
            writeln!(self.out, "{t}")?;
        }
        if !crossings.is_empty() {
            writeln!(self.out, "Break-even points")?;
            for c in crossings {
                writeln!(self.out, "  - {}", c.text(keys))?;
            }
        }
        self.out.flush()
    }
}
