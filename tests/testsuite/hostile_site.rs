//! Hostile data on the report site (issue 6): ids that try to leave the output folder or to
//! share a page, and text fields full of markup that must render inert in a real browser.
//!
//! The injection payloads spell their marker as `'pw'+'ned'`, so the word `pwned` appears in
//! a page only if a payload ran: the input text itself never contains it.

use crate::support::{assert_success, chromium, repcard, s, write};
use scraper::{Html, Selector};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path};
use std::process::Output;

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
            seg.bytes().all(|b| b.is_ascii_lowercase()
                || b.is_ascii_digit()
                || b == b'-'
                || b == b'_'
                || b == b'.'),
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
        // folder, unchanged, the output folder and its lock file.
        let parent = tempfile::tempdir().unwrap();
        let data = parent.path().join("data");
        let out = parent.path().join("site");
        hostile_id_folder(&data, &ids);
        let data_before = walk(&data);
        assert_success(&build(&data, &out, &[]));

        let top: BTreeSet<String> = std::fs::read_dir(parent.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_str().unwrap().to_string())
            .collect();
        // The output's lock file is the one thing written beside it.
        assert_eq!(
            top,
            BTreeSet::from(["data".into(), "site".into(), ".site.lock".into()])
        );
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

// ---------------------------------------------------------------------------------------
// Injection: every text field that reaches a page carries markup; a browser must show it as
// text and run none of it.

/// Markup that runs script or restyles the page if it reaches the DOM unescaped. Each one
/// sets `document.title` to `'pw'+'ned'` when it runs.
const INJECTIONS: [&str; 15] = [
    "<script>document.title='pw'+'ned'</script>",
    "<img src=x onerror=\"document.title='pw'+'ned'\">",
    "<svg onload=\"document.title='pw'+'ned'\">",
    "<svg><script>document.title='pw'+'ned'</script></svg>",
    "javascript:document.title='pw'+'ned'",
    "<iframe srcdoc=\"<script>parent.document.title='pw'+'ned'</script>\"></iframe>",
    "<style>body{background:url(javascript:alert(1))}</style>",
    "<div style=\"width:expression(document.title='pw'+'ned')\">css</div>",
    "<math><mi xlink:href=\"javascript:document.title='pw'+'ned'\">m</mi></math>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:document.title='pw'+'ned'\">",
    "\"><script>document.title='pw'+'ned'</script>",
    "'><script>document.title='pw'+'ned'</script>",
    "</title><script>document.title='pw'+'ned'</script>",
    "</textarea><script>document.title='pw'+'ned'</script>",
    "<a href=\"javascript:document.title='pw'+'ned'\">link</a>",
];

/// The report title from `repcard.toml`: closes `<title>`, then runs script, then an
/// attribute break.
const TITLE: &str = "Pipeline </title><script>document.title='pw'+'ned'</script> & \"><img src=x onerror=\"document.title='pw'+'ned'\"> review";

fn injection(i: usize) -> &'static str {
    INJECTIONS[i % INJECTIONS.len()]
}

