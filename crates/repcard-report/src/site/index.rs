//! index.html: the newest period's headline, the trends over every period, the leaderboard,
//! the teams and the archive.

use super::Site;
use super::money::{count, percent};
use super::trends::{Numbers, Point, trends};
use super::views::{ChangeView, Link};
use repcard_metrics::compare::{Measure, baselines, change};
use repcard_metrics::ranking::leaderboard;
use repcard_metrics::{PeriodFigures, RepPeriod};
use serde::Serialize;

/// Rows of the index's leaderboard.
const LEADERBOARD_ROWS: usize = 10;

/// One of the five metrics as a headline card.
#[derive(Debug, Clone, Serialize)]
pub struct Card {
    /// The metric's name.
    pub label: String,
    /// Its value for the company.
    pub value: String,
    /// A supporting figure in words.
    pub detail: String,
    /// Against the previous period and a year earlier, where in range.
    pub changes: Vec<ChangeView>,
}

/// A row of a leaderboard.
#[derive(Debug, Clone, Serialize)]
pub struct LeaderRow {
    /// 1 for the leader.
    pub rank: usize,
    /// The rep's page.
    pub rep: Link,
    /// The rep's team's page.
    pub team: Option<Link>,
    /// Won value.
    pub won_value: String,
    /// Quota attainment; empty without a quota.
    pub attainment: String,
    /// Proposals created.
    pub proposals: String,
    /// Their value.
    pub proposal_value: String,
    /// All calls.
    pub calls: String,
}

/// A team's row of the overview.
#[derive(Debug, Clone, Serialize)]
pub struct TeamRow {
    /// The team's page.
    pub team: Option<Link>,
    /// Members active in the period.
    pub reps: String,
    /// Won value.
    pub won_value: String,
    /// The team's quota attainment.
    pub attainment: String,
    /// "3 of 4 (75 %)" reps with a quota who reached it.
    pub quota_reached: String,
    /// Share of never-engaged leads that got the target number of calls.
    pub at_target: String,
}

#[derive(Debug, Serialize)]
struct ArchiveRow {
    period: Link,
    label: String,
    leads: String,
    calls: String,
    proposal_value: String,
    won_value: String,
    attainment: String,
    has_note: bool,
    restated: bool,
}

