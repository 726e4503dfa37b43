//! A scan written as a scenario: the keys the code fixes (each with its origin as a comment),
//! the keys `--usage` gives, and the assumptions for what neither says; and [`load_input`], the
//! one function that turns any input path (a scenario, or anything `scan` reads) plus an
//! optional `--usage` scenario into a validated [`Scenario`].

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::graph::Estate;
use super::recognise::{Recognised, recognise};
use super::usage::Usage;
use super::{ScanOptions, is_iac, read_estate};
use crate::Error;
use crate::derived::{Assumed, Derived, Entry, NotModelled, Origin, Unknown, write_scenario};
use crate::scenario::Scenario;

/// The volume written when neither the code nor `--usage` gives one: a small API's month.
pub const ASSUMED_REQUESTS: i64 = 1_000_000;

/// Everything a scan found, as `scan --format json` prints it.
#[derive(Debug, Clone, Serialize)]
pub struct Scan {
    /// The scenario's tables, as `validate` reads them.
    pub scenario: toml::Table,
    pub layout: Option<LayoutFound>,
    pub derived: Vec<Derived>,
    pub assumed: Vec<Assumed>,
    pub not_modelled: Vec<NotModelled>,
    pub unknown: Vec<Unknown>,
    #[serde(skip)]
    pub warnings: Vec<String>,
    /// The scenario file's text, each key with its origin.
    #[serde(skip)]
    pub text: String,
}

/// The pattern found: exact, or the closest and what differs.
#[derive(Debug, Clone, Serialize)]
pub struct LayoutFound {
    pub architecture: String,
    pub exact: bool,
    pub differs: Vec<String>,
}

/// Scans `paths` (one estate) into a scenario; `usage` supplies what the code cannot say: a
/// scenario's keys, or the volumes a bill sets (as `calibrate` would set them on the scan).
pub fn scan(paths: &[PathBuf], usage: Option<&Usage>, opts: &ScanOptions) -> Result<Scan, Error> {
    let mut estate = read_estate(paths, opts)?;
    let mut seen = std::collections::HashSet::new();
    estate.warnings.retain(|w| seen.insert(w.clone()));
    unpriced(&mut estate);
    let found = recognise(&estate);
    let keys = match usage {
        Some(Usage::Scenario(p)) => Some(read_usage(p)?),
        _ => None,
    };
    let mut derived = found
        .as_ref()
        .map(|f| f.derived.clone())
        .unwrap_or_default();
    region(&estate, opts, &mut derived);
    let unknown = unknowns(&estate, found.as_ref());
    let websocket = websocket(found.as_ref());
    let found_assumed = found.iter().flat_map(|f| f.assumed.iter());
    let mut assumed = assumptions(&derived, keys.as_ref(), found_assumed.chain(&websocket));
    let mut warnings = estate.warnings.clone();
    warnings.extend(overridden(&derived, keys.as_ref()));
    if let Some(bill) = usage.and_then(Usage::bill) {
        let entries = entries(paths, &derived, &assumed, keys.as_ref());
        let text = write_scenario(&header(paths, found.as_ref()), &entries);
        let (set, cannot_tell) = from_bill(&text, paths, bill)?;
        assumed.retain(|a| !set.iter().any(|d| d.key == a.key));
        warnings.extend(replaced(&derived, &set));
        derived.retain(|d| !set.iter().any(|b| b.key == d.key));
        warnings.extend(
            cannot_tell
                .into_iter()
                .map(|c| format!("--usage bill: {c}")),
        );
        derived.extend(set);
    }
    let entries = entries(paths, &derived, &assumed, keys.as_ref());
    let text = write_scenario(&header(paths, found.as_ref()), &entries);
    let scenario: toml::Table = toml::from_str(&text)
        .map_err(|e| Error::Reported(format!("scan wrote an unreadable scenario: {e}")))?;
    Ok(Scan {
        scenario,
        layout: found.map(|f| LayoutFound {
            architecture: f.architecture.into(),
            exact: f.exact,
            differs: f.differs,
        }),
        derived,
        assumed,
        not_modelled: estate.not_modelled,
        unknown,
        warnings,
        text,
    })
}

