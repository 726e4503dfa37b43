//! The command line as clap reads it: every flag, its help text and its raw value. Nothing here
//! is checked beyond what clap checks; [`super::request`] turns it into a validated request.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

use crate::report::Format;

/// Cost and sizing calculator for Amazon API Gateway private APIs and private integrations.
#[derive(Debug, Parser)]
#[command(name = "apigw-cost", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub common: Common,
    #[command(subcommand)]
    pub command: Command,
}

/// Options shared by the commands; each says which commands take it, and any other command
/// refuses it (exit 2) rather than ignore it.
#[derive(Debug, Args)]
pub struct Common {
    /// Output format, default table (every command but prices import; xlsx: a workbook of live
    /// formulas for estimate, compare or sweep, written to --output; toml: scan's scenario or prices show's table; aws-usage: estimate's usage
    /// lines for AWS's Pricing Calculator API).
    #[arg(long, global = true, value_enum)]
    pub format: Option<Format>,
    /// Write the report to FILE (atomically: a failed run leaves no partial file); `-` is stdout.
    #[arg(long, global = true, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// A price table file or a folder of them; each adds to and overrides the embedded table of
    /// its Region item by item, so a file holding one `[prices.<item>]` fixes one price
    /// (estimate, compare, recommend, sweep, diff, validate, prices list, prices show).
    #[arg(long, global = true, value_name = "PATH")]
    pub prices: Option<PathBuf>,
    /// Apply API Gateway's first-12-months free tier, for accounts created before 15 July 2025
    /// (estimate, compare, recommend, sweep, diff).
    #[arg(long, global = true)]
    pub free_tier: bool,
    /// Apply AWS's always-free allowances: 100 GB of data transfer out a month, and Lambda's
    /// 1 million requests and 400,000 GB-seconds (estimate, compare, recommend, sweep, diff).
    #[arg(long, global = true)]
    pub always_free: bool,
    /// With --format csv: one row per scenario and layout with its monthly cost (estimate,
    /// compare, recommend).
    #[arg(long, global = true)]
    pub totals: bool,
    /// Price the scenario's usage profile NAME (`[profiles.NAME]`, or `base`) as if it were the
    /// scenario, instead of every profile (estimate, compare, recommend, sweep, diff).
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,
    /// A scenario whose traffic (and any key the code does not fix) completes infrastructure
    /// code given in place of a scenario, or a bill (as `usage` reads) that calibrates each
    /// input as `calibrate` does (estimate, compare, recommend, sweep, scan, diff; for diff a
    /// scenario's [traffic] also replaces that of scenario files, so only the design differs).
    #[arg(long, global = true, value_name = "FILE")]
    pub usage: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Price each scenario's layout (its [layout], or --architecture), with sizing and warnings.
    Estimate {
        /// Scenario files (TOML), or infrastructure code to scan (with --usage for its traffic).
        #[arg(required = true, value_name = "SCENARIO")]
        scenarios: Vec<PathBuf>,
        /// Price this pattern (id or name) instead of the scenario's [layout].
        #[arg(long, short = 'a', value_name = "ID")]
        architecture: Option<String>,
    },
    /// Price every whitepaper pattern that can serve each scenario, cheapest first.
    Compare {
        /// Scenario files (TOML), or infrastructure code to scan (with --usage for its traffic).
        #[arg(required = true, value_name = "SCENARIO")]
        scenarios: Vec<PathBuf>,
    },
    /// Search the layout space under each scenario's [requirements]: cheapest layouts first,
    /// each change against the current layout with its saving and reason.
    Recommend {
        /// Scenario files (TOML), or infrastructure code to scan (with --usage for its traffic).
        #[arg(required = true, value_name = "SCENARIO")]
        scenarios: Vec<PathBuf>,
        /// How many layouts to show.
        #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=100))]
        top: u32,
    },
    /// Cost of each pattern as a scenario key varies: one row per step, break-even points found
    /// exactly, optionally a chart.
    #[command(after_help = crate::sweep::keys_help())]
    Sweep {
        /// Scenario file (TOML), or infrastructure code to scan (with --usage for its traffic).
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
        /// Also draw the sweep as an SVG chart to FILE (one --vary only): its name ends in .svg,
        /// or has no extension (a device such as /dev/stdout); any other is refused.
        #[arg(long, value_name = "FILE.svg")]
        chart: Option<PathBuf>,
    },
    /// What a change costs: BEFORE and AFTER each priced for its own layout, the monthly totals
    /// and their difference, every component and input that changed.
    ///
    /// Exit 0 whatever the difference; with --fail-above, exit 3 (after writing the report) when
    /// the monthly cost rises by more than the threshold, with the reason on standard error.
    /// --format markdown is made to be posted as a pull-request comment.
    Diff {
        /// The design before the change: a scenario, or infrastructure code scan reads.
        #[arg(value_name = "BEFORE")]
        before: PathBuf,
        /// The design after the change: a scenario, or infrastructure code scan reads.
        #[arg(value_name = "AFTER")]
        after: PathBuf,
        /// Exit 3 when the monthly cost rises by more than AMOUNT (USD a month, to the cent:
        /// 25, 25.50) or PERCENT of the cost before (5%).
        #[arg(long, value_name = "AMOUNT|PERCENT%", value_parser = crate::diff::Threshold::parse)]
        fail_above: Option<crate::diff::Threshold>,
    },
    /// List the whitepaper patterns: id, name, purpose, billable parts.
    Architectures,
    /// The price book in use.
    Prices {
        #[command(subcommand)]
        command: PricesCommand,
    },
    /// Write the scenario that infrastructure code describes (Terraform, CloudFormation, SAM, CDK).
    ///
    /// Reads Terraform plan or state JSON, CloudFormation or SAM templates, a CDK cloud assembly,
    /// or a folder of them (several paths make one estate), finds the whitepaper pattern in them,
    /// and writes a scenario whose every derived key names the file, line and resource it came
    /// from; --format json gives the findings (derived, assumed, unknown, not modelled).
    Scan {
        /// Terraform plan/state JSON, CloudFormation/SAM templates, cdk.out, or folders.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// The Region the templates deploy to, when the code does not say.
        #[arg(long, value_name = "REGION")]
        region: Option<String>,
    },
    /// Read a bill (CUR, CUR 2.0, FOCUS, Cost Explorer): billed usage per month, Region and
    /// component, with the price book's cost of it.
    Usage(super::bill::UsageArgs),
    /// Set a scenario's volumes from a bill: writes the calibrated scenario to --output and
    /// reports estimate against actual per component for the bill's period.
    Calibrate(super::bill::CalibrateArgs),
    /// Check scenario files and report every problem, not only the first.
    Validate {
        /// Scenario files (TOML), or infrastructure code: scanned, then its scenario checked.
        #[arg(required = true, value_name = "SCENARIO")]
        scenarios: Vec<PathBuf>,
    },
    /// Print a shell completion script, e.g. `apigw-cost completions bash > apigw-cost.bash`.
    Completions {
        /// The shell: bash, zsh, fish, powershell or elvish.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), every subcommand included: `apigw-cost man | man -l -`.
    Man,
}

#[derive(Debug, Subcommand)]
pub enum PricesCommand {
    /// Regions in the book: how complete each is, what it lacks, the dates of its data.
    List,
    /// Every price of one Region with unit, tiers and source.
    Show {
        /// Region code, e.g. us-east-1.
        region: String,
    },
    /// Build price tables from AWS price data: Price List files or pricing-page JSON, one Region
    /// or --all-regions.
    ///
    /// Reads, in any mix (told apart by content): AWS Price List bulk offer files (index.csv or
    /// index.json of AmazonApiGateway, AmazonVPC, AWSELB, AWSCloudMap, AmazonRoute53, AWSLambda
    /// and AWSDataTransfer); the JSON AWS's pricing pages load (meteredUnitMaps: apigateway, vpc,
    /// elb, cloudmap, route53, lambda, natgateway, waf, directconnect); the derived
    /// data-transfer-out tiers. Keeps on-demand USD rates and every tier as the data gives them.
    /// Items the files lack are listed, never guessed. Writes one table to --output (atomically)
    /// or standard output; with --all-regions, one <region>.toml per Region into the --output
    /// folder.
    Import {
        /// Price data files: Price List CSV or JSON, pricing-page JSON, derived data-transfer JSON.
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
