//! Metrics: typed rows in, figures out. Pure: no I/O, no formatting.

pub mod calls;
pub mod coaching;
pub mod compare;
pub mod figures;
pub mod groups;
pub mod quota;
pub mod ranking;

use crate::config::Config;
use crate::model::{ActivityType, Dataset, Money, ProposalStatus, RepIx};
use crate::period::{Calendar, Period};
use calls::{CallCategory, classify_call, engagement_times, touches};
pub use figures::Figures;
pub use groups::{Group, Headline};
use jiff::civil::Date;
use rust_decimal::Decimal;

/// The settings metrics depend on.
#[derive(Debug, Clone, Copy)]
pub struct Rules {
    /// How dates map to periods.
    pub calendar: Calendar,
    /// The new-lead window in days of 24 h.
    pub new_lead_window_days: u32,
    /// The follow-up depth reps are held to.
    pub follow_up_target: u32,
}

impl From<&Config> for Rules {
    fn from(c: &Config) -> Rules {
        Rules {
            calendar: c.calendar,
            new_lead_window_days: c.new_lead_window_days,
            follow_up_target: c.follow_up_target,
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

/// The dates that span the period range: every accepted row's date (§3, last paragraph).
fn date_range(data: &Dataset) -> Option<(Date, Date)> {
    let dates = data
        .leads
        .iter()
        .map(|l| l.created.date)
        .chain(data.activities.iter().map(|a| a.at.date))
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

/// Computes every figure of the contract from accepted rows.
pub fn compute(data: &Dataset, rules: &Rules) -> Metrics {
    let cal = &rules.calendar;
    let target = rules.follow_up_target;
    let Some((lo, hi)) = date_range(data) else {
        return Metrics {
            follow_up_target: target,
            periods: Vec::new(),
        };
    };
    let first = cal.period_of(lo);
    let last = cal.period_of(hi);
    let n_periods = (last.index - first.index + 1) as usize;
    let n_reps = data.reps.len();
    let mut grid: Vec<Figures> = vec![Figures::new(target); n_periods * n_reps];
    let slot = |date: Date, rep: RepIx| -> usize {
        (cal.period_of(date).index - first.index) as usize * n_reps + rep as usize
    };

    let engaged = engagement_times(data);
    let touches = touches(data, &engaged);
    for (i, lead) in data.leads.iter().enumerate() {
        let f = &mut grid[slot(lead.created.date, lead.owner)];
        f.leads_created += 1;
        f.leads_qualified += u64::from(lead.qualified);
        if engaged[i].is_some() {
            f.leads_engaged += 1;
        } else {
            let t = touches[i].min(target) as usize;
            f.touch_distribution[t] += 1;
            f.leads_unengaged_at_target += u64::from(touches[i] >= target);
            // Counted apart from the distribution: with a target of 1 its bucket 1 is "1+".
            f.leads_unengaged_one_touch += u64::from(touches[i] == 1);
        }
    }
    let window = i64::from(rules.new_lead_window_days) * 86_400;
    for a in &data.activities {
        let f = &mut grid[slot(a.at.date, a.rep)];
        match a.kind {
            ActivityType::Call => {
                let lead = a.lead as usize;
                match classify_call(
                    a.at.instant,
                    data.leads[lead].created.instant,
                    engaged[lead],
                    window,
                ) {
                    CallCategory::New => f.calls_new += 1,
                    CallCategory::Previous => f.calls_previous += 1,
                    CallCategory::Engaged => f.calls_engaged += 1,
                }
            }
            ActivityType::Meeting => f.meetings += 1,
            ActivityType::Email => {}
        }
    }
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
    Metrics {
        follow_up_target: target,
        periods,
    }
}
