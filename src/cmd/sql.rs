//! `repcard sql`: print the metrics query for a data folder's settings.

use anyhow::{Result, bail};
use repcard_core::Diagnostic;
use repcard_core::config::{CONFIG_FILE, Config};
use repcard_sql::{Dialect, metrics_query};
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `repcard sql`.
#[derive(Debug, clap::Args)]
pub struct SqlArgs {
    /// The data folder whose repcard.toml sets the calendar, time zone, window and target
    /// (its CSV files are not read).
    #[arg(default_value = "data")]
    pub data_dir: PathBuf,
    /// The SQL engine the query is written for.
    #[arg(long, value_enum, default_value_t = SqlDialect::Duckdb)]
    pub dialect: SqlDialect,
}

/// `--dialect`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum SqlDialect {
    /// DuckDB (sql/run_duckdb.py runs it over a data folder).
    Duckdb,
    /// Spark SQL: PySpark, spark-submit, Databricks (sql/run_spark.py runs it).
    Spark,
}

/// Runs `sql`; returns the exit code.
pub fn run(args: &SqlArgs) -> Result<i32> {
    if !args.data_dir.is_dir() {
        bail!(
            "data folder {} does not exist or is not a folder (it only needs a repcard.toml, or nothing for the defaults)",
            args.data_dir.display()
        );
    }
    let config = Config::load(&args.data_dir)?;
    if !config.formats.is_empty() {
        let sections: Vec<String> = config.formats.keys().map(|t| format!("[{t}]")).collect();
        super::say::diagnostic(
            &Diagnostic::new(format!(
                "repcard.toml sets an export format ({}), which the query does not apply: it reads canonical tables",
                sections.join(", ")
            ))
            .at(args.data_dir.join(CONFIG_FILE).display().to_string())
            .help("run the query on tables in the contract's format (repcard reads the exports as they are; the SQL path doesn't)"),
        );
    }
    let dialect = match args.dialect {
        SqlDialect::Duckdb => Dialect::DuckDb,
        SqlDialect::Spark => Dialect::Spark,
    };
    let query = metrics_query(&config, dialect).map_err(|e| {
        anyhow::anyhow!("{e}").context(format!(
            "{} can't be followed exactly by the query",
            args.data_dir.join(CONFIG_FILE).display()
        ))
    })?;
    let mut out = std::io::stdout().lock();
    out.write_all(query.as_bytes())?;
    out.flush()?;
    Ok(0)
}
