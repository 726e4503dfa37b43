//! CSV for spreadsheets: one header row, plain numbers at full precision (no currency sign, no
//! thousands separator), text cells that a spreadsheet would run as a formula neutralised.

use std::io::{self, Write};

use super::{Document, rate_text};
use crate::architecture::PATTERNS;
use crate::component::Component;
use crate::money::plain;

/// Prefixes a text cell that a spreadsheet would read as a formula (OWASP CSV injection).
pub fn neutralise(text: &str) -> std::borrow::Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}").into(),
        _ => text.into(),
    }
}

pub fn render(doc: &Document<'_>, out: &mut dyn Write) -> io::Result<()> {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(out);
    let e = |e: ::csv::Error| io::Error::other(e);
    match doc {
        Document::Estimates {
            scenarios,
            totals: true,
            ..
        } => {
            w.write_record(["scenario", "architecture", "monthly_cost"])
                .map_err(e)?;
            for s in scenarios {
                for p in &s.estimates {
                    w.write_record([
                        &*neutralise(&s.scenario.name),
                        p.pattern.id,
                        &plain(p.estimate.monthly_cost),
                    ])
                    .map_err(e)?;
                }
            }
        }
        Document::Estimates { scenarios, .. } => {
            w.write_record([
                "scenario",
                "architecture",
                "component",
                "description",
                "quantity",
                "unit",
                "unit_price",
                "monthly_cost",
            ])
            .map_err(e)?;
            for s in scenarios {
                for p in &s.estimates {
                    for li in &p.estimate.line_items {
                        w.write_record([
                            &*neutralise(&s.scenario.name),
                            p.pattern.id,
                            li.component.id(),
                            li.description(),
                            &plain(li.quantity),
                            li.unit(),
                            &li.unit_price.map(plain).unwrap_or_default(),
                            &plain(li.monthly_cost),
                        ])
                        .map_err(e)?;
                    }
                }
            }
        }
        Document::Architectures => {
            w.write_record([
                "id",
                "name",
                "title",
                "purpose",
                "section",
                "billable_parts",
            ])
            .map_err(e)?;
            for p in PATTERNS {
                w.write_record([
                    p.id,
                    p.name,
                    p.title,
                    p.purpose,
                    p.section,
                    &p.parts.join("; "),
                ])
                .map_err(e)?;
            }
        }
        Document::PriceList(book) => {
            w.write_record(["region", "items_priced", "items_known", "missing", "origin"])
                .map_err(e)?;
            for t in book.tables.values() {
                let (have, all) = t.completeness();
                let missing: Vec<&str> = Component::ALL
                    .iter()
                    .filter(|c| c.price_item() == **c && t.get(**c).is_none())
                    .map(|c| c.id())
                    .collect();
                w.write_record([
                    &t.region,
                    &have.to_string(),
                    &all.to_string(),
                    &missing.join(" "),
                    &t.origin,
                ])
                .map_err(e)?;
            }
        }
        Document::PriceShow(book, region) => {
            w.write_record([
                "region",
                "item",
                "unit",
                "tier_up_to",
                "price",
                "unverified",
                "effective_date",
                "source",
            ])
            .map_err(e)?;
            if let Some(t) = book.region(region) {
                for c in Component::ALL.iter().filter(|c| c.price_item() == **c) {
                    let Some(p) = t.get(*c) else { continue };
                    let rows: Vec<(String, String)> = match &p.rate {
                        crate::pricing::Rate::Flat(x) => vec![(String::new(), plain(*x))],
                        crate::pricing::Rate::Tiered(tiers) => tiers
                            .iter()
                            .map(|t| (t.up_to.map(plain).unwrap_or_default(), plain(t.price)))
                            .collect(),
                        crate::pricing::Rate::Sizes(_) => vec![(String::new(), rate_text(&p.rate))],
                    };
                    for (up_to, price) in rows {
                        w.write_record([
                            t.region.as_str(),
                            c.id(),
                            c.unit(),
                            &up_to,
                            &price,
                            if p.unverified { "true" } else { "false" },
                            &p.effective_date,
                            &p.source,
                        ])
                        .map_err(e)?;
                    }
                }
            }
        }
        Document::Recommend(items) => {
            w.write_record([
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
            ])
            .map_err(e)?;
            for (s, a) in items {
                let name = neutralise(&s.name);
                let rows = a.current.iter().map(|c| ("current".to_owned(), c)).chain(
                    a.recommendations
                        .iter()
                        .enumerate()
                        .map(|(i, r)| ((i + 1).to_string(), r)),
                );
                for (rank, r) in rows {
                    let head = [
                        name.to_string(),
                        rank,
                        super::recommendation_name(r).to_owned(),
                        super::layout_label(&r.estimate.layout),
                        plain(r.estimate.monthly_cost),
                        r.saving.map(plain).unwrap_or_default(),
                    ];
                    if r.changes.is_empty() {
                        let mut rec = head.to_vec();
                        rec.extend([String::new(), String::new(), String::new(), String::new()]);
                        w.write_record(&rec).map_err(e)?;
                    }
                    for c in &r.changes {
                        let mut rec = head.to_vec();
                        rec.extend([
                            c.what.clone(),
                            plain(c.saving),
                            c.why.clone(),
                            c.tradeoff.clone().unwrap_or_default(),
                        ]);
                        w.write_record(&rec).map_err(e)?;
                    }
                }
            }
        }
        Document::PriceDiff(d) => {
            use crate::pricing::diff::Part;
            w.write_record([
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
            ])
            .map_err(e)?;
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
                w.write_record([
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
                ])
                .map_err(e)?;
            }
        }
        Document::Validated(files) => {
            w.write_record(["file", "status"]).map_err(e)?;
            for f in files {
                w.write_record([&*neutralise(f), "ok"]).map_err(e)?;
            }
        }
    }
    w.flush()
}

