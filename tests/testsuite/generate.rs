//! `repcard generate`: determinism, acceptance by the ingest, and the shape of the numbers.

use crate::support::files;
use crate::support::pipeline::{Analysis, analyse};
use repcard_generate::{Options, generate};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use tempfile::TempDir;

fn options(seed: u64) -> Options {
    Options {
        seed,
        reps: 12,
        teams: 3,
        months: 12,
        start: "2025-11".into(),
        leads_per_rep_month: 30,
    }
}

fn generated(seed: u64) -> (TempDir, BTreeMap<PathBuf, Vec<u8>>) {
    let dir = tempfile::tempdir().unwrap();
    generate(&options(seed), dir.path(), false).unwrap();
    let f = files(dir.path());
    (dir, f)
}

struct Sample {
    _dir: TempDir,
    analysis: Analysis,
}

/// One generated folder (seed 1), read back through the real ingest and metrics.
fn sample() -> &'static Sample {
    static SAMPLE: OnceLock<Sample> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        generate(&options(1), dir.path(), false).unwrap();
        let analysis = analyse(dir.path()).unwrap();
        Sample {
            _dir: dir,
            analysis,
        }
    })
}

#[test]
fn same_seed_and_options_give_identical_bytes_in_every_file() {
    let (_a, first) = generated(7);
    let (_b, second) = generated(7);
    assert!(
        first.len() > 30,
        "expected the whole folder, got {:?}",
        first.keys()
    );
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &first {
        assert!(
            bytes == &second[path],
            "{} differs between runs",
            path.display()
        );
    }
}

#[test]
fn different_seed_gives_different_bytes() {
    let (_a, first) = generated(7);
    let (_b, second) = generated(8);
    for table in [
        "reps.csv",
        "leads/2025-11.csv",
        "activities/2026-03.csv",
        "proposals/2026-03.csv",
    ] {
        let path = Path::new(table);
        assert_ne!(
            first[path], second[path],
            "{table} is the same for seeds 7 and 8"
        );
    }
}

#[test]
fn generated_folder_has_every_file_of_the_contract() {
    let (_dir, f) = generated(1);
    for table in ["leads", "activities", "proposals"] {
        for month in ["2025-11", "2025-12", "2026-06", "2026-10"] {
            assert!(
                f.contains_key(&PathBuf::from(format!("{table}/{month}.csv"))),
                "{table}/{month}.csv missing"
            );
        }
    }
    assert!(f.contains_key(Path::new("reps.csv")));
    assert!(f.contains_key(Path::new("repcard.toml")));
    let note = String::from_utf8(f[Path::new("notes/2026-10.md")].clone()).unwrap();
    assert!(note.starts_with("# October 2026"), "{note}");
    assert!(note.contains("\n- "), "the note has a bullet list: {note}");
}

#[test]
fn generated_folder_is_read_with_zero_rejects() {
    let a = &sample().analysis;
    assert!(
        a.ingested.rejects.is_empty(),
        "{:?}",
        &a.ingested.rejects[..a.ingested.rejects.len().min(5)]
    );
    assert!(a.ingested.warnings.is_empty(), "{:?}", a.ingested.warnings);
    assert!(a.config.title.ends_with("— sales team report"));
    let data = &a.ingested.dataset;
    assert_eq!(data.reps.len(), 12);
    let activities: u64 = a
        .ingested
        .table_counts()
        .get(&repcard_core::schema::Table::Activities)
        .map_or(0, |c| c.accepted);
    assert!(data.leads.len() > 3000 && activities > data.leads.len() as u64);
    assert_eq!(a.ingested.notes.len(), 1, "the last month's note is read");
}

#[test]
fn nothing_is_dated_outside_the_generated_months() {
    let a = &sample().analysis;
    let labels: Vec<&str> = a.metrics.periods.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(labels.first(), Some(&"2025-11"));
    assert_eq!(labels.last(), Some(&"2026-10"));
    assert_eq!(labels.len(), 12);
}

#[test]
fn calls_include_previous_leads_and_engaged_prospects() {
    let a = &sample().analysis;
    let sum = |f: fn(&repcard_metrics::Figures) -> u64| -> u64 {
        a.metrics
            .periods
            .iter()
            .map(|p| f(&p.company.figures))
            .sum()
    };
    let (new, previous, engaged) = (
        sum(|f| f.calls_new),
        sum(|f| f.calls_previous),
        sum(|f| f.calls_engaged),
    );
    assert!(
        previous > 0,
        "some dormant leads are revived (calls_previous > 0)"
    );
    assert!(engaged > 0, "engaged prospects get follow-up calls");
    assert!(
        new > previous,
        "most calls go to new leads: {new} vs {previous}"
    );
    let leads = sum(|f| f.leads_created);
    let engaged_leads = sum(|f| f.leads_engaged);
    let share = engaged_leads as f64 / leads as f64;
    assert!(
        (0.2..0.45).contains(&share),
        "about a third of leads get a meeting: {share}"
    );
    assert!(
        sum(|f| f.leads_qualified) < leads,
        "some leads are unqualified"
    );
}

