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
        end: "2026-10".into(),
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
    analysis: Analysis,
}

/// One generated folder (seed 1), read back through the real ingest and metrics.
fn sample() -> &'static Sample {
    static SAMPLE: OnceLock<Sample> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        generate(&options(1), dir.path(), false).unwrap();
        let mut analysis = analyse(dir.path()).unwrap();
        // A static is never dropped: the activities' scratch folder and the generated folder
        // are removed now, or they would stay in TMPDIR after every run of the suite.
        drop(std::mem::take(&mut analysis.ingested.activities));
        drop(dir);
        Sample { analysis }
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
fn generated_folder_has_a_few_realistic_bad_rows_and_nothing_else_rejected() {
    use repcard_core::schema::Reason;
    let a = &sample().analysis;
    let mut reasons: Vec<(String, Reason)> = a
        .ingested
        .rejects
        .iter()
        .map(|r| (r.file.clone(), r.reason))
        .collect();
    reasons.sort_by(|x, y| x.0.cmp(&y.0));
    // In the first 30-day month from two thirds into the 12 months (2026-09) a mistyped
    // date and a call by a rep who is not in reps.csv; the month before, a lead line and an
    // activity line exported twice.
    assert_eq!(
        reasons,
        [
            ("activities/2026-08.csv".to_string(), Reason::DuplicateId),
            ("activities/2026-09.csv".to_string(), Reason::UnknownRep),
            ("leads/2026-08.csv".to_string(), Reason::DuplicateId),
            ("leads/2026-09.csv".to_string(), Reason::BadTimestamp),
        ]
    );
    let typo = &a.ingested.rejects[3];
    assert!(typo.detail.contains("2026-09-31"), "{}", typo.detail);
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
    let (lo, hi) = (Decimal::from(1500), Decimal::from(400_000));
    assert!(
        data.proposals
            .iter()
            .all(|p| p.amount >= lo && p.amount <= hi)
    );
}

#[test]
fn deal_sizes_are_skewed_with_no_amount_piling_up_at_a_cap() {
    let data = &sample().analysis.ingested.dataset;
    let mut amounts: Vec<Decimal> = data.proposals.iter().map(|p| p.amount).collect();
    amounts.sort();
    let mut most = 0;
    for run in amounts.chunk_by(|a, b| a == b) {
        most = most.max(run.len());
    }
    assert!(
        most * 50 <= amounts.len(),
        "{most} of {} proposals share one amount (more than 2 %)",
        amounts.len()
    );
    // Skewed: the mean is above the median, and the largest deal is several times it.
    let median = amounts[amounts.len() / 2];
    let mean = amounts.iter().sum::<Decimal>() / Decimal::from(amounts.len());
    assert!(mean > median, "mean {mean} vs median {median}");
    assert!(amounts[amounts.len() - 1] > median * Decimal::from(3));
}

/// Company attainment (won value / combined quota) per period, and the share of reps with a
/// quota who reached it, from the real metrics.
fn attainment_by_period(a: &Analysis) -> Vec<(String, Decimal, f64)> {
    a.metrics
        .periods
        .iter()
        .map(|p| {
            let h = &p.company.headline;
            (
                p.label.clone(),
                p.company.quota_attainment.unwrap(),
                h.reps_at_quota as f64 / h.reps_with_quota as f64,
            )
        })
        .collect()
}

fn assert_believable(a: &Analysis, who: &str) {
    let periods = attainment_by_period(a);
    let (lo, hi) = (Decimal::new(50, 2), Decimal::new(160, 2));
    for (label, attainment, _) in &periods {
        assert!(
            (lo..=hi).contains(attainment),
            "{who}: company attainment {attainment} in {label}: {periods:?}"
        );
    }
    let typical = periods
        .iter()
        .filter(|(_, _, share)| (0.25..=0.85).contains(share))
        .count();
    assert!(
        typical * 3 >= periods.len() * 2,
        "{who}: 25–85 % of reps reach quota in only {typical} of {} periods: {periods:?}",
        periods.len()
    );
}

#[test]
fn company_attainment_stays_between_50_and_160_percent_in_every_period() {
    assert_believable(&sample().analysis, "12 reps");
}

#[test]
fn a_large_company_is_believable_too() {
    let dir = tempfile::tempdir().unwrap();
    let o = Options {
        reps: 200,
        teams: 8,
        months: 6,
        ..options(3)
    };
    generate(&o, dir.path(), false).unwrap();
    assert_believable(&analyse(dir.path()).unwrap(), "200 reps");
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
fn a_few_top_reps_make_most_of_the_won_value() {
    let a = &sample().analysis;
    let mut won = vec![Decimal::ZERO; a.ingested.dataset.reps.len()];
    for p in &a.metrics.periods {
        for r in &p.reps {
            won[r.rep as usize] += r.figures.won_value;
        }
    }
    won.sort_by(|x, y| y.cmp(x));
    let total: Decimal = won.iter().sum();
    let quarter: Decimal = won[..won.len() / 4].iter().sum();
    let half: Decimal = won[..won.len() / 2].iter().sum();
    // The top quarter makes well over its even share (25 %), the top half most of it.
    assert!(
        quarter * Decimal::from(100) >= total * Decimal::from(38),
        "{won:?}"
    );
    assert!(
        half * Decimal::from(100) >= total * Decimal::from(65),
        "{won:?}"
    );
    // But nobody is a one-person company.
    assert!(
        won[0] * Decimal::from(100) <= total * Decimal::from(35),
        "{won:?}"
    );
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
    let cases: [(&str, Breakage); 8] = [
        ("--end", |o| o.end = "2026-13".into()),
        ("--end", |o| o.end = "May 2026".into()),
        ("--end", |o| o.end = "26-10".into()),
        ("--end", |o| o.end = "1970-06".into()),
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

#[test]
fn history_runs_up_to_the_end_month_never_past_it() {
    // 24 months ending in 2026-10: the first is 2024-11 and nothing is dated after October.
    let dir = tempfile::tempdir().unwrap();
    let o = Options {
        months: 24,
        leads_per_rep_month: 3,
        ..options(1)
    };
    let s = generate(&o, dir.path(), false).unwrap();
    assert_eq!(
        (s.first_month.as_str(), s.last_month.as_str()),
        ("2024-11", "2026-10")
    );
    let a = analyse(dir.path()).unwrap();
    assert_eq!(a.metrics.periods.last().unwrap().label, "2026-10");
}

#[test]
fn committed_sample_is_generate_with_the_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("data");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_repcard"))
        .arg("generate")
        .arg(&out)
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let ours = files(&out);
    let committed = files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data"));
    assert_eq!(
        ours.keys().collect::<Vec<_>>(),
        committed.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &ours {
        assert!(
            bytes == &committed[path],
            "data/{} differs from `repcard generate data`; regenerate the sample",
            path.display()
        );
    }
}