/// Streams a sweep as CSV: the varied keys, one column per pattern, the cheapest; a row at each
/// exact break-even point too, marked in the `event` column, so the file stays sorted and
/// numeric for charts.
pub struct SweepCsv<W: Write> {
    w: ::csv::Writer<W>,
    cell: String,
}

impl<W: Write> SweepCsv<W> {
    pub fn new(out: W) -> Self {
        SweepCsv {
            w: ::csv::WriterBuilder::new()
                .terminator(::csv::Terminator::CRLF)
                .from_writer(out),
            cell: String::with_capacity(40),
        }
    }

    /// Writes one number as a field, formatted into a reused buffer.
    fn number(&mut self, d: rust_decimal::Decimal) -> io::Result<()> {
        use std::fmt::Write as _;
        self.cell.clear();
        let _ = write!(self.cell, "{}", d.normalize());
        self.w
            .write_field(self.cell.as_bytes())
            .map_err(io::Error::other)
    }
}

impl<W: Write> crate::sweep::Sink for SweepCsv<W> {
    fn begin(&mut self, keys: &[&str], columns: &[crate::sweep::Column]) -> io::Result<()> {
        let mut head: Vec<String> = keys.iter().map(|k| (*k).to_owned()).collect();
        head.extend(columns.iter().map(|c| c.label()));
        head.push("cheapest".into());
        head.push("event".into());
        self.w.write_record(&head).map_err(io::Error::other)
    }
    fn row(
        &mut self,
        values: &[rust_decimal::Decimal],
        costs: &[Option<rust_decimal::Decimal>],
        cheapest: Option<&str>,
    ) -> io::Result<()> {
        for v in values {
            self.number(*v)?;
        }
        for c in costs {
            match c {
                Some(c) => self.number(*c)?,
                None => self.w.write_field(b"").map_err(io::Error::other)?,
            }
        }
        self.w
            .write_field(cheapest.unwrap_or_default())
            .map_err(io::Error::other)?;
        self.w.write_field(b"").map_err(io::Error::other)?;
        self.w.write_record(None::<&[u8]>).map_err(io::Error::other)
    }
    fn crossing(
        &mut self,
        keys: &[&str],
        c: &crate::sweep::Crossing,
        costs: &[Option<rust_decimal::Decimal>],
    ) -> io::Result<()> {
        let mut rec: Vec<String> = c.fixed.iter().map(|v| plain(*v)).collect();
        rec.push(plain(c.at));
        rec.extend(costs.iter().map(|c| c.map(plain).unwrap_or_default()));
        rec.push(c.after.to_owned());
        rec.push(format!("break-even: {}", c.text(keys)));
        self.w.write_record(&rec).map_err(io::Error::other)
    }
    fn end(&mut self, _: &[&str], _: &[crate::sweep::Crossing]) -> io::Result<()> {
        self.w.flush()
    }
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