#[test]
fn proposals_include_won_and_lost() {
    use repcard_core::model::ProposalStatus;
    let data = &sample().analysis.ingested.dataset;
    let count = |s| data.proposals.iter().filter(|p| p.status == s).count();
    assert!(count(ProposalStatus::Won) > 0);
    assert!(count(ProposalStatus::Lost) > 0);
    let (lo, hi) = (Decimal::from(2000), Decimal::from(100_000));
    assert!(
        data.proposals
            .iter()
            .all(|p| p.amount >= lo && p.amount <= hi)
    );
}

#[test]
fn share_of_rep_months_at_quota_is_between_35_and_85_percent() {
    let a = &sample().analysis;
    let (mut with_quota, mut reached) = (0u32, 0u32);
    for p in &a.metrics.periods {
        for r in &p.reps {
            if let Some(q) = r.quota.filter(|q| !q.is_zero()) {
                with_quota += 1;
                reached += u32::from(r.figures.won_value >= q);
            }
        }
    }
    let share = f64::from(reached) / f64::from(with_quota);
    assert!(
        (0.35..=0.85).contains(&share),
        "{reached} of {with_quota} rep-months"
    );
}

#[test]
fn a_minority_of_reps_make_eighty_percent_of_won_value() {
    let a = &sample().analysis;
    let mut won = vec![Decimal::ZERO; a.ingested.dataset.reps.len()];
    for p in &a.metrics.periods {
        for r in &p.reps {
            won[r.rep as usize] += r.figures.won_value;
        }
    }
    let k = repcard_metrics::groups::concentration(&won).unwrap();
    let share = k as f64 / won.len() as f64;
    assert!((0.15..=0.45).contains(&share), "{k} of {} reps", won.len());
}

#[test]
fn touches_are_mostly_one_or_two_but_some_reach_five() {
    let a = &sample().analysis;
    let target = a.metrics.follow_up_target as usize;
    assert_eq!(target, 5);
    let mut dist = vec![0u64; target + 1];
    for p in &a.metrics.periods {
        for (d, v) in dist.iter_mut().zip(&p.company.figures.touch_distribution) {
            *d += v;
        }
    }
    let one_or_two = dist[1] + dist[2];
    let five_plus = dist[target];
    assert!(one_or_two > five_plus, "{dist:?}");
    assert!(five_plus > 0, "{dist:?}");
}

#[test]
fn bad_options_give_an_error_naming_the_option() {
    let dir = tempfile::tempdir().unwrap();
    type Breakage = fn(&mut Options);
    let cases: [(&str, Breakage); 7] = [
        ("--start", |o| o.start = "2025-13".into()),
        ("--start", |o| o.start = "May 2025".into()),
        ("--start", |o| o.start = "25-05".into()),
        ("--reps", |o| o.reps = 0),
        ("--teams", |o| o.teams = 0),
        ("--teams", |o| o.teams = 13),
        ("--months", |o| o.months = 0),
    ];
    for (option, break_it) in cases {
        let mut o = options(1);
        break_it(&mut o);
        let err = generate(&o, &dir.path().join("out"), false).unwrap_err();
        assert!(format!("{err:#}").contains(option), "{o:?}: {err:#}");
        assert!(
            !dir.path().join("out").exists(),
            "nothing is written for {o:?}"
        );
    }
}

#[test]
fn a_folder_with_files_is_refused_without_force() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("keep.txt"), "mine").unwrap();
    let err = generate(&options(1), dir.path(), false).unwrap_err();
    assert!(format!("{err:#}").contains("--force"), "{err:#}");
    generate(&options(1), dir.path(), true).unwrap();
    assert_eq!(
        std::fs::read_to_string(dir.path().join("keep.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn every_row_is_in_the_file_of_its_month() {
    let (_dir, f) = generated(1);
    for (path, bytes) in &f {
        let (Some(folder), Some(stem)) = (path.parent(), path.file_stem()) else {
            continue;
        };
        let column = match folder.to_str() {
            Some("leads") => 2,
            Some("activities") | Some("proposals") => 3,
            _ => continue,
        };
        let label = stem.to_str().unwrap();
        let text = std::str::from_utf8(bytes).unwrap();
        for line in text.lines().skip(1) {
            let at = line.split(',').nth(column).unwrap();
            assert!(at.starts_with(label), "{}: {line}", path.display());
        }
    }
}
