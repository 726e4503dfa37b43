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
    /// Cost of each pattern as a scenario key varies: one row per step, break-even points found
    /// exactly, optionally a chart.
    Sweep {
        /// Scenario file (TOML).
        #[arg(value_name = "SCENARIO")]
        scenario: PathBuf,
        /// KEY=FROM..TO, e.g. traffic.requests_per_month=1e5..1e11; twice for a grid.
        #[arg(long, required = true, value_name = "KEY=FROM..TO")]
        vary: Vec<String>,
        /// Steps per varied key (whole-number keys may take fewer).
        #[arg(long, default_value_t = 21)]
        steps: u32,
        /// Space the steps evenly on a log scale (and draw log axes).
        #[arg(long)]
        log: bool,
        /// Also draw the sweep as an SVG chart to FILE (one --vary only).
        #[arg(long, value_name = "FILE.svg")]
        chart: Option<PathBuf>,
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
    /// Build a price table (TOML) from AWS Price List bulk offer files you have downloaded.
    ///
    /// Reads index.csv or index.json of AmazonApiGateway, AmazonVPC, AWSELB, AWSCloudMap,
    /// AmazonRoute53, AWSLambda and AWSDataTransfer; keeps on-demand USD rates and every tier as
    /// the files give them. Items the files lack are listed, never guessed. Writes TOML to
    /// --output (atomically) or standard output; --format does not apply.
    Import {
        /// Offer files (CSV or JSON).
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// The Region to import, e.g. us-east-1 (needed when the files price several Regions).
        #[arg(long, value_name = "REGION")]
        region: Option<String>,
        /// Import every Region the files price, one <region>.toml each into the --output folder.
        #[arg(long, conflicts_with = "region")]
        all_regions: bool,
    },
    /// Show added, removed and changed prices and tiers between two price tables (or folders).
    Diff {
        /// The price table (or folder of tables) before.
        old: PathBuf,
        /// The price table (or folder of tables) after.
        new: PathBuf,
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
        lean: false,
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
        Command::Sweep {
            scenario,
            vary,
            steps,
            log,
            chart,
        } => sweep(
            c,
            &book,
            opts,
            scenario,
            vary,
            *steps,
            *log,
            chart.as_deref(),
        ),
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
        Command::Prices {
            command:
                PricesCommand::Import {
                    files,
                    all_regions: true,
                    ..
                },
        } => crate::pricing::import::write_all_regions(files, c.output.as_deref())
            .map(|notes| notes.iter().for_each(|line| eprintln!("{line}"))),
        Command::Prices {
            command: PricesCommand::Import { files, region, .. },
        } => {
            let imported = crate::pricing::import::import_files(files, region.as_deref())?;
            let text = imported.to_checked_toml()?;
            write_text(c, &text)?;
            for line in imported.notes() {
                eprintln!("{line}");
            }
            Ok(())
        }
        Command::Prices {
            command: PricesCommand::Diff { old, new },
        } => {
            let (old_book, new_book) = match (load_path(old), load_path(new)) {
                (Ok(a), Ok(b)) => (a, b),
                (Err(Error::Input(mut a)), Err(Error::Input(mut b))) => {
                    a.append(&mut b);
                    return Err(Error::Input(a));
                }
                (Err(e), _) | (_, Err(e)) => return Err(e),
            };
            let diff = crate::pricing::diff::diff(
                &old_book,
                &new_book,
                &old.display().to_string(),
                &new.display().to_string(),
            );
            emit(c, &Document::PriceDiff(&diff))
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

/// The most sweep steps the table format lays out (the streaming formats have no limit).
const TABLE_STEPS: u64 = 10_000;

#[allow(clippy::too_many_arguments)]
fn sweep(
    c: &Common,
    book: &PriceBook,
    opts: Options,
    path: &Path,
    vary: &[String],
    steps: u32,
    log: bool,
    chart: Option<&Path>,
) -> Result<(), Error> {
    use crate::sweep::{Sink, Tee, parse_vary, run};
    if vary.len() > 2 {
        return Err(Error::Usage(
            "--vary may be given at most twice (a grid)".into(),
        ));
    }
    if chart.is_some() && vary.len() != 1 {
        return Err(Error::Usage("--chart draws a sweep over one --vary".into()));
    }
    if c.totals {
        return Err(Error::Usage("--totals does not apply to sweep".into()));
    }
    let vary: Vec<_> = vary
        .iter()
        .map(|v| parse_vary(v, steps, log))
        .collect::<Result<_, _>>()?;
    if vary.len() == 2 && vary[0].key.name == vary[1].key.name {
        return Err(Error::Usage(format!(
            "--vary {} is given twice",
            vary[0].key.name
        )));
    }
    let total: u64 = vary.iter().map(|v| u64::from(v.steps)).product();
    // A table is laid out only once every row is known, so it holds the whole sweep.
    if c.format == Format::Table && total > TABLE_STEPS {
        return Err(Error::Usage(format!(
            "{total} steps are too many for a table (at most {TABLE_STEPS}): use --format csv, json or markdown, which stream"
        )));
    }
    let s = crate::load_scenario(path)?;
    let table = crate::table_for(&s, book)?;
    let bar =
        (std::io::IsTerminal::is_terminal(&std::io::stderr()) && total >= 20_000).then(|| {
            let b = indicatif::ProgressBar::new(total);
            b.set_style(
                indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} steps, {eta} left")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            b
        });
    let mut chart_sink = chart.map(|_| {
        crate::report::svg::Chart::new(&s.name, vary[0].key.name, log, vary[0].steps as usize)
    });
    let mut outcome = Ok(());
    let mut write = |w: &mut dyn Write| -> io::Result<()> {
        let mut sink: Box<dyn Sink + '_> = match c.format {
            Format::Csv => Box::new(crate::report::csv::SweepCsv::new(w)),
            Format::Json => Box::new(crate::report::json::SweepJson::new(w, &s, &vary)?),
            Format::Markdown => Box::new(crate::report::markdown::SweepMarkdown::new(w)),
            Format::Table => Box::new(crate::report::table::SweepTable::new(w)),
        };
        let progress = |n: u64| {
            if let Some(b) = &bar {
                b.set_position(n);
            }
        };
        let result = match &mut chart_sink {
            Some(ch) => run(
                &s,
                table,
                opts,
                &vary,
                &mut Tee(sink.as_mut(), ch),
                progress,
            ),
            None => run(&s, table, opts, &vary, sink.as_mut(), progress),
        };
        if let Err(e) = result {
            outcome = Err(e);
            return Err(io::Error::other("sweep failed"));
        }
        Ok(())
    };
    let written = match c.output.as_deref() {
        Some(p) if p != Path::new("-") => write_atomically(p, &mut write),
        _ => to_stdout(&mut write),
    };
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    outcome?;
    written?;
    if let (Some(path), Some(ch)) = (chart, &chart_sink) {
        write_atomically(path, |w| ch.render(w))?;
    }
    Ok(())
}

/// Writes the report to stdout or, atomically, to `--output`.
fn emit(c: &Common, doc: &Document<'_>) -> Result<(), Error> {
    match c.output.as_deref() {
        None => write_stdout(doc, c.format),
        Some(p) if p == Path::new("-") => write_stdout(doc, c.format),
        Some(path) => write_atomically(path, |w| render(doc, c.format, w)),
    }
}

/// Writes text that is not a report (an imported price table) to stdout or, atomically, to
/// `--output`.
fn write_text(c: &Common, text: &str) -> Result<(), Error> {
    match c.output.as_deref() {
        Some(path) if path != Path::new("-") => {
            write_atomically(path, |w| w.write_all(text.as_bytes()))
        }
        _ => to_stdout(|w| w.write_all(text.as_bytes())),
    }
}

fn write_stdout(doc: &Document<'_>, format: Format) -> Result<(), Error> {
    to_stdout(|w| render(doc, format, w))
}

fn to_stdout(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<(), Error> {
    let stdout = io::stdout();
    let mut w = BufWriter::new(stdout.lock());
    match write(&mut w).and_then(|()| w.flush()) {
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
    // Only a regular file can be replaced atomically. A device, pipe or terminal (`/dev/null`,
    // `/dev/stdout`, a FIFO) is written in place: renaming over it would destroy it. A symlink
    // to a regular file is followed, so the link survives and its target is replaced.
    let resolved;
    let path = match std::fs::metadata(path) {
        Ok(m) if !m.is_file() && !m.is_dir() => {
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(fail)?;
            let mut w = BufWriter::new(&mut file);
            return write(&mut w).and_then(|()| w.flush()).map_err(fail);
        }
        Ok(m) if m.is_file() => {
            resolved = std::fs::canonicalize(path).map_err(fail)?;
            resolved.as_path()
        }
        _ => path,
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
    // A temporary file is private (0600); a report is an ordinary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o777);
        std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(mode))
            .map_err(fail)?;
    }
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn devices_are_written_in_place_never_replaced() {
        let null = Path::new("/dev/null");
        write_atomically(null, |w| w.write_all(b"report\n")).unwrap();
        let meta = std::fs::metadata(null).unwrap();
        assert!(!meta.is_file(), "/dev/null is still a device");
        use std::os::unix::fs::FileTypeExt;
        assert!(meta.file_type().is_char_device());
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_to_a_report_survives_and_its_target_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.csv");
        let link = dir.path().join("link.csv");
        std::fs::write(&real, "old\n").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomically(&link, |w| w.write_all(b"new\n")).unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new\n");
    }

    #[test]
    fn a_full_disk_mid_write_leaves_neither_report_nor_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("bill.csv");
        std::fs::write(&target, "the previous report\n").unwrap();
        let result = write_atomically(&target, |w| {
            w.write_all(b"scenario,architecture\n")?;
            Err(io::Error::new(
                io::ErrorKind::StorageFull,
                "No space left on device",
            ))
        });
        let Err(Error::Input(d)) = result else {
            panic!("a full disk is an error")
        };
        assert_eq!(
            d[0].message,
            format!(
                "cannot write `{}`: No space left on device",
                target.display()
            )
        );
        assert_eq!(
            std::fs::read_to_string(&target).unwrap(),
            "the previous report\n"
        );
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, [std::ffi::OsString::from("bill.csv")]);
    }
}
