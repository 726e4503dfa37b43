//! apigw-cost: cost and sizing for Amazon API Gateway private APIs and private integrations.
//!
//! The pipeline, one stage per module: scenario files are read and validated ([`scenario`]),
//! priced against a price book ([`pricing`]) for a layout drawn from the whitepaper's patterns
//! ([`architecture`]) by a pure engine ([`engine`]), compared ([`compare`]) and rendered by one
//! renderer per format ([`report`]); [`recommend`] searches layouts and [`sweep`] varies a key.
//! [`diff`] says what a change costs: two priced designs, the components and inputs that differ.
//! [`cli`] turns a command line into a checked request and runs one small function per
//! command; the binary (`src/main.rs`) only parses the command line and prints any error.

pub mod architecture;
pub mod bill;
pub mod breakeven;
pub mod cli;
pub mod compare;
pub mod component;
pub mod derived;
pub mod diagnostic;
pub mod diff;
pub mod engine;
pub mod error;
pub mod iac;
pub mod input;
pub mod money;
pub mod pricing;
pub mod recommend;
pub mod report;
pub mod scenario;
pub mod sweep;

use std::path::Path;

use architecture::Pattern;
use diagnostic::Diagnostic;
use engine::{EngineError, Estimate, Options};
pub use error::Error;
use pricing::{PriceBook, PriceTable};
use scenario::{LayoutSpec, Scenario};

/// Reads and validates one scenario file.
pub fn load_scenario(path: &Path) -> Result<Scenario, Error> {
    let text = input::read_text(path)?;
    scenario::parse(&input::display_name(path), &text).map_err(Error::Input)
}

pub use iac::load_input;

/// Reads every input (scenario, or infrastructure code with `usage` for its traffic), the
/// problems of all of them reported together, with the notes the scans make.
pub fn load_inputs(
    paths: &[std::path::PathBuf],
    usage: Option<&iac::Usage>,
) -> Result<(Vec<Scenario>, Vec<String>), Error> {
    let loaded = error::collect_all(paths, |p| iac::load_input_noted(p, usage))?;
    let mut notes = Vec::new();
    let scenarios = loaded
        .into_iter()
        .map(|(s, mut n)| {
            notes.append(&mut n);
            s
        })
        .collect();
    Ok((scenarios, notes))
}

/// Reads every scenario, reporting the problems of all of them together.
pub fn load_scenarios(paths: &[std::path::PathBuf]) -> Result<Vec<Scenario>, Error> {
    error::collect_all(paths, |p| load_scenario(p))
}

/// The scenario as profile `name` makes it (`--profile NAME`): priced as if it were the
/// scenario, with no profiles of its own; `base` is the scenario itself. A name the file does
/// not give is an error listing the names it does.
pub fn select_profile(s: Scenario, name: Option<&str>) -> Result<Scenario, Error> {
    let Some(name) = name else {
        return Ok(s);
    };
    if name == scenario::BASE {
        return Ok(Scenario {
            profiles: Vec::new(),
            ..s
        });
    }
    let names: Vec<&str> = std::iter::once(scenario::BASE)
        .chain(s.profiles.iter().map(|p| p.name.as_str()))
        .collect();
    let help = match diagnostic::suggest(name, names.iter().copied()) {
        Some(n) => format!("did you mean `{n}`? Its profiles: {}", names.join(", ")),
        None if names.len() == 1 => {
            "it has no [profiles]; add `[profiles.NAME.traffic]` with the keys that differ".into()
        }
        None => format!("its profiles: {}", names.join(", ")),
    };
    let message = format!("no profile `{name}` in scenario `{}`", s.name);
    let mut s = s;
    match s.profiles.iter().position(|p| p.name == name) {
        Some(i) => Ok(s.profiles.swap_remove(i).scenario),
        None => Err(Error::Input(vec![
            Diagnostic::file(&s.path, message).with_help(help),
        ])),
    }
}

/// The price table for a scenario's Region, or an error at its `region` line.
pub fn table_for<'b>(s: &Scenario, book: &'b PriceBook) -> Result<&'b PriceTable, Error> {
    region_table(book, &s.region, &s.region_at)
}

/// The price table for `region`, or an error at `at` (where the file writes it).
pub fn region_table<'b>(
    book: &'b PriceBook,
    region: &str,
    at: &Diagnostic,
) -> Result<&'b PriceTable, Error> {
    book.region(region).ok_or_else(|| {
        let have: Vec<&str> = book.regions().collect();
        let help = match diagnostic::suggest(region, have.iter().copied()) {
            Some(r) => format!("did you mean `{r}`? Priced Regions:\n{}", word_lines(&have)),
            None => format!(
                "add a price table for it with --prices FILE; priced Regions:\n{}",
                word_lines(&have)
            ),
        };
        at.error(format!("no price table for Region `{region}`"), help)
    })
}

/// `words` joined by commas in lines of at most 80 characters (a help's list of 36 Regions).
pub(crate) fn word_lines(words: &[&str]) -> String {
    let mut lines: Vec<String> = vec![String::new()];
    for (i, w) in words.iter().enumerate() {
        let sep = if i + 1 < words.len() { "," } else { "" };
        let line = lines.last_mut().expect("a line");
        if !line.is_empty() && line.len() + 1 + w.len() + sep.len() > 80 {
            lines.push(String::new());
        }
        let line = lines.last_mut().expect("a line");
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(w);
        line.push_str(sep);
    }
    lines.join("\n")
}

