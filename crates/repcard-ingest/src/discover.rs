//! Finding the data folder's files and telling which table each CSV belongs to (§1, §6.1, §6.2).

use anyhow::Result;
use std::path::{Path, PathBuf};

pub use repcard_core::schema::Table;

/// The activity type a `calls`/`meetings` alias file implies for rows that leave `type` empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImpliedType {
    /// From a `calls` name.
    Call,
    /// From a `meetings` name.
    Meeting,
}

/// A CSV file (or spreadsheet: `.xlsx`, `.xls`, `.ods`, …) found in the data folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvFile {
    /// Absolute (or as given) path to read.
    pub path: PathBuf,
    /// Path relative to the data folder, with `/` separators, as shown to the user.
    pub name: String,
    /// The table it feeds, or `None` when no name matched.
    pub table: Option<Table>,
    /// The implied activity type of an alias file.
    pub implied_type: Option<ImpliedType>,
}

/// A Markdown note found under `notes/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteFile {
    /// Path to read.
    pub path: PathBuf,
    /// Path relative to the data folder, with `/`.
    pub name: String,
    /// File stem: the period label it should name.
    pub stem: String,
}

/// Everything found in a data folder, in sorted path order.
#[derive(Debug, Clone, Default)]
pub struct Discovery {
    /// Every `*.csv` file.
    pub csv_files: Vec<CsvFile>,
    /// Every `notes/**/*.md` file.
    pub notes: Vec<NoteFile>,
    /// What could not be walked (symlink loops, broken links, unreadable folders) or was not
    /// a regular file.
    pub warnings: Vec<String>,
}

/// The first word of a file or folder name: split at `-`, `_`, `.` and space, lower-cased.
pub(crate) fn first_word(name: &str) -> String {
    name.split(['-', '_', '.', ' '])
        .next()
        .unwrap_or("")
        .to_lowercase()
}

/// Matches one word against the table names and aliases.
fn table_of_word(word: &str) -> Option<(Table, Option<ImpliedType>)> {
    match word {
        "reps" => Some((Table::Reps, None)),
        "leads" => Some((Table::Leads, None)),
        "activities" => Some((Table::Activities, None)),
        "calls" => Some((Table::Activities, Some(ImpliedType::Call))),
        "meetings" => Some((Table::Activities, Some(ImpliedType::Meeting))),
        "proposals" => Some((Table::Proposals, None)),
        _ => None,
    }
}

/// Which table a CSV at `relative` (inside the data folder) belongs to: the first word of its
/// stem, failing that the nearest ancestor folder whose first word names a table. An
/// activities file is an alias file when its stem or an ancestor folder is an alias (§6.4).
pub fn classify(relative: &Path) -> Option<(Table, Option<ImpliedType>)> {
    let stem = relative.file_stem()?.to_string_lossy();
    let ancestors = || {
        relative
            .parent()
            .into_iter()
            .flat_map(|p| p.components().rev())
            .filter_map(|c| table_of_word(&first_word(&c.as_os_str().to_string_lossy())))
    };
    match table_of_word(&first_word(&stem)).or_else(|| ancestors().next())? {
        (Table::Activities, None) => Some((
            Table::Activities,
            ancestors().find_map(|(_, implied)| implied),
        )),
        found => Some(found),
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension()
        .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case(ext))
}

