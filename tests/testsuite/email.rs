//! `repcard email`: the `.eml` read back with a real MIME parser, a send to a real SMTP
//! server on localhost (aiosmtpd), the HTML drawn by headless Chromium.
//!
//! The SMTP and Chromium tests fail when their tool is missing and `CI` is set; otherwise they
//! skip with a note.

use crate::support::image::{Png, inspect_png};
use crate::support::smtp::{free_port, have_aiosmtpd, start_smtp};
use crate::support::{
    SITE_FIXTURE as FIXTURE, assert_success, chromium, command, repcard, repcard_ok,
};
use mail_parser::{MessageParser, MimeHeaders};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A fixed `SOURCE_DATE_EPOCH`: 2026-11-02 08:00:00 UTC.
const EPOCH: &str = "1793606400";

/// Runs `repcard email` on the fixture into a temp folder; returns it and the email folder.
fn email(extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let mut args = vec!["email", FIXTURE, "-o", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let run = command(&args)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .output()
        .expect("run repcard");
    assert_success(&run);
    (tmp, out.join("email"))
}

/// Every `cid:` reference in the HTML with the `width`/`height` attributes of its `<img>`.
fn cid_images(html: &str) -> BTreeMap<String, (u32, u32)> {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse("img").unwrap();
    doc.select(&sel)
        .filter_map(|img| {
            let src = img.value().attr("src")?;
            let cid = src.strip_prefix("cid:")?;
            let dim = |a: &str| {
                img.value()
                    .attr(a)
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0)
            };
            Some((cid.to_string(), (dim("width"), dim("height"))))
        })
        .collect()
}

/// Checks a whole `.eml` as a mail client would read it; returns its PNGs by Content-ID.
fn check_message(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let msg = MessageParser::default()
        .parse(bytes)
        .expect("the .eml parses");
    let root = msg.root_part().content_type().expect("a content type");
    assert_eq!(
        (root.ctype(), root.subtype()),
        ("multipart", Some("alternative"))
    );
    assert_eq!(
        msg.subject(),
        Some("Acme Inc. sales team — October 2026"),
        "default subject"
    );
    assert!(msg.message_id().is_some_and(|id| id.contains('@')));
    assert!(msg.date().is_some());
    assert!(msg.from().is_some());

    let text = msg.body_text(0).expect("a text/plain part");
    for needle in [
        "New leads",
        "Calls to new leads",
        "Calls to previous leads",
        "Follow-up calls to engaged prospects",
        "Proposals",
        "vs September 2026",
        "3 of 5 reps with a quota",
        "made 80",
        "never-engaged leads created in October 2026",
        "Leaders to reward",
        "Reps to help",
    ] {
        assert!(text.contains(needle), "text part lacks {needle:?}:\n{text}");
    }

    let html = msg.body_html(0).expect("a text/html part").into_owned();
    for banned in [
        "<svg",
        "data:",
        "<script",
        "<link",
        "<style",
        "currentColor",
    ] {
        assert!(
            !html
                .to_ascii_lowercase()
                .contains(&banned.to_ascii_lowercase()),
            "the email HTML contains {banned:?}"
        );
    }
    assert!(html.contains("style=\""), "CSS inlined into attributes");
    assert!(html.contains("Ben Okafor"), "a leader is named");
    assert!(
        html.contains("Stopped after one or two calls"),
        "a reason to help"
    );

    // The HTML's parent is multipart/related and carries every image.
    let related = msg
        .parts
        .iter()
        .find(|p| {
            p.content_type()
                .is_some_and(|c| c.ctype() == "multipart" && c.subtype() == Some("related"))
        })
        .expect("a multipart/related part");
    assert!(related.is_multipart());
    let pngs: BTreeMap<String, Vec<u8>> = msg
        .parts
        .iter()
        .filter_map(|p| {
            let cid = p.content_id()?;
            let ct = p.content_type()?;
            assert_eq!((ct.ctype(), ct.subtype()), ("image", Some("png")));
            Some((cid.to_string(), p.contents().to_vec()))
        })
        .collect();
    let refs = cid_images(&html);
    assert_eq!(refs.len(), 5, "five charts: {refs:?}");
    for (cid, (w, h)) in &refs {
        let png = pngs
            .get(cid)
            .unwrap_or_else(|| panic!("cid:{cid} has no part"));
        let Png {
            width: pw,
            height: ph,
            colours,
            inked,
        } = inspect_png(png);
        assert!(*w > 0 && *w <= 600, "{cid}: shown {w} px wide");
        assert_eq!(
            (pw, ph),
            (2 * w, 2 * h),
            "{cid}: drawn at 2× its shown size"
        );
        assert!(colours > 20, "{cid}: only {colours} colours");
        assert!(inked > 0.02, "{cid}: nearly blank ({inked:.3} inked)");
    }
    assert_eq!(
        pngs.len(),
        refs.len(),
        "no image that the HTML does not show"
    );
    pngs
}

