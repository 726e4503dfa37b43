//! `calibrate`: a scenario's volumes set from the bill. The bill's period (the hours it covers)
//! is scaled to the scenario's month; each key set is written with a comment naming the rows
//! it came from ([`crate::derived`]); the calibrated scenario is then estimated for the bill's
//! own period and set against the bill component by component. What a bill cannot tell is said.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use serde::Serialize;

use super::usage::{Line, Usage};
use super::volumes::Volumes;
use crate::Error;
use crate::component::Component;
use crate::derived::{Derived, Entry, Origin, write_scenario};
use crate::diagnostic::Diagnostic;
use crate::engine::Options;
use crate::pricing::PriceBook;
use crate::scenario::Scenario;

/// The bill's period.
#[derive(Debug, Clone, Serialize)]
pub struct Period {
    pub from: String,
    pub to: String,
    pub hours: Decimal,
}

/// One component, billed against estimated, both for the bill's period.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub component: String,
    pub billed_quantity: Option<Decimal>,
    pub billed_cost: Option<Decimal>,
    pub estimated_quantity: Option<Decimal>,
    pub estimated_cost: Option<Decimal>,
    pub difference: Option<Decimal>,
    pub why: String,
}

/// `calibrate`'s report.
#[derive(Debug, Clone, Serialize)]
pub struct Calibration {
    pub scenario: String,
    pub period: Period,
    pub calibrated: BTreeMap<String, toml::Value>,
    pub components: Vec<Row>,
    pub cannot_tell: Vec<String>,
    #[serde(skip)]
    pub derived: Vec<Derived>,
}

/// Hours from the Unix epoch of `YYYY-MM-DD[ T]HH:MM:SS…` (a date alone is midnight).
pub fn hours_of(t: &str) -> Option<Decimal> {
    let d: Vec<i64> = t
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .take(6)
        .map(|s| s.parse().ok())
        .collect::<Option<_>>()?;
    let (y, m, day) = (*d.first()?, *d.get(1)?, *d.get(2)?);
    let (h, mi, s) = (
        d.get(3).copied().unwrap_or(0),
        d.get(4).copied().unwrap_or(0),
        d.get(5).copied().unwrap_or(0),
    );
    // Days from civil (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(Decimal::from(days * 24 + h) + Decimal::from(mi * 60 + s) / Decimal::from(3600))
}

/// The period the bill covers: earliest start to latest end of its rows (of `--month`'s).
pub fn period(u: &Usage) -> Option<Period> {
    let (from, to) = u.span.as_ref()?;
    let hours = hours_of(to)? - hours_of(from)?;
    (hours > Decimal::ZERO).then(|| Period {
        from: from.clone(),
        to: to.clone(),
        hours,
    })
}

/// Each component's billed quantity and cost, with the lines behind them.
pub type Billed<'u> = BTreeMap<Component, (Decimal, Decimal, Vec<&'u Line>)>;

/// The billed quantity and cost of each component in `region`, with the lines behind them.
pub fn billed<'u>(u: &'u Usage, region: &str) -> Billed<'u> {
    let mut out: Billed<'u> = BTreeMap::new();
    for l in u.usage.iter().filter(|l| l.region == region) {
        let e = out.entry(l.id).or_default();
        e.0 += l.quantity;
        e.1 += l.billed_cost;
        e.2.push(l);
    }
    out
}

pub(super) fn origins(file: &str, lines: &[&Line]) -> Vec<Origin> {
    lines
        .iter()
        .map(|l| {
            let what = if l.usage_type.is_empty() {
                format!("{} (by rate code)", l.component)
            } else if l.operation.is_empty() {
                l.usage_type.clone()
            } else {
                format!("{} {}", l.usage_type, l.operation)
            };
            Origin::new(file, None, &what, &format!("{} rows", l.rows))
        })
        .collect()
}

