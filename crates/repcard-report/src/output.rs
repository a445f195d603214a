//! Writing the output folder atomically: build everything in a sibling staging folder, then
//! swap it in, so a failed or killed run leaves the previous output as it was.

use anyhow::{Context, Result};
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
    let parent = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    Ok(parent.join(format!(".{name}.{tag}-{}", std::process::id())))
}

/// Removes staging and retired folders that earlier runs left behind when they were killed.
fn sweep_leftovers(target: &Path) {
    let (Some(parent), Some(name)) = (target.parent(), target.file_name()) else {
        return;
    };
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
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
    /// Creates an empty staging folder for `target`.
    pub fn new(target: &Path) -> Result<Staging> {
        sweep_leftovers(target);
        if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        let dir = sibling(target, "staging")?;
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            done: false,
        })
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
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
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
