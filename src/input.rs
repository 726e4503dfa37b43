//! Reading input files as text, with a clear error for missing, unreadable, oversized or binary
//! files. Reading is capped, so `/dev/zero` or a mistaken multi-gigabyte file is refused at
//! once instead of filling memory.

use std::io::Read;
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::error::Error;

/// The most a scenario file or price table may hold: 1 MiB, some 70 times the largest price
/// table shipped and 500 times the largest shipped scenario.
pub const MAX_TEXT_BYTES: u64 = 1024 * 1024;

/// The longest line a streamed price-data file (`prices import`) may have: AWS's files hold
/// short lines (a CSV row, a line of pretty-printed JSON), and a minified pricing-page file is
/// well under a megabyte.
pub const MAX_LINE_BYTES: u64 = 16 * 1024 * 1024;
/// The most a streamed price-data file may hold: AWS's largest offer the importer reads is a few
/// hundred megabytes.
pub const MAX_STREAM_BYTES: u64 = 4 * 1024 * 1024 * 1024;

/// A reader that fails, with an error naming the limit, once a line grows past
/// [`MAX_LINE_BYTES`] or the whole past [`MAX_STREAM_BYTES`]: `prices import /dev/zero` stops
/// after 16 MiB instead of filling memory, and the readers downstream report the error at
/// their place in the file.
pub struct Capped<R> {
    inner: R,
    /// Bytes since the last newline.
    line: u64,
    total: u64,
}

impl<R> Capped<R> {
    pub fn new(inner: R) -> Self {
        Capped {
            inner,
            line: 0,
            total: 0,
        }
    }
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let read = &buf[..n];
        self.total += n as u64;
        self.line = match read.iter().rposition(|b| *b == b'\n') {
            Some(at) => (n - at - 1) as u64,
            None => self.line + n as u64,
        };
        let too_long = |what: &str, limit: &str| {
            Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!(
                    "{what} is longer than {limit}, the most a price data file may hold: is this an AWS price file?"
                ),
            ))
        };
        if self.line > MAX_LINE_BYTES {
            return too_long("a line", "16 MiB");
        }
        if self.total > MAX_STREAM_BYTES {
            return too_long("the file", "4 GiB");
        }
        Ok(n)
    }
}

/// The path `-`, which names standard input (as `--output -` names standard output).
pub fn is_stdin(path: &Path) -> bool {
    path == Path::new("-")
}

/// A path as messages name it: `<stdin>` for `-`, else the path as given.
pub fn display_name(path: &Path) -> String {
    if is_stdin(path) {
        "<stdin>".to_owned()
    } else {
        path.display().to_string()
    }
}

/// Reads a UTF-8 text file of at most [`MAX_TEXT_BYTES`] (`-`: standard input); binary content
/// is an error at the line and column of the first bad byte.
pub fn read_text(path: &Path) -> Result<String, Error> {
    let name = display_name(path);
    let mut bytes = Vec::new();
    let read = if is_stdin(path) {
        std::io::stdin()
            .lock()
            .take(MAX_TEXT_BYTES + 1)
            .read_to_end(&mut bytes)
    } else {
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        file.take(MAX_TEXT_BYTES + 1).read_to_end(&mut bytes)
    };
    read.map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > MAX_TEXT_BYTES {
        return Err(Error::Input(vec![
            Diagnostic::file(
                &name,
                format!("`{name}` is larger than 1 MiB, the most a scenario file or price table may hold"),
            )
            .with_help("scenario files and price tables are a few KB: is this the file you meant?"),
        ]));
    }
    if let Some(at) = bytes.iter().position(|b| *b == 0) {
        return Err(not_text(
            &name,
            &bytes,
            at,
            format!("`{name}` is not a text file (a NUL byte)"),
            "scenario files and price tables are TOML text: is this the file you meant?",
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let bytes = e.into_bytes();
        let message = format!("`{name}` is not UTF-8 text (the byte 0x{:02X})", bytes[at]);
        not_text(&name, &bytes, at, message, "save the file as UTF-8 text")
    })
}

/// The error for a byte that is not text, at its line and column (the line shown with the bad
/// bytes replaced).
fn not_text(name: &str, bytes: &[u8], at: usize, message: String, help: &str) -> Error {
    let text = String::from_utf8_lossy(bytes);
    // Up to `at`, only earlier bad bytes (each one replacement character) can shift the offset.
    let offset = String::from_utf8_lossy(&bytes[..at]).len();
    let d = Diagnostic::at(name, &text, offset..offset + 1, message).with_help(help);
    Error::Input(vec![d])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(bytes: &[u8]) -> Diagnostic {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.toml");
        std::fs::write(&path, bytes).unwrap();
        match read_text(&path) {
            Err(Error::Input(mut d)) => d.remove(0),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_bad_byte_is_reported_at_its_line_and_column() {
        let d = error(b"region = \"us-east-1\"\nname = \"caf\xe9\"\n");
        assert_eq!((d.line, d.column), (2, 12));
        assert!(d.message.ends_with("is not UTF-8 text (the byte 0xE9)"));
        let d = error(b"a = 1\n\xff\nb = \"x\0\"\n");
        assert_eq!((d.line, d.column), (3, 7));
        assert!(d.message.ends_with("is not a text file (a NUL byte)"));
    }

    #[test]
    fn a_stream_stops_at_a_line_past_the_cap() {
        let mut endless = Capped::new(std::io::repeat(0));
        let mut sink = Vec::new();
        let e = std::io::copy(&mut endless, &mut sink).unwrap_err();
        assert!(
            e.to_string().starts_with("a line is longer than 16 MiB"),
            "{e}"
        );
        assert!(sink.len() as u64 <= MAX_LINE_BYTES + 64 * 1024);
        let lines = "x\n".repeat(100_000);
        let mut ok = Capped::new(lines.as_bytes());
        std::io::copy(&mut ok, &mut std::io::sink()).unwrap();
    }

    #[test]
    fn a_file_over_the_cap_is_refused_naming_the_limit() {
        let d = error(&vec![b'#'; MAX_TEXT_BYTES as usize + 1]);
        assert!(
            d.message.ends_with(
                "is larger than 1 MiB, the most a scenario file or price table may hold"
            ),
            "{}",
            d.message
        );
        let ok = vec![b'#'; MAX_TEXT_BYTES as usize];
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.toml");
        std::fs::write(&path, ok).unwrap();
        assert!(read_text(&path).is_ok());
    }
}
