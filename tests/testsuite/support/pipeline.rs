//! The pipeline up to the figures, as `repcard build` runs it, for tests that look at the
//! typed rows and figures rather than the files.

use std::path::Path;

/// The pipeline up to the figures, as `repcard build` runs it: settings, rows, metrics.
pub struct Analysis {
    pub config: repcard_core::config::Config,
    pub ingested: repcard_ingest::Ingested,
    pub metrics: repcard_metrics::Metrics,
}

/// Loads the settings, reads the data folder and computes the figures.
pub fn analyse(dir: &Path) -> anyhow::Result<Analysis> {
    let config = repcard_core::config::Config::load(dir)?;
    let ingested = repcard_ingest::ingest(dir, &config, None)?;
    let metrics = repcard_metrics::compute(
        &ingested.dataset,
        &ingested.activities,
        &repcard_metrics::Rules::from(&config),
    )?;
    Ok(Analysis {
        config,
        ingested,
        metrics,
    })
}
