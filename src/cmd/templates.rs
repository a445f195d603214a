//! `repcard templates export DIR`: write the built-in page templates out for editing.

use crate::report::site::templates::export;
use anyhow::Result;
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
            for path in export(dir, *force)? {
                eprintln!("wrote {}", path.display());
            }
            Ok(0)
        }
    }
}
