//! The crate's error type and the exit code each kind maps to: 1 for bad input or a missing
//! price, 2 for a bad command line.

use std::path::Path;

use crate::diagnostic::Diagnostic;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Problems in input files (scenarios, price tables): every one found.
    #[error("{}", render(.0))]
    Input(Vec<Diagnostic>),
    /// A command line that cannot be carried out.
    #[error("error: {0}")]
    Usage(String),
}

fn render(diagnostics: &[Diagnostic]) -> String {
    let mut out = diagnostics
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n\n");
    if diagnostics.len() > 1 {
        out.push_str(&format!("\n\n{} problems found", diagnostics.len()));
    }
    out
}

impl Error {
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Input(_) => 1,
            Error::Usage(_) => 2,
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
            &path.display().to_string(),
            format!("cannot read `{}`: {why}", path.display()),
        )])
    }
}

impl From<Vec<Diagnostic>> for Error {
    fn from(d: Vec<Diagnostic>) -> Self {
        Error::Input(d)
    }
}
