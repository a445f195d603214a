//! The shared helpers of the contract tests: run the real binary on a fixture folder and
//! compare what it writes with the expected files beside it.
//!
//! A fixture is `tests/testsuite/contract/<rule>/` with `data/` (the data folder) and `expected/`:
//! - `metrics.csv`, `files.csv`: compared byte for byte;
//! - `rejects.csv`: `file,line,column,reason` compared exactly; the expected `detail` is a
//!   fragment the written detail must contain (the contract fixes the first four columns and
//!   that duplicates point to `file:line`; the rest of the wording is the engine's);
//! - `metrics.json`: a subset of the written JSON (objects: the keys given; arrays: same
//!   length, element by element; `{}` matches anything);
//! - `stderr.txt`: each non-empty line must appear in what the run printed.
//!
//! Without an expected `rejects.csv`, no row may be rejected.
//!
//! Every successful run is also checked for the rules that hold for every data folder: the
//! four files exist with their exact headers, no CSV has a BOM or a `\r`, for every file
//! `rows_read = rows_accepted + rows_rejected` with `rows_rejected` rows in `rejects.csv`,
//! and a second run on the same data writes the same bytes (§5).

use super::{repcard, testsuite_path};
use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

const METRICS_HEADER: &str = "period,rep_id,rep_name,team,leads_created,leads_qualified,calls_new,calls_previous,calls_engaged,meetings,proposals,proposal_value,won_count,won_value,quota,quota_attainment,leads_engaged,leads_unengaged_at_target";
const REJECTS_HEADER: &str = "file,line,column,reason,detail";
const FILES_HEADER: &str = "file,table,rows_read,rows_accepted,rows_rejected";

/// The folder of one rule's fixture.
pub fn fixture(rule: &str) -> PathBuf {
    let dir = testsuite_path("contract").join(rule);
    assert!(
        dir.join("data").is_dir(),
        "fixture {} has no data/ folder",
        dir.display()
    );
    dir
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Runs `repcard build` on the rule's data folder and checks every expected file.
pub fn builds_as_expected(rule: &str) {
    let dir = fixture(rule);
    let tmp = tempfile::tempdir().expect("temp dir");
    let site = tmp.path().join("site");
    let out = repcard([
        OsStr::new("build"),
        dir.join("data").as_os_str(),
        OsStr::new("-o"),
        site.as_os_str(),
    ]);
    let stderr = text(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{rule}: build should succeed; stderr:\n{stderr}"
    );
    check_invariants(rule, &site);
    same_bytes_on_a_second_run(rule, &dir.join("data"), &site, tmp.path());
    let expected_dir = dir.join("expected");
    let mut checked = 0;
    for entry in std::fs::read_dir(&expected_dir)
        .unwrap_or_else(|e| panic!("{rule}: no expected/ folder: {e}"))
    {
        let path = entry.expect("dir entry").path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let expected = read(&path);
        match name.as_str() {
            "metrics.csv" | "files.csv" => {
                let actual = read(&site.join(&name));
                assert_eq!(
                    text(&actual),
                    text(&expected),
                    "{rule}: {name} differs (left: written, right: expected)"
                );
                assert_eq!(actual, expected, "{rule}: {name} differs in bytes");
            }
            "rejects.csv" => compare_rejects(rule, &read(&site.join(&name)), &expected),
            "metrics.json" => {
                let actual: serde_json::Value =
                    serde_json::from_slice(&read(&site.join(&name))).expect("metrics.json parses");
                let expected: serde_json::Value =
                    serde_json::from_slice(&expected).expect("expected metrics.json parses");
                assert_subset(rule, "$", &actual, &expected);
            }
            "stderr.txt" => assert_stderr(rule, &stderr, &expected),
            other => panic!("{rule}: unexpected expected file {other}"),
        }
        checked += 1;
    }
    assert!(checked > 0, "{rule}: expected/ is empty");
    if !expected_dir.join("rejects.csv").exists() {
        assert_eq!(
            text(&read(&site.join("rejects.csv"))),
            format!("{REJECTS_HEADER}\n"),
            "{rule}: no row should be rejected"
        );
    }
}

/// Runs `repcard build` (and `check`) with `extra` arguments and checks that the run fails
/// with exit code 1, prints every line of `expected/stderr.txt`, and leaves the previous
/// output folder untouched.
pub fn fails(rule: &str, extra: &[&str]) {
    let dir = fixture(rule);
    let expected = read(&dir.join("expected/stderr.txt"));
    let tmp = tempfile::tempdir().expect("temp dir");
    let site = tmp.path().join("site");
    std::fs::create_dir(&site).unwrap();
    std::fs::write(site.join("previous.txt"), "the previous run's output\n").unwrap();
    // The marker of an output folder repcard wrote, so only the rule under test can fail.
    std::fs::write(site.join(".repcard"), "repcard output, format 1\n").unwrap();
    let data = dir.join("data");
    for command in ["build", "check"] {
        let mut args: Vec<&OsStr> = vec![command.as_ref(), data.as_os_str()];
        if command == "build" {
            args.extend(["-o".as_ref(), site.as_os_str()]);
        }
        args.extend(extra.iter().map(OsStr::new));
        let out = repcard(&args);
        let stderr = text(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{rule}: {command} should exit 1; stderr:\n{stderr}"
        );
        assert_stderr(rule, &stderr, &expected);
    }
    let mut left: Vec<_> = std::fs::read_dir(&site)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(
        left,
        [".repcard", "previous.txt"],
        "{rule}: a failed run must leave the output folder as it was"
    );
    assert_eq!(
        read(&site.join("previous.txt")),
        b"the previous run's output\n"
    );
    // Nothing was staged next to it either.
    let siblings = std::fs::read_dir(tmp.path()).unwrap().count();
    assert_eq!(
        siblings, 1,
        "{rule}: a failed run left files beside the output"
    );
}

fn assert_stderr(rule: &str, stderr: &str, expected: &[u8]) {
    for needle in text(expected).lines().filter(|l| !l.trim().is_empty()) {
        assert!(
            stderr.contains(needle),
            "{rule}: stderr should contain {needle:?}; it was:\n{stderr}"
        );
    }
}

fn records(bytes: &[u8]) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes)
        .records()
        .map(|r| r.expect("valid CSV").iter().map(str::to_string).collect())
        .collect()
}

