//! Generate: a realistic synthetic company's CRM exports, byte-for-byte the same for the same
//! seed and options. Outside the product path: the sample `data/`, tests and benchmarks.
//!
//! Offers: [`generate`] with its [`Options`].
//!
//! The history is simulated one creation month at a time. Within a month every rep's leads
//! are simulated in parallel, each (month, rep) on its own ChaCha8 stream keyed by the seed,
//! so the output never depends on thread scheduling. A lead's calls, meetings and proposal
//! are simulated with it and appended to the files of the months they fall in.

#![warn(unreachable_pub)]

mod clock;
mod company;
mod deals;
mod flaws;
mod lead;
mod names;
mod notes;
mod pace;
mod rows;

use anyhow::{Context, Result, bail};
use clock::{Month, month_grid};
use company::{RepProfile, build_reps, round_quota};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use rows::{ACTIVITIES_HEADER, IdCounters, LEADS_HEADER, PROPOSALS_HEADER, month_text};
use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::Path;

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    /// Random seed.
    pub seed: u64,
    /// Number of reps (at least 1).
    pub reps: u32,
    /// Number of teams (1 to `reps`).
    pub teams: u32,
    /// Months of history (at least 1).
    pub months: u32,
    /// Last month, `YYYY-MM`: the history ends there, never in the future of the sample.
    pub end: String,
    /// Average new leads per rep and month.
    pub leads_per_rep_month: u32,
}

/// What was written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files written (CSV, settings and note).
    pub files: u64,
    /// Rows of each table.
    pub reps: u64,
    pub leads: u64,
    pub activities: u64,
    pub proposals: u64,
    /// Bad rows written besides those, as real exports have them (rejected on reading).
    pub bad_rows: u64,
    /// First and last month label.
    pub first_month: String,
    pub last_month: String,
}

const MAX_REPS: u32 = 100_000;
const MAX_MONTHS: u32 = 600;
const MAX_LEADS_PER_REP_MONTH: u32 = 100_000;

/// Parses `--end`'s `YYYY-MM` into (year, month).
fn parse_end(end: &str) -> Result<(i64, u32)> {
    let bad = || {
        anyhow::anyhow!(
            "--end {end:?} is not a month; expected YYYY-MM with a year from 1970 to 9999, e.g. 2026-10"
        )
    };
    let (y, m) = end.trim().split_once('-').ok_or_else(bad)?;
    if y.len() != 4 || m.len() != 2 || !(y.bytes().chain(m.bytes())).all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let (year, month): (i64, u32) = (y.parse()?, m.parse()?);
    if year < 1970 || !(1..=12).contains(&month) {
        return Err(bad());
    }
    Ok((year, month))
}

impl Options {
    /// Checks every option and returns the month grid; the error says what is expected.
    pub fn validate(&self) -> Result<Vec<Month>> {
        if !(1..=MAX_REPS).contains(&self.reps) {
            bail!(
                "--reps {} is out of range; expected 1 to {MAX_REPS}",
                self.reps
            );
        }
        if !(1..=self.reps).contains(&self.teams) {
            bail!(
                "--teams {} is out of range; expected 1 to the number of reps ({})",
                self.teams,
                self.reps
            );
        }
        if !(1..=MAX_MONTHS).contains(&self.months) {
            bail!(
                "--months {} is out of range; expected 1 to {MAX_MONTHS}",
                self.months
            );
        }
        if !(1..=MAX_LEADS_PER_REP_MONTH).contains(&self.leads_per_rep_month) {
            bail!(
                "--leads-per-rep-month {} is out of range; expected 1 to {MAX_LEADS_PER_REP_MONTH}",
                self.leads_per_rep_month
            );
        }
        let (year, month) = parse_end(&self.end)?;
        let first = year * 12 + i64::from(month) - i64::from(self.months);
        if first < 1970 * 12 {
            bail!(
                "--end {} with --months {} starts before 1970; choose fewer months or a later end",
                self.end,
                self.months
            );
        }
        Ok(month_grid(
            first.div_euclid(12),
            first.rem_euclid(12) as u32 + 1,
            self.months,
        ))
    }
}

/// The random stream of one unit of work: ChaCha8 keyed by the seed, a domain tag and the
/// unit's coordinates, so that every unit's draws are independent of every other's.
fn stream(seed: u64, tag: u8, a: u64, b: u64) -> ChaCha8Rng {
    let mut key = [0u8; 32];
    key[..8].copy_from_slice(&seed.to_le_bytes());
    key[8] = tag;
    key[16..24].copy_from_slice(&a.to_le_bytes());
    key[24..32].copy_from_slice(&b.to_le_bytes());
    ChaCha8Rng::from_seed(key)
}

