//! The monthly email: a period's digest as HTML built for mail clients (table layout, CSS
//! inlined into attributes, charts as PNG `cid:` images) and as plain text, packed into an
//! `.eml` and optionally sent over SMTP.
//!
//! Offers: [`compose`] (a `repcard_report::site::Digest` → [`Email`]), its template
//! ([`BUILT_IN`], overridable like the pages'), [`mime`] (the `.eml`) and, with the `smtp`
//! feature (default), `send` (lettre over rustls; no OpenSSL).

#![warn(unreachable_pub)]

pub mod mime;
mod raster;
#[cfg(feature = "smtp")]
pub mod send;
mod text;

use anyhow::{Context, Result};
pub use raster::Png;
use repcard_report::site::{Digest, Templates, templates::error_chain};
use repcard_report::site_base;
use serde::Serialize;

/// The name of the email's template.
pub const TEMPLATE: &str = repcard_report::site::templates::EMAIL;
/// The email's built-in template, overridable like the pages' (`templates export` writes it).
pub const BUILT_IN: [(&str, &str); 1] = [(TEMPLATE, include_str!("../../../templates/email.html"))];
/// Pixels per CSS pixel of the chart images.
pub(crate) const PIXEL_DENSITY: u32 = 2;
/// Reps to help named in the email (most coaching notes first); the wiki and the rep pages
/// have them all. Keeps a large team's email short and under Gmail's 102 kB clipping.
pub(crate) const HELP_SHOWN: usize = 10;

/// An image carried inside the email and referenced from the HTML as `cid:`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlineImage {
    /// The Content-ID, without angle brackets.
    pub cid: String,
    /// The PNG.
    pub png: Png,
}

/// A composed email: subject, HTML and plain text, and the images the HTML shows.
#[derive(Debug, Clone)]
pub struct Email {
    /// The subject line.
    pub subject: String,
    /// HTML for mail clients: no SVG, no `data:` URIs, no scripts, no external resources.
    pub html: String,
    /// The same report as plain text.
    pub text: String,
    /// The chart images, in the order the HTML shows them.
    pub images: Vec<InlineImage>,
}

/// A chart as the email template sees it.
#[derive(Debug, Serialize)]
struct EmailChart<'a> {
    title: &'a str,
    desc: &'a str,
    empty: Option<&'a str>,
    cid: String,
    width: u32,
    height: u32,
}

/// The default subject: "Sales team report — October 2026".
pub fn default_subject(d: &Digest) -> String {
    format!("{} — {}", d.title, d.name)
}

/// Composes the email for a digest. `base_url` (from `repcard.toml`) adds links to the
/// published site.
pub fn compose(
    d: &Digest,
    templates: &Templates,
    subject: &str,
    base_url: Option<&str>,
) -> Result<Email> {
    let mut images = Vec::new();
    let mut charts = Vec::new();
    for c in &d.charts {
        let mut view = EmailChart {
            title: &c.title,
            desc: &c.desc,
            empty: c.empty.as_deref(),
            cid: String::new(),
            width: 0,
            height: 0,
        };
        if c.empty.is_none() {
            let png = raster::png(&c.svg, PIXEL_DENSITY)
                .with_context(|| format!("cannot draw the chart {:?} as PNG", c.title))?;
            let cid = format!("{}.{}@repcard", c.id, d.label);
            view.cid = cid.clone();
            view.width = png.width;
            view.height = png.height;
            images.push(InlineImage { cid, png });
        }
        charts.push(view);
    }
    let base = site_base(base_url);
    let link = base.as_ref().map(|b| format!("{b}{}", d.page));
    let mut ctx = tera::Context::from_serialize(d).context("cannot prepare the email")?;
    ctx.insert("subject", subject);
    ctx.insert("charts", &charts);
    ctx.insert("help", &d.help[..d.help.len().min(HELP_SHOWN)]);
    ctx.insert("help_more", &d.help.len().saturating_sub(HELP_SHOWN));
    ctx.insert("base", &base);
    ctx.insert("link", &link);
    let html = templates
        .tera()?
        .render(TEMPLATE, &ctx)
        .map_err(|e| anyhow::anyhow!("cannot render {TEMPLATE}: {}", error_chain(&e)))?;
    let html = inline_css(&html)?;
    Ok(Email {
        subject: subject.to_string(),
        text: text::plain(d, link.as_deref(), HELP_SHOWN),
        html,
        images,
    })
}

/// Moves the `<style>` rules into `style` attributes and drops the `<style>` block; never
/// fetches anything (remote stylesheets off, no network code compiled in).
fn inline_css(html: &str) -> Result<String> {
    let inliner = css_inline::CSSInliner::options()
        .keep_style_tags(false)
        .keep_link_tags(false)
        .load_remote_stylesheets(false)
        .build();
    inliner
        .inline(html)
        .map_err(|e| anyhow::anyhow!("cannot inline the email's CSS: {e}"))
}
