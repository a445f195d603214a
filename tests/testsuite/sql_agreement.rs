//! The reference SQL (`sql/metrics.sql`, run by real DuckDB) and repcard agree byte for byte
//! on `metrics.csv`. Needs `python3` with the `duckdb` package (`.ci/run` installs it).

use crate::support::company::{world, write_world};
use crate::support::reference_sql::{
    copy_as_utc, drop_rejected_lines, duckdb_available, reference_metrics,
};
use crate::support::{command, manifest_path, s};
use proptest::prelude::*;
use std::path::Path;

/// Builds `data` with repcard and with the SQL; returns both metrics.csv texts and the
/// number of rejected rows repcard saw.
fn both(data: &Path) -> (String, String, usize) {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let status = command(["build", s(data), "-o", s(&site)])
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let sql_out = out.path().join("sql.csv");
    reference_metrics(data, &sql_out);
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
    copy_as_utc(&manifest_path("data"), &data);
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
