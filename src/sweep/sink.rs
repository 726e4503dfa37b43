//! Where a sweep's results go as they are computed: the [`Sink`] every output format implements
//! (rows stream through it, so a sweep's memory stays flat), and [`Tee`] to feed two at once.

use rust_decimal::Decimal;

use super::columns::Column;
use super::crossing::Crossing;
use super::current::Departure;
use crate::compare::NotPriced;

/// Receives the sweep as it is computed.
pub trait Sink {
    /// Before `begin`: the patterns left out because the price table cannot price them, each
    /// with what it lacks (often none).
    fn not_priced(&mut self, list: &[NotPriced]) -> std::io::Result<()> {
        let _ = list;
        Ok(())
    }
    /// When the sweep walks several usage profiles: the profile whose rows, break-even points
    /// and departures follow, told before `begin` (so that a sink can add a profile column) and
    /// again before each next profile's rows. Never called for a sweep of one scenario.
    fn profile(&mut self, name: &str) -> std::io::Result<()> {
        let _ = name;
        Ok(())
    }
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
    /// A run of steps where the current layout is priced but is not a layout its pattern would
    /// build (so it is not named cheapest there), once the run is over.
    fn departure(&mut self, keys: &[&str], d: &Departure) -> std::io::Result<()> {
        let _ = (keys, d);
        Ok(())
    }
    /// The sweep is over; `crossings` are all its break-even points.
    fn end(&mut self, keys: &[&str], crossings: &[Crossing]) -> std::io::Result<()> {
        let _ = (keys, crossings);
        Ok(())
    }
}

/// Feeds two sinks: the chosen format and the chart.
pub struct Tee<'a>(pub &'a mut dyn Sink, pub &'a mut dyn Sink);

impl Sink for Tee<'_> {
    fn not_priced(&mut self, list: &[NotPriced]) -> std::io::Result<()> {
        self.0.not_priced(list)?;
        self.1.not_priced(list)
    }
    fn profile(&mut self, name: &str) -> std::io::Result<()> {
        self.0.profile(name)?;
        self.1.profile(name)
    }
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
    fn departure(&mut self, keys: &[&str], d: &Departure) -> std::io::Result<()> {
        self.0.departure(keys, d)?;
        self.1.departure(keys, d)
    }
    fn end(&mut self, keys: &[&str], crossings: &[Crossing]) -> std::io::Result<()> {
        self.0.end(keys, crossings)?;
        self.1.end(keys, crossings)
    }
}