const TAG_COMPANY: u8 = 1;
const TAG_LEADS: u8 = 2;
const TAG_QUOTA: u8 = 3;
const TAG_FLAWS: u8 = 4;
const TAG_PILOT: u8 = 5;

/// Writes the synthetic company into `out_dir` (created if missing). Fails if the folder
/// already holds files, unless `overwrite` is set (then the generated folders are replaced).
pub fn generate(options: &Options, out_dir: &Path, overwrite: bool) -> Result<Summary> {
    let months = options.validate()?;
    prepare_folder(out_dir, overwrite)?;
    let mut company_rng = stream(options.seed, TAG_COMPANY, 0, 0);
    let company = names::COMPANIES[company_rng.random_range(0..names::COMPANIES.len())];
    let mut reps = build_reps(&mut company_rng, options.reps, options.teams, &months);
    set_quotas(options, &mut reps, &months);
    let horizon = months.last().map_or(0, |m| m.end() - 1);

    let mut files = 0u64;
    for (folder, header) in [
        ("leads", LEADS_HEADER),
        ("activities", ACTIVITIES_HEADER),
        ("proposals", PROPOSALS_HEADER),
    ] {
        let dir = out_dir.join(folder);
        fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        for m in &months {
            let path = dir.join(format!("{}.csv", m.label));
            fs::write(&path, header).with_context(|| format!("cannot write {}", path.display()))?;
            files += 1;
        }
    }

    let expected = u64::from(options.reps)
        * u64::from(options.months)
        * u64::from(options.leads_per_rep_month);
    let mut ids = IdCounters::for_expected_leads(expected);
    let mut stats = notes::History::new(reps.len(), months.len());
    let mut summary = Summary {
        reps: reps.len() as u64,
        first_month: months.first().map(|m| m.label.clone()).unwrap_or_default(),
        last_month: months.last().map(|m| m.label.clone()).unwrap_or_default(),
        ..Summary::default()
    };
    for (mi, month) in months.iter().enumerate() {
        // Deals already in progress when the CRM went live are entered in its first weeks.
        let warm = [0.35, 0.05].get(mi).copied().unwrap_or(0.0);
        let units: Vec<lead::Unit> = reps
            .par_iter()
            .enumerate()
            .map(|(ri, rep)| {
                let mut rng = stream(options.seed, TAG_LEADS, mi as u64, ri as u64);
                let quota = rep.quota_cents.unwrap_or(0);
                let mut pace = pace::Pace::new(quota, &months, stats.won_row(ri));
                lead::simulate(
                    &mut rng,
                    rep,
                    month,
                    horizon,
                    options.leads_per_rep_month,
                    warm,
                    &mut pace,
                )
            })
            .collect();
        let text = month_text(&units, &reps, &months, &mut ids);
        drop(units);
        append(out_dir, "leads", &months[mi], &text.leads)?;
        for (m, buf) in &text.activities {
            append(out_dir, "activities", &months[*m], buf)?;
        }
        for (m, buf) in &text.proposals {
            append(out_dir, "proposals", &months[*m], buf)?;
        }
        summary.leads += text.lead_rows;
        summary.activities += text.activity_rows;
        summary.proposals += text.proposal_rows;
        stats.add(&text);
    }

    let mut flaw_rng = stream(options.seed, TAG_FLAWS, 0, 0);
    summary.bad_rows = flaws::plant(&mut flaw_rng, out_dir, &months, reps.len(), &ids)?.rows;
    write_reps(out_dir, &reps)?;
    notes::write_settings(out_dir, company)?;
    notes::write_note(out_dir, &reps, &months, &stats)?;
    summary.files = files + 3;
    Ok(summary)
}

/// Creates `out_dir`; refuses a folder with files in it unless `overwrite`, in which case the
/// generated table folders are removed first so no month of an earlier run lingers.
fn prepare_folder(out_dir: &Path, overwrite: bool) -> Result<()> {
    if out_dir.exists() {
        let mut entries =
            fs::read_dir(out_dir).with_context(|| format!("cannot read {}", out_dir.display()))?;
        if entries.next().is_some() {
            if !overwrite {
                bail!(
                    "{} is not empty; choose a new or empty folder, or pass --force to replace the generated files in it",
                    out_dir.display()
                );
            }
            for folder in ["leads", "activities", "proposals"] {
                let dir = out_dir.join(folder);
                if dir.exists() {
                    fs::remove_dir_all(&dir)
                        .with_context(|| format!("cannot remove {}", dir.display()))?;
                }
            }
        }
    }
    fs::create_dir_all(out_dir).with_context(|| format!("cannot create {}", out_dir.display()))
}

