//! Metrics: typed rows in, figures out. Pure: no I/O, no formatting. Depends on
//! `repcard-core` only.
//!
//! Offers: [`compute`] (rows and an `ActivitySource` → [`Metrics`]: per period, every rep's
//! [`Figures`], team and company roll-ups, the headline answers), and the derived views every
//! output shares: [`ranking`] (leaderboards, concentration curves), [`compare`] (changes
//! against earlier periods), [`coaching`] (who needs help, and with what), [`groups`] and
//! [`calls`] (the one call classification). `§` numbers in comments cite
//! `docs/contract.md`.

#![warn(unreachable_pub)]

pub mod calls;
pub mod coaching;
pub mod compare;
pub mod figures;
pub mod groups;
pub mod origins;
mod quota;
pub mod ranking;

use calls::{CallCategory, classify_call, is_touch};
pub use figures::Figures;
pub use groups::{Group, Headline};
use jiff::civil::Date;
use repcard_core::ActivitySource;
use repcard_core::config::{Config, ScoreBands};
use repcard_core::model::{Activity, ActivityType, Dataset, LeadIx, Money, ProposalStatus, RepIx};
use repcard_core::period::{Calendar, Period};
use rust_decimal::Decimal;
use std::sync::Mutex;
use std::sync::atomic::{AtomicI64, AtomicU32, Ordering};

/// The settings metrics depend on.
#[derive(Debug, Clone)]
pub struct Rules {
    /// How dates map to periods.
    pub calendar: Calendar,
    /// The new-lead window in days of 24 h.
    pub new_lead_window_days: u32,
    /// The follow-up depth reps are held to.
    pub follow_up_target: u32,
    /// How lead scores are grouped.
    pub score_bands: ScoreBands,
}

impl From<&Config> for Rules {
    fn from(c: &Config) -> Rules {
        Rules {
            calendar: c.calendar,
            new_lead_window_days: c.new_lead_window_days,
            follow_up_target: c.follow_up_target,
            score_bands: c.score_bands.clone(),
        }
    }
}

/// One rep's row in one period (a row of `metrics.csv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepPeriod {
    /// The rep.
    pub rep: RepIx,
    /// What was credited to the rep.
    pub figures: Figures,
    /// The period's quota; `None` when the rep has no quota.
    pub quota: Option<Money>,
    /// `won_value / quota`, four places; `None` without a quota or with a quota of 0.
    pub quota_attainment: Option<Decimal>,
}

/// Everything about one period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodFigures {
    /// The period.
    pub period: Period,
    /// Its label (`2026-10`).
    pub label: String,
    /// Every rep active in the period, sorted by `rep_id`.
    pub reps: Vec<RepPeriod>,
    /// Each team's roll-up, sorted by team name (reps without a team form the team "").
    pub teams: Vec<Group>,
    /// The whole company.
    pub company: Group,
}

/// All periods' figures, oldest first, contiguous.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Metrics {
    /// The rules they were computed with.
    pub follow_up_target: u32,
    /// One entry per period from the earliest to the latest dated row.
    pub periods: Vec<PeriodFigures>,
    /// Lead sources and score bands per period; `None` when the figures were read from a
    /// metrics file, which has no lead rows.
    pub origins: Option<origins::Origins>,
}

impl Metrics {
    /// The figures of a period, if it is in range.
    pub fn period(&self, p: Period) -> Option<&PeriodFigures> {
        let first = self.periods.first()?.period.index;
        let i = usize::try_from(p.index - first).ok()?;
        self.periods.get(i)
    }
}

impl PeriodFigures {
    /// One rep's row in this period, if the rep was active.
    pub fn rep(&self, rep: RepIx) -> Option<&RepPeriod> {
        self.reps.iter().find(|r| r.rep == rep)
    }
}

/// What the first pass over the activities (their meetings) learns: each lead's engagement
/// time E(L). Shared by the threads of the pass.
struct FirstPass {
    /// E(L) per lead index (`i64::MAX` = never engaged).
    engaged: Vec<AtomicI64>,
}

impl FirstPass {
    fn new(leads: usize) -> FirstPass {
        FirstPass {
            engaged: (0..leads).map(|_| AtomicI64::new(i64::MAX)).collect(),
        }
    }

    /// Takes in a batch of accepted meetings (anything else in it is passed over).
    fn observe(&self, batch: &[Activity]) {
        for a in batch {
            if a.kind == ActivityType::Meeting {
                self.engaged[a.lead as usize].fetch_min(a.at.instant, Ordering::Relaxed);
            }
        }
    }

    /// E(L): the instant of the lead's earliest meeting, `None` if it never had one.
    fn engaged_at(&self, lead: LeadIx) -> Option<i64> {
        let e = self.engaged[lead as usize].load(Ordering::Relaxed);
        (e != i64::MAX).then_some(e)
    }
}

