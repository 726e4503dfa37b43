//! CloudFormation templates (JSON or YAML with the short tags) read into the resource graph:
//! parameters with their defaults, `Conditions`, mappings, nested stacks and `AWS::Include`
//! files from the template's own folder (a path that leaves it is refused), then each resource
//! through [`RESOURCES`]: a new resource type is one function and one line there.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::graph::{Estate, Part, Resource, Target, not_modelled_why};
use super::intrinsics::{Ctx, Eval};
use super::resources::Res;
use super::tree::{Node, Value, located};
use super::{resources, sam};
use crate::Error;

/// Nested stacks deeper than this are refused (CloudFormation itself stops at a few levels).
const MAX_NESTING: usize = 8;

/// Where a template is read from: the folder nested stacks and includes must stay in.
pub struct Place<'a> {
    pub root: &'a Path,
    pub region: Option<&'a str>,
}

/// Whether the text is a CloudFormation template: `Resources` with `Type`s, or the format
/// version, or a SAM transform.
pub fn looks_like(doc: &Node) -> bool {
    doc.get("AWSTemplateFormatVersion").is_some()
        || doc.get("Resources").is_some_and(|r| {
            r.entries().iter().any(|(_, d)| {
                d.get("Type")
                    .and_then(Node::as_str)
                    .is_some_and(|t| t.contains("::"))
            })
        })
}

/// Reads one template (and what it nests) into `estate`.
pub fn read(
    file: &Path,
    doc: &mut Node,
    place: &Place,
    given: HashMap<String, Result<Node, String>>,
    estate: &mut Estate,
    depth: usize,
) -> Result<(), Error> {
    let name = file.display().to_string();
    let dir = file.parent().unwrap_or(Path::new("."));
    expand_includes(&name, dir, place.root, doc, 0)?;
    let ctx = context(&name, doc, place, given);
    let resources = doc.get("Resources").map(Node::entries).unwrap_or_default();
    for (id, def) in resources {
        if let Some(cond) = def.get("Condition").and_then(Node::text)
            && ctx.condition(&cond, 0) == Some(false)
        {
            continue;
        }
        let kind = def.get("Type").and_then(Node::text).unwrap_or_default();
        let props = with_globals(doc.get("Globals"), &kind, def);
        let res = Res {
            name: id,
            kind: &kind,
            props: &props,
            ctx: &ctx,
        };
        if let Some(nested) = nested_location(&res) {
            read_nested(&res, nested, dir, place, estate, depth, def.line)?;
            continue;
        }
        add(estate, &res, def.line);
    }
    implicit_apis(doc, &ctx, estate);
    estate.warnings.append(&mut ctx.warnings.borrow_mut());
    Ok(())
}

/// A resource's properties, with SAM's `Globals` section for its type under them (the
/// resource's own win).
fn with_globals(globals: Option<&Node>, kind: &str, def: &Node) -> Node {
    let own = def
        .get("Properties")
        .cloned()
        .unwrap_or_else(|| Node::new(def.line, Value::Map(vec![])));
    let section = kind.strip_prefix("AWS::Serverless::");
    let Some(global) = section.and_then(|s| globals?.get(s)) else {
        return own;
    };
    let mut entries = own.entries().to_vec();
    for (k, v) in global.entries() {
        if !entries.iter().any(|(o, _)| o == k) {
            entries.push((k.clone(), v.clone()));
        }
    }
    Node::new(own.line, Value::Map(entries))
}

/// SAM's implicit APIs of this template, the REST one of `Globals.Api`'s endpoint type.
fn implicit_apis(doc: &Node, ctx: &Ctx, estate: &mut Estate) {
    let kind = "AWS::Serverless::Api";
    let globals = with_globals(doc.get("Globals"), kind, &Node::new(0, Value::Null));
    let res = Res {
        name: "ServerlessRestApi",
        kind,
        props: &globals,
        ctx,
    };
    let endpoint = resources::endpoint_type(&res, globals.get("EndpointConfiguration"));
    sam::add_implicit_apis(estate, endpoint);
}

