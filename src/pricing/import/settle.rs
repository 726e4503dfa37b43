//! From collected rates to prices: choose the Region, turn each item's candidates into one rate
//! (tiers contiguous from 0, converted exactly to the table's unit, several SKUs agreeing), and
//! name what is missing. Where data sets of different dates price one item, the newest wins and
//! the older is noted. Knows nothing of file formats: whatever the readers collected settles
//! the same way.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::collect::{Bucket, Candidate, Collector, RateRow, at};
use super::usage_types::{OFFERS, Target, missing_reason};
use super::{Imported, Missing, OfferFile, page_facts, sources};
use crate::component::{COUNT, Component};
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::pricing::{Price, PriceTable, Rate, Tier, price_items};

pub type Items = Box<[Option<Price>; COUNT]>;

/// Chooses the Region and turns its candidates into prices.
pub fn finish(c: Collector) -> Result<Imported, Error> {
    let Collector {
        region,
        files,
        mut buckets,
        mut problems,
        mut seen,
        warnings,
        ..
    } = c;
    seen.sort_unstable();
    let mut global = buckets.remove("").unwrap_or_default();
    let chosen = choose_region(region, &seen, &buckets, &global, &problems, &files)?;
    let mut bucket = buckets.remove(&chosen).unwrap_or_default();
    problems.append(&mut bucket.errors);
    problems.append(&mut global.errors);
    let mut imported = build(chosen, &bucket, &global, &files, &mut problems);
    refuse(problems)?;
    if imported.table.items.iter().all(Option::is_none) {
        return Err(Error::Input(vec![Diagnostic::file(
            &all_paths(&files),
            format!(
                "these files price nothing this tool uses for Region `{}`",
                imported.table.region
            ),
        )]));
    }
    imported.warnings.extend(warnings);
    Ok(imported)
}

/// Turns the candidates of every Region the files price into one table each, by Region.
pub fn finish_all(c: Collector) -> Result<Vec<Imported>, Error> {
    let Collector {
        files,
        mut buckets,
        mut problems,
        warnings,
        ..
    } = c;
    let mut global = buckets.remove("").unwrap_or_default();
    problems.append(&mut global.errors);
    let mut regions: Vec<String> = buckets
        .iter()
        .filter(|(_, b)| b.prices_something() || !b.errors.is_empty())
        .map(|(r, _)| r.clone())
        .collect();
    regions.sort_unstable();
    if regions.is_empty() && problems.is_empty() {
        return Err(Error::Input(vec![Diagnostic::file(
            &all_paths(&files),
            "these files price no Region this tool uses",
        )]));
    }
    let mut out = Vec::with_capacity(regions.len());
    for region in regions {
        let mut bucket = buckets.remove(&region).unwrap_or_default();
        problems.append(&mut bucket.errors);
        let mut imported = build(region, &bucket, &global, &files, &mut problems);
        imported.warnings.extend(warnings.iter().cloned());
        out.push(imported);
    }
    refuse(problems)?;
    Ok(out)
}

/// Every problem found, by file and line, as the error of the import; `Ok` when there is none.
fn refuse(mut problems: Vec<Diagnostic>) -> Result<(), Error> {
    if problems.is_empty() {
        return Ok(());
    }
    problems.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    Err(Error::Input(problems))
}

/// The table of one Region from its candidates and the Region-less ones.
fn build(
    region: String,
    bucket: &Bucket,
    global: &Bucket,
    files: &[OfferFile],
    problems: &mut Vec<Diagnostic>,
) -> Imported {
    let mut notes = Notes::default();
    let mut items = prices(bucket, global, files, problems, &mut notes);
    let settled = bucket.settled.iter().cloned();
    for (item, price) in settled.chain(page_facts::prices(&region, files)) {
        items[item.index()].get_or_insert(price);
    }
    let missing = missing_items(&items, files, &bucket.missing);
    let free_tier = page_facts::free_tier(&region, files);
    notes.superseded.dedup();
    Imported {
        table: PriceTable {
            region,
            currency: "USD".into(),
            origin: "imported".into(),
            items,
            free_tier,
            overlay: None,
        },
        files: files.to_vec(),
        missing,
        warnings: notes.warnings,
        superseded: notes.superseded,
    }
}

