//! Markdown for design documents and pull requests: GitHub tables, money rounded to the cent.

use std::io::{self, Write};

use super::{Document, Kind, ScenarioReport, rate_text, signed_money, top_components};
use crate::architecture::PATTERNS;
use crate::component::Component;
use crate::money::{money, number, price};

/// Escapes a table cell: pipes and line breaks would break the row.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace(['\n', '\r'], " ")
}

fn row(out: &mut dyn Write, cells: &[String]) -> io::Result<()> {
    writeln!(
        out,
        "| {} |",
        cells
            .iter()
            .map(|c| cell(c))
            .collect::<Vec<_>>()
            .join(" | ")
    )
}

fn header(out: &mut dyn Write, names: &[&str], right: &[usize]) -> io::Result<()> {
    writeln!(out, "| {} |", names.join(" | "))?;
    let rules: Vec<&str> = (0..names.len())
        .map(|i| if right.contains(&i) { "---:" } else { "---" })
        .collect();
    writeln!(out, "|{}|", rules.join("|"))
}

fn title(s: &ScenarioReport<'_>) -> String {
    format!(
        "{} ({}, {} h a month)",
        cell(&s.scenario.name),
        s.scenario.region,
        s.scenario.hours_per_month
    )
}

pub fn render(doc: &Document<'_>, out: &mut dyn Write) -> io::Result<()> {
    match doc {
        Document::Estimates {
            kind: Kind::Estimate,
            scenarios,
            ..
        } => {
            for s in scenarios {
                for p in &s.estimates {
                    writeln!(
                        out,
                        "## {}: {} {}\n",
                        title(s),
                        p.pattern.id,
                        p.pattern.title
                    )?;
                    header(
                        out,
                        &[
                            "Component",
                            "Quantity",
                            "Unit",
                            "Unit price",
                            "Monthly",
                            "Formula",
                        ],
                        &[1, 3, 4],
                    )?;
                    for li in &p.estimate.line_items {
                        row(
                            out,
                            &[
                                format!("`{}`", li.component.id()),
                                number(li.quantity, 4),
                                li.unit().to_owned(),
                                li.unit_price.map_or_else(|| "tiered".to_owned(), price),
                                money(li.monthly_cost),
                                li.formula.to_string(),
                            ],
                        )?;
                    }
                    row(
                        out,
                        &[
                            "**Total**".into(),
                            String::new(),
                            String::new(),
                            String::new(),
                            format!("**{}**", money(p.estimate.monthly_cost)),
                            String::new(),
                        ],
                    )?;
                    writeln!(out, "\n**Sizing**\n")?;
                    for line in super::sizing_lines(&p.estimate) {
                        writeln!(out, "- {line}")?;
                    }
                    if !p.estimate.warnings.is_empty() {
                        writeln!(out, "\n**Warnings**\n")?;
                        for w in &p.estimate.warnings {
                            writeln!(out, "- {w}")?;
                        }
                    }
                    writeln!(out)?;
                }
            }
            Ok(())
        }
        Document::Estimates {
            kind: Kind::Compare,
            scenarios,
            ..
        } => {
            for s in scenarios {
                writeln!(
                    out,
                    "## {}: {} patterns apply\n",
                    title(s),
                    s.estimates.len()
                )?;
                header(
                    out,
                    &[
                        "#",
                        "Pattern",
                        "Monthly",
                        "vs cheapest",
                        "vs current",
                        "Largest components",
                    ],
                    &[2, 3, 4],
                )?;
                let cheapest = s.cheapest();
                let current = s.current_cost();
                for (i, p) in s.estimates.iter().enumerate() {
                    let is_current = s.current.is_some_and(|c| std::ptr::eq(c, p.pattern));
                    row(
                        out,
                        &[
                            (i + 1).to_string(),
                            format!(
                                "**{}**{}{} {}",
                                p.pattern.id,
                                if is_current { " (current)" } else { "" },
                                s.same_as(i).map_or_else(String::new, |o| format!(
                                    " (same layout as {})",
                                    o.id
                                )),
                                p.pattern.title
                            ),
                            money(p.estimate.monthly_cost),
                            signed_money(cheapest.map(|c| p.estimate.monthly_cost - c)),
                            signed_money(current.map(|c| p.estimate.monthly_cost - c)),
                            top_components(p, 3)
                                .iter()
                                .map(|li| {
                                    format!("`{}` {}", li.component.id(), money(li.monthly_cost))
                                })
                                .collect::<Vec<_>>()
                                .join(", "),
                        ],
                    )?;
                }
                if !s.not_applicable.is_empty() {
                    writeln!(out, "\n**Not applicable**\n")?;
                    for na in &s.not_applicable {
                        writeln!(out, "- **{}**: {}", na.pattern.id, na.reasons.join("; "))?;
                    }
                }
                writeln!(out)?;
            }
            Ok(())
        }
        Document::Architectures => {
            header(
                out,
                &["Id", "Name", "What it is for", "Billable parts", "Section"],
                &[],
            )?;
            for p in PATTERNS {
                row(
                    out,
                    &[
                        format!("**{}**", p.id),
                        format!("`{}`", p.name),
                        format!("{}. {}", p.title, p.purpose),
                        p.parts.join("; "),
                        p.section.to_owned(),
                    ],
                )?;
            }
            Ok(())
        }
        Document::PriceList(book) => {
            header(out, &["Region", "Items priced", "Missing", "Origin"], &[])?;
            for t in book.tables.values() {
                let (have, all) = t.completeness();
                let missing: Vec<&str> = Component::ALL
                    .iter()
                    .filter(|c| c.price_item() == **c && t.get(**c).is_none())
                    .map(|c| c.id())
                    .collect();
                row(
                    out,
                    &[
                        t.region.clone(),
                        format!("{have} of {all}"),
                        if missing.is_empty() {
                            "-".into()
                        } else {
                            missing.join(", ")
                        },
                        t.origin.clone(),
                    ],
                )?;
            }
            Ok(())
        }
        Document::PriceShow(book, region) => {
            let Some(t) = book.region(region) else {
                return Ok(());
            };
            writeln!(out, "## Prices for {} ({})\n", t.region, t.currency)?;
            header(out, &["Item", "Unit", "Price", "Effective", "Source"], &[])?;
            for c in Component::ALL.iter().filter(|c| c.price_item() == **c) {
                match t.get(*c) {
                    Some(p) => row(
                        out,
                        &[
                            format!("`{}`", c.id()),
                            c.unit().into(),
                            format!(
                                "{}{}",
                                rate_text(&p.rate),
                                if p.unverified { " (unverified)" } else { "" }
                            ),
                            p.effective_date.clone(),
                            p.source.clone(),
                        ],
                    )?,
                    None => row(
                        out,
                        &[
                            format!("`{}`", c.id()),
                            c.unit().into(),
                            "missing".into(),
                            "-".into(),
                            "-".into(),
                        ],
                    )?,
                }
            }
            Ok(())
        }
        Document::PriceDiff(d) => {
            use super::{diff_cells, diff_summary};
            writeln!(
                out,
                "## Price changes from `{}` to `{}`\n",
                cell(&d.old),
                cell(&d.new)
            )?;
            if !d.rows.is_empty() {
                header(
                    out,
                    &[
                        "Region",
                        "Item",
                        "Unit",
                        "Change",
                        "Tier",
                        "Old",
                        "New",
                        "Difference",
                    ],
                    &[5, 6, 7],
                )?;
                for r in &d.rows {
                    let [old, new, diff] = diff_cells(r);
                    row(
                        out,
                        &[
                            r.region.clone(),
                            format!("`{}`", r.item.id()),
                            r.item.unit().to_owned(),
                            r.change.as_str().to_owned(),
                            r.part.map_or_else(|| "-".to_owned(), |p| p.label()),
                            old,
                            new,
                            diff,
                        ],
                    )?;
                }
                writeln!(out)?;
            }
            writeln!(out, "{}", diff_summary(d))
        }
        Document::Validated(files) => {
            for f in files {
                writeln!(out, "- ok: `{f}`")?;
            }
            Ok(())
        }
        Document::Recommend(items) => {
            use super::{layout_label, recommendation_name};
            for (s, a) in items {
                writeln!(
                    out,
                    "## {} ({}, {} h a month)\n",
                    cell(&s.name),
                    s.region,
                    s.hours_per_month
                )?;
                match &a.current {
                    Some(c) => writeln!(
                        out,
                        "Current layout **{}** ({}): **{}** a month. {} feasible layouts searched.\n",
                        recommendation_name(c),
                        layout_label(&c.estimate.layout),
                        money(c.estimate.monthly_cost),
                        a.feasible
                    )?,
                    None => writeln!(
                        out,
                        "No current `[layout]`. {} feasible layouts searched.\n",
                        a.feasible
                    )?,
                }
                if !a.current_problems.is_empty() {
                    writeln!(
                        out,
                        "The current layout does not meet the scenario: {}\n",
                        a.current_problems.join("; ")
                    )?;
                }
                if a.already_cheapest {
                    writeln!(
                        out,
                        "The current layout is already the cheapest that meets the requirements. Nearest alternatives:\n"
                    )?;
                }
                header(
                    out,
                    &["#", "Layout", "Monthly", "Saving", "Changes"],
                    &[2, 3],
                )?;
                for (i, r) in a.recommendations.iter().enumerate() {
                    let changes: Vec<String> = r
                        .changes
                        .iter()
                        .map(|c| {
                            format!(
                                "{} ({}): {}{}",
                                c.what,
                                super::saving_phrase(c.saving),
                                c.why,
                                c.tradeoff
                                    .as_ref()
                                    .map_or_else(String::new, |t| format!(". *Trade-off:* {t}"))
                            )
                        })
                        .collect();
                    row(
                        out,
                        &[
                            (i + 1).to_string(),
                            format!(
                                "**{}** {}",
                                recommendation_name(r),
                                layout_label(&r.estimate.layout)
                            ),
                            money(r.estimate.monthly_cost),
                            r.saving.map_or_else(|| "-".to_owned(), money),
                            if changes.is_empty() {
                                "-".to_owned()
                            } else {
                                changes.join("<br>")
                            },
                        ],
                    )?;
                }
                if !a.break_evens.is_empty() {
                    writeln!(out, "\n**Break-even points**\n")?;
                    for b in &a.break_evens {
                        writeln!(out, "- {}", b.text)?;
                    }
                }
                writeln!(out)?;
            }
            Ok(())
        }
    }
}

