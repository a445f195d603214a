//! Property tests over random small companies: invariants the contract promises for any input.

use proptest::prelude::*;
use repcard::cmd::analyse;
use repcard::model::ActivityType;
use repcard::report::exports::metrics_csv;
use std::collections::BTreeMap;
use std::path::Path;

/// One random company as CSV rows (without headers), ids unique so no duplicate competes.
#[derive(Debug, Clone)]
struct World {
    reps: Vec<String>,
    leads: Vec<String>,
    activities: Vec<String>,
    proposals: Vec<String>,
}

const REPS_HEADER: &str = "rep_id,name,team,monthly_quota";
const LEADS_HEADER: &str = "lead_id,rep_id,created_at,qualified";
const ACTIVITIES_HEADER: &str = "rep_id,lead_id,at,type";
const PROPOSALS_HEADER: &str = "proposal_id,rep_id,created_at,amount,status,closed_at";

fn stamp(day: u32, minute: u32) -> String {
    let date = jiff::civil::date(2026, 1, 1) + jiff::Span::new().days(i64::from(day));
    format!("{date} {:02}:{:02}", minute / 60 % 24, minute % 60)
}

fn world(valid_only: bool) -> impl Strategy<Value = World> {
    let rep_count = 1usize..4;
    (rep_count, 0usize..12, 0usize..40, 0usize..8).prop_flat_map(move |(nr, nl, na, np)| {
        let rep_ix = 0..nr + usize::from(!valid_only); // one index past the end = unknown rep
        let lead_ix = 0..nl.max(1) + usize::from(!valid_only);
        let kinds = if valid_only {
            prop::sample::select(vec!["call", "call", "meeting", "email"])
        } else {
            prop::sample::select(vec![
                "call", "call", "meeting", "email", "CALL", "visit", "",
            ])
        };
        let stamps = (0u32..200, 0u32..1440);
        let cent = 0i64..5_000_000;
        (
            Just(nr),
            prop::collection::vec((rep_ix.clone(), stamps.clone(), any::<bool>()), nl),
            prop::collection::vec((rep_ix.clone(), lead_ix, stamps.clone(), kinds), na),
            prop::collection::vec((rep_ix, stamps.clone(), cent, 0u8..3, 0u32..60), np),
            any::<bool>(),
        )
            .prop_map(move |(nr, leads, acts, props, garble)| {
                let rep_id = |i: usize| {
                    if i < nr {
                        format!("r{i}")
                    } else {
                        "nobody".into()
                    }
                };
                let reps = (0..nr)
                    .map(|i| format!("r{i},Rep {i},T{},{}", i % 2, 1000 * (i + 1)))
                    .collect();
                let leads_rows: Vec<String> = leads
                    .iter()
                    .enumerate()
                    .map(|(i, (r, (d, m), q))| {
                        format!("L{i},{},{},{}", rep_id(*r), stamp(*d, *m), q)
                    })
                    .collect();
                let n_leads = leads_rows.len();
                let activities = acts
                    .iter()
                    .enumerate()
                    .map(|(i, (r, l, (d, m), k))| {
                        let lead = if *l < n_leads {
                            format!("L{l}")
                        } else {
                            "ghost".into()
                        };
                        let at = if garble && !valid_only && i % 7 == 3 {
                            "2026-02-30".into()
                        } else {
                            stamp(*d, *m)
                        };
                        format!("{},{lead},{at},{k}", rep_id(*r))
                    })
                    .collect();
                let proposals = props
                    .iter()
                    .enumerate()
                    .map(|(i, (r, (d, m), cents, status, close_after))| {
                        let status = ["open", "won", "lost"][*status as usize];
                        let closed = if status == "open" {
                            String::new()
                        } else {
                            stamp(d + close_after, *m)
                        };
                        let amount = format!("{}.{:02}", cents / 100, cents % 100);
                        format!(
                            "P{i},{},{},{amount},{status},{closed}",
                            rep_id(*r),
                            stamp(*d, *m)
                        )
                    })
                    .collect();
                World {
                    reps,
                    leads: leads_rows,
                    activities,
                    proposals,
                }
            })
    })
}

