//! The integration tests of repcard, in one test binary: one module per area, the helpers
//! they share in `support`, and the data they read in folders beside them (`contract/`,
//! `formats/`, `fixtures/`, `snapshots/`).
//!
//! Run one area with `cargo test --test testsuite contract::`, one test by its name.

mod archive;
mod browser;
mod cli;
mod contract;
mod crash;
#[cfg(feature = "email")]
mod email;
mod formats;
mod fuzz_corpus;
mod generate;
mod hostile;
mod hostile_site;
mod lead_sources;
mod messages;
mod properties;
mod report_views;
mod safe_output;
mod site;
mod sql_agreement;
mod support;
mod warehouse;
mod wiki;
