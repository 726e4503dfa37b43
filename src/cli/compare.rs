//! `apigw-cost compare`: every applicable pattern priced for each scenario, cheapest first, and
//! the reason each other pattern does not apply.

use std::path::PathBuf;

use super::request::Context;
use crate::compare::compare as compare_patterns;
use crate::error::collect_all;
use crate::report::{Document, Format, Kind, ScenarioReport};
use crate::{Error, load_scenarios, table_for};

pub fn compare(ctx: &Context, scenarios: &[PathBuf]) -> Result<(), Error> {
    let loaded = load_scenarios(scenarios)?;
    ctx.warn_unused_prices(loaded.iter().map(|s| s.region.as_str()));
    // The problems of every scenario are reported together, as `estimate` does.
    let reports = collect_all(&loaded, |s| {
        let cmp = compare_patterns(s, &ctx.book, ctx.opts)?;
        Ok(ScenarioReport {
            scenario: s,
            estimates: cmp.estimates,
            not_applicable: cmp.not_applicable,
            current: cmp.current,
            prices: table_for(s, &ctx.book)?.provenance(),
        })
    })?;
    if ctx.out.format == Format::Xlsx {
        let table = table_for(reports[0].scenario, &ctx.book)?;
        return ctx
            .out
            .workbook(Kind::Compare, &reports[0], table, ctx.opts);
    }
    ctx.out.document(&Document::Estimates {
        kind: Kind::Compare,
        scenarios: reports,
        totals: ctx.out.totals,
    })
}