fn slash_path(relative: &Path) -> String {
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Walks `data_dir` recursively, skipping hidden files and folders and `skip` (the output
/// folder when it sits inside the data folder), and returns its CSV files and notes sorted by
/// path, component by component.
pub fn discover(data_dir: &Path, skip: Option<&Path>) -> Result<Discovery> {
    if !data_dir.is_dir() {
        anyhow::bail!(
            "data folder {} does not exist or is not a folder",
            data_dir.display()
        );
    }
    let skip = skip.and_then(|s| s.canonicalize().ok());
    let mut found = Vec::new();
    let mut warnings = Vec::new();
    let walker = walkdir::WalkDir::new(data_dir)
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| {
            (e.depth() == 0 || !is_hidden(e.file_name()))
                && !skip
                    .as_deref()
                    .is_some_and(|s| e.path().canonicalize().is_ok_and(|p| p == s))
        });
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| slash_path(p.strip_prefix(data_dir).unwrap_or(p)))
                    .unwrap_or_default();
                let why = if e.loop_ancestor().is_some() {
                    "a symbolic link loop".to_string()
                } else {
                    e.io_error()
                        .map_or_else(|| e.to_string(), |io| io.to_string())
                };
                warnings.push(format!("{path}: skipped: {why}"));
                continue;
            }
        };
        if entry.file_type().is_dir() {
            continue;
        }
        if !entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(data_dir).unwrap_or(entry.path());
            if has_extension(rel, "csv") || crate::sheet::is_spreadsheet(rel) {
                warnings.push(format!("{}: skipped: not a regular file", slash_path(rel)));
            }
            continue;
        }
        let relative = entry
            .path()
            .strip_prefix(data_dir)
            .unwrap_or(entry.path())
            .to_path_buf();
        found.push((relative, entry.into_path()));
    }
    found.sort();
    let mut discovery = Discovery {
        warnings,
        ..Discovery::default()
    };
    for (relative, path) in found {
        if has_extension(&relative, "csv") || crate::sheet::is_spreadsheet(&relative) {
            let (table, implied_type) = match classify(&relative) {
                Some((t, i)) => (Some(t), i),
                None => (None, None),
            };
            discovery.csv_files.push(CsvFile {
                name: slash_path(&relative),
                path,
                table,
                implied_type,
            });
        } else if has_extension(&relative, "md")
            && relative
                .components()
                .next()
                .is_some_and(|c| c.as_os_str() == "notes")
        {
            discovery.notes.push(NoteFile {
                name: slash_path(&relative),
                stem: relative
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                path,
            });
        }
    }
    Ok(discovery)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(p: &str) -> Option<&'static str> {
        classify(Path::new(p)).map(|(t, _)| t.name())
    }

    #[test]
    fn table_from_first_word_of_stem() {
        assert_eq!(table("reps.csv"), Some("reps"));
        assert_eq!(table("leads-2026-q3.csv"), Some("leads"));
        assert_eq!(table("Leads_2026.CSV"), Some("leads"));
        assert_eq!(table("calls-2026-10.csv"), Some("activities"));
        assert_eq!(table("meetings.2026.csv"), Some("activities"));
        assert_eq!(table("proposals 2026.csv"), Some("proposals"));
    }

    #[test]
    fn activity_singular_matches_nothing() {
        assert_eq!(table("activity.csv"), None);
        assert_eq!(table("leadsheet.csv"), None);
    }

    #[test]
    fn table_from_nearest_matching_ancestor_folder() {
        assert_eq!(table("leads/october.csv"), Some("leads"));
        assert_eq!(table("activities/2026-10.csv"), Some("activities"));
        assert_eq!(table("proposals/archive/2025.csv"), Some("proposals"));
        assert_eq!(table("leads/calls-misc/x.csv"), Some("activities"));
        assert_eq!(table("misc/x.csv"), None);
    }

    #[test]
    fn alias_files_imply_their_type() {
        assert_eq!(
            classify(Path::new("calls.csv")).unwrap().1,
            Some(ImpliedType::Call)
        );
        assert_eq!(
            classify(Path::new("meetings/2026.csv")).unwrap().1,
            Some(ImpliedType::Meeting)
        );
        assert_eq!(classify(Path::new("activities.csv")).unwrap().1, None);
    }

    #[test]
    fn path_order_is_component_by_component() {
        let mut v = vec![
            Path::new("leads-2026-q3.csv"),
            Path::new("leads/october.csv"),
        ];
        v.sort();
        assert_eq!(
            v,
            [
                Path::new("leads/october.csv"),
                Path::new("leads-2026-q3.csv")
            ]
        );
    }
}
