//! `recommend` as CSV: a row per change of each layout, and with `--totals` a row per layout
//! (and per usage profile), the current layout first.

use rust_decimal::Decimal;
use std::io;

use super::super::{layout_label, recommendation_name, shown_savings};
use super::{Csv, cents, neutralise, record};
use crate::money::{plain, round_cents};
use crate::recommend::{Advice, Recommendation};
use crate::scenario::Scenario;

/// One row per change of each layout (the current one first, ranked `current`), or one row
/// for a layout without changes. With usage profiles, a last `cheapest_in` column names the
/// profiles where the layout is the cheapest (`base; low`).
pub(super) fn recommend(w: &mut Csv<'_>, items: &[(&Scenario, Advice)]) -> io::Result<()> {
    let profiled = items.iter().any(|(_, a)| a.profiles.is_some());
    let mut head = vec![
        "scenario",
        "rank",
        "architecture",
        "layout",
        "monthly_cost",
        "saving",
        "change",
        "change_saving",
        "why",
        "tradeoff",
    ];
    head.extend(profiled.then_some("cheapest_in"));
    record(w, head)?;
    for (s, a) in items {
        let name = neutralise(&s.name);
        let current = a.current.as_ref().map(|c| c.estimate.monthly_cost);
        let standings = a
            .profiles
            .as_ref()
            .map(|p| p.current.iter().chain(&p.recommendations));
        let mut standings = standings.into_iter().flatten();
        for (rank, r) in ranked(a) {
            let (saving, savings) = shown_savings(current, r);
            let cheapest_in = standings.next().map(|st| st.cheapest_in.join("; "));
            let tail: Vec<String> = profiled
                .then(|| cheapest_in.unwrap_or_default())
                .into_iter()
                .collect();
            let head = [
                name.to_string(),
                rank,
                recommendation_name(r).to_owned(),
                layout_label(&r.estimate.layout),
                cents(r.estimate.monthly_cost),
                saving.map(plain).unwrap_or_default(),
            ];
            if r.changes.is_empty() {
                let empty = [String::new(), String::new(), String::new(), String::new()];
                record(w, head.iter().chain(&empty).chain(&tail))?;
            }
            for (c, shown) in r.changes.iter().zip(savings) {
                let change = [
                    c.what.clone(),
                    plain(shown),
                    c.why_cited(),
                    c.tradeoff.clone().unwrap_or_default(),
                ];
                record(w, head.iter().chain(&change).chain(&tail))?;
            }
        }
    }
    Ok(())
}

/// The layouts of one scenario's recommendation with their rank: the current one first
/// (`current`), then the recommendations from 1.
fn ranked(a: &Advice) -> impl Iterator<Item = (String, &Recommendation)> {
    let current = a.current.iter().map(|c| ("current".to_owned(), c));
    let found = a.recommendations.iter().enumerate();
    current.chain(found.map(|(i, r)| ((i + 1).to_string(), r)))
}

/// `recommend --totals`: one row per scenario and layout (the current one first, ranked
/// `current`): the totals view's three columns, then the rank, the layout and its saving. With
/// usage profiles, a row per layout and profile, then the profile, whether the layout is the
/// cheapest there and `profile_saving`, its saving against the current layout in that profile
/// (what `recommend --profile NAME` says; `saving` stays the base's).
pub(super) fn recommend_totals(w: &mut Csv<'_>, items: &[(&Scenario, Advice)]) -> io::Result<()> {
    let profiled = items.iter().any(|(_, a)| a.profiles.is_some());
    let mut head = vec![
        "scenario",
        "architecture",
        "monthly_cost",
        "rank",
        "layout",
        "saving",
    ];
    if profiled {
        head.extend(["profile", "cheapest_in_profile", "profile_saving"]);
    }
    record(w, head)?;
    for (s, a) in items {
        let name = neutralise(&s.name);
        let current = a.current.as_ref().map(|c| c.estimate.monthly_cost);
        for (i, (rank, r)) in ranked(a).enumerate() {
            let (saving, _) = shown_savings(current, r);
            let row = |cost: Decimal| {
                vec![
                    name.to_string(),
                    recommendation_name(r).to_owned(),
                    cents(cost),
                    rank.clone(),
                    layout_label(&r.estimate.layout),
                    saving.map(plain).unwrap_or_default(),
                ]
            };
            let saved = saving.map(plain).unwrap_or_default();
            let Some(across) = a.profiles.as_ref().filter(|_| profiled) else {
                let mut base = row(r.estimate.monthly_cost);
                base.extend(
                    profiled
                        .then(|| ["base".to_owned(), String::new(), saved])
                        .into_iter()
                        .flatten(),
                );
                record(w, base)?;
                continue;
            };
            let st = across.current.iter().chain(&across.recommendations).nth(i);
            for (j, profile) in across.names.iter().enumerate() {
                let Some(cost) = st.and_then(|st| st.costs[j]) else {
                    continue;
                };
                let cheapest = st.is_some_and(|st| st.cheapest_in.contains(profile));
                // As `shown_savings`: the difference of the two costs shown.
                let here = across.current.as_ref().and_then(|c| c.costs[j]);
                let here = here.map(|c| plain(round_cents(c) - round_cents(cost)));
                let mut cells = row(cost);
                cells.extend([
                    profile.clone(),
                    cheapest.to_string(),
                    here.unwrap_or_default(),
                ]);
                record(w, cells)?;
            }
        }
    }
    Ok(())
}