/// A whole-number-or-decimal TOML value, normalised: a monthly amount (`*_per_month`: requests,
/// connection minutes, DNS queries) is a whole number, as a scenario requires, rounded half
/// away from zero after the bill's period is scaled to the month.
pub(super) fn value(key: &str, d: Decimal) -> toml::Value {
    let places = if key.ends_with("_per_month") { 0 } else { 6 };
    let d = d
        .round_dp_with_strategy(places, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
        .normalize();
    match i64::try_from(d) {
        Ok(i) if d.fract().is_zero() => toml::Value::Integer(i),
        _ => toml::Value::Float(d.to_string().parse().unwrap_or(0.0)),
    }
}

/// The keys the bill fixes, the components that set them, and what the bill cannot tell.
pub fn keys(
    billed: &Billed<'_>,
    file: &str,
    scale: Decimal,
    hours: Decimal,
) -> (Vec<Derived>, Vec<Component>, Vec<String>) {
    use Component as C;
    let mut out = Vec::new();
    let mut by = Vec::new();
    let mut cannot = Vec::new();
    let million = Decimal::from(1_000_000);
    let mut set = |key: &str, v: Decimal, comps: &[Component]| {
        let lines: Vec<&Line> = comps
            .iter()
            .filter_map(|c| billed.get(c))
            .flat_map(|e| e.2.iter().copied())
            .collect();
        if !lines.is_empty() {
            by.extend(comps.iter().filter(|c| billed.contains_key(c)));
            out.push(Derived {
                key: key.into(),
                value: value(key, v),
                from: origins(file, &lines),
            });
        }
    };
    let q = |c: Component| billed.get(&c).map(|e| e.0);
    let api = [C::RestRequests, C::HttpRequests, C::WebsocketMessages];
    let api_q: Option<Decimal> = api.iter().filter_map(|c| q(*c)).reduce(|a, b| a + b);
    if let Some(r) = api_q {
        set("traffic.requests_per_month", r * million * scale, &api);
    } else {
        cannot.push("the bill has no API Gateway requests (they may be billed to another account): traffic.requests_per_month is kept as the scenario says".into());
    }
    if let Some(m) = q(C::WebsocketMinutes) {
        set(
            "traffic.connection_minutes_per_month",
            m * million * scale,
            &[C::WebsocketMinutes],
        );
    }
    if let Some(d) = q(C::ResolverQueries) {
        set(
            "traffic.dns_queries_per_month",
            d * million * scale,
            &[C::ResolverQueries],
        );
    }
    let lcu = q(C::AlbCapacity)
        .map(|l| (l, C::AlbCapacity))
        .or(q(C::NlbCapacity).map(|l| (l, C::NlbCapacity)));
    if let Some((l, c)) = lcu {
        set("traffic.processed_gb_per_hour", l / hours, &[c]);
        cannot.push(format!("the requests and connections behind {}'s capacity units: the bill gives only the units; assumed processed bytes set them (traffic.processed_gb_per_hour = {} units an hour)", c.id(), crate::money::figure(l / hours)));
    }
    if !billed.contains_key(&C::EndpointHours) {
        cannot.push(
            "which service each interface endpoint serves: a bill's VpcEndpoint rows do not name it"
                .into(),
        );
    }
    cannot.push("the account-wide data transfer tier: the bill's data transfer out is priced from the first tier".into());
    (out, by, cannot)
}

/// The scenario's keys as entries (dotted), in file order, for [`write_scenario`].
pub fn entries(doc: &toml::Table, prefix: &str, out: &mut Vec<Entry>) {
    for (k, v) in doc {
        let key = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        match v {
            toml::Value::Table(t) => entries(t, &key, out),
            other => out.push(Entry::plain(&key, other.clone())),
        }
    }
}

/// The calibrated scenario's text: the original's keys, those the bill fixes replaced, each
/// with its rows as a comment.
pub fn scenario_text(original: &toml::Table, derived: &[Derived], header: &[String]) -> String {
    let mut list = Vec::new();
    entries(original, "", &mut list);
    list.extend(derived.iter().map(Entry::from));
    write_scenario(header, &list)
}

/// The bill files `calibrate` reads, and how.
#[derive(Debug, Clone, Copy)]
pub struct BillFiles<'a> {
    pub paths: &'a [PathBuf],
    /// Only this month (`YYYY-MM`).
    pub month: Option<&'a str>,
    /// The header of headerless Athena text parts.
    pub header_from: Option<&'a Path>,
}

/// A calibrated scenario: the report, the scenario's text (each key the bill set with its rows
/// as a comment), and the scenario parsed from that text.
#[derive(Debug, Clone)]
pub struct Calibrated {
    pub report: Calibration,
    pub text: String,
    pub scenario: Scenario,
}

