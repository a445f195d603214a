//! `repcard build`: data folder in, report folder out.

use super::say;
use crate::cli::DataArgs;
use anyhow::Result;
use repcard_core::config::Config;
use repcard_report::archive::{self, Archive};
use repcard_report::output::{self, Staging};
use repcard_report::warehouse;
use repcard_report::{Provenance, ReportInput, outputs, site::Templates, write_all};
use std::path::{Path, PathBuf};
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
    /// Render the report from a metrics.csv computed elsewhere (e.g. by sql/metrics.sql in a
    /// warehouse) instead of the data folder's CSV tables; DATA_DIR still gives repcard.toml
    /// and notes/. Pages that need row-level detail say it is not available.
    #[arg(long = "metrics", value_name = "FILE.csv")]
    pub metrics: Option<PathBuf>,
    /// Replace OUT_DIR even if it holds files repcard did not write (no `.repcard` marker).
    #[arg(long)]
    pub force: bool,
    /// Replace a closed period's archived rows (OUT_DIR/archive/PERIOD.csv) with its current
    /// figures, on purpose; repeat for more periods.
    #[arg(long, value_name = "PERIOD")]
    pub republish: Vec<String>,
}

/// Runs `build`; returns the exit code.
pub fn run(args: &BuildArgs) -> Result<i32> {
    if let Some(dir) = &args.templates
        && !dir.is_dir()
    {
        anyhow::bail!("--templates {}: no such folder", dir.display());
    }
    output::check(&args.out_dir, Some(&args.data.data_dir), args.force)?;
    if let Some(file) = &args.metrics {
        return run_from_metrics_file(args, file);
    }
    let started = Instant::now();
    let a = super::analyse(&args.data.data_dir, Some(&args.out_dir))?;
    let analysed = started.elapsed();
    super::print_summary(&a, &args.data.data_dir);
    if let Some(code) = super::strict_failure(
        args.data.strict,
        &a,
        &args.data.data_dir,
        "nothing was written",
    ) {
        return Ok(code);
    }
    let t0 = Instant::now();
    let templates = load_templates(args)?;
    // Nothing is written before the data is read and checked; then one build at a time.
    let lock = output::claim(&args.out_dir, Some(&args.data.data_dir), args.force)?;
    let archive = Archive::plan(
        archive::read_previous(&args.out_dir)?,
        &a.config.calendar,
        &a.ingested.dataset,
        &a.metrics,
        &args.republish,
    )?;
    repcard_core::timing("templates, claim, archive", t0);
    let staging = Staging::new(&lock)?;
    let timings = write_all(
        &ReportInput {
            config: &a.config,
            ingested: &a.ingested,
            metrics: &a.metrics,
            provenance: &Provenance::Rows,
            archive: &archive,
        },
        &outputs(&templates),
        &staging,
    )?;
    if std::env::var_os("REPCARD_TIMINGS").is_some_and(|v| v == "1") {
        let phases: Vec<String> = timings
            .iter()
            .map(|(name, d)| format!("{name} {:.3} s", d.as_secs_f64()))
            .collect();
        eprintln!(
            "timings: ingest+metrics {:.3} s, {}",
            analysed.as_secs_f64(),
            phases.join(", ")
        );
    }
    let t0 = Instant::now();
    staging.commit()?;
    repcard_core::timing("install", t0);
    say::summary(format_args!("wrote {}", args.out_dir.display()));
    Ok(0)
}

/// The built-in templates with DATA_DIR/templates/ and --templates over them.
fn load_templates(args: &BuildArgs) -> Result<Templates> {
    let mut dirs = vec![args.data.data_dir.join("templates")];
    dirs.extend(args.templates.clone());
    Templates::load(&repcard_report::site::templates::BUILT_IN, &dirs)
}

/// The warehouse path: figures from a metrics file, settings and notes from DATA_DIR.
fn run_from_metrics_file(args: &BuildArgs, file: &Path) -> Result<i32> {
    let data_dir = &args.data.data_dir;
    let config = Config::load(data_dir)?;
    let loaded = warehouse::load(file, data_dir, &config, Some(&args.out_dir))?;
    let m = &loaded.metrics;
    say::summary(format_args!(
        "read {} (figures) and {} (settings, notes)",
        file.display(),
        data_dir.display()
    ));
    match (m.periods.first(), m.periods.last()) {
        (Some(first), Some(last)) => say::summary(format_args!(
            "  periods: {} ({} to {}, by {})",
            m.periods.len(),
            first.label,
            last.label,
            config.calendar.unit
        )),
        _ => say::summary("  periods: none (the metrics file has no rows)"),
    }
    say::summary(format_args!(
        "  reps: {}",
        loaded.ingested.dataset.reps.len()
    ));
    say::summary(format_args!("  rows: {}", loaded.rows));
    say::summary(format_args!(
        "  the CSV tables of {} are not read ({} CSV file(s) there ignored); row-level detail is not available",
        data_dir.display(),
        loaded.ignored_csv_files
    ));
    for w in &loaded.ingested.warnings {
        say::diagnostic(w);
    }
    let templates = load_templates(args)?;
    let provenance = Provenance::MetricsFile {
        name: file.file_name().map_or_else(
            || file.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        ),
        rows: loaded.rows,
    };
    let lock = output::claim(&args.out_dir, Some(data_dir), args.force)?;
    let archive = Archive::plan(
        archive::read_previous(&args.out_dir)?,
        &config.calendar,
        &loaded.ingested.dataset,
        m,
        &args.republish,
    )?;
    let staging = Staging::new(&lock)?;
    write_all(
        &ReportInput {
            config: &config,
            ingested: &loaded.ingested,
            metrics: m,
            provenance: &provenance,
            archive: &archive,
        },
        &outputs(&templates),
        &staging,
    )?;
    staging.commit()?;
    say::summary(format_args!("wrote {}", args.out_dir.display()));
    Ok(0)
}