#[test]
fn eml_parses_and_every_cid_image_is_a_sharp_nonblank_png() {
    let (_tmp, dir) = email(&["--to", "Sales <sales@example.com>"]);
    let eml = std::fs::read(dir.join("2026-10.eml")).unwrap();
    check_message(&eml);
    let html = std::fs::read_to_string(dir.join("2026-10.html")).unwrap();
    assert!(!html.contains("<svg") && !html.contains("data:"));
    let msg = MessageParser::default().parse(&eml).unwrap();
    let part = msg.body_html(0).unwrap().replace("\r\n", "\n");
    assert_eq!(
        part, html,
        ".html = the HTML part (mail uses CRLF line ends)"
    );
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "only the .html and the .eml: {names:?}");
}

#[test]
fn email_is_table_layout_at_most_640_px_on_a_light_background() {
    let (_tmp, dir) = email(&[]);
    let html = std::fs::read_to_string(dir.join("2026-10.html")).unwrap();
    let doc = scraper::Html::parse_document(&html);
    let tables = scraper::Selector::parse("table").unwrap();
    let widths: Vec<u32> = doc
        .select(&tables)
        .filter_map(|t| t.value().attr("width")?.parse().ok())
        .collect();
    assert!(widths.contains(&640), "{widths:?}");
    assert!(widths.iter().all(|w| *w <= 640), "{widths:?}");
    assert!(html.contains("max-width: 640px") || html.contains("max-width:640px"));
    assert!(html.contains("bgcolor=\"#ffffff\""));
    assert!(html.contains("<meta name=\"color-scheme\" content=\"light\">"));
    assert!(!html.contains("@import") && !html.contains("url("));
    let eml = std::fs::read_to_string(dir.join("2026-10.eml")).unwrap();
    assert!(eml.contains("To: undisclosed-recipients:;"), "no --to");
}

#[test]
fn same_data_and_source_date_epoch_give_the_same_bytes() {
    let (_a, one) = email(&["--to", "a@example.com"]);
    let (_b, two) = email(&["--to", "a@example.com"]);
    for f in ["2026-10.html", "2026-10.eml"] {
        assert_eq!(
            std::fs::read(one.join(f)).unwrap(),
            std::fs::read(two.join(f)).unwrap(),
            "{f} differs between runs"
        );
    }
    let eml = std::fs::read_to_string(one.join("2026-10.eml")).unwrap();
    assert!(
        eml.contains("Date: Mon, 02 Nov 2026 08:00:00 +0000"),
        "{}",
        &eml[..400]
    );
}

#[test]
fn period_subject_and_addresses_are_taken_from_the_flags() {
    let (_tmp, dir) = email(&[
        "--period",
        "2026-09",
        "--subject",
        "September numbers",
        "--from",
        "Ops <ops@example.com>",
        "--to",
        "a@example.com",
        "--to",
        "b@example.com",
    ]);
    let eml = std::fs::read(dir.join("2026-09.eml")).unwrap();
    let msg = MessageParser::default().parse(&eml).unwrap();
    assert_eq!(msg.subject(), Some("September numbers"));
    assert_eq!(msg.to().unwrap().iter().count(), 2);
    assert!(msg.message_id().unwrap().ends_with("@example.com"));
    assert!(msg.body_text(0).unwrap().contains("September 2026"));
}

#[test]
fn bad_period_and_address_fail_with_exit_1_and_a_clear_message() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let o = out.to_str().unwrap();
    for (args, says) in [
        (vec!["--period", "2031-01"], "runs from 2026-07 to 2026-10"),
        (vec!["--period", "October"], "not a month label"),
        (
            vec!["--to", "nobody"],
            "--to \"nobody\" is not an email address",
        ),
        (
            vec!["--smtp", "smtp://localhost:2525"],
            "needs at least one --to",
        ),
        (
            vec!["--smtp", "imap://x", "--to", "a@b.c"],
            "unknown scheme",
        ),
    ] {
        let mut all = vec!["email", FIXTURE, "-o", o];
        all.extend(args);
        let r = repcard(&all);
        let err = String::from_utf8_lossy(&r.stderr);
        assert_eq!(r.status.code(), Some(1), "{all:?}: {err}");
        assert!(err.contains(says), "{all:?}: {err}");
    }
    assert!(!out.join("email").exists(), "nothing written on a failure");
}