/// What the code leaves open: the estate's unknowns, the pattern's, and the layout itself when
/// the code holds no API.
fn unknowns(estate: &Estate, found: Option<&Recognised>) -> Vec<Unknown> {
    let mut unknown: Vec<Unknown> = estate
        .unknown
        .iter()
        .chain(found.iter().flat_map(|f| f.unknown.iter()))
        .map(|(key, why)| Unknown {
            key: key.clone(),
            why: why.clone(),
        })
        .collect();
    if found.is_none() {
        unknown.push(Unknown {
            key: "layout.architecture".into(),
            why: "the inputs hold no API Gateway API".into(),
        });
    }
    unknown
}

/// The keys a `--usage` bill sets on the scanned scenario (written as `text`): what
/// `calibrate` of the scan would set, each naming its rows, and what the bill cannot tell.
fn from_bill(
    text: &str,
    paths: &[PathBuf],
    bill: &super::usage::BillInput,
) -> Result<(Vec<Derived>, Vec<String>), Error> {
    let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    let name = format!("{} (as scanned)", shown.join(", "));
    let s = crate::scenario::parse(&name, text).map_err(Error::Input)?;
    let c = crate::bill::calibrate::from_usage_lenient(
        &s,
        Some(text),
        &bill.usage,
        &bill.book,
        bill.opts,
    )?;
    Ok((c.report.derived, c.report.cannot_tell))
}

/// The warnings for keys the code fixed that a `--usage` bill sets to another value: the
/// bill's figure is used, as what the estate really runs.
fn replaced(derived: &[Derived], set: &[Derived]) -> Vec<String> {
    set.iter()
        .filter_map(|b| {
            let d = derived.iter().find(|d| d.key == b.key)?;
            (d.value != b.value).then(|| {
                format!(
                    "--usage bill: {} = {} from the bill replaces {} from the code ({})",
                    b.key,
                    b.value,
                    d.value,
                    d.from
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("; ")
                )
            })
        })
        .collect()
}

/// The resources the reader models but no pattern prices, listed: NAT gateways of the
/// backend's own VPC (the estate prices NAT only for VPC clients of a public API), hosted zones.
fn unpriced(estate: &mut Estate) {
    use super::graph::Part;
    let listed: Vec<(String, String, &str)> = estate
        .resources
        .iter()
        .filter_map(|r| {
            let why = match r.part {
                Part::NatGateway => "a NAT gateway of the code's own VPC (its egress): the estimate prices NAT only for VPC clients of a public API",
                Part::HostedZone { .. } => "a hosted zone: priced only in the patterns whose DNS needs one",
                _ => return None,
            };
            Some((r.name.clone(), r.kind.clone(), why))
        })
        .collect();
    for (name, kind, why) in listed {
        estate.not_modelled(&name, &kind, why);
    }
}

/// The Region: the code's (a Terraform provider, a CDK environment), else `--region`.
fn region(estate: &Estate, opts: &ScanOptions, derived: &mut Vec<Derived>) {
    let mut from: Vec<Origin> = Vec::new();
    let mut value = None;
    for (r, origin) in &estate.regions {
        value.get_or_insert_with(|| r.clone());
        if value.as_deref() == Some(r) {
            from.push(origin.clone());
        }
    }
    if value.is_none()
        && let Some(r) = &opts.region
    {
        value = Some(r.clone());
        from.push(Origin::new("command line", None, "--region", "option"));
    }
    if let Some(v) = value {
        derived.insert(
            0,
            Derived {
                key: "region".into(),
                value: v.into(),
                from,
            },
        );
    }
    let regions: std::collections::BTreeSet<&str> =
        estate.regions.iter().map(|(r, _)| r.as_str()).collect();
    if regions.len() > 1 {
        let from = estate.regions.iter().map(|(_, o)| o.clone()).collect();
        derived.push(Derived {
            key: "topology.regions".into(),
            value: (regions.len() as i64).into(),
            from,
        });
    }
}

/// Connections open all month when the code is a WebSocket API (W1) and nothing says its
/// traffic: 100 connections (100 × 730 hours × 60 minutes).
pub const ASSUMED_CONNECTION_MINUTES: i64 = 4_380_000;

