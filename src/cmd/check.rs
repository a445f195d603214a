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
    if let Some(code) = super::strict_failure(
        args.data.strict,
        &a,
        &args.data.data_dir,
        "the data folder is not clean",
    ) {
        return Ok(code);
    }
    super::say::summary("ok");
    Ok(0)
}