/// The dates that span the period range: every accepted row's date (§3, last paragraph).
fn date_range(data: &Dataset, activities: Option<(Date, Date)>) -> Option<(Date, Date)> {
    let dates = data
        .leads
        .iter()
        .map(|l| l.created.date)
        .chain(activities.into_iter().flat_map(|(lo, hi)| [lo, hi]))
        .chain(data.proposals.iter().map(|p| p.created.date))
        .chain(
            data.proposals
                .iter()
                .filter_map(|p| p.closed.map(|c| c.date)),
        );
    dates.fold(None, |acc, d| match acc {
        None => Some((d, d)),
        Some((lo, hi)) => Some((lo.min(d), hi.max(d))),
    })
}

/// Call and meeting counts of one (period, rep) slot, tallied by the second pass.
#[derive(Debug, Clone, Copy, Default)]
struct ActivityTally {
    calls_new: u64,
    calls_previous: u64,
    calls_engaged: u64,
    meetings: u64,
}

/// Counts over `0..items` into a zeroed `Vec<u64>` of length `len`: `count` tallies one range
/// of items into its own vector, the ranges run on every core, and their vectors are added.
/// Sums of counts do not depend on the order, so the result is the same on any machine.
pub(crate) fn in_chunks(
    items: usize,
    len: usize,
    count: impl Fn(&mut [u64], std::ops::Range<usize>) + Sync,
) -> Vec<u64> {
    use rayon::prelude::*;
    let chunk = items
        .div_ceil(rayon::current_num_threads() * 2)
        .max(1 << 16);
    (0..items.div_ceil(chunk))
        .into_par_iter()
        .map(|c| {
            let mut counts = vec![0u64; len];
            count(&mut counts, c * chunk..((c + 1) * chunk).min(items));
            counts
        })
        .reduce_with(|mut a, b| {
            a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
            a
        })
        .unwrap_or_else(|| vec![0u64; len])
}

