//! The HTML site built from `fixtures/site`: snapshots, HTML5 validity, links,
//! reproducibility, injection, template overrides; `site/proposals.rs`: the rep pages'
//! proposals and their CSV.

mod proposals;

use crate::support::{SITE_FIXTURE as FIXTURE, files, repcard_ok, testsuite_path, write};
use scraper::{Html, Selector};
use std::path::{Path, PathBuf};

/// Builds `data` into a fresh temp folder and returns it (kept alive by the TempDir).
fn build(data: &Path, extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let mut args = vec!["build", data.to_str().unwrap(), "-o", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    repcard_ok(&args);
    (tmp, out)
}

/// Every `.html` file under `dir`: its path relative to `dir`, with `/`, and its text.
fn pages(dir: &Path) -> Vec<(String, String)> {
    files(dir)
        .into_iter()
        .map(|(p, b)| (p.to_string_lossy().replace('\\', "/"), b))
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
        .collect()
}

/// Compares a page with its committed snapshot; `REPCARD_BLESS=1` rewrites the snapshot.
fn snapshot(out: &Path, page: &str, name: &str) {
    let actual = std::fs::read_to_string(out.join(page)).unwrap();
    let path = testsuite_path("snapshots").join(name);
    if std::env::var_os("REPCARD_BLESS").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{} missing; run with REPCARD_BLESS=1", path.display()));
    if actual != expected {
        let line = actual
            .lines()
            .zip(expected.lines())
            .position(|(a, b)| a != b)
            .map_or(actual.lines().count().min(expected.lines().count()), |i| i);
        panic!(
            "{page} differs from {} at line {}:\n  actual:   {:?}\n  expected: {:?}\n(rerun with REPCARD_BLESS=1 after checking the change)",
            path.display(),
            line + 1,
            actual.lines().nth(line).unwrap_or(""),
            expected.lines().nth(line).unwrap_or("")
        );
    }
}

#[test]
fn index_period_and_rep_pages_match_their_snapshots() {
    let (_tmp, out) = build(Path::new(FIXTURE), &[]);
    snapshot(&out, "index.html", "index.html");
    snapshot(&out, "periods/2026-10/index.html", "period-2026-10.html");
    snapshot(&out, "reps/r05/index.html", "rep-r05.html");
}

#[test]
fn site_has_every_page_of_the_contract() {
    let (_tmp, out) = build(Path::new(FIXTURE), &[]);
    for page in [
        "index.html",
        "data-quality.html",
        "style.css",
        "periods/2026-07/index.html",
        "periods/2026-10/index.html",
        "reps/r01/index.html",
        "reps/r06/index.html",
        "teams/enterprise/index.html",
        "teams/mid-market/index.html",
        "metrics.csv",
    ] {
        assert!(out.join(page).is_file(), "{page} missing");
    }
}

/// Every `href`/`src` of every page, with the page it is on.
fn references(out: &Path) -> Vec<(String, String)> {
    let sel = Selector::parse("[href], [src]").unwrap();
    let mut refs = Vec::new();
    for (page, html) in pages(out) {
        let doc = Html::parse_document(&html);
        for el in doc.select(&sel) {
            for attr in ["href", "src"] {
                if let Some(v) = el.value().attr(attr) {
                    refs.push((page.clone(), v.to_string()));
                }
            }
        }
    }
    refs
}

#[test]
fn every_page_parses_as_html5_and_every_local_link_resolves() {
    let (_tmp, out) = build(Path::new(FIXTURE), &[]);
    let all = pages(&out);
    assert!(all.len() >= 14, "{} pages", all.len());
    for (page, html) in &all {
        let doc = Html::parse_document(html);
        assert!(
            doc.errors.is_empty(),
            "{page}: HTML5 parse errors: {:?}",
            doc.errors
        );
        assert!(html.starts_with("<!DOCTYPE html>"), "{page}");
    }
    let refs = references(&out);
    assert!(refs.len() > 100);
    // The rep pages' links to their proposals.csv are among the links checked.
    let csv_links = refs
        .iter()
        .filter(|(page, target)| page.starts_with("reps/") && target == "proposals.csv")
        .count();
    assert!(csv_links >= 5, "{csv_links} links to a rep's proposals.csv");
    for (page, target) in refs {
        if target.starts_with("https://") || target.starts_with("http://") {
            // Only a note's own links may leave the site; the layout never fetches anything.
            assert!(!page.ends_with("style.css"));
            continue;
        }
        assert!(!target.starts_with('/'), "{page}: absolute link {target}");
        let path = target.split(['#', '?']).next().unwrap();
        if path.is_empty() {
            // A link within the page (a chart's numbers in a table below) names an id there.
            if let Some(id) = target.strip_prefix('#') {
                let html = &all.iter().find(|(p, _)| *p == page).unwrap().1;
                assert!(
                    html.contains(&format!("id=\"{id}\"")),
                    "{page}: link {target} names no id on the page"
                );
            }
            continue;
        }
        let base = Path::new(&page).parent().unwrap();
        let resolved = out.join(base).join(path);
        assert!(
            resolved.is_file(),
            "{page}: link {target} does not resolve to a file ({})",
            resolved.display()
        );
    }
}

#[test]
fn pages_fetch_nothing_from_outside() {
    let (_tmp, out) = build(Path::new(FIXTURE), &[]);
    let src = Selector::parse("[src], link[href], script").unwrap();
    for (page, html) in pages(&out) {
        let doc = Html::parse_document(&html);
        for el in doc.select(&src) {
            let v = el.value();
            assert_ne!(v.name(), "script", "{page}: a script");
            let target = v.attr("src").or(v.attr("href")).unwrap_or("");
            assert!(!target.contains("//"), "{page}: fetches {target}");
        }
    }
    let css = std::fs::read_to_string(out.join("style.css")).unwrap();
    assert!(!css.contains("url(") && !css.contains("@import"));
}

#[test]
fn same_inputs_give_the_same_bytes() {
    let (_a, one) = build(Path::new(FIXTURE), &[]);
    let (_b, two) = build(Path::new(FIXTURE), &[]);
    let (one, two) = (files(&one), files(&two));
    assert_eq!(
        one.keys().collect::<Vec<_>>(),
        two.keys().collect::<Vec<_>>()
    );
    for (k, v) in &one {
        assert!(v == &two[k], "{} differs between two builds", k.display());
    }
}

#[test]
fn data_quality_page_lists_every_reject_and_unmatched_file() {
    let (_tmp, out) = build(Path::new(FIXTURE), &[]);
    let html = std::fs::read_to_string(out.join("data-quality.html")).unwrap();
    for needle in [
        "activities.csv:953",
        "leads.csv:306",
        "proposals.csv:82",
        "missing_closed_at",
        "targets.csv",
        "no table",
    ] {
        assert!(html.contains(needle), "{needle} missing");
    }
}

#[test]
fn names_and_notes_cannot_inject_script() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    write(
        &d.join("reps.csv"),
        "rep_id,name,team,monthly_quota\n\
         \"<script>alert(1)</script>\",\"<script>alert('rep')</script>\",\"<img src=x onerror=alert(2)>\",1000\n\
         javascript:alert(3),\"<a href=\"\"javascript:alert(4)\"\">x</a>\",\"\"\"><svg onload=alert(5)>\",2000\n",
    );
    write(
        &d.join("leads.csv"),
        "lead_id,rep_id,created_at\n\
         \"<img src=x onerror=alert(6)>\",\"<script>alert(1)</script>\",2026-10-01\n\
         javascript:alert(7),javascript:alert(3),2026-10-02\n",
    );
    write(
        &d.join("activities.csv"),
        "rep_id,lead_id,at,type\n\
         \"<script>alert(1)</script>\",\"<img src=x onerror=alert(6)>\",2026-10-03,call\n\
         javascript:alert(3),javascript:alert(7),2026-10-04,meeting\n",
    );
    write(
        &d.join("proposals.csv"),
        "proposal_id,rep_id,lead_id,created_at,amount,status,closed_at\n\
         \"<script>p</script>\",javascript:alert(3),javascript:alert(7),2026-10-05,100,won,2026-10-06\n",
    );
    write(
        &d.join("notes/2026-10.md"),
        "# Note\n\n<script>alert(8)</script>\n\n<img src=x onerror=alert(9)>\n\n[click](javascript:alert(10))\n\n<a href=\"javascript:alert(11)\" onclick=\"alert(12)\">x</a>\n",
    );
    let (_tmp, out) = build(d, &[]);
    let all = Selector::parse("*").unwrap();
    let mut saw_name_as_text = false;
    for (page, html) in pages(&out) {
        let doc = Html::parse_document(&html);
        for el in doc.select(&all) {
            let v = el.value();
            assert_ne!(v.name(), "script", "{page}: a <script> element");
            for (name, value) in v.attrs() {
                assert!(
                    !name.starts_with("on"),
                    "{page}: event handler {name}={value}"
                );
                let lower = value.trim().to_ascii_lowercase();
                assert!(
                    !((name == "href" || name == "src") && lower.starts_with("javascript:")),
                    "{page}: {name}={value}"
                );
            }
        }
        if doc
            .root_element()
            .text()
            .any(|t| t.contains("<script>alert('rep')</script>"))
        {
            saw_name_as_text = true;
        }
    }
    assert!(saw_name_as_text, "the rep's name is shown as text");
}

