//! `repcard templates export DIR`: write the built-in page templates out for editing.

use anyhow::Result;
use repcard_report::site::templates::export;
use std::path::PathBuf;

/// The `templates` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum TemplatesCommand {
    /// Write the built-in templates and stylesheet into DIR; edit them there and build with
    /// `--templates DIR` (or put them in DATA_DIR/templates/).
    Export {
        /// Folder to write into (created if missing).
        dir: PathBuf,
        /// Overwrite files that already exist.
        #[arg(long)]
        force: bool,
    },
}

/// Runs a `templates` subcommand; returns the exit code.
pub fn run(cmd: &TemplatesCommand) -> Result<i32> {
    match cmd {
        TemplatesCommand::Export { dir, force } => {
            repcard_report::output::rules::refuse_risky(dir, None)?;
            let pages = repcard_report::site::templates::BUILT_IN.iter();
            #[cfg(feature = "email")]
            let pages = pages.chain(repcard_email::BUILT_IN.iter());
            let built_in: Vec<(&str, &str)> = pages.copied().collect();
            for path in export(&built_in, dir, *force)? {
                super::say::summary(format_args!("wrote {}", path.display()));
            }
            Ok(0)
        }
    }
}
