//! The command line: exit codes, `--strict`, and an output folder that a failed run never damages.

use crate::support::{command, files, repcard, s, stderr};
use std::path::{Path, PathBuf};

/// A tiny valid data folder; `extra_lead` adds one more leads row verbatim.
fn data_folder(root: &Path, extra_lead: Option<&str>) -> PathBuf {
    let data = root.join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(
        data.join("reps.csv"),
        "rep_id,name,team,monthly_quota\nr1,Ann,East,1000\n",
    )
    .unwrap();
    let mut leads = String::from("lead_id,rep_id,created_at,qualified\nL1,r1,2026-10-01,yes\n");
    if let Some(row) = extra_lead {
        leads.push_str(row);
        leads.push('\n');
    }
    std::fs::write(data.join("leads.csv"), leads).unwrap();
    std::fs::write(
        data.join("activities.csv"),
        "rep_id,lead_id,at,type\nr1,L1,2026-10-02 10:00,call\n",
    )
    .unwrap();
    data
}

#[test]
fn build_exits_zero_and_writes_the_metrics_files() {
    let tmp = tempfile::tempdir().unwrap();
    let data = data_folder(tmp.path(), None);
    let site = tmp.path().join("site");
    let o = repcard(["build", s(&data), "-o", s(&site)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for f in ["metrics.csv", "metrics.json", "rejects.csv", "files.csv"] {
        assert!(site.join(f).is_file(), "{f} missing");
    }
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("periods: 1 (2026-10 to 2026-10, by month)"),
        "{out}"
    );
    assert!(out.contains("leads"), "{out}");
}

#[test]
fn check_prints_its_summary_on_stdout_and_rejects_on_stderr() {
    let tmp = tempfile::tempdir().unwrap();
    let data = data_folder(tmp.path(), Some("L2,nobody,2026-10-03,yes"));
    let o = repcard(["check", s(&data)]);
    let (out, err) = (String::from_utf8_lossy(&o.stdout), stderr(&o));
    assert!(
        out.contains("periods: 1 (2026-10 to 2026-10, by month)"),
        "{out}"
    );
    assert!(out.contains("reps: 1"), "{out}");
    assert!(
        !err.contains("periods:"),
        "the summary is not a diagnostic: {err}"
    );
    assert!(
        err.contains("unknown_rep"),
        "the reject is a diagnostic: {err}"
    );
    assert!(!out.contains("unknown_rep"), "{out}");
}

#[test]
fn usage_error_exits_two() {
    let no_args: [&str; 0] = [];
    assert_eq!(repcard(["build", "--no-such-flag"]).status.code(), Some(2));
    assert_eq!(repcard(["no-such-command"]).status.code(), Some(2));
    assert_eq!(repcard(no_args).status.code(), Some(2));
}

#[test]
fn help_is_available_on_every_command() {
    for cmd in [
        &["--help"][..],
        &["build", "--help"],
        &["check", "--help"],
        &["generate", "--help"],
    ] {
        let o = repcard(cmd);
        assert_eq!(o.status.code(), Some(0));
        assert!(String::from_utf8_lossy(&o.stdout).contains("Usage:"));
    }
}

#[test]
fn missing_data_folder_exits_one_naming_it() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("nope");
    let o = repcard(["build", s(&missing), "-o", s(&tmp.path().join("site"))]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("nope"), "{}", stderr(&o));
    assert!(!tmp.path().join("site").exists());
}

#[test]
fn rejected_row_warns_but_build_succeeds_by_default() {
    let tmp = tempfile::tempdir().unwrap();
    let data = data_folder(tmp.path(), Some("L2,r1,2026-10-32,no"));
    let site = tmp.path().join("site");
    let o = repcard(["build", s(&data), "-o", s(&site)]);
    assert_eq!(o.status.code(), Some(0));
    let err = stderr(&o);
    assert!(err.contains("warning: 1 row(s) rejected"), "{err}");
    assert!(
        err.contains("leads.csv:3: column created_at: bad_timestamp: \"2026-10-32\""),
        "{err}"
    );
    let rejects = std::fs::read_to_string(site.join("rejects.csv")).unwrap();
    assert!(
        rejects.contains("leads.csv,3,created_at,bad_timestamp,"),
        "{rejects}"
    );
}

#[test]
fn strict_fails_on_a_rejected_row_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let data = data_folder(tmp.path(), Some("L2,r1,2026-10-32,no"));
    let site = tmp.path().join("site");
    let o = repcard(["build", s(&data), "-o", s(&site), "--strict"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("leads.csv:3: column created_at: bad_timestamp"),
        "{}",
        stderr(&o)
    );
    assert!(
        !site.exists(),
        "strict failure must not create the output folder"
    );
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "only data/ should exist: {leftovers:?}");
}