/// The parts of one resource, or a `not_modelled` entry for a type no table knows.
fn add(estate: &mut Estate, res: &Res, line: usize) {
    let parts = match resources::lookup(res.kind).or_else(|| sam::lookup(res.kind)) {
        Some(f) => f(res),
        None => {
            if super::graph::is_unexpected(res.kind) {
                res.ctx.warn(format!(
                    "{}:{line}: {} {} is not modelled",
                    res.ctx.file, res.kind, res.name
                ));
            }
            estate.not_modelled(res.name, res.kind, not_modelled_why(res.kind));
            return;
        }
    };
    for part in parts {
        estate.resources.push(Resource {
            name: res.name.to_owned(),
            kind: res.kind.to_owned(),
            file: res.ctx.file.clone(),
            line: Some(line),
            part,
        });
    }
}

fn context<'t>(
    file: &str,
    doc: &'t Node,
    place: &Place,
    given: HashMap<String, Result<Node, String>>,
) -> Ctx<'t> {
    let mut params = HashMap::new();
    for (name, p) in doc.get("Parameters").map(Node::entries).unwrap_or_default() {
        let value = match p.get("Default") {
            Some(d) => Ok(d.clone()),
            None => Err(format!("parameter {name} has no default")),
        };
        params.insert(name.clone(), value);
    }
    params.extend(given);
    Ctx {
        params,
        conditions: doc.get("Conditions"),
        mappings: doc.get("Mappings"),
        region: place.region.map(str::to_owned),
        resources: doc
            .get("Resources")
            .map(|r| r.entries().iter().map(|(k, _)| k.clone()).collect())
            .unwrap_or_default(),
        warnings: Default::default(),
        file: file.to_owned(),
    }
}

/// The local template a nested stack names (`TemplateURL`, or a SAM application's `Location`).
fn nested_location<'a>(res: &Res<'a>) -> Option<&'a Node> {
    match res.kind {
        "AWS::CloudFormation::Stack" => res.props.get("TemplateURL"),
        "AWS::Serverless::Application" => {
            res.props.get("Location").filter(|l| l.as_str().is_some())
        }
        _ => None,
    }
}

fn read_nested(
    res: &Res,
    location: &Node,
    dir: &Path,
    place: &Place,
    estate: &mut Estate,
    depth: usize,
    line: usize,
) -> Result<(), Error> {
    let file = res.ctx.file.clone();
    let Some(path) = local_path(&file, dir, place.root, location)? else {
        estate.not_modelled(
            res.name,
            res.kind,
            "a nested stack that is not a local file: not read",
        );
        return Ok(());
    };
    if depth >= MAX_NESTING {
        let d = located(
            &file,
            line,
            1,
            format!("stacks nested deeper than {MAX_NESTING}: refused"),
        );
        return Err(Error::Input(vec![d]));
    }
    let mut given = HashMap::new();
    for (k, v) in res
        .props
        .get("Parameters")
        .map(Node::entries)
        .unwrap_or_default()
    {
        let value = match res.ctx.eval(v) {
            Eval::Val(n) => Ok(n),
            Eval::Res(r) => Err(format!(
                "{k} is the id of {r} in {file}, known only at deployment"
            )),
            Eval::Unknown(why) => Err(why),
        };
        given.insert(k.clone(), value);
    }
    let mut doc = super::read_tree(&path)?;
    read(&path, &mut doc, place, given, estate, depth + 1)
}

