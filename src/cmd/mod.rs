//! One file per subcommand.

pub mod build;
pub mod check;
#[cfg(feature = "email")]
pub mod email;
pub mod generate;
pub mod say;
pub mod sql;
pub mod templates;

use repcard_core::config::Config;
use repcard_ingest::{Ingested, ingest};
use repcard_metrics::{Metrics, Rules, compute};
use std::path::Path;

/// The pipeline up to the figures: settings, rows, metrics.
pub struct Analysis {
    /// Settings.
    pub config: Config,
    /// Rows, rejects, counts, notes (the activities' scratch files already let go).
    pub ingested: Ingested,
    /// The figures.
    pub metrics: Metrics,
    /// The thread removing the activities' scratch files while the outputs are written;
    /// joined when the analysis is dropped, so none is left when the command returns.
    scratch_removal: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Analysis {
    fn drop(&mut self) {
        if let Some(removal) = self.scratch_removal.take() {
            let _ = removal.join();
        }
    }
}

/// Loads the settings, reads the data folder and computes the figures.
pub fn analyse(data_dir: &Path, skip: Option<&Path>) -> anyhow::Result<Analysis> {
    let config = Config::load(data_dir)?;
    let mut ingested = ingest(data_dir, &config, skip)?;
    let metrics = compute(
        &ingested.dataset,
        &ingested.activities,
        &Rules::from(&config),
    )?;
    // The metrics were the scratch files' last reader: deleting some hundred MB of them
    // takes the system a tenth of a second at 10 M activities, done beside the outputs.
    let spool = std::mem::take(&mut ingested.activities);
    let scratch_removal = std::thread::Builder::new()
        .name("scratch removal".into())
        .spawn(move || drop(spool))
        .ok();
    Ok(Analysis {
        config,
        ingested,
        metrics,
        scratch_removal,
    })
}

/// Prints the run's summary (periods, reps, rows per table) on stdout, and its diagnostics
/// (warnings, rejects) on stderr.
pub fn print_summary(a: &Analysis, data_dir: &Path) {
    let cal = &a.config.calendar;
    say::summary(format_args!("read {}", data_dir.display()));
    match (a.metrics.periods.first(), a.metrics.periods.last()) {
        (Some(first), Some(last)) => say::summary(format_args!(
            "  periods: {} ({} to {}, by {})",
            a.metrics.periods.len(),
            first.label,
            last.label,
            cal.unit
        )),
        _ => say::summary("  periods: none (no accepted row has a date)"),
    }
    say::summary(format_args!("  reps: {}", a.ingested.dataset.reps.len()));
    for (table, c) in a.ingested.table_counts() {
        say::summary(format_args!(
            "  {:<11} {:>9} read {:>9} accepted {:>7} rejected",
            table.name(),
            c.read,
            c.accepted,
            c.rejected
        ));
    }
    for w in &a.ingested.warnings {
        say::diagnostic(w);
    }
    let n = a.ingested.rejects.len();
    if n > 0 {
        const SHOWN: usize = 20;
        say::warning(format_args!(
            "{n} row(s) rejected and left out of the metrics:"
        ));
        for r in a.ingested.rejects.iter().take(SHOWN) {
            say::detail(r);
        }
        if n > SHOWN {
            say::detail(format_args!(
                "… and {} more (see rejects.csv / data-quality.html)",
                n - SHOWN
            ));
        }
    }
}

/// With `--strict` and rejected rows (or no table file at all): prints the failure (where
/// the first one is, what to do) and every reject, and returns the exit code 1; `None` when
/// the run may go on.
pub fn strict_failure(strict: bool, a: &Analysis, data_dir: &Path, outcome: &str) -> Option<i32> {
    if strict && a.ingested.found_no_file() {
        let d = repcard_core::Diagnostic::new(format!(
            "no CSV file found in DATA_DIR, and --strict allows no empty run; {outcome}"
        ))
        .at(data_dir.display().to_string())
        .help("put the exports there, or pass the folder that holds them");
        eprintln!("{}", d.render("error", &[]));
        return Some(1);
    }
    let first = a.ingested.rejects.first().filter(|_| strict)?;
    let n = a.ingested.rejects.len();
    let d = repcard_core::Diagnostic::new(format!(
        "{n} row(s) rejected, and --strict allows none; {outcome}"
    ))
    .at(format!(
        "{}:{} (the first; every one is listed below)",
        first.file, first.line
    ))
    .help("fix the rows listed below, or run without --strict to leave them out of the metrics (rejects.csv lists them)");
    eprintln!("{}", d.render("error", &[]));
    for r in &a.ingested.rejects {
        say::detail(r);
    }
    Some(1)
}
