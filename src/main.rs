//! repcard: how good is my sales team, really? Five metrics per rep and period from CRM
//! exports, published as a static report.
//!
//! The binary is thin: [`cli`] parses the arguments, [`cmd`] runs one command with plain
//! values. The pipeline lives in the workspace's crates: `repcard-ingest` (data folder →
//! typed rows + rejects) → `repcard-metrics` (pure figures) → `repcard-report` (files), with
//! `repcard-email` as an optional output and `repcard-core` as their shared vocabulary.

mod cli;
mod cmd;

fn main() {
    std::process::exit(cli::run());
}
