//! `apigw-cost recommend`: the cheapest layouts under each scenario's `[requirements]`, each
//! change against the current layout explained.

use std::path::PathBuf;

use super::request::Context;
use crate::Error;
use crate::error::{finish, partition_all};
use crate::report::Document;

pub fn recommend(ctx: &Context, scenarios: &[PathBuf], top: usize) -> Result<(), Error> {
    let (loaded, mut bad) = ctx.load(scenarios)?;
    ctx.warn_unused_prices(loaded.iter().map(|s| s.region.as_str()));
    // The problems of every scenario are reported together, after the others' reports, as
    // `estimate` does.
    let (items, unpriced) = partition_all(&loaded, |s| {
        let mut advice = crate::recommend::recommend(s, &ctx.book, ctx.opts, top)?;
        advice.profiles = crate::recommend::across(s, &advice, &ctx.book, ctx.opts)?;
        Ok((s, advice))
    })?;
    bad.extend(unpriced);
    if items.is_empty() {
        return finish(bad);
    }
    let notes = super::once::once_per_run(items.iter().flat_map(|(s, a)| {
        ctx.out
            .not_priced_lines(s, "recommendations", &a.not_priced)
    }));
    ctx.out.document(&if ctx.out.totals {
        Document::RecommendTotals(items)
    } else {
        Document::Recommend(items)
    })?;
    ctx.out.notes(notes);
    finish(bad)
}
