//! The warehouse path: `repcard build --metrics FILE.csv` renders the report from a
//! `metrics.csv` computed elsewhere; pages that need row-level detail say it is not available.

use crate::support::reference_sql::{
    copy_dir, drop_rejected_lines, duckdb_available, reference_metrics,
};
use crate::support::{assert_success, manifest_path, repcard};
use scraper::{Html, Selector};
use std::path::{Path, PathBuf};
use std::process::Output;

const NOT_AVAILABLE: &str =
    "Not available: this report was built from a metrics.csv file, which has no row-level detail.";

fn sample() -> PathBuf {
    manifest_path("data")
}

/// `repcard build DATA -o OUT [--metrics FILE]`.
fn build(data: &Path, out: &Path, metrics: Option<&Path>) -> Output {
    let mut args: Vec<&Path> = vec![Path::new("build"), data, Path::new("-o"), out];
    if let Some(m) = metrics {
        args.extend([Path::new("--metrics"), m]);
    }
    repcard(&args)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every `.html` file under `dir`, relative path with `/`, and its text.
fn pages(dir: &Path) -> Vec<(String, String)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            (rel.to_string_lossy().replace('\\', "/"), read(e.path()))
        })
        .collect()
}

fn texts(html: &str, selector: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    doc.select(&Selector::parse(selector).unwrap())
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

/// Every page parses as HTML5 and every local `href`/`src` names a file of the site.
fn assert_pages_parse_and_links_resolve(out: &Path) {
    let all = pages(out);
    assert!(all.len() >= 5, "{} pages", all.len());
    let sel = Selector::parse("[href], [src]").unwrap();
    for (page, html) in &all {
        assert!(html.starts_with("<!DOCTYPE html>"), "{page}");
        let doc = Html::parse_document(html);
        assert!(doc.errors.is_empty(), "{page}: {:?}", doc.errors);
        for el in doc.select(&sel) {
            for target in ["href", "src"].iter().filter_map(|a| el.value().attr(a)) {
                if target.starts_with("http://") || target.starts_with("https://") {
                    continue;
                }
                let path = target.split(['#', '?']).next().unwrap();
                if path.is_empty() {
                    continue;
                }
                let base = Path::new(page).parent().unwrap();
                assert!(
                    out.join(base).join(path).is_file(),
                    "{page}: link {target} does not resolve"
                );
            }
        }
    }
}

#[test]
fn sample_rebuilt_from_its_own_metrics_csv_keeps_every_figure_and_says_what_is_unknown() {
    let tmp = tempfile::tempdir().unwrap();
    let (normal, warehouse) = (tmp.path().join("normal"), tmp.path().join("warehouse"));
    assert_success(&build(&sample(), &normal, None));
    let file = tmp.path().join("metrics.csv");
    std::fs::copy(normal.join("metrics.csv"), &file).unwrap();
    let run = build(&sample(), &warehouse, Some(&file));
    assert_success(&run);
    let summary = String::from_utf8_lossy(&run.stdout);
    assert!(summary.contains("are not read"), "{summary}");

    assert_eq!(
        std::fs::read(normal.join("metrics.csv")).unwrap(),
        std::fs::read(warehouse.join("metrics.csv")).unwrap(),
        "metrics.csv is re-written byte for byte"
    );
    assert_eq!(
        read(&warehouse.join("rejects.csv")),
        "file,line,column,reason,detail\n"
    );
    assert_eq!(
        read(&warehouse.join("files.csv")),
        "file,table,rows_read,rows_accepted,rows_rejected\n"
    );
    assert_pages_parse_and_links_resolve(&warehouse);

    // Same pages as the normal build.
    let names = |dir: &Path| pages(dir).into_iter().map(|p| p.0).collect::<Vec<_>>();
    let (mut a, mut b) = (names(&normal), names(&warehouse));
    a.sort();
    b.sort();
    assert_eq!(a, b);

    // The index answers the same: the five company figures, quota and concentration.
    let (n_index, w_index) = (
        read(&normal.join("index.html")),
        read(&warehouse.join("index.html")),
    );
    let cards = texts(&w_index, ".card .value");
    assert_eq!(cards.len(), 5);
    assert_eq!(cards, texts(&n_index, ".card .value"));
    assert_eq!(
        texts(&w_index, ".card .detail"),
        texts(&n_index, ".card .detail")
    );
    let (n_sent, w_sent) = (
        texts(&n_index, ".hero .sentences li"),
        texts(&w_index, ".hero .sentences li"),
    );
    assert_eq!(w_sent.len(), 3);
    assert_eq!(
        w_sent[..2],
        n_sent[..2],
        "quota and concentration sentences"
    );
    assert!(w_sent[2].contains("not available"), "{}", w_sent[2]);
    assert!(!w_sent[2].contains('%'), "no persistence share is made up");

    // The period page: the touch chart is replaced by the sentence; the rest is as before.
    let latest = texts(&w_index, ".hero h1 a")[0].clone();
    assert_eq!(latest, "October 2026");
    let w_period = read(&warehouse.join("periods/2026-10/index.html"));
    let touches = texts(&w_period, "#chart-touches .chart-empty");
    assert_eq!(touches, [NOT_AVAILABLE]);
    assert!(texts(&w_period, "#chart-touches svg").is_empty());
    let n_period = read(&normal.join("periods/2026-10/index.html"));
    assert_eq!(
        texts(&w_period, "table.figures"),
        texts(&n_period, "table.figures"),
        "every rep's figures"
    );
    assert_eq!(
        texts(&w_period, "#chart-concentration"),
        texts(&n_period, "#chart-concentration")
    );

    // A rep page: no proposal list, and it says why; the history table is the same.
    let (rep, _) = pages(&warehouse)
        .into_iter()
        .find(|(p, _)| p.starts_with("reps/"))
        .unwrap();
    let w_rep = read(&warehouse.join(&rep));
    assert!(w_rep.contains(NOT_AVAILABLE), "{rep}");
    assert!(!w_rep.contains("No proposals."), "{rep}");
    assert_eq!(
        texts(&w_rep, "table.figures"),
        texts(&read(&normal.join(&rep)), "table.figures")
    );

    // The data-quality page lists no files and says where the figures came from.
    let dq = read(&warehouse.join("data-quality.html"));
    assert!(dq.contains(NOT_AVAILABLE));
    assert!(dq.contains("metrics.csv (208 rows)"), "{dq}");
    assert!(!dq.contains("Rejected rows") && !dq.contains("<h2>Files</h2>"));

    // metrics.json: what is known as before, what is unknown null.
    let json: serde_json::Value =
        serde_json::from_str(&read(&warehouse.join("metrics.json"))).unwrap();
    let normal_json: serde_json::Value =
        serde_json::from_str(&read(&normal.join("metrics.json"))).unwrap();
    assert_eq!(json["metrics_file"], "metrics.csv");
    assert!(normal_json.get("metrics_file").is_none());
    let (c, nc) = (
        &json["periods"][17]["company"],
        &normal_json["periods"][17]["company"],
    );
    assert!(c["touch_distribution"].is_null());
    assert!(c["headline"]["persistence_one_touch_share"].is_null());
    assert!(c["headline"]["unengaged_leads"].is_null());
    for key in [
        "won_value",
        "proposal_value",
        "calls_new",
        "quota_attainment",
    ] {
        assert_eq!(c[key], nc[key], "{key}");
    }
    for key in [
        "quota_reached_share",
        "concentration_share",
        "unengaged_at_target",
    ] {
        assert_eq!(c["headline"][key], nc["headline"][key], "{key}");
    }
}

/// A folder to build into that already holds a previous site, so that a failed run can be
/// seen to leave it alone.
fn previous_site(tmp: &Path) -> PathBuf {
    let out = tmp.join("site");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("index.html"), "previous").unwrap();
    // What marks a folder as repcard's own output, which a build may replace.
    std::fs::write(out.join(".repcard"), "repcard output, format 1\n").unwrap();
    out
}

