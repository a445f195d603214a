//! `repcard build`: data folder in, report folder out.

use crate::cli::DataArgs;
use crate::output::Staging;
use crate::report::{ReportInput, site::Templates, write_all};
use anyhow::Result;
use std::path::PathBuf;
use std::time::Instant;

/// Arguments of `repcard build`.
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// The output folder; replaced as a whole, atomically, when the run succeeds.
    #[arg(short = 'o', long = "out", default_value = "site")]
    pub out_dir: PathBuf,
    /// A folder of page templates; a file here replaces the built-in one of the same name
    /// (and one in DATA_DIR/templates/). See `repcard templates export`.
    #[arg(long = "templates", value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

/// Runs `build`; returns the exit code.
pub fn run(args: &BuildArgs) -> Result<i32> {
    if let Some(dir) = &args.templates
        && !dir.is_dir()
    {
        anyhow::bail!("--templates {}: no such folder", dir.display());
    }
    let started = Instant::now();
    let a = super::analyse(&args.data.data_dir, Some(&args.out_dir))?;
    let analysed = started.elapsed();
    super::print_summary(&a, &args.data.data_dir);
    if args.data.strict && !a.ingested.rejects.is_empty() {
        eprintln!(
            "error: --strict: {} row(s) rejected; nothing was written:",
            a.ingested.rejects.len()
        );
        super::print_all_rejects(&a);
        return Ok(1);
    }
    let mut dirs = vec![args.data.data_dir.join("templates")];
    dirs.extend(args.templates.clone());
    let templates = Templates::load(&dirs)?;
    let staging = Staging::new(&args.out_dir)?;
    let timings = write_all(
        &ReportInput {
            config: &a.config,
            ingested: &a.ingested,
            metrics: &a.metrics,
            templates: &templates,
        },
        &staging,
    )?;
    if std::env::var_os("REPCARD_TIMINGS").is_some_and(|v| v == "1") {
        eprintln!(
            "timings: ingest+metrics {:.3} s, exports {:.3} s, site {:.3} s",
            analysed.as_secs_f64(),
            timings.exports.as_secs_f64(),
            timings.site.as_secs_f64()
        );
    }
    staging.commit()?;
    eprintln!("wrote {}", args.out_dir.display());
    Ok(0)
}