fn write(dir: &Path, rel: &str, header: &str, rows: &[String]) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut text = String::from(header);
    text.push('\n');
    for r in rows {
        text.push_str(r);
        text.push('\n');
    }
    std::fs::write(path, text).unwrap();
}

/// Writes the world with each table split into `parts` files (rows dealt round-robin after
/// rotating by `rotate`, which also shuffles their order across files).
fn write_world(dir: &Path, w: &World, parts: usize, rotate: usize) {
    let tables: [(&str, &str, &Vec<String>); 4] = [
        ("reps", REPS_HEADER, &w.reps),
        ("leads", LEADS_HEADER, &w.leads),
        ("activities", ACTIVITIES_HEADER, &w.activities),
        ("proposals", PROPOSALS_HEADER, &w.proposals),
    ];
    for (name, header, rows) in tables {
        let mut rows = rows.clone();
        if !rows.is_empty() {
            let k = rotate % rows.len();
            rows.rotate_left(k);
        }
        if parts <= 1 {
            write(dir, &format!("{name}.csv"), header, &rows);
        } else {
            for p in 0..parts {
                let chunk: Vec<String> = rows.iter().skip(p).step_by(parts).cloned().collect();
                write(dir, &format!("{name}/part-{p}.csv"), header, &chunk);
            }
        }
    }
}

fn metrics_bytes(dir: &Path) -> Vec<u8> {
    let a = analyse(dir, None).unwrap();
    metrics_csv(&a.ingested.dataset, &a.metrics).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn every_valid_call_lands_in_exactly_one_call_metric(w in world(false)) {
        let dir = tempfile::tempdir().unwrap();
        write_world(dir.path(), &w, 1, 0);
        let a = analyse(dir.path(), None).unwrap();
        let cal = a.config.calendar;
        let mut calls_per_period: BTreeMap<i32, u64> = BTreeMap::new();
        for act in &a.ingested.dataset.activities {
            if act.kind == ActivityType::Call {
                *calls_per_period.entry(cal.period_of(act.at.date).index).or_default() += 1;
            }
        }
        for p in &a.metrics.periods {
            let sum: u64 = p.reps.iter().map(|r| r.figures.calls_new + r.figures.calls_previous + r.figures.calls_engaged).sum();
            prop_assert_eq!(sum, calls_per_period.get(&p.period.index).copied().unwrap_or(0), "period {}", p.label);
            prop_assert_eq!(p.company.figures.calls(), sum);
        }
    }

    #[test]
    fn rows_read_equal_accepted_plus_rejected_for_every_file(w in world(false), parts in 1usize..4) {
        let dir = tempfile::tempdir().unwrap();
        write_world(dir.path(), &w, parts, 0);
        let a = analyse(dir.path(), None).unwrap();
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
        let d = &a.ingested.dataset;
        let accepted = d.reps.len() + d.leads.len() + d.activities.len() + d.proposals.len();
        prop_assert_eq!(accepted as u64 + a.ingested.rejects.len() as u64, written as u64);
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
        let snapshot = |site: &Path| -> BTreeMap<String, Vec<u8>> {
            walkdir::WalkDir::new(site)
                .sort_by_file_name()
                .into_iter()
                .map(Result::unwrap)
                .filter(|e| e.file_type().is_file())
                .map(|e| (e.path().strip_prefix(site).unwrap().display().to_string(), std::fs::read(e.path()).unwrap()))
                .collect()
        };
        let build = || {
            let status = std::process::Command::new(env!("CARGO_BIN_EXE_repcard"))
                .arg("build").arg(data.path()).arg("-o").arg(&site)
                .stderr(std::process::Stdio::null())
                .status().unwrap();
            assert!(status.success());
        };
        build();
        let first = snapshot(&site);
        build();
        let second = snapshot(&site);
        prop_assert!(!first.is_empty());
        prop_assert_eq!(first, second);
    }
}
