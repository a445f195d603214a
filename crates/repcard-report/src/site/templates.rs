//! The page templates: built into the binary, overridable file by file from a folder, and
//! exportable for editing (as mdBook does with its theme).

use anyhow::{Context, Result};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tera::Tera;

/// The stylesheet, written to the output as is.
pub(crate) const STYLESHEET: &str = "style.css";

/// The email's template: named here too, so one override folder can hold every output's
/// templates (as `repcard templates export` writes them).
pub const EMAIL: &str = "email.html";

/// Whether `name` is a template repcard knows: a page template, the stylesheet, the email's,
/// or a partial of the user's own (`_…html`, for `{% include %}` and `{% import %}`).
fn known_name(name: &str) -> bool {
    BUILT_IN.iter().any(|(n, _)| *n == name)
        || name == EMAIL
        || (name.starts_with('_') && name.ends_with(".html"))
}

/// The names `known_name` accepts, for messages.
fn known_names() -> String {
    let mut names: Vec<&str> = BUILT_IN.iter().map(|(n, _)| *n).collect();
    names.push(EMAIL);
    names.sort_unstable();
    format!(
        "{}, or a partial of your own whose name starts with _ (e.g. _footer.html)",
        names.join(", ")
    )
}

/// Every built-in page template by file name.
pub const BUILT_IN: [(&str, &str); 9] = [
    ("base.html", include_str!("../../../../templates/base.html")),
    (
        "macros.html",
        include_str!("../../../../templates/macros.html"),
    ),
    (
        "index.html",
        include_str!("../../../../templates/index.html"),
    ),
    (
        "period.html",
        include_str!("../../../../templates/period.html"),
    ),
    ("rep.html", include_str!("../../../../templates/rep.html")),
    ("team.html", include_str!("../../../../templates/team.html")),
    (
        "data-quality.html",
        include_str!("../../../../templates/data-quality.html"),
    ),
    (
        "lead-sources.html",
        include_str!("../../../../templates/lead-sources.html"),
    ),
    (STYLESHEET, include_str!("../../../../templates/style.css")),
];

/// The templates of one output (the site's pages, or the email): the built-ins with any
/// overrides applied.
#[derive(Debug, Clone)]
pub struct Templates {
    /// Source text by file name.
    sources: BTreeMap<String, String>,
    /// Where each overridden template came from, for messages.
    origins: BTreeMap<String, PathBuf>,
}

impl Default for Templates {
    fn default() -> Self {
        Templates::built_in(&BUILT_IN)
    }
}

impl Templates {
    /// The given built-in templates only.
    pub fn built_in(built_in: &[(&str, &str)]) -> Templates {
        Templates {
            sources: built_in
                .iter()
                .map(|(n, s)| (n.to_string(), s.to_string()))
                .collect(),
            origins: BTreeMap::new(),
        }
    }

    /// The built-ins, each replaced by a file of the same name in the first of `dirs` that has
    /// one, later folders winning; folders that don't exist are skipped. Partials of the
    /// user's own (`_name.html`) are added. Any other `.html` or `.css` file is an error that
    /// names it and the known names (a misspelled `indx.html` would otherwise be ignored);
    /// other files are left alone.
    pub fn load(built_in: &[(&str, &str)], dirs: &[PathBuf]) -> Result<Templates> {
        let mut t = Templates::built_in(built_in);
        for dir in dirs {
            if !dir.is_dir() {
                continue;
            }
            let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
                .with_context(|| format!("cannot read templates folder {}", dir.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .collect();
            entries.sort();
            for path in entries {
                let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                    continue;
                };
                let template_like = name.ends_with(".html") || name.ends_with(".css");
                if !known_name(name) {
                    if template_like {
                        anyhow::bail!(
                            "{} is not a template repcard knows; expected one of {}",
                            path.display(),
                            known_names()
                        );
                    }
                    continue;
                }
                if !built_in.iter().any(|(n, _)| *n == name) && !name.starts_with('_') {
                    // Another output's template (the email's when building pages).
                    continue;
                }
                let text = std::fs::read_to_string(&path)
                    .with_context(|| format!("cannot read template {}", path.display()))?;
                t.sources.insert(name.to_string(), text);
                t.origins.insert(name.to_string(), path);
            }
        }
        Ok(t)
    }

    /// The stylesheet's text.
    pub fn stylesheet(&self) -> &str {
        self.sources.get(STYLESHEET).map_or("", String::as_str)
    }

    /// A tera instance with every HTML template, autoescaping on.
    pub fn tera(&self) -> Result<Tera> {
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html"]);
        let html: Vec<(&str, &str)> = self
            .sources
            .iter()
            .filter(|(n, _)| n.ends_with(".html"))
            .map(|(n, s)| (n.as_str(), s.as_str()))
            .collect();
        tera.add_raw_templates(html).map_err(|e| {
            let origins: Vec<String> = self
                .origins
                .values()
                .map(|p| p.display().to_string())
                .collect();
            let from = if origins.is_empty() {
                String::new()
            } else {
                format!(" (overrides from {})", origins.join(", "))
            };
            anyhow::anyhow!("a page template does not parse{from}: {}", error_chain(&e))
        })?;
        Ok(tera)
    }
}

/// A tera error with its causes, which hold the line and the reason.
pub fn error_chain(e: &tera::Error) -> String {
    let mut s = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        s.push_str(": ");
        s.push_str(&cause.to_string());
        source = cause.source();
    }
    s
}

