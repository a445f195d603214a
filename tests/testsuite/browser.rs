//! A real browser: headless Chromium renders the index, a period page and a rep page of the
//! fixture's site to PNG; each screenshot must not be blank, and the rendered DOM must hold
//! the expected figures. Fails when Chromium is missing and `CI` is set; skips otherwise.

use crate::support::image::{Png, inspect_png};
use crate::support::{SITE_FIXTURE, chromium, repcard, s};

#[test]
fn chromium_renders_index_period_and_rep_pages_with_their_figures() {
    let Some(browser) = chromium::browser() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let status = repcard(["build", SITE_FIXTURE, "-o", s(&out)]);
    assert!(status.status.success());
    let pages = [
        (
            "index.html",
            &[
                "October 2026",
                "3 of 5 reps with a quota",
                "Ben Okafor",
                "$459,000.00",
                "September 2026",
            ][..],
        ),
        (
            "periods/2026-10/index.html",
            &[
                "Company total",
                "$209,250.00",
                "Strong month for",
                "Concentration of won value",
                "target: 5 calls",
            ][..],
        ),
        (
            "reps/r05/index.html",
            &[
                "Erin O'Neill",
                "Stopped after one or two calls on 70",
                "team median",
                "P0069",
                "$6,000.00",
            ][..],
        ),
    ];
    for (page, expected) in pages {
        let url = format!("file://{}", out.join(page).display());
        let png = tmp.path().join(format!("{}.png", page.replace('/', "_")));
        chromium::run(
            &browser,
            &url,
            &[
                "--window-size=1280,2000".to_string(),
                format!("--screenshot={}", png.display()),
            ],
        );
        let Png { colours, inked, .. } = inspect_png(&std::fs::read(&png).unwrap());
        assert!(
            colours > 50,
            "{page}: screenshot has only {colours} colours"
        );
        assert!(
            inked > 0.02,
            "{page}: screenshot is nearly blank ({inked:.3} inked)"
        );
        let dom = chromium::run(
            &browser,
            &url,
            &[
                "--window-size=1280,2000".to_string(),
                "--dump-dom".to_string(),
            ],
        );
        let dom = String::from_utf8_lossy(&dom.stdout).replace("&nbsp;", "\u{a0}");
        let dom = dom.replace("&amp;", "&").replace("&#39;", "'");
        for needle in expected {
            assert!(
                dom.contains(needle),
                "{page}: rendered DOM lacks {needle:?}"
            );
        }
        assert!(
            dom.contains("<svg") || page == "index.html",
            "{page}: no inline chart"
        );
    }
}
