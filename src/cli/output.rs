//! Where results go. Every byte the commands write passes through [`Output`]: the report to
//! standard output or, atomically, to `--output`, and a sweep's `--chart` file. What happens to
//! a closed pipe, a failed write or a half-written file is decided here, once, for every command
//! and format.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use super::atomic::Staged;
use crate::Error;
use crate::compare::NotPriced;
use crate::engine::Options;
use crate::pricing::PriceTable;
use crate::report::{Document, Format, Kind, ScenarioReport, render, xlsx};

/// Where the report goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    Stdout,
    /// Replaced atomically (or written in place when it is a device or pipe).
    File(PathBuf),
}

impl Destination {
    /// `--output`: none, or `-`, is standard output.
    fn from_arg(output: Option<PathBuf>) -> Destination {
        match output {
            Some(p) if p != Path::new("-") => Destination::File(p),
            _ => Destination::Stdout,
        }
    }
}

/// The report's format and destination, and the chart's file when a sweep draws one.
#[derive(Debug)]
pub struct Output {
    pub format: Format,
    /// `--totals`: CSV of one row per scenario and architecture.
    pub totals: bool,
    destination: Destination,
    chart: Option<PathBuf>,
    /// How wide a table may be.
    pub width: usize,
}

impl Output {
    pub fn new(
        format: Format,
        totals: bool,
        output: Option<PathBuf>,
        chart: Option<PathBuf>,
    ) -> Output {
        let destination = Destination::from_arg(output);
        Output {
            format,
            totals,
            width: super::terminal::width(destination == Destination::Stdout),
            destination,
            chart,
        }
    }

    /// The `--output` path, when it is not standard output (`prices import --all-regions` writes
    /// a folder of tables there).
    pub fn path(&self) -> Option<&Path> {
        match &self.destination {
            Destination::File(p) => Some(p),
            Destination::Stdout => None,
        }
    }

    /// The `--chart` file, if any.
    pub fn chart(&self) -> Option<&Path> {
        self.chart.as_deref()
    }

    /// Renders `doc` in the format asked for.
    pub fn document(&self, doc: &Document<'_>) -> Result<(), Error> {
        self.write_report(|w| render(doc, self.format, self.width, w))
    }

    /// Writes one scenario's workbook (`--format xlsx`), priced at `table`.
    pub fn workbook(
        &self,
        kind: Kind,
        report: &ScenarioReport<'_>,
        table: &PriceTable,
        opts: Options,
    ) -> Result<(), Error> {
        let src = xlsx::Source {
            kind,
            report,
            table,
            opts,
        };
        self.write_report(|w| w.write_all(&xlsx::workbook(&src)?))
    }

    /// Writes text that is not a rendered report (an imported price table) as it is.
    pub fn text(&self, text: &str) -> Result<(), Error> {
        self.write_report(|w| w.write_all(text.as_bytes()))
    }

    /// Writes the report with `write`: to standard output, or atomically to `--output`.
    pub fn write_report(
        &self,
        write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> Result<(), Error> {
        let mut writing = self.begin()?;
        writing.report(write)?;
        writing.finish()
    }

    /// Opens every file the command will write (`--output`, `--chart`), before anything is
    /// computed: a folder that does not exist is known at once, and nothing is put in place
    /// until [`Writing::finish`].
    pub fn begin(&self) -> Result<Writing, Error> {
        let report = match &self.destination {
            Destination::Stdout if super::closed::stdout_closed() => {
                return Err(super::closed::closed_error());
            }
            Destination::Stdout => None,
            Destination::File(path) => Some(Staged::open(path)?),
        };
        let chart = self.chart.as_deref().map(Staged::open).transpose()?;
        Ok(Writing {
            report,
            chart,
            cut_short: false,
        })
    }

    /// What a command that wrote its result to `--output` has to say about it (what a price
    /// import found and lacked): on standard output, which the result left free; on standard
    /// error when the result itself went to standard output, or when standard output was
    /// closed at start (the result is in its file: only the notes about it need a reader).
    pub fn summary<T: std::fmt::Display>(
        &self,
        lines: impl IntoIterator<Item = T>,
    ) -> Result<(), Error> {
        if self.destination == Destination::Stdout || super::closed::stdout_closed() {
            self.notes(lines);
            return Ok(());
        }
        to_stdout(|w| lines.into_iter().try_for_each(|line| writeln!(w, "{line}"))).map(|_| ())
    }

    /// With `--format csv`, which has no place for them, the patterns or layouts a command left
    /// out of scenario `s` because the price table cannot price them, one note each (`R3 is not
    /// in the {report}: {reason}`), to be said once per run by [`super::once::once_per_run`].
    pub(super) fn not_priced_lines<'a>(
        &self,
        s: &'a crate::scenario::Scenario,
        report: &str,
        list: &[NotPriced],
    ) -> Vec<super::once::Line<'a>> {
        if self.format != Format::Csv {
            return Vec::new();
        }
        list.iter()
            .map(|n| {
                let (count, is) = match n.layouts {
                    1 => (String::new(), "is"),
                    k => (format!(" ({k} layouts)"), "are"),
                };
                super::once::Line {
                    kind: "note",
                    text: format!(
                        "{}{count} {is} not in the {report}: {}",
                        n.architecture, n.reason
                    ),
                    name: &s.name,
                    path: &s.path,
                    detail: None,
                }
            })
            .collect()
    }

    /// Lines for the person at the terminal, never part of the report: on standard error.
    pub fn notes<T: std::fmt::Display>(&self, lines: impl IntoIterator<Item = T>) {
        for line in lines {
            to_stderr(&line);
        }
    }
}