#[test]
fn a_password_is_never_sent_over_a_connection_that_may_be_plain() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let r = command([
        "email",
        FIXTURE,
        "-o",
        out.to_str().unwrap(),
        "--smtp",
        "smtp://mail.example.com?tls=opportunistic",
        "--to",
        "a@example.com",
    ])
    .env("REPCARD_SMTP_USER", "reports")
    .env("REPCARD_SMTP_PASSWORD", "secret")
    .output()
    .expect("run repcard");
    let err = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(1), "{err}");
    assert!(err.contains("in the clear"), "{err}");
    assert!(!err.contains("secret"), "the password is never printed");
    assert!(!out.exists(), "checked before anything is read or written");
}

#[test]
fn a_large_team_gets_a_short_email_that_gmail_does_not_clip() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let d = data.to_str().unwrap();
    repcard_ok([
        "generate", d, "--reps", "150", "--teams", "6", "--months", "2",
    ]);
    let out = tmp.path().join("site");
    repcard_ok(["email", d, "-o", out.to_str().unwrap()]);
    let dir = out.join("email");
    let html = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "html"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .unwrap();
    assert!(
        html.len() < 102_000,
        "{} bytes: Gmail clips at 102 kB",
        html.len()
    );
    let helped = html.matches("class=\"help-name\"").count();
    assert!(helped <= 10, "{helped} reps to help named");
    if helped == 10 {
        assert!(html.contains("more reps with coaching notes"));
    }
}

#[test]
fn an_email_template_in_the_templates_folder_replaces_the_built_in_one() {
    let tmp = tempfile::tempdir().unwrap();
    let theme = tmp.path().join("theme");
    std::fs::create_dir_all(&theme).unwrap();
    std::fs::write(
        theme.join("email.html"),
        "<html><head><style>p { color: #123456; }</style></head><body><p>Custom {{ name }}</p></body></html>",
    )
    .unwrap();
    let out = tmp.path().join("site");
    repcard_ok([
        "email",
        FIXTURE,
        "-o",
        out.to_str().unwrap(),
        "--templates",
        theme.to_str().unwrap(),
    ]);
    let html = std::fs::read_to_string(out.join("email/2026-10.html")).unwrap();
    assert!(html.contains("Custom October 2026"), "{html}");
    assert!(
        html.contains("style=\"color: #123456;\""),
        "inlined: {html}"
    );
    assert!(!html.contains("<style"), "{html}");
}

#[test]
fn email_leaves_the_rest_of_the_output_folder_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let o = out.to_str().unwrap();
    repcard_ok(["build", FIXTURE, "-o", o]);
    let index = std::fs::read(out.join("index.html")).unwrap();
    repcard_ok(["email", FIXTURE, "-o", o]);
    assert_eq!(std::fs::read(out.join("index.html")).unwrap(), index);
    assert!(out.join("email/2026-10.eml").is_file());
    assert!(out.join("wiki/index.md").is_file());
    let leftovers: Vec<_> = std::fs::read_dir(out.join("email"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn base_url_links_the_period_page() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    copy_dir(Path::new(FIXTURE), &data);
    let toml = data.join("repcard.toml");
    let mut text = std::fs::read_to_string(&toml).unwrap_or_default();
    text.push_str("\nbase_url = \"https://reports.example.com/sales/\"\n");
    std::fs::write(&toml, text).unwrap();
    let out = tmp.path().join("site");
    let o = out.to_str().unwrap();
    repcard_ok(["email", data.to_str().unwrap(), "-o", o]);
    let link = "https://reports.example.com/sales/periods/2026-10/index.html";
    let html = std::fs::read_to_string(out.join("email/2026-10.html")).unwrap();
    assert!(html.contains(&format!("href=\"{link}\"")), "HTML link");
    let eml = std::fs::read(out.join("email/2026-10.eml")).unwrap();
    let msg = MessageParser::default().parse(&eml).unwrap();
    assert!(msg.body_text(0).unwrap().contains(link), "text link");
    repcard_ok(["build", data.to_str().unwrap(), "-o", o]);
    let wiki = std::fs::read_to_string(out.join("wiki/2026-10.md")).unwrap();
    assert!(wiki.contains(&format!("]({link})")), "wiki link");
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let dest = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_dir(&p, &dest);
        } else {
            std::fs::copy(&p, &dest).unwrap();
        }
    }
}

// ---- SMTP -------------------------------------------------------------------------------

