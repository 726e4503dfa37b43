//! Replacing a file whole or not at all: a report is written to a temporary file beside its
//! target and renamed into place only once complete, so a failed run never leaves half a report
//! (and never replaces a device or pipe it was pointed at).

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use super::signals::{self, Registered};
use crate::Error;

/// A file on its way to its target: opened (so a missing folder or a read-only one is known
/// before anything is computed), written, then committed; dropped uncommitted, it leaves the
/// target as it was and no temporary file. Two of them (a sweep's report and chart) are both
/// written before either is committed.
pub struct Staged {
    /// The target as the user named it, for messages.
    shown: PathBuf,
    how: How,
}

enum How {
    /// A device, pipe or terminal (`/dev/null`, `/dev/stdout`, a FIFO), written in place:
    /// renaming over it would destroy it.
    InPlace(File),
    /// A hidden temporary file beside the target (a symlink's target: the link survives), known
    /// to the signal handler until it is renamed over the target. Dropping it removes it.
    Temporary {
        file: tempfile::NamedTempFile,
        target: PathBuf,
        registered: Registered,
    },
}

impl Staged {
    pub fn open(path: &Path) -> Result<Staged, Error> {
        let folder = path.as_os_str().as_encoded_bytes().ends_with(b"/");
        let how = match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => Err(a_folder(path)),
            _ if folder => Err(a_folder(path)),
            Ok(m) if !m.is_file() && !m.is_dir() => std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map(How::InPlace),
            Ok(m) if m.is_file() => std::fs::canonicalize(path).and_then(|p| temporary(&p)),
            _ => temporary(path),
        };
        Ok(Staged {
            shown: path.to_path_buf(),
            how: how.map_err(|e| write_error(path, e))?,
        })
    }

    /// Writes the whole content with `write`.
    pub fn write(
        &mut self,
        write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> Result<(), Error> {
        let file = match &mut self.how {
            How::InPlace(f) => f,
            How::Temporary { file, .. } => file.as_file_mut(),
        };
        let mut w = BufWriter::new(file);
        write(&mut w)
            .and_then(|()| w.flush())
            .map_err(|e| write_error(&self.shown, e))
    }

    /// Puts the written file in place.
    pub fn commit(self) -> Result<(), Error> {
        let shown = self.shown;
        let How::Temporary {
            file,
            target,
            registered,
        } = self.how
        else {
            return Ok(());
        };
        file.as_file()
            .sync_all()
            .and_then(|()| report_permissions(file.path(), &target))
            .map_err(|e| write_error(&shown, e))?;
        signals::rename(registered, || file.persist(&target))
            .map(drop)
            .map_err(|e| write_error(&shown, e.error))
    }
}

fn write_error(path: &Path, e: io::Error) -> Error {
    Error::Write {
        what: format!("`{}`", path.display()),
        source: e,
    }
}

/// `--output` names a folder (`adir/`), where a file is wanted.
fn a_folder(path: &Path) -> io::Error {
    let dir = path.to_string_lossy();
    let file = format!("{}/report", dir.trim_end_matches('/'));
    io::Error::other(format!(
        "it names a folder, not a file: give a file name, such as `{file}`"
    ))
}

/// A temporary file beside `target`, recorded for the signal handler.
fn temporary(target: &Path) -> io::Result<How> {
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::NotFound,
            format!("folder `{}` does not exist", dir.display()),
        ));
    }
    let (file, registered) = signals::create(
        || {
            tempfile::Builder::new()
                .prefix(".apigw-cost-")
                .suffix(".tmp")
                .tempfile_in(dir)
        },
        |f| f.path(),
    )?;
    Ok(How::Temporary {
        file,
        target: target.to_path_buf(),
        registered,
    })
}

/// A temporary file is private (0600); a report is an ordinary file, or keeps the mode of the
/// file it replaces.
fn report_permissions(tmp: &Path, target: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(target).map_or(0o644, |m| m.permissions().mode() & 0o777);
        std::fs::set_permissions(tmp, std::fs::Permissions::from_mode(mode))?;
    }
    let _ = (tmp, target);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A report staged, written and committed, as `Output` writes one to `--output`.
    fn write_atomically(
        path: &Path,
        write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> Result<(), Error> {
        let mut staged = Staged::open(path)?;
        staged.write(write)?;
        staged.commit()
    }

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
