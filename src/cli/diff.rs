//! `apigw-cost diff BEFORE AFTER`: both sides loaded (with `--usage` traffic), each priced for
//! its own layout, the diff written in the chosen format, then `--fail-above` checked: the only
//! command whose outcome can be exit 3.

use std::path::{Path, PathBuf};

use super::request::Context;
use crate::diagnostic::Diagnostic;
use crate::diff::{Side, Threshold};
use crate::error::collect_all;
use crate::iac::Usage;
use crate::report::{Document, Format};
use crate::scenario::Scenario;
use crate::{Error, estimate_scenario, load_input, load_scenario};

/// `diff`'s arguments, checked.
pub struct DiffPlan {
    pub before: PathBuf,
    pub after: PathBuf,
    pub fail_above: Option<Threshold>,
}

pub fn diff(ctx: &Context, plan: &DiffPlan) -> Result<(), Error> {
    let usage = ctx.usage.as_ref();
    // The problems of both sides are reported together.
    let sides = collect_all([&plan.before, &plan.after], |p| {
        load_side(p, usage, ctx.profile.as_deref())
    })?;
    ctx.warn_unused_prices(sides.iter().map(|s| s.region.as_str()));
    let priced = collect_all(&sides, |s| estimate_scenario(s, &ctx.book, None, ctx.opts))?;
    let side = |i: usize| Side {
        scenario: &sides[i],
        priced: &priced[i],
    };
    let d = crate::diff::diff(side(0), side(1));
    ctx.out.document(&Document::Diff(&d))?;
    // CSV has no place for them: on standard error, as `estimate` says its warnings.
    if ctx.out.format == Format::Csv {
        let after = &sides[1].name;
        ctx.out.notes(
            d.new_warnings
                .iter()
                .map(|w| format!("warning: {after}: new: {w}")),
        );
    }
    match plan.fail_above.and_then(|t| t.exceeded(&d)) {
        Some(why) => Err(Error::Threshold(why)),
        None => Ok(()),
    }
}

/// One side of the diff, as `--profile` makes it: a scenario file, its traffic replaced by
/// `usage`'s when that is a scenario, or any input completed by `usage` as every command reads
/// it (a bill calibrates both sides alike).
fn load_side(path: &Path, usage: Option<&Usage>, profile: Option<&str>) -> Result<Scenario, Error> {
    let is_scenario = path.extension().is_some_and(|e| e == "toml") || path == Path::new("-");
    let usage_scenario = match usage {
        Some(Usage::Scenario(p)) if is_scenario => Some(p),
        _ => None,
    };
    let mut s = if usage_scenario.is_some() {
        load_scenario(path)?
    } else {
        load_input(path, usage)?
    };
    if let Some(usage) = usage_scenario {
        let u = load_scenario(usage)?;
        crate::diff::apply_usage(&mut s, &u).map_err(|broken| {
            let at = |why: &str| {
                let message = format!("the [traffic] of --usage {} does not fit: {why}", u.path);
                Diagnostic::file(&s.path, message)
                    .with_help("give a --usage file whose traffic this design can carry")
            };
            Error::Input(broken.into_iter().map(at).collect())
        })?;
    }
    crate::select_profile(s, profile)
}
