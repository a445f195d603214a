//! The one shape of a user-facing error or warning: what happened, where (file, line,
//! column, key or flag), and the one thing to do next — printed the way `cargo` and `rustc`
//! print theirs:
//!
//! ```text
//! error: invalid type: string "april", expected a month number from 1 to 12
//!   --> data/repcard.toml:3:21 (key `fiscal_year_start`)
//! help: write the month the fiscal year starts as a number, e.g. `fiscal_year_start = 4` for April
//! ```

use std::fmt;

/// What happened, where, and what to do. Carried inside `anyhow::Error` so that context
/// added on the way up is kept; the command line prints it with [`Diagnostic::render`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// What happened, in one line.
    pub what: String,
    /// Where: `file:line[:column]`, a file or folder, a key of `repcard.toml`, a flag.
    pub location: Option<String>,
    /// The one thing to do next.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A diagnostic saying what happened; add where and what to do with the builders.
    pub fn new(what: impl Into<String>) -> Diagnostic {
        Diagnostic {
            what: what.into(),
            location: None,
            help: None,
        }
    }

    /// Where it happened.
    pub fn at(mut self, location: impl Into<String>) -> Diagnostic {
        self.location = Some(location.into());
        self
    }

    /// The one thing to do next.
    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// The diagnostic as printed, under a level (`error`, `warning`), with `context` (what
    /// the program was doing, outermost first) before what happened.
    pub fn render(&self, level: &str, context: &[String]) -> String {
        let mut what = context.join(": ");
        if !what.is_empty() {
            what.push_str(": ");
        }
        what.push_str(&self.what);
        let mut out = format!("{level}: {what}");
        if let Some(at) = &self.location {
            out.push_str(&format!("\n  --> {at}"));
        }
        if let Some(help) = &self.help {
            out.push_str(&format!("\nhelp: {help}"));
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.what)?;
        if let Some(at) = &self.location {
            write!(f, " (at {at})")?;
        }
        if let Some(help) = &self.help {
            write!(f, "; help: {help}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostic {}

/// Prints an error chain as `cargo` would: the [`Diagnostic`] in it with its location and
/// help, the rest of the chain as context; a chain without one is printed as one line.
pub fn render_error(e: &anyhow::Error) -> String {
    let mut context = Vec::new();
    for cause in e.chain() {
        if let Some(d) = cause.downcast_ref::<Diagnostic>() {
            return d.render("error", &context);
        }
        context.push(cause.to_string());
    }
    format!("error: {}", context.join(": "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    #[test]
    fn a_diagnostic_prints_what_where_and_help_under_its_context() {
        let e = Err::<(), _>(
            Diagnostic::new("bad value")
                .at("data/repcard.toml:3:21")
                .help("write a number"),
        )
        .context("cannot read the settings")
        .unwrap_err();
        assert_eq!(
            render_error(&e),
            "error: cannot read the settings: bad value\n  --> data/repcard.toml:3:21\nhelp: write a number"
        );
    }

    #[test]
    fn a_plain_error_chain_prints_on_one_line() {
        let e = anyhow::anyhow!("inner").context("outer");
        assert_eq!(render_error(&e), "error: outer: inner");
    }
}