/// What settling tells a reviewer besides the prices.
#[derive(Default)]
struct Notes {
    warnings: Vec<String>,
    superseded: Vec<String>,
}

fn all_paths(files: &[OfferFile]) -> String {
    files
        .iter()
        .map(|f| f.path.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The Region asked for, or the one Region the files price.
fn choose_region(
    region: Option<String>,
    seen: &[String],
    buckets: &HashMap<String, Bucket>,
    global: &Bucket,
    problems: &[Diagnostic],
    files: &[OfferFile],
) -> Result<String, Error> {
    if let Some(r) = region {
        if !seen.contains(&r) && !seen.is_empty() && problems.is_empty() {
            return Err(Error::Usage(format!(
                "the files have no prices for Region `{r}`; they have prices for {}",
                seen.join(", ")
            )));
        }
        return Ok(r);
    }
    let mut priced: Vec<&str> = buckets
        .iter()
        .filter(|(_, b)| b.prices_something())
        .map(|(k, _)| k.as_str())
        .collect();
    priced.sort_unstable();
    match priced.as_slice() {
        [one] => Ok((*one).to_owned()),
        _ if !problems.is_empty() => Ok(String::new()),
        [] if global.targets.is_empty() => Err(Error::Input(vec![Diagnostic::file(
            &all_paths(files),
            format!(
                "these files price nothing this tool uses (usage types of {})",
                OFFERS.join(", ")
            ),
        )])),
        [] => Err(Error::Usage(
            "these files price no Region, only Region-less products: name the table's Region with --region".into(),
        )),
        many => Err(Error::Usage(format!(
            "the files price several Regions ({}): choose one with --region, or import them all with --all-regions",
            many.join(", ")
        ))),
    }
}

/// The price of every item of the Region's and the Region-less candidates.
fn prices(
    bucket: &Bucket,
    global: &Bucket,
    files: &[OfferFile],
    problems: &mut Vec<Diagnostic>,
    notes: &mut Notes,
) -> Items {
    let mut items: Items = Box::new(std::array::from_fn(|_| None));
    let mut sizes: Vec<(Decimal, Decimal, &Candidate)> = Vec::new();
    for (target, candidates) in bucket.targets.iter().chain(global.targets.iter()) {
        let Some((rate, chosen)) = settle(*target, candidates, files, problems, notes) else {
            continue;
        };
        match (*target, rate) {
            (Target::Item(item), rate) => {
                items[item.index()] = Some(Price {
                    rate,
                    source: sources::source(&files[chosen.file], chosen),
                    effective_date: chosen.effective.clone(),
                    unverified: false,
                });
            }
            (Target::CacheSize(gb), Rate::Flat(p)) => sizes.push((gb, p, chosen)),
            (Target::CacheSize(gb), _) => problems.push(at(
                &files[chosen.file].path,
                chosen.line,
                format!(
                    "the {gb} GB cache (`{}`, SKU {}) has tiered prices; a cache size has one price per hour",
                    chosen.usage, chosen.sku
                ),
            )),
        }
    }
    if !sizes.is_empty() {
        items[Component::RestCache.index()] = Some(cache_price(&mut sizes, files));
    }
    items
}

/// The REST cache's sizes as one price, each size's SKU and rate code in its source.
fn cache_price(sizes: &mut [(Decimal, Decimal, &Candidate)], files: &[OfferFile]) -> Price {
    sizes.sort_by_key(|(gb, _, _)| *gb);
    let candidates: Vec<(Decimal, &Candidate)> = sizes.iter().map(|(g, _, c)| (*g, *c)).collect();
    let effective = sizes
        .iter()
        .map(|(_, _, c)| c.effective.clone())
        .max()
        .unwrap_or_default();
    Price {
        rate: Rate::Sizes(sizes.iter().map(|(g, p, _)| (*g, *p)).collect()),
        source: sources::cache_source(files, &candidates),
        effective_date: effective,
        unverified: false,
    }
}

/// The price items the files did not price, each with the reason: the one a reader gave for
/// the Region (`known`), else the one the data sets read give.
fn missing_items(items: &Items, files: &[OfferFile], known: &[Missing]) -> Vec<Missing> {
    let offers: Vec<&str> = files.iter().map(|f| f.offer.as_str()).collect();
    price_items()
        .filter(|c| items[c.index()].is_none())
        .map(|item| match known.iter().find(|m| m.item == item) {
            Some(m) => m.clone(),
            None => Missing {
                item,
                reason: missing_reason(item, &offers),
            },
        })
        .collect()
}

/// The price of one target from its candidates: one SKU's tiers, converted; several SKUs of the
/// newest data must agree, else they conflict. Older data sets are superseded, and noted.
fn settle<'c>(
    target: Target,
    candidates: &'c [Candidate],
    files: &[OfferFile],
    problems: &mut Vec<Diagnostic>,
    notes: &mut Notes,
) -> Option<(Rate, &'c Candidate)> {
    let newest_file = candidates.iter().max_by_key(|c| files[c.file].date())?.file;
    let newest = files[newest_file].date();
    let mut converted: Vec<(Vec<Tier>, &Candidate)> = Vec::with_capacity(candidates.len());
    for c in candidates {
        if files[c.file].date() != newest {
            notes
                .superseded
                .push(superseded(target, c, &files[newest_file], files));
            continue;
        }
        match convert(c, &files[c.file].path) {
            Ok(t) => converted.push((t, c)),
            Err(d) => {
                problems.push(d);
                return None;
            }
        }
    }
    let (first, chosen) = converted.first()?;
    if let Some((_, other)) = converted.iter().find(|(t, _)| t != first) {
        problems.push(conflict(target, other, chosen, files));
        return None;
    }
    if let (Target::Item(item), Some(last)) = (target, first.last())
        && last.up_to.is_some()
    {
        notes.warnings.push(format!(
            "the tiers of `{item}` (SKU {}) end at {} with no open tier: usage beyond it will be refused",
            chosen.sku,
            last.up_to.unwrap_or_default()
        ));
    }
    let rate = match first.as_slice() {
        [Tier { up_to: None, price }] => Rate::Flat(*price),
        tiers => Rate::Tiered(tiers.to_vec()),
    };
    Some((rate, *chosen))
}

/// "`item`: newer data replaces older data", for an older candidate.
fn superseded(target: Target, old: &Candidate, newest: &OfferFile, files: &[OfferFile]) -> String {
    let older = &files[old.file];
    format!(
        "{}: {} ({}) replaces {} ({})",
        target.item(),
        newest.name(),
        newest.date(),
        older.name(),
        older.date()
    )
}

/// Two SKUs that price one target differently.
fn conflict(
    target: Target,
    other: &Candidate,
    chosen: &Candidate,
    files: &[OfferFile],
) -> Diagnostic {
    let what = match target {
        Target::Item(i) => format!("`{i}`"),
        Target::CacheSize(gb) => format!("the {gb} GB REST cache"),
    };
    let mut d = at(
        &files[other.file].path,
        other.line,
        format!(
            "two conflicting rates for {what}: SKU {} (`{}`) prices it differently from SKU {} (`{}`) at {}:{}",
            other.sku, other.usage, chosen.sku, chosen.usage, files[chosen.file].path, chosen.line
        ),
    );
    d.help =
        Some("a Region has one on-demand rate per item; import one version of each offer".into());
    d
}

/// A candidate's rates as price-table tiers: contiguous from 0, each edge and price converted
/// exactly to the table's unit.
pub fn convert(c: &Candidate, path: &str) -> Result<Vec<Tier>, Diagnostic> {
    let factor = c.per.factor();
    let rates = c.tiers();
    let mut expect = Some(Decimal::ZERO);
    let mut out = Vec::with_capacity(rates.len());
    let inexact = |r: &RateRow, what: &str| {
        at(
            path,
            r.line,
            format!(
                "the {what} of `{}` (SKU {}, rate code {}) cannot be converted to the table's unit exactly",
                c.usage, c.sku, r.rate_code
            ),
        )
    };
    for r in rates {
        follows(expect, r, c, path)?;
        let price = r
            .price
            .checked_mul(factor)
            .ok_or_else(|| inexact(r, "price"))?;
        let up_to = match r.end {
            None => None,
            Some(e) => {
                let u = e.checked_div(factor).ok_or_else(|| inexact(r, "range"))?;
                if u.checked_mul(factor) != Some(e) {
                    return Err(inexact(r, "range"));
                }
                Some(u.normalize())
            }
        };
        expect = r.end;
        out.push(Tier {
            up_to,
            price: price.normalize(),
        });
    }
    Ok(out)
}

/// Checks that a tier starts where the one before ends (`expect`; `None` after an open tier).
fn follows(
    expect: Option<Decimal>,
    r: &RateRow,
    c: &Candidate,
    path: &str,
) -> Result<(), Diagnostic> {
    match expect {
        Some(e) if e == r.begin => Ok(()),
        Some(e) => {
            let mut d = at(
                path,
                r.line,
                format!(
                    "the tiers of `{}` (SKU {}) are not contiguous: a tier starts at {} where {}",
                    c.usage,
                    c.sku,
                    r.begin,
                    if e.is_zero() {
                        "the first should start at 0".to_owned()
                    } else {
                        format!("the one before ends at {e}")
                    }
                ),
            );
            d.help =
                Some("is the file complete? Each tier starts where the one before ends".into());
            Err(d)
        }
        None => Err(at(
            path,
            r.line,
            format!(
                "the tiers of `{}` (SKU {}) go on after an open (Inf) tier",
                c.usage, c.sku
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricing::import::usage_types::Per;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn converts_per_request_prices_exactly() {
        let rates = [
            ("0", Some("333000000"), "0.0000035000"),
            ("333000000", Some("1000000000"), "0.0000028000"),
            ("1000000000", Some("20000000000"), "0.0000023800"),
            ("20000000000", None, "0.0000015100"),
        ];
        let c = Candidate {
            file: 0,
            sku: "S".into(),
            term: "T".into(),
            effective: "2025-10-01".into(),
            unit: "Requests".into(),
            usage: "USE1-ApiGatewayRequest".into(),
            location: String::new(),
            per: Per::Million,
            note: "",
            line: 7,
            rates: rates
                .iter()
                .enumerate()
                .map(|(i, (b, e, p))| RateRow {
                    begin: d(b),
                    end: e.map(d),
                    price: d(p),
                    rate_code: format!("R{i}"),
                    label: String::new(),
                    line: 7 + i as u64,
                })
                .collect(),
        };
        let tiers = convert(&c, "f.csv").unwrap();
        let shown: Vec<(Option<String>, String)> = tiers
            .iter()
            .map(|t| (t.up_to.map(|u| u.to_string()), t.price.to_string()))
            .collect();
        assert_eq!(
            shown,
            [
                (Some("333".into()), "3.5".into()),
                (Some("1000".into()), "2.8".into()),
                (Some("20000".into()), "2.38".into()),
                (None, "1.51".into()),
            ]
        );
        // A tier edge that is not a whole number of the table's units is refused, not rounded.
        let mut odd = c.clone();
        odd.rates[0].end = Some(d("1.0000000000000000000000001"));
        odd.rates[1].begin = d("1.0000000000000000000000001");
        assert!(
            convert(&odd, "f.csv")
                .unwrap_err()
                .message
                .contains("cannot be converted")
        );
        // A gap is an error at the rate's line.
        let mut gap = c.clone();
        gap.rates[1].begin = d("334000000");
        let e = convert(&gap, "f.csv").unwrap_err();
        assert_eq!(e.line, 8);
        assert!(e.message.contains("not contiguous"), "{}", e.message);
    }
}
