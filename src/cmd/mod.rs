//! One file per subcommand.

pub mod build;
pub mod check;
#[cfg(feature = "email")]
pub mod email;
pub mod generate;
pub mod templates;

use repcard_core::config::Config;
use repcard_ingest::{Ingested, ingest};
use repcard_metrics::{Metrics, Rules, compute};
use std::path::Path;

/// The pipeline up to the figures: settings, rows, metrics.
pub struct Analysis {
    /// Settings.
    pub config: Config,
    /// Rows, rejects, counts, notes.
    pub ingested: Ingested,
    /// The figures.
    pub metrics: Metrics,
}

/// Loads the settings, reads the data folder and computes the figures.
pub fn analyse(data_dir: &Path, skip: Option<&Path>) -> anyhow::Result<Analysis> {
    let config = Config::load(data_dir)?;
    let ingested = ingest(data_dir, &config, skip)?;
    let metrics = compute(
        &ingested.dataset,
        &ingested.activities,
        &Rules::from(&config),
    )?;
    Ok(Analysis {
        config,
        ingested,
        metrics,
    })
}

/// Prints the run's summary (periods, reps, rows per table) on stdout, and its diagnostics
/// (warnings, rejects) on stderr.
pub fn print_summary(a: &Analysis, data_dir: &Path) {
    let cal = &a.config.calendar;
    println!("read {}", data_dir.display());
    match (a.metrics.periods.first(), a.metrics.periods.last()) {
        (Some(first), Some(last)) => println!(
            "  periods: {} ({} to {}, by {})",
            a.metrics.periods.len(),
            first.label,
            last.label,
            cal.unit
        ),
        _ => println!("  periods: none (no accepted row has a date)"),
    }
    println!("  reps: {}", a.ingested.dataset.reps.len());
    for (table, c) in a.ingested.table_counts() {
        println!(
            "  {:<11} {:>9} read {:>9} accepted {:>7} rejected",
            table.name(),
            c.read,
            c.accepted,
            c.rejected
        );
    }
    for w in &a.ingested.warnings {
        eprintln!("warning: {w}");
    }
    let n = a.ingested.rejects.len();
    if n > 0 {
        const SHOWN: usize = 20;
        eprintln!("warning: {n} row(s) rejected and left out of the metrics:");
        for r in a.ingested.rejects.iter().take(SHOWN) {
            eprintln!("  {r}");
        }
        if n > SHOWN {
            eprintln!(
                "  … and {} more (see rejects.csv / data-quality.html)",
                n - SHOWN
            );
        }
    }
}

/// Prints every reject (for `--strict` failures).
pub fn print_all_rejects(a: &Analysis) {
    for r in &a.ingested.rejects {
        eprintln!("  {r}");
    }
}