fn append(out_dir: &Path, folder: &str, month: &Month, bytes: &[u8]) -> Result<()> {
    let path = out_dir.join(folder).join(format!("{}.csv", month.label));
    let mut file = OpenOptions::new()
        .append(true)
        .open(&path)
        .with_context(|| format!("cannot open {}", path.display()))?;
    file.write_all(bytes)
        .with_context(|| format!("cannot write {}", path.display()))
}

/// Cohorts of leads simulated per rep to learn what the rep wins in a typical month.
const PILOT_COHORTS: u64 = 16;

/// Quotas as a manager sets them from a rep's track record: what the rep wins from a
/// typical month's leads (learned from [`PILOT_COHORTS`] trial cohorts on their own random
/// streams, every deal followed to its end), set on a ladder (see below) and rounded. So the
/// company lands a little above its combined quota and about half the reps reach theirs in a
/// month.
fn set_quotas(options: &Options, reps: &mut [RepProfile], months: &[Month]) {
    let Some(month) = months.last() else {
        return;
    };
    let horizon = month.end() + 400 * clock::DAY;
    let typical: Vec<f64> = reps
        .par_iter()
        .enumerate()
        .map(|(ri, rep)| {
            let mut steady = rep.clone();
            (steady.start_day, steady.end_day) = (None, None);
            let won: i64 = (0..PILOT_COHORTS)
                .map(|k| {
                    let mut rng = stream(options.seed, TAG_PILOT, ri as u64, k);
                    let unit = lead::simulate(
                        &mut rng,
                        &steady,
                        month,
                        horizon,
                        options.leads_per_rep_month,
                        0.0,
                        &mut pace::Pace::none(),
                    );
                    unit.proposals
                        .iter()
                        .filter(|p| p.status == lead::Status::Won)
                        .map(|p| p.cents)
                        .sum::<i64>()
                })
                .sum();
            won as f64 / PILOT_COHORTS as f64
        })
        .collect();
    // A quota ladder, not a mirror: each rep's quota is the geometric mean of their own
    // typical month and the median rep's, so the best reps beat theirs and the weakest
    // miss, while the quotas add up to 0.85–1.0 of what the company typically wins.
    let mut sorted: Vec<f64> = typical.clone();
    sorted.sort_by(f64::total_cmp);
    let median = sorted
        .get(sorted.len() / 2)
        .copied()
        .unwrap_or(0.0)
        .max(1.0);
    let ladder: Vec<f64> = typical
        .iter()
        .map(|t| (t.max(0.0) * median).sqrt())
        .collect();
    let scale = typical.iter().sum::<f64>() / ladder.iter().sum::<f64>().max(1.0);
    for (ri, (rep, step)) in reps.iter_mut().zip(ladder).enumerate() {
        let mut rng = stream(options.seed, TAG_QUOTA, ri as u64, 0);
        let stretch = rng.random_range(0.85..1.0);
        rep.quota_cents = Some(round_quota((step * scale * stretch) as i64));
    }
}

fn write_reps(out_dir: &Path, reps: &[RepProfile]) -> Result<()> {
    let path = out_dir.join("reps.csv");
    let mut w = csv::Writer::from_path(&path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    w.write_record([
        "rep_id",
        "name",
        "team",
        "monthly_quota",
        "start_date",
        "end_date",
    ])?;
    let date = |day: Option<i64>| {
        day.map(|d| {
            let mut buf = Vec::new();
            clock::StampWriter::default().push_date(&mut buf, d);
            String::from_utf8(buf).unwrap_or_default()
        })
        .unwrap_or_default()
    };
    for rep in reps {
        let mut quota = Vec::new();
        if let Some(cents) = rep.quota_cents {
            clock::push_money(&mut quota, cents);
        }
        w.write_record([
            rep.id.as_bytes(),
            rep.name.as_bytes(),
            rep.team.as_bytes(),
            &quota,
            date(rep.start_day).as_bytes(),
            date(rep.end_day).as_bytes(),
        ])?;
    }
    w.flush()
        .with_context(|| format!("cannot write {}", path.display()))
}
