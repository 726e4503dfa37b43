//! `apigw-cost validate`: every scenario file checked to the end (syntax, keys, Region, and the
//! layout priced when it has one), the problems of all files reported together.

use std::path::PathBuf;

use super::request::Context;
use crate::error::collect_all;
use crate::report::Document;
use crate::{Error, estimate_scenario, load_scenario, table_for};

pub fn validate(ctx: &Context, scenarios: &[PathBuf]) -> Result<(), Error> {
    let valid = collect_all(scenarios, |path| {
        let s = load_scenario(path)?;
        table_for(&s, &ctx.book)?;
        if s.layout.is_some() {
            estimate_scenario(&s, &ctx.book, None, ctx.opts)?;
        }
        Ok(s.path)
    })?;
    ctx.out.document(&Document::Validated(valid))
}
