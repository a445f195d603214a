//! `repcard check`: validate and summarise a data folder; write nothing.

use crate::cli::DataArgs;
use anyhow::Result;

/// Arguments of `repcard check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub data: DataArgs,
}

/// Runs `check`; returns the exit code.
pub fn run(args: &CheckArgs) -> Result<i32> {
    let a = super::analyse(&args.data.data_dir, None)?;
    super::print_summary(&a, &args.data.data_dir);
    if args.data.strict && !a.ingested.rejects.is_empty() {
        eprintln!(
            "error: --strict: {} row(s) rejected",
            a.ingested.rejects.len()
        );
        super::print_all_rejects(&a);
        return Ok(1);
    }
    println!("ok");
    Ok(0)
}
