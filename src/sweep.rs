//! `sweep`: the cost of every applicable pattern as one or two scenario keys vary, for capacity
//! planning in spreadsheets and charts. Steps are exact decimals (linear or logarithmic, whole
//! numbers for count keys); rows stream to the writer as they are computed, in flat memory; a
//! change of the cheapest pattern between two steps is located exactly by bisection.

use rust_decimal::{Decimal, MathematicalOps};

use crate::architecture::{self, PATTERNS, Pattern};
use crate::breakeven::crossing;
use crate::diagnostic::suggest;
use crate::engine::{Options, estimate};
use crate::pricing::PriceTable;
use crate::scenario::{Scenario, parse_float};
use crate::{Error, engine_error};

/// A scenario key that can be varied.
pub struct Key {
    pub name: &'static str,
    pub min: Decimal,
    pub max: Decimal,
    /// Counts step by whole numbers.
    pub whole: bool,
    set: fn(&mut Scenario, Decimal),
}

fn u(d: Decimal) -> u32 {
    u32::try_from(d.trunc().mantissa() / 10i128.pow(d.trunc().scale())).unwrap_or(u32::MAX)
}

fn dec(s: &str) -> Decimal {
    parse_float(s).expect("constant")
}

macro_rules! keys {
    ($($name:literal, $min:literal, $max:literal, $whole:literal, |$s:ident, $v:ident| $body:expr;)*) => {
        /// Every numeric scenario key, with the range the scenario reader allows.
        pub fn keys() -> Vec<Key> {
            vec![$(Key { name: $name, min: dec($min), max: dec($max), whole: $whole, set: |$s, $v| $body }),*]
        }
    };
}

keys! {
    "hours_per_month", "1", "744", true, |s, v| s.hours_per_month = v;
    "traffic.requests_per_month", "0", "1e15", true, |s, v| s.traffic.requests_per_month = v;
    "traffic.request_kb", "0", "1048576", false, |s, v| s.traffic.request_kb = v;
    "traffic.response_kb", "0", "1048576", false, |s, v| s.traffic.response_kb = v;
    "traffic.peak_to_average", "1", "1000", false, |s, v| s.traffic.peak_to_average = v;
    "traffic.requests_per_connection", "1", "1e9", false, |s, v| s.traffic.requests_per_connection = v;
    "traffic.connection_seconds", "0", "1e9", false, |s, v| s.traffic.connection_seconds = v;
    "traffic.rule_evaluations_per_request", "0", "1000", false, |s, v| s.traffic.rule_evaluations_per_request = v;
    "traffic.on_premises_share", "0", "1", false, |s, v| s.traffic.on_premises_share = v;
    "traffic.connection_minutes_per_month", "0", "1e15", true, |s, v| s.traffic.connection_minutes_per_month = v;
    "traffic.new_connections_per_second", "0", "1e12", false, |s, v| s.traffic.new_connections_per_second = Some(v);
    "traffic.active_connections", "0", "1e12", false, |s, v| s.traffic.active_connections = Some(v);
    "traffic.processed_gb_per_hour", "0", "1e12", false, |s, v| s.traffic.processed_gb_per_hour = Some(v);
    "traffic.cross_az_share", "0", "1", false, |s, v| s.traffic.cross_az_share = v;
    "traffic.dns_queries_per_month", "0", "1e15", true, |s, v| s.traffic.dns_queries_per_month = Some(v);
    "topology.availability_zones", "1", "6", true, |s, v| s.topology.availability_zones = u(v);
    "topology.consumer_vpcs", "1", "10000", true, |s, v| s.topology.consumer_vpcs = u(v);
    "topology.consumer_accounts", "1", "10000", true, |s, v| s.topology.consumer_accounts = u(v);
    "topology.apis", "1", "10000", true, |s, v| s.topology.apis = u(v);
    "topology.backend_services", "1", "10000", true, |s, v| s.topology.backend_services = u(v);
    "topology.backend_accounts", "1", "1000", true, |s, v| s.topology.backend_accounts = u(v);
    "topology.backend_instances", "1", "1000000", true, |s, v| s.topology.backend_instances = u(v);
    "topology.on_premises_connections", "1", "100", true, |s, v| s.topology.on_premises_connections = u(v);
    "topology.regions", "1", "30", true, |s, v| s.topology.regions = u(v);
    "requirements.min_availability_zones", "1", "6", true, |s, v| s.requirements.min_availability_zones = u(v);
}

