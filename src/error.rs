//! The crate's error type and the exit code each kind maps to: 1 for bad input, a missing price
//! or output that could not be written, 2 for a bad command line, 3 for a `diff` whose cost rose
//! past `--fail-above`. (A reader that closes the pipe early is no error at all: see
//! `cli::output`.)

use std::path::Path;

use crate::diagnostic::Diagnostic;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Problems in input files (scenarios, price tables): every one found.
    #[error("{}", render(.0))]
    Input(Vec<Diagnostic>),
    /// Problems in input files already written out in the report (`validate --format json`):
    /// only a summary goes to standard error.
    #[error("error: {0}")]
    Reported(String),
    /// A command line that cannot be carried out.
    #[error("error: {0}")]
    Usage(String),
    /// `diff --fail-above`: the report is written, and the monthly cost rose past the threshold
    /// (exit 3, so a CI job can tell it from bad input).
    #[error("error: {0}")]
    Threshold(String),
    /// Output that could not be written: standard output, a sweep's rows as they stream, an
    /// `--output` or `--chart` file. The cause is kept, so a closed pipe can be told from a full
    /// disk. Not a usage error: the command line was fine, the disk (or reader) was not.
    #[error("error: cannot write {what}: {source}")]
    Write {
        /// What was being written: `to standard output`, `the sweep`, `` `bill.csv` ``.
        what: String,
        source: std::io::Error,
    },
}

/// The most problems printed: past this many, a file is rarely worth reading problem by problem,
/// and the rest are counted.
pub const SHOWN_PROBLEMS: usize = 20;

fn render(diagnostics: &[Diagnostic]) -> String {
    // The lines that stand for problems not kept are always shown, after the problems shown.
    let (notes, problems): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
        diagnostics.iter().partition(|d| d.stands_for() > 0);
    let shown = &problems[..problems.len().min(SHOWN_PROBLEMS)];
    let mut out = shown
        .iter()
        .chain(&notes)
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n\n");
    let more = problems.len() - shown.len();
    if more > 0 {
        let plural = if more == 1 { "" } else { "s" };
        out.push_str(&format!(
            "\n\n… and {} more problem{plural}",
            crate::money::number(more.into(), 0)
        ));
    }
    let total = problems.len() + notes.iter().map(|d| d.stands_for()).sum::<usize>();
    if total > 1 {
        out.push_str(&format!(
            "\n\n{} problems found",
            crate::money::number(total.into(), 0)
        ));
    }
    out
}

impl Error {
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Input(_) | Error::Reported(_) | Error::Write { .. } => 1,
            Error::Usage(_) => 2,
            Error::Threshold(_) => 3,
        }
    }

    /// A file that could not be read or written.
    pub fn io(path: &Path, e: std::io::Error) -> Error {
        let why = match e.kind() {
            std::io::ErrorKind::NotFound => "no such file or folder".to_owned(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
            _ => e.to_string(),
        };
        Error::Input(vec![Diagnostic::file(
            &crate::input::display_name(path),
            format!("cannot read `{}`: {why}", crate::input::display_name(path)),
        )])
    }
}

/// Runs `f` on every item and keeps going past bad input, so that the problems of all the items
/// are reported together; any other error stops at once.
pub fn collect_all<T, U>(
    items: impl IntoIterator<Item = T>,
    f: impl FnMut(T) -> Result<U, Error>,
) -> Result<Vec<U>, Error> {
    let (out, errors) = partition_all(items, f)?;
    finish(errors)?;
    Ok(out)
}

/// Runs `f` on every item and keeps going past bad input: the good items' results, to be
/// reported, and the bad items' problems, to be reported beside them ([`finish`]). Any other
/// error stops at once.
pub fn partition_all<T, U>(
    items: impl IntoIterator<Item = T>,
    mut f: impl FnMut(T) -> Result<U, Error>,
) -> Result<(Vec<U>, Vec<Diagnostic>), Error> {
    let items = items.into_iter();
    let mut out = Vec::with_capacity(items.size_hint().0);
    let mut errors = Vec::new();
    for item in items {
        match f(item) {
            Ok(u) => out.push(u),
            Err(Error::Input(mut d)) => errors.append(&mut d),
            Err(e) => return Err(e),
        }
    }
    Ok((out, errors))
}

/// The end of a run that went past bad input: ok when there was none, else every problem (exit
/// code 1).
pub fn finish(errors: Vec<Diagnostic>) -> Result<(), Error> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Input(errors))
    }
}

impl From<Vec<Diagnostic>> for Error {
    fn from(d: Vec<Diagnostic>) -> Self {
        Error::Input(d)
    }
}
