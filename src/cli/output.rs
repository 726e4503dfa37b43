//! Where results go. Every byte the commands write passes through [`Output`]: the report to
//! standard output or, atomically, to `--output`, and a sweep's `--chart` file. What happens to
//! a closed pipe, a failed write or a half-written file is decided here, once, for every command
//! and format.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use super::atomic::write_atomically;
use crate::Error;
use crate::report::{Document, Format, render};

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
}

impl Output {
    pub fn new(
        format: Format,
        totals: bool,
        output: Option<PathBuf>,
        chart: Option<PathBuf>,
    ) -> Output {
        Output {
            format,
            totals,
            destination: Destination::from_arg(output),
            chart,
        }
    }

    /// The `--chart` file, if any.
    pub fn chart(&self) -> Option<&Path> {
        self.chart.as_deref()
    }

    /// Renders `doc` in the format asked for.
    pub fn document(&self, doc: &Document<'_>) -> Result<(), Error> {
        self.write_report(|w| render(doc, self.format, w))
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
        match &self.destination {
            Destination::Stdout => to_stdout(write),
            Destination::File(path) => write_atomically(path, write),
        }
    }

    /// Writes the `--chart` file with `write`, atomically; nothing without `--chart`.
    pub fn write_chart(
        &self,
        write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> Result<(), Error> {
        match &self.chart {
            Some(path) => write_atomically(path, write),
            None => Ok(()),
        }
    }

    /// Lines for the person at the terminal, never part of the report: on standard error.
    pub fn notes<T: std::fmt::Display>(&self, lines: impl IntoIterator<Item = T>) {
        for line in lines {
            to_stderr(&line);
        }
    }
}

/// Writes one line to standard error. A standard error that is closed or full is ignored: the
/// exit code still tells the caller what happened, and `eprintln!` would panic instead.
pub fn to_stderr(line: &dyn std::fmt::Display) {
    let _ = writeln!(io::stderr().lock(), "{line}");
}

/// Writes to standard output, buffered. A reader that stops early (`| head`) is success.
fn to_stdout(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<(), Error> {
    let stdout = io::stdout();
    let mut w = BufWriter::new(stdout.lock());
    match write(&mut w).and_then(|()| w.flush()) {
        Ok(()) => Ok(()),
        Err(e) if closed_pipe(&e) => Ok(()),
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
