//! The command line checked and settled before any command runs: the price book loaded, the
//! engine options and the output fixed, each command's arguments validated into a [`Task`]. A
//! command then only does its job; every refusal of a bad command line is made here.

use std::path::{Path, PathBuf};

use super::args::{Cli, Command, Common, PricesCommand};
use super::output::Output;
use super::sweep::SweepPlan;
use super::targets::{self, Target};
use crate::Error;
use crate::engine::Options;
use crate::pricing::{PriceBook, load_path};
use crate::report::Format;

/// What every command runs with.
pub struct Context {
    pub book: PriceBook,
    pub opts: Options,
    pub out: Output,
    /// `--profile NAME`: the one usage profile to price as the scenario.
    pub profile: Option<String>,
    /// `--usage`: the traffic of infrastructure-code inputs (a scenario), or a bill that
    /// calibrates every input.
    pub usage: Option<crate::iac::Usage>,
}

impl Context {
    /// Reads every input it can (scenario files, or infrastructure code completed by
    /// `--usage`, the scans' notes said), each as `--profile` makes it: the good ones, and the
    /// problems of the others (reported after the good ones are priced and printed).
    pub fn load(
        &self,
        paths: &[std::path::PathBuf],
    ) -> Result<
        (
            Vec<crate::scenario::Scenario>,
            Vec<crate::diagnostic::Diagnostic>,
        ),
        Error,
    > {
        crate::error::partition_all(paths, |p| {
            let (s, notes) = crate::iac::load_input_noted(p, self.usage.as_ref())?;
            self.out.notes(notes);
            crate::select_profile(s, self.profile.as_deref())
        })
    }

    /// Warns on standard error, in one line, of the `--prices` tables whose Region none of
    /// `regions` (the scenarios') is: their prices are not used, which may be a mistake.
    pub fn warn_unused_prices<'a>(&self, regions: impl IntoIterator<Item = &'a str>) {
        let used: Vec<&str> = regions.into_iter().collect();
        let unused: Vec<(&str, &str)> = self
            .book
            .tables
            .given()
            .filter(|t| !used.contains(&t.region.as_str()))
            .filter_map(|t| Some((t.region.as_str(), t.given_file()?)))
            .collect();
        self.out.notes(unused_prices(&unused));
    }
}

/// The warning about `--prices` tables, (Region, file), that no scenario uses: one line whatever
/// their number, the folder named once when they share one (`--prices FOLDER`).
fn unused_prices(unused: &[(&str, &str)]) -> Option<String> {
    let head = "warning: no scenario is in";
    match unused {
        [] => None,
        [(region, file)] => Some(format!(
            "{head} {region}, the Region of the --prices table {file}, so its prices are not used"
        )),
        [(_, first), ..] => {
            let folder = Path::new(first).parent();
            let shared = unused.iter().all(|(_, f)| Path::new(f).parent() == folder);
            let (place, names): (String, Vec<String>) = match folder {
                Some(dir) if shared => (
                    format!(" in {}", dir.display()),
                    unused.iter().map(|(r, _)| (*r).to_owned()).collect(),
                ),
                _ => (
                    String::new(),
                    unused.iter().map(|(r, f)| format!("{r} ({f})")).collect(),
                ),
            };
            Some(format!(
                "{head} {} Regions of the --prices tables{place}, so their prices are not used: {}",
                unused.len(),
                names.join(", ")
            ))
        }
    }
}

/// One command, its arguments validated.
pub enum Task {
    Estimate {
        scenarios: Vec<PathBuf>,
        architecture: Option<String>,
    },
    Compare {
        scenarios: Vec<PathBuf>,
    },
    Recommend {
        scenarios: Vec<PathBuf>,
        top: usize,
    },
    Sweep(SweepPlan),
    Architectures,
    PricesList,
    PricesShow {
        region: String,
    },
    PricesImport {
        files: Vec<PathBuf>,
        region: Option<String>,
        all_regions: bool,
    },
    PricesDiff {
        old: PathBuf,
        new: PathBuf,
    },
    Validate {
        scenarios: Vec<PathBuf>,
    },
    Diff(super::diff::DiffPlan),
    Scan {
        paths: Vec<PathBuf>,
        region: Option<String>,
    },
    Completions {
        shell: clap_complete::Shell,
    },
    Man,
    Usage(super::bill::UsageArgs),
    Calibrate(super::bill::CalibrateArgs),
}

