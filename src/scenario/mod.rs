//! Scenario files: the workload and estate a user wants priced. Raw TOML is walked key by key
//! into a validated [`Scenario`], collecting every problem (with file:line:column and a
//! suggestion) before anything is priced. One file per section: its shape, its keys, its reader.

mod layout;
mod reader;
mod requirements;
mod topology;
mod traffic;

use rust_decimal::Decimal;
use toml::de::DeTable;

use crate::diagnostic::Diagnostic;
pub use layout::{CACHE_SIZES, LayoutSpec, Listener};
use reader::{Ctx, Sections, Table};
pub use reader::{parse_float, quoted_list};
pub use requirements::{REST_FEATURES, Requirements};
pub use topology::{Backend, OnPremises, Topology};
pub use traffic::Traffic;

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

/// Parses and validates one scenario file's text. `path` is used in messages and for the
/// default name. Returns every problem found.
pub fn parse(path: &str, source: &str) -> Result<Scenario, Vec<Diagnostic>> {
    if source.trim().is_empty() {
        return Err(vec![Diagnostic::file(path, "the scenario file is empty").with_help(
            "a scenario needs at least `region = \"us-east-1\"` and a [traffic] table with `requests_per_month`",
        )]);
    }
    let doc = match DeTable::parse(source) {
        Ok(doc) => doc,
        Err(e) => {
            return Err(vec![crate::diagnostic::toml_syntax(
                path,
                source,
                &e,
                "invalid TOML",
            )]);
        }
    };
    let mut ctx = Ctx::new(path, source);
    let scenario = read(&mut ctx, path, doc.get_ref());
    if ctx.has_problems() {
        Err(ctx.into_diagnostics())
    } else {
        Ok(scenario.expect("no problems means a scenario"))
    }
}

/// The top level, then each section: `[topology]` first, because the other sections' defaults
/// and checks depend on it.
fn read(ctx: &mut Ctx<'_>, path: &str, doc: &DeTable<'_>) -> Option<Scenario> {
    let mut top = Table::new(doc, "", "the top level", SECTIONS);
    let name = top
        .string(ctx, "name")
        .map_or_else(|| default_name(path), |(s, _)| s);
    let region = top.string(ctx, "region");
    if region.is_none() && top.span_of("region").is_none() {
        ctx.missing(
            "missing `region`: it selects the price table",
            "add `region = \"us-east-1\"` at the top of the file",
        );
    }
    let hours = top.count(ctx, "hours_per_month", 1, 744, 730);
    let traffic_table = top.table(ctx, "traffic");
    let topology_table = top.table(ctx, "topology");
    let requirements_table = top.table(ctx, "requirements");
    let layout_table = top.table(ctx, "layout");
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
    let requirements = requirements::read(
        ctx,
        requirements_table.unwrap_or(&empty),
        topology.availability_zones,
    );
    let layout = layout_table.and_then(|t| layout::read(ctx, t, topology.regions));

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
    })
}

/// A scenario without `name` is named after its file.
fn default_name(path: &str) -> String {
    std::path::Path::new(path)
        .file_stem()
        .map_or_else(|| path.to_owned(), |s| s.to_string_lossy().into_owned())
}