/// Keys that exist but are not numbers.
const NOT_NUMERIC: &[&str] = &[
    "name",
    "region",
    "topology.backend",
    "topology.overlapping_cidrs",
    "topology.on_premises",
    "topology.existing_transit_gateway",
    "requirements.private_endpoint",
    "requirements.rest_features",
    "layout.architecture",
    "layout.nlb_listener",
    "layout.private_dns",
    "layout.multi_region",
];

/// One `--vary KEY=FROM..TO`, validated. Its steps are generated on demand ([`Vary::values`]),
/// so a sweep's memory does not grow with its length.
pub struct Vary {
    pub key: Key,
    pub from: Decimal,
    pub to: Decimal,
    /// Steps asked for (whole-number keys may yield fewer distinct values).
    pub steps: u32,
    pub log: bool,
    ratio: Option<Decimal>,
}

impl Vary {
    /// The step values, in order, without repeats.
    pub fn values(&self) -> impl Iterator<Item = Decimal> + '_ {
        let n = Decimal::from(self.steps - 1);
        let mut level = self.from;
        let mut last: Option<Decimal> = None;
        (0..self.steps).filter_map(move |i| {
            let mut v = if i == 0 {
                self.from
            } else if i == self.steps - 1 {
                self.to
            } else if let Some(r) = self.ratio {
                // One ratio, then multiplication (a power per step would dominate a long
                // sweep), re-anchored on an exact power every 1,024 steps so rounding cannot
                // drift.
                level = if i % 1024 == 0 {
                    self.from
                        * (self.to / self.from)
                            .checked_powd(Decimal::from(i) / n)
                            .unwrap_or(Decimal::ONE)
                } else {
                    level * r
                };
                level.round_sf(12).unwrap_or(level)
            } else {
                self.from + (self.to - self.from) * Decimal::from(i) / n
            };
            if self.key.whole {
                v = v.round();
            }
            let v = v.normalize();
            (last != Some(v)).then(|| {
                last = Some(v);
                v
            })
        })
    }
}