/// What a command is writing: the report (standard output, or a staged `--output` file) and
/// the staged `--chart` file. Dropped before [`Writing::finish`], it leaves no file behind.
pub struct Writing {
    /// `None`: standard output.
    report: Option<Staged>,
    chart: Option<Staged>,
    /// Standard output's reader went away before the report was whole.
    cut_short: bool,
}

impl Writing {
    /// Writes the report, or the next part of it, with `write` (a report streamed a scenario at
    /// a time calls this once per scenario). Once the reader of standard output has gone, the
    /// rest is not written.
    pub fn report(
        &mut self,
        write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> Result<(), Error> {
        if self.cut_short {
            return Ok(());
        }
        match &mut self.report {
            // `--output /dev/stdout` into `| head`: a reader that stops early is success
            // whatever the path to it, as with `--output -`.
            Some(file) => match file.write(write) {
                Err(Error::Write { source, .. }) if closed_pipe(&source) => {
                    self.cut_short = true;
                    Ok(())
                }
                r => r,
            },
            None => {
                self.cut_short = !to_stdout(write)?;
                Ok(())
            }
        }
    }

    /// Writes the `--chart` file with `write`; nothing without `--chart`.
    pub fn chart(
        &mut self,
        write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> Result<(), Error> {
        match &mut self.chart {
            Some(file) => match file.write(write) {
                Err(Error::Write { source, .. }) if closed_pipe(&source) => Ok(()),
                r => r,
            },
            None => Ok(()),
        }
    }

    /// Puts the report, then the chart, in place: both are whole by now. A chart of a report
    /// whose reader stopped early would be partial, so it is not kept.
    pub fn finish(self) -> Result<(), Error> {
        if let Some(r) = self.report {
            r.commit()?;
        }
        match self.chart {
            Some(c) if !self.cut_short => c.commit(),
            _ => Ok(()),
        }
    }
}

/// Writes one line to standard error. A standard error that is closed or full is ignored: the
/// exit code still tells the caller what happened, and `eprintln!` would panic instead.
pub fn to_stderr(line: &dyn std::fmt::Display) {
    let _ = writeln!(io::stderr().lock(), "{line}");
}

/// Writes to standard output, buffered. A reader that stops early (`| head`) is success;
/// `Ok(false)` says the report was cut short. A standard output closed at start is an error.
pub(super) fn to_stdout(
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<bool, Error> {
    if super::closed::stdout_closed() {
        return Err(super::closed::closed_error());
    }
    let stdout = io::stdout();
    let mut w = BufWriter::new(stdout.lock());
    match write(&mut w).and_then(|()| w.flush()) {
        Ok(()) => Ok(true),
        Err(e) if closed_pipe(&e) => Ok(false),
        Err(e) => Err(Error::Write {
            what: "to standard output".into(),
            source: e,
        }),
    }
}

/// The reader of standard output went away.
fn closed_pipe(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::BrokenPipe
}