#[test]
fn strict_failure_leaves_existing_site_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let data = data_folder(tmp.path(), None);
    let site = tmp.path().join("site");
    assert_eq!(
        repcard(["build", s(&data), "-o", s(&site)]).status.code(),
        Some(0)
    );
    let before = files(&site);
    data_folder(tmp.path(), Some("L2,r1,yesterday,no"));
    let o = repcard(["build", s(&data), "-o", s(&site), "--strict"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(files(&site), before);
}

#[test]
fn structural_failure_leaves_existing_site_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let data = data_folder(tmp.path(), None);
    let site = tmp.path().join("site");
    assert_eq!(
        repcard(["build", s(&data), "-o", s(&site)]).status.code(),
        Some(0)
    );
    let before = files(&site);
    std::fs::write(
        data.join("proposals.csv"),
        "proposal_id,rep_id,created_at\nP1,r1,2026-10-01\n",
    )
    .unwrap();
    let o = repcard(["build", s(&data), "-o", s(&site)]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("proposals.csv") && err.contains("`amount`"),
        "{err}"
    );
    assert_eq!(files(&site), before);
}

#[test]
fn successful_rebuild_replaces_the_whole_site() {
    let tmp = tempfile::tempdir().unwrap();
    let data = data_folder(tmp.path(), None);
    let site = tmp.path().join("site");
    assert_eq!(
        repcard(["build", s(&data), "-o", s(&site)]).status.code(),
        Some(0)
    );
    // A file an older run left in the folder repcard wrote (and marked).
    std::fs::write(site.join("stale.txt"), "from an older run").unwrap();
    assert_eq!(
        repcard(["build", s(&data), "-o", s(&site)]).status.code(),
        Some(0)
    );
    assert!(!site.join("stale.txt").exists());
    assert!(site.join("metrics.csv").exists());
    let mut names: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [".site.lock", "data", "site"],
        "no staging folder may be left behind (the lock file stays)"
    );
}

#[test]
fn check_validates_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let data = data_folder(tmp.path(), Some("L2,r1,2026-10-01,maybe"));
    let before = files(tmp.path());
    let o = command(["check", s(&data)])
        .current_dir(tmp.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("bad_boolean"), "{}", stderr(&o));
    let strict = repcard(["check", s(&data), "--strict"]);
    assert_eq!(strict.status.code(), Some(1));
    assert_eq!(files(tmp.path()), before);
}

#[test]
fn output_folder_inside_data_folder_is_not_read_as_input() {
    let tmp = tempfile::tempdir().unwrap();
    let data = data_folder(tmp.path(), None);
    let site = data.join("site");
    assert_eq!(
        repcard(["build", s(&data), "-o", s(&site)]).status.code(),
        Some(0)
    );
    let o = repcard(["build", s(&data), "-o", s(&site)]);
    assert_eq!(o.status.code(), Some(0));
    let files = std::fs::read_to_string(site.join("files.csv")).unwrap();
    assert!(!files.contains("site/"), "{files}");
}

#[test]
fn duplicate_activity_ids_are_found_exactly_across_many_files() {
    let tmp = tempfile::tempdir().unwrap();
    let data = data_folder(tmp.path(), None);
    std::fs::remove_file(data.join("activities.csv")).unwrap();
    std::fs::create_dir_all(data.join("activities")).unwrap();
    // 6 files of 500 ids each; ids repeat across files (and differ only by case in one file).
    for f in 0..6 {
        let mut text = String::from("activity_id,rep_id,lead_id,at,type\n");
        for i in 0..500 {
            let id = if f == 5 {
                format!("a{}", i * 2)
            } else {
                format!("A{}", f * 400 + i)
            };
            text += &format!("{id},r1,L1,2026-10-{:02} 10:00,call\n", 2 + i % 20);
        }
        std::fs::write(data.join(format!("activities/part-{f}.csv")), text).unwrap();
    }
    let site = tmp.path().join("site");
    let o = repcard(["build", s(&data), "-o", s(&site)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rejects = std::fs::read_to_string(site.join("rejects.csv")).unwrap();
    // Files 0..4 hold A0..A2099; each file after the first repeats the previous one's last 100.
    assert_eq!(rejects.lines().count() - 1, 4 * 100, "{rejects}");
    assert!(rejects.contains("activities/part-1.csv,2,activity_id,duplicate_id,\"\"\"A400\"\" was already used by activities/part-0.csv:402"), "{rejects}");
    assert!(
        !rejects.contains("part-5.csv"),
        "ids differing by case are distinct: {rejects}"
    );
    let files = std::fs::read_to_string(site.join("files.csv")).unwrap();
    assert!(
        files.contains("activities/part-1.csv,activities,500,400,100"),
        "{files}"
    );
}
