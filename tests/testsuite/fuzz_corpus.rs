//! Replays every committed fuzz input (`fuzz/corpus/<target>/seed-*` and any minimised crash
//! kept under `fuzz/regressions/<target>/`) through its target: none may panic. `.ci/run`
//! also runs each target under libFuzzer for a bounded time.

use crate::support::manifest_path;

fn replay(target: &str, run: fn(&[u8])) {
    let root = manifest_path("fuzz");
    let mut inputs = 0;
    for dir in [
        root.join("corpus").join(target),
        root.join("regressions").join(target),
    ] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
        paths.sort();
        for path in paths {
            let bytes = std::fs::read(&path).unwrap();
            let outcome = std::panic::catch_unwind(|| run(&bytes));
            assert!(outcome.is_ok(), "{} panicked", path.display());
            inputs += 1;
        }
    }
    assert!(inputs > 0, "no corpus for {target}");
}

#[test]
fn record_reader_corpus_replays_without_panic() {
    replay("record_reader", repcard_ingest::fuzz::record_reader);
}

#[test]
fn timestamp_corpus_replays_without_panic() {
    replay("timestamp", repcard_ingest::fuzz::timestamp);
}

#[test]
fn money_corpus_replays_without_panic() {
    replay("money", repcard_ingest::fuzz::money);
}

#[test]
fn spreadsheet_corpus_replays_without_panic() {
    replay("spreadsheet", repcard_ingest::fuzz::spreadsheet);
}

#[test]
fn whole_folder_corpus_replays_without_panic() {
    replay("whole_folder", whole_folder);
}

/// The ingest fuzz target, then the metrics and the exports on what it read: the calls of
/// every period add up, and nothing panics.
fn whole_folder(data: &[u8]) {
    let Some((_dir, ingested)) = repcard_ingest::fuzz::whole_folder(data) else {
        return;
    };
    let config = repcard_core::config::Config::default();
    let Ok(metrics) = repcard_metrics::compute(
        &ingested.dataset,
        &ingested.activities,
        &repcard_metrics::Rules::from(&config),
    ) else {
        return;
    };
    for p in &metrics.periods {
        let calls: u64 = p.reps.iter().map(|r| r.figures.calls()).sum();
        assert_eq!(calls, p.company.figures.calls());
    }
    let _ = repcard_report::exports::metrics_csv(&ingested.dataset, &metrics);
    let _ = repcard_report::exports::metrics_json(&config, &ingested.dataset, &metrics);
    let _ = repcard_report::exports::rejects_csv(&ingested);
}