/// Parses `KEY=FROM..TO` and makes `steps` values (fewer for whole-number keys over a short
/// range). Errors are usage errors.
pub fn parse_vary(spec: &str, steps: u32, log: bool) -> Result<Vary, Error> {
    let usage = |m: String| Error::Usage(m);
    let (name, range) = spec.split_once('=').ok_or_else(|| {
        usage(format!(
            "--vary takes KEY=FROM..TO, e.g. traffic.requests_per_month=1e5..1e9; found `{spec}`"
        ))
    })?;
    let name = name.trim();
    let mut all = keys();
    let Some(i) = all.iter().position(|k| k.name == name) else {
        if NOT_NUMERIC.contains(&name) {
            return Err(usage(format!(
                "`{name}` is not a numeric key: only numbers can be varied"
            )));
        }
        let names: Vec<&str> = all.iter().map(|k| k.name).collect();
        let help = suggest(name, names.iter().copied())
            .or_else(|| {
                names
                    .iter()
                    .copied()
                    .find(|n| n.ends_with(&format!(".{name}")))
            })
            .map_or_else(
                || format!("numeric keys: {}", names.join(", ")),
                |s| format!("did you mean `{s}`?"),
            );
        return Err(usage(format!(
            "unknown scenario key `{name}`\n  = help: {help}"
        )));
    };
    let key = all.swap_remove(i);
    let (from, to) = range.split_once("..").ok_or_else(|| {
        usage(format!(
            "--vary {name}: the range must be FROM..TO, found `{range}`"
        ))
    })?;
    let (lo, hi) = (key.min.normalize(), key.max.normalize());
    let num = |t: &str| {
        parse_float(t.trim()).map_err(|_| {
            usage(format!(
                "--vary {name}: `{}` is not a usable number; the range must lie within {lo}..{hi}",
                t.trim()
            ))
        })
    };
    let (from, to) = (num(from)?, num(to)?);
    if key.whole && !(from.is_integer() && to.is_integer()) {
        return Err(usage(format!(
            "--vary {name}: this key counts in whole numbers, found {}..{}",
            from.normalize(),
            to.normalize()
        )));
    }
    if from >= to {
        return Err(usage(format!(
            "--vary {name}: FROM must be below TO, found {from}..{to}"
        )));
    }
    if from < key.min || to > key.max {
        return Err(usage(format!(
            "--vary {name}: the range must lie within {}..{}, found {}..{}",
            key.min.normalize(),
            key.max.normalize(),
            from.normalize(),
            to.normalize()
        )));
    }
    if steps < 2 {
        return Err(usage(format!("--steps must be at least 2, found {steps}")));
    }
    if log && from <= Decimal::ZERO {
        return Err(usage(format!(
            "--log needs a range above 0; {name} starts at {}",
            from.normalize()
        )));
    }
    let ratio = if log {
        (to / from).checked_powd(Decimal::ONE / Decimal::from(steps - 1))
    } else {
        None
    };
    Ok(Vary {
        key,
        from,
        to,
        steps,
        log,
        ratio,
    })
}

