//! The archive: `OUT_DIR/archive/<period>.csv` keeps each closed period's rows of
//! `metrics.csv` as first written, later builds carry them over unchanged, a changed figure
//! shows as a restatement, and `--republish` replaces a period's rows on purpose.

use crate::support::{assert_success, command};
use std::path::Path;
use std::process::Output;

/// `repcard ARGS` run in `cwd`.
fn repcard(cwd: &Path, args: &[&str]) -> Output {
    command(args)
        .current_dir(cwd)
        .output()
        .expect("run repcard")
}

#[track_caller]
fn ok(o: Output) -> Output {
    assert_success(&o);
    o
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Two reps over August to October 2026, one call each month for r1.
fn company(data: &Path) {
    std::fs::create_dir_all(data).unwrap();
    std::fs::write(
        data.join("reps.csv"),
        "rep_id,name,team,monthly_quota\nr1,Ann Lee,East,1000\nr2,Bo Chen,East,1000\n",
    )
    .unwrap();
    std::fs::write(
        data.join("leads.csv"),
        "lead_id,rep_id,created_at,qualified\n\
         L1,r1,2026-08-03,yes\nL2,r2,2026-09-01,no\nL3,r1,2026-10-01,yes\n",
    )
    .unwrap();
    std::fs::write(
        data.join("activities.csv"),
        "rep_id,lead_id,at,type\n\
         r1,L1,2026-08-04 10:00,call\nr1,L1,2026-09-04 10:00,call\nr1,L3,2026-10-02 10:00,call\n",
    )
    .unwrap();
}

/// Logs a late call in August (a closed month by now).
fn late_call(data: &Path) {
    let path = data.join("activities.csv");
    let mut text = read(&path);
    text.push_str("r1,L1,2026-08-20 15:00,call\n");
    std::fs::write(path, text).unwrap();
}

/// The header and the rows of `period` in `metrics.csv`.
fn rows_of(metrics_csv: &str, period: &str) -> String {
    let mut lines = metrics_csv.lines();
    let mut out = format!("{}\n", lines.next().unwrap());
    for l in lines.filter(|l| l.starts_with(&format!("{period},"))) {
        out.push_str(l);
        out.push('\n');
    }
    out
}

#[test]
fn archive_carries_closed_periods_over_unchanged() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    company(&data);
    ok(repcard(tmp.path(), &["build", "data", "-o", "site"]));
    let site = tmp.path().join("site");
    let metrics = read(&site.join("metrics.csv"));
    let mut names: Vec<String> = std::fs::read_dir(site.join("archive"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    // Every period before the newest (2026-10) is closed and archived, as metrics.csv has it.
    assert_eq!(names, ["2026-08.csv", "2026-09.csv"]);
    for period in ["2026-08", "2026-09"] {
        let archived = read(&site.join(format!("archive/{period}.csv")));
        assert_eq!(archived, rows_of(&metrics, period));
        assert!(archived.lines().count() > 1, "{period} has rows");
    }
    let august = read(&site.join("archive/2026-08.csv"));

    // Same inputs and same archive: same bytes.
    let first = std::fs::read(site.join("archive/2026-09.csv")).unwrap();
    ok(repcard(tmp.path(), &["build", "data", "-o", "site"]));
    assert_eq!(
        std::fs::read(site.join("archive/2026-09.csv")).unwrap(),
        first
    );

    // A corrected export changes August; a new month closes October.
    late_call(&data);
    let mut leads = read(&data.join("leads.csv"));
    leads.push_str("L4,r2,2026-11-02,no\n");
    std::fs::write(data.join("leads.csv"), leads).unwrap();
    ok(repcard(tmp.path(), &["build", "data", "-o", "site"]));
    assert_eq!(read(&site.join("archive/2026-08.csv")), august, "rewritten");
    assert_ne!(rows_of(&read(&site.join("metrics.csv")), "2026-08"), august);
    let october = read(&site.join("archive/2026-10.csv"));
    assert_eq!(
        october,
        rows_of(&read(&site.join("metrics.csv")), "2026-10")
    );
    assert!(
        !site.join("archive/2026-11.csv").exists(),
        "the newest is open"
    );
}

#[test]
fn late_call_in_a_closed_month_shows_as_restated() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    company(&data);
    ok(repcard(tmp.path(), &["build", "data", "-o", "site"]));
    let site = tmp.path().join("site");
    let august = read(&site.join("archive/2026-08.csv"));
    let page = site.join("periods/2026-08/index.html");
    assert!(
        !read(&page).contains("id=\"restated\""),
        "nothing restated yet"
    );

    late_call(&data);
    ok(repcard(tmp.path(), &["build", "data", "-o", "site"]));
    assert_eq!(read(&site.join("archive/2026-08.csv")), august);
    let html = read(&page);
    let section = html
        .split("id=\"restated\"")
        .nth(1)
        .expect("a Restated section on August's page");
    let section = section.split("</section>").next().unwrap();
    let row = section
        .lines()
        .find(|l| l.contains("calls_new"))
        .unwrap_or_else(|| panic!("no calls_new row in:\n{section}"));
    assert!(row.contains("Ann Lee"), "{row}");
    assert!(
        row.contains("<td>1</td><td>2</td>"),
        "published 1 → now 2: {row}"
    );
    assert!(!section.contains("Bo Chen"), "Bo's figures did not change");
    // September's page is not restated; the overview and the email flag August.
    assert!(!read(&site.join("periods/2026-09/index.html")).contains("id=\"restated\""));
    let index = read(&site.join("index.html")).replace("&#x2F;", "/");
    assert!(
        index.contains("periods/2026-08/index.html#restated"),
        "{index}"
    );
    #[cfg(feature = "email")]
    {
        ok(repcard(tmp.path(), &["email", "data", "-o", "site"]));
        let email = read(&site.join("email/2026-10.html"));
        assert!(email.contains("Restated since published"), "{email}");
        assert!(email.contains("August 2026"), "{email}");
    }
}

#[test]
fn republish_replaces_the_archived_rows() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    company(&data);
    ok(repcard(tmp.path(), &["build", "data", "-o", "site"]));
    let site = tmp.path().join("site");
    let september = read(&site.join("archive/2026-09.csv"));
    late_call(&data);
    ok(repcard(
        tmp.path(),
        &["build", "data", "-o", "site", "--republish", "2026-08"],
    ));
    let metrics = read(&site.join("metrics.csv"));
    assert_eq!(
        read(&site.join("archive/2026-08.csv")),
        rows_of(&metrics, "2026-08")
    );
    assert_eq!(read(&site.join("archive/2026-09.csv")), september);
    assert!(!read(&site.join("periods/2026-08/index.html")).contains("id=\"restated\""));

    // Only closed periods the data has can be republished; a refusal changes nothing.
    let before = read(&site.join("archive/2026-08.csv"));
    for (label, why) in [
        ("2026-10", "the newest period"),
        ("2025-01", "no such period"),
        ("August", "not a month label"),
    ] {
        let o = repcard(
            tmp.path(),
            &["build", "data", "-o", "site", "--republish", label],
        );
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(err.contains(why), "{label}: {err}");
    }
    assert_eq!(read(&site.join("archive/2026-08.csv")), before);
}
