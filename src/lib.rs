//! repcard: how good is my sales team, really? Five metrics per rep and period from CRM
//! exports, published as a static report.
//!
//! One pipeline: [`ingest`] (data folder → typed rows + rejects) → [`metrics`] (pure figures)
//! → [`report`] (files). [`warehouse`] is the other way in: a `metrics.csv` computed elsewhere.

pub mod cli;
pub mod cmd;
pub mod config;
#[doc(hidden)]
pub mod fuzz_targets;
pub mod generate;
pub mod ingest;
pub mod metrics;
pub mod model;
pub mod output;
pub mod period;
pub mod report;
pub mod warehouse;

/// Prints how long a phase took, to stderr, when `REPCARD_TIMINGS=1`.
pub fn timing(phase: &str, since: std::time::Instant) {
    if std::env::var_os("REPCARD_TIMINGS").is_some_and(|v| v == "1") {
        eprintln!("timing: {phase} {:.3} s", since.elapsed().as_secs_f64());
    }
}
