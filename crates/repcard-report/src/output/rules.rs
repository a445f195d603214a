//! Which folders a command may write its output into. Every command that writes (`build`,
//! `email`, `generate`, `templates export`) asks here first, so a mistyped `-o` can never
//! replace or delete the user's own files.

use anyhow::{Result, bail};
use repcard_core::Diagnostic;
use std::path::{Component, Path, PathBuf};

/// The marker file in every output folder repcard writes, holding the output's format
/// version: a folder is replaced as a whole only if it holds this file (or is empty).
pub const MARKER: &str = ".repcard";

/// The marker's content: what wrote the folder and the version of its layout.
pub const MARKER_TEXT: &str = "repcard output, format 1\n";

/// `path` made absolute, with symbolic links resolved in the part that exists and `.`/`..`
/// taken away in the part that does not, so two spellings of one folder compare equal.
pub fn resolved(path: &Path) -> Result<PathBuf> {
    let absolute = std::path::absolute(path)
        .map_err(|e| anyhow::anyhow!("{}: cannot resolve the path: {e}", path.display()))?;
    // The longest leading part that exists is canonicalised; the rest is added lexically.
    let mut existing = absolute.clone();
    let mut rest: Vec<std::ffi::OsString> = Vec::new();
    let canonical = loop {
        if let Ok(c) = existing.canonicalize() {
            break c;
        }
        let Some(parent) = existing.parent().map(Path::to_path_buf) else {
            break existing;
        };
        if let Some(name) = existing.components().next_back() {
            rest.push(name.as_os_str().to_owned());
        }
        existing = parent;
    };
    let mut out = canonical;
    for c in rest.iter().rev() {
        match Path::new(c).components().next() {
            Some(Component::ParentDir) => {
                out.pop();
            }
            Some(Component::CurDir) | None => {}
            Some(_) => out.push(c),
        }
    }
    Ok(out)
}

/// What `out` would destroy, in words, if it were replaced: `None` when it is safe.
fn danger(out: &Path, data: Option<&Path>) -> Result<Option<String>> {
    let out_r = resolved(out)?;
    if out_r.parent().is_none() {
        return Ok(Some("it is the root folder /".into()));
    }
    if let Some(data) = data {
        let data_r = resolved(data)?;
        if data_r == out_r {
            return Ok(Some(format!(
                "it is the data folder {}, which would be deleted",
                data.display()
            )));
        }
        if data_r.starts_with(&out_r) {
            return Ok(Some(format!(
                "it contains the data folder {}, which would be deleted",
                data.display()
            )));
        }
    }
    if let Some(home) = std::env::var_os("HOME").filter(|h| !h.is_empty()) {
        let home_r = resolved(Path::new(&home))?;
        if home_r == out_r {
            return Ok(Some("it is your home folder".into()));
        }
        if home_r.starts_with(&out_r) {
            return Ok(Some("it contains your home folder".into()));
        }
    }
    if let Ok(cwd) = std::env::current_dir() {
        let cwd_r = resolved(&cwd)?;
        if cwd_r == out_r {
            return Ok(Some("it is the current folder".into()));
        }
        if cwd_r.starts_with(&out_r) {
            return Ok(Some("it contains the current folder".into()));
        }
    }
    Ok(None)
}

/// Refuses an output folder that is `/`, the home folder, the current folder or one of
/// their ancestors, or the data folder or one that contains it. A folder inside the data
/// folder is allowed (ingest leaves it out).
pub fn refuse_risky(out: &Path, data: Option<&Path>) -> Result<()> {
    if let Some(why) = danger(out, data)? {
        return Err(
            Diagnostic::new(format!("refusing to write into {}: {why}", out.display()))
                .at(format!("-o {}", out.display()))
                .help("choose a folder of its own for the output, e.g. -o site")
                .into(),
        );
    }
    Ok(())
}

/// Whether `dir` holds repcard's marker file.
pub fn is_marked(dir: &Path) -> bool {
    dir.join(MARKER).is_file()
}

/// Refuses to replace `out` when it is a folder with files in it that repcard did not write
/// (no marker file), unless `force`. A missing or empty folder is fine.
pub fn refuse_foreign(out: &Path, force: bool) -> Result<()> {
    if force || !out.exists() {
        return Ok(());
    }
    if !out.is_dir() {
        bail!(
            "{} exists and is not a folder; not replacing it",
            out.display()
        );
    }
    let mut entries = std::fs::read_dir(out)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", out.display()))?;
    if entries.next().is_some() && !is_marked(out) {
        return Err(Diagnostic::new(format!(
            "refusing to replace {}: it holds files that repcard did not write (no {MARKER} file)",
            out.display()
        ))
        .at(out.display().to_string())
        .help("choose another folder, or pass --force to replace this one and everything in it")
        .into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolved_makes_two_spellings_of_one_folder_equal() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path().join("d");
        std::fs::create_dir(&d).unwrap();
        let a = resolved(&d).unwrap();
        assert_eq!(resolved(&d.join(".")).unwrap(), a);
        assert_eq!(resolved(&d.join("x").join("..")).unwrap(), a);
        assert_eq!(
            resolved(&tmp.path().join("new").join("..").join("d")).unwrap(),
            a
        );
    }

    #[test]
    fn data_folder_its_parents_and_root_are_refused_a_child_is_not() {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("wrap").join("data");
        std::fs::create_dir_all(&data).unwrap();
        assert!(refuse_risky(&data, Some(&data)).is_err());
        assert!(refuse_risky(&data.join("."), Some(&data)).is_err());
        assert!(refuse_risky(&tmp.path().join("wrap"), Some(&data)).is_err());
        assert!(refuse_risky(Path::new("/"), Some(&data)).is_err());
        assert!(refuse_risky(&data.join("site"), Some(&data)).is_ok());
        assert!(refuse_risky(&tmp.path().join("site"), Some(&data)).is_ok());
    }

    #[test]
    fn a_non_empty_unmarked_folder_is_refused_unless_forced() {
        let tmp = tempfile::tempdir().unwrap();
        assert!(refuse_foreign(tmp.path(), false).is_ok(), "empty is fine");
        std::fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
        let e = refuse_foreign(tmp.path(), false).unwrap_err().to_string();
        assert!(e.contains("--force"), "{e}");
        assert!(refuse_foreign(tmp.path(), true).is_ok());
        std::fs::write(tmp.path().join(MARKER), MARKER_TEXT).unwrap();
        assert!(refuse_foreign(tmp.path(), false).is_ok());
    }
}
