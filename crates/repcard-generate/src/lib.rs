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
mod lead;
mod names;
mod notes;
mod rows;

use anyhow::{Context, Result, bail};
use clock::{Month, month_grid};
use company::{RepProfile, build_reps, quota_for};
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
    /// First month, `YYYY-MM`.
    pub start: String,
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
    /// First and last month label.
    pub first_month: String,
    pub last_month: String,
}

const MAX_REPS: u32 = 100_000;
const MAX_MONTHS: u32 = 600;
const MAX_LEADS_PER_REP_MONTH: u32 = 100_000;

/// Parses `YYYY-MM` into (year, month).
fn parse_start(start: &str) -> Result<(i64, u32)> {
    let bad = || {
        anyhow::anyhow!(
            "--start {start:?} is not a month; expected YYYY-MM with a year from 1970 to 9999, e.g. 2025-05"
        )
    };
    let (y, m) = start.trim().split_once('-').ok_or_else(bad)?;
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
        let (year, month) = parse_start(&self.start)?;
        if year * 12 + i64::from(month) - 1 + i64::from(self.months) > 10_000 * 12 {
            bail!(
                "--start {} with --months {} runs past the year 9999",
                self.start,
                self.months
            );
        }
        Ok(month_grid(year, month, self.months))
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

/// Writes the synthetic company into `out_dir` (created if missing). Fails if the folder
/// already holds files, unless `overwrite` is set (then the generated folders are replaced).
pub fn generate(options: &Options, out_dir: &Path, overwrite: bool) -> Result<Summary> {
    let months = options.validate()?;
    prepare_folder(out_dir, overwrite)?;
    let mut company_rng = stream(options.seed, TAG_COMPANY, 0, 0);
    let company = names::COMPANIES[company_rng.random_range(0..names::COMPANIES.len())];
    let mut reps = build_reps(&mut company_rng, options.reps, options.teams, &months);
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
        let warm = [0.12, 0.06].get(mi).copied().unwrap_or(0.0);
        let units: Vec<lead::Unit> = reps
            .par_iter()
            .enumerate()
            .map(|(ri, rep)| {
                let mut rng = stream(options.seed, TAG_LEADS, mi as u64, ri as u64);
                lead::simulate(
                    &mut rng,
                    rep,
                    month,
                    horizon,
                    options.leads_per_rep_month,
                    warm,
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

    set_quotas(options.seed, &mut reps, &months, &stats);
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

/// Quotas as a manager sets them from history: each rep gets a round monthly figure they
/// reached in roughly 50–85 % of the settled months they worked (about two in three), kept
/// within a band around the company's typical month (half to two and a half times it), as
/// quota ladders of junior and senior reps are.
fn set_quotas(seed: u64, reps: &mut [RepProfile], months: &[Month], stats: &notes::History) {
    let won_of = |r: usize, rep: &RepProfile| -> Vec<i64> {
        // The first two months of the history, and a joiner's first month, are the pipeline
        // filling up; a manager would not set a quota from them.
        let settled = |mi: usize, m: &Month| {
            (mi >= 2 || months.len() <= 2)
                && rep.start_day.is_none_or(|s| s < m.first_day)
                && rep.employed_in(m)
        };
        let won: Vec<i64> = months
            .iter()
            .enumerate()
            .filter(|(mi, m)| settled(*mi, m))
            .map(|(mi, _)| stats.won(r, mi))
            .collect();
        if !won.is_empty() {
            return won;
        }
        months
            .iter()
            .enumerate()
            .filter(|(_, m)| rep.employed_in(m))
            .map(|(mi, _)| stats.won(r, mi))
            .collect()
    };
    let mut all: Vec<i64> = reps
        .iter()
        .enumerate()
        .flat_map(|(r, rep)| won_of(r, rep))
        .collect();
    all.sort_unstable();
    let typical = all
        .get(all.len() * 45 / 100)
        .copied()
        .unwrap_or(0)
        .max(500_000);
    for (r, rep) in reps.iter_mut().enumerate() {
        let mut rng = stream(seed, TAG_QUOTA, r as u64, 0);
        let hit_rate = rng.random_range(0.50..0.85);
        let own = quota_for(&won_of(r, rep), hit_rate);
        let banded = own.clamp(typical / 2, typical * 5 / 2);
        let step = if banded >= 2_000_000 { 100_000 } else { 50_000 };
        rep.quota_cents = Some((banded / step * step).max(100_000));
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
