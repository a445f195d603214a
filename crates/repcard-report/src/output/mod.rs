//! Writing the output folder atomically: build everything in a sibling staging folder, then
//! swap it in, so a failed or killed run leaves the previous output as it was. Only the
//! holder of the folder's [`OutputLock`] stages, so leftovers are never a running build's.

mod lock;
pub mod rules;

use anyhow::{Context, Result};
pub use lock::OutputLock;
use lock::parent_of;
use std::path::{Path, PathBuf};

/// A staging folder next to the final output folder; files are written here first.
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    done: bool,
}

fn sibling(target: &Path, tag: &str) -> Result<PathBuf> {
    let name = target
        .file_name()
        .with_context(|| {
            format!(
                "{} is not a folder name that can be replaced",
                target.display()
            )
        })?
        .to_string_lossy()
        .into_owned();
    Ok(parent_of(target).join(format!(".{name}.{tag}-{}", std::process::id())))
}

/// Removes staging and retired folders that earlier runs left behind when they were killed.
/// Called only under the output's lock: their owners are provably gone.
fn sweep_leftovers(lock: &OutputLock) {
    let target = lock.target();
    let Some(name) = target.file_name() else {
        return;
    };
    let parent = parent_of(target);
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for e in entries.flatten() {
        let n = e.file_name().to_string_lossy().into_owned();
        if let Some(rest) = n.strip_prefix(&prefix)
            && (rest.starts_with("staging-") || rest.starts_with("old-"))
        {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

impl Staging {
    /// Creates a staging folder for the locked output folder, holding only the marker file
    /// ([`rules::MARKER`]); what killed runs left beside the output is removed first.
    pub fn new(lock: &OutputLock) -> Result<Staging> {
        sweep_leftovers(lock);
        let target = lock.target();
        let dir = sibling(target, "staging")?;
        std::fs::create_dir(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let staging = Staging {
            dir,
            target: target.to_path_buf(),
            done: false,
        };
        staging.write(rules::MARKER, rules::MARKER_TEXT.as_bytes())?;
        Ok(staging)
    }

    /// The folder to write into.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Writes `bytes` to `relative` inside the staging folder, creating parent folders.
    pub fn write(&self, relative: &str, bytes: &[u8]) -> Result<()> {
        let path = self.dir.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))
    }

    /// Puts the staging folder in place of the target in one step; the old output is removed.
    pub fn commit(mut self) -> Result<()> {
        swap_in(&self.dir, &self.target)?;
        self.done = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

fn swap_in(staging: &Path, target: &Path) -> Result<()> {
    if !target.exists() {
        return std::fs::rename(staging, target)
            .with_context(|| format!("cannot move {} to {}", staging.display(), target.display()));
    }
    if !target.is_dir() {
        anyhow::bail!(
            "{} exists and is not a folder; not replacing it",
            target.display()
        );
    }
    // Where the kernel can swap two paths atomically, the target is never missing, even for a
    // moment; elsewhere the old folder is moved aside and the new one moved in.
    if exchange(staging, target).is_ok() {
        let _ = std::fs::remove_dir_all(staging);
        return Ok(());
    }
    let old = sibling(target, "old")?;
    std::fs::rename(target, &old)
        .with_context(|| format!("cannot move {} aside", target.display()))?;
    std::fs::rename(staging, target).with_context(|| {
        let _ = std::fs::rename(&old, target);
        format!("cannot move {} to {}", staging.display(), target.display())
    })?;
    let _ = std::fs::remove_dir_all(&old);
    Ok(())
}

/// Writes one file so that readers see the old content or the new, never a part: the bytes
/// go to a hidden sibling first, which is then renamed over `path`. Parent folders are created.
pub fn write_file_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let parent = parent_of(path);
    std::fs::create_dir_all(parent)
        .with_context(|| format!("cannot create {}", parent.display()))?;
    let name = path
        .file_name()
        .with_context(|| format!("{} is not a file name", path.display()))?
        .to_string_lossy();
    let temp = parent.join(format!(".{name}.tmp-{}", std::process::id()));
    std::fs::write(&temp, bytes).with_context(|| format!("cannot write {}", temp.display()))?;
    std::fs::rename(&temp, path).with_context(|| {
        let _ = std::fs::remove_file(&temp);
        format!("cannot move {} to {}", temp.display(), path.display())
    })
}

/// The output rules in one place, for every command that replaces or writes into an output
/// folder, checked without writing anything: refuses a risky folder
/// ([`rules::refuse_risky`]) and a non-empty folder repcard did not write unless `force`
/// ([`rules::refuse_foreign`]). Commands call it first, so a refusal costs no reading.
pub fn check(out: &Path, data: Option<&Path>, force: bool) -> Result<()> {
    rules::refuse_risky(out, data)?;
    rules::refuse_foreign(out, force)
}

/// [`check`], then the folder's lock (the only write before the output itself), then the
/// checks again under the lock, as another run may have changed the folder meanwhile.
pub fn claim(out: &Path, data: Option<&Path>, force: bool) -> Result<OutputLock> {
    check(out, data, force)?;
    let lock = OutputLock::acquire(out)?;
    check(out, data, force)?;
    Ok(lock)
}
