//! One writer per output folder at a time: an exclusive `flock` on a lock file beside it
//! (`.<name>.lock` in the same parent). A second run fails at once, naming the first one's
//! process id; the kernel releases the lock when its holder exits, even when it is killed.

use anyhow::{Context, Result};
use std::fs::File;
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

/// The held lock on an output folder; released when dropped (or when the process ends).
pub struct OutputLock {
    _file: File,
    target: PathBuf,
}

/// The parent folder of `target` (`.` for a bare name).
pub(crate) fn parent_of(target: &Path) -> &Path {
    target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// The lock file's path: `.<name>.lock` beside `target`.
pub(crate) fn lock_path(target: &Path) -> Result<PathBuf> {
    let name = target
        .file_name()
        .with_context(|| {
            format!(
                "{} is not a folder name that can be written",
                target.display()
            )
        })?
        .to_string_lossy()
        .into_owned();
    Ok(parent_of(target).join(format!(".{name}.lock")))
}

impl OutputLock {
    /// Takes the lock for `target`, creating its parent folders and the lock file if needed;
    /// fails at once if another run holds it.
    pub fn acquire(target: &Path) -> Result<OutputLock> {
        let parent = parent_of(target);
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
        let path = lock_path(target)?;
        let mut file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .with_context(|| {
                format!(
                    "cannot write into {} (the lock file {} goes beside the output folder)",
                    parent.display(),
                    path.display()
                )
            })?;
        if !try_lock(&file)? {
            let mut holder = String::new();
            let _ = file.read_to_string(&mut holder);
            let pid = holder.trim();
            let pid = if pid.is_empty() { "unknown" } else { pid };
            return Err(repcard_core::Diagnostic::new(format!(
                "another repcard build is writing {} (pid {pid})",
                target.display()
            ))
            .at(path.display().to_string())
            .help("wait for it to finish, then run again")
            .into());
        }
        // Who holds the lock, for the message a second run prints.
        let _ = file.set_len(0);
        let _ = file.rewind();
        let _ = write!(file, "{}", std::process::id());
        Ok(OutputLock {
            _file: file,
            target: target.to_path_buf(),
        })
    }

    /// The output folder this lock is for.
    pub fn target(&self) -> &Path {
        &self.target
    }
}

#[cfg(unix)]
fn try_lock(file: &File) -> Result<bool> {
    use rustix::fs::{FlockOperation, flock};
    match flock(file, FlockOperation::NonBlockingLockExclusive) {
        Ok(()) => Ok(true),
        Err(rustix::io::Errno::WOULDBLOCK) => Ok(false),
        Err(e) => Err(std::io::Error::from(e)).context("cannot lock the output folder"),
    }
}

#[cfg(not(unix))]
fn try_lock(_file: &File) -> Result<bool> {
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_the_same_folder_fails_naming_the_holder() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        let first = OutputLock::acquire(&site).unwrap();
        let e = OutputLock::acquire(&site).err().unwrap().to_string();
        assert!(e.contains(&format!("(pid {})", std::process::id())), "{e}");
        drop(first);
        assert!(OutputLock::acquire(&site).is_ok(), "released when dropped");
    }
}
