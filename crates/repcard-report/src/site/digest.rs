//! A period's report in words, tables and charts, for readers outside the site: the email
//! and the wiki. The same words as the site's pages (one source for every output); the
//! links are relative to the site's root.

use super::Site;
use super::charts::Chart;
use super::index::{Card, LeaderRow, TeamRow};
use super::money::percent;
use super::sources::FunnelTable;
use super::views::{Link, flag_sentence, team_name};
use crate::ReportInput;
use anyhow::Result;
use rayon::prelude::*;
use repcard_metrics::RepPeriod;
use repcard_metrics::coaching::outweighs_reaching_quota;
use rust_decimal::Decimal;
use serde::Serialize;

/// How many of the leaderboard's top reps an email or wiki page names as leaders.
pub(super) const LEADERS: usize = 5;

/// A rep to help, with the concrete reasons in words.
#[derive(Debug, Clone, Serialize)]
pub struct Help {
    /// The rep's name.
    pub name: String,
    /// The rep's team ("No team" for reps without one).
    pub team: String,
    /// The rep's page, relative to the site's root.
    pub href: String,
    /// One sentence per coaching flag.
    pub reasons: Vec<String>,
}

/// One period's report for the email and the wiki.
#[derive(Debug, Clone, Serialize)]
pub struct Digest {
    /// The report's title.
    pub title: String,
    /// The period's label (`2026-10`).
    pub label: String,
    /// Its name for people (`October 2026`).
    pub name: String,
    /// "2026-10-01 to 2026-10-31".
    pub dates: String,
    /// The company's five metrics with changes.
    pub cards: Vec<Card>,
    /// The three headline questions answered.
    pub sentences: Vec<String>,
    /// The top of the leaderboard among reps who won something; links relative to the root.
    pub leaders: Vec<LeaderRow>,
    /// Reps active in the period.
    pub rep_count: usize,
    /// Reps with coaching flags, most flags first; a rep who reached quota only when a flag
    /// outweighs it (see `coaching::outweighs_reaching_quota`).
    pub help: Vec<Help>,
    /// Each team's standing; links relative to the root.
    pub teams: Vec<TeamRow>,
    /// The period page's charts (SVG with `currentColor` ink) with their numbers.
    pub charts: Vec<Chart>,
    /// The period's note, as Markdown, if there is one.
    pub note: Option<String>,
    /// The period's page, relative to the site's root.
    pub page: String,
    /// The follow-up target.
    pub target: u32,
    /// Closed periods whose figures changed since they were archived, newest first; links
    /// relative to the root, to each page's Restated section.
    pub restated: Vec<Link>,
    /// What became of each lead source's leads over the last 12 periods; `None` without
    /// lead rows.
    pub sources: Option<FunnelTable>,
    /// The periods that table covers ("November 2025 to October 2026").
    pub sources_span: String,
}

impl Site<'_> {
    /// Links to the Restated sections of the restated periods, newest first.
    fn restated_links(&self) -> Vec<Link> {
        let periods = &self.input.metrics.periods;
        (0..periods.len())
            .rev()
            .filter(|&i| self.input.archive.restated(&periods[i].label).is_some())
            .map(|i| {
                let link = self.period_link(i, "");
                Link {
                    href: format!("{}#restated", link.href),
                    name: link.name,
                }
            })
            .collect()
    }

    fn digest(&self, i: usize) -> Digest {
        let input = self.input;
        let p = &input.metrics.periods[i];
        let name = self.period_name(i);
        let cal = &input.config.calendar;
        let winners: Vec<&RepPeriod> = p
            .reps
            .iter()
            .filter(|r| r.figures.won_value > repcard_core::model::Money::ZERO)
            .collect();
        let data = &input.ingested.dataset;
        let mut help: Vec<(usize, Help)> = self.flags[i]
            .iter()
            .filter_map(|(rep, flags)| {
                // A rep who reached quota is listed only when a flag outweighs it, and then
                // the first reason says so.
                let reached = p
                    .rep(*rep)
                    .and_then(|r| r.quota_attainment)
                    .filter(|a| *a >= Decimal::ONE);
                if reached.is_some() && !outweighs_reaching_quota(flags) {
                    return None;
                }
                let link = self.rep_link(*rep, "");
                let mut reasons: Vec<String> = reached
                    .map(|a| {
                        format!(
                            "Reached {} of quota in {name}, but left leads behind:",
                            percent(a)
                        )
                    })
                    .into_iter()
                    .collect();
                reasons.extend(flags.iter().map(|f| flag_sentence(f, &name)));
                Some((
                    flags.len(),
                    Help {
                        name: link.name,
                        team: team_name(&data.reps[*rep as usize].team).to_string(),
                        href: link.href,
                        reasons,
                    },
                ))
            })
            .collect();
        help.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.name.cmp(&b.1.name)));
        Digest {
            title: input.config.title.clone(),
            label: p.label.clone(),
            dates: format!("{} to {}", cal.first_day(p.period), cal.last_day(p.period)),
            cards: self.cards(i),
            sentences: self.headline_sentences(&p.company.headline, &name),
            leaders: self.leader_rows(&winners, "", LEADERS),
            rep_count: p.reps.len(),
            help: help.into_iter().map(|(_, h)| h).collect(),
            teams: self.team_rows(p, ""),
            charts: super::period_charts::period_charts(self, p, &name),
            note: input
                .ingested
                .notes
                .get(&p.period)
                .map(|n| n.markdown.clone()),
            page: self.period_path(i),
            target: input.metrics.follow_up_target,
            restated: self.restated_links(),
            sources: super::sources::tables(self, i).map(|[_, long, _, _]| long),
            sources_span: format!(
                "{} to {}",
                self.period_name((i + 1).saturating_sub(super::sources::SPAN)),
                name
            ),
            name,
        }
    }
}

/// The digests of the periods at `indices` (positions in `metrics.periods`), in parallel.
pub fn digests(input: &ReportInput, indices: &[usize]) -> Result<Vec<Digest>> {
    let site = Site::new(input)?;
    Ok(indices.par_iter().map(|&i| site.digest(i)).collect())
}
