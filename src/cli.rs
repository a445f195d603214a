//! The command line: parses arguments and calls the stages. No logic lives here.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// How good is my sales team, really? Five metrics per rep and period from CRM exports.
#[derive(Debug, Parser)]
#[command(name = "repcard", version, about, long_about = None)]
pub struct Cli {
    /// Print no summary (for scripted runs); warnings and errors still go to stderr.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read a data folder and write the report (metrics files, pages, wiki) to an output folder.
    Build(crate::cmd::build::BuildArgs),
    /// Read a data folder, validate it and print a summary; write nothing.
    Check(crate::cmd::check::CheckArgs),
    #[cfg(feature = "email")]
    /// Write one period's report as an email (.html and .eml under OUT_DIR/email/) and
    /// optionally send it over SMTP.
    Email(crate::cmd::email::EmailArgs),
    /// Write a realistic synthetic company's CRM exports to a folder (deterministic per seed).
    Generate(crate::cmd::generate::GenerateArgs),
    /// Print the metrics query (DuckDB or Spark SQL) for a data folder's settings: the
    /// warehouse path to metrics.csv (see docs/warehouse.md).
    Sql(crate::cmd::sql::SqlArgs),
    /// Work with the page templates (export the built-ins to edit them).
    #[command(subcommand)]
    Templates(crate::cmd::templates::TemplatesCommand),
}

/// Runs the command line and returns the process exit code (0 ok, 1 data or run failure;
/// clap itself exits with 2 on a usage error).
pub fn run() -> i32 {
    let cli = Cli::parse();
    crate::cmd::say::set_quiet(cli.quiet);
    let result = match cli.command {
        Command::Build(args) => crate::cmd::build::run(&args),
        Command::Check(args) => crate::cmd::check::run(&args),
        #[cfg(feature = "email")]
        Command::Email(args) => crate::cmd::email::run(&args),
        Command::Generate(args) => crate::cmd::generate::run(&args),
        Command::Sql(args) => crate::cmd::sql::run(&args),
        Command::Templates(cmd) => crate::cmd::templates::run(&cmd),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{}", repcard_core::diagnostic::render_error(&e));
            1
        }
    }
}

/// The data folder argument shared by `build`, `check` and `email`.
#[derive(Debug, clap::Args)]
pub struct DataArgs {
    /// The folder of CRM exports (CSV files, optional repcard.toml and notes/).
    #[arg(default_value = "data")]
    pub data_dir: PathBuf,
    /// Fail (exit 1, write nothing) if any row is rejected.
    #[arg(long)]
    pub strict: bool,
}
