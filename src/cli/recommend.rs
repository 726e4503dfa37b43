//! `apigw-cost recommend`: the cheapest layouts under each scenario's `[requirements]`, each
//! change against the current layout explained.

use std::path::PathBuf;

use super::request::Context;
use crate::error::{finish, partition_all};
use crate::recommend::Advice;
use crate::report::{Document, Format, stream};
use crate::scenario::Scenario;
use crate::{Error, diagnostic::Diagnostic};

pub fn recommend(ctx: &Context, scenarios: &[PathBuf], top: usize) -> Result<(), Error> {
    let (loaded, mut bad) = ctx.load(scenarios)?;
    ctx.warn_unused_prices(loaded.iter().map(|s| s.region.as_str()));
    let advise = |s| -> Result<(&Scenario, Advice), Error> {
        let mut advice = crate::recommend::recommend(s, &ctx.book, ctx.opts, top)?;
        advice.profiles = crate::recommend::across(s, &advice, &ctx.book, ctx.opts)?;
        Ok((s, advice))
    };
    if ctx.out.format == Format::Json {
        bad.extend(stream_json(ctx, &loaded, advise)?);
        return finish(bad);
    }
    // The problems of every scenario are reported together, after the others' reports, as
    // `estimate` does.
    let (items, unpriced) = partition_all(&loaded, advise)?;
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

/// JSON: each scenario's advice written as soon as it is found, then dropped (as `estimate`
/// streams its report); the problems of the scenarios that could not be advised returned.
fn stream_json<'a>(
    ctx: &Context,
    loaded: &'a [Scenario],
    advise: impl Fn(&'a Scenario) -> Result<(&'a Scenario, Advice), Error>,
) -> Result<Vec<Diagnostic>, Error> {
    let mut json = stream::Recommendations::default();
    let mut writing = None;
    let (_, bad) = partition_all(loaded, |s| {
        let (s, advice) = advise(s)?;
        let w = match &mut writing {
            Some(w) => w,
            None => writing.insert(ctx.out.begin()?),
        };
        w.report(|out| json.scenario(s, &advice, out))
    })?;
    if let Some(mut w) = writing {
        w.report(|out| json.end(out))?;
        w.finish()?;
    }
    Ok(bad)
}