/// What a column prices.
#[derive(Clone, Copy)]
pub enum Column {
    Pattern(&'static Pattern),
    /// The scenario's own `[layout]`.
    Current(&'static Pattern),
}

impl Column {
    pub fn label(&self) -> String {
        match self {
            Column::Pattern(p) => p.id.to_owned(),
            Column::Current(p) => format!("current ({})", p.id),
        }
    }
    fn pattern(&self) -> &'static Pattern {
        match self {
            Column::Pattern(p) | Column::Current(p) => p,
        }
    }
}

/// A point where the cheapest pattern changes along the last varied key.
#[derive(Debug, Clone, PartialEq)]
pub struct Crossing {
    /// Values of the keys before the last one (grid sweeps).
    pub fixed: Vec<Decimal>,
    pub at: Decimal,
    pub before: &'static str,
    pub after: &'static str,
}

impl Crossing {
    pub fn text(&self, keys: &[&str]) -> String {
        let last = keys.last().copied().unwrap_or("");
        let mut s = format!(
            "from {} = {} {} is cheaper than {}",
            last,
            crate::money::number(self.at, 6),
            self.after,
            self.before
        );
        for (k, v) in keys.iter().zip(&self.fixed) {
            s.push_str(&format!(" (at {k} = {})", crate::money::number(*v, 6)));
        }
        s
    }
}

/// Receives the sweep as it is computed.
pub trait Sink {
    fn begin(&mut self, keys: &[&str], columns: &[Column]) -> std::io::Result<()>;
    /// One step: the keys' values, each column's cost (`None`: not applicable there), the
    /// cheapest column's label.
    fn row(
        &mut self,
        values: &[Decimal],
        costs: &[Option<Decimal>],
        cheapest: Option<&str>,
    ) -> std::io::Result<()>;
    /// An exact break-even point, with every column's cost there. Sinks that list the
    /// break-even points at the end need not look at them here.
    fn crossing(
        &mut self,
        keys: &[&str],
        c: &Crossing,
        costs: &[Option<Decimal>],
    ) -> std::io::Result<()> {
        let _ = (keys, c, costs);
        Ok(())
    }
    /// The sweep is over; `crossings` are all its break-even points.
    fn end(&mut self, keys: &[&str], crossings: &[Crossing]) -> std::io::Result<()> {
        let _ = (keys, crossings);
        Ok(())
    }
}

/// Runs the sweep of `s` over `vary` (one key, or two for a grid), feeding `sink`.
pub fn run(
    s: &Scenario,
    table: &PriceTable,
    opts: Options,
    vary: &[Vary],
    sink: &mut dyn Sink,
    mut progress: impl FnMut(u64),
) -> Result<Vec<Crossing>, Error> {
    let lean = Options { lean: true, ..opts };
    // Every consumer account calls from at least one VPC, at every step.
    for v in vary {
        let t = &s.topology;
        let bad = match v.key.name {
            "topology.consumer_vpcs" => (v.from < Decimal::from(t.consumer_accounts)).then(|| {
                format!("--vary topology.consumer_vpcs starts below the scenario's consumer_accounts ({})", t.consumer_accounts)
            }),
            "topology.consumer_accounts" => (v.to > Decimal::from(t.consumer_vpcs)).then(|| {
                format!("--vary topology.consumer_accounts goes above the scenario's consumer_vpcs ({})", t.consumer_vpcs)
            }),
            _ => None,
        };
        if let Some(m) = bad {
            return Err(Error::Usage(m));
        }
    }
    let columns = columns(s, vary);
    let names: Vec<&str> = vary.iter().map(|v| v.key.name).collect();
    let io = |e: std::io::Error| Error::Usage(format!("cannot write the sweep: {e}"));
    sink.begin(&names, &columns).map_err(io)?;
    let mut work = s.clone();
    let mut costs = vec![None; columns.len()];
    let mut crossings = Vec::new();
    let outer: Vec<Option<Decimal>> = if vary.len() == 2 {
        vary[0].values().map(Some).collect()
    } else {
        vec![None]
    };
    let inner = vary.last().expect("at least one --vary");
    let mut done = 0u64;
    for o in &outer {
        if let Some(v) = o {
            (vary[0].key.set)(&mut work, *v);
        }
        let fixed: Vec<Decimal> = o.iter().copied().collect();
        let mut previous: Option<(usize, Decimal)> = None;
        let mut values = fixed.clone();
        values.push(Decimal::ZERO);
        // Steps are priced a chunk at a time on every core by a producer thread, while this
        // thread writes the previous chunk's rows in order: memory stays a few chunks whatever
        // the sweep's length.
        let outcome = std::thread::scope(|scope| -> Result<(), Error> {
            type Priced = Result<(Vec<Decimal>, Vec<Option<Decimal>>), crate::engine::EngineError>;
            let (tx, rx) = std::sync::mpsc::sync_channel::<Priced>(2);
            let producer_scenario = work.clone();
            let cols = &columns;
            scope.spawn(move || {
                let mut steps = inner.values();
                loop {
                    let chunk: Vec<Decimal> = steps.by_ref().take(CHUNK).collect();
                    if chunk.is_empty() {
                        break;
                    }
                    let priced =
                        price_chunk(&producer_scenario, table, lean, cols, &inner.key, &chunk);
                    let failed = priced.is_err();
                    if tx.send(priced.map(|costs| (chunk, costs))).is_err() || failed {
                        break;
                    }
                }
            });
            // The producer closes the channel after the last chunk.
            while let Ok(priced) = rx.recv() {
                let (chunk, chunk_costs) = priced.map_err(|e| engine_error(s, table, e))?;
                for (&v, row_costs) in chunk.iter().zip(chunk_costs.chunks(columns.len().max(1))) {
                    costs.copy_from_slice(&row_costs[..columns.len()]);
                    let cheapest = cheapest(&costs);
                    if let (Some((was, at)), Some(now)) = (previous, cheapest)
                        && was != now
                    {
                        (inner.key.set)(&mut work, v);
                        let c = locate(
                            &work,
                            table,
                            lean,
                            &columns,
                            inner,
                            (was, now),
                            (at, v),
                            &fixed,
                        )
                        .map_err(|e| engine_error(s, table, e))?;
                        if let Some(c) = c {
                            let mut at = work.clone();
                            (inner.key.set)(&mut at, c.at);
                            let mut there = vec![None; columns.len()];
                            price_columns(&at, table, lean, &columns, &mut there)
                                .map_err(|e| engine_error(s, table, e))?;
                            sink.crossing(&names, &c, &there).map_err(io)?;
                            crossings.push(c);
                        }
                    }
                    *values.last_mut().expect("one value per key") = v;
                    sink.row(&values, &costs, cheapest.map(|i| columns[i].pattern().id))
                        .map_err(io)?;
                    previous = cheapest.map(|i| (i, v));
                    done += 1;
                }
                progress(done);
            }
            Ok(())
        });
        // Dropping the receiver on an error stops the producer at its next send.
        outcome?;
    }
    progress(done);
    sink.end(&names, &crossings).map_err(io)?;
    Ok(crossings)
}

/// Steps priced per batch; bounds memory whatever the sweep's length.
const CHUNK: usize = 8192;

/// Prices every column at each step of `chunk` (row-major), splitting the work over the cores.
fn price_chunk(
    s: &Scenario,
    table: &PriceTable,
    opts: Options,
    columns: &[Column],
    key: &Key,
    chunk: &[Decimal],
) -> Result<Vec<Option<Decimal>>, crate::engine::EngineError> {
    let width = columns.len();
    let mut out = vec![None; chunk.len() * width];
    if width == 0 {
        return Ok(out);
    }
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(chunk.len().div_ceil(256))
        .max(1);
    let per = chunk.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let mut handles = Vec::new();
        for (steps, cells) in chunk.chunks(per).zip(out.chunks_mut(per * width)) {
            handles.push(
                scope.spawn(move || -> Result<(), crate::engine::EngineError> {
                    let mut work = s.clone();
                    for (v, row) in steps.iter().zip(cells.chunks_mut(width)) {
                        (key.set)(&mut work, *v);
                        price_columns(&work, table, opts, columns, row)?;
                    }
                    Ok(())
                }),
            );
        }
        handles
            .into_iter()
            .try_for_each(|h| h.join().expect("a pricing thread panicked"))
    })?;
    Ok(out)
}

