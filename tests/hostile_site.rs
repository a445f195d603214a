//! Hostile data on the report site (issue 6): ids that try to leave the output folder or to
//! share a page, and text fields full of markup that must render inert in a real browser.
//!
//! The injection payloads spell their marker as `'pw'+'ned'`, so the word `pwned` appears in
//! a page only if a payload ran: the input text itself never contains it.

use scraper::{Html, Selector};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path};
use std::process::{Command, Output};

fn repcard(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_repcard"))
        .args(args)
        .output()
        .expect("run repcard")
}

fn build(data: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["build", s(data), "-o", s(out)];
    args.extend_from_slice(extra);
    let o = repcard(&args);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        !err.contains("panicked"),
        "repcard {args:?} panicked:\n{err}"
    );
    o
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn ok(o: &Output) {
    assert_eq!(
        o.status.code(),
        Some(0),
        "repcard failed:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// Writes a CSV file with the `csv` crate, so quotes, commas and backslashes in the values
/// are quoted as a CRM export would.
fn write_csv(path: &Path, header: &[&str], rows: &[Vec<String>]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut w = csv::Writer::from_path(path).unwrap();
    w.write_record(header).unwrap();
    for r in rows {
        w.write_record(r).unwrap();
    }
    w.flush().unwrap();
}

/// Every entry under `dir` (folders too), relative, with `/`; symbolic links are not followed.
fn walk(dir: &Path) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            let rel = p.strip_prefix(dir).unwrap().to_str().unwrap().to_string();
            let meta = std::fs::symlink_metadata(&p).unwrap();
            assert!(!meta.file_type().is_symlink(), "{rel} is a symbolic link");
            if meta.is_dir() {
                stack.push(p);
            }
            out.insert(rel);
        }
    }
    out
}

fn html_pages(out: &Path) -> Vec<String> {
    walk(out)
        .into_iter()
        .filter(|p| p.ends_with(".html"))
        .collect()
}

fn text_of(doc: &Html, css: &str) -> Option<String> {
    doc.select(&Selector::parse(css).unwrap())
        .next()
        .map(|e| e.text().collect())
}

/// Every `href`/`src` on every page must be relative, stay inside `out` and name a file.
fn assert_local_links_resolve(out: &Path) {
    let sel = Selector::parse("[href], [src]").unwrap();
    let mut seen = 0;
    for page in html_pages(out) {
        let doc = Html::parse_document(&std::fs::read_to_string(out.join(&page)).unwrap());
        for el in doc.select(&sel) {
            for attr in ["href", "src"] {
                let Some(target) = el.value().attr(attr) else {
                    continue;
                };
                seen += 1;
                assert!(
                    !target.contains(':') && !target.starts_with('/'),
                    "{page}: {attr}={target:?} is not a relative link"
                );
                let path = target.split(['#', '?']).next().unwrap();
                if path.is_empty() {
                    continue;
                }
                // Resolve lexically: a `..` past the site root is a link out of the site.
                let mut at: Vec<&str> = page.split('/').collect();
                at.pop();
                for c in Path::new(path).components() {
                    match c {
                        Component::ParentDir => {
                            assert!(at.pop().is_some(), "{page}: {target} leaves the site")
                        }
                        Component::Normal(n) => at.push(n.to_str().unwrap()),
                        Component::CurDir => {}
                        _ => panic!("{page}: {target} is not relative"),
                    }
                }
                let resolved = out.join(at.join("/"));
                assert!(resolved.is_file(), "{page}: {target} names no file");
            }
        }
    }
    assert!(seen > 100, "only {seen} links");
}

/// A path segment that every file system takes as a plain name inside its folder.
fn assert_safe_segment(path: &str) {
    for seg in path.split('/') {
        assert!(!seg.is_empty() && seg != "." && seg != "..", "{path:?}");
        assert!(seg.len() <= 64, "{path:?}: segment of {} bytes", seg.len());
        assert!(
            seg.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.'),
            "{path:?}"
        );
        let stem = seg.split('.').next().unwrap();
        let reserved = matches!(stem, "con" | "prn" | "aux" | "nul")
            || ((stem.starts_with("com") || stem.starts_with("lpt"))
                && stem.len() == 4
                && stem.as_bytes()[3].is_ascii_digit());
        assert!(!reserved, "{path:?}: {stem} is a Windows device name");
    }
}

/// Ids and names that try to climb out of the output folder, name a Windows device, hold a
/// path separator, have nothing readable, run long, or collide by case or after slugging.
fn hostile_ids() -> Vec<String> {
    let mut ids: Vec<String> = [
        "../../etc",
        "../../../../tmp/escaped",
        "/etc/passwd",
        "CON",
        "con",
        "NUL",
        "PRN",
        "AUX",
        "COM1",
        "lpt9",
        "con.txt",
        "a/b",
        "a\\b",
        "\u{1F600}",
        "\u{1F680}\u{1F680}",
        "Ann",
        "ann",
        "..",
        ".",
        "!!!",
        "Ann Lee",
        "ann-lee",
    ]
    .map(String::from)
    .into();
    ids.push("r".repeat(300));
    ids.push("../".repeat(100));
    ids
}