/// A command line ready to run.
pub struct Request {
    pub ctx: Context,
    pub task: Task,
}

impl Request {
    /// Checks the options every command shares, loads the price book (the embedded one, with
    /// `--prices` over it), then checks the command's own arguments.
    pub fn new(cli: Cli) -> Result<Request, Error> {
        let Cli { common, command } = cli;
        check_applicable(&common, &command)?;
        let format = common.format.unwrap_or(Format::Table);
        if common.totals && format != Format::Csv {
            return Err(Error::Usage("--totals goes with --format csv".into()));
        }
        check_targets(&common, &command)?;
        if let Command::Sweep { chart: Some(p), .. } = &command {
            chart_is_svg(p)?;
        }
        let book = price_book(&common)?;
        let opts = Options {
            free_tier: common.free_tier,
            always_free: common.always_free,
            ..Options::default()
        };
        let chart = match &command {
            Command::Sweep { chart, .. } => chart.clone(),
            _ => None,
        };
        scan_format(&command, format)?;
        let usage = common
            .usage
            .as_deref()
            .map(|p| crate::iac::Usage::read(p, &book, opts))
            .transpose()?;
        let out = Output::new(format, common.totals, common.output, chart);
        if out.format == Format::Xlsx {
            workbook_args(&command, &out)?;
        }
        if out.format == Format::AwsUsage && !matches!(command, Command::Estimate { .. }) {
            return Err(Error::Usage("--format aws-usage goes with estimate".into()));
        }
        let task = Task::new(command, &out)?;
        Ok(Request {
            ctx: Context {
                book,
                opts,
                out,
                profile: common.profile,
                usage,
            },
            task,
        })
    }
}

/// The commands that price, and so take `--free-tier` and `--always-free`.
const PRICING: &[&str] = &[
    "estimate",
    "compare",
    "recommend",
    "sweep",
    "diff",
    "calibrate",
];
/// The commands that price a usage profile, and so take `--profile`.
const PROFILED: &[&str] = &["estimate", "compare", "recommend", "sweep", "diff"];
/// The commands that read the price book, and so take `--prices`.
const BOOK: &[&str] = &[
    "estimate",
    "compare",
    "recommend",
    "sweep",
    "diff",
    "validate",
    "prices list",
    "prices show",
    "usage",
    "calibrate",
];
/// The commands that write a report in a chosen format (`prices import` writes a price table).
const FORMATTED: &[&str] = &[
    "estimate",
    "compare",
    "recommend",
    "sweep",
    "diff",
    "architectures",
    "prices list",
    "prices show",
    "prices diff",
    "validate",
    "scan",
    "usage",
    "calibrate",
];
/// The commands that read infrastructure code, and so take `--usage`.
const USAGE: &[&str] = &["estimate", "compare", "recommend", "sweep", "scan", "diff"];
/// The commands that take `--totals`.
const TOTALS: &[&str] = &["estimate", "compare", "recommend"];

/// Whether the command named `name` (`estimate`, `prices show`) takes the shared option `flag`
/// (`--prices`): what its `--help` lists, and what is refused elsewhere.
pub fn takes(flag: &str, name: &str) -> bool {
    let applies: &[&str] = match flag {
        "--format" => FORMATTED,
        "--prices" => BOOK,
        "--free-tier" | "--always-free" => PRICING,
        "--totals" => TOTALS,
        "--profile" => PROFILED,
        "--usage" => USAGE,
        _ => return true,
    };
    applies.contains(&name)
}

/// The command's name as users type it: `estimate`, `prices import`.
fn command_name(command: &Command) -> &'static str {
    match command {
        Command::Estimate { .. } => "estimate",
        Command::Compare { .. } => "compare",
        Command::Recommend { .. } => "recommend",
        Command::Sweep { .. } => "sweep",
        Command::Architectures => "architectures",
        Command::Validate { .. } => "validate",
        Command::Diff { .. } => "diff",
        Command::Scan { .. } => "scan",
        Command::Completions { .. } => "completions",
        Command::Man => "man",
        Command::Usage(_) => "usage",
        Command::Calibrate(_) => "calibrate",
        Command::Prices { command } => match command {
            PricesCommand::List => "prices list",
            PricesCommand::Show { .. } => "prices show",
            PricesCommand::Import { .. } => "prices import",
            PricesCommand::Diff { .. } => "prices diff",
        },
    }
}

