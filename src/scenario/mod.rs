//! Scenario files: the workload and estate a user wants priced. Raw TOML is walked key by key
//! into a validated [`Scenario`], collecting every problem (with file:line:column and a
//! suggestion) before anything is priced. One file per section: its shape, its keys, its reader.

mod inputs;
mod layout;
mod numbers;
mod profiles;
mod reader;
mod requirements;
mod topology;
mod traffic;

use rust_decimal::Decimal;
use toml::de::DeTable;

use crate::diagnostic::Diagnostic;
pub use inputs::{CrossCheck, INPUTS, Input, Kind, choices, cross_checks, derived_default, input};
pub use layout::{CACHE_SIZES, DEFAULT_CACHE_GB, LayoutSpec, Listener, WAF_RULES, multi_region};
pub use numbers::parse_float;
pub use profiles::BASE;
pub use reader::quoted_list;
use reader::{Ctx, Sections, Table};
pub use requirements::{REST_FEATURES, Requirements};
pub use topology::{Backend, OnPremises, Topology};
pub use traffic::{DISCOVERY_CALLS_PER_REQUEST, Traffic};

/// A validated scenario. Every number is within its documented range.
#[derive(Debug, Clone)]
pub struct Scenario {
    pub name: String,
    /// The file as the user named it.
    pub path: String,
    pub region: String,
    /// Where `region` was written, for "no price table" errors.
    pub region_at: Diagnostic,
    pub hours_per_month: Decimal,
    pub traffic: Traffic,
    pub topology: Topology,
    pub requirements: Requirements,
    pub layout: Option<LayoutSpec>,
    /// The numeric keys the file writes (`traffic.request_kb`); the others took their defaults.
    pub given: Vec<&'static str>,
    /// The usage profiles the file names (`[profiles.low.traffic]`), in file order: each the
    /// scenario with its overrides written in (and no profiles of its own).
    pub profiles: Vec<Profile>,
}

/// One usage profile: a name and the scenario it makes.
#[derive(Debug, Clone)]
pub struct Profile {
    pub name: String,
    pub scenario: Scenario,
}

impl Scenario {
    /// Whether the file writes the numeric key `name` (`traffic.discovery_calls_per_request`);
    /// if not, it took its default, and an estimate that rests on an assumed default says so.
    pub fn gives(&self, name: &str) -> bool {
        self.given.contains(&name)
    }
}

/// The keys at the top level, before any section.
const TOP: &[&str] = &[
    "name",
    "region",
    "hours_per_month",
    "traffic",
    "topology",
    "requirements",
    "layout",
];

/// Every section's known keys, to report unknown keys and suggest the section a key belongs in.
const SECTIONS: Sections = &[
    ("", TOP),
    ("traffic", traffic::KEYS),
    ("topology", topology::KEYS),
    ("requirements", requirements::KEYS),
    ("layout", layout::KEYS),
];

/// Whether a scenario file may set `name` (`topology.backend`, or a top-level key such as
/// `region`) to a value: a known key that is not a section's own name.
pub fn is_key(name: &str) -> bool {
    let (section, key) = name.split_once('.').unwrap_or(("", name));
    let known = SECTIONS
        .iter()
        .any(|(s, keys)| *s == section && keys.contains(&key));
    let a_section = section.is_empty() && SECTIONS.iter().any(|(s, _)| *s == key);
    known && !a_section
}

/// Parses and validates one scenario file's text. `path` is used in messages and for the
/// default name. Returns every problem found.
pub fn parse(path: &str, source: &str) -> Result<Scenario, Vec<Diagnostic>> {
    let reading = read_file(path, source);
    match reading.scenario {
        Some(s) if reading.problems.is_empty() => Ok(s),
        _ => {
            let mut problems = reading.problems;
            problems.extend(omitted_note(path, reading.omitted));
            Err(problems)
        }
    }
}

/// The line that says how many of a file's problems were not kept (none when all were).
pub fn omitted_note(path: &str, omitted: usize) -> Option<Diagnostic> {
    (omitted > 0).then(|| {
        Diagnostic::more(
            path,
            omitted,
            format!(
                "… and {} more problem{} in this file, not listed (the first {} are)",
                crate::money::number(omitted.into(), 0),
                if omitted == 1 { "" } else { "s" },
                reader::KEPT_PROBLEMS
            ),
        )
    })
}