fn assert_untouched(out: &Path) {
    let mut names: Vec<_> = std::fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert_eq!(names, [".repcard", "index.html"]);
    assert_eq!(read(&out.join("index.html")), "previous");
    let siblings = std::fs::read_dir(out.parent().unwrap()).unwrap().count();
    assert_eq!(siblings, 3, "no staging folder is left behind"); // site, data, metrics.csv
}

const HEADER: &str = "period,rep_id,rep_name,team,leads_created,leads_qualified,calls_new,calls_previous,calls_engaged,meetings,proposals,proposal_value,won_count,won_value,quota,quota_attainment,leads_engaged,leads_unengaged_at_target";

/// Builds a metrics file made of `header` and `rows` into a previous site; returns stderr.
fn fails(header: &str, rows: &[&str]) -> String {
    fails_with("", header, rows)
}

/// `fails` with a `repcard.toml` holding `settings`.
fn fails_with(settings: &str, header: &str, rows: &[&str]) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(data.join("repcard.toml"), settings).unwrap();
    let file = tmp.path().join("metrics.csv");
    let mut text = format!("{header}\n");
    for r in rows {
        text.push_str(r);
        text.push('\n');
    }
    std::fs::write(&file, text).unwrap();
    let out = previous_site(tmp.path());
    let run = build(&data, &out, Some(&file));
    assert_eq!(run.status.code(), Some(1));
    assert_untouched(&out);
    String::from_utf8_lossy(&run.stderr).into_owned()
}