#[test]
fn templates_are_overridable_from_the_data_folder_and_the_command_line() {
    let tmp = tempfile::tempdir().unwrap();
    let exported = tmp.path().join("exported");
    repcard_ok(["templates", "export", exported.to_str().unwrap()]);
    for name in [
        "base.html",
        "index.html",
        "period.html",
        "rep.html",
        "team.html",
        "data-quality.html",
        "macros.html",
        "style.css",
    ] {
        assert!(exported.join(name).is_file(), "{name} not exported");
    }
    // DATA_DIR/templates/ replaces the stylesheet; --templates replaces the index and wins.
    let data = tmp.path().join("data");
    for f in ["reps.csv", "leads.csv", "activities.csv", "proposals.csv"] {
        write(
            &data.join(f),
            &std::fs::read_to_string(Path::new(FIXTURE).join(f)).unwrap(),
        );
    }
    write(
        &data.join("templates/style.css"),
        "body { color: rebeccapurple }\n",
    );
    write(
        &data.join("templates/index.html"),
        "{% extends \"base.html\" %}{% block content %}from data{% endblock content %}",
    );
    let custom = tmp.path().join("custom");
    let index = std::fs::read_to_string(exported.join("index.html"))
        .unwrap()
        .replace("<h2>Archive</h2>", "<h2>Every month so far</h2>");
    write(&custom.join("index.html"), &index);
    let (_o, out) = build(&data, &["--templates", custom.to_str().unwrap()]);
    assert_eq!(
        std::fs::read_to_string(out.join("style.css")).unwrap(),
        "body { color: rebeccapurple }\n"
    );
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(html.contains("Every month so far"), "--templates wins");
    assert!(!html.contains("from data"));
}

