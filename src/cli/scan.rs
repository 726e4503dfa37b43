//! `apigw-cost scan`: infrastructure code read into a scenario (TOML, each derived key with its
//! origin as a comment) or into the findings as JSON; warnings and unknown keys on standard
//! error.

use std::path::PathBuf;

use super::request::Context;
use crate::Error;
use crate::iac::{ScanOptions, scan as scan_paths};
use crate::report::Format;

pub fn scan(ctx: &Context, paths: &[PathBuf], region: Option<&str>) -> Result<(), Error> {
    let opts = ScanOptions {
        region: region.map(str::to_owned),
    };
    let found = scan_paths(paths, ctx.usage.as_ref(), &opts)?;
    let text = match ctx.out.format {
        Format::Json => {
            let mut json = serde_json::to_string_pretty(&found)
                .map_err(|e| Error::Reported(format!("cannot write the scan as JSON: {e}")))?;
            json.push('\n');
            json
        }
        _ => found.text.clone(),
    };
    ctx.out.text(&text)?;
    ctx.out
        .notes(found.warnings.iter().map(|w| format!("warning: {w}")));
    ctx.out.notes(
        found
            .unknown
            .iter()
            .map(|u| format!("note: {} is not in the code: {}", u.key, u.why)),
    );
    Ok(())
}
