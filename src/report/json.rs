//! JSON as `product.md` fixes it: decimals as strings at full precision, never rounded.

use serde_json::{Value, json};
use std::io::{self, Write};

use super::{Document, Kind, ScenarioReport, missing_items, price_items};
use crate::architecture::PATTERNS;
use crate::engine::{CapacitySizing, Estimate};
use crate::money::plain;
use crate::pricing::diff::{Part, PriceDiff};
use crate::pricing::{PriceBook, Provenance, Rate};
use crate::recommend::{Advice, Recommendation};
use crate::scenario::Scenario;

fn capacity(c: &Option<CapacitySizing>, names: [&str; 4]) -> Value {
    match c {
        None => Value::Null,
        Some(c) => {
            let mut dims = serde_json::Map::new();
            for (name, v) in names.iter().zip(c.average.dimensions) {
                if *name != "-" {
                    dims.insert((*name).to_owned(), json!(plain(v)));
                }
            }
            json!({
                "load_balancers": c.balancers,
                "units_per_hour": plain(c.average.units),
                "peak_units_per_hour": plain(c.peak.units),
                "driver": c.average.driver,
                "dimensions": dims,
            })
        }
    }
}

fn estimate(i: usize, p: &crate::Priced, s: &ScenarioReport<'_>, kind: Kind) -> Value {
    let e: &Estimate = &p.estimate;
    let items: Vec<Value> = e
        .line_items
        .iter()
        .map(|li| {
            json!({
                "component": li.component.id(),
                "description": li.description(),
                "quantity": plain(li.quantity),
                "unit": li.unit(),
                "unit_price": li.unit_price.map(plain),
                "monthly_cost": plain(li.monthly_cost),
                "formula": li.formula.to_string(),
                "tiers": li.formula.tier_uses().iter().map(|u| json!({
                    "quantity": plain(u.quantity),
                    "unit_price": plain(u.price),
                    "cost": plain(u.quantity * u.price),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let z = &e.sizing;
    let mut v = json!({
        "architecture": p.pattern.id,
        "name": p.pattern.name,
        "title": p.pattern.title,
        "monthly_cost": plain(e.monthly_cost),
        "line_items": items,
        "sizing": {
            "average_requests_per_second": plain(z.average_rps),
            "peak_requests_per_second": plain(z.peak_rps),
            "alb": capacity(&z.alb, crate::engine::capacity::ALB_DIMENSIONS),
            "nlb": capacity(&z.nlb, crate::engine::capacity::NLB_DIMENSIONS),
            "endpoints": z.endpoints,
            "endpoint_network_interfaces": z.endpoint_enis,
            "resolver_ips": z.resolver_ips,
            "vpc_links": z.vpc_links,
            "tgw_attachments": z.tgw_attachments,
        },
        "warnings": e.warnings,
    });
    if kind == Kind::Compare {
        let cheapest = s.cheapest().map(|c| plain(e.monthly_cost - c));
        let current = s.current_cost().map(|c| plain(e.monthly_cost - c));
        v["difference_to_cheapest"] = json!(cheapest);
        v["difference_to_current"] = json!(current);
        v["same_layout_as"] = json!(s.same_as(i).map(|o| o.id));
    }
    if !s.profiles.is_empty() {
        v["profiles"] = profiles(p, s, kind);
    }
    v
}

/// The pattern's monthly cost in each usage profile (`compare`: and its rank there; `null` in
/// a profile where it does not apply; `{"monthly_cost": null, "reason"}` in a profile that
/// could not be priced at all), in file order.
fn profiles(p: &crate::Priced, s: &ScenarioReport<'_>, kind: Kind) -> Value {
    let mut by_name = serde_json::Map::new();
    for run in &s.profiles {
        let Some(there) = run.priced(p.pattern) else {
            let why = run
                .unpriced
                .as_ref()
                .map(|why| json!({"monthly_cost": null, "reason": why}));
            by_name.insert(run.name.clone(), why.unwrap_or(Value::Null));
            continue;
        };
        let cost = there.estimate.monthly_cost;
        let mut v = json!({
            "monthly_cost": plain(cost),
            "difference_to_base": plain(cost - p.estimate.monthly_cost),
        });
        if kind == Kind::Compare {
            v["rank"] = json!(run.rank(p.pattern));
        }
        by_name.insert(run.name.clone(), v);
    }
    Value::Object(by_name)
}

/// A layout's choices, each spelled in kebab case as the scenario format spells its choices
/// (`private-rest`, `per-vpc`, `lambda-proxy`); `endpoints_per_vpc` is null with no endpoints
/// (`per-vpc` only: a shared endpoint is one), `load_balancers` for an integration with none.
fn layout_json(l: &crate::architecture::Layout) -> Value {
    use crate::architecture::{Endpoints, Integration};
    let balanced = !matches!(
        l.integration,
        Integration::Direct | Integration::LambdaProxy | Integration::CloudMap
    );
    json!({
        "label": super::layout_label(l),
        "api": kebab(l.api),
        "endpoints": kebab(l.endpoints),
        "endpoints_per_vpc": (l.endpoints == Endpoints::PerVpc).then_some(l.endpoints_per_vpc),
        "integration": kebab(l.integration),
        "load_balancers": balanced.then_some(l.load_balancers),
        "backend_reach": kebab(l.reach),
        "dns": kebab(l.dns),
        "facade": kebab(l.facade),
        "availability_zones": l.azs,
    })
}

/// `PrivateRest` → `private-rest`: a unit enum's name in kebab case.
fn kebab(choice: impl std::fmt::Debug) -> String {
    let mut out = String::new();
    for (i, c) in format!("{choice:?}").chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('-');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

pub fn render(doc: &Document<'_>, out: &mut dyn Write) -> io::Result<()> {
    let value = match doc {
        Document::Estimates {
            kind, scenarios, ..
        } => json!({
            "currency": "USD",
            "scenarios": scenarios.iter().map(|s| scenario(s, *kind)).collect::<Vec<_>>(),
        }),
        Document::Architectures => json!({
            "architectures": PATTERNS.iter().map(|p| json!({
                "id": p.id, "name": p.name, "title": p.title, "purpose": p.purpose,
                "section": p.section, "billable_parts": p.parts,
            })).collect::<Vec<_>>(),
        }),
        Document::PriceList(book) => json!({
            "regions": book.tables.values().map(|t| {
                let (have, all) = t.completeness();
                let p = t.provenance();
                json!({
                    "region": t.region, "origin": t.origin, "items_priced": have, "items_known": all,
                    "missing": missing_items(t),
                    "effective_date": p.effective_date(),
                    "dates": p.dates.as_ref().map(|(old, new)| [old, new]),
                })
            }).collect::<Vec<_>>(),
        }),
        Document::PriceShow(book, region) => price_show(book, region),
        Document::PriceDiff(d) => price_diff(d),
        Document::Diff(d) => diff(d),
        Document::Validated(files) => validated(files),
        Document::Recommend(items) | Document::RecommendTotals(items) => json!({
            "currency": "USD",
            "scenarios": items.iter().map(|(s, a)| advice(s, a)).collect::<Vec<_>>(),
        }),
    };
    serde_json::to_writer_pretty(&mut *out, &value)?;
    writeln!(out)
}

/// One scenario of `estimate` or `compare`.
pub(super) fn scenario(s: &ScenarioReport<'_>, kind: Kind) -> Value {
    let mut v = json!({
        "scenario": s.scenario.name,
        "file": s.scenario.path,
        "region": s.scenario.region,
        "hours_per_month": plain(s.scenario.hours_per_month),
        "prices": prices(&s.prices),
        "estimates": s.estimates.iter().enumerate().map(|(i, p)| estimate(i, p, s, kind)).collect::<Vec<_>>(),
        "not_applicable": s.not_applicable.iter().map(|n| json!({
            "architecture": n.pattern.id,
            "reason": n.reasons.join("; "),
        })).collect::<Vec<_>>(),
    });
    if kind == Kind::Compare {
        v["current"] = json!(s.current.map(|c| c.id));
    }
    if !s.profiles.is_empty() {
        v["profiles"] = json!(s.profiles.iter().map(|r| &r.name).collect::<Vec<_>>());
    }
    v
}

/// `validate`: the files without problems (`valid`, as before), then every file with its status
/// and problems.
fn validated(files: &[super::Validation]) -> Value {
    json!({
        "valid": files.iter().filter(|f| f.problems.is_empty()).map(|f| &f.file).collect::<Vec<_>>(),
        "files": files.iter().map(validation).collect::<Vec<_>>(),
    })
}

/// One file `validate` checked, with its status and problems; a place of 0 (the whole file) is
/// `null`. `unknown`: for infrastructure code, the keys its scan could not fix (empty for a
/// scenario file).
pub(super) fn validation(f: &super::Validation) -> Value {
    let place = |n: usize| (n > 0).then_some(n);
    json!({
        "file": f.file,
        "status": f.status(),
        "problems": f.problems.iter().map(|d| json!({
            "file": d.path,
            "line": place(d.line),
            "column": place(d.column),
            "message": d.message,
            "help": d.help,
        })).collect::<Vec<_>>(),
        "more_problems": f.omitted,
        "unknown": f.unknown,
    })
}

/// Patterns or layouts that apply but cannot be priced: `[{architecture, layouts, reason}]`.
pub fn not_priced(list: &[crate::compare::NotPriced]) -> Value {
    list.iter()
        .map(
            |n| json!({ "architecture": n.architecture, "layouts": n.layouts, "reason": n.reason }),
        )
        .collect()
}

/// Which price table priced a scenario (product.md, "Which prices were used"): `effective_date`
/// is the newest effective date of the table's prices, `dates` the oldest and the newest.
pub fn prices(p: &Provenance) -> Value {
    let mut v = json!({
        "region": p.region,
        "origin": p.origin,
        "embedded": p.embedded,
        "effective_date": p.effective_date(),
        "dates": p.dates.as_ref().map(|(old, new)| [old, new]),
    });
    // The `--prices` file laid over the table, and the items it gave, when it gave some.
    if let (Some((file, items)), Some(map)) = (&p.overlay, v.as_object_mut()) {
        map.insert("overlay".into(), json!({ "file": file, "items": items }));
    }
    v
}

fn price_show(book: &PriceBook, region: &str) -> Value {
    let t = book.region(region);
    json!({
        "region": region,
        "currency": t.map(|t| t.currency.clone()),
        "origin": t.map(|t| t.origin.clone()),
        "effective_date": t.and_then(|t| t.data_date()),
        "dates": t.and_then(|t| t.data_dates()).map(|(old, new)| [old, new]),
        "prices": t.map(|t| price_items().filter_map(|c| t.get(c).map(|p| {
            json!({ "item": c.id(), "unit": c.unit(), "rate": rate(&p.rate), "unverified": p.unverified,
                    "effective_date": p.effective_date, "source": p.source })
        })).collect::<Vec<_>>()),
    })
}

fn rate(r: &Rate) -> Value {
    match r {
        Rate::Flat(x) => json!({ "price": plain(*x) }),
        Rate::Tiered(ts) => json!({ "tiers": ts.iter().map(|t| json!({
            "up_to": t.up_to.map(plain), "price": plain(t.price),
        })).collect::<Vec<_>>() }),
        Rate::Sizes(ss) => json!({ "sizes": ss.iter().map(|(g, p)| json!({
            "gb": plain(*g), "price": plain(*p),
        })).collect::<Vec<_>>() }),
    }
}

fn price_diff(d: &PriceDiff) -> Value {
    json!({
        "old": d.old,
        "new": d.new,
        "summary": {
            "items_compared": d.compared,
            "changed": d.changed,
            "added": d.added,
            "removed": d.removed,
            "unchanged": d.unchanged,
            "regions_only_in_old": d.only_old,
            "regions_only_in_new": d.only_new,
        },
        "changes": d.rows.iter().map(|r| json!({
            "region": r.region,
            "item": r.item.id(),
            "unit": r.item.unit(),
            "change": r.change.as_str(),
            "tier": match r.part {
                Some(Part::Tier { from, up_to }) => json!({ "from": plain(from), "up_to": up_to.map(plain) }),
                Some(Part::Size(gb)) => json!({ "size_gb": plain(gb) }),
                None => Value::Null,
            },
            "old_price": r.old.map(plain),
            "new_price": r.new.map(plain),
            "difference": r.difference().map(plain),
        })).collect::<Vec<_>>(),
    })
}

/// `diff`: the totals and their difference (exact), each changed component with its line item
/// on both sides, each changed input.
fn diff(d: &crate::diff::Diff) -> Value {
    let side = |l: &crate::diff::Label| {
        json!({ "file": l.file, "scenario": l.scenario, "architecture": l.architecture,
            "region": l.region })
    };
    let item = |li: &Option<crate::engine::LineItem>| {
        li.as_ref().map(|li| {
            json!({
                "quantity": plain(li.quantity),
                "unit_price": li.unit_price.map(plain),
                "monthly_cost": plain(li.monthly_cost),
                "formula": li.formula.to_string(),
            })
        })
    };
    json!({
        "currency": "USD",
        "before": plain(d.before),
        "after": plain(d.after),
        "difference": plain(d.difference()),
        "percent": d.percent().map(plain),
        "scenarios": { "before": side(&d.before_side), "after": side(&d.after_side) },
        "components": d.components.iter().map(|c| json!({
            "component": c.component.id(),
            "description": c.component.what(),
            "unit": c.component.unit(),
            "change": c.change.as_str(),
            "before": item(&c.before),
            "after": item(&c.after),
            "difference": plain(c.difference()),
        })).collect::<Vec<_>>(),
        "inputs": d.inputs.iter().map(|i| json!({
            "key": i.key, "before": i.before, "after": i.after,
        })).collect::<Vec<_>>(),
        "new_warnings": d.new_warnings,
    })
}

/// One scenario of `recommend`.
pub(super) fn advice(s: &Scenario, a: &Advice) -> Value {
    let mut v = json!({
        "scenario": s.name,
        "file": s.path,
        "region": s.region,
        "hours_per_month": plain(s.hours_per_month),
        "prices": prices(&a.prices),
        "current": a.current.as_ref().map(recommendation),
        "already_cheapest": a.already_cheapest,
        "current_problems": a.current_problems,
        "feasible_layouts": a.feasible,
        "recommendations": a.recommendations.iter().map(recommendation).collect::<Vec<_>>(),
        "break_evens": a.break_evens.iter().map(|b| json!({
            "lever": b.lever, "at": b.at.map(plain), "unit": b.unit, "text": b.text,
        })).collect::<Vec<_>>(),
        "not_priced": not_priced(&a.not_priced),
    });
    if let Some(across) = &a.profiles {
        across_profiles(&mut v, across);
    }
    v
}

/// Across usage profiles: the profiles' names, the cheapest layout in each, each layout's cost
/// in every profile and where it is the cheapest, and where the base's choice stops being so.
fn across_profiles(v: &mut Value, across: &crate::recommend::Across) {
    let standing = |st: &crate::recommend::Standing| {
        let costs: serde_json::Map<String, Value> = across
            .names
            .iter()
            .zip(&st.costs)
            .map(|(n, c)| (n.clone(), json!({ "monthly_cost": c.map(plain) })))
            .collect();
        (Value::Object(costs), json!(st.cheapest_in))
    };
    if let Some(st) = &across.current {
        let (costs, cheapest_in) = standing(st);
        v["current"]["profiles"] = costs;
        v["current"]["cheapest_in"] = cheapest_in;
    }
    for (i, st) in across.recommendations.iter().enumerate() {
        let (costs, cheapest_in) = standing(st);
        v["recommendations"][i]["profiles"] = costs;
        v["recommendations"][i]["cheapest_in"] = cheapest_in;
    }
    v["profiles"] = json!(across.names);
    v["cheapest_by_profile"] = across
        .names
        .iter()
        .zip(&across.cheapest)
        .map(|(n, r)| (n.clone(), json!(r.as_ref().map(recommendation))))
        .collect::<serde_json::Map<_, _>>()
        .into();
    v["profile_break_evens"] = json!(across.break_evens.iter().map(|b| json!({
        "from": b.from,
        "to": b.to,
        "at": b.at.as_ref().map(|keys| keys.iter().map(|(k, x)| ((*k).to_owned(), json!(plain(*x)))).collect::<serde_json::Map<_, _>>()),
        "text": b.text,
    })).collect::<Vec<_>>());
}

fn recommendation(r: &Recommendation) -> Value {
    json!({
        "layout": layout_json(&r.estimate.layout),
        "architecture": r.pattern.map(|p| p.id),
        "monthly_cost": plain(r.estimate.monthly_cost),
        "saving": r.saving.map(plain),
        "changes": r.changes.iter().map(|c| json!({
            "what": c.what, "why": c.why, "lever_source": c.source.as_str(), "tradeoff": c.tradeoff, "saving": plain(c.saving),
        })).collect::<Vec<_>>(),
    })
}

/// Streams a sweep as one JSON document, row by row (never the whole sweep in memory).
pub struct SweepJson<W: Write> {
    out: W,
    first: bool,
    columns: Vec<String>,
    departures: Vec<Value>,
    /// The usage profile whose rows come, when the sweep walks several: each row, break-even
    /// point and departure then names its profile.
    profile: Option<String>,
}

impl<W: Write> SweepJson<W> {
    pub fn new(
        out: W,
        scenario: &crate::scenario::Scenario,
        table: &Provenance,
        vary: &[crate::sweep::Vary],
    ) -> io::Result<Self> {
        let mut me = SweepJson {
            out,
            first: true,
            columns: Vec::new(),
            departures: Vec::new(),
            profile: None,
        };
        let head = json!({
            "scenario": scenario.name,
            "region": scenario.region,
            "prices": prices(table),
            "vary": vary.iter().map(|v| json!({
                "key": v.key.name, "from": plain(v.from), "to": plain(v.to), "steps": v.walked(), "log": v.log,
            })).collect::<Vec<_>>(),
        });
        let text = serde_json::to_string(&head)?;
        // Open the object, leaving it unclosed for the rows.
        write!(me.out, "{},", &text[..text.len() - 1])?;
        Ok(me)
    }
}

/// `value` with `"profile": name` added, when there is a profile to name.
fn with_profile(mut value: Value, profile: Option<&str>) -> Value {
    if let (Some(p), Some(map)) = (profile, value.as_object_mut()) {
        map.insert("profile".into(), json!(p));
    }
    value
}

impl<W: Write> crate::sweep::Sink for SweepJson<W> {
    fn profile(&mut self, name: &str) -> io::Result<()> {
        self.profile = Some(name.to_owned());
        Ok(())
    }
    fn not_priced(&mut self, list: &[crate::compare::NotPriced]) -> io::Result<()> {
        let text = serde_json::to_string(&not_priced(list))?;
        write!(self.out, "\"not_priced\":{text},")
    }
    fn begin(&mut self, keys: &[&str], columns: &[crate::sweep::Column]) -> io::Result<()> {
        self.columns = columns.iter().map(|c| c.label()).collect();
        write!(
            self.out,
            "\"keys\":{},\"columns\":{},\"rows\":[",
            serde_json::to_string(keys)?,
            serde_json::to_string(&self.columns)?
        )
    }
    fn row(
        &mut self,
        values: &[rust_decimal::Decimal],
        costs: &[Option<rust_decimal::Decimal>],
        cheapest: Option<&str>,
    ) -> io::Result<()> {
        if !self.first {
            self.out.write_all(b",")?;
        }
        self.first = false;
        let costs: serde_json::Map<String, Value> = self
            .columns
            .iter()
            .zip(costs)
            .map(|(c, v)| (c.clone(), json!(v.map(plain))))
            .collect();
        let row = json!({ "values": values.iter().map(|v| plain(*v)).collect::<Vec<_>>(), "costs": costs, "cheapest": cheapest });
        let row = with_profile(row, self.profile.as_deref());
        serde_json::to_writer(&mut self.out, &row)?;
        Ok(())
    }
    fn departure(&mut self, keys: &[&str], d: &crate::sweep::Departure) -> io::Result<()> {
        let d_json = json!({
            "fixed": d.fixed.iter().map(|v| plain(*v)).collect::<Vec<_>>(),
            "from": plain(d.from), "to": plain(d.to), "architecture": d.pattern,
            "reasons": d.reasons, "text": d.text(keys),
        });
        self.departures
            .push(with_profile(d_json, d.profile.as_deref()));
        Ok(())
    }
    fn end(&mut self, keys: &[&str], crossings: &[crate::sweep::Crossing]) -> io::Result<()> {
        let list: Vec<Value> = crossings
            .iter()
            .map(|c| {
                let v = json!({
                    "fixed": c.fixed.iter().map(|v| plain(*v)).collect::<Vec<_>>(),
                    "at": plain(c.at), "before": c.before, "after": c.after, "text": c.text(keys),
                });
                with_profile(v, c.profile.as_deref())
            })
            .collect();
        writeln!(
            self.out,
            "],\"break_evens\":{},\"current_not_a_candidate\":{}}}",
            serde_json::to_string(&list)?,
            serde_json::to_string(&self.departures)?
        )?;
        self.out.flush()
    }
}
