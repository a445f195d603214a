//! The reference SQL (`sql/metrics.sql`, run by real DuckDB) and repcard agree byte for byte
//! on `metrics.csv`. Needs `python3` with the `duckdb` package (`.ci/run` installs it).

use proptest::prelude::*;
use std::path::Path;
use std::process::Command;

mod common;
use common::{copy_as_utc, drop_rejected_lines, duckdb_available, world, write_world};

/// Builds `data` with repcard and with the SQL; returns both metrics.csv texts and the
/// number of rejected rows repcard saw.
fn both(data: &Path) -> (String, String, usize) {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let status = Command::new(env!("CARGO_BIN_EXE_repcard"))
        .arg("build")
        .arg(data)
        .arg("-o")
        .arg(&site)
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let sql_out = out.path().join("sql.csv");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("sql/duckdb_metrics.py");
    let o = Command::new("python3")
        .arg(script)
        .arg(data)
        .arg(&sql_out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rejects = std::fs::read_to_string(site.join("rejects.csv"))
        .unwrap()
        .lines()
        .count()
        - 1;
    (
        std::fs::read_to_string(site.join("metrics.csv")).unwrap(),
        std::fs::read_to_string(sql_out).unwrap(),
        rejects,
    )
}

#[test]
fn sql_and_repcard_agree_on_the_sample_data() {
    if !duckdb_available() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    copy_as_utc(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data"), &data);
    // The reference SQL trusts validated input; the sample has a few bad rows on purpose (for
    // the data-quality page), so they are taken out first, as repcard leaves them out.
    let planted = drop_rejected_lines(&data);
    assert!(planted > 0, "the sample shows its data-quality page");
    let (ours, sql, rejects) = both(&data);
    assert_eq!(rejects, 0);
    assert!(
        ours.lines().count() > 100,
        "the sample should have many rows"
    );
    assert_eq!(ours, sql);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn sql_and_repcard_agree_on_random_valid_companies(w in world(true)) {
        if !duckdb_available() {
            return Ok(());
        }
        let dir = tempfile::tempdir().unwrap();
        write_world(dir.path(), &w, 2, 3);
        let (ours, sql, rejects) = both(dir.path());
        prop_assume!(rejects == 0);
        prop_assert_eq!(ours, sql);
    }
}
