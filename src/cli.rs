//! The command line: clap's parsed arguments, and `run`, which loads inputs, calls the library
//! and writes the report (atomically when `--output` names a file).

use clap::{Args, Parser, Subcommand};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::compare::compare;
use crate::engine::Options;
use crate::pricing::{PriceBook, load_path};
use crate::report::{Document, Format, Kind, ScenarioReport, render};
use crate::{Error, estimate_scenario, load_scenarios};

/// Cost and sizing calculator for Amazon API Gateway private APIs and private integrations.
#[derive(Debug, Parser)]
#[command(name = "apigw-cost", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub common: Common,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes.
#[derive(Debug, Args)]
pub struct Common {
    /// Output format.
    #[arg(long, global = true, value_enum, default_value = "table")]
    pub format: Format,
    /// Write the report to FILE (atomically: a failed run leaves no partial file); `-` is stdout.
    #[arg(long, global = true, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// A price table file or a folder of them; their Regions replace the embedded ones.
    #[arg(long, global = true, value_name = "PATH")]
    pub prices: Option<PathBuf>,
    /// Apply API Gateway's first-12-months free tier (accounts created before 15 July 2025).
    #[arg(long, global = true)]
    pub free_tier: bool,
    /// CSV only: one row per scenario and architecture with its monthly cost.
    #[arg(long, global = true)]
    pub totals: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Price each scenario's layout (its [layout], or --architecture), with sizing and warnings.
    Estimate {
        /// Scenario files (TOML).
        #[arg(required = true, value_name = "SCENARIO")]
        scenarios: Vec<PathBuf>,
        /// Price this pattern (id or name) instead of the scenario's [layout].
        #[arg(long, short = 'a', value_name = "ID")]
        architecture: Option<String>,
    },
    /// Price every whitepaper pattern that can serve each scenario, cheapest first.
    Compare {
        /// Scenario files (TOML).
        #[arg(required = true, value_name = "SCENARIO")]
        scenarios: Vec<PathBuf>,
    },
    /// Search the layout space under each scenario's [requirements]: cheapest layouts first,
    /// each change against the current layout with its saving and reason.
    Recommend {
        /// Scenario files (TOML).
        #[arg(required = true, value_name = "SCENARIO")]
        scenarios: Vec<PathBuf>,
        /// How many layouts to show.
        #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=100))]
        top: u32,
    },
    /// List the whitepaper patterns: id, name, purpose, billable parts.
    Architectures,
    /// The price book in use.
    Prices {
        #[command(subcommand)]
        command: PricesCommand,
    },
    /// Check scenario files and report every problem, not only the first.
    Validate {
        /// Scenario files (TOML).
        #[arg(required = true, value_name = "SCENARIO")]
        scenarios: Vec<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum PricesCommand {
    /// Regions in the book and how complete each is.
    List,
    /// Every price of one Region with unit, tiers and source.
    Show {
        /// Region code, e.g. us-east-1.
        region: String,
    },
}

/// Carries out a parsed command line.
pub fn run(cli: Cli) -> Result<(), Error> {
    let c = &cli.common;
    if c.totals && c.format != Format::Csv {
        return Err(Error::Usage("--totals goes with --format csv".into()));
    }
    let mut book = PriceBook::embedded();
    if let Some(p) = &c.prices {
        book.overlay(load_path(p)?);
    }
    let opts = Options {
        free_tier: c.free_tier,
    };
    match &cli.command {
        Command::Estimate {
            scenarios,
            architecture,
        } => {
            let loaded = load_scenarios(scenarios)?;
            let mut reports = Vec::with_capacity(loaded.len());
            let mut errors = Vec::new();
            for s in &loaded {
                match estimate_scenario(s, &book, architecture.as_deref(), opts) {
                    Ok(p) => reports.push(ScenarioReport {
                        scenario: s,
                        estimates: vec![p],
                        not_applicable: Vec::new(),
                        current: None,
                    }),
                    Err(Error::Input(mut d)) => errors.append(&mut d),
                    Err(e) => return Err(e),
                }
            }
            if !errors.is_empty() {
                return Err(Error::Input(errors));
            }
            emit(
                c,
                &Document::Estimates {
                    kind: Kind::Estimate,
                    scenarios: reports,
                    totals: c.totals,
                },
            )
        }
        Command::Compare { scenarios } => {
            let loaded = load_scenarios(scenarios)?;
            let mut reports = Vec::with_capacity(loaded.len());
            for s in &loaded {
                let cmp = compare(s, &book, opts)?;
                reports.push(ScenarioReport {
                    scenario: s,
                    estimates: cmp.estimates,
                    not_applicable: cmp.not_applicable,
                    current: cmp.current,
                });
            }
            emit(
                c,
                &Document::Estimates {
                    kind: Kind::Compare,
                    scenarios: reports,
                    totals: c.totals,
                },
            )
        }
        Command::Recommend { scenarios, top } => {
            let loaded = load_scenarios(scenarios)?;
            let mut items = Vec::with_capacity(loaded.len());
            for s in &loaded {
                items.push((
                    s,
                    crate::recommend::recommend(s, &book, opts, *top as usize)?,
                ));
            }
            emit(c, &Document::Recommend(items))
        }
        Command::Architectures => emit(c, &Document::Architectures),
        Command::Prices {
            command: PricesCommand::List,
        } => emit(c, &Document::PriceList(&book)),
        Command::Prices {
            command: PricesCommand::Show { region },
        } => {
            if book.region(region).is_none() {
                let have: Vec<&str> = book.tables.keys().map(String::as_str).collect();
                return Err(Error::Usage(format!(
                    "no price table for Region `{region}`; priced Regions: {}",
                    have.join(", ")
                )));
            }
            emit(c, &Document::PriceShow(&book, region))
        }
        Command::Validate { scenarios } => {
            // Every file is checked to the end (syntax, keys, Region, layout), problems of all
            // files reported together.
            let mut errors = Vec::new();
            let mut valid = Vec::new();
            for path in scenarios {
                let checked = crate::load_scenario(path).and_then(|s| {
                    crate::table_for(&s, &book)?;
                    if s.layout.is_some() {
                        estimate_scenario(&s, &book, None, opts)?;
                    }
                    Ok(s)
                });
                match checked {
                    Ok(s) => valid.push(s.path),
                    Err(Error::Input(mut d)) => errors.append(&mut d),
                    Err(e) => return Err(e),
                }
            }
            if !errors.is_empty() {
                return Err(Error::Input(errors));
            }
            emit(c, &Document::Validated(valid))
        }
    }
}

/// Writes the report to stdout or, atomically, to `--output`.
fn emit(c: &Common, doc: &Document<'_>) -> Result<(), Error> {
    match c.output.as_deref() {
        None => write_stdout(doc, c.format),
        Some(p) if p == Path::new("-") => write_stdout(doc, c.format),
        Some(path) => write_atomically(path, |w| render(doc, c.format, w)),
    }
}

fn write_stdout(doc: &Document<'_>, format: Format) -> Result<(), Error> {
    let stdout = io::stdout();
    let mut w = BufWriter::new(stdout.lock());
    match render(doc, format, &mut w).and_then(|()| w.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::Usage(format!(
            "cannot write to standard output: {e}"
        ))),
    }
}

/// Writes through a temporary file in the target's folder, renamed into place only when the
/// whole report is written: a failed run never leaves a partial file.
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), Error> {
    let fail = |e: io::Error| {
        Error::Input(vec![crate::diagnostic::Diagnostic::file(
            &path.display().to_string(),
            format!("cannot write `{}`: {e}", path.display()),
        )])
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(fail(io::Error::new(
            io::ErrorKind::NotFound,
            format!("folder `{}` does not exist", dir.display()),
        )));
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".apigw-cost-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(fail)?;
    {
        let mut w = BufWriter::new(tmp.as_file_mut());
        write(&mut w).and_then(|()| w.flush()).map_err(fail)?;
    }
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}