/// Refuses a shared flag given to a command it has no effect on (`validate --free-tier`), naming
/// the commands it applies to: a flag accepted and ignored would mislead.
fn check_applicable(common: &Common, command: &Command) -> Result<(), Error> {
    let name = command_name(command);
    let given = [
        ("--format", common.format.is_some(), FORMATTED),
        ("--prices", common.prices.is_some(), BOOK),
        ("--free-tier", common.free_tier, PRICING),
        ("--always-free", common.always_free, PRICING),
        ("--totals", common.totals, TOTALS),
        ("--profile", common.profile.is_some(), PROFILED),
        ("--usage", common.usage.is_some(), USAGE),
    ];
    match given
        .iter()
        .find(|(_, set, applies)| *set && !applies.contains(&name))
    {
        Some((flag, _, applies)) => Err(Error::Usage(format!(
            "{flag} applies to {}, not to {name}",
            words_list(applies)
        ))),
        None => Ok(()),
    }
}

/// `a, b and c`.
fn words_list(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// `scan` writes a scenario (`toml`, its default) or its findings (`json`); `prices show` writes
/// a price table file with `toml`; no other command writes TOML.
fn scan_format(command: &Command, format: Format) -> Result<(), Error> {
    match (command_name(command), format) {
        ("scan", Format::Table | Format::Toml | Format::Json) | ("prices show", _) => Ok(()),
        ("scan", _) => Err(Error::Usage(
            "scan writes --format toml (a scenario) or json".into(),
        )),
        (name, Format::Toml) => Err(Error::Usage(format!(
            "--format toml applies to scan (a scenario) and prices show (a price table file), \
             not to {name}"
        ))),
        _ => Ok(()),
    }
}

/// `--format xlsx` writes one scenario's workbook of `estimate`, `compare` or `sweep` to a file.
fn workbook_args(command: &Command, out: &Output) -> Result<(), Error> {
    let scenarios = match command {
        Command::Estimate { scenarios, .. } | Command::Compare { scenarios } => scenarios.len(),
        Command::Sweep { .. } => 1,
        _ => {
            return Err(Error::Usage(
                "--format xlsx goes with estimate, compare and sweep".into(),
            ));
        }
    };
    match out.path() {
        None => {
            return Err(Error::Usage(
                "--format xlsx writes a workbook, not text: give --output FILE.xlsx".into(),
            ));
        }
        Some(p) if super::terminal::is_terminal(p) => {
            return Err(Error::Usage(format!(
                "--format xlsx writes a workbook, not text: --output {} is a terminal; give \
                 --output FILE.xlsx",
                p.display()
            )));
        }
        Some(_) => {}
    }
    if scenarios > 1 {
        return Err(Error::Usage(format!(
            "--format xlsx takes one scenario (a workbook names its input cells once), found \
             {scenarios}: run once per scenario, each with its own --output"
        )));
    }
    Ok(())
}

/// `--chart` draws SVG: a file named for another format (`chart.png`) would hold SVG under the
/// wrong name, so it is refused. A name without an extension (`/dev/stdout`, a pipe) is taken.
fn chart_is_svg(path: &Path) -> Result<(), Error> {
    match path.extension() {
        Some(ext) if !ext.eq_ignore_ascii_case("svg") => Err(Error::Usage(format!(
            "--chart draws an SVG image, so its file must end in .svg, not .{}: give --chart {}",
            ext.to_string_lossy(),
            path.with_extension("svg").display()
        ))),
        _ => Ok(()),
    }
}

/// Refuses an `--output` or `--chart` that is one of the files the command reads, or both
/// naming one file: before anything is read or written.
fn check_targets(common: &Common, command: &Command) -> Result<(), Error> {
    let mut targets = Vec::new();
    if let Some(p) = common.output.as_deref().filter(|p| *p != Path::new("-")) {
        targets.push(Target {
            flag: "--output",
            path: p,
        });
    }
    if let Command::Sweep { chart: Some(p), .. } = command {
        targets.push(Target {
            flag: "--chart",
            path: p,
        });
    }
    let mut inputs: Vec<&Path> = common.prices.iter().map(PathBuf::as_path).collect();
    match command {
        Command::Estimate { scenarios, .. }
        | Command::Compare { scenarios }
        | Command::Recommend { scenarios, .. }
        | Command::Validate { scenarios } => inputs.extend(scenarios.iter().map(PathBuf::as_path)),
        Command::Sweep { scenario, .. } => inputs.push(scenario),
        Command::Diff { before, after, .. } => {
            inputs.extend([before, after].into_iter().map(PathBuf::as_path))
        }
        Command::Prices {
            command: PricesCommand::Import { files, .. },
        } => inputs.extend(files.iter().map(PathBuf::as_path)),
        Command::Prices {
            command: PricesCommand::Diff { old, new },
        } => inputs.extend([old.as_path(), new.as_path()]),
        Command::Scan { paths, .. } => inputs.extend(paths.iter().map(PathBuf::as_path)),
        Command::Usage(a) => inputs.extend(a.bills.iter().map(PathBuf::as_path)),
        Command::Calibrate(a) => {
            inputs.push(&a.scenario);
            inputs.extend(a.bill.iter().map(PathBuf::as_path));
        }
        Command::Architectures
        | Command::Prices { .. }
        | Command::Completions { .. }
        | Command::Man => {}
    }
    targets::check(&targets, &inputs)
}

/// The embedded price book, with the `--prices` tables laid over it item by item.
fn price_book(common: &Common) -> Result<PriceBook, Error> {
    let mut book = PriceBook::embedded();
    if let Some(p) = &common.prices {
        book.overlay(load_path(p)?);
    }
    Ok(book)
}

impl Task {
    fn new(command: Command, out: &Output) -> Result<Task, Error> {
        Ok(match command {
            Command::Estimate {
                scenarios,
                architecture,
            } => Task::Estimate {
                scenarios,
                architecture,
            },
            Command::Compare { scenarios } => Task::Compare { scenarios },
            Command::Recommend { scenarios, top } => Task::Recommend {
                scenarios,
                top: top as usize,
            },
            Command::Sweep {
                scenario,
                vary,
                steps,
                log,
                chart: _,
            } => Task::Sweep(SweepPlan::new(scenario, &vary, steps, log, out)?),
            Command::Architectures => Task::Architectures,
            Command::Prices { command } => match command {
                PricesCommand::List => Task::PricesList,
                PricesCommand::Show { region } => Task::PricesShow { region },
                PricesCommand::Import {
                    files,
                    region,
                    all_regions,
                } => Task::PricesImport {
                    files,
                    region,
                    all_regions,
                },
                PricesCommand::Diff { old, new } => Task::PricesDiff { old, new },
            },
            Command::Validate { scenarios } => Task::Validate { scenarios },
            Command::Diff {
                before,
                after,
                fail_above,
            } => Task::Diff(super::diff::DiffPlan {
                before,
                after,
                fail_above,
            }),
            Command::Scan { paths, region } => Task::Scan { paths, region },
            Command::Completions { shell } => Task::Completions { shell },
            Command::Man => Task::Man,
            Command::Usage(a) => Task::Usage(a),
            Command::Calibrate(a) => Task::Calibrate(a),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::unused_prices;

    #[test]
    fn unused_price_tables_are_named_in_one_line() {
        assert_eq!(unused_prices(&[]), None);
        assert_eq!(
            unused_prices(&[("eu-central-1", "new.toml")]).unwrap(),
            "warning: no scenario is in eu-central-1, the Region of the --prices table new.toml, \
             so its prices are not used"
        );
        let folder: Vec<(String, String)> = ["af-south-1", "ap-east-1", "us-west-2"]
            .iter()
            .map(|r| (r.to_string(), format!("my-prices/{r}.toml")))
            .collect();
        let folder: Vec<(&str, &str)> = folder.iter().map(|(r, f)| (&r[..], &f[..])).collect();
        assert_eq!(
            unused_prices(&folder).unwrap(),
            "warning: no scenario is in 3 Regions of the --prices tables in my-prices, so their \
             prices are not used: af-south-1, ap-east-1, us-west-2"
        );
        let mixed = [("eu-west-1", "a/eu-west-1.toml"), ("eu-west-2", "b.toml")];
        assert_eq!(
            unused_prices(&mixed).unwrap(),
            "warning: no scenario is in 2 Regions of the --prices tables, so their prices are not \
             used: eu-west-1 (a/eu-west-1.toml), eu-west-2 (b.toml)"
        );
    }
}
