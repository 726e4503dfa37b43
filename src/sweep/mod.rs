//! `sweep`: the cost of every applicable pattern as one or two scenario keys vary, for capacity
//! planning in spreadsheets and charts. Steps are exact decimals (linear or logarithmic, whole
//! numbers for count keys); rows stream to the writer as they are computed, in flat memory; a
//! change of the cheapest pattern between two steps is located exactly by bisection.
//!
//! One file per part: `keys` (what can vary), `range` (reading `--vary`), `steps` (the values),
//! `columns` (what is priced), `price` (pricing a chunk of steps), `crossing` (break-even
//! points), `current` (where the current layout is not its pattern's), `sink` (where rows go); this file runs them, a producer thread pricing chunks while
//! this thread writes rows in order.

mod columns;
mod crossing;
mod current;
mod keys;
mod price;
mod range;
mod sink;
mod steps;

use std::sync::mpsc::{Receiver, sync_channel};
use std::thread::Scope;

use rust_decimal::Decimal;

pub use columns::Column;
pub use crossing::Crossing;
pub use current::Departure;
pub use keys::{Key, keys, keys_help};
pub use range::parse_vary;
pub use sink::{Sink, Tee};
pub use steps::Vary;

use crate::compare::NotPriced;
use crate::engine::{EngineError, Options};
use crate::pricing::PriceTable;
use crate::scenario::Scenario;
use crate::{Error, engine_error};
use crossing::{Change, cheapest, locate};
use price::{CHUNK, Pricer};
pub use price::{THREADS_VAR, threads};

/// What a sweep found besides its rows.
#[derive(Debug, Default)]
pub struct Outcome {
    /// The break-even points.
    pub crossings: Vec<Crossing>,
    /// Where the current layout is priced but is not a layout its pattern would build.
    pub departures: Vec<Departure>,
}

/// Runs the sweep of `s` over `vary` (one key, or two for a grid), feeding `sink`.
pub fn run(
    s: &Scenario,
    table: &PriceTable,
    opts: Options,
    vary: &[Vary],
    sink: &mut dyn Sink,
    progress: impl FnMut(u64),
) -> Result<Outcome, Error> {
    run_profiles(
        &[(crate::scenario::BASE, s)],
        table,
        opts,
        vary,
        sink,
        progress,
    )
}

/// Runs the sweep of each usage profile in `profiles` (name and the scenario with its values
/// written in, the base first) in turn, over one set of columns, feeding `sink`: with more than
/// one, the sink is told each profile before its rows, and every break-even point and departure
/// names its profile.
pub fn run_profiles(
    profiles: &[(&str, &Scenario)],
    table: &PriceTable,
    opts: Options,
    vary: &[Vary],
    sink: &mut dyn Sink,
    mut progress: impl FnMut(u64),
) -> Result<Outcome, Error> {
    let scenarios: Vec<&Scenario> = profiles.iter().map(|(_, s)| *s).collect();
    let first = *scenarios.first().expect("at least one scenario");
    for s in &scenarios {
        check_consumers(s, vary)?;
        crate::current_pattern(s)?;
    }
    let pricer = Pricer {
        table,
        opts: Options { lean: true, ..opts },
        threads: price::threads().map_err(Error::Usage)?,
    };
    let (columns, not_priced) = columns::columns(&scenarios, vary, pricer);
    if columns.is_empty() && !not_priced.is_empty() {
        let reasons = not_priced.iter().map(|n| n.reason.as_str());
        let what = "no pattern that applies";
        return Err(crate::compare::nothing_priced(first, table, what, reasons));
    }
    let names: Vec<&str> = vary.iter().map(|v| v.key.name).collect();
    sink.not_priced(&not_priced).map_err(write_error)?;
    let profiled = profiles.len() > 1;
    let mut found = Outcome::default();
    let mut done = 0;
    for (i, (name, s)) in profiles.iter().enumerate() {
        if profiled {
            sink.profile(name).map_err(write_error)?;
        }
        if i == 0 {
            sink.begin(&names, &columns).map_err(write_error)?;
        }
        let mut walk = Walk {
            s,
            profile: profiled.then(|| (*name).to_owned()),
            pricer,
            columns: &columns,
            inner: vary.last().expect("at least one --vary"),
            names: &names,
            sink: &mut *sink,
            work: (*s).clone(),
            found,
            done,
        };
        walk.grid(vary, &mut progress)?;
        (found, done) = (walk.found, walk.done);
    }
    progress(done);
    sink.end(&names, &found.crossings).map_err(write_error)?;
    Ok(found)
}

/// The patterns a sweep of `scenarios` (its usage profiles) over `vary` leaves out because the
/// price table cannot price them, each with what it lacks (what [`run`] hands its sink's
/// `not_priced`).
pub fn not_priced(
    scenarios: &[&Scenario],
    table: &PriceTable,
    opts: Options,
    vary: &[Vary],
) -> Vec<NotPriced> {
    let pricer = Pricer {
        table,
        opts: Options { lean: true, ..opts },
        threads: 1,
    };
    columns::columns(scenarios, vary, pricer).1
}

/// Every consumer account calls from at least one VPC, at every step (a usage error: checked
/// before anything is written).
pub fn check_consumers(s: &Scenario, vary: &[Vary]) -> Result<(), Error> {
    let t = &s.topology;
    for v in vary {
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
    Ok(())
}

/// A sink that could not take the rows (a full disk, a closed pipe).
fn write_error(e: std::io::Error) -> Error {
    Error::Write {
        what: "the sweep".into(),
        source: e,
    }
}

/// A sweep under way: what every step needs, and what the rows have produced so far.
struct Walk<'a> {
    /// The scenario as read (the profile walked), for errors.
    s: &'a Scenario,
    /// The profile's name, when the sweep walks several.
    profile: Option<String>,
    pricer: Pricer<'a>,
    columns: &'a [Column],
    /// The last varied key: the one each line walks along.
    inner: &'a Vary,
    names: &'a [&'a str],
    sink: &'a mut dyn Sink,
    /// The scenario with the keys before the last set to the current line's values.
    work: Scenario,
    found: Outcome,
    /// Steps written.
    done: u64,
}