/// The library's `calibrate`: `scenario` set from the bill's files. `source` is the scenario's
/// TOML text, whose keys the calibrated text keeps (`None`: read from `scenario.path`).
pub fn calibrate(
    scenario: &Scenario,
    source: Option<&str>,
    bill: BillFiles<'_>,
    book: &PriceBook,
    opts: Options,
) -> Result<Calibrated, Error> {
    let read = super::read_month(bill.paths, bill.header_from, bill.month)?;
    let u = super::usage::usage(&read, book, bill.month);
    from_usage(scenario, source, &u, book, opts)
}

const NO_TIME: &str = "the bill covers no time (no usage rows with start and end dates), so it cannot be scaled to a month";

fn input(name: &str, message: String) -> Error {
    Error::Input(vec![Diagnostic::file(name, message)])
}

/// [`calibrate`] on a bill already read into usage `u`.
pub fn from_usage(
    original: &Scenario,
    source: Option<&str>,
    u: &Usage,
    book: &PriceBook,
    opts: Options,
) -> Result<Calibrated, Error> {
    run(original, source, u, (book, opts), false)
}

/// [`from_usage`] for a scenario the model may not price yet (`--usage BILL` on code or on a
/// scenario without `[layout]`, which `compare` prices pattern by pattern): the keys the bill
/// states are set, and where the model's own estimate is needed (the volumes set against it,
/// the comparison with the bill) and cannot be made, `cannot_tell` says so.
pub fn from_usage_lenient(
    original: &Scenario,
    source: Option<&str>,
    u: &Usage,
    book: &PriceBook,
    opts: Options,
) -> Result<Calibrated, Error> {
    run(original, source, u, (book, opts), true)
}

/// What the model cannot do without a layout it can price, said in `cannot_tell`.
const UNPRICED: &str = "the endpoint, NAT and Transit Gateway volumes, and the comparison with the bill: they are set against the model's estimate, and the scenario has no layout the model can price yet (the bill's other keys are set)";