/// The columns: every pattern that applies at either end of the range(s), and the current
/// layout. A column's cell is empty at steps where its pattern does not apply.
fn columns(s: &Scenario, vary: &[Vary]) -> Vec<Column> {
    let mut corners = vec![s.clone()];
    for v in vary {
        let mut next = Vec::new();
        for c in &corners {
            for end in [v.from, v.to] {
                let mut x = c.clone();
                (v.key.set)(&mut x, end);
                next.push(x);
            }
        }
        corners = next;
    }
    let mut out: Vec<Column> = PATTERNS
        .iter()
        .filter(|p| {
            corners
                .iter()
                .any(|c| architecture::resolve(p, c, c.layout.as_ref()).is_ok())
        })
        .map(Column::Pattern)
        .collect();
    if let Some(p) = s
        .layout
        .as_ref()
        .and_then(|l| architecture::find(&l.architecture))
    {
        out.push(Column::Current(p));
    }
    out
}

fn price_columns(
    s: &Scenario,
    table: &PriceTable,
    opts: Options,
    columns: &[Column],
    costs: &mut [Option<Decimal>],
) -> Result<(), crate::engine::EngineError> {
    // Several patterns often resolve to the same layout (R1, R2 and R5 for an ECS backend):
    // price each distinct layout once.
    let mut priced: Vec<(architecture::Layout, Option<Decimal>)> =
        Vec::with_capacity(columns.len());
    for (col, cell) in columns.iter().zip(costs.iter_mut()) {
        let layout = match col {
            Column::Pattern(p) => architecture::resolve(p, s, s.layout.as_ref()).ok(),
            Column::Current(p) => architecture::resolve_own(p, s, s.layout.as_ref()).ok(),
        };
        *cell = match layout {
            Some(l) => {
                if let Some((_, c)) = priced.iter().find(|(k, _)| *k == l) {
                    *c
                } else {
                    let c = match estimate(s, &l, table, opts) {
                        Ok(e) => Some(e.monthly_cost),
                        Err(crate::engine::EngineError::BeyondTiers { .. }) => None,
                        Err(e) => return Err(e),
                    };
                    priced.push((l, c));
                    c
                }
            }
            None => None,
        };
    }
    Ok(())
}

