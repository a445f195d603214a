//! Report: figures in, files out. Never recomputes a figure; `metrics` is the one source.

pub mod exports;
pub mod format;

use crate::config::Config;
use crate::ingest::Ingested;
use crate::metrics::Metrics;
use crate::output::Staging;
use anyhow::Result;

/// Everything a report needs: the settings, the rows, the figures.
pub struct ReportInput<'a> {
    /// Settings from `repcard.toml`.
    pub config: &'a Config,
    /// Accepted rows, rejects, file counts, notes.
    pub ingested: &'a Ingested,
    /// The figures.
    pub metrics: &'a Metrics,
}

/// Writes every output file into the staging folder.
pub fn write_all(input: &ReportInput, out: &Staging) -> Result<()> {
    let data = &input.ingested.dataset;
    out.write("metrics.csv", &exports::metrics_csv(data, input.metrics)?)?;
    out.write(
        "metrics.json",
        &exports::metrics_json(input.config, data, input.metrics)?,
    )?;
    out.write("rejects.csv", &exports::rejects_csv(input.ingested)?)?;
    out.write("files.csv", &exports::files_csv(input.ingested)?)?;
    Ok(())
}