/// A scenario file read as far as it goes: the scenario when the file has no problem, every
/// problem found, and what the checks after reading need even when other keys are wrong (a
/// `region` to look up in the price book, a `[layout]` whose pattern must exist), so that
/// `validate` reports those problems too.
pub struct Reading {
    /// `None` when the file has a problem.
    pub scenario: Option<Scenario>,
    pub problems: Vec<Diagnostic>,
    /// How many problems were found beyond those kept (at most `KEPT_PROBLEMS` are).
    pub omitted: usize,
    /// `region` as written, and where.
    pub region: Option<(String, Diagnostic)>,
    /// `[layout]` as written (its other keys may have fallen back to their defaults).
    pub layout: Option<LayoutSpec>,
    /// Each profile's `[layout]` that names another pattern than the scenario's, by profile.
    pub profile_layouts: Vec<(String, LayoutSpec)>,
}

/// Reads one scenario file's text, collecting every problem.
pub fn read_file(path: &str, source: &str) -> Reading {
    let failed = |problem: Diagnostic| Reading {
        scenario: None,
        problems: vec![problem],
        omitted: 0,
        region: None,
        layout: None,
        profile_layouts: Vec::new(),
    };
    if source.trim().is_empty() {
        return failed(Diagnostic::file(path, "the scenario file is empty").with_help(
            "a scenario needs at least `region = \"us-east-1\"` and a [traffic] table with `requests_per_month`",
        ));
    }
    let doc = match DeTable::parse(source) {
        Ok(doc) => doc,
        Err(e) => {
            return failed(crate::diagnostic::toml_syntax(
                path,
                source,
                &e,
                "invalid TOML",
            ));
        }
    };
    let mut ctx = Ctx::new(path, source);
    let (base, written) = profiles::split(doc.get_ref());
    let mut scenario = read(&mut ctx, path, &base);
    let mut profile_layouts = Vec::new();
    let profiles = written.map_or_else(Vec::new, |w| {
        read_profiles(&mut ctx, (path, source), &base, &w, &mut profile_layouts)
    });
    if let Some(s) = scenario.as_mut() {
        s.profiles = profiles;
    }
    let region = ctx.region.take().map(|(r, span)| (r, ctx.spot(span)));
    let layout = ctx.layout.take();
    let omitted = ctx.omitted;
    let problems = ctx.into_diagnostics();
    Reading {
        scenario: scenario.filter(|_| problems.is_empty()),
        problems,
        omitted,
        region,
        layout,
        profile_layouts,
    }
}

/// Each profile: the scenario's table with the profile's overrides written in, read as a
/// scenario (its problems, each once, added to `ctx`).
fn read_profiles<'i>(
    ctx: &mut Ctx<'_>,
    (path, source): (&str, &str),
    base: &DeTable<'i>,
    written: &toml::Spanned<toml::de::DeValue<'i>>,
    layouts: &mut Vec<(String, LayoutSpec)>,
) -> Vec<Profile> {
    let mut found = Vec::new();
    for profile in profiles::written(ctx, written) {
        let mut own = Ctx::new(path, source);
        let scenario = read(&mut own, path, &profiles::overlay(base, profile.table));
        let theirs = own.layout.take();
        if let Some(l) =
            theirs.filter(|l| ctx.layout.as_ref().map(|b| &b.architecture) != Some(&l.architecture))
        {
            layouts.push((profile.name.clone(), l));
        }
        ctx.absorb(own, &profile.name);
        if let Some(scenario) = scenario {
            found.push(Profile {
                name: profile.name,
                scenario,
            });
        }
    }
    found
}

