//! CSV for spreadsheets: one header row, plain numbers (no currency sign, no thousands
//! separator), text cells that a spreadsheet would run as a formula neutralised. Money is to the
//! cent, line items apportioned (largest remainder) so that they add up to the total to the cent,
//! as in the table; quantities keep 6 decimals (6 significant digits when smaller); prices are
//! as published, and a tiered item's unit price is its effective average. JSON keeps every
//! figure exact.

use std::io::{self, Write};

mod recommend;
mod sweep;

pub use sweep::SweepCsv;

use super::profiles::runs;
use super::{Document, ScenarioReport, missing_items, price_items, rate_text, shown_costs};
use crate::architecture::PATTERNS;
use crate::money::{plain, round_cents, round_sig};
use crate::pricing::diff::{Part, PriceDiff};
use crate::pricing::{PriceBook, Rate};

/// Prefixes a text cell that a spreadsheet would read as a formula (OWASP CSV injection).
pub fn neutralise(text: &str) -> std::borrow::Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}").into(),
        _ => text.into(),
    }
}

type Csv<'a> = ::csv::Writer<&'a mut dyn Write>;

/// Writes one record.
fn record<I, T>(w: &mut Csv<'_>, fields: I) -> io::Result<()>
where
    I: IntoIterator<Item = T>,
    T: AsRef<[u8]>,
{
    w.write_record(fields).map_err(io_error)
}

/// The writer's own I/O error, kept as it is, so that a closed pipe stays a closed pipe (the csv
/// crate's conversion would turn every error into `Other`).
fn io_error(e: ::csv::Error) -> io::Error {
    match e.into_kind() {
        ::csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

pub fn render(doc: &Document<'_>, out: &mut dyn Write) -> io::Result<()> {
    let mut w = writer(out);
    match doc {
        Document::Estimates {
            scenarios, totals, ..
        } => {
            let profiled = any_profiles(scenarios);
            for (i, s) in scenarios.iter().enumerate() {
                scenario_rows(&mut w, s, *totals, profiled, i == 0)?;
            }
        }
        Document::Architectures => architectures(&mut w)?,
        Document::PriceList(book) => price_list(&mut w, book)?,
        Document::PriceShow(book, region) => price_show(&mut w, book, region)?,
        Document::Recommend(items) => recommend::recommend(&mut w, items)?,
        Document::RecommendTotals(items) => recommend::recommend_totals(&mut w, items)?,
        Document::PriceDiff(d) => price_diff(&mut w, d)?,
        Document::Diff(d) => diff(&mut w, d)?,
        Document::Validated(files) => validation_rows(&mut w, files, true)?,
    }
    w.flush()
}

/// An amount to the cent.
fn cents(d: rust_decimal::Decimal) -> String {
    plain(round_cents(d))
}

/// A quantity: 6 decimals, or 6 significant digits when it is smaller.
fn quantity(q: rust_decimal::Decimal) -> String {
    plain(round_sig(q, 6, 6))
}

/// The unit price of a line item: the price, or for an item priced over several tiers the
/// effective average (its cost ÷ its quantity, to 10 significant digits; the tiers are in the
/// JSON and the formula).
fn unit_price(li: &crate::engine::LineItem) -> String {
    match li.unit_price {
        Some(p) => plain(p),
        None if li.quantity.is_zero() => String::new(),
        None => {
            let average = li.monthly_cost / li.quantity;
            plain(average.round_sf(10).unwrap_or(average))
        }
    }
}

/// Writes `validate`'s rows of `files` to `out`, after the header row when `head` (the report
/// streamed a file at a time).
pub(super) fn validated(
    out: &mut dyn Write,
    files: &[super::Validation],
    head: bool,
) -> io::Result<()> {
    let mut w = writer(out);
    validation_rows(&mut w, files, head)?;
    w.flush()
}

/// Writes the rows of one scenario of `estimate` or `compare` to `out`, after the header row
/// when `head` (the report streamed a scenario at a time); `profiled`: whether any scenario of
/// the run has usage profiles.
pub(super) fn estimates(
    out: &mut dyn Write,
    s: &ScenarioReport<'_>,
    totals: bool,
    profiled: bool,
    head: bool,
) -> io::Result<()> {
    let mut w = writer(out);
    scenario_rows(&mut w, s, totals, profiled, head)?;
    w.flush()
}

fn writer(out: &mut dyn Write) -> Csv<'_> {
    ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(out)
}

fn scenario_rows(
    w: &mut Csv<'_>,
    s: &ScenarioReport<'_>,
    totals: bool,
    profiled: bool,
    head: bool,
) -> io::Result<()> {
    match totals {
        true => totals_rows(w, s, profiled, head),
        false => line_items(w, s, profiled, head),
    }
}

/// `validate`: a row per valid file, and a row per problem of the others (a place of 0, the
/// whole file, is empty).
fn validation_rows(w: &mut Csv<'_>, files: &[super::Validation], head: bool) -> io::Result<()> {
    if head {
        record(w, ["file", "status", "line", "column", "message", "help"])?;
    }
    let place = |n: usize| if n == 0 { String::new() } else { n.to_string() };
    for f in files {
        let file = neutralise(&f.file);
        if f.problems.is_empty() {
            record(w, [&*file, "ok", "", "", "", ""])?;
        }
        for d in &f.problems {
            record(
                w,
                [
                    &*file,
                    "error",
                    &place(d.line),
                    &place(d.column),
                    &neutralise(&d.message),
                    &neutralise(d.help.as_deref().unwrap_or_default()),
                ],
            )?;
        }
        if let Some(d) = crate::scenario::omitted_note(&f.file, f.omitted) {
            record(w, [&*file, "error", "", "", &neutralise(&d.message), ""])?;
        }
    }
    Ok(())
}

/// `--totals`: one row per scenario and architecture (with usage profiles: and per profile,
/// named in a last `profile` column; `-` for a profile that could not be priced).
fn totals_rows(
    w: &mut Csv<'_>,
    s: &ScenarioReport<'_>,
    profiled: bool,
    head: bool,
) -> io::Result<()> {
    if head {
        let mut head = vec!["scenario", "architecture", "monthly_cost"];
        head.extend(profiled.then_some("profile"));
        record(w, head)?;
    }
    let name = neutralise(&s.scenario.name);
    for (profile, estimates) in runs(&s.estimates, &s.profiles) {
        for p in estimates {
            let cost = cents(p.estimate.monthly_cost);
            let mut row = vec![&*name, p.pattern.id, &cost];
            row.extend(profiled.then_some(profile));
            record(w, row)?;
        }
        // A profile that could not be priced: `-` for each pattern the base priced.
        if s.profiles
            .iter()
            .any(|r| r.name == profile && r.unpriced.is_some())
        {
            for p in &s.estimates {
                record(w, [&*name, p.pattern.id, "-", profile])?;
            }
        }
    }
    Ok(())
}

/// Whether any scenario has usage profiles: then every row names its profile (`base` for the
/// scenario itself); without any, the columns are as they always were.
pub fn any_profiles(scenarios: &[ScenarioReport<'_>]) -> bool {
    scenarios.iter().any(|s| !s.profiles.is_empty())
}

/// One row per line item, as `product.md` fixes it (with usage profiles: and per profile,
/// named in a last `profile` column).
fn line_items(
    w: &mut Csv<'_>,
    s: &ScenarioReport<'_>,
    profiled: bool,
    head: bool,
) -> io::Result<()> {
    if head {
        let mut head = vec![
            "scenario",
            "architecture",
            "component",
            "description",
            "quantity",
            "unit",
            "unit_price",
            "monthly_cost",
        ];
        head.extend(profiled.then_some("profile"));
        record(w, head)?;
    }
    let name = neutralise(&s.scenario.name);
    for (profile, estimates) in runs(&s.estimates, &s.profiles) {
        for p in estimates {
            for (li, shown) in p.estimate.line_items.iter().zip(shown_costs(&p.estimate)) {
                let (q, u, c) = (quantity(li.quantity), unit_price(li), plain(shown));
                let mut row = vec![
                    &*name,
                    p.pattern.id,
                    li.component.id(),
                    li.description(),
                    &q,
                    li.unit(),
                    &u,
                    &c,
                ];
                row.extend(profiled.then_some(profile));
                record(w, row)?;
            }
        }
    }
    Ok(())
}

fn architectures(w: &mut Csv<'_>) -> io::Result<()> {
    record(
        w,
        [
            "id",
            "name",
            "title",
            "purpose",
            "section",
            "billable_parts",
        ],
    )?;
    for p in PATTERNS {
        record(
            w,
            [
                p.id,
                p.name,
                p.title,
                p.purpose,
                p.section,
                &p.parts.join("; "),
            ],
        )?;
    }
    Ok(())
}

fn price_list(w: &mut Csv<'_>, book: &PriceBook) -> io::Result<()> {
    record(
        w,
        [
            "region",
            "items_priced",
            "items_known",
            "missing",
            "origin",
            "oldest_date",
            "effective_date",
        ],
    )?;
    for t in book.tables.values() {
        let (have, all) = t.completeness();
        let (old, new) = t.data_dates().unwrap_or_default();
        record(
            w,
            [
                &t.region,
                &have.to_string(),
                &all.to_string(),
                &missing_items(t).join(" "),
                &t.origin,
                old,
                new,
            ],
        )?;
    }
    Ok(())
}

/// One row per price, or per tier of a tiered price.
fn price_show(w: &mut Csv<'_>, book: &PriceBook, region: &str) -> io::Result<()> {
    record(
        w,
        [
            "region",
            "item",
            "unit",
            "tier_up_to",
            "price",
            "unverified",
            "effective_date",
            "source",
        ],
    )?;
    let Some(t) = book.region(region) else {
        return Ok(());
    };
    for c in price_items() {
        let Some(p) = t.get(c) else { continue };
        let rows: Vec<(String, String)> = match &p.rate {
            Rate::Flat(x) => vec![(String::new(), plain(*x))],
            Rate::Tiered(tiers) => tiers
                .iter()
                .map(|t| (t.up_to.map(plain).unwrap_or_default(), plain(t.price)))
                .collect(),
            Rate::Sizes(_) => vec![(String::new(), rate_text(&p.rate))],
        };
        for (up_to, price) in rows {
            record(
                w,
                [
                    t.region.as_str(),
                    c.id(),
                    c.unit(),
                    &up_to,
                    &price,
                    if p.unverified { "true" } else { "false" },
                    &p.effective_date,
                    &p.source,
                ],
            )?;
        }
    }
    Ok(())
}

/// `diff`: one row per changed component, both sides' quantity, unit price, cost and formula
/// (empty on the side that does not bill it), and the difference; money to the cent.
fn diff(w: &mut Csv<'_>, d: &crate::diff::Diff) -> io::Result<()> {
    record(
        w,
        [
            "component",
            "unit",
            "change",
            "quantity_before",
            "quantity_after",
            "unit_price_before",
            "unit_price_after",
            "cost_before",
            "cost_after",
            "difference",
            "formula_before",
            "formula_after",
        ],
    )?;
    type Li = Option<crate::engine::LineItem>;
    let field = |li: &Li, f: fn(&crate::engine::LineItem) -> String| li.as_ref().map(f);
    for c in &d.components {
        let [qb, qa] = [&c.before, &c.after].map(|li| field(li, |l| quantity(l.quantity)));
        let [pb, pa] = [&c.before, &c.after]
            .map(|li| field(li, |l| l.unit_price.map(plain).unwrap_or_default()));
        let [cb, ca] = [&c.before, &c.after].map(|li| field(li, |l| cents(l.monthly_cost)));
        let [fb, fa] = [&c.before, &c.after].map(|li| field(li, |l| l.formula.to_string()));
        let cells = [qb, qa, pb, pa, cb, ca].map(Option::unwrap_or_default);
        let [fb, fa] = [fb, fa].map(Option::unwrap_or_default);
        record(
            w,
            [
                c.component.id(),
                c.component.unit(),
                c.change.as_str(),
                &cells[0],
                &cells[1],
                &cells[2],
                &cells[3],
                &cells[4],
                &cells[5],
                &plain(c.shown_difference()),
                &neutralise(&fb),
                &neutralise(&fa),
            ],
        )?;
    }
    Ok(())
}

fn price_diff(w: &mut Csv<'_>, d: &PriceDiff) -> io::Result<()> {
    record(
        w,
        [
            "region",
            "item",
            "unit",
            "change",
            "tier_from",
            "tier_up_to",
            "size_gb",
            "old_price",
            "new_price",
            "difference",
        ],
    )?;
    for r in &d.rows {
        let (from, up_to, size) = match r.part {
            Some(Part::Tier { from, up_to }) => (
                plain(from),
                up_to.map(plain).unwrap_or_default(),
                String::new(),
            ),
            Some(Part::Size(gb)) => (String::new(), String::new(), plain(gb)),
            None => Default::default(),
        };
        record(
            w,
            [
                &*neutralise(&r.region),
                r.item.id(),
                r.item.unit(),
                r.change.as_str(),
                &from,
                &up_to,
                &size,
                &r.old.map(plain).unwrap_or_default(),
                &r.new.map(plain).unwrap_or_default(),
                &r.difference().map(plain).unwrap_or_default(),
            ],
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::neutralise;

    #[test]
    fn neutralises_formula_starts() {
        for bad in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert!(neutralise(bad).starts_with('\''), "{bad:?}");
        }
        assert_eq!(neutralise("orders, \"v2\""), "orders, \"v2\"");
    }
}
