//! The warehouse path's query (`repcard sql`), run by real engines: DuckDB through
//! `sql/run_duckdb.py`, Spark through `sql/run_spark.py` (PySpark). What repcard's figures
//! are checked against, and what `build --metrics` renders.

use super::manifest_path;
use std::path::Path;
use std::process::{Command, Output};

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

/// Whether python3 can import pyspark and a Java runtime runs; in CI their absence fails the
/// test.
pub fn spark_available() -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import pyspark"])
        .status()
        .is_ok_and(|s| s.success())
        && Command::new("java")
            .arg("-version")
            .output()
            .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "python3 with pyspark and a Java runtime are required in CI (pip install pyspark; apt-get install openjdk-17-jre-headless)"
        );
        eprintln!("skipping: python3 with pyspark, or java, is not installed");
    }
    ok
}

/// `python3 SCRIPT ARGS` with `REPCARD` naming the binary under test, so the runners ask it
/// for the query.
pub fn runner(script: &Path) -> Command {
    let mut cmd = Command::new("python3");
    cmd.arg(script)
        .env("REPCARD", env!("CARGO_BIN_EXE_repcard"))
        .env_remove("REPCARD_TIMINGS");
    cmd
}

/// Fails the test unless a runner exited 0, showing what it printed.
#[track_caller]
pub fn runner_ok(what: &str, out: &Output) {
    assert!(
        out.status.success(),
        "{what} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Runs the query DuckDB-side on the data folder `data` (`sql/run_duckdb.py`) and writes its
/// `metrics.csv` to `out`; fails the test if the runner fails.
pub fn reference_metrics(data: &Path, out: &Path) {
    let o = runner(&manifest_path("sql/run_duckdb.py"))
        .arg(data)
        .arg(out)
        .output()
        .unwrap();
    runner_ok("sql/run_duckdb.py", &o);
}

/// Removes from the files under `data` the lines that `repcard build` rejects (the query
/// trusts validated input); returns how many.
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

/// Copies a folder, files and subfolders.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}
