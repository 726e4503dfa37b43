//! How wide a table may be: `COLUMNS` when it is set (as `ls` and most tools read it), else the
//! terminal's own width when the report goes to a terminal, else a default for pipes and files
//! that holds every column of every table.

use std::io::IsTerminal;

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
        let out = std::io::stdout();
        if !(to_stdout && out.is_terminal()) {
            return None;
        }
        terminal_size::terminal_size_of(out).map(|(w, _)| usize::from(w.0))
    };
    columns
        .or_else(terminal)
        .unwrap_or(DEFAULT_WIDTH)
        .clamp(MIN_WIDTH, MAX_WIDTH)
}
