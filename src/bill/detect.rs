//! What a bill file is, told from its content (never its name): gzip is opened (with a bound
//! on what it may expand to), then Parquet by its magic, Cost Explorer by its JSON, and text by
//! its header line (`\x01` separators: an Athena/Hive text table).

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

/// The formats `usage` and `calibrate` read, as errors list them.
pub const ACCEPTED: &str = "AWS Cost and Usage Report (legacy CSV, CSV.gz, Parquet or Athena text table; CUR 2.0 Parquet or CSV), FOCUS 1.0-1.2 (CSV or Parquet), Cost Explorer GetCostAndUsage JSON grouped by USAGE_TYPE, or the CSV answer of `apigw-cost usage --sql athena`";

/// A gzip file may expand to at most this many times its size (beyond a first 64 MiB): a real
/// CUR compresses about 10 to 30 times; deflate's most is about 1,000. The first 64 MiB let a
/// small, very regular file through; beyond them only the ratio counts, so a bomb is stopped
/// after writing little more than it (a 1 MB bomb at 264 MiB, not at gigabytes).
pub const GZIP_RATIO: u64 = 200;
const GZIP_FREE: u64 = 64 << 20;

/// How a file's bytes are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Parquet,
    Json,
    /// Delimited text with this separator (`,` or `\x01`).
    Text(u8),
}

/// The most read from standard input (`-`): a bill piped in is copied to a temporary file
/// first (the engine reads files), so an endless pipe stops here, not when the disk is full.
pub const STDIN_MAX: u64 = 16 << 30;

/// A bill file ready to read: the path to read (a decompressed copy for gzip) and its layout.
pub struct Opened {
    pub path: PathBuf,
    pub layout: Layout,
    pub gzip: bool,
    /// Keeps a decompressed copy alive while it is read.
    _temp: Option<NamedTempFile>,
}

/// Opens `path` (`-`: standard input, copied to a temporary file), decompressing gzip into a
/// temporary file.
pub fn open(path: &Path) -> Result<Opened, String> {
    let piped = if crate::input::is_stdin(path) {
        Some(from_stdin(STDIN_MAX)?)
    } else {
        None
    };
    let path = piped.as_ref().map_or(path, NamedTempFile::path);
    let head = first_bytes(path, 4).map_err(|e| e.to_string())?;
    let (read, temp) = if head.starts_with(&[0x1f, 0x8b]) {
        let t = gunzip(path, GZIP_FREE)?;
        (t.path().to_owned(), Some(t))
    } else {
        (path.to_owned(), piped)
    };
    let head = first_bytes(&read, 4096).map_err(|e| e.to_string())?;
    let layout = sniff(&head).ok_or_else(|| format!("not a bill: expected {ACCEPTED}"))?;
    Ok(Opened {
        path: read,
        layout,
        gzip: temp.is_some(),
        _temp: temp,
    })
}

fn first_bytes(path: &Path, n: u64) -> std::io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    File::open(path)?.take(n).read_to_end(&mut buf)?;
    Ok(buf)
}

fn sniff(head: &[u8]) -> Option<Layout> {
    if head.starts_with(b"PAR1") {
        return Some(Layout::Parquet);
    }
    let text = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let first = text.iter().position(|b| !b.is_ascii_whitespace())?;
    if text[first] == b'{' {
        return Some(Layout::Json);
    }
    let line_end = text.iter().position(|b| *b == b'\n').unwrap_or(text.len());
    let line = &text[..line_end];
    if line.contains(&0x01) {
        Some(Layout::Text(0x01))
    } else if line.contains(&b',') && std::str::from_utf8(line).is_ok() {
        Some(Layout::Text(b','))
    } else {
        None
    }
}

/// Standard input copied to a temporary file, refused past `max` bytes.
fn from_stdin(max: u64) -> Result<NamedTempFile, String> {
    let mut out = temp()?;
    let mut input = std::io::stdin().lock().take(max + 1);
    let copied = std::io::copy(&mut input, &mut out)
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    if copied > max {
        return Err(format!(
            "standard input holds more than {} GiB, the most read from a pipe: give the file's path instead",
            max >> 30
        ));
    }
    out.flush().map_err(|e| e.to_string())?;
    Ok(out)
}

fn temp() -> Result<NamedTempFile, String> {
    tempfile::Builder::new()
        .prefix("apigw-cost-bill-")
        .tempfile()
        .map_err(|e| format!("cannot make a temporary file: {e}"))
}

/// Decompresses a gzip file (every member) into a temporary file, refusing one that expands
/// beyond [`GZIP_RATIO`] times its size: a gzip bomb is stopped, not written out.
fn gunzip(path: &Path, free: u64) -> Result<NamedTempFile, String> {
    let size = std::fs::metadata(path).map_err(|e| e.to_string())?.len();
    let limit = free.saturating_add(size.saturating_mul(GZIP_RATIO));
    let file = File::open(path).map_err(|e| e.to_string())?;
    let mut gz = flate2::read::MultiGzDecoder::new(BufReader::new(file)).take(limit + 1);
    let mut out = temp()?;
    let copied =
        std::io::copy(&mut gz, &mut out).map_err(|e| format!("not a readable gzip file: {e}"))?;
    if copied > limit {
        return Err(format!(
            "the gzip file expands to more than {limit} bytes ({GZIP_RATIO} times its size plus {free} bytes): refused as a possible gzip bomb"
        ));
    }
    out.flush().map_err(|e| e.to_string())?;
    Ok(out)
}

/// The first line of a text file, split on `sep` (CSV quoting understood for `,`).
pub fn header(path: &Path, sep: u8) -> Result<Vec<String>, String> {
    let mut line = Vec::new();
    BufReader::new(File::open(path).map_err(|e| e.to_string())?)
        .take(1 << 20)
        .read_until(b'\n', &mut line)
        .map_err(|e| e.to_string())?;
    let line = String::from_utf8_lossy(&line);
    let line = line
        .trim_start_matches('\u{feff}')
        .trim_end_matches(['\r', '\n']);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sep)
        .has_headers(false)
        .quoting(sep == b',')
        .from_reader(line.as_bytes());
    let record = reader
        .records()
        .next()
        .and_then(Result::ok)
        .unwrap_or_default();
    Ok(record.iter().map(str::to_owned).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layouts_are_told_by_content() {
        assert_eq!(sniff(b"PAR1\x15\x04"), Some(Layout::Parquet));
        assert_eq!(sniff(b"  {\"ResultsByTime\": []}"), Some(Layout::Json));
        assert_eq!(sniff(b"a\x01b\x01c\nx"), Some(Layout::Text(1)));
        assert_eq!(sniff(b"\"a\",\"b\"\n1,2"), Some(Layout::Text(b',')));
        assert_eq!(sniff(b"hello world\n"), None);
    }

    #[test]
    fn a_gzip_bomb_is_refused() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..10 {
            gz.write_all(&zeros).unwrap();
        }
        let bytes = gz.finish().unwrap();
        let file = NamedTempFile::new().unwrap();
        std::fs::write(file.path(), &bytes).unwrap();
        let err = gunzip(file.path(), 0).err().unwrap();
        assert!(err.contains("gzip bomb"), "{err}");
    }
}
