//! Ctrl-C, SIGTERM and SIGHUP must not leave half a report behind: a report is written to a
//! hidden temporary file and renamed into place only when complete ([`super::atomic`]), and
//! this module removes every such file still being written when one of those signals arrives,
//! then lets the signal end the process as it would have (so the caller still sees "killed by
//! SIGINT"). The handler runs on its own thread (signal-hook), where removing files is safe.
//!
//! The registry's lock is held while a temporary file is created and recorded, and while one is
//! renamed into place and forgotten; the handler takes the same lock: a file is either removed
//! by the handler or renamed whole, never renamed after its removal or left behind.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, Once};

/// Temporary files being written.
static TEMPORARY: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
static INSTALL: Once = Once::new();

fn registry() -> MutexGuard<'static, Vec<PathBuf>> {
    TEMPORARY.lock().unwrap_or_else(|e| e.into_inner())
}

/// A temporary file known to the handler until dropped.
pub struct Registered(PathBuf);

impl Drop for Registered {
    fn drop(&mut self) {
        registry().retain(|p| *p != self.0);
    }
}

/// Creates a temporary file with `create` and records its path, under the lock, so a signal
/// cannot fall between the two.
pub fn create<T>(
    create: impl FnOnce() -> std::io::Result<T>,
    path: impl Fn(&T) -> &Path,
) -> std::io::Result<(T, Registered)> {
    INSTALL.call_once(install);
    let mut files = registry();
    let made = create()?;
    let p = path(&made).to_path_buf();
    files.push(p.clone());
    Ok((made, Registered(p)))
}

/// Runs `rename` (a temporary file into place) under the lock, then forgets the file.
pub fn rename<T>(registered: Registered, rename: impl FnOnce() -> T) -> T {
    let mut files = registry();
    let out = rename();
    files.retain(|p| *p != registered.0);
    drop(files);
    std::mem::forget(registered);
    out
}

/// Starts the thread that waits for the signals (once, when the first temporary file is made).
/// A signal the process was started ignoring (`nohup` ignores SIGHUP; a shell script's
/// background job, SIGINT) stays ignored: the run goes on, as its caller asked.
#[cfg(unix)]
fn install() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let watched: Vec<i32> = [SIGINT, SIGTERM, SIGHUP]
        .into_iter()
        .filter(|s| !ignored(*s))
        .collect();
    let Ok(mut signals) = signal_hook::iterator::Signals::new(watched) else {
        return; // no handler: the signals keep their default action, as before
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            let files = registry();
            for f in files.iter() {
                let _ = std::fs::remove_file(f);
            }
            // Ends the process the way the signal would have, the lock still held.
            let _ = signal_hook::low_level::emulate_default_handler(signal);
            std::process::exit(128 + signal);
        }
    });
}

/// Whether `signal` is ignored (`SIG_IGN`) in this process.
#[cfg(unix)]
fn ignored(signal: i32) -> bool {
    let mut old = std::mem::MaybeUninit::<libc::sigaction>::zeroed();
    // SAFETY: with a null new action, sigaction only writes the current one into `old`, a
    // zeroed sigaction of the right type; nothing is changed.
    let queried = unsafe { libc::sigaction(signal, std::ptr::null(), old.as_mut_ptr()) };
    // SAFETY: zeroed is a valid sigaction, and sigaction filled it on success.
    queried == 0 && unsafe { old.assume_init() }.sa_sigaction == libc::SIG_IGN
}

#[cfg(not(unix))]
fn install() {}
