//! `repcard generate`: a realistic synthetic company's CRM exports.

use anyhow::Result;
use std::path::PathBuf;

/// Arguments of `repcard generate`.
#[derive(Debug, clap::Args)]
pub struct GenerateArgs {
    /// Folder to write the data into (created if missing).
    pub out_dir: PathBuf,
    /// Random seed; the same seed and options give the same bytes.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Number of reps.
    #[arg(long, default_value_t = 12)]
    pub reps: u32,
    /// Number of teams.
    #[arg(long, default_value_t = 3)]
    pub teams: u32,
    /// Number of months of history.
    #[arg(long, default_value_t = 18)]
    pub months: u32,
    /// First month, YYYY-MM.
    #[arg(long, default_value = "2025-06")]
    pub start: String,
    /// New leads per rep and month (on average).
    #[arg(long, default_value_t = 40)]
    pub leads_per_rep_month: u32,
}

/// Runs `generate`; returns the exit code.
pub fn run(_args: &GenerateArgs) -> Result<i32> {
    anyhow::bail!("generate is not implemented yet")
}
