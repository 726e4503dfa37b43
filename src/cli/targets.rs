//! The files a command writes must not be the files it reads: `estimate same.toml --output
//! same.toml` would replace the scenario with its own report. Checked before anything is read or
//! written, by file identity (device and inode), so `./same.toml`, a symlink or a hard link to an
//! input are caught too; and `--output` and `--chart` must not be one file.

use std::path::{Path, PathBuf};

use crate::Error;

/// One file the command writes, and the flag that names it.
pub struct Target<'a> {
    pub flag: &'static str,
    pub path: &'a Path,
}

/// Refuses (as a usage error) a target that is one of `inputs` (a folder stands for the price
/// tables in it), or two targets that are one file.
pub fn check(targets: &[Target<'_>], inputs: &[&Path]) -> Result<(), Error> {
    for t in targets {
        for input in inputs.iter().flat_map(|i| files_of(i)) {
            if same_file(t.path, &input) {
                return Err(Error::Usage(format!(
                    "{} `{}` is also an input (`{}`): writing it would destroy it; choose another file",
                    t.flag,
                    t.path.display(),
                    input.display()
                )));
            }
        }
    }
    if let [a, b] = targets
        && same_file(a.path, b.path)
    {
        return Err(Error::Usage(format!(
            "{} and {} name the same file `{}`: one would overwrite the other",
            a.flag,
            b.flag,
            b.path.display()
        )));
    }
    Ok(())
}

/// An input, or the price tables (`*.toml`) of an input folder.
fn files_of(input: &Path) -> Vec<PathBuf> {
    if !input.is_dir() {
        return vec![input.to_path_buf()];
    }
    std::fs::read_dir(input)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect()
}

/// Whether two paths are one file: the same device and inode when both exist (through any
/// symlink, `..` or hard link), else the same absolute path once their folders are resolved.
/// Devices and pipes (`/dev/stdout`) are written in place, never replaced: never the same file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(ma), Ok(mb)) => ma.is_file() && mb.is_file() && identity(&ma, a) == identity(&mb, b),
        (Err(_), Err(_)) => absolute(a).is_some_and(|x| absolute(b) == Some(x)),
        _ => false,
    }
}

#[cfg(unix)]
fn identity(m: &std::fs::Metadata, _: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn identity(_: &std::fs::Metadata, p: &Path) -> Option<PathBuf> {
    std::fs::canonicalize(p).ok()
}

/// A path that may not exist yet, made absolute through its (existing) folder.
fn absolute(p: &Path) -> Option<PathBuf> {
    let dir = match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    Some(std::fs::canonicalize(dir).ok()?.join(p.file_name()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_input_reached_by_another_name_is_the_same_file() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("s.toml");
        std::fs::write(&input, "x").unwrap();
        let dotted = dir.path().join(".").join("s.toml");
        let other = dir.path().join("out.csv");
        let t = |path| {
            [Target {
                flag: "--output",
                path,
            }]
        };
        assert!(check(&t(&dotted), &[&input]).is_err());
        assert!(check(&t(&other), &[&input]).is_ok());
        // A folder of price tables stands for its tables.
        assert!(check(&t(&dotted), &[dir.path()]).is_err());
        #[cfg(unix)]
        {
            let link = dir.path().join("link.toml");
            std::os::unix::fs::symlink(&input, &link).unwrap();
            assert!(check(&t(&link), &[&input]).is_err());
            let hard = dir.path().join("hard.toml");
            std::fs::hard_link(&input, &hard).unwrap();
            assert!(check(&t(&hard), &[&input]).is_err());
            assert!(check(&t(Path::new("/dev/null")), &[Path::new("/dev/null")]).is_ok());
        }
    }

    #[test]
    fn output_and_chart_must_be_two_files_even_before_they_exist() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("out.svg");
        let b = dir.path().join(".").join("out.svg");
        let both = [
            Target {
                flag: "--output",
                path: &a,
            },
            Target {
                flag: "--chart",
                path: &b,
            },
        ];
        let Err(Error::Usage(m)) = check(&both, &[]) else {
            panic!("refused")
        };
        assert!(
            m.starts_with("--output and --chart name the same file"),
            "{m}"
        );
    }
}