/// The top level, then each section: `[topology]` first, because the other sections' defaults
/// and checks depend on it.
fn read(ctx: &mut Ctx<'_>, path: &str, doc: &DeTable<'_>) -> Option<Scenario> {
    let mut top = Table::new(doc, "", "the top level", SECTIONS);
    let name = match top.string(ctx, "name") {
        Some((name, span)) => check_name(ctx, name, span),
        None => default_name(path),
    };
    let region = top.string(ctx, "region");
    ctx.region.clone_from(&region);
    if region.is_none() && top.span_of("region").is_none() {
        ctx.missing(
            "missing `region`: it selects the price table",
            "add `region = \"us-east-1\"` at the top of the file",
        );
    }
    let hours = top.input_count(ctx, "hours_per_month", DEFAULT_HOURS_PER_MONTH);
    let traffic_table = top.table(ctx, "traffic");
    let topology_table = top.table(ctx, "topology");
    let requirements_table = top.table(ctx, "requirements");
    let layout_table = top.table(ctx, "layout");
    let layout_header = top.key_span("layout");
    let traffic_missing = top.span_of("traffic").is_none();
    top.finish(ctx);
    if traffic_missing {
        ctx.missing(
            "missing [traffic]: the request volume is needed to price anything",
            "add a [traffic] table with `requests_per_month = 1_000_000`",
        );
    }

    let empty = DeTable::default();
    let topology = topology::read(ctx, topology_table.unwrap_or(&empty));
    let traffic = traffic::read(
        ctx,
        traffic_table.unwrap_or(&empty),
        traffic_table.is_some(),
        hours,
        topology.on_premises,
    );
    let layout = layout_table.and_then(|t| layout::read(ctx, t, layout_header, topology.regions));
    ctx.layout.clone_from(&layout);
    let public_layout = layout
        .as_ref()
        .is_some_and(|l| names_public_pattern(&l.architecture));
    let requirements = requirements::read(
        ctx,
        requirements_table.unwrap_or(&empty),
        topology.availability_zones,
        public_layout,
    );

    let (region, region_span) = region?;
    Some(Scenario {
        name,
        path: path.to_owned(),
        region,
        region_at: ctx.spot(region_span),
        hours_per_month: Decimal::from(hours),
        traffic,
        topology,
        requirements,
        layout,
        given: std::mem::take(&mut ctx.given),
        profiles: Vec::new(),
    })
}

/// Whether `architecture` names a public pattern (HTTP, WebSocket, a `-regional` REST pattern).
/// The one place the reader consults the pattern table: product.md makes the default of
/// `requirements.private_endpoint` depend on the pattern `[layout]` names.
fn names_public_pattern(architecture: &str) -> bool {
    crate::architecture::find(architecture).is_some_and(|p| p.shape.api.is_public())
}

/// `hours_per_month` when a scenario does not say (product.md).
pub const DEFAULT_HOURS_PER_MONTH: u32 = 730;

/// The longest scenario name, in characters: it heads tables and fills a CSV column.
pub const MAX_NAME_CHARS: usize = 100;

/// A name is shown in every report: it must be a short, visible, single line of text, with no
/// character that a terminal would act on (escape sequences, bells, bidirectional overrides).
fn check_name(ctx: &mut Ctx<'_>, name: String, span: std::ops::Range<usize>) -> String {
    let help =
        "a short label such as `name = \"orders\"`, or no `name` at all to use the file's name";
    if let Some(c) = name.chars().find(|c| crate::diagnostic::invisible(*c)) {
        let what = format!("U+{:04X}", u32::from(c));
        ctx.error(
            span,
            format!("`name` must be plain text on one line, found the control character {what}"),
            Some(help.into()),
        );
    } else if name.trim().is_empty() {
        ctx.error(span, "`name` must not be empty", Some(help.into()));
    } else if name.chars().count() > MAX_NAME_CHARS {
        let n = crate::money::number(name.chars().count().into(), 0);
        ctx.error(
            span,
            format!("`name` is {n} characters long; at most {MAX_NAME_CHARS} are allowed"),
            Some(help.into()),
        );
    }
    name
}

/// A scenario without `name` is named after its file (any control character in the file's
/// name escaped, `\u{1b}`, by the one rule every output follows: it cannot act on the terminal),
/// cut to [`MAX_NAME_CHARS`] with `…` when longer: the limit holds for every name, and a long
/// file name is no reason to refuse a file.
fn default_name(path: &str) -> String {
    let stem = std::path::Path::new(path)
        .file_stem()
        .map_or_else(|| path.to_owned(), |s| s.to_string_lossy().into_owned());
    let name = crate::diagnostic::escaped(&stem);
    if name.chars().count() <= MAX_NAME_CHARS {
        return name;
    }
    let mut cut: String = name.chars().take(MAX_NAME_CHARS - 1).collect();
    cut.push('…');
    cut
}
