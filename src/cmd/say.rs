//! Where a command's words go: its summary to stdout (nothing with `--quiet`), warnings and
//! errors to stderr, each warning in the one shape of `repcard_core::Diagnostic`.

use std::fmt::Display;
use std::sync::atomic::{AtomicBool, Ordering};

static QUIET: AtomicBool = AtomicBool::new(false);

/// Silences the summaries (`--quiet`).
pub fn set_quiet(quiet: bool) {
    QUIET.store(quiet, Ordering::Relaxed);
}

/// One line of a command's summary, on stdout unless `--quiet`.
pub fn summary(line: impl Display) {
    if !QUIET.load(Ordering::Relaxed) {
        println!("{line}");
    }
}

/// A warning, on stderr whatever `--quiet` says.
pub fn warning(what: impl Display) {
    eprintln!("warning: {what}");
}

/// A warning with its location and help, on stderr whatever `--quiet` says.
pub fn diagnostic(d: &repcard_core::Diagnostic) {
    eprintln!("{}", d.render("warning", &[]));
}

/// A line that belongs to the warning or error printed before it (a reject, say), on stderr.
pub fn detail(line: impl Display) {
    eprintln!("  {line}");
}
