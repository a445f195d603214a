//! `repcard email`: one period's report as an email for mail clients (`.html` and `.eml`
//! under OUT_DIR/email/), optionally sent over SMTP.

use crate::cli::DataArgs;
use anyhow::{Result, bail};
#[cfg(feature = "smtp")]
use repcard_email::send;
use repcard_email::{self as email, mime};
use repcard_report::ReportInput;
use repcard_report::archive::{self, Archive};
use repcard_report::output::{self, rules, write_file_atomically};
use repcard_report::site::{Templates, digests};
use std::path::PathBuf;

/// Arguments of `repcard email`.
#[derive(Debug, clap::Args)]
pub struct EmailArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// The period to report, by label (`2026-10`, `2026-Q3`, `2026-W07`); default: the newest.
    #[arg(long, value_name = "LABEL")]
    pub period: Option<String>,
    /// The output folder; only OUT_DIR/email/ is written, the rest is left as it is.
    #[arg(short = 'o', long = "out", default_value = "site")]
    pub out_dir: PathBuf,
    /// A recipient, `ann@example.com` or `Ann Lee <ann@example.com>`; repeat for more.
    #[arg(long = "to", value_name = "ADDR")]
    pub to: Vec<String>,
    /// The sender [default: repcard <repcard@localhost>].
    #[arg(long, value_name = "ADDR")]
    pub from: Option<String>,
    /// The subject [default: "<title> — <period name>", e.g. "Sales team report — October 2026"].
    #[arg(long, value_name = "TEXT")]
    pub subject: Option<String>,
    /// Send the message through this server: smtp://HOST[:PORT] (STARTTLS required),
    /// smtps://HOST[:PORT] (TLS); `?tls=opportunistic` or `?tls=none` to relax. Credentials
    /// from REPCARD_SMTP_USER and REPCARD_SMTP_PASSWORD.
    #[cfg(feature = "smtp")]
    #[arg(long, value_name = "URL")]
    pub smtp: Option<String>,
    /// A folder of templates; an `email.html` there replaces the built-in one.
    #[arg(long = "templates", value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Write into OUT_DIR even if it holds files repcard did not write (no `.repcard` marker).
    #[arg(long)]
    pub force: bool,
}

/// Runs `email`; returns the exit code.
pub fn run(args: &EmailArgs) -> Result<i32> {
    // Everything that can be checked without the data is checked first.
    #[cfg(feature = "smtp")]
    let sending = sending(args)?;
    let who = mime::Addressing::parse(args.from.as_deref(), &args.to)?;
    if let Some(dir) = &args.templates
        && !dir.is_dir()
    {
        bail!("--templates {}: no such folder", dir.display());
    }

    output::check(&args.out_dir, Some(&args.data.data_dir), args.force)?;
    let a = super::analyse(&args.data.data_dir, Some(&args.out_dir))?;
    super::print_summary(&a, &args.data.data_dir);
    if let Some(code) = super::strict_failure(
        args.data.strict,
        &a,
        &args.data.data_dir,
        "nothing was written",
    ) {
        return Ok(code);
    }
    let periods = &a.metrics.periods;
    let (Some(first), Some(last)) = (periods.first(), periods.last()) else {
        bail!("no accepted row in the data folder has a date, so there is no period to report");
    };
    let index = match &args.period {
        None => periods.len() - 1,
        Some(label) => {
            let cal = &a.config.calendar;
            let p = cal.parse_label(label).ok_or_else(|| {
                anyhow::anyhow!(
                    "--period {label:?} is not a {} label; expected e.g. {:?}",
                    cal.unit,
                    last.label
                )
            })?;
            match periods.iter().position(|f| f.period == p) {
                Some(i) => i,
                None => bail!(
                    "--period {label}: the data has no such period; it runs from {} to {}",
                    first.label,
                    last.label
                ),
            }
        }
    };

    let mut dirs = vec![args.data.data_dir.join("templates")];
    dirs.extend(args.templates.clone());
    let templates = Templates::load(&email::BUILT_IN, &dirs)?;
    let _lock = output::claim(&args.out_dir, Some(&args.data.data_dir), args.force)?;
    // A folder this run creates (or finds empty) is marked as repcard's, like a build's.
    let mark = std::fs::read_dir(&args.out_dir).map_or(true, |mut e| e.next().is_none());
    // The published site's archive says which periods were restated since.
    let archive = Archive::plan(
        archive::read_previous(&args.out_dir)?,
        &a.config.calendar,
        &a.ingested.dataset,
        &a.metrics,
        &[],
    )?;
    let input = ReportInput {
        config: &a.config,
        ingested: &a.ingested,
        metrics: &a.metrics,
        provenance: &repcard_report::Provenance::Rows,
        archive: &archive,
    };
    let Some(digest) = digests(&input, &[index])?.into_iter().next() else {
        bail!("no period to report");
    };
    let subject = args
        .subject
        .clone()
        .unwrap_or_else(|| email::default_subject(&digest));
    let composed = email::compose(&digest, &templates, &subject, a.config.base_url.as_deref())?;
    let message = mime::message(&composed, &digest.label, &who, mime::Stamp::from_env()?)?;
    let bytes = message.formatted();

    let dir = args.out_dir.join("email");
    let html_path = dir.join(format!("{}.html", digest.label));
    let eml_path = dir.join(format!("{}.eml", digest.label));
    if mark {
        write_file_atomically(
            &args.out_dir.join(rules::MARKER),
            rules::MARKER_TEXT.as_bytes(),
        )?;
    }
    write_file_atomically(&html_path, composed.html.as_bytes())?;
    write_file_atomically(&eml_path, &bytes)?;
    super::say::summary(format_args!(
        "wrote {} and {}",
        html_path.display(),
        eml_path.display()
    ));

    #[cfg(feature = "smtp")]
    if let Some((server, credentials)) = sending {
        send::send(&server, credentials, message.envelope(), &bytes)?;
        super::say::summary(format_args!(
            "sent \"{subject}\" to {} through {server}",
            args.to.join(", ")
        ));
    }
    Ok(0)
}

/// The server and credentials to send through, when `--smtp` is given; checked before the
/// data is read.
#[cfg(feature = "smtp")]
fn sending(args: &EmailArgs) -> Result<Option<(send::Server, Option<send::Credentials>)>> {
    let Some(url) = args.smtp.as_deref() else {
        return Ok(None);
    };
    let server = send::parse_url(url)?;
    if args.to.is_empty() {
        bail!("--smtp needs at least one --to address to send to");
    }
    let credentials = send::credentials_from_env(&server)?;
    Ok(Some((server, credentials)))
}
