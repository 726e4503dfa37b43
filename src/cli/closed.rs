//! Whether standard output was closed when the program started (`apigw-cost estimate x >&-`).
//! Rust's runtime reopens a closed descriptor 0, 1 or 2 on `/dev/null` before `main` runs, so
//! the report would vanish and the run would claim success. A function the loader runs from
//! `.init_array`, before the runtime's own start-up, records the descriptor's state; the output
//! layer then refuses to write the report anywhere it cannot be read.

use std::sync::atomic::{AtomicBool, Ordering};

/// Descriptor 1 was not open when the process started.
static CLOSED: AtomicBool = AtomicBool::new(false);

/// Run by the dynamic loader (or the static start-up code) with the other ELF constructors,
/// before Rust's runtime sanitises the standard descriptors.
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static RECORD_AT_START: extern "C" fn() = record;

#[cfg(target_os = "linux")]
extern "C" fn record() {
    // SAFETY: `fcntl(F_GETFD)` only reads the flags of a descriptor number; on a closed one it
    // fails with EBADF and changes nothing.
    let flags = unsafe { libc::fcntl(libc::STDOUT_FILENO, libc::F_GETFD) };
    CLOSED.store(flags == -1, Ordering::Relaxed);
}

/// Whether standard output was closed at start (always `false` where this cannot be known).
pub fn stdout_closed() -> bool {
    CLOSED.load(Ordering::Relaxed)
}

/// The error of a report that would go to a closed standard output.
pub fn closed_error() -> crate::Error {
    crate::Error::Write {
        what: "to standard output".into(),
        source: std::io::Error::other(
            "it is closed (`>&-`), so the report would be lost; redirect it to a file \
             (`> report.txt`) or give --output FILE",
        ),
    }
}
