//! `--format xlsx` against a real spreadsheet: every shipped scenario's workbook (compare, with
//! and without the free tier, and estimate where the scenario has a layout), recalculated by
//! LibreOffice, gives every `total_<id>` and every line item of the engine to the cent, with no
//! error in any cell; the cached values are the engine's own; a sweep's workbook carries its
//! steps and a log-axis chart. `what_if` edits the input cells inside the file. The CLI's
//! refusals are checked without a spreadsheet.

mod office;
mod profiles;
mod what_if;

use apigw_cost::compare::compare;
use apigw_cost::engine::Options;
use apigw_cost::pricing::PriceBook;
use apigw_cost::{Priced, estimate_scenario, load_scenario};
use calamine::Data;
use std::path::{Path, PathBuf};

use crate::support::{self, shipped, soffice};
use office::Book;

/// The binary, run at the repository's root (the tests name `scenarios/...`).
fn cmd() -> assert_cmd::Command {
    support::cmd_in(support::root())
}

/// The defined-name suffix of a pattern: `R5-alb` → `R5_alb`.
fn stem(id: &str) -> String {
    id.replace('-', "_")
}

/// A decimal as the nearest double (as a spreadsheet reads its text).
fn float(d: rust_decimal::Decimal) -> f64 {
    d.normalize().to_string().parse().unwrap()
}

/// A workbook written by the CLI, and what the engine says it must show.
struct Job {
    file: PathBuf,
    expected: Vec<Priced>,
}

/// Writes `args` to `file` with the CLI; `false` when the CLI refuses (exit 1).
fn export(args: &[&str], file: &Path) -> bool {
    let out = cmd()
        .args(args)
        .args(["--format", "xlsx", "--output"])
        .arg(file)
        .output()
        .unwrap();
    let code = out.status.code();
    assert!(matches!(code, Some(0 | 1)), "{args:?}: {out:?}");
    code == Some(0)
}

/// The compare (with and without the free tier) and estimate workbooks of every shipped scenario.
fn jobs(dir: &Path) -> Vec<Job> {
    let book = PriceBook::embedded();
    let mut jobs = Vec::new();
    for path in shipped() {
        let s = load_scenario(&path).unwrap();
        let p = path.to_str().unwrap();
        let name = path.file_stem().unwrap().to_str().unwrap();
        // Plain, and with both free allowances (API Gateway's free tier, AWS's always free).
        for free_tier in [false, true] {
            let opts = Options {
                free_tier,
                always_free: free_tier,
                lean: false,
            };
            let ft = if free_tier {
                &["--free-tier", "--always-free"][..]
            } else {
                &[]
            };
            let file = dir.join(format!("{name}-compare-{free_tier}.xlsx"));
            assert!(export(&[&["compare", p][..], ft].concat(), &file));
            let expected = compare(&s, &book, opts).unwrap().estimates;
            jobs.push(Job { file, expected });
        }
        if s.layout.is_some() {
            let file = dir.join(format!("{name}-estimate.xlsx"));
            let engine = estimate_scenario(&s, &book, None, Options::default());
            assert_eq!(export(&["estimate", p], &file), engine.is_ok(), "{p}");
            if let Ok(priced) = engine {
                jobs.push(Job {
                    file,
                    expected: vec![priced],
                });
            }
        }
    }
    jobs
}

/// The largest difference between a workbook's figures and the engine's, checked to the cent.
fn check(job: &Job, book: &Book, recalculated: bool) -> f64 {
    let what = job.file.display();
    let mut worst: f64 = 0.0;
    for p in &job.expected {
        let id = p.pattern.id;
        let engine = float(p.estimate.monthly_cost);
        let total = book.number(&format!("total_{}", stem(id)));
        if !recalculated {
            assert_eq!(
                total, engine,
                "{what} {id}: the cached total is the engine's"
            );
        }
        worst = worst.max((total - engine).abs());
        assert!(
            (total - engine).abs() < 0.005,
            "{what} {id}: {total} vs the engine's {engine}"
        );
        let status = book.text(&format!("status_{}", stem(id)));
        assert!(status.starts_with("applies"), "{what} {id}: {status}");
        for (component, cost) in book.line_items(id) {
            let engine = p
                .estimate
                .line_items
                .iter()
                .find(|i| i.component.id() == component)
                .map_or(0.0, |i| float(i.monthly_cost));
            worst = worst.max((cost - engine).abs());
            assert!(
                (cost - engine).abs() < 0.005,
                "{what} {id} {component}: {cost} vs {engine}"
            );
        }
    }
    assert_eq!(book.errors(), Vec::<String>::new(), "{what}");
    worst
}

#[test]
fn every_shipped_scenario_recalculates_to_the_engine() {
    let dir = tempfile::tempdir().unwrap();
    let jobs = jobs(dir.path());
    for job in &jobs {
        check(job, &Book::open(&job.file), false);
    }
    let sweep = dir.path().join("sweep.xlsx");
    sweep_workbook(&sweep);
    let Some(soffice) = soffice() else {
        return;
    };
    let mut files: Vec<PathBuf> = jobs.iter().map(|j| j.file.clone()).collect();
    files.push(sweep);
    let (done, took) = office::recalculate(soffice, &files, &dir.path().join("out"));
    let mut worst: f64 = 0.0;
    for (job, file) in jobs.iter().zip(&done) {
        worst = worst.max(check(job, &Book::open(file), true));
    }
    let swept = Book::open(done.last().unwrap());
    assert_eq!(swept.errors(), Vec::<String>::new(), "the sweep's workbook");
    let totals: usize = jobs.iter().map(|j| j.expected.len()).sum();
    eprintln!(
        "{} workbooks ({totals} totals) recalculated by LibreOffice in {:.1} s; largest \
         difference from the engine ${worst:.2e}",
        files.len(),
        took.as_secs_f64()
    );
}

