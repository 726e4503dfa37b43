//! A sweep streamed as CSV: a row per step written as it is priced, numbers formatted into one
//! reused buffer, so that a million steps cost no allocation per cell.

use std::io::{self, Write};

use super::{cents, io_error};
use crate::money::{plain, round_cents};

/// Streams a sweep as CSV: the varied keys, one column per pattern, the cheapest; a row at each
/// exact break-even point too, marked in the `event` column, so the file stays sorted and
/// numeric for charts.
pub struct SweepCsv<W: Write> {
    w: ::csv::Writer<W>,
    cell: Vec<u8>,
    /// The usage profile whose rows are being written, when the sweep walks several: then a
    /// last `profile` column names it.
    profile: Option<String>,
}

impl<W: Write> SweepCsv<W> {
    pub fn new(out: W) -> Self {
        SweepCsv {
            w: ::csv::WriterBuilder::new()
                .terminator(::csv::Terminator::CRLF)
                .from_writer(out),
            cell: Vec::with_capacity(40),
            profile: None,
        }
    }

    /// Writes one number as a field, formatted into a reused buffer.
    fn number(&mut self, d: rust_decimal::Decimal) -> io::Result<()> {
        self.cell.clear();
        crate::money::push_plain(&mut self.cell, d);
        self.w.write_field(&self.cell).map_err(io_error)
    }
}

impl<W: Write> crate::sweep::Sink for SweepCsv<W> {
    fn profile(&mut self, name: &str) -> io::Result<()> {
        self.profile = Some(name.to_owned());
        Ok(())
    }
    fn begin(&mut self, keys: &[&str], columns: &[crate::sweep::Column]) -> io::Result<()> {
        let mut head: Vec<String> = keys.iter().map(|k| (*k).to_owned()).collect();
        head.extend(columns.iter().map(|c| c.label()));
        head.push("cheapest".into());
        head.push("event".into());
        if self.profile.is_some() {
            head.push("profile".into());
        }
        self.w.write_record(&head).map_err(io_error)
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
                Some(c) => self.number(round_cents(*c))?,
                None => self.w.write_field(b"").map_err(io_error)?,
            }
        }
        self.w
            .write_field(cheapest.unwrap_or_default())
            .map_err(io_error)?;
        self.w.write_field(b"").map_err(io_error)?;
        if let Some(p) = &self.profile {
            self.w.write_field(p).map_err(io_error)?;
        }
        self.w.write_record(None::<&[u8]>).map_err(io_error)
    }
    fn crossing(
        &mut self,
        keys: &[&str],
        c: &crate::sweep::Crossing,
        costs: &[Option<rust_decimal::Decimal>],
    ) -> io::Result<()> {
        let mut rec: Vec<String> = c.fixed.iter().map(|v| plain(*v)).collect();
        rec.push(plain(c.at));
        rec.extend(costs.iter().map(|c| c.map(cents).unwrap_or_default()));
        rec.push(c.after.to_owned());
        rec.push(format!("break-even: {}", c.text(keys)));
        rec.extend(c.profile.clone());
        self.w.write_record(&rec).map_err(io_error)
    }
    fn end(&mut self, _: &[&str], _: &[crate::sweep::Crossing]) -> io::Result<()> {
        self.w.flush()
    }
}
