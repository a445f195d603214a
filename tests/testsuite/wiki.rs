//! The wiki pages that `repcard build` writes, rendered as GitHub-flavoured Markdown by
//! pulldown-cmark: tables are whole, images resolve to the SVGs beside the page, page links
//! to pages.

use crate::support::{SITE_FIXTURE as FIXTURE, repcard_ok};
use std::path::PathBuf;

#[test]
fn wiki_pages_render_as_gfm_with_tables_and_resolving_images_and_links() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    repcard_ok(["build", FIXTURE, "-o", out.to_str().unwrap()]);
    let wiki = out.join("wiki");
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&wiki)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    pages.sort();
    let names: Vec<String> = pages
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "2026-07.md",
            "2026-08.md",
            "2026-09.md",
            "2026-10.md",
            "index.md"
        ]
    );
    let mut images = 0;
    for page in &pages {
        let md = std::fs::read_to_string(page).unwrap();
        let mut html = String::new();
        let mut opts = pulldown_cmark::Options::empty();
        opts.insert(pulldown_cmark::Options::ENABLE_TABLES);
        opts.insert(pulldown_cmark::Options::ENABLE_STRIKETHROUGH);
        pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new_ext(&md, opts));
        let doc = scraper::Html::parse_fragment(&html);
        let sel = |s: &str| scraper::Selector::parse(s).unwrap();
        let name = page.file_name().unwrap().to_string_lossy().into_owned();
        assert!(doc.select(&sel("table")).count() >= 2, "{name}: tables");
        for table in doc.select(&sel("table")) {
            let head = table.select(&sel("thead th")).count();
            for row in table.select(&sel("tbody tr")) {
                assert_eq!(row.select(&sel("td")).count(), head, "{name}: ragged row");
            }
        }
        assert!(doc.select(&sel("h1")).count() == 1, "{name}: one title");
        for img in doc.select(&sel("img")) {
            let src = img.value().attr("src").unwrap();
            let file = wiki.join(src);
            let svg = std::fs::read_to_string(&file)
                .unwrap_or_else(|_| panic!("{name}: image {src} is not beside the page"));
            assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
            assert!(!svg.contains("currentColor"), "{src}: ink written in");
            assert!(!img.value().attr("alt").unwrap_or("").is_empty());
            images += 1;
        }
        for a in doc.select(&sel("a")) {
            let href = a.value().attr("href").unwrap();
            if href.contains("://") {
                continue;
            }
            assert!(
                wiki.join(format!("{href}.md")).is_file(),
                "{name}: link {href} leads to no page"
            );
        }
        if name == "2026-10.md" {
            let text = doc.root_element().text().collect::<String>();
            for needle in [
                "Ben Okafor",
                "Erin O'Neill",
                "3 of 5 reps with a quota",
                "Follow-up calls to engaged prospects",
            ] {
                assert!(text.contains(needle), "{name} lacks {needle:?}");
            }
        }
    }
    assert!(images >= 8, "charts of both periods: {images}");
}
