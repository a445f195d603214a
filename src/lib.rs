//! repcard: how good is my sales team, really? Five metrics per rep and period from CRM
//! exports, published as a static report.
//!
//! One pipeline: [`ingest`] (data folder → typed rows + rejects) → [`metrics`] (pure figures)
//! → [`report`] (files).

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