const GOOD: &str = "2026-10,r1,Ann Lee,West,10,4,12,3,5,2,2,3000.00,1,1500.00,2000.00,0.7500,3,1";
const GOOD_2: &str = "2026-10,r2,Bo Chen,West,8,2,9,1,2,1,1,500.00,0,0.00,,,1,0";

#[test]
fn a_wrong_header_fails_naming_the_column() {
    let err = fails(&HEADER.replace("rep_name", "name"), &[GOOD]);
    assert!(err.contains("metrics.csv:1:"), "{err}");
    assert!(
        err.contains("column 3 of the header is \"name\", expected \"rep_name\""),
        "{err}"
    );
    let err = fails(&HEADER.replace(",leads_unengaged_at_target", ""), &[]);
    assert!(
        err.contains("the header has 17 columns, expected 18"),
        "{err}"
    );
}

#[test]
fn a_bad_number_fails_naming_line_column_and_value() {
    let bad = GOOD_2.replace(",9,", ",9x,");
    let err = fails(HEADER, &[GOOD, &bad]);
    assert!(
        err.contains("metrics.csv:3: column calls_new: \"9x\" is not a count"),
        "{err}"
    );
    let bad = GOOD.replace("3000.00", "3,000.00");
    let err = fails(HEADER, &[&bad]);
    assert!(err.contains("metrics.csv:2:"), "{err}");
    let bad = GOOD.replace("0.7500", "75%");
    let err = fails(HEADER, &[&bad]);
    assert!(
        err.contains("metrics.csv:2: column quota_attainment: \"75%\" is not a ratio"),
        "{err}"
    );
    let bad = GOOD_2.replace(",,,", ",,0.5000,");
    let err = fails(HEADER, &[&bad]);
    assert!(
        err.contains("column quota_attainment: \"0.5000\" is given but quota is empty"),
        "{err}"
    );
}

#[test]
fn a_period_label_the_calendar_does_not_know_fails() {
    let err = fails(HEADER, &[GOOD, &GOOD_2.replace("2026-10", "2026-13")]);
    assert!(
        err.contains("metrics.csv:3: column period: \"2026-13\" is not a month label"),
        "{err}"
    );
    // A quarter label in a monthly report: one diagnosis naming both calendars.
    let err = fails(HEADER, &[&GOOD.replace("2026-10", "2026-Q4")]);
    assert!(
        err.contains("look like quarter periods (\"2026-Q4\")"),
        "{err}"
    );
    assert!(
        err.contains("repcard.toml says period = \"month\""),
        "{err}"
    );
    let fiscal = "period = \"quarter\"\nfiscal_year_start = 4\n";
    let err = fails_with(fiscal, HEADER, &[&GOOD.replace("2026-10", "2026-Q4")]);
    assert!(
        err.contains("\"2026-Q4\" is not a quarter label of this report's calendar (period and fiscal_year_start in repcard.toml); expected e.g. FY2027-Q3"),
        "{err}"
    );
}