fn run(
    original: &Scenario,
    source: Option<&str>,
    u: &Usage,
    (book, opts): (&PriceBook, Options),
    lenient: bool,
) -> Result<Calibrated, Error> {
    let name = original.path.clone();
    let source = match source {
        Some(s) => s.to_owned(),
        None => crate::input::read_text(Path::new(&name))?,
    };
    let doc: toml::Table = toml::from_str(&source).map_err(|e| input(&name, e.to_string()))?;
    let file = u
        .read
        .iter()
        .map(|r| r.file.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let period = period(u).ok_or_else(|| {
        Error::Input(vec![Diagnostic::file(&file, NO_TIME).with_help(
            "give a bill with usage rows (a CUR or FOCUS export, or Cost Explorer grouped by USAGE_TYPE), or, for --usage, a scenario with the traffic",
        )])
    })?;
    let billed = billed(u, &original.region);
    let scale = original.hours_per_month / period.hours;
    let (mut derived, mut set_by, mut cannot_tell) = keys(&billed, &file, scale, period.hours);
    let header = header(original, &file, &period);
    // The volumes no key states are set against the model's own estimate once requests are.
    let first = crate::scenario::parse(&name, &scenario_text(&doc, &derived, &header))
        .map_err(Error::Input)?;
    match crate::estimate_scenario(&first, book, None, opts) {
        Ok(priced) => {
            let more = Volumes {
                billed: &billed,
                scenario: &first,
                estimate: &priced.estimate,
                hours: period.hours,
                file: &file,
            }
            .keys();
            derived.extend(more.keys);
            set_by.extend(more.by);
            cannot_tell.extend(more.cannot_tell);
        }
        Err(e) => unpriced(e, lenient, &mut cannot_tell)?,
    }
    let text = scenario_text(&doc, &derived, &header);
    let calibrated = crate::scenario::parse(&name, &text).map_err(Error::Input)?;
    let back = period.hours / calibrated.hours_per_month;
    let components = match crate::estimate_scenario(&calibrated, book, None, opts) {
        Ok(priced) => compare(&billed, &priced.estimate.line_items, back, &set_by),
        Err(e) => {
            unpriced(e, lenient, &mut cannot_tell)?;
            Vec::new()
        }
    };
    if billed.is_empty() {
        let region = &original.region;
        let none = format!("the bill has no modelled usage in {region}, the scenario's Region");
        cannot_tell.insert(0, none);
    }
    let calibrated_keys = derived.iter().map(|d| (d.key.clone(), d.value.clone()));
    let report = Calibration {
        scenario: name,
        period,
        calibrated: calibrated_keys.collect(),
        components,
        cannot_tell,
        derived,
    };
    let scenario = calibrated;
    Ok(Calibrated {
        report,
        text,
        scenario,
    })
}

/// Without a layout the model can price: the error, or (`lenient`) [`UNPRICED`] said once.
fn unpriced(e: Error, lenient: bool, cannot_tell: &mut Vec<String>) -> Result<(), Error> {
    if !lenient {
        return Err(e);
    }
    if !cannot_tell.iter().any(|c| c == UNPRICED) {
        cannot_tell.push(UNPRICED.into());
    }
    Ok(())
}

/// The calibrated file's opening comment.
fn header(s: &Scenario, file: &str, period: &Period) -> Vec<String> {
    vec![
        format!(
            "{} calibrated by apigw-cost on {} ({} to {}, {} hours, scaled to {} hours a month)",
            s.path,
            file,
            period.from,
            period.to,
            period.hours.normalize(),
            s.hours_per_month.normalize()
        ),
        "each key the bill fixes names its rows; the original file's comments are not kept".into(),
    ]
}

/// Billed against estimated (scaled to the bill's hours by `back`), every component of either.
fn compare(
    billed: &Billed<'_>,
    items: &[crate::engine::LineItem],
    back: Decimal,
    set_by: &[Component],
) -> Vec<Row> {
    let mut comps: Vec<Component> = billed.keys().copied().collect();
    comps.extend(items.iter().map(|i| i.component));
    comps.sort();
    comps.dedup();
    let set_from = |c: Component| set_by.contains(&c);
    comps
        .into_iter()
        .map(|c| {
            let b = billed.get(&c);
            let est: Vec<&crate::engine::LineItem> = items.iter().filter(|i| i.component == c).collect();
            let eq = (!est.is_empty()).then(|| est.iter().map(|i| i.quantity).sum::<Decimal>() * back);
            let ec = (!est.is_empty()).then(|| est.iter().map(|i| i.monthly_cost).sum::<Decimal>() * back);
            let why = match (b, eq) {
                (Some(_), None) => "billed, but not part of the scenario's layout".to_owned(),
                (None, Some(_)) => "in the layout, not on the bill (another account or Region, or not yet deployed)".to_owned(),
                _ if set_from(c) => "the bill sets its volume".to_owned(),
                _ => "derived by the model from the calibrated traffic".to_owned(),
            };
            Row {
                component: c.id().to_owned(),
                billed_quantity: b.map(|e| e.0),
                billed_cost: b.map(|e| e.1),
                estimated_quantity: eq,
                estimated_cost: ec,
                difference: match (b, ec) {
                    (Some(e), Some(x)) => Some(x - e.1),
                    _ => None,
                },
                why,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_monthly_amount_is_written_whole_and_a_rate_keeps_its_decimals() {
        // 2,000,000 requests in a 24-hour bill scale to 2,000,000 × 730 / 24 a month.
        let month = Decimal::from(2_000_000) * Decimal::from(730) / Decimal::from(24);
        let v = value("traffic.requests_per_month", month);
        assert_eq!(v, toml::Value::Integer(60_833_333));
        let half = value("traffic.dns_queries_per_month", Decimal::new(25, 1));
        assert_eq!(half, toml::Value::Integer(3));
        let rate = value("traffic.processed_gb_per_hour", Decimal::new(1234567, 7));
        assert_eq!(rate, toml::Value::Float(0.123457));
    }

    #[test]
    fn hours_between_timestamps_of_every_style() {
        let h = |a: &str, b: &str| hours_of(b).unwrap() - hours_of(a).unwrap();
        assert_eq!(
            h("2019-11-26 00:00:00", "2019-11-27T00:00:00Z"),
            Decimal::from(24)
        );
        assert_eq!(h("2024-09-01", "2024-10-01"), Decimal::from(720));
        assert_eq!(
            h("2024-02-01 00:00:00.000", "2024-03-01"),
            Decimal::from(696)
        );
        assert_eq!(h("1970-01-01", "1970-01-01 01:30:00"), Decimal::new(15, 1));
    }
}
