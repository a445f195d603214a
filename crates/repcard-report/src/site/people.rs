//! The rep pages and the team pages: history over every period.

use super::Site;
use super::charts::{self, Chart};
use super::money::{count, percent, short_money};
use super::views::{FIGURE_COLUMNS, FigureRow, Link, flag_sentence, team_name};
use repcard_core::model::{Money, RepIx};
use repcard_metrics::Figures;
use repcard_metrics::ranking::leaderboard;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;

/// One period of a history: its position, figures, quota and attainment.
struct Point<'a> {
    period: usize,
    figures: &'a Figures,
    quota: Option<Money>,
    attainment: Option<Decimal>,
}

#[derive(Debug, Serialize)]
struct FlagGroup {
    period: Link,
    flags: Vec<String>,
}

#[derive(Debug, Serialize)]
struct ProposalRow {
    date: String,
    id: String,
    lead: String,
    amount: String,
    status: &'static str,
    closed: String,
}

fn f64_of(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// The trend charts of the five metrics and attainment over a history (oldest first, gaps
/// where the rep or team had no row).
fn trends(site: &Site, who: &str, history: &[Point]) -> Vec<Chart> {
    let cur = &site.input.config.currency;
    let periods = &site.input.metrics.periods;
    let (Some(first), Some(last)) = (history.first(), history.last()) else {
        return Vec::new();
    };
    let span: Vec<(usize, Option<&Point>)> = (first.period..=last.period)
        .map(|i| (i, history.iter().find(|p| p.period == i)))
        .collect();
    let count_of = |v: f64| count(v.round() as u64);
    let money_of = |v: f64| short_money(Decimal::from_f64_retain(v).unwrap_or_default(), cur);
    let pct_of = |v: f64| percent(Decimal::from_f64_retain(v).unwrap_or_default());
    type Get<'g> = Box<dyn Fn(&Point) -> Option<f64> + 'g>;
    type Spec<'s> = (
        &'s str,
        &'s str,
        Get<'s>,
        &'s dyn Fn(f64) -> String,
        Option<f64>,
        f64,
    );
    let specs: Vec<Spec> = vec![
        (
            "new-leads",
            "New leads",
            Box::new(|p: &Point| Some(p.figures.leads_created as f64)),
            &count_of,
            None,
            1.0,
        ),
        (
            "calls-new",
            "Calls to new leads",
            Box::new(|p: &Point| Some(p.figures.calls_new as f64)),
            &count_of,
            None,
            1.0,
        ),
        (
            "calls-previous",
            "Calls to previous leads",
            Box::new(|p: &Point| Some(p.figures.calls_previous as f64)),
            &count_of,
            None,
            1.0,
        ),
        (
            "calls-engaged",
            "Follow-up calls to engaged prospects",
            Box::new(|p: &Point| Some(p.figures.calls_engaged as f64)),
            &count_of,
            None,
            1.0,
        ),
        (
            "proposal-value",
            "Proposal value",
            Box::new(|p: &Point| Some(f64_of(p.figures.proposal_value))),
            &money_of,
            None,
            1.0,
        ),
        (
            "attainment",
            "Quota attainment",
            Box::new(|p: &Point| p.attainment.map(f64_of)),
            &pct_of,
            Some(1.0),
            0.0,
        ),
    ];
    let mut out = Vec::new();
    for (id, title, get, tick, reference, min_step) in specs {
        let points: Vec<(String, Option<f64>)> = span
            .iter()
            .map(|(i, p)| (periods[*i].label.clone(), p.and_then(&get)))
            .collect();
        if points.iter().all(|p| p.1.is_none()) {
            continue;
        }
        let id = format!("trend-{id}");
        let desc = format!("{title} per period for {who}, oldest first.");
        let svg = charts::trend(
            &id,
            &format!("{title}, {who}"),
            &desc,
            &points,
            reference,
            charts::Axis {
                format: tick,
                min_step,
            },
        );
        let rows = span
            .iter()
            .map(|(i, p)| {
                let v = p.and_then(&get);
                vec![
                    site.period_name(*i),
                    match (v, id.as_str()) {
                        (None, _) => String::new(),
                        (Some(_), "trend-proposal-value") => p
                            .map(|p| site.money(p.figures.proposal_value))
                            .unwrap_or_default(),
                        (Some(_), "trend-attainment") => p
                            .and_then(|p| p.attainment)
                            .map(percent)
                            .unwrap_or_default(),
                        (Some(v), _) => count_of(v),
                    },
                ]
            })
            .collect();
        out.push(Chart::new(&id, title, &desc, svg).table(&["Period", title], rows));
    }
    out
}

/// History rows, newest first.
fn history_rows(site: &Site, history: &[Point], root: &str) -> Vec<FigureRow> {
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
    let proposals: Vec<ProposalRow> = site.proposals[r as usize]
        .iter()
        .map(|&i| {
            let p = &data.proposals[i];
            ProposalRow {
                date: p.created.date.to_string(),
                id: p.id.clone(),
                lead: p
                    .lead
                    .map(|l| data.leads.id(l).to_string())
                    .unwrap_or_default(),
                amount: site.money(p.amount),
                status: p.status.as_str(),
                closed: p.closed.map(|c| c.date.to_string()).unwrap_or_default(),
            }
        })
        .collect();
    ctx.insert("name", &name);
    ctx.insert("rep_id", &rep.id);
    ctx.insert("team", &site.team_link(&rep.team, &root));
    ctx.insert("monthly_quota", &rep.monthly_quota.map(|q| site.money(q)));
    ctx.insert("flags", &flags);
    ctx.insert("charts", &trends(site, &name, &history));
    ctx.insert("columns", &FIGURE_COLUMNS);
    ctx.insert("history", &history_rows(site, &history, &root));
    ctx.insert("proposals", &proposals);
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
    ctx.insert("charts", &trends(site, &name, &history));
    ctx.insert("columns", &FIGURE_COLUMNS);
    ctx.insert("history", &history_rows(site, &history, &root));
    ctx
}