#[test]
fn a_monthly_file_in_a_weekly_report_gets_one_diagnosis_not_a_line_per_row() {
    let rows: Vec<String> = (1..=9)
        .map(|m| GOOD.replace("2026-10", &format!("2026-0{m}")))
        .collect();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let err = fails_with("period = \"week\"\n", HEADER, &rows);
    assert!(
        err.contains("the file's periods look like month periods (\"2026-01\")"),
        "{err}"
    );
    assert!(err.contains("repcard.toml says period = \"week\""), "{err}");
    assert!(err.contains("9 row(s)"), "{err}");
    assert!(err.contains("metrics.csv:2 (column period)"), "{err}");
    assert!(err.contains("help: set period = \"month\""), "{err}");
    assert_eq!(err.matches("is not a week label").count(), 0, "{err}");
}

#[test]
fn a_duplicate_period_and_rep_fails_pointing_to_the_first() {
    let err = fails(HEADER, &[GOOD, GOOD_2, GOOD]);
    assert!(
        err.contains("metrics.csv:4: columns period, rep_id: \"2026-10\", \"r1\" appears again (first on line 2)"),
        "{err}"
    );
}

#[test]
fn a_rep_whose_team_changes_between_lines_fails() {
    let moved = GOOD.replace("2026-10", "2026-11").replace("West", "East");
    let err = fails(HEADER, &[GOOD, &moved]);
    assert!(
        err.contains("metrics.csv:3: column team: \"East\" differs from line 2 (\"West\")"),
        "{err}"
    );
}

#[test]
fn gaps_between_periods_are_filled_and_no_csv_is_needed_in_the_data_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir_all(data.join("notes")).unwrap();
    std::fs::write(data.join("repcard.toml"), "title = \"Warehouse\"\n").unwrap();
    std::fs::write(data.join("notes/2026-08.md"), "# A quiet summer\n").unwrap();
    let file = tmp.path().join("m.csv");
    let late = GOOD.replace("2026-10", "2026-11");
    let early = GOOD_2.replace("2026-10", "2026-08");
    // Rows in any order; written back sorted by period then rep_id.
    std::fs::write(&file, format!("{HEADER}\n{late}\n{early}\n")).unwrap();
    let out = tmp.path().join("site");
    assert_success(&build(&data, &out, Some(&file)));
    for label in ["2026-08", "2026-09", "2026-10", "2026-11"] {
        assert!(
            out.join(format!("periods/{label}/index.html")).is_file(),
            "{label}"
        );
    }
    assert_eq!(
        read(&out.join("metrics.csv")),
        format!("{HEADER}\n{early}\n{late}\n")
    );
    assert!(read(&out.join("periods/2026-08/index.html")).contains("A quiet summer"));
    assert!(read(&out.join("index.html")).contains("<title>Overview · Warehouse</title>"));
    assert_pages_parse_and_links_resolve(&out);
}

#[test]
fn the_reference_sql_output_renders_too() {
    if !duckdb_available() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    copy_dir(&sample(), &data);
    // The query trusts validated input: the sample's planted bad rows go first.
    drop_rejected_lines(&data);
    let file = tmp.path().join("warehouse.csv");
    reference_metrics(&data, &file);
    let out = tmp.path().join("site");
    assert_success(&build(&data, &out, Some(&file)));
    assert_eq!(
        std::fs::read(&file).unwrap(),
        std::fs::read(out.join("metrics.csv")).unwrap()
    );
    assert_pages_parse_and_links_resolve(&out);
    let period = read(&out.join("periods/2026-10/index.html"));
    assert_eq!(
        texts(&period, "#chart-touches .chart-empty"),
        [NOT_AVAILABLE]
    );
}

#[test]
fn a_site_rerenders_from_its_own_metrics_csv() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    assert_success(&build(&sample(), &site, None));
    let before = std::fs::read(site.join("metrics.csv")).unwrap();
    assert_success(&build(&sample(), &site, Some(&site.join("metrics.csv"))));
    assert_eq!(std::fs::read(site.join("metrics.csv")).unwrap(), before);
    assert!(read(&site.join("data-quality.html")).contains(NOT_AVAILABLE));
}