/// A data folder where every rep's id, name and team is one of the hostile ids, plus one
/// rep without a team; every row is valid.
fn hostile_id_folder(data: &Path, ids: &[String]) {
    let mut reps: Vec<Vec<String>> = ids
        .iter()
        .map(|id| vec![id.clone(), id.clone(), id.clone(), "1000".into()])
        .collect();
    reps.push(vec![
        "plain".into(),
        "Plain Rep".into(),
        "".into(),
        "".into(),
    ]);
    write_csv(
        &data.join("reps.csv"),
        &["rep_id", "name", "team", "monthly_quota"],
        &reps,
    );
    let mut leads = Vec::new();
    let mut activities = Vec::new();
    let mut proposals = Vec::new();
    for (i, r) in reps.iter().enumerate() {
        let day = 1 + i % 28;
        let lead = format!("L{i}");
        leads.push(vec![
            lead.clone(),
            r[0].clone(),
            format!("2026-10-{day:02}"),
        ]);
        activities.push(vec![
            r[0].clone(),
            lead.clone(),
            format!("2026-10-{day:02} 10:00"),
            "call".into(),
        ]);
        proposals.push(vec![
            format!("P{i}"),
            r[0].clone(),
            lead,
            format!("2026-10-{day:02}"),
            format!("{}", 500 + i),
            "won".into(),
            format!("2026-10-{day:02}"),
        ]);
    }
    write_csv(
        &data.join("leads.csv"),
        &["lead_id", "rep_id", "created_at"],
        &leads,
    );
    write_csv(
        &data.join("activities.csv"),
        &["rep_id", "lead_id", "at", "type"],
        &activities,
    );
    write_csv(
        &data.join("proposals.csv"),
        &[
            "proposal_id",
            "rep_id",
            "lead_id",
            "created_at",
            "amount",
            "status",
            "closed_at",
        ],
        &proposals,
    );
}

/// The `<h1>` of every page under `folder` (`reps` or `teams`), by page.
fn headings(out: &Path, folder: &str) -> BTreeMap<String, String> {
    html_pages(out)
        .into_iter()
        .filter(|p| p.starts_with(&format!("{folder}/")))
        .map(|p| {
            let doc = Html::parse_document(&std::fs::read_to_string(out.join(&p)).unwrap());
            let h1 = text_of(&doc, "h1").unwrap_or_else(|| panic!("{p}: no <h1>"));
            (p, h1)
        })
        .collect()
}

#[test]
fn hostile_ids_get_distinct_safe_pages_and_nothing_is_written_outside_out_dir() {
    let ids = hostile_ids();
    let mut layouts = Vec::new();
    for _ in 0..2 {
        // A fresh parent holding only the data folder: afterwards it must hold only the data
        // folder, unchanged, and the output folder.
        let parent = tempfile::tempdir().unwrap();
        let data = parent.path().join("data");
        let out = parent.path().join("site");
        hostile_id_folder(&data, &ids);
        let data_before = walk(&data);
        ok(&build(&data, &out, &[]));

        let top: BTreeSet<String> = std::fs::read_dir(parent.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_str().unwrap().to_string())
            .collect();
        assert_eq!(top, BTreeSet::from(["data".into(), "site".into()]));
        assert_eq!(walk(&data), data_before, "the data folder was written to");
        let written = walk(&out);
        for path in &written {
            assert_safe_segment(path);
        }

        // Each rep and each team has its own page, found by its heading.
        let reps = headings(&out, "reps");
        let mut expected_reps: Vec<String> = ids.clone();
        expected_reps.push("Plain Rep".into());
        let mut got: Vec<String> = reps.values().cloned().collect();
        got.sort();
        expected_reps.sort();
        assert_eq!(got, expected_reps, "one page per rep");
        let teams = headings(&out, "teams");
        let mut expected_teams: Vec<String> = ids.clone();
        expected_teams.push("No team".into());
        let mut got: Vec<String> = teams.values().cloned().collect();
        got.sort();
        expected_teams.sort();
        assert_eq!(got, expected_teams, "one page per team");

        assert_local_links_resolve(&out);

        // metrics.csv keeps every id, name and team exactly.
        let mut r = csv::Reader::from_path(out.join("metrics.csv")).unwrap();
        let rows: BTreeSet<(String, String, String)> = r
            .records()
            .map(|rec| {
                let rec = rec.unwrap();
                (rec[1].to_string(), rec[2].to_string(), rec[3].to_string())
            })
            .collect();
        let mut expected: BTreeSet<(String, String, String)> = ids
            .iter()
            .map(|id| (id.clone(), id.clone(), id.clone()))
            .collect();
        expected.insert(("plain".into(), "Plain Rep".into(), String::new()));
        assert_eq!(rows, expected);
        layouts.push(written);
    }
    assert_eq!(layouts[0], layouts[1], "the same ids give the same paths");
}
