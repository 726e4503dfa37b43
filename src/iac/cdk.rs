//! A CDK cloud assembly (`cdk.out/`): its `manifest.json` names each stack's template (and
//! nested assemblies of CDK stages); each template is read as CloudFormation, with the stack's
//! Region from its environment when CDK knows it.

use std::collections::HashMap;
use std::path::Path;

use serde_json::Value as Json;

use super::ScanOptions;
use super::cloudformation::{self, Place};
use super::graph::Estate;
use crate::Error;
use crate::derived::Origin;
use crate::diagnostic::Diagnostic;

/// Assemblies nested deeper than this are refused.
const MAX_DEPTH: usize = 4;

/// Whether a JSON document is a cloud assembly manifest.
pub fn looks_like(doc: &Json) -> bool {
    doc.get("artifacts").is_some() && doc.get("version").is_some()
}

/// Reads the assembly whose manifest is `manifest`.
pub fn read(manifest: &Path, opts: &ScanOptions, estate: &mut Estate) -> Result<(), Error> {
    read_at(manifest, opts, estate, 0)
}

fn read_at(
    manifest: &Path,
    opts: &ScanOptions,
    estate: &mut Estate,
    depth: usize,
) -> Result<(), Error> {
    let name = manifest.display().to_string();
    let text = super::read_text(manifest)?;
    let doc: Json = serde_json::from_str(&text).map_err(|e| {
        let d = super::tree::located(&name, e.line(), e.column(), format!("invalid JSON: {e}"));
        Error::Input(vec![d])
    })?;
    let dir = manifest.parent().unwrap_or(Path::new("."));
    let artifacts = doc.get("artifacts").and_then(Json::as_object);
    for (id, art) in artifacts.into_iter().flatten() {
        let props = art.get("properties");
        let prop = |k: &str| props.and_then(|p| p.get(k)).and_then(Json::as_str);
        match art.get("type").and_then(Json::as_str) {
            Some("aws:cloudformation:stack") => {
                let Some(template) = prop("templateFile") else {
                    continue;
                };
                let region = environment_region(art).or(opts.region.clone());
                if let Some(r) = environment_region(art) {
                    estate.regions.push((
                        r,
                        Origin::new(name.clone(), None, id, "CDK stack environment"),
                    ));
                }
                let path = inside(&name, dir, template)?;
                let mut tree = super::read_tree(&path)?;
                let place = Place {
                    root: dir,
                    region: region.as_deref(),
                };
                cloudformation::read(&path, &mut tree, &place, HashMap::new(), estate, 0)?;
            }
            Some("cdk:cloud-assembly") if depth < MAX_DEPTH => {
                let Some(sub) = prop("directoryName") else {
                    continue;
                };
                let path = inside(&name, dir, sub)?;
                read_at(&path.join("manifest.json"), opts, estate, depth + 1)?;
            }
            _ => {}
        }
    }
    Ok(())
}

/// `aws://123456789012/eu-west-1` → `eu-west-1`, unless CDK left it open.
fn environment_region(art: &Json) -> Option<String> {
    let env = art.get("environment")?.as_str()?;
    let region = env.rsplit('/').next()?;
    (!region.is_empty() && region != "unknown-region").then(|| region.to_owned())
}

/// A file the manifest names, refused when it leaves the assembly's folder.
fn inside(manifest: &str, dir: &Path, file: &str) -> Result<std::path::PathBuf, Error> {
    let refuse = |why: &str| {
        Error::Input(vec![Diagnostic::file(
            manifest,
            format!("`{file}` {why}: refused"),
        )])
    };
    let real = dir
        .join(file)
        .canonicalize()
        .map_err(|_| refuse("is not readable"))?;
    let root = dir.canonicalize().map_err(|e| Error::io(dir, e))?;
    if !real.starts_with(root) {
        return Err(refuse("escapes the assembly's folder"));
    }
    Ok(dir.join(file))
}