/// One rep per payload; its id, name and team, and the ids of its lead, activities and
/// proposal, the lead's source and the activities' outcomes are all payloads, shifted so
/// that every field sees every payload. A period note holds them all as Markdown and raw
/// HTML, an unmatched CSV file is named after one, and so is the report title. Every row is
/// valid, so `--strict` passes. The ids keep their payload text whole (each is unique).
fn injection_folder(data: &Path) -> (Vec<String>, Vec<String>) {
    let n = INJECTIONS.len();
    let rep_ids: Vec<String> = (0..n).map(|i| injection(i).to_string()).collect();
    let names: Vec<String> = (0..n).map(|i| injection(i + 1).to_string()).collect();
    let teams: Vec<String> = (0..n).map(|i| injection(i + 2).to_string()).collect();
    let reps: Vec<Vec<String>> = (0..n)
        .map(|i| {
            vec![
                rep_ids[i].clone(),
                names[i].clone(),
                teams[i].clone(),
                format!("{}", 1000 + 100 * i),
            ]
        })
        .collect();
    write_csv(
        &data.join("reps.csv"),
        &["rep_id", "name", "team", "monthly_quota"],
        &reps,
    );
    let mut leads = Vec::new();
    let mut activities = Vec::new();
    let mut proposals = Vec::new();
    for (i, rep) in rep_ids.iter().enumerate() {
        let day = 1 + i;
        let lead = format!("{} L{i}", injection(i + 3));
        leads.push(vec![
            lead.clone(),
            rep.clone(),
            format!("2026-10-{day:02}"),
            "yes".into(),
            injection(i + 4).into(),
        ]);
        for (k, (kind, hour)) in [("call", 9), ("meeting", 11), ("call", 15)]
            .into_iter()
            .enumerate()
        {
            activities.push(vec![
                format!("{} A{i}-{k}", injection(i + 5)),
                rep.clone(),
                lead.clone(),
                format!("2026-10-{day:02} {hour:02}:00"),
                kind.into(),
                injection(i + 6 + k).into(),
            ]);
        }
        let (status, closed) = match i % 3 {
            0 => ("won", format!("2026-10-{:02}", day + 2)),
            1 => ("lost", format!("2026-10-{:02}", day + 3)),
            _ => ("open", String::new()),
        };
        proposals.push(vec![
            format!("{} P{i}", injection(i + 7)),
            rep.clone(),
            lead,
            format!("2026-10-{day:02}"),
            format!("{}.50", 700 + 10 * i),
            status.into(),
            closed,
        ]);
    }
    write_csv(
        &data.join("leads.csv"),
        &["lead_id", "rep_id", "created_at", "qualified", "source"],
        &leads,
    );
    write_csv(
        &data.join("activities.csv"),
        &["activity_id", "rep_id", "lead_id", "at", "type", "outcome"],
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
    let mut note = String::from("# Notes for October\n\n");
    for p in INJECTIONS {
        note.push_str(p);
        note.push_str("\n\n");
    }
    note.push_str("[a Markdown link](javascript:document.title='pw'+'ned')\n\n");
    note.push_str("[a spaced one](<javascript:document.title = 'pw'+'ned'>)\n\n");
    note.push_str("<a href=\"javascript:document.title='pw'+'ned'\">an HTML link</a>\n\n");
    note.push_str("<p style=\"background:expression(document.title='pw'+'ned')\">css</p>\n");
    write(&data.join("notes/2026-10.md"), &note);
    let toml_title = TITLE.replace('\\', "\\\\").replace('"', "\\\"");
    write(
        &data.join("repcard.toml"),
        &format!("title = \"{toml_title}\"\n"),
    );
    // Matches no table: its name is listed on the data-quality page.
    write(
        &data.join("<svg onload=\"document.title='pw'+'ned'\">.csv"),
        "a,b\n1,2\n",
    );
    (names, teams)
}

/// Rejected rows whose values are payloads, so the data-quality page shows them.
fn injection_rejects(data: &Path) {
    write_csv(
        &data.join("leads-rejected.csv"),
        &["lead_id", "rep_id", "created_at"],
        &[
            vec![
                "R1".into(),
                format!("{} nobody", injection(1)),
                "2026-10-05".into(),
            ],
            vec!["R2".into(), injection(0).into(), injection(2).into()],
            vec![injection(10).into(), "".into(), "2026-10-05".into()],
        ],
    );
}

/// `files.csv` as (file, table, read, accepted, rejected); counts are 0 for unmatched files.
fn file_counts(out: &Path) -> Vec<(String, String, u64, u64, u64)> {
    let mut r = csv::Reader::from_path(out.join("files.csv")).unwrap();
    let n = |s: &str| s.parse::<u64>().unwrap_or(0);
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            (
                rec[0].to_string(),
                rec[1].to_string(),
                n(&rec[2]),
                n(&rec[3]),
                n(&rec[4]),
            )
        })
        .collect()
}