/// The cheapest pattern column (the current-layout column only names a pattern already listed).
fn cheapest(costs: &[Option<Decimal>]) -> Option<usize> {
    let mut best: Option<(usize, Decimal)> = None;
    for (i, c) in costs.iter().enumerate() {
        if let Some(c) = c
            && best.is_none_or(|(_, b)| *c < b)
        {
            best = Some((i, *c));
        }
    }
    best.map(|(i, _)| i)
}

/// Bisects between two steps for the exact value where column `now` becomes no dearer than
/// column `was`: to the unit for whole-number keys, to a millionth of the step otherwise.
#[allow(clippy::too_many_arguments)]
fn locate(
    s: &Scenario,
    table: &PriceTable,
    opts: Options,
    columns: &[Column],
    vary: &Vary,
    (was, now): (usize, usize),
    (lo, hi): (Decimal, Decimal),
    fixed: &[Decimal],
) -> Result<Option<Crossing>, crate::engine::EngineError> {
    let resolution = if vary.key.whole {
        Decimal::ONE
    } else {
        (hi - lo) / Decimal::from(1_000_000)
    };
    let mut work = s.clone();
    let pick = [columns[was], columns[now]];
    let mut cells = [None, None];
    let steps = ((hi - lo) / resolution).floor();
    let found = crossing(Decimal::ZERO, steps, |k| {
        (vary.key.set)(&mut work, lo + k * resolution);
        price_columns(&work, table, opts, &pick, &mut cells)?;
        Ok(match cells {
            [Some(a), Some(b)] => b - a,
            [None, _] => Decimal::NEGATIVE_ONE,
            [_, None] => Decimal::ONE,
        })
    })?;
    // The crossing is where `now` stops being dearer: diff(lo) > 0, crossed where diff ≤ 0.
    Ok(found.map(|k| Crossing {
        fixed: fixed.to_vec(),
        at: (lo + k * resolution).normalize(),
        before: columns[was].pattern().id,
        after: columns[now].pattern().id,
    }))
}

/// Feeds two sinks: the chosen format and the chart.
pub struct Tee<'a>(pub &'a mut dyn Sink, pub &'a mut dyn Sink);

impl Sink for Tee<'_> {
    fn begin(&mut self, keys: &[&str], columns: &[Column]) -> std::io::Result<()> {
        self.0.begin(keys, columns)?;
        self.1.begin(keys, columns)
    }
    fn row(
        &mut self,
        values: &[Decimal],
        costs: &[Option<Decimal>],
        cheapest: Option<&str>,
    ) -> std::io::Result<()> {
        self.0.row(values, costs, cheapest)?;
        self.1.row(values, costs, cheapest)
    }
    fn crossing(
        &mut self,
        keys: &[&str],
        c: &Crossing,
        costs: &[Option<Decimal>],
    ) -> std::io::Result<()> {
        self.0.crossing(keys, c, costs)?;
        self.1.crossing(keys, c, costs)
    }
    fn end(&mut self, keys: &[&str], crossings: &[Crossing]) -> std::io::Result<()> {
        self.0.end(keys, crossings)?;
        self.1.end(keys, crossings)
    }
}