/// What a WebSocket API (W1) needs besides messages (`traffic.requests_per_month`): its
/// connection minutes, and that its clients are on the internet (a WebSocket API has no
/// private endpoint type), so no NAT gateway carries them.
fn websocket(found: Option<&Recognised>) -> Vec<Assumed> {
    if found.is_none_or(|f| f.architecture != "W1") {
        return vec![];
    }
    vec![
        Assumed {
            key: "traffic.connection_minutes_per_month".into(),
            value: ASSUMED_CONNECTION_MINUTES.into(),
            why: "connection time is not in the code: 100 connections open all month (100 × 730 h × 60 min); pass --usage FILE".into(),
        },
        Assumed {
            key: "traffic.vpc_client_share".into(),
            value: 0.into(),
            why: "a WebSocket API is public: its clients are assumed on the internet, none behind a NAT gateway of the consumer VPCs".into(),
        },
    ]
}

/// A `--usage` scenario's keys, dotted (`traffic.requests_per_month`).
fn read_usage(path: &Path) -> Result<Vec<(String, toml::Value)>, Error> {
    let text = crate::input::read_text(path)?;
    let name = path.display().to_string();
    let table: toml::Table = toml::from_str(&text).map_err(|e| {
        Error::Input(vec![crate::diagnostic::toml_syntax(
            &name,
            &text,
            &e,
            "invalid TOML",
        )])
    })?;
    let mut out = Vec::new();
    flatten("", &table, &mut out);
    Ok(out)
}

fn flatten(prefix: &str, table: &toml::Table, out: &mut Vec<(String, toml::Value)>) {
    for (k, v) in table {
        let key = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        match v {
            toml::Value::Table(t) => flatten(&key, t, out),
            other => out.push((key, other.clone())),
        }
    }
}

/// The `--usage` keys the code fixes otherwise: the code's value is kept, and said.
fn overridden(derived: &[Derived], usage: Option<&Vec<(String, toml::Value)>>) -> Vec<String> {
    let mut out = Vec::new();
    for (key, value) in usage.into_iter().flatten() {
        if let Some(d) = derived.iter().find(|d| &d.key == key && &d.value != value) {
            out.push(format!(
                "--usage sets {key} = {value}, but the code fixes {} (kept)",
                d.value
            ));
        }
    }
    out
}

/// What neither the code nor `--usage` says but a scenario needs: the Region, the traffic, and
/// what the layout found needs (`found`: a Lambda proxy's run time, the on-premises share).
fn assumptions<'a>(
    derived: &[Derived],
    usage: Option<&Vec<(String, toml::Value)>>,
    found: impl Iterator<Item = &'a Assumed>,
) -> Vec<Assumed> {
    let given = |key: &str| {
        derived.iter().any(|d| d.key == key)
            || usage.is_some_and(|u| {
                u.iter().any(|(k, _)| {
                    k == key
                        || (key == "traffic.requests_per_month"
                            && k == "traffic.requests_per_second")
                })
            })
    };
    let mut out = Vec::new();
    if !given("region") {
        out.push(Assumed {
            key: "region".into(),
            value: "us-east-1".into(),
            why: "the code does not fix its Region; pass --region or a --usage scenario's region"
                .into(),
        });
    }
    if !given("traffic.requests_per_month") {
        out.push(Assumed {
            key: "traffic.requests_per_month".into(),
            value: ASSUMED_REQUESTS.into(),
            why: "traffic is not in the code; pass --usage FILE".into(),
        });
    }
    out.extend(found.filter(|a| !given(&a.key)).cloned());
    out
}

/// The scenario's lines: a name, the derived keys, `--usage`'s keys the code does not fix, the
/// assumptions.
fn entries(
    paths: &[PathBuf],
    derived: &[Derived],
    assumed: &[Assumed],
    usage: Option<&Vec<(String, toml::Value)>>,
) -> Vec<Entry> {
    let mut out = Vec::new();
    let named = usage.is_some_and(|u| u.iter().any(|(k, _)| k == "name"));
    if !named && let Some(name) = paths.first().and_then(|p| scenario_name(p)) {
        out.push(Entry::plain("name", name.into()));
    }
    out.extend(derived.iter().map(Entry::from));
    for (key, value) in usage.into_iter().flatten() {
        if !derived.iter().any(|d| &d.key == key) {
            out.push(Entry {
                key: key.clone(),
                value: value.clone(),
                comment: Some("from --usage".into()),
            });
        }
    }
    out.extend(assumed.iter().map(Entry::from));
    out
}

