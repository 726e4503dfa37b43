//! `apigw-cost compare`: every applicable pattern priced for each scenario, cheapest first, and
//! the reason each other pattern does not apply.

use std::path::PathBuf;

use super::estimate::{each_profile, price_and_write};
use super::request::Context;
use crate::compare::compare as compare_patterns;
use crate::error::finish;
use crate::report::{Kind, ScenarioReport};
use crate::{Error, table_for};

pub fn compare(ctx: &Context, scenarios: &[PathBuf]) -> Result<(), Error> {
    let (loaded, mut bad) = ctx.load(scenarios)?;
    ctx.warn_unused_prices(loaded.iter().map(|s| s.region.as_str()));
    // The problems of every scenario are reported together, after the others' reports, as
    // `estimate` does.
    let mut not_priced = Vec::new();
    let unpriced = price_and_write(ctx, Kind::Compare, &loaded, |s| {
        let cmp = compare_patterns(s, &ctx.book, ctx.opts)?;
        not_priced.push((s, cmp.not_priced()));
        let prices = table_for(s, &ctx.book)?.provenance();
        let profiles = each_profile(s, |p| {
            Ok(compare_patterns(p, &ctx.book, ctx.opts)?.estimates)
        })?;
        Ok(ScenarioReport::compared(s, cmp, prices).with_profiles(profiles))
    })?;
    bad.extend(unpriced);
    let lines = not_priced
        .iter()
        .flat_map(|(s, list)| ctx.out.not_priced_lines(s, "comparison", list));
    ctx.out.notes(super::once::once_per_run(lines));
    finish(bad)
}