/// Writes the given built-in templates into `dir` (created if missing) and returns the
/// paths. Existing files are left alone unless `force`.
pub fn export(built_in: &[(&str, &str)], dir: &Path, force: bool) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut written = Vec::new();
    for (name, text) in built_in {
        let path = dir.join(name);
        if path.exists() && !force {
            anyhow::bail!(
                "{} already exists; pass --force to overwrite the templates in {}",
                path.display(),
                dir.display()
            );
        }
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_templates_parse() {
        Templates::built_in(&BUILT_IN).tera().unwrap();
    }

    #[test]
    fn a_file_of_the_same_name_replaces_the_built_in_and_later_folders_win() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        std::fs::write(a.path().join("style.css"), "body{color:red}").unwrap();
        std::fs::write(b.path().join("style.css"), "body{color:blue}").unwrap();
        std::fs::write(a.path().join("notes.txt"), "ignored").unwrap();
        let t = Templates::load(
            &BUILT_IN,
            &[
                a.path().to_path_buf(),
                b.path().to_path_buf(),
                PathBuf::from("/nonexistent/templates"),
            ],
        )
        .unwrap();
        assert_eq!(t.stylesheet(), "body{color:blue}");
        assert!(!t.sources.contains_key("notes.txt"));
    }

    #[test]
    fn a_misspelled_template_is_an_error_naming_the_file_and_the_known_names() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("indx.html"), "{% extends \"base.html\" %}").unwrap();
        let err = Templates::load(&BUILT_IN, &[dir.path().to_path_buf()]).unwrap_err();
        let msg = format!("{err:#}");
        assert!(msg.contains("indx.html"), "{msg}");
        assert!(
            msg.contains("index.html") && msg.contains("lead-sources.html"),
            "{msg}"
        );
        // The email's template and the user's own partials are fine in the same folder.
        std::fs::remove_file(dir.path().join("indx.html")).unwrap();
        std::fs::write(dir.path().join("email.html"), "mail").unwrap();
        std::fs::write(dir.path().join("_footer.html"), "<p>footer</p>").unwrap();
        let t = Templates::load(&BUILT_IN, &[dir.path().to_path_buf()]).unwrap();
        assert!(t.sources.contains_key("_footer.html"));
        assert!(!t.sources.contains_key("email.html"), "not a page template");
    }

    #[test]
    fn export_writes_every_built_in_and_refuses_to_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let written = export(&BUILT_IN, dir.path(), false).unwrap();
        assert_eq!(written.len(), BUILT_IN.len());
        let back = Templates::load(&BUILT_IN, &[dir.path().to_path_buf()]).unwrap();
        assert_eq!(back.sources, Templates::built_in(&BUILT_IN).sources);
        assert!(export(&BUILT_IN, dir.path(), false).is_err());
        assert!(export(&BUILT_IN, dir.path(), true).is_ok());
    }

    #[test]
    fn a_broken_override_names_its_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("index.html"), "{% if %}").unwrap();
        let t = Templates::load(&BUILT_IN, &[dir.path().to_path_buf()]).unwrap();
        let e = t.tera().unwrap_err().to_string();
        assert!(e.contains("index.html"), "{e}");
    }
}
