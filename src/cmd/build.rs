//! `repcard build`: data folder in, report folder out.

use crate::cli::DataArgs;
use crate::output::Staging;
use crate::report::{ReportInput, write_all};
use anyhow::Result;
use std::path::PathBuf;

/// Arguments of `repcard build`.
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// The output folder; replaced as a whole, atomically, when the run succeeds.
    #[arg(short = 'o', long = "out", default_value = "site")]
    pub out_dir: PathBuf,
}

/// Runs `build`; returns the exit code.
pub fn run(args: &BuildArgs) -> Result<i32> {
    let a = super::analyse(&args.data.data_dir, Some(&args.out_dir))?;
    super::print_summary(&a, &args.data.data_dir);
    if args.data.strict && !a.ingested.rejects.is_empty() {
        eprintln!(
            "error: --strict: {} row(s) rejected; nothing was written:",
            a.ingested.rejects.len()
        );
        super::print_all_rejects(&a);
        return Ok(1);
    }
    let staging = Staging::new(&args.out_dir)?;
    write_all(
        &ReportInput {
            config: &a.config,
            ingested: &a.ingested,
            metrics: &a.metrics,
        },
        &staging,
    )?;
    staging.commit()?;
    eprintln!("wrote {}", args.out_dir.display());
    Ok(0)
}
