//! Replacing a file whole or not at all: a report is written to a temporary file beside its
//! target and renamed into place only once complete, so a failed run never leaves half a report
//! (and never replaces a device or pipe it was pointed at).

use std::io::{self, BufWriter, Write};
use std::path::Path;

use crate::Error;

/// Writes through a temporary file in the target's folder, renamed into place only when the
/// whole report is written: a failed run never leaves a partial file.
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), Error> {
    let fail = |e: io::Error| Error::Write {
        what: format!("`{}`", path.display()),
        source: e,
    };
    // Only a regular file can be replaced atomically. A device, pipe or terminal (`/dev/null`,
    // `/dev/stdout`, a FIFO) is written in place: renaming over it would destroy it. A symlink
    // to a regular file is followed, so the link survives and its target is replaced.
    match std::fs::metadata(path) {
        Ok(m) if !m.is_file() && !m.is_dir() => write_in_place(path, write),
        Ok(m) if m.is_file() => replace(&std::fs::canonicalize(path).map_err(fail)?, write),
        _ => replace(path, write),
    }
    .map_err(fail)
}

/// Writes into an existing device, pipe or terminal.
fn write_in_place(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let mut file = std::fs::OpenOptions::new().write(true).open(path)?;
    let mut w = BufWriter::new(&mut file);
    write(&mut w).and_then(|()| w.flush())
}

/// Writes a temporary file beside `path` and renames it over `path` once complete. Dropping the
/// temporary file on an error removes it.
fn replace(path: &Path, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::NotFound,
            format!("folder `{}` does not exist", dir.display()),
        ));
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".apigw-cost-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    {
        let mut w = BufWriter::new(tmp.as_file_mut());
        write(&mut w).and_then(|()| w.flush())?;
    }
    tmp.as_file().sync_all()?;
    // A temporary file is private (0600); a report is an ordinary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o777);
        std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(mode))?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn devices_are_written_in_place_never_replaced() {
        let null = Path::new("/dev/null");
        write_atomically(null, |w| w.write_all(b"report\n")).unwrap();
        let meta = std::fs::metadata(null).unwrap();
        assert!(!meta.is_file(), "/dev/null is still a device");
        use std::os::unix::fs::FileTypeExt;
        assert!(meta.file_type().is_char_device());
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_to_a_report_survives_and_its_target_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.csv");
        let link = dir.path().join("link.csv");
        std::fs::write(&real, "old\n").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomically(&link, |w| w.write_all(b"new\n")).unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new\n");
    }

    #[test]
    fn a_full_disk_mid_write_leaves_neither_report_nor_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("bill.csv");
        std::fs::write(&target, "the previous report\n").unwrap();
        let result = write_atomically(&target, |w| {
            w.write_all(b"scenario,architecture\n")?;
            Err(io::Error::new(
                io::ErrorKind::StorageFull,
                "No space left on device",
            ))
        });
        let Err(e @ Error::Write { .. }) = result else {
            panic!("a full disk is an error")
        };
        assert_eq!(
            e.to_string(),
            format!(
                "error: cannot write `{}`: No space left on device",
                target.display()
            )
        );
        assert_eq!(e.exit_code(), 1, "a full disk is no usage error");
        assert_eq!(
            std::fs::read_to_string(&target).unwrap(),
            "the previous report\n"
        );
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, [std::ffi::OsString::from("bill.csv")]);
    }
}
