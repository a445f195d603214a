//! data-quality.html: what was read, and what was left out.

use super::Site;
use super::money::count;
use crate::Provenance;
use serde::Serialize;
#[derive(Debug, Serialize)]
struct FileRow {
    file: String,
    table: String,
    read: String,
    accepted: String,
    rejected: String,
}

#[derive(Debug, Serialize)]
struct RejectRow {
    place: String,
    column: String,
    reason: String,
    detail: String,
}

/// data-quality.html: per-file counts, every rejected row, unmatched files, warnings.
pub(super) fn data_quality(site: &Site) -> tera::Context {
    let ing = site.input.ingested;
    let (mut ctx, _) = site.context("Data quality", 0);
    let files: Vec<FileRow> = ing
        .files
        .iter()
        .map(|f| FileRow {
            file: f.file.clone(),
            table: f.table.map_or(String::new(), |t| t.name().to_string()),
            read: f.counts.map(|c| count(c.read)).unwrap_or_default(),
            accepted: f.counts.map(|c| count(c.accepted)).unwrap_or_default(),
            rejected: f.counts.map(|c| count(c.rejected)).unwrap_or_default(),
        })
        .collect();
    let unmatched: Vec<&str> = ing
        .files
        .iter()
        .filter(|f| f.table.is_none())
        .map(|f| f.file.as_str())
        .collect();
    let rejects: Vec<RejectRow> = ing
        .rejects
        .iter()
        .map(|r| RejectRow {
            place: format!("{}:{}", r.file, r.line),
            column: r.column.clone(),
            reason: r.reason.code().to_string(),
            detail: r.detail.clone(),
        })
        .collect();
    ctx.insert("files", &files);
    ctx.insert("unmatched", &unmatched);
    ctx.insert("rejects", &rejects);
    let warnings: Vec<String> = ing.warnings.iter().map(ToString::to_string).collect();
    ctx.insert("warnings", &warnings);
    ctx.insert("not_available", &site.not_available());
    let metrics_file = match site.input.provenance {
        Provenance::Rows => None,
        Provenance::MetricsFile { name, rows } => Some(MetricsFileView {
            name,
            rows: count(*rows as u64),
        }),
    };
    ctx.insert("metrics_file", &metrics_file);
    ctx
}

/// Where the figures came from, when it was a metrics file.
#[derive(Debug, Serialize)]
struct MetricsFileView<'a> {
    name: &'a str,
    rows: String,
}
