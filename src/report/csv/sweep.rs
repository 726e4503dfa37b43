//! A sweep streamed as CSV: a row per step written as it is priced, numbers formatted into one
//! reused buffer, so that a million steps cost no allocation per cell.

use std::io::{self, Write};

use super::{cents, io_error};
use crate::money::{plain, round_cents};

/// Streams a sweep as CSV: the varied keys, one column per pattern, the cheapest; a row at each
/// exact break-even point too, marked in the `event` column, so the file stays sorted and
/// numeric for charts.
///
/// A step's row is numbers and a pattern id, none of which CSV ever quotes: it is written
/// straight into a reused line buffer. Rows with text (the header, break-evens, a profile's
/// name) go through the `csv` crate's quoting, into the same stream.
pub struct SweepCsv<W: Write> {
    out: io::BufWriter<W>,
    line: Vec<u8>,
    /// The usage profile whose rows are being written, when the sweep walks several: then a
    /// last `profile` column names it, here as the field CSV writes (quoted if it must be).
    profile: Option<Vec<u8>>,
}

impl<W: Write> SweepCsv<W> {
    pub fn new(out: W) -> Self {
        SweepCsv {
            out: io::BufWriter::with_capacity(64 * 1024, out),
            line: Vec::with_capacity(256),
            profile: None,
        }
    }

    /// Writes one record of text fields, quoted as CSV needs.
    fn record<T: AsRef<[u8]>>(&mut self, fields: &[T]) -> io::Result<()> {
        let bytes = record_bytes(fields)?;
        self.out.write_all(&bytes)
    }
}

/// One CSV record (CRLF-terminated), each field quoted only where it must be.
fn record_bytes<T: AsRef<[u8]>>(fields: &[T]) -> io::Result<Vec<u8>> {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(fields).map_err(io_error)?;
    w.into_inner().map_err(|e| e.into_error())
}

impl<W: Write> crate::sweep::Sink for SweepCsv<W> {
    fn profile(&mut self, name: &str) -> io::Result<()> {
        let mut field = record_bytes(&[name])?;
        field.truncate(field.len() - 2); // the CRLF
        self.profile = Some(field);
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
        self.record(&head)
    }
    fn row(
        &mut self,
        values: &[rust_decimal::Decimal],
        costs: &[Option<rust_decimal::Decimal>],
        cheapest: Option<&str>,
    ) -> io::Result<()> {
        let line = &mut self.line;
        line.clear();
        for v in values {
            crate::money::push_plain(line, *v);
            line.push(b',');
        }
        for c in costs {
            if let Some(c) = c {
                crate::money::push_plain(line, round_cents(*c));
            }
            line.push(b',');
        }
        // A pattern id (letters, digits and dashes), then the empty event.
        line.extend_from_slice(cheapest.unwrap_or_default().as_bytes());
        line.push(b',');
        if let Some(p) = &self.profile {
            line.push(b',');
            line.extend_from_slice(p);
        }
        line.extend_from_slice(b"\r\n");
        self.out.write_all(line)
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
        self.record(&rec)
    }
    fn end(&mut self, _: &[&str], _: &[crate::sweep::Crossing]) -> io::Result<()> {
        self.out.flush()
    }
}
