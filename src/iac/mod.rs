//! Infrastructure as code read into a scenario (`apigw-cost scan`): one reader per format
//! ([`terraform`], [`cloudformation`] with [`sam`], [`cdk`]) builds one resource graph
//! ([`graph`]); [`recognise`] finds the pattern in it and [`keys`] the keys the code fixes, each
//! with its provenance; [`scenario`] writes the result as a scenario, with `--usage` supplying
//! what code cannot say. [`load_input`] is the one door every pricing command reads through.

pub mod cdk;
pub mod cloudformation;
mod consumers;
mod families;
pub mod graph;
mod intrinsics;
mod keys;
mod links;
mod located;
mod onprem;
mod policy;
pub mod recognise;
mod regions;
mod resources;
pub mod sam;
pub mod scenario;
pub mod terraform;
mod tf_address;
pub mod tree;
pub mod usage;
mod variant;
mod yaml;

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::Error;
use crate::diagnostic::Diagnostic;
use graph::Estate;
pub use scenario::{Scan, load_input, load_input_noted, scan};
pub use usage::Usage;

/// What `scan` is told besides the paths.
#[derive(Debug, Clone, Default)]
pub struct ScanOptions {
    /// The Region templates deploy to (`AWS::Region`), when they do not say.
    pub region: Option<String>,
}

/// Whether a path is something `scan` reads rather than a scenario file: a folder, or a file
/// that is not TOML.
pub fn is_iac(path: &Path) -> bool {
    let toml = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    path.is_dir() || (!toml && path != Path::new("-"))
}

/// Reads every path into one estate: a folder is every template in it (a CDK assembly when it
/// holds `manifest.json`), a file is told apart by content.
pub fn read_estate(paths: &[PathBuf], opts: &ScanOptions) -> Result<Estate, Error> {
    let mut estate = Estate::default();
    for path in paths {
        if path.is_dir() {
            read_dir(path, opts, &mut estate)?;
        } else {
            read_file(
                path,
                path.parent().unwrap_or(Path::new(".")),
                opts,
                &mut estate,
            )?;
        }
    }
    links::list_unpriced(&mut estate);
    Ok(estate)
}

fn read_dir(dir: &Path, opts: &ScanOptions, estate: &mut Estate) -> Result<(), Error> {
    if dir.join("manifest.json").is_file() {
        return cdk::read(&dir.join("manifest.json"), opts, estate);
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| ["json", "yaml", "yml", "template"].contains(&e))
        })
        .collect();
    files.sort();
    for f in files {
        read_file(&f, dir, opts, estate)?;
    }
    Ok(())
}

/// Reads one file of any format, by its content.
fn read_file(
    path: &Path,
    root: &Path,
    opts: &ScanOptions,
    estate: &mut Estate,
) -> Result<(), Error> {
    let text = read_text(path)?;
    let name = path.display().to_string();
    if text.trim_start().starts_with('{') {
        // Text that opens as JSON is JSON: its own error, not the YAML reader's.
        if tree::json_values(&text) > tree::MAX_VALUES {
            return Err(Error::Input(vec![tree::too_many_values(&name)]));
        }
        let json: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
            let what = e.to_string();
            let what = what.split(" at line ").next().unwrap_or_default();
            let at = tree::located(
                &name,
                e.line(),
                e.column().max(1),
                format!("invalid JSON: {what}"),
            );
            Error::Input(vec![at])
        })?;
        if terraform::looks_like(&json) {
            terraform::read(&name, &text, &json, estate);
            return Ok(());
        }
        if cdk::looks_like(&json) {
            return cdk::read(path, opts, estate);
        }
    }
    let mut doc = tree::parse_yaml(&name, &text).map_err(|d| Error::Input(vec![d]))?;
    if !cloudformation::looks_like(&doc) {
        estate.warnings.push(format!(
            "{name}: not read: neither a CloudFormation template, a Terraform plan nor a CDK manifest"
        ));
        return Ok(());
    }
    let place = cloudformation::Place {
        root,
        region: opts.region.as_deref(),
    };
    cloudformation::read(path, &mut doc, &place, HashMap::new(), estate, 0)
}

/// A template's text, refused past [`tree::MAX_BYTES`].
pub fn read_text(path: &Path) -> Result<String, Error> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    // Sized once from the file's length: growing by doubling would hold up to twice the text
    // (and both copies while it moves).
    let size = file.metadata().map_or(0, |m| m.len()).min(tree::MAX_BYTES) + 1;
    let mut text = String::with_capacity(usize::try_from(size).unwrap_or(0));
    let read = file
        .take(tree::MAX_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(|e| Error::io(path, e))?;
    if read as u64 > tree::MAX_BYTES {
        let name = path.display().to_string();
        return Err(Error::Input(vec![
            Diagnostic::file(
                &name,
                format!(
                    "larger than {} MiB: refused (reading it would take over 100 MB of memory)",
                    tree::MAX_BYTES >> 20
                ),
            )
            .with_help("scan the plan of one stack or module at a time, or each nested template"),
        ]));
    }
    Ok(text)
}

/// One file read as a tree (a nested stack, an included file, a CDK template).
pub fn read_tree(path: &Path) -> Result<tree::Node, Error> {
    let text = read_text(path)?;
    tree::parse_yaml(&path.display().to_string(), &text).map_err(|d| Error::Input(vec![d]))
}
