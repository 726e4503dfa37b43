//! The command line: clap's raw arguments ([`args`]) checked into a [`request::Request`], one
//! small function per command, and one place where output goes ([`output`]). `run` only
//! dispatches.

mod args;
mod atomic;
mod bill;
mod closed;
mod compare;
mod diff;
mod estimate;
mod help;
mod once;
mod output;
mod prices;
mod recommend;
mod request;
mod scan;
mod signals;
mod sweep;
mod targets;
mod terminal;
mod validate;
mod validate_scanned;

pub use args::{Cli, Command, Common, PricesCommand};
pub use bill::{CalibrateArgs, Dialect, UsageArgs};
pub use help::{command, parse};
pub use output::to_stderr;

use crate::Error;
use request::{Request, Task};

/// Carries out a parsed command line.
pub fn run(cli: Cli) -> Result<(), Error> {
    let Request { ctx, task } = Request::new(cli)?;
    match &task {
        Task::Estimate {
            scenarios,
            architecture,
        } => estimate::estimate(&ctx, scenarios, architecture.as_deref()),
        Task::Compare { scenarios } => compare::compare(&ctx, scenarios),
        Task::Recommend { scenarios, top } => recommend::recommend(&ctx, scenarios, *top),
        Task::Sweep(plan) => sweep::sweep(&ctx, plan),
        Task::Architectures => prices::architectures(&ctx),
        Task::PricesList => prices::list(&ctx),
        Task::PricesShow { region } => prices::show(&ctx, region),
        Task::PricesImport {
            files,
            region,
            all_regions: false,
        } => prices::import(&ctx, files, region.as_deref()),
        Task::PricesImport { files, .. } => prices::import_all(&ctx, files),
        Task::PricesDiff { old, new } => prices::diff(&ctx, old, new),
        Task::Validate { scenarios } => validate::validate(&ctx, scenarios),
        Task::Diff(plan) => diff::diff(&ctx, plan),
        Task::Scan { paths, region } => scan::scan(&ctx, paths, region.as_deref()),
        Task::Completions { shell } => ctx.out.text(&help::completions(*shell)),
        Task::Man => ctx.out.text(&help::man()?),
        Task::Usage(a) => bill::usage(&ctx, a),
        Task::Calibrate(a) => bill::calibrate(&ctx, a),
    }
}
