//! Report: figures in, files out. Never recomputes a figure; `metrics` is the one source.

#![warn(unreachable_pub)]

pub mod exports;
mod format;
pub mod output;
pub mod site;
pub mod warehouse;
mod wiki;

use anyhow::Result;
use output::Staging;
use repcard_core::config::Config;
use repcard_ingest::Ingested;
use repcard_metrics::Metrics;
use std::time::{Duration, Instant};

/// Everything a report needs: the settings, the rows, the figures.
pub struct ReportInput<'a> {
    /// Settings from `repcard.toml`.
    pub config: &'a Config,
    /// Accepted rows, rejects, file counts, notes.
    pub ingested: &'a Ingested,
    /// The figures.
    pub metrics: &'a Metrics,
    /// Where the figures came from, and so which details can be shown.
    pub provenance: &'a Provenance,
}

/// What a page says where it would need row-level detail that a metrics file does not have.
pub const NOT_AVAILABLE: &str =
    "Not available: this report was built from a metrics.csv file, which has no row-level detail.";

/// Where a report's figures came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Provenance {
    /// Computed from the data folder's rows: every figure and detail is known.
    Rows,
    /// Read from a `metrics.csv` computed elsewhere (`build --metrics`): the figures of its
    /// columns are known; touch distributions, one-touch persistence, the proposals list,
    /// follow-up-depth coaching flags and rejects are not.
    MetricsFile {
        /// The file's name (without its folder, so the pages don't depend on where it was).
        name: String,
        /// Lines of figures it had.
        rows: usize,
    },
}

impl Provenance {
    /// Whether the figures were computed from rows, so that row-level detail is known.
    pub fn has_rows(&self) -> bool {
        matches!(self, Provenance::Rows)
    }
}

/// How long the report's phases took.
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    /// The machine-readable files.
    pub exports: Duration,
    /// The HTML pages, charts and stylesheet, and the wiki pages.
    pub site: Duration,
}

/// Writes every output file into the staging folder, the pages with `templates`.
pub fn write_all(
    input: &ReportInput,
    templates: &site::Templates,
    out: &Staging,
) -> Result<Timings> {
    let start = Instant::now();
    let data = &input.ingested.dataset;
    out.write("metrics.csv", &exports::metrics_csv(data, input.metrics)?)?;
    out.write(
        "metrics.json",
        &exports::metrics_json_from(input.config, data, input.metrics, input.provenance)?,
    )?;
    out.write("rejects.csv", &exports::rejects_csv(input.ingested)?)?;
    out.write("files.csv", &exports::files_csv(input.ingested)?)?;
    let exports = start.elapsed();
    site::write_site(input, templates, out)?;
    wiki::write(input, out)?;
    Ok(Timings {
        exports,
        site: start.elapsed() - exports,
    })
}

/// `base_url` with exactly one trailing slash, so site paths can be appended.
pub fn site_base(base_url: Option<&str>) -> Option<String> {
    base_url
        .map(str::trim)
        .filter(|b| !b.is_empty())
        .map(|b| format!("{}/", b.trim_end_matches('/')))
}