/// Computes every figure of the contract from accepted rows: reps, leads and proposals in
/// memory, activities streamed twice.
pub fn compute(
    data: &Dataset,
    activities: &dyn ActivitySource,
    rules: &Rules,
) -> anyhow::Result<Metrics> {
    // First pass: E(L) for every lead, from the meetings.
    let t0 = std::time::Instant::now();
    let first_pass = FirstPass::new(data.leads.len());
    activities.for_each_meeting_batch(&|batch: &[Activity]| first_pass.observe(batch))?;
    repcard_core::timing("metrics: first pass", t0);
    let t0 = std::time::Instant::now();
    let first_pass = &first_pass;
    let cal = &rules.calendar;
    let target = rules.follow_up_target;
    let Some((lo, hi)) = date_range(data, activities.dates()?) else {
        return Ok(Metrics {
            follow_up_target: target,
            periods: Vec::new(),
            origins: Some(origins::Origins::default()),
        });
    };
    let first = cal.period_of(lo);
    let last = cal.period_of(hi);
    let n_periods = (last.index - first.index + 1) as usize;
    let n_reps = data.reps.len();
    let slot = |date: Date, rep: RepIx| -> usize {
        (cal.period_of(date).index - first.index) as usize * n_reps + rep as usize
    };

    // Second pass: classify every call, count meetings and touches. Each batch tallies its
    // slots apart and adds them in under one lock.
    let window = i64::from(rules.new_lead_window_days) * 86_400;
    let touches: Vec<AtomicU32> = (0..data.leads.len()).map(|_| AtomicU32::new(0)).collect();
    let tally = Mutex::new(vec![ActivityTally::default(); n_periods * n_reps]);
    activities.for_each_batch(&|batch: &[Activity]| {
        let mut local: Vec<(u32, u8)> = Vec::with_capacity(batch.len());
        for a in batch {
            let kind = match a.kind {
                ActivityType::Call => {
                    let engaged = first_pass.engaged_at(a.lead);
                    let created = data.leads.created_instant(a.lead);
                    if is_touch(a.at.instant, engaged) {
                        touches[a.lead as usize].fetch_add(1, Ordering::Relaxed);
                    }
                    match classify_call(a.at.instant, created, engaged, window) {
                        CallCategory::New => 0,
                        CallCategory::Previous => 1,
                        CallCategory::Engaged => 2,
                    }
                }
                ActivityType::Meeting => 3,
                ActivityType::Email => continue,
            };
            local.push((slot(a.at.date, a.rep) as u32, kind));
        }
        let mut tally = tally.lock().unwrap_or_else(|e| e.into_inner());
        for (s, kind) in local {
            let t = &mut tally[s as usize];
            match kind {
                0 => t.calls_new += 1,
                1 => t.calls_previous += 1,
                2 => t.calls_engaged += 1,
                _ => t.meetings += 1,
            }
        }
    })?;
    let tally = tally.into_inner().unwrap_or_else(|e| e.into_inner());
    repcard_core::timing("metrics: second pass", t0);
    let t0 = std::time::Instant::now();
    let mut grid: Vec<Figures> = tally
        .iter()
        .map(|t| Figures {
            calls_new: t.calls_new,
            calls_previous: t.calls_previous,
            calls_engaged: t.calls_engaged,
            meetings: t.meetings,
            ..Figures::new(target)
        })
        .collect();

    // Per slot: created, qualified, engaged, unengaged at target, unengaged with one touch,
    // then the touch distribution; tallied over the leads in chunks, on every core.
    let width = 5 + target as usize + 1;
    let counts = in_chunks(data.leads.len(), grid.len() * width, |counts, range| {
        for i in range {
            let ix = i as LeadIx;
            let lead = data.leads.get(ix);
            let c = &mut counts[slot(lead.created.date, lead.owner) * width..][..width];
            c[0] += 1;
            c[1] += u64::from(lead.qualified);
            if first_pass.engaged_at(ix).is_some() {
                c[2] += 1;
            } else {
                let touches = touches[i].load(Ordering::Relaxed);
                c[5 + touches.min(target) as usize] += 1;
                c[3] += u64::from(touches >= target);
                // Counted apart from the distribution: with a target of 1 its bucket 1 is "1+".
                c[4] += u64::from(touches == 1);
            }
        }
    });
    for (f, c) in grid.iter_mut().zip(counts.chunks_exact(width)) {
        f.leads_created = c[0];
        f.leads_qualified = c[1];
        f.leads_engaged = c[2];
        f.leads_unengaged_at_target = c[3];
        f.leads_unengaged_one_touch = c[4];
        f.touch_distribution.copy_from_slice(&c[5..]);
    }
    // Freed before the lead origins are tallied: the peak of memory is here.
    drop(touches);
    for p in &data.proposals {
        let f = &mut grid[slot(p.created.date, p.rep)];
        f.proposals += 1;
        f.proposal_value += p.amount;
        if let (ProposalStatus::Won, Some(closed)) = (p.status, p.closed) {
            let f = &mut grid[slot(closed.date, p.rep)];
            f.won_count += 1;
            f.won_value += p.amount;
        }
    }

    let mut order: Vec<RepIx> = (0..n_reps as RepIx).collect();
    order.sort_by(|a, b| data.reps[*a as usize].id.cmp(&data.reps[*b as usize].id));
    let mut periods = Vec::with_capacity(n_periods);
    let mut grid = grid.into_iter();
    for pi in 0..n_periods {
        let period = Period {
            index: first.index + pi as i32,
        };
        let (start, end) = (cal.first_day(period), cal.last_day(period));
        let mut row: Vec<Option<Figures>> = grid.by_ref().take(n_reps).map(Some).collect();
        let mut reps = Vec::new();
        for &r in &order {
            let rep = &data.reps[r as usize];
            let employed =
                rep.start_date.is_none_or(|s| s <= end) && rep.end_date.is_none_or(|e| e >= start);
            let Some(figures) = row[r as usize].take() else {
                continue;
            };
            if !employed && !figures.has_credit() {
                continue;
            }
            let quota = rep.monthly_quota.map(|m| quota::period_quota(cal, m));
            reps.push(RepPeriod {
                rep: r,
                quota_attainment: quota::attainment(figures.won_value, quota),
                quota,
                figures,
            });
        }
        let (teams, company) = groups::roll_up(data, &reps, target);
        periods.push(PeriodFigures {
            period,
            label: cal.label(period),
            reps,
            teams,
            company,
        });
    }
    let origins = origins::tally(
        data,
        &rules.score_bands,
        n_periods,
        |l| (cal.period_of(data.leads.created_date(l)).index - first.index) as usize,
        |l| first_pass.engaged_at(l).is_some(),
    );
    repcard_core::timing("metrics: figures", t0);
    Ok(Metrics {
        follow_up_target: target,
        periods,
        origins: Some(origins),
    })
}

/// Activities held in memory, for the unit tests.
#[cfg(test)]
pub(crate) mod in_memory {
    use super::*;

    /// Activities held in memory (tests, small inputs).
    pub(crate) struct InMemory<'a>(pub(crate) &'a [Activity]);

    impl ActivitySource for InMemory<'_> {
        fn for_each_batch(&self, visit: &(dyn Fn(&[Activity]) + Sync)) -> anyhow::Result<()> {
            self.0.chunks(8192).for_each(visit);
            Ok(())
        }
    }

    /// Computes every figure from activities held in memory.
    pub(crate) fn compute_in_memory(
        data: &Dataset,
        activities: &[Activity],
        rules: &Rules,
    ) -> Metrics {
        compute(data, &InMemory(activities), rules).expect("memory never fails to stream")
    }
}
