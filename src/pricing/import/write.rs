//! Writing an imported price table as TOML in the shipped tables' format, with a header that
//! names every file read and every item not imported, checked by reading it back the way
//! `--prices` will.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use super::Imported;
use crate::component::Component;
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::pricing::{Price, Rate, parse_table};

/// A TOML basic string.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text for a comment line: no line breaks or control characters.
fn comment(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn dec(d: Decimal) -> String {
    quoted(&d.normalize().to_string())
}

impl Imported {
    /// The price table as TOML, in the format of the shipped tables (`pricing/*.toml`).
    pub fn to_toml(&self) -> String {
        let t = &self.table;
        let mut out = String::new();
        self.write_header(&mut out);
        let _ = writeln!(out, "region = {}", quoted(&t.region));
        let _ = writeln!(out, "currency = {}", quoted(&t.currency));
        for c in Component::ALL.iter().filter(|c| c.price_item() == **c) {
            if let Some(p) = t.get(*c) {
                write_price(&mut out, *c, p);
            }
        }
        out
    }

    /// The comment at the top: what the table is, the files it came from, what is missing.
    fn write_header(&self, out: &mut String) {
        let _ = writeln!(
            out,
            "# Price table for {}, imported by `apigw-cost prices import` from AWS Price List bulk",
            comment(&self.table.region)
        );
        out.push_str(
            "# offer files. USD, on-demand list prices. Each item's `source` names the offer, its version and\n\
             # publication date, the usage type, SKU and rate codes it came from; `effective_date` is the\n\
             # rate's EffectiveDate. AWS prices requests, messages, minutes, queries and calls per unit; this\n\
             # table prices them per million (price × 1,000,000, tier edges ÷ 1,000,000, exactly).\n\
             #\n# Files:\n",
        );
        for f in &self.files {
            let _ = writeln!(
                out,
                "#   {} version {}, published {} ({})",
                comment(&f.offer),
                comment(&f.version),
                comment(&f.published),
                comment(&f.path)
            );
        }
        if !self.missing.is_empty() {
            out.push_str(
                "#\n# Not in these files, so not imported (the engine reports them missing; never guessed):\n",
            );
            for m in &self.missing {
                let _ = writeln!(out, "#   {}: {}", m.item, comment(&m.reason));
            }
        }
        out.push_str(
            "#\n# No [free_tier]: the Price List files do not state API Gateway's free tier (see the shipped\n\
             # tables and the API Gateway pricing page).\n\n",
        );
    }

    /// The table as TOML, checked by reading it back the way `--prices` will.
    pub fn to_checked_toml(&self) -> Result<String, Error> {
        let text = self.to_toml();
        match parse_table("imported table", &text) {
            Ok(back) if back.items == self.table.items => Ok(text),
            Ok(_) => Err(Error::Input(vec![Diagnostic::file(
                "imported table",
                "internal error: the imported table does not read back the same; please report it",
            )])),
            Err(mut d) => {
                for x in &mut d {
                    x.message = format!("internal error, please report it: {}", x.message);
                }
                Err(Error::Input(d))
            }
        }
    }

    /// Lines for standard error: what was not imported and anything to review.
    pub fn notes(&self) -> Vec<String> {
        let mut out = Vec::new();
        let (have, all) = self.table.completeness();
        out.push(format!(
            "note: imported {have} of {all} price items for {} from {} file{}",
            self.table.region,
            self.files.len(),
            if self.files.len() == 1 { "" } else { "s" }
        ));
        if !self.missing.is_empty() {
            out.push(format!(
                "note: not in these files, so not imported (never guessed): {}",
                self.missing
                    .iter()
                    .map(|m| m.item.id())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
            for m in &self.missing {
                out.push(format!("  {}: {}", m.item, m.reason));
            }
        }
        for w in &self.warnings {
            out.push(format!("warning: {w}"));
        }
        out
    }
}

/// One `[prices.<item>]` section.
fn write_price(out: &mut String, c: Component, p: &Price) {
    let _ = writeln!(out, "\n[prices.{}]", c.id());
    let _ = writeln!(out, "unit = {}", quoted(c.unit()));
    write_rate(out, &p.rate);
    let _ = writeln!(out, "source = {}", quoted(&p.source));
    let _ = writeln!(out, "effective_date = {}", quoted(&p.effective_date));
}

/// `price = ...`, `tiers = [...]` or `sizes = [...]`.
fn write_rate(out: &mut String, rate: &Rate) {
    match rate {
        Rate::Flat(price) => {
            let _ = writeln!(out, "price = {}", dec(*price));
        }
        Rate::Tiered(tiers) => {
            out.push_str("tiers = [\n");
            for tier in tiers {
                let _ = match tier.up_to {
                    Some(u) => writeln!(
                        out,
                        "  {{ up_to = {}, price = {} }},",
                        dec(u),
                        dec(tier.price)
                    ),
                    None => writeln!(out, "  {{ price = {} }},", dec(tier.price)),
                };
            }
            out.push_str("]\n");
        }
        Rate::Sizes(sizes) => {
            out.push_str("sizes = [\n");
            for (gb, price) in sizes {
                let _ = writeln!(out, "  {{ gb = {}, price = {} }},", dec(*gb), dec(*price));
            }
            out.push_str("]\n");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_strings_are_escaped() {
        assert_eq!(quoted("a \"b\" \\ c\n"), "\"a \\\"b\\\" \\\\ c\\u000A\"");
    }
}