#[test]
fn send_to_a_local_smtp_server_delivers_the_whole_message() {
    if !have_aiosmtpd() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let server = start_smtp(&tmp.path().join("received"), "accept");
    let out = tmp.path().join("site");
    let url = format!("smtp://127.0.0.1:{}?tls=none", server.port);
    let r = command([
        "email",
        FIXTURE,
        "-o",
        out.to_str().unwrap(),
        "--smtp",
        url.as_str(),
        "--from",
        "Reports <reports@example.com>",
        "--to",
        "Sales <sales@example.com>",
    ])
    .env("SOURCE_DATE_EPOCH", EPOCH)
    .output()
    .expect("run repcard");
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(r.status.success(), "send failed: {err}");
    let summary = String::from_utf8_lossy(&r.stdout);
    assert!(summary.contains("sent"), "{summary}");
    let path = server.maildir.join("1.eml");
    let deadline = Instant::now() + Duration::from_secs(10);
    while !path.exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    let received = std::fs::read(&path).expect("the server received the message");
    let pngs = check_message(&received);
    let written = std::fs::read(out.join("email/2026-10.eml")).unwrap();
    let msg = MessageParser::default().parse(&written).unwrap();
    assert_eq!(pngs.len(), msg.attachment_count().max(pngs.len()));
    assert_eq!(check_message(&written), pngs, "the same images as the .eml");
}

#[test]
fn a_refused_recipient_or_a_closed_port_is_a_clear_error_and_exit_1() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let o = out.to_str().unwrap();
    let closed = free_port();
    let url = format!("smtp://127.0.0.1:{closed}?tls=none");
    let r = repcard([
        "email",
        FIXTURE,
        "-o",
        o,
        "--smtp",
        url.as_str(),
        "--to",
        "a@example.com",
    ]);
    let err = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!("cannot send through 127.0.0.1:{closed}")),
        "{err}"
    );

    // STARTTLS is required on smtp:// unless relaxed: a server without it is refused.
    if !have_aiosmtpd() {
        return;
    }
    let server = start_smtp(&tmp.path().join("plain"), "accept");
    let url = format!("smtp://127.0.0.1:{}", server.port);
    let r = repcard([
        "email",
        FIXTURE,
        "-o",
        o,
        "--smtp",
        url.as_str(),
        "--to",
        "a@example.com",
    ]);
    let err = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(1), "{err}");
    assert!(err.to_lowercase().contains("tls"), "{err}");
    // …and the message says how to relax it.
    assert!(err.contains("help:"), "{err}");
    assert!(err.contains("?tls=opportunistic"), "{err}");
    assert!(
        err.contains(&format!("--smtp 127.0.0.1:{}", server.port)),
        "{err}"
    );
    drop(server);

    let server = start_smtp(&tmp.path().join("refused"), "reject");
    let url = format!("smtp://127.0.0.1:{}?tls=none", server.port);
    let r = repcard([
        "email",
        FIXTURE,
        "-o",
        o,
        "--smtp",
        url.as_str(),
        "--to",
        "ghost@example.com",
    ]);
    let err = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(1), "{err}");
    assert!(err.contains("refused the message"), "{err}");
    assert!(err.contains("550"), "{err}");
    assert!(
        std::fs::read_dir(&server.maildir).unwrap().next().is_none(),
        "nothing delivered"
    );
}

// ---- Chromium ---------------------------------------------------------------------------

/// Writes the email's HTML with each `cid:` pointing at its PNG written beside it, and
/// returns the page to open.
pub fn html_with_files(eml: &[u8], dir: &Path) -> PathBuf {
    let msg = MessageParser::default().parse(eml).unwrap();
    let mut html = msg.body_html(0).unwrap().into_owned();
    for (cid, png) in check_message(eml) {
        let name = format!("{}.png", cid.replace(['@', '.'], "_"));
        std::fs::write(dir.join(&name), png).unwrap();
        html = html.replace(&format!("cid:{cid}"), &name);
    }
    let page = dir.join("email.html");
    std::fs::write(&page, html).unwrap();
    page
}

#[test]
fn chromium_draws_the_email_with_its_charts() {
    let Some(browser) = chromium::browser() else {
        return;
    };
    let (tmp, dir) = email(&["--to", "a@example.com"]);
    let eml = std::fs::read(dir.join("2026-10.eml")).unwrap();
    let view = tmp.path().join("view");
    std::fs::create_dir_all(&view).unwrap();
    let page = html_with_files(&eml, &view);
    let shot = std::env::var_os("REPCARD_EMAIL_SCREENSHOT")
        .map(PathBuf::from)
        .unwrap_or_else(|| tmp.path().join("email.png"));
    chromium::run(
        &browser,
        &format!("file://{}", page.display()),
        &[
            "--window-size=700,2400".to_string(),
            format!("--screenshot={}", shot.display()),
        ],
    );
    let Png {
        width: w,
        colours,
        inked,
        ..
    } = inspect_png(&std::fs::read(&shot).unwrap());
    assert_eq!(w, 700);
    assert!(colours > 50, "only {colours} colours: charts missing?");
    assert!(inked > 0.05, "nearly blank ({inked:.3} inked)");
}
