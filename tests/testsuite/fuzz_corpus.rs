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
    replay("record_reader", repcard::fuzz_targets::record_reader);
}

#[test]
fn timestamp_corpus_replays_without_panic() {
    replay("timestamp", repcard::fuzz_targets::timestamp);
}

#[test]
fn money_corpus_replays_without_panic() {
    replay("money", repcard::fuzz_targets::money);
}

#[test]
fn whole_folder_corpus_replays_without_panic() {
    replay("whole_folder", repcard::fuzz_targets::whole_folder);
}
