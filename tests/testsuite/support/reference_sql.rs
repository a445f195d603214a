//! The reference SQL (`sql/metrics.sql`), run by real DuckDB through
//! `sql/duckdb_metrics.py`: what repcard's figures are checked against.

use super::manifest_path;
use std::path::Path;
use std::process::Command;

/// Copies a data folder with `timezone` set to UTC: the reference SQL covers UTC only (its
/// timestamps are naive, so a window across a DST change would be an hour off).
pub fn copy_as_utc(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else if entry.file_name() == "repcard.toml" {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let text: String = text
                .lines()
                .filter(|l| !l.trim_start().starts_with("timezone"))
                .map(|l| format!("{l}\n"))
                .collect();
            std::fs::write(&target, format!("timezone = \"UTC\"\n{text}")).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Whether python3 can import duckdb; in CI its absence fails the test.
pub fn duckdb_available() -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import duckdb"])
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "python3 with duckdb is required in CI (pip install duckdb)"
        );
        eprintln!("skipping: python3 with duckdb is not installed");
    }
    ok
}

/// Runs the reference SQL on the data folder `data` and writes its `metrics.csv` to `out`;
/// fails the test if the script fails.
pub fn reference_metrics(data: &Path, out: &Path) {
    let o = Command::new("python3")
        .arg(manifest_path("sql/duckdb_metrics.py"))
        .arg(data)
        .arg(out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// Removes from the files under `data` the lines that `repcard build` rejects (the reference
/// SQL trusts validated input); returns how many.
pub fn drop_rejected_lines(data: &Path) -> usize {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    super::repcard_ok(["build", super::s(data), "-o", super::s(&site)]);
    let mut rejected: std::collections::BTreeMap<String, Vec<usize>> = Default::default();
    let mut rows = csv::Reader::from_path(site.join("rejects.csv")).unwrap();
    for row in rows.records() {
        let row = row.unwrap();
        rejected
            .entry(row[0].to_string())
            .or_default()
            .push(row[1].parse().unwrap());
    }
    let count = rejected.values().map(Vec::len).sum();
    for (file, lines) in rejected {
        let path = data.join(&file);
        let text = std::fs::read_to_string(&path).unwrap();
        let kept: String = text
            .lines()
            .enumerate()
            .filter(|(i, _)| !lines.contains(&(i + 1)))
            .map(|(_, l)| format!("{l}\n"))
            .collect();
        std::fs::write(&path, kept).unwrap();
    }
    count
}