#[test]
fn injection_corpus_builds_in_strict_and_default_mode_with_every_row_counted() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    injection_folder(&data);
    for extra in [&["--strict"][..], &[]] {
        let out = tmp.path().join(format!("site{}", extra.len()));
        assert_success(&build(&data, &out, extra));
        let files = file_counts(&out);
        let tables: Vec<&str> = files
            .iter()
            .filter(|f| !f.1.is_empty())
            .map(|f| f.1.as_str())
            .collect();
        assert_eq!(
            tables,
            ["activities", "leads", "proposals", "reps"],
            "{files:?}"
        );
        for (file, table, read, accepted, rejected) in &files {
            if table.is_empty() {
                continue;
            }
            assert!(*read > 0, "{file}");
            assert_eq!(read, &(accepted + rejected), "{file}");
            assert_eq!(*rejected, 0, "{file}: the corpus is valid");
        }
        // The ids reach metrics.csv exactly.
        let mut r = csv::Reader::from_path(out.join("metrics.csv")).unwrap();
        let ids: BTreeSet<String> = r.records().map(|x| x.unwrap()[1].to_string()).collect();
        let expected: BTreeSet<String> = INJECTIONS.iter().map(|p| p.to_string()).collect();
        assert_eq!(ids, expected);
    }

    // With rejected rows too: the default mode lists them and counts every row; strict fails
    // and writes nothing.
    injection_rejects(&data);
    let out = tmp.path().join("with-rejects");
    assert_success(&build(&data, &out, &[]));
    let files = file_counts(&out);
    let rejected = files.iter().find(|f| f.0 == "leads-rejected.csv").unwrap();
    assert_eq!((rejected.2, rejected.3, rejected.4), (3, 0, 3));
    for (file, table, read, accepted, rejected) in &files {
        if !table.is_empty() {
            assert_eq!(read, &(accepted + rejected), "{file}");
        }
    }
    let strict = tmp.path().join("strict-with-rejects");
    let o = build(&data, &strict, &["--strict"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!strict.exists());
}

/// The DOM of a page after its scripts (if any) ran, as headless Chromium serializes it.
fn dump_dom(browser: &Path, page: &Path) -> String {
    let url = format!("file://{}", page.display());
    let flags = [
        "--virtual-time-budget=3000".to_string(),
        "--dump-dom".to_string(),
    ];
    String::from_utf8(chromium::run(browser, &url, &flags).stdout).unwrap()
}

/// What a rendered page must not hold: a script, a frame, a refresh, a stylesheet of its
/// own, an event handler, a `javascript:` URL, a CSS expression.
fn assert_inert(page: &str, doc: &Html) {
    for tag in [
        "script",
        "iframe",
        "frame",
        "object",
        "embed",
        "style",
        "math",
        "meta[http-equiv]",
        "base",
        "form",
    ] {
        let found = doc.select(&Selector::parse(tag).unwrap()).count();
        assert_eq!(found, 0, "{page}: {found} <{tag}> element(s) in the DOM");
    }
    for el in doc.select(&Selector::parse("*").unwrap()) {
        for (name, value) in el.value().attrs() {
            let lower = value.to_ascii_lowercase();
            let squeezed: String = lower.chars().filter(|c| !c.is_whitespace()).collect();
            assert!(!name.starts_with("on"), "{page}: handler {name}={value:?}");
            assert!(
                !squeezed.contains("javascript:"),
                "{page}: {name}={value:?}"
            );
            assert!(!lower.contains("expression("), "{page}: {name}={value:?}");
            assert_ne!(name, "srcdoc", "{page}: srcdoc={value:?}");
        }
    }
}

