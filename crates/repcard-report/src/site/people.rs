//! The rep pages and the team pages: history over every period.

use super::Site;
use super::money::{count, percent};
use super::proposals;
use super::trends::{Numbers, Point, trends};
use super::views::{FIGURE_COLUMNS, FigureRow, Link, flag_sentence, team_name};
use repcard_core::model::RepIx;
use repcard_metrics::ranking::leaderboard;
use serde::Serialize;

#[derive(Debug, Serialize)]
struct FlagGroup {
    period: Link,
    flags: Vec<String>,
}

/// History rows, newest first.
fn history_rows<'a>(site: &'a Site<'a>, history: &[Point<'a>], root: &str) -> Vec<FigureRow<'a>> {
    history
        .iter()
        .rev()
        .map(|p| {
            let link = site.period_link(p.period, root);
            FigureRow {
                kind: "rep",
                name: link.name,
                href: Some(link.href),
                sub: None,
                cells: site.cells(p.figures, p.quota, p.attainment),
            }
        })
        .collect()
}

/// reps/<slug>/index.html: one rep's history, proposals and coaching flags.
pub(super) fn rep(site: &Site, r: RepIx) -> tera::Context {
    let data = &site.input.ingested.dataset;
    let rep = &data.reps[r as usize];
    let name = site.rep_name(r).to_string();
    let (mut ctx, root) = site.context(&name, 2);
    let periods = &site.input.metrics.periods;
    let history: Vec<Point> = (0..periods.len())
        .filter_map(|i| {
            site.rows[i][r as usize].map(|k| {
                let row = &periods[i].reps[k];
                Point {
                    period: i,
                    figures: &row.figures,
                    quota: row.quota,
                    attainment: row.quota_attainment,
                }
            })
        })
        .collect();
    let flags: Vec<FlagGroup> = (0..periods.len())
        .rev()
        .filter_map(|i| {
            let flags = site.flags[i].get(&r)?;
            let pname = site.period_name(i);
            Some(FlagGroup {
                period: site.period_link(i, &root),
                flags: flags.iter().map(|f| flag_sentence(f, &pname)).collect(),
            })
        })
        .collect();
    ctx.insert("name", &name);
    ctx.insert("rep_id", &rep.id);
    ctx.insert("team", &site.team_link(&rep.team, &root));
    ctx.insert("monthly_quota", &rep.monthly_quota.map(|q| site.money(q)));
    ctx.insert("flags", &flags);
    // The "Every period" table holds every number of the trends: the page links to it
    // rather than repeat it under each chart.
    ctx.insert("charts", &trends(site, &name, &history, Numbers::Elsewhere));
    ctx.insert("columns", &FIGURE_COLUMNS);
    ctx.insert("history", &history_rows(site, &history, &root));
    ctx.insert("proposals", &proposals::view(site, r));
    ctx.insert("not_available", &site.not_available());
    ctx
}

#[derive(Debug, Serialize)]
struct MemberRow {
    rank: usize,
    rep: Link,
    won_value: String,
    attainment: String,
    proposals: String,
    calls: String,
    flags: usize,
}

/// teams/<slug>/index.html: a team's history, its members and their standing.
pub(super) fn team(site: &Site, t: usize) -> tera::Context {
    let (team, _) = &site.teams[t];
    let name = team_name(team).to_string();
    let (mut ctx, root) = site.context(&name, 2);
    let periods = &site.input.metrics.periods;
    let groups: Vec<(usize, &repcard_metrics::Group)> = periods
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            p.teams
                .binary_search_by(|g| g.name.as_str().cmp(team))
                .ok()
                .map(|k| (i, &p.teams[k]))
        })
        .collect();
    let history: Vec<Point> = groups
        .iter()
        .map(|(i, g)| Point {
            period: *i,
            figures: &g.figures,
            quota: g.quota,
            attainment: g.quota_attainment,
        })
        .collect();
    if let Some((i, g)) = groups.last() {
        let p = &periods[*i];
        let members: Vec<&repcard_metrics::RepPeriod> = g
            .reps
            .iter()
            .filter_map(|ix| site.rows[*i][*ix as usize].map(|k| &p.reps[k]))
            .collect();
        let rows: Vec<MemberRow> = leaderboard(members)
            .into_iter()
            .enumerate()
            .map(|(k, r)| MemberRow {
                rank: k + 1,
                rep: site.rep_link(r.rep, &root),
                won_value: site.money(r.figures.won_value),
                attainment: r.quota_attainment.map(percent).unwrap_or_default(),
                proposals: count(r.figures.proposals),
                calls: count(r.figures.calls()),
                flags: site.flags[*i].get(&r.rep).map_or(0, Vec::len),
            })
            .collect();
        let pname = site.period_name(*i);
        ctx.insert("latest", &site.period_link(*i, &root));
        ctx.insert("members", &rows);
        ctx.insert("sentences", &site.headline_sentences(&g.headline, &pname));
    }
    let data = &site.input.ingested.dataset;
    let everyone: Vec<Link> = (0..data.reps.len() as RepIx)
        .filter(|r| data.reps[*r as usize].team == *team)
        .map(|r| site.rep_link(r, &root))
        .collect();
    ctx.insert("name", &name);
    ctx.insert("everyone", &everyone);
    ctx.insert("charts", &trends(site, &name, &history, Numbers::Table));
    ctx.insert("columns", &FIGURE_COLUMNS);
    ctx.insert("history", &history_rows(site, &history, &root));
    ctx
}
