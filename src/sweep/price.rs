//! Pricing the sweep's steps: every column at one step (each distinct layout priced once), and a
//! chunk of steps spread over the cores. Costs only: the engine runs lean.

use rust_decimal::Decimal;

use super::columns::Column;
use super::keys::Key;
use crate::architecture::Layout;
use crate::engine::{self, EngineError, Options};
use crate::pricing::PriceTable;
use crate::scenario::Scenario;

/// Steps priced per batch; bounds memory whatever the sweep's length.
pub(super) const CHUNK: usize = 4096;

/// Steps a thread takes at a time from a chunk: small enough that the threads finish a chunk
/// together, large enough that taking one costs nothing beside pricing it.
const BATCH: usize = 128;

/// The environment variable that sets how many threads price a sweep's steps.
pub const THREADS_VAR: &str = "APIGW_COST_THREADS";

/// The price table and engine options every step is priced with, and how many threads share
/// a chunk of steps.
#[derive(Clone, Copy)]
pub(super) struct Pricer<'a> {
    pub table: &'a PriceTable,
    pub opts: Options,
    pub threads: usize,
}

/// The threads that price steps: `APIGW_COST_THREADS` when set (a whole number from 1), else
/// one per core. The rows are the same whatever the number.
pub fn threads() -> Result<usize, String> {
    match std::env::var(THREADS_VAR) {
        Err(_) => Ok(std::thread::available_parallelism().map_or(1, |n| n.get())),
        Ok(v) => v
            .trim()
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=1024).contains(n))
            .ok_or_else(|| {
                format!(
                    "{THREADS_VAR} must be a whole number of threads from 1 to 1024, found `{v}`"
                )
            }),
    }
}

impl Pricer<'_> {
    /// Each column's monthly cost for `s` into `costs` (`None`: the pattern does not apply, or
    /// the volume lies beyond the price table's tiers).
    pub fn columns(
        &self,
        s: &Scenario,
        columns: &[Column],
        costs: &mut [Option<Decimal>],
    ) -> Result<(), EngineError> {
        let charges = engine::Charges::new(self.table);
        self.columns_with(s, columns, costs, &mut Resolved::default(), &charges)
    }

    /// [`Pricer::columns`] with the columns' layouts resolved into `layouts`, buffers the caller
    /// reuses from step to step.
    fn columns_with(
        &self,
        s: &Scenario,
        columns: &[Column],
        costs: &mut [Option<Decimal>],
        layouts: &mut Resolved,
        charges: &engine::Charges<'_>,
    ) -> Result<(), EngineError> {
        layouts.resolve(columns, s);
        self.resolved(s, layouts, costs, charges)
    }

    /// Each column's cost for `s`, its layout (`None`: its pattern does not apply) already
    /// resolved. Several patterns often resolve to the same layout (R1, R2 and R5 for an ECS
    /// backend): a column takes the cost of the first with its layout ([`Resolved::first`]), so
    /// each distinct layout is priced once, and what the layouts share is worked out once.
    /// A charge whose quantity it had before (at this step or an earlier one of this thread) is
    /// not priced again but taken from `charges`.
    fn resolved(
        &self,
        s: &Scenario,
        r: &Resolved,
        costs: &mut [Option<Decimal>],
        charges: &engine::Charges<'_>,
    ) -> Result<(), EngineError> {
        let memo = engine::Memo::with_charges(s, charges);
        for (i, layout) in r.layouts.iter().enumerate() {
            costs[i] = match layout {
                None => None,
                Some(l) if r.first[i] == i => self.total(&memo, l)?,
                Some(_) => costs[r.first[i]],
            };
        }
        Ok(())
    }

    /// Prices one batch of steps into `cells` (one row of `columns.len()` per step). Where no
    /// layout depends on `key`, the columns' layouts are resolved once, at the batch's first
    /// step, and priced at every step; else every step resolves them.
    fn batch(
        &self,
        work: &mut Scenario,
        (columns, key): (&[Column], &Key),
        steps: &[Decimal],
        cells: &mut [Option<Decimal>],
        (layouts, charges): (&mut Resolved, &engine::Charges<'_>),
    ) -> Result<(), EngineError> {
        let rows = steps.iter().zip(cells.chunks_mut(columns.len()));
        match steps.first() {
            Some(first) if key.keeps_layouts => {
                key.set(work, *first);
                layouts.resolve(columns, work);
                for (v, row) in rows {
                    key.set(work, *v);
                    self.resolved(work, layouts, row, charges)?;
                }
            }
            _ => {
                for (v, row) in rows {
                    key.set(work, *v);
                    self.columns_with(work, columns, row, layouts, charges)?;
                }
            }
        }
        Ok(())
    }

    /// One layout's monthly cost; `None` beyond the price table's tiers.
    fn total(&self, memo: &engine::Memo, layout: &Layout) -> Result<Option<Decimal>, EngineError> {
        match engine::monthly_cost_shared(memo, layout, self.table, self.opts) {
            Ok(c) => Ok(Some(c)),
            Err(EngineError::BeyondTiers { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Prices every column at each step of `chunk` (row-major: one row of `columns.len()` cells
    /// per step), `key` set to the step's value, over the cores: each thread takes the next
    /// batch of steps as it finishes one, so a thread whose steps price faster never idles while
    /// another still works.
    pub fn chunk(
        &self,
        s: &Scenario,
        columns: &[Column],
        key: &Key,
        chunk: &[Decimal],
    ) -> Result<Vec<Option<Decimal>>, EngineError> {
        let width = columns.len();
        let mut out = vec![None; chunk.len() * width];
        if width == 0 {
            return Ok(out);
        }
        let threads = self.threads.min(chunk.len().div_ceil(BATCH)).max(1);
        let batches = chunk.chunks(BATCH).zip(out.chunks_mut(BATCH * width));
        let batches = std::sync::Mutex::new(batches.enumerate());
        // A thread stops at its batch's first error; of several, the earliest batch's is
        // reported, so the error is the same whatever the number of threads.
        let failed = std::thread::scope(|scope| {
            let work = || -> Option<(usize, EngineError)> {
                let mut work = s.clone();
                let mut layouts = Resolved::default();
                let charges = engine::Charges::new(self.table);
                loop {
                    let next = batches.lock().unwrap_or_else(|e| e.into_inner()).next();
                    let (i, (steps, cells)) = next?;
                    let buffers = (&mut layouts, &charges);
                    if let Err(e) = self.batch(&mut work, (columns, key), steps, cells, buffers) {
                        return Some((i, e));
                    }
                }
            };
            let handles: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
            // This thread works too, rather than waiting.
            let mine = work();
            handles
                .into_iter()
                .map(|h| h.join().expect("a pricing thread panicked"))
                .chain([mine])
                .flatten()
                .min_by_key(|(i, _)| *i)
        });
        match failed {
            Some((_, e)) => Err(e),
            None => Ok(out),
        }
    }
}

/// The columns' layouts at one step, and for each column the first column with its layout:
/// buffers reused from step to step, so that a step allocates nothing of its own.
#[derive(Default)]
struct Resolved {
    layouts: Vec<Option<Layout>>,
    first: Vec<usize>,
}

impl Resolved {
    /// The layout of each of `columns` for `s`.
    fn resolve(&mut self, columns: &[Column], s: &Scenario) {
        self.layouts.clear();
        self.layouts.extend(columns.iter().map(|c| c.layout(s)));
        let l = &self.layouts;
        self.first.clear();
        self.first
            .extend((0..l.len()).map(|i| l[..i].iter().position(|m| *m == l[i]).unwrap_or(i)));
    }
}
