//! Reading input files as text, with a clear error for missing, unreadable or binary files.

use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::error::Error;

/// Reads a UTF-8 text file; binary content is an error naming the first bad byte.
pub fn read_text(path: &Path) -> Result<String, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let name = path.display().to_string();
    if let Some(at) = bytes.iter().position(|b| *b == 0) {
        return Err(Error::Input(vec![Diagnostic::file(
            &name,
            format!("`{name}` is not a text file (a NUL byte at offset {at})"),
        )]));
    }
    String::from_utf8(bytes).map_err(|e| {
        Error::Input(vec![Diagnostic::file(
            &name,
            format!(
                "`{name}` is not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )])
    })
}
