//! How wide a table may be: `COLUMNS` when it is set (as `ls` and most tools read it), else the
//! terminal's own width when the report goes to a terminal, else, when standard output is a
//! pipe (`compare ... | less`) and standard error a terminal, that terminal's width (the one the
//! pager shows), else a default for files that holds every column of every table; and whether an `--output` path is a terminal, where
//! a binary workbook has no place.

use std::io::IsTerminal;
use std::path::Path;

use crate::report::table::MIN_WIDTH;

/// The width of a report that goes to a pipe or a file.
pub const DEFAULT_WIDTH: usize = 120;
/// Wider than this is no terminal anyone reads.
const MAX_WIDTH: usize = 1000;

/// The width for a report written to standard output (`to_stdout`) or to a file.
pub fn width(to_stdout: bool) -> usize {
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|c| *c > 0);
    let terminal = || {
        if !to_stdout {
            return None;
        }
        let out = std::io::stdout();
        let size = if out.is_terminal() {
            terminal_size::terminal_size_of(out)
        } else {
            let err = std::io::stderr();
            err.is_terminal()
                .then(|| terminal_size::terminal_size_of(err))
                .flatten()
        };
        size.map(|(w, _)| usize::from(w.0))
    };
    columns
        .or_else(terminal)
        .unwrap_or(DEFAULT_WIDTH)
        .clamp(MIN_WIDTH, MAX_WIDTH)
}

/// Whether `path` is a terminal (`/dev/stdout` or `/dev/tty` on one), asked of the opened file:
/// only a path's device says so. A FIFO is never opened (it would wait for a reader).
pub fn is_terminal(path: &Path) -> bool {
    let device = std::fs::metadata(path).is_ok_and(|m| {
        let t = m.file_type();
        #[cfg(unix)]
        let fifo = std::os::unix::fs::FileTypeExt::is_fifo(&t);
        #[cfg(not(unix))]
        let fifo = false;
        !t.is_file() && !t.is_dir() && !fifo
    });
    device && std::fs::File::open(path).is_ok_and(|f| f.is_terminal())
}

#[cfg(test)]
mod tests {
    use super::is_terminal;
    use std::path::Path;

    #[test]
    fn files_folders_pipes_and_null_are_no_terminal() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.xlsx");
        std::fs::write(&file, "x").unwrap();
        assert!(!is_terminal(&file));
        assert!(!is_terminal(dir.path()));
        assert!(!is_terminal(&dir.path().join("missing.xlsx")));
        assert!(!is_terminal(Path::new("/dev/null")));
    }
}
