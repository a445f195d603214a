//! Report: figures in, files out. Never recomputes a figure; `repcard-metrics` is the one
//! source.
//!
//! Offers: [`ReportInput`] (settings, rows, figures, [`Provenance`]) and the [`Output`]
//! trait with the outputs `repcard build` writes ([`outputs`]: [`Exports`], [`Site`],
//! [`Wiki`]) into an atomically installed [`output::Staging`] folder, under the output
//! rules of [`output::claim`]; the [`archive`] of closed periods and their restatements; the shared view of a
//! period ([`site::Digest`], built without templates) that the email and the wiki render;
//! [`warehouse`], the other way in (a `metrics.csv` computed elsewhere); and the chart SVGs
//! ([`site::charts`]) that the email rasterises.

#![warn(unreachable_pub)]

pub mod archive;
pub mod exports;
mod exports_origins;
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
    /// The closed periods' rows as published, and what was restated since.
    pub archive: &'a archive::Archive,
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

/// One kind of output: it writes its files for a report into the staging folder. Adding an
/// output (as mdBook's `Renderer`) is one more implementation in [`outputs`]; every output
/// reads the same [`ReportInput`] and recomputes no figure.
pub trait Output: Sync {
    /// A short name, for timings and messages.
    fn name(&self) -> &'static str;
    /// Writes the output's files.
    fn write(&self, input: &ReportInput, out: &Staging) -> Result<()>;
}

/// `metrics.csv`, `metrics.json`, `rejects.csv`, `files.csv`, `archive/<period>.csv`, and
/// (from rows) `sources.csv` and `score_bands.csv`.
pub struct Exports;

impl Output for Exports {
    fn name(&self) -> &'static str {
        "exports"
    }

    fn write(&self, input: &ReportInput, out: &Staging) -> Result<()> {
        let data = &input.ingested.dataset;
        out.write("metrics.csv", &exports::metrics_csv(data, input.metrics)?)?;
        out.write(
            "metrics.json",
            &exports::metrics_json_from(input.config, data, input.metrics, input.provenance)?,
        )?;
        out.write("rejects.csv", &exports::rejects_csv(input.ingested)?)?;
        if let Some((sources, bands)) = exports_origins::origin_csvs(input.metrics)? {
            out.write("sources.csv", &sources)?;
            out.write("score_bands.csv", &bands)?;
        }
        out.write("files.csv", &exports::files_csv(input.ingested)?)?;
        for (name, bytes) in input.archive.files() {
            out.write(&format!("{}/{name}", archive::FOLDER), bytes)?;
        }
        Ok(())
    }
}

/// The HTML pages, their charts and the stylesheet, rendered with the given templates.
pub struct Site<'t>(pub &'t site::Templates);

impl Output for Site<'_> {
    fn name(&self) -> &'static str {
        "site"
    }

    fn write(&self, input: &ReportInput, out: &Staging) -> Result<()> {
        site::write_site(input, self.0, out)
    }
}

/// The wiki's Markdown pages and standalone SVG charts.
pub struct Wiki;

impl Output for Wiki {
    fn name(&self) -> &'static str {
        "wiki"
    }

    fn write(&self, input: &ReportInput, out: &Staging) -> Result<()> {
        wiki::write(input, out)
    }
}

/// The outputs `repcard build` writes, in order: the machine-readable files first.
pub fn outputs(templates: &site::Templates) -> Vec<Box<dyn Output + '_>> {
    vec![Box::new(Exports), Box::new(Site(templates)), Box::new(Wiki)]
}

/// Writes every output into the staging folder; returns how long each took, by name.
pub fn write_all(
    input: &ReportInput,
    outputs: &[Box<dyn Output + '_>],
    out: &Staging,
) -> Result<Vec<(&'static str, Duration)>> {
    let mut timings = Vec::with_capacity(outputs.len());
    for output in outputs {
        let start = Instant::now();
        output.write(input, out)?;
        timings.push((output.name(), start.elapsed()));
    }
    Ok(timings)
}

/// `base_url` with exactly one trailing slash, so site paths can be appended.
pub fn site_base(base_url: Option<&str>) -> Option<String> {
    base_url
        .map(str::trim)
        .filter(|b| !b.is_empty())
        .map(|b| format!("{}/", b.trim_end_matches('/')))
}
