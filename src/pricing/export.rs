//! A price table written back as a price table file: `prices show REGION --format toml` prints
//! the table in use (embedded, or with `--prices` laid over it) so that a user of an installed
//! binary can copy one `[prices.<item>]` section, fix it and pass it with `--prices`.

use std::fmt::Write as _;

use super::import::write::{dec, quoted, write_price};
use super::{PriceTable, parse_table, price_items};
use crate::diagnostic::Diagnostic;
use crate::error::Error;

impl PriceTable {
    /// The table as a price table file, in the shipped tables' format, with a header saying
    /// where it came from and what it lacks.
    pub fn to_toml(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# Price table for {}, from {},\n# printed by `apigw-cost prices show {} --format toml`.",
            self.region, self.origin, self.region
        );
        if let Some((file, items)) = &self.overlay {
            let ids: Vec<&str> = items.iter().map(|c| c.id()).collect();
            let _ = writeln!(out, "# From the --prices file {file}: {}.", ids.join(", "));
        }
        out.push_str(
            "# A file holding only some [prices.<item>] sections, passed with --prices FILE, adds to\n\
             # and overrides the embedded table of its Region item by item.\n",
        );
        let missing: Vec<&str> = self.missing().iter().map(|c| c.id()).collect();
        if !missing.is_empty() {
            let _ = writeln!(out, "# Not in this table: {}.", missing.join(", "));
        }
        let _ = writeln!(out, "\nregion = {}", quoted(&self.region));
        let _ = writeln!(out, "currency = {}", quoted(&self.currency));
        if !self.free_tier.allowances.is_empty() {
            out.push_str("\n[free_tier]\n");
            let _ = writeln!(out, "source = {}", quoted(&self.free_tier.source));
            for (c, amount) in &self.free_tier.allowances {
                let _ = writeln!(out, "{} = {}", c.id(), dec(*amount));
            }
        }
        for c in price_items() {
            if let Some(p) = self.get(c) {
                write_price(&mut out, c, p);
            }
        }
        out
    }

    /// [`Self::to_toml`], checked by reading it back the way `--prices` will: the same prices
    /// and free tier, or an internal error (never a file that would price differently).
    pub fn to_checked_toml(&self) -> Result<String, Error> {
        let text = self.to_toml();
        match parse_table("printed table", &text) {
            Ok(back) if back.items == self.items && back.free_tier == self.free_tier => Ok(text),
            _ => Err(Error::Input(vec![Diagnostic::file(
                &self.origin,
                "internal error: the table does not read back the same as TOML; please report it",
            )])),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::pricing::{PriceBook, parse_table};

    #[test]
    fn every_embedded_table_prints_as_a_file_that_reads_back_the_same() {
        for table in PriceBook::embedded().tables.values() {
            let text = table.to_checked_toml().unwrap();
            let back = parse_table("back.toml", &text).unwrap();
            assert_eq!(back.region, table.region);
            assert_eq!(back.items, table.items, "{}", table.region);
        }
    }
}