fn compare_rejects(rule: &str, actual: &[u8], expected: &[u8]) {
    let (a, e) = (records(actual), records(expected));
    let shown = || format!("written:\n{}\nexpected:\n{}", text(actual), text(expected));
    assert_eq!(
        a.len(),
        e.len(),
        "{rule}: rejects.csv row count; {}",
        shown()
    );
    for (a, e) in a.iter().zip(&e) {
        assert_eq!(a[..4], e[..4], "{rule}: rejects.csv row; {}", shown());
        assert!(
            a[4].contains(&e[4]),
            "{rule}: detail {:?} should contain {:?}",
            a[4],
            e[4]
        );
    }
}

fn assert_subset(rule: &str, at: &str, actual: &serde_json::Value, expected: &serde_json::Value) {
    use serde_json::Value;
    match (actual, expected) {
        (Value::Object(a), Value::Object(e)) => {
            for (k, ev) in e {
                let av = a
                    .get(k)
                    .unwrap_or_else(|| panic!("{rule}: metrics.json {at} has no key {k:?}"));
                assert_subset(rule, &format!("{at}.{k}"), av, ev);
            }
        }
        (Value::Array(a), Value::Array(e)) => {
            assert_eq!(
                a.len(),
                e.len(),
                "{rule}: metrics.json {at} length; written: {actual}"
            );
            for (i, (av, ev)) in a.iter().zip(e).enumerate() {
                assert_subset(rule, &format!("{at}[{i}]"), av, ev);
            }
        }
        _ => assert_eq!(actual, expected, "{rule}: metrics.json {at}"),
    }
}

/// The rules every successful run obeys, whatever the data.
fn check_invariants(rule: &str, site: &Path) {
    for (name, header) in [
        ("metrics.csv", METRICS_HEADER),
        ("rejects.csv", REJECTS_HEADER),
        ("files.csv", FILES_HEADER),
    ] {
        let bytes = read(&site.join(name));
        assert!(
            !bytes.starts_with(b"\xEF\xBB\xBF"),
            "{rule}: {name} has a BOM"
        );
        assert!(!bytes.contains(&b'\r'), "{rule}: {name} has a \\r");
        assert!(
            bytes.starts_with(format!("{header}\n").as_bytes()),
            "{rule}: {name} header"
        );
    }
    let json: serde_json::Value =
        serde_json::from_slice(&read(&site.join("metrics.json"))).expect("metrics.json parses");
    assert!(json.is_object(), "{rule}: metrics.json is an object");

    let mut rejected_per_file: BTreeMap<String, u64> = BTreeMap::new();
    for r in records(&read(&site.join("rejects.csv"))).iter().skip(1) {
        *rejected_per_file.entry(r[0].clone()).or_default() += 1;
    }
    for f in records(&read(&site.join("files.csv"))).iter().skip(1) {
        let (file, table) = (&f[0], &f[1]);
        if table.is_empty() {
            assert_eq!(
                f[2..],
                ["", "", ""],
                "{rule}: unmatched {file} has empty counts"
            );
            continue;
        }
        let n = |i: usize| -> u64 { f[i].parse().expect("a count") };
        assert_eq!(
            n(2),
            n(3) + n(4),
            "{rule}: {file}: rows_read = rows_accepted + rows_rejected"
        );
        assert_eq!(
            n(4),
            rejected_per_file.remove(file).unwrap_or(0),
            "{rule}: {file}: rows_rejected = its rows in rejects.csv"
        );
    }
    assert!(
        rejected_per_file.is_empty(),
        "{rule}: rejects.csv names files missing from files.csv: {rejected_per_file:?}"
    );
}

/// §5: same inputs, same output bytes.
fn same_bytes_on_a_second_run(rule: &str, data: &Path, site: &Path, tmp: &Path) {
    let again = tmp.join("again");
    let out = repcard([
        OsStr::new("build"),
        data.as_os_str(),
        OsStr::new("-o"),
        again.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{rule}: second build");
    for name in ["metrics.csv", "metrics.json", "rejects.csv", "files.csv"] {
        assert!(
            read(&site.join(name)) == read(&again.join(name)),
            "{rule}: {name} differs between two runs on the same data"
        );
    }
}

/// The names of the fixture folders under `tests/testsuite/contract/`.
pub fn fixture_names() -> Vec<String> {
    let root = testsuite_path("contract");
    let mut names: Vec<String> = std::fs::read_dir(&root)
        .expect("tests/testsuite/contract exists")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.is_dir())
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}