/// A log sweep's workbook: its steps are the CSV sweep's numbers (which CSV shows to the cent),
/// its chart has log axes.
fn sweep_workbook(file: &Path) {
    let args = [
        "sweep",
        "scenarios/r5-orders-nlb.toml",
        "--vary",
        "traffic.requests_per_month=1e6..1e10",
        "--steps",
        "40",
        "--log",
    ];
    assert!(export(&args, file));
    let csv = cmd().args(args).args(["--format", "csv"]).output().unwrap();
    let csv = String::from_utf8(csv.stdout).unwrap();
    let book = Book::open(file);
    let mut rows = 0;
    for (i, line) in csv
        .lines()
        .skip(1)
        .filter(|l| !l.contains("break-even"))
        .enumerate()
    {
        let cells: Vec<&str> = line.split(',').collect();
        for (c, text) in cells.iter().enumerate().take(cells.len() - 2) {
            let Ok(expected) = text.parse::<f64>() else {
                continue;
            };
            match book.cell("Sweep", 4 + i as u32, c as u32) {
                // The key exactly; costs to the cent, as CSV shows them.
                Data::Float(f) => assert!(
                    (f - expected).abs() <= if c == 0 { 1e-9 * expected } else { 0.005 },
                    "row {i} col {c}: {f} vs {expected}"
                ),
                other => panic!("row {i} col {c}: {other:?} vs {expected}"),
            }
        }
        rows += 1;
    }
    assert_eq!(rows, 40);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(file).unwrap()).unwrap();
    let mut chart = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/charts/chart1.xml").unwrap(),
        &mut chart,
    )
    .unwrap();
    assert_eq!(
        chart.matches("<c:logBase val=\"10\"/>").count(),
        2,
        "x and y on log scales"
    );
    assert!(chart.matches("<c:ser>").count() >= 2, "a line per pattern");
}

#[test]
fn the_cli_refuses_a_workbook_it_cannot_write() {
    let usage = |args: &[&str]| {
        let out = cmd().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        String::from_utf8(out.stderr).unwrap()
    };
    let s = "scenarios/r5-orders-nlb.toml";
    let e = usage(&["compare", s, "--format", "xlsx"]);
    assert_eq!(
        e,
        "error: --format xlsx writes a workbook, not text: give --output FILE.xlsx\n"
    );
    assert_eq!(
        usage(&["compare", s, "--format", "xlsx", "--output", "-"]),
        e
    );
    let two = usage(&["estimate", s, s, "--format", "xlsx", "--output", "x.xlsx"]);
    assert_eq!(
        two,
        "error: --format xlsx takes one scenario (a workbook names its input cells once), found 2: \
         run once per scenario, each with its own --output\n"
    );
    // recommend's --format lists the formats it writes, and xlsx is not one (its --help says so).
    let e = usage(&["recommend", s, "--format", "xlsx", "--output", "x.xlsx"]);
    assert!(
        e.starts_with("error: invalid value 'xlsx' for '--format <FORMAT>'\n  [possible values: table, csv, json, markdown]"),
        "{e}"
    );
    assert!(
        !Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("x.xlsx")
            .exists()
    );
}

#[test]
fn the_inputs_sheet_spells_choices_as_the_scenario_does() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("dx.xlsx");
    assert!(export(
        &["compare", "scenarios/r3-policy-lookup-dx.toml"],
        &file
    ));
    let book = Book::open(&file);
    let texts: Vec<String> = book.sheets["Inputs"]
        .cells()
        .filter_map(|(_, _, c)| match c {
            Data::String(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    for line in [
        r#"topology.on_premises = "direct-connect""#,
        r#"topology.backend = "lambda""#,
        r#"layout.nlb_listener = "tls""#,
        r#"layout.multi_region = "active-passive""#,
        // The dates of the data as every report says them (the oldest and newest).
        r#"region = "us-east-1": prices from embedded:us-east-1.toml, data of 2016-06-01 to 2025-11-04"#,
    ] {
        assert!(texts.iter().any(|t| t == line), "{line}: {texts:?}");
    }
    let title = &book.sheets["Prices"].get((0, 0)).unwrap().to_string();
    assert_eq!(
        title,
        "Prices: us-east-1 (embedded:us-east-1.toml, data of 2016-06-01 to 2025-11-04), USD"
    );
}

#[test]
fn a_workbook_is_never_written_to_a_terminal() {
    // `script` (util-linux) runs the command with a pseudo-terminal as its standard output:
    // `--output /dev/stdout` is then a terminal, and the binary workbook is refused (exit 2).
    let bin = assert_cmd::cargo::cargo_bin!("apigw-cost");
    let run = format!(
        "{} compare scenarios/r5-orders-nlb.toml --format xlsx --output /dev/stdout",
        bin.display()
    );
    let Ok(out) = std::process::Command::new("script")
        .args(["-qec", &run, "/dev/null"])
        .current_dir(support::root())
        .output()
    else {
        eprintln!("`script` is not installed: the terminal case was not run");
        return;
    };
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(
        text.contains("--output /dev/stdout is a terminal; give --output FILE.xlsx"),
        "{text}"
    );
    assert!(!text.contains("PK"), "no zip bytes on the terminal: {text}");
    // Standard output a pipe: /dev/stdout is no terminal, and the workbook goes down the pipe.
    let piped = cmd()
        .args([
            "compare",
            "scenarios/r5-orders-nlb.toml",
            "--format",
            "xlsx",
        ])
        .args(["--output", "/dev/stdout"])
        .output()
        .unwrap();
    assert_eq!(piped.status.code(), Some(0));
    assert!(piped.stdout.starts_with(b"PK"));
}