impl Site<'_> {
    pub(super) fn cards(&self, i: usize) -> Vec<Card> {
        let m = self.input.metrics;
        let p = &m.periods[i];
        let f = &p.company.figures;
        let base = baselines(m, &self.input.config.calendar, p);
        let name_of = |b: &PeriodFigures| self.input.config.calendar.display_name(b.period);
        let changes = |measure: Measure| -> Vec<ChangeView> {
            [base.previous, base.year_earlier]
                .into_iter()
                .flatten()
                .map(|b| self.change(measure, &change(measure, f, &b.company.figures), name_of(b)))
                .collect()
        };
        vec![
            Card {
                label: "New leads".into(),
                value: count(f.leads_created),
                detail: format!("{} qualified", count(f.leads_qualified)),
                changes: changes(Measure::LeadsCreated),
            },
            Card {
                label: "Calls to new leads".into(),
                value: count(f.calls_new),
                detail: format!(
                    "within {} days of the lead's creation",
                    self.input.config.new_lead_window_days
                ),
                changes: changes(Measure::CallsNew),
            },
            Card {
                label: "Calls to previous leads".into(),
                value: count(f.calls_previous),
                detail: "older leads not yet engaged".into(),
                changes: changes(Measure::CallsPrevious),
            },
            Card {
                label: "Follow-up calls to engaged prospects".into(),
                value: count(f.calls_engaged),
                detail: format!("{} meetings", count(f.meetings)),
                changes: changes(Measure::CallsEngaged),
            },
            Card {
                label: "Proposals".into(),
                value: self.money(f.proposal_value),
                detail: format!(
                    "{} proposals{}; {} won",
                    count(f.proposals),
                    f.average_proposal()
                        .map(|a| format!(", average {}", self.money(a)))
                        .unwrap_or_default(),
                    self.money(f.won_value)
                ),
                changes: changes(Measure::ProposalValue),
            },
        ]
    }

    pub(super) fn leader_rows(
        &self,
        reps: &[&RepPeriod],
        root: &str,
        limit: usize,
    ) -> Vec<LeaderRow> {
        let data = &self.input.ingested.dataset;
        leaderboard(reps.iter().copied())
            .into_iter()
            .take(limit)
            .enumerate()
            .map(|(k, r)| {
                let f = &r.figures;
                LeaderRow {
                    rank: k + 1,
                    rep: self.rep_link(r.rep, root),
                    team: self.team_link(&data.reps[r.rep as usize].team, root),
                    won_value: self.money(f.won_value),
                    attainment: r.quota_attainment.map(percent).unwrap_or_default(),
                    proposals: count(f.proposals),
                    proposal_value: self.money(f.proposal_value),
                    calls: count(f.calls()),
                }
            })
            .collect()
    }

    pub(super) fn team_rows(&self, p: &PeriodFigures, root: &str) -> Vec<TeamRow> {
        p.teams
            .iter()
            .map(|g| TeamRow {
                team: self.team_link(&g.name, root),
                reps: count(g.reps.len() as u64),
                won_value: self.money(g.figures.won_value),
                attainment: g.quota_attainment.map(percent).unwrap_or_default(),
                quota_reached: match g.headline.quota_reached_share {
                    Some(s) => format!(
                        "{} of {} ({})",
                        g.headline.reps_at_quota,
                        g.headline.reps_with_quota,
                        percent(s)
                    ),
                    None => String::new(),
                },
                at_target: match self.not_available() {
                    Some(_) => "n/a".into(),
                    None => g
                        .headline
                        .persistence_at_target_share
                        .map(percent)
                        .unwrap_or_default(),
                },
            })
            .collect()
    }
}

/// index.html: the newest period's headline, the leaderboard and the archive.
pub(super) fn index(site: &Site) -> tera::Context {
    let m = site.input.metrics;
    let (mut ctx, root) = site.context("Overview", 0);
    let newest = m.periods.len().checked_sub(1);
    if let Some(i) = newest {
        let p = &m.periods[i];
        let name = site.period_name(i);
        let reps: Vec<&RepPeriod> = p.reps.iter().collect();
        ctx.insert("period", &site.period_link(i, &root));
        ctx.insert("cards", &site.cards(i));
        ctx.insert(
            "sentences",
            &site.headline_sentences(&p.company.headline, &name),
        );
        ctx.insert("leaders", &site.leader_rows(&reps, &root, LEADERBOARD_ROWS));
        ctx.insert("rep_count", &p.reps.len());
        ctx.insert("teams", &site.team_rows(p, &root));
    }
    let archive: Vec<ArchiveRow> = m
        .periods
        .iter()
        .enumerate()
        .rev()
        .map(|(i, p)| {
            let f = &p.company.figures;
            ArchiveRow {
                period: site.period_link(i, &root),
                label: p.label.clone(),
                leads: count(f.leads_created),
                calls: count(f.calls()),
                proposal_value: site.money(f.proposal_value),
                won_value: site.money(f.won_value),
                attainment: p.company.quota_attainment.map(percent).unwrap_or_default(),
                has_note: site.input.ingested.notes.contains_key(&p.period),
                restated: site.input.archive.restated(&p.label).is_some(),
            }
        })
        .collect();
    ctx.insert("archive", &archive);
    let history: Vec<Point> = m
        .periods
        .iter()
        .enumerate()
        .map(|(i, p)| Point {
            period: i,
            figures: &p.company.figures,
            quota: p.company.quota,
            attainment: p.company.quota_attainment,
        })
        .collect();
    ctx.insert(
        "charts",
        &trends(site, "the company", &history, Numbers::Table),
    );
    ctx.insert("not_available", &site.not_available());
    ctx
}
