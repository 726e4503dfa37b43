//! `apigw-cost recommend`: the cheapest layouts under each scenario's `[requirements]`, each
//! change against the current layout explained.

use std::path::PathBuf;

use super::request::Context;
use crate::report::Document;
use crate::{Error, load_scenarios};

pub fn recommend(ctx: &Context, scenarios: &[PathBuf], top: usize) -> Result<(), Error> {
    let loaded = load_scenarios(scenarios)?;
    ctx.warn_unused_prices(loaded.iter().map(|s| s.region.as_str()));
    let mut items = Vec::with_capacity(loaded.len());
    for s in &loaded {
        items.push((s, crate::recommend::recommend(s, &ctx.book, ctx.opts, top)?));
    }
    ctx.out.document(&Document::Recommend(items))
}