#[test]
fn index_compares_with_the_previous_period_and_a_year_earlier() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    write(&d.join("reps.csv"), "rep_id,name\nr1,Ann Lee\n");
    write(
        &d.join("leads.csv"),
        "lead_id,rep_id,created_at\n\
         a,r1,2025-10-02\nb,r1,2025-10-03\n\
         c,r1,2026-09-10\n\
         d,r1,2026-10-01\ne,r1,2026-10-02\nf,r1,2026-10-03\n",
    );
    let (_tmp, out) = build(d, &[]);
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    let doc = Html::parse_document(&html);
    let first_card = doc
        .select(&Selector::parse(".card").unwrap())
        .next()
        .unwrap()
        .text()
        .collect::<String>();
    assert!(first_card.contains("New leads"), "{first_card}");
    assert!(
        first_card.contains("+2 (+200\u{a0}%) vs September 2026"),
        "{first_card}"
    );
    assert!(
        first_card.contains("+1 (+50\u{a0}%) vs October 2025"),
        "{first_card}"
    );
    // Every period in between is in the archive, newest first.
    let archive = html.find("Archive").unwrap();
    let (oct, nov) = (
        html[archive..].find("October 2025").unwrap(),
        html[archive..].find("November 2025").unwrap(),
    );
    assert!(nov < oct);
}