/// A local file named by `location` (a string, or a `Sub` of one), inside `root`. `None` for a
/// remote one (`s3://`, `https://`): not read. One that leaves `root` is an error.
fn local_path(
    file: &str,
    dir: &Path,
    root: &Path,
    location: &Node,
) -> Result<Option<PathBuf>, Error> {
    let Some(text) = location.text() else {
        return Ok(None);
    };
    if text.contains("://") {
        return Ok(None);
    }
    let refuse = |why: &str| {
        let d = located(file, location.line, 1, format!("`{text}` {why}: refused"))
            .with_help("nested templates and included files are read only from the root template's folder and below");
        Err(Error::Input(vec![d]))
    };
    let relative: PathBuf = Path::new(&text)
        .components()
        .filter(|c| *c != std::path::Component::CurDir)
        .collect();
    let joined = dir.join(relative);
    let Ok(real) = joined.canonicalize() else {
        return refuse("is not a readable file");
    };
    let root = root.canonicalize().map_err(|e| Error::io(root, e))?;
    if !real.starts_with(&root) {
        return refuse("escapes the template's folder");
    }
    Ok(Some(joined))
}

/// Replaces every `Fn::Transform` of `AWS::Include` with the file it names.
fn expand_includes(
    file: &str,
    dir: &Path,
    root: &Path,
    n: &mut Node,
    depth: usize,
) -> Result<(), Error> {
    if depth > super::tree::MAX_DEPTH {
        return Ok(());
    }
    if let Some(t) = n.get("Fn::Transform")
        && t.get("Name").and_then(Node::as_str) == Some("AWS::Include")
        && let Some(loc) = t.get("Parameters").and_then(|p| p.get("Location"))
    {
        if let Some(path) = local_path(file, dir, root, loc)? {
            *n = super::read_tree(&path)?;
        }
        return Ok(());
    }
    match &mut n.value {
        Value::List(items) => items
            .iter_mut()
            .try_for_each(|i| expand_includes(file, dir, root, i, depth + 1)),
        Value::Map(entries) => entries
            .iter_mut()
            .try_for_each(|(_, v)| expand_includes(file, dir, root, v, depth + 1)),
        _ => Ok(()),
    }
}

/// The integrations an OpenAPI definition (a REST API's `Body` or SAM `DefinitionBody`) holds:
/// each `x-amazon-apigateway-integration`, as a target.
pub fn openapi_integrations(ctx: &Ctx, api: &str, body: &Node) -> Vec<Part> {
    let mut out = Vec::new();
    body.walk(&mut |n| {
        if let Some(i) = n.get("x-amazon-apigateway-integration") {
            let get = |k: &str| i.get(k).and_then(|v| ctx.text(v).ok()).unwrap_or_default();
            let target = integration_target(
                ctx,
                &get("type"),
                &get("connectionType"),
                i.get("uri"),
                i.get("connectionId"),
                i.get("integrationTarget"),
            );
            if let Some(target) = target {
                out.push(Part::Integration {
                    api: Some(api.to_owned()),
                    target,
                });
            }
        }
    });
    out
}

/// What an integration of `kind` (`AWS_PROXY`, `HTTP`, `MOCK`...) calls; `None` for a mock.
pub fn integration_target(
    ctx: &Ctx,
    kind: &str,
    connection: &str,
    uri: Option<&Node>,
    link: Option<&Node>,
    to: Option<&Node>,
) -> Option<Target> {
    let kind = kind.to_ascii_uppercase();
    if connection.eq_ignore_ascii_case("VPC_LINK") {
        let to = to.or(uri).and_then(|n| ctx.target(n));
        return Some(Target::Private {
            link: link.and_then(|n| ctx.target(n)),
            to,
        });
    }
    let uri_text = uri.map(|u| ctx.text(u).unwrap_or_else(|_| format!("{:?}", u.value)));
    match kind.as_str() {
        "MOCK" => None,
        "AWS" | "AWS_PROXY" if uri_text.as_deref().is_some_and(|u| u.contains("lambda")) => {
            Some(Target::Lambda(uri.and_then(|u| ctx.target(u))))
        }
        "HTTP" | "HTTP_PROXY" => Some(Target::Http),
        "AWS_PROXY" => Some(Target::Lambda(uri.and_then(|u| ctx.target(u)))),
        other => Some(Target::Unknown(format!("integration type {other}"))),
    }
}