/// Streams a sweep as a Markdown table; break-even points follow it.
pub struct SweepMarkdown<W: Write> {
    out: W,
}

impl<W: Write> SweepMarkdown<W> {
    pub fn new(out: W) -> Self {
        SweepMarkdown { out }
    }
}

impl<W: Write> crate::sweep::Sink for SweepMarkdown<W> {
    fn begin(&mut self, keys: &[&str], columns: &[crate::sweep::Column]) -> io::Result<()> {
        let mut names: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
        names.extend(columns.iter().map(|c| c.label()));
        names.push("cheapest".into());
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let right: Vec<usize> = (0..refs.len() - 1).collect();
        header(&mut self.out, &refs, &right)
    }
    fn row(
        &mut self,
        values: &[rust_decimal::Decimal],
        costs: &[Option<rust_decimal::Decimal>],
        cheapest: Option<&str>,
    ) -> io::Result<()> {
        let cells = super::sweep_cells(values, costs, cheapest);
        row(&mut self.out, &cells)
    }
    fn end(&mut self, keys: &[&str], crossings: &[crate::sweep::Crossing]) -> io::Result<()> {
        if !crossings.is_empty() {
            writeln!(self.out, "\n**Break-even points**\n")?;
            for c in crossings {
                writeln!(self.out, "- {}", c.text(keys))?;
            }
        }
        self.out.flush()
    }
}