/// An engine error as a diagnostic at the scenario's `region` line.
pub fn engine_error(s: &Scenario, table: &PriceTable, e: EngineError) -> Error {
    let help = match e {
        EngineError::BeyondTiers { .. } => format!(
            "the price table {} has no tier beyond that; add the missing tiers or use --prices",
            table.origin
        ),
        _ => lacks_help(table),
    };
    s.region_at.error(e.to_string(), help)
}

/// The fix for a price `table` lacks: `compare`, `recommend` and `sweep` say it as `estimate`.
pub(crate) fn lacks_help(table: &PriceTable) -> String {
    format!(
        "the price table {} lacks it. To fix it, pass --prices FILE with a file holding \
         `region = \"{}\"`, `currency = \"USD\"` and that item's `[prices.<item>]` section \
         (`apigw-cost prices show us-east-1 --format toml` prints one to copy): it adds to and \
         overrides the embedded table item by item",
        table.origin, table.region
    )
}

/// The pattern a `[layout]` names, or, for a name no pattern has, the error at its
/// `architecture` line: the one check, so every command refuses an unknown pattern alike.
pub fn layout_pattern(spec: &LayoutSpec) -> Result<&'static Pattern, Error> {
    architecture::find(&spec.architecture).ok_or_else(|| {
        spec.architecture_at.error(
            format!("unknown architecture `{}`", spec.architecture),
            architecture::unknown_help(&spec.architecture),
        )
    })
}

/// The pattern of the scenario's own `[layout]`, if it has one (an unknown one is an error).
pub fn current_pattern(s: &Scenario) -> Result<Option<&'static Pattern>, Error> {
    s.layout.as_ref().map(layout_pattern).transpose()
}

/// Whether the scenario's own `[layout]` names a pattern that exists and can be built for the
/// scenario: what pricing it would refuse before any price is looked up.
pub fn check_layout(s: &Scenario, spec: &LayoutSpec) -> Result<(), Error> {
    let pattern = layout_pattern(spec)?;
    architecture::resolve_own(pattern, s, Some(spec)).map_err(|reasons| {
        not_applicable(pattern, &reasons, |message, help| {
            spec.architecture_at.error(message, help)
        })
    })?;
    Ok(())
}

/// A pattern that does not apply to the scenario, with the reasons, located by `located`.
fn not_applicable(
    pattern: &Pattern,
    reasons: &[String],
    located: impl FnOnce(String, String) -> Error,
) -> Error {
    located(
        format!(
            "architecture {} does not apply to this scenario: {}",
            pattern.id,
            reasons.join("; ")
        ),
        "`apigw-cost compare` lists the patterns that apply, and why the others do not".to_owned(),
    )
}

/// A profile's error named as the profile's (`profile `high`: ...`), since it may sit at one of
/// the scenario's own lines.
pub fn in_profile<T>(name: &str, result: Result<T, Error>) -> Result<T, Error> {
    result.map_err(|e| match e {
        Error::Input(ds) => Error::Input(
            ds.into_iter()
                .map(|d| Diagnostic {
                    message: format!("profile `{name}`: {}", d.message),
                    ..d
                })
                .collect(),
        ),
        other => other,
    })
}

/// One pattern priced for one scenario.
#[derive(Debug, Clone)]
pub struct Priced {
    pub pattern: &'static Pattern,
    pub estimate: Estimate,
}

/// Prices the scenario's own layout (its `[layout]`, or `architecture` when given).
pub fn estimate_scenario(
    s: &Scenario,
    book: &PriceBook,
    architecture: Option<&str>,
    opts: Options,
) -> Result<Priced, Error> {
    let table = table_for(s, book)?;
    let spec = layout_spec(s, architecture)?;
    // A pattern named on the command line that does not exist is a usage error (exit 2); one
    // that exists but does not fit the scenario is an input error (exit 1) about the file.
    let located = |message: String, help: String| {
        if architecture.is_some() {
            Error::Input(vec![Diagnostic::file(&s.path, message).with_help(help)])
        } else {
            spec.architecture_at.error(message, help)
        }
    };
    let pattern = match architecture {
        Some(id) => architecture::find(id).ok_or_else(|| {
            let help = architecture::unknown_help(id);
            Error::Usage(format!("unknown architecture `{id}`\n  = help: {help}"))
        })?,
        None => layout_pattern(&spec)?,
    };
    let layout = architecture::resolve_own(pattern, s, Some(&spec))
        .map_err(|reasons| not_applicable(pattern, &reasons, located))?;
    let estimate =
        engine::estimate(s, &layout, table, opts).map_err(|e| engine_error(s, table, e))?;
    Ok(Priced { pattern, estimate })
}

/// The layout to estimate: the scenario's `[layout]`, its pattern replaced by `architecture`
/// when one is named on the command line.
fn layout_spec(s: &Scenario, architecture: Option<&str>) -> Result<LayoutSpec, Error> {
    Ok(match (architecture, &s.layout) {
        (Some(id), Some(l)) => LayoutSpec {
            architecture: id.to_owned(),
            ..l.clone()
        },
        (Some(id), None) => LayoutSpec::default_for(id, Diagnostic::file(&s.path, "")),
        (None, Some(l)) => l.clone(),
        (None, None) => {
            return Err(Error::Input(vec![Diagnostic::file(&s.path, "no layout to estimate: the scenario has no [layout]")
                .with_help("add `[layout]` with `architecture = \"R5\"`, pass --architecture ID, or run `apigw-cost compare` to price every pattern")]));
        }
    })
}
