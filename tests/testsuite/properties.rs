//! Property tests over random small companies: invariants the contract promises for any input.

use proptest::prelude::*;
use repcard_report::exports::metrics_csv;
use std::collections::BTreeMap;
use std::path::Path;

use crate::support::company::{world, write_world};
use crate::support::pipeline::analyse;
use crate::support::{command, files, s};

fn metrics_bytes(dir: &Path) -> Vec<u8> {
    let a = analyse(dir).unwrap();
    metrics_csv(&a.ingested.dataset, &a.metrics).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn every_valid_call_lands_in_exactly_one_call_metric(w in world(false)) {
        let dir = tempfile::tempdir().unwrap();
        write_world(dir.path(), &w, 1, 0);
        let a = analyse(dir.path()).unwrap();
        // Valid calls counted from the rows as written: type "call" in any case, line not
        // rejected, by the month of their date (the default calendar and zone).
        let rejected: std::collections::BTreeSet<u64> = a.ingested.rejects.iter()
            .filter(|r| r.file == "activities.csv").map(|r| r.line).collect();
        let mut calls_per_period: BTreeMap<String, u64> = BTreeMap::new();
        for (i, row) in w.activities.iter().enumerate() {
            let cells: Vec<&str> = row.split(',').collect();
            if cells[3].eq_ignore_ascii_case("call") && !rejected.contains(&(i as u64 + 2)) {
                *calls_per_period.entry(cells[2][..7].to_string()).or_default() += 1;
            }
        }
        prop_assert_eq!(calls_per_period.values().sum::<u64>(),
            a.metrics.periods.iter().map(|p| p.company.figures.calls()).sum::<u64>());
        for p in &a.metrics.periods {
            let sum: u64 = p.reps.iter().map(|r| r.figures.calls_new + r.figures.calls_previous + r.figures.calls_engaged).sum();
            prop_assert_eq!(sum, calls_per_period.get(&p.label).copied().unwrap_or(0), "period {}", p.label);
            prop_assert_eq!(p.company.figures.calls(), sum);
        }
    }

    #[test]
    fn rows_read_equal_accepted_plus_rejected_for_every_file(w in world(false), parts in 1usize..4) {
        let dir = tempfile::tempdir().unwrap();
        write_world(dir.path(), &w, parts, 0);
        let a = analyse(dir.path()).unwrap();
        let mut rejected_per_file: BTreeMap<&str, u64> = BTreeMap::new();
        for r in &a.ingested.rejects {
            *rejected_per_file.entry(r.file.as_str()).or_default() += 1;
        }
        let mut total_read = 0;
        for f in &a.ingested.files {
            let c = f.counts.unwrap();
            prop_assert_eq!(c.read, c.accepted + c.rejected, "{}", f.file);
            prop_assert_eq!(c.rejected, rejected_per_file.get(f.file.as_str()).copied().unwrap_or(0));
            total_read += c.read;
        }
        let written = w.reps.len() + w.leads.len() + w.activities.len() + w.proposals.len();
        prop_assert_eq!(total_read, written as u64);
        let accepted: u64 = a.ingested.files.iter().map(|f| f.counts.unwrap().accepted).sum();
        prop_assert_eq!(accepted + a.ingested.rejects.len() as u64, written as u64);
    }

    #[test]
    fn same_rows_split_across_files_or_shuffled_give_same_figures(
        w in world(true), parts in 2usize..4, rotate in 0usize..50,
    ) {
        let one = tempfile::tempdir().unwrap();
        write_world(one.path(), &w, 1, 0);
        let split = tempfile::tempdir().unwrap();
        write_world(split.path(), &w, parts, rotate);
        prop_assert_eq!(
            String::from_utf8(metrics_bytes(one.path())).unwrap(),
            String::from_utf8(metrics_bytes(split.path())).unwrap()
        );
    }

    #[test]
    fn second_run_writes_identical_bytes(w in world(false)) {
        let data = tempfile::tempdir().unwrap();
        write_world(data.path(), &w, 2, 1);
        let out = tempfile::tempdir().unwrap();
        let site = out.path().join("site");
        let build = || {
            let status = command(["build", s(data.path()), "-o", s(&site)])
                .stderr(std::process::Stdio::null())
                .status().unwrap();
            assert!(status.success());
        };
        build();
        let first = files(&site);
        build();
        let second = files(&site);
        prop_assert!(!first.is_empty());
        prop_assert_eq!(first, second);
    }
}