#[test]
fn injected_markup_renders_as_text_in_chromium() {
    let Some(browser) = chromium::browser() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let (names, teams) = injection_folder(&data);
    injection_rejects(&data);
    let out = tmp.path().join("site");
    assert_success(&build(&data, &out, &[]));

    let pages = html_pages(&out);
    let count = |prefix: &str| pages.iter().filter(|p| p.starts_with(prefix)).count();
    assert_eq!(count("reps/"), INJECTIONS.len(), "{pages:?}");
    assert_eq!(count("teams/"), INJECTIONS.len(), "{pages:?}");
    assert_eq!(count("periods/"), 1, "{pages:?}");
    // The overview, data quality, lead sources and the one period page.
    assert_eq!(pages.len(), 2 * INJECTIONS.len() + 4, "{pages:?}");

    // Two browsers at a time: the machine has two cores.
    let half = pages.len().div_ceil(2);
    let dumps: Vec<(String, String)> = std::thread::scope(|scope| {
        let workers: Vec<_> = pages
            .chunks(half)
            .map(|chunk| {
                let (browser, out) = (&browser, &out);
                scope.spawn(move || {
                    chunk
                        .iter()
                        .map(|p| (p.clone(), dump_dom(browser, &out.join(p))))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap())
            .collect()
    });

    let with_title = |page_title: &str| format!("{page_title} \u{b7} {TITLE}");
    let mut rep_titles = BTreeSet::new();
    let mut team_titles = BTreeSet::new();
    for (page, dom) in &dumps {
        if let Some(at) = dom.find("pwned") {
            let from = dom[..at]
                .char_indices()
                .rev()
                .nth(200)
                .map_or(0, |(i, _)| i);
            panic!("{page}: a payload ran: …{}", &dom[from..at + 5]);
        }
        let doc = Html::parse_document(dom);
        assert_inert(page, &doc);
        let title = text_of(&doc, "head > title").unwrap_or_else(|| panic!("{page}: no title"));
        match page.as_str() {
            "index.html" => assert_eq!(title, with_title("Overview"), "{page}"),
            "data-quality.html" => assert_eq!(title, with_title("Data quality"), "{page}"),
            "lead-sources.html" => assert_eq!(title, with_title("Lead sources"), "{page}"),
            "periods/2026-10/index.html" => assert_eq!(title, with_title("October 2026")),
            p if p.starts_with("reps/") => {
                rep_titles.insert(title);
            }
            p if p.starts_with("teams/") => {
                team_titles.insert(title);
            }
            _ => panic!("unexpected page {page}"),
        }
        // The payloads are there, as text: the brand link shows the report title.
        assert_eq!(text_of(&doc, "a.brand").as_deref(), Some(TITLE), "{page}");
    }
    let expected: BTreeSet<String> = names.iter().map(|n| with_title(n)).collect();
    assert_eq!(
        rep_titles, expected,
        "each rep page is titled with its name"
    );
    let expected: BTreeSet<String> = teams.iter().map(|n| with_title(n)).collect();
    assert_eq!(
        team_titles, expected,
        "each team page is titled with its name"
    );

    // Where the payloads land as text: a rep page shows the rep's id, its proposals' ids and
    // lead ids; the period page shows the note; data quality shows the file and the rejects.
    let text = |page: &str| -> String {
        let dom = &dumps.iter().find(|(p, _)| p == page).unwrap().1;
        Html::parse_document(dom).root_element().text().collect()
    };
    let reps_text: String = dumps
        .iter()
        .filter(|(p, _)| p.starts_with("reps/"))
        .map(|(p, _)| text(p))
        .collect();
    for (i, p) in INJECTIONS.iter().enumerate() {
        assert!(
            reps_text.contains(&format!("Rep {p}")),
            "rep id {p} as text"
        );
        assert!(reps_text.contains(&format!("{} P{i}", injection(i + 7))));
        assert!(reps_text.contains(&format!("{} L{i}", injection(i + 3))));
    }
    let period = text("periods/2026-10/index.html");
    assert!(period.contains("Notes for October"), "the note is shown");
    let quality = text("data-quality.html");
    assert!(quality.contains("<svg onload=\"document.title='pw'+'ned'\">.csv"));
    assert!(quality.contains("leads-rejected.csv:2"), "{quality}");
}