/// The file's name without extension, or its folder's for the generic names tools give
/// (`template.yaml`, `plan.json`, `cdk.out`).
fn scenario_name(path: &Path) -> Option<String> {
    let stem = path.file_stem()?.to_string_lossy().into_owned();
    let generic = [
        "template", "plan", "main", "manifest", "cdk", "tfplan", "state",
    ];
    if generic.contains(&stem.as_str())
        && let Some(dir) = path.canonicalize().ok()?.parent()?.file_name()
    {
        return Some(dir.to_string_lossy().into_owned());
    }
    Some(stem)
}

fn header(paths: &[PathBuf], found: Option<&Recognised>) -> Vec<String> {
    let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    let mut out = vec![format!("scanned by apigw-cost from {}", names.join(", "))];
    if let Some(f) = found {
        if f.exact {
            out.push(format!("layout: {}, exactly", f.architecture));
        } else {
            out.push(format!(
                "layout: closest pattern {}; differs: {}",
                f.architecture,
                f.differs.join("; ")
            ));
        }
    }
    out
}

/// Reads an input (a scenario file, or anything `scan` reads) completed by `--usage` into a
/// validated scenario, with the notes a scan makes (assumptions, warnings). A `--usage` bill
/// calibrates the scenario (a file's, or the scan's) as `calibrate` would, each key it sets
/// noted with its rows; a `--usage` scenario completes infrastructure code only.
pub fn load_input_noted(
    path: &Path,
    usage: Option<&Usage>,
) -> Result<(Scenario, Vec<String>), Error> {
    if !is_iac(path) {
        return match usage.and_then(Usage::bill) {
            Some(bill) => {
                // Read once: standard input (`-`) cannot be read again for the keys to keep.
                let text = crate::input::read_text(path)?;
                let name = crate::input::display_name(path);
                let original = crate::scenario::parse(&name, &text).map_err(Error::Input)?;
                let (c, notes) = super::usage::calibrated(&original, Some(&text), bill)?;
                Ok((c.scenario, notes))
            }
            None => crate::load_scenario(path).map(|s| (s, vec![])),
        };
    }
    let scan = scan(&[path.to_path_buf()], usage, &ScanOptions::default())?;
    let name = format!("{} (as scanned)", path.display());
    let s = crate::scenario::parse(&name, &scan.text).map_err(Error::Input)?;
    let shown = path.display().to_string();
    let mut notes: Vec<String> = scan
        .warnings
        .iter()
        .map(|w| format!("warning: {w}"))
        .collect();
    notes.extend(scan.assumed.iter().map(|a| {
        format!(
            "warning: {shown}: {} = {} is assumed: {}",
            a.key, a.value, a.why
        )
    }));
    notes.extend(unknown_notes(&shown, &scan, &s));
    if let Some(bill) = usage.and_then(Usage::bill) {
        let files: Vec<&str> = bill.usage.read.iter().map(|r| r.file.as_str()).collect();
        let files = files.join(", ");
        let set: Vec<Derived> = scan
            .derived
            .iter()
            .filter(|d| d.from.iter().any(|o| o.file == files))
            .cloned()
            .collect();
        notes.extend(super::usage::notes(&shown, &set, &[]));
    }
    Ok((s, notes))
}

/// A warning for each key the code leaves unknown that the scenario prices at its default
/// (not one `--usage` gives): the figure priced, why the code cannot say, and how to give it.
fn unknown_notes(shown: &str, scan: &Scan, s: &Scenario) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for u in &scan.unknown {
        if s.gives(&u.key) || scan.derived.iter().any(|d| d.key == u.key) {
            continue;
        }
        let priced = match crate::scenario::input(&u.key).and_then(|i| (i.get)(s)) {
            Some(v) => format!("priced at its default, {}", v.normalize()),
            None => "priced at its default".to_owned(),
        };
        let line = format!(
            "warning: {shown}: {} is unknown ({}): {priced}; pass --usage FILE to set it",
            u.key, u.why
        );
        if !out.contains(&line) {
            out.push(line);
        }
    }
    out
}

/// [`load_input_noted`] without the notes.
pub fn load_input(path: &Path, usage: Option<&Usage>) -> Result<Scenario, Error> {
    load_input_noted(path, usage).map(|(s, _)| s)
}
