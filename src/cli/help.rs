//! The command line as clap builds it, shaped for people: the shared options are global (so
//! they may come before or after the command), yet each subcommand's `--help`, the man page and
//! the completions list only the ones that command takes.

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{CommandFactory, FromArgMatches, ValueEnum};

use super::args::Cli;
use super::request::takes;
use crate::report::Format;

/// The shared options by id, as clap names the fields of [`super::Common`].
const SHARED: &[(&str, &str)] = &[
    ("format", "--format"),
    ("output", "--output"),
    ("prices", "--prices"),
    ("free_tier", "--free-tier"),
    ("always_free", "--always-free"),
    ("totals", "--totals"),
    ("profile", "--profile"),
    ("usage", "--usage"),
];

/// The whole command line, for parsing: the shared options global, each subcommand's help
/// showing only the ones it takes.
pub fn command() -> clap::Command {
    let mut cmd = Cli::command();
    cmd.build();
    for_each_command(cmd, "", &|sub, path, takes_it| {
        // In place (`mut_args`), not `mut_arg`: on a built command that reorders the arguments
        // and leaves clap's index of their flags pointing at the wrong ones.
        sub.mut_args(|a| match SHARED.iter().find(|(id, _)| a.get_id() == *id) {
            Some((_, flag)) => {
                let hide = !takes_it(flag) || a.is_hide_set();
                shaped(a, path).hide(hide)
            }
            None => a,
        })
    })
}

/// The command line as the man page and the completions describe it: each command with the
/// shared options it takes as its own (clap's completions would offer hidden ones too).
pub fn documented() -> clap::Command {
    let root = Cli::command();
    let shared: Vec<clap::Arg> = root
        .get_arguments()
        .filter(|a| a.is_global_set())
        .cloned()
        .collect();
    let root = root.mut_args(|a| a.global(false));
    for_each_command(root, "", &|mut sub, path, takes_it| {
        for (arg, (_, flag)) in shared.iter().zip(SHARED) {
            if takes_it(flag) {
                sub = sub.arg(shaped(arg.clone().global(false), path));
            }
        }
        sub
    })
}

/// Whether the command named `path` takes the shared option `flag`.
type Takes<'a> = &'a dyn Fn(&str) -> bool;

/// `cmd` with `f` applied to each of its subcommands, at every depth, given the subcommand's
/// path (`prices show`) and whether it takes a shared option (a group such as `prices`: whether
/// all its members take it).
fn for_each_command(
    mut cmd: clap::Command,
    path: &str,
    f: &dyn Fn(clap::Command, &str, Takes<'_>) -> clap::Command,
) -> clap::Command {
    let children: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .filter(|name| name != "help")
        .collect();
    for child in &children {
        let full = if path.is_empty() {
            child.clone()
        } else {
            format!("{path} {child}")
        };
        cmd = cmd.mut_subcommand(child, |c| for_each_command(c, &full, f));
    }
    if path.is_empty() {
        return cmd;
    }
    let takes_it = |flag: &str| {
        if children.is_empty() {
            takes(flag, path)
        } else {
            children.iter().all(|c| takes(flag, &format!("{path} {c}")))
        }
    };
    f(cmd, path, &takes_it)
}

/// A shared option as the command `path` takes it: `--format` with the command's own formats.
fn shaped(a: clap::Arg, path: &str) -> clap::Arg {
    match formats(path) {
        Some((names, help)) if a.get_id() == "format" => a.help(help).value_parser(
            PossibleValuesParser::new(names).try_map(|s| Format::from_str(&s, false)),
        ),
        _ => a,
    }
}

/// The formats the command named `path` writes, and the help of its `--format`.
fn formats(path: &str) -> Option<(&'static [&'static str], &'static str)> {
    const WORKBOOK: &str = "Output format, default table; xlsx: a workbook of live formulas, \
        written to --output";
    const PLAIN: &str = "Output format, default table";
    Some(match path {
        "estimate" => (
            &["table", "csv", "json", "markdown", "xlsx", "aws-usage"][..],
            "Output format, default table; xlsx: a workbook of live formulas, written to \
             --output; aws-usage: the estimate as usage lines for AWS's Pricing Calculator API",
        ),
        "compare" | "sweep" => (&["table", "csv", "json", "markdown", "xlsx"][..], WORKBOOK),
        "prices show" => (
            &["table", "csv", "json", "markdown", "toml"][..],
            "Output format, default table; toml: the table as a price table file, to fix and \
             pass back with --prices",
        ),
        "scan" => (
            &["toml", "json"][..],
            "Output format, default toml: the scenario, each derived key with its origin; json: \
             the findings (derived, assumed, unknown, not modelled)",
        ),
        _ if takes("--format", path) => (&["table", "csv", "json", "markdown"][..], PLAIN),
        _ => return None,
    })
}

/// Parses the process's arguments (exiting with clap's message and code 2 on a usage error).
pub fn parse() -> Cli {
    let matches = command()
        .try_get_matches()
        .unwrap_or_else(|e| exit_with(&e));
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| exit_with(&e))
}

/// Exits as clap would, except that help or a version for a standard output closed at start
/// (`apigw-cost --help >&-`) is a write failure, exit 1, as for every report.
fn exit_with(e: &clap::Error) -> ! {
    use clap::error::ErrorKind::{DisplayHelp, DisplayVersion};
    if matches!(e.kind(), DisplayHelp | DisplayVersion) && super::closed::stdout_closed() {
        super::to_stderr(&super::closed::closed_error());
        std::process::exit(1);
    }
    e.exit()
}

/// The completion script for `shell`.
pub fn completions(shell: clap_complete::Shell) -> String {
    let mut cmd = documented();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "apigw-cost", &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// The man page: the command's own page, then one page per subcommand (`apigw-cost-estimate`,
/// `apigw-cost-prices-show`, ...), so every option of every command is documented.
pub fn man() -> Result<String, crate::Error> {
    let mut out = Vec::new();
    let mut cmd = documented();
    cmd.build();
    page(&cmd, &mut out)?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// Renders `cmd`'s page, then its subcommands' pages, into `out`.
fn page(cmd: &clap::Command, out: &mut Vec<u8>) -> Result<(), crate::Error> {
    clap_mangen::Man::new(cmd.clone())
        .render(out)
        .map_err(|e| crate::Error::Usage(format!("cannot write the man page: {e}")))?;
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        page(sub, out)?;
    }
    Ok(())
}