impl Walk<'_> {
    /// Every line: one for one key; for a grid, one along the last key for each value of the
    /// first.
    fn grid(&mut self, vary: &[Vary], progress: &mut impl FnMut(u64)) -> Result<(), Error> {
        let outer: Vec<Option<Decimal>> = if vary.len() == 2 {
            vary[0].values().map(Some).collect()
        } else {
            vec![None]
        };
        for o in outer {
            if let Some(v) = o {
                vary[0].key.set(&mut self.work, v);
            }
            self.line(o.into_iter().collect(), progress)?;
        }
        Ok(())
    }

    /// One line: every step of the last key, the keys before it at `fixed`. Steps are priced a
    /// chunk at a time on every core by a producer thread while this thread writes the previous
    /// chunk's rows in order, so memory stays a few chunks whatever the sweep's length.
    fn line(&mut self, fixed: Vec<Decimal>, progress: &mut impl FnMut(u64)) -> Result<(), Error> {
        let (pricer, columns, inner) = (self.pricer, self.columns, self.inner);
        let mut values = fixed.clone();
        values.push(Decimal::ZERO);
        let mut previous: Option<(usize, Decimal)> = None;
        let current = columns::current(columns, self.s);
        let mut tracker = current::Tracker::new(current);
        let start = self.work.clone();
        std::thread::scope(|scope| {
            // Returning on an error drops the receiver, which stops the producer at its next send.
            let chunks = price_in_background(scope, start, pricer, columns, inner);
            while let Ok(priced) = chunks.recv() {
                let (steps, costs) = priced.map_err(|e| engine_error(self.s, pricer.table, e))?;
                for (&v, row) in steps.iter().zip(costs.chunks(columns.len().max(1))) {
                    let best = cheapest(row, columns, current.map(|c| c.pattern));
                    let ended = tracker.step((&self.work, &inner.key), columns, &fixed, v, row);
                    self.depart(ended)?;
                    if let (Some((was, lo)), Some(now)) = (previous, best)
                        && was != now
                    {
                        self.cross(
                            Change {
                                was,
                                now,
                                lo,
                                hi: v,
                            },
                            &fixed,
                        )?;
                    }
                    *values.last_mut().expect("one value per key") = v;
                    self.sink
                        .row(&values, row, best.map(|i| columns[i].pattern().id))
                        .map_err(write_error)?;
                    previous = best.map(|i| (i, v));
                    self.done += 1;
                }
                progress(self.done);
            }
            self.depart(tracker.finish())
        })
    }

    /// Hands a run of steps where the current layout departs from its pattern to the sink.
    fn depart(&mut self, ended: Option<Departure>) -> Result<(), Error> {
        if let Some(mut d) = ended {
            d.profile.clone_from(&self.profile);
            self.sink.departure(self.names, &d).map_err(write_error)?;
            self.found.departures.push(d);
        }
        Ok(())
    }

    /// Locates the break-even point within `change` and hands it, with every column's cost
    /// there, to the sink.
    fn cross(&mut self, change: Change, fixed: &[Decimal]) -> Result<(), Error> {
        let fail = |e| engine_error(self.s, self.pricer.table, e);
        let key = &self.inner.key;
        let found = locate(self.pricer, &self.work, self.columns, key, change, fixed);
        let Some(mut c) = found.map_err(fail)? else {
            return Ok(());
        };
        c.profile.clone_from(&self.profile);
        let mut at = self.work.clone();
        key.set(&mut at, c.at);
        let mut there = vec![None; self.columns.len()];
        self.pricer
            .columns(&at, self.columns, &mut there)
            .map_err(fail)?;
        self.sink
            .crossing(self.names, &c, &there)
            .map_err(write_error)?;
        self.found.crossings.push(c);
        Ok(())
    }
}

/// A chunk of steps and its costs (row-major, one row of cells per step).
type Priced = Result<(Vec<Decimal>, Vec<Option<Decimal>>), EngineError>;

/// Prices the steps of `inner` on `s`, a chunk at a time, on a thread of `scope`. The chunks
/// arrive in order; the channel closes after the last one or after the first error. The steps
/// themselves are worked out on a thread of their own, a chunk ahead of the pricing, so that
/// no core waits for them.
fn price_in_background<'scope, 'a: 'scope>(
    scope: &'scope Scope<'scope, '_>,
    s: Scenario,
    pricer: Pricer<'a>,
    columns: &'a [Column],
    inner: &'a Vary,
) -> Receiver<Priced> {
    let (steps_tx, steps_rx) = sync_channel::<Vec<Decimal>>(1);
    // Returns when the steps end or the pricing stops taking them (its receiver dropped).
    scope.spawn(move || {
        let mut steps = inner.values();
        loop {
            let chunk: Vec<Decimal> = steps.by_ref().take(CHUNK).collect();
            if chunk.is_empty() || steps_tx.send(chunk).is_err() {
                break;
            }
        }
    });
    let (tx, rx) = sync_channel::<Priced>(2);
    scope.spawn(move || {
        while let Ok(chunk) = steps_rx.recv() {
            let priced = pricer.chunk(&s, columns, &inner.key, &chunk);
            let failed = priced.is_err();
            if tx.send(priced.map(|costs| (chunk, costs))).is_err() || failed {
                break;
            }
        }
    });
    rx
}
