//! The index, the period pages and the data-quality page.

use super::Site;
use super::charts::{self, AMBER, Axis, BLUE, Bar, CORAL, Chart, GREEN, VIOLET};
use super::markdown;
use super::money::{count, percent, short_money};
use super::views::{ChangeView, FIGURE_COLUMNS, FigureRow, Link, team_name};
use crate::metrics::compare::{Measure, baselines, change};
use crate::metrics::ranking::{concentration_curve, leaderboard};
use crate::metrics::{Group, PeriodFigures, RepPeriod};
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;

/// Reps shown in a per-rep chart; the table below always lists every rep.
const CHART_REPS: usize = 40;
/// Rows of the index's leaderboard.
const LEADERBOARD_ROWS: usize = 10;

/// One of the five metrics as a headline card.
#[derive(Debug, Serialize)]
struct Card {
    label: String,
    value: String,
    detail: String,
    changes: Vec<ChangeView>,
}

#[derive(Debug, Serialize)]
struct LeaderRow {
    rank: usize,
    rep: Link,
    team: Option<Link>,
    won_value: String,
    attainment: String,
    proposals: String,
    proposal_value: String,
    calls: String,
}

#[derive(Debug, Serialize)]
struct TeamRow {
    team: Option<Link>,
    reps: String,
    won_value: String,
    attainment: String,
    quota_reached: String,
    at_target: String,
}

#[derive(Debug, Serialize)]
struct ArchiveRow {
    period: Link,
    label: String,
    leads: String,
    calls: String,
    proposal_value: String,
    won_value: String,
    has_note: bool,
}

fn f64_of(d: rust_decimal::Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

impl Site<'_> {
    fn cards(&self, i: usize, root: &str) -> Vec<Card> {
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
        let _ = root;
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

    fn leader_rows(&self, reps: &[&RepPeriod], root: &str, limit: usize) -> Vec<LeaderRow> {
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

    fn team_rows(&self, p: &PeriodFigures, root: &str) -> Vec<TeamRow> {
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
                at_target: g
                    .headline
                    .persistence_at_target_share
                    .map(percent)
                    .unwrap_or_default(),
            })
            .collect()
    }
}

/// index.html: the newest period's headline, the leaderboard and the archive.
pub fn index(site: &Site) -> tera::Context {
    let m = site.input.metrics;
    let (mut ctx, root) = site.context("Overview", 0);
    let newest = m.periods.len().checked_sub(1);
    if let Some(i) = newest {
        let p = &m.periods[i];
        let name = site.period_name(i);
        let reps: Vec<&RepPeriod> = p.reps.iter().collect();
        ctx.insert("period", &site.period_link(i, &root));
        ctx.insert("cards", &site.cards(i, &root));
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
                has_note: site.input.ingested.notes.contains_key(&p.period),
            }
        })
        .collect();
    ctx.insert("archive", &archive);
    ctx
}

/// The rows of a period's table: reps grouped by team, each team's subtotal, the company.
fn period_rows(site: &Site, p: &PeriodFigures, root: &str, i: usize) -> Vec<FigureRow> {
    let mut rows = Vec::new();
    for g in &p.teams {
        for ix in &g.reps {
            if let Some(k) = site.rows[i][*ix as usize] {
                let r = &p.reps[k];
                let link = site.rep_link(r.rep, root);
                rows.push(FigureRow {
                    kind: "rep",
                    name: link.name,
                    href: Some(link.href),
                    sub: None,
                    cells: site.cells(&r.figures, r.quota, r.quota_attainment),
                });
            }
        }
        rows.push(group_row(site, g, "team", root));
    }
    rows.push(group_row(site, &p.company, "company", root));
    rows
}

fn group_row(site: &Site, g: &Group, kind: &'static str, root: &str) -> FigureRow {
    let (name, href) = if kind == "company" {
        ("Company total".to_string(), None)
    } else {
        let link = site.team_link(&g.name, root);
        (
            format!("{} total", team_name(&g.name)),
            link.map(|l| l.href),
        )
    };
    FigureRow {
        kind,
        name,
        href,
        sub: None,
        cells: site.cells(&g.figures, g.quota, g.quota_attainment),
    }
}

/// The five charts of a period page.
fn period_charts(site: &Site, p: &PeriodFigures, name: &str) -> Vec<Chart> {
    let cur = &site.input.config.currency;
    let target = site.input.metrics.follow_up_target;
    let board = leaderboard(&p.reps);
    let shown = &board[..board.len().min(CHART_REPS)];
    let cut = if board.len() > CHART_REPS {
        format!(
            " Shown: the {CHART_REPS} reps highest on the leaderboard, of {}; the numbers list all.",
            board.len()
        )
    } else {
        String::new()
    };
    let label = |r: &RepPeriod| site.rep_name(r.rep).to_string();

    let d_calls = format!(
        "Calls per rep, stacked: calls to new leads, to previous leads and follow-up calls to engaged prospects; reps in leaderboard order.{cut}"
    );
    let calls = charts::hbars(
        "chart-calls",
        &format!("Calls per rep, {name}"),
        &d_calls,
        &[
            ("New leads", BLUE),
            ("Previous leads", AMBER),
            ("Engaged prospects", GREEN),
        ],
        &shown
            .iter()
            .map(|r| {
                let f = &r.figures;
                Bar {
                    label: label(r),
                    segments: vec![
                        f.calls_new as f64,
                        f.calls_previous as f64,
                        f.calls_engaged as f64,
                    ],
                    value: count(f.calls()),
                    color: None,
                }
            })
            .collect::<Vec<_>>(),
        None,
        Axis {
            format: &|v| count(v.round() as u64),
            min_step: 1.0,
        },
    );
    let calls = Chart::new("chart-calls", "Calls per rep", &d_calls, calls).table(
        &[
            "Rep",
            "New leads",
            "Previous leads",
            "Engaged prospects",
            "All calls",
        ],
        board
            .iter()
            .map(|r| {
                let f = &r.figures;
                vec![
                    label(r),
                    count(f.calls_new),
                    count(f.calls_previous),
                    count(f.calls_engaged),
                    count(f.calls()),
                ]
            })
            .collect(),
    );

    let d_value = format!(
        "Value of the proposals each rep created, with their number; reps in leaderboard order.{cut}"
    );
    let value = charts::hbars(
        "chart-proposals",
        &format!("Proposal value per rep, {name}"),
        &d_value,
        &[("Proposal value", VIOLET)],
        &shown
            .iter()
            .map(|r| {
                let f = &r.figures;
                Bar {
                    label: label(r),
                    segments: vec![f64_of(f.proposal_value)],
                    value: format!(
                        "{} · {}",
                        short_money(f.proposal_value, cur),
                        count(f.proposals)
                    ),
                    color: None,
                }
            })
            .collect::<Vec<_>>(),
        None,
        Axis {
            format: &|v| {
                short_money(
                    rust_decimal::Decimal::from_f64_retain(v).unwrap_or_default(),
                    cur,
                )
            },
            min_step: 1.0,
        },
    );
    let value = Chart::new("chart-proposals", "Proposal value per rep", &d_value, value).table(
        &["Rep", "Proposals", "Proposal value", "Average proposal"],
        board
            .iter()
            .map(|r| {
                let f = &r.figures;
                vec![
                    label(r),
                    count(f.proposals),
                    site.money(f.proposal_value),
                    f.average_proposal()
                        .map(|a| site.money(a))
                        .unwrap_or_default(),
                ]
            })
            .collect(),
    );

    let dist = &p.company.figures.touch_distribution;
    let total: u64 = dist.iter().sum();
    let bucket = |t: usize| {
        if t as u32 >= target {
            format!("{target}+")
        } else {
            t.to_string()
        }
    };
    let d_touches = format!(
        "Never-engaged leads created in {name} by the number of calls they got; the target is {target} calls."
    );
    let touches = charts::vbars(
        "chart-touches",
        &format!("Follow-up depth of never-engaged leads, {name}"),
        &d_touches,
        &dist
            .iter()
            .enumerate()
            .map(|(t, n)| (bucket(t), *n as f64, count(*n)))
            .collect::<Vec<_>>(),
        Some(target as usize),
        Some(&format!("target: {target} calls")),
    );
    let touches = Chart::new(
        "chart-touches",
        "Follow-up depth of never-engaged leads",
        &d_touches,
        touches,
    )
    .table(
        &["Calls", "Leads", "Share"],
        dist.iter()
            .enumerate()
            .map(|(t, n)| {
                vec![
                    bucket(t),
                    count(*n),
                    crate::metrics::figures::share(*n, total)
                        .map(percent)
                        .unwrap_or_default(),
                ]
            })
            .collect(),
    );

    let won: Vec<_> = p.reps.iter().map(|r| r.figures.won_value).collect();
    let points = concentration_curve(&won);
    let d_curve = String::from(
        "Cumulative share of won value by share of reps, largest first; the dashed diagonal is an even spread.",
    );
    let curve = charts::curve(
        "chart-concentration",
        &format!("Concentration of won value, {name}"),
        &d_curve,
        &points
            .iter()
            .map(|c| (f64_of(c.rep_share), f64_of(c.value_share)))
            .collect::<Vec<_>>(),
    );
    let curve = Chart::new(
        "chart-concentration",
        "Concentration of won value",
        &d_curve,
        curve,
    )
    .table(
        &["Top reps", "Share of reps", "Share of won value"],
        points
            .iter()
            .skip(1)
            .map(|c| vec![count(c.reps), percent(c.rep_share), percent(c.value_share)])
            .collect(),
    );

    let with_quota: Vec<&&RepPeriod> = board
        .iter()
        .filter(|r| r.quota_attainment.is_some())
        .collect();
    let d_attainment = format!(
        "Won value as a share of quota per rep with a quota; the dashed line is 100 %.{cut}"
    );
    let attainment = charts::hbars(
        "chart-attainment",
        &format!("Quota attainment per rep, {name}"),
        &d_attainment,
        &[("Attainment", GREEN)],
        &with_quota
            .iter()
            .take(CHART_REPS)
            .map(|r| {
                let a = r.quota_attainment.unwrap_or_default();
                Bar {
                    label: label(r),
                    segments: vec![f64_of(a)],
                    value: percent(a),
                    color: Some(if a >= rust_decimal::Decimal::ONE {
                        GREEN
                    } else {
                        CORAL
                    }),
                }
            })
            .collect::<Vec<_>>(),
        Some((1.0, "100 %")),
        Axis {
            format: &|v| percent(rust_decimal::Decimal::from_f64_retain(v).unwrap_or_default()),
            min_step: 0.0,
        },
    );
    let attainment = Chart::new(
        "chart-attainment",
        "Quota attainment per rep",
        &d_attainment,
        attainment,
    )
    .table(
        &["Rep", "Won value", "Quota", "Attainment"],
        with_quota
            .iter()
            .map(|r| {
                vec![
                    label(r),
                    site.money(r.figures.won_value),
                    r.quota.map(|q| site.money(q)).unwrap_or_default(),
                    r.quota_attainment.map(percent).unwrap_or_default(),
                ]
            })
            .collect(),
    );
    vec![calls, value, touches, curve, attainment]
}

/// periods/<label>/index.html: every rep's figures, the note and the charts.
pub fn period(site: &Site, i: usize) -> tera::Context {
    let p = &site.input.metrics.periods[i];
    let name = site.period_name(i);
    let (mut ctx, root) = site.context(&name, 2);
    ctx.insert("name", &name);
    ctx.insert("label", &p.label);
    let cal = &site.input.config.calendar;
    ctx.insert(
        "dates",
        &format!("{} to {}", cal.first_day(p.period), cal.last_day(p.period)),
    );
    ctx.insert(
        "previous",
        &i.checked_sub(1).map(|j| site.period_link(j, &root)),
    );
    ctx.insert(
        "next",
        &(i + 1 < site.input.metrics.periods.len()).then(|| site.period_link(i + 1, &root)),
    );
    ctx.insert(
        "sentences",
        &site.headline_sentences(&p.company.headline, &name),
    );
    ctx.insert("columns", &FIGURE_COLUMNS);
    ctx.insert("rows", &period_rows(site, p, &root, i));
    ctx.insert(
        "note",
        &site
            .input
            .ingested
            .notes
            .get(&p.period)
            .map(|n| markdown::render(&n.markdown)),
    );
    ctx.insert("charts", &period_charts(site, p, &name));
    ctx.insert("target", &site.input.metrics.follow_up_target);
    ctx
}

#[derive(Debug, Serialize)]
struct FileRow {
    file: String,
    table: String,
    read: String,
    accepted: String,
    rejected: String,
}

#[derive(Debug, Serialize)]
struct RejectRow {
    place: String,
    column: String,
    reason: String,
    detail: String,
}

/// data-quality.html: per-file counts, every rejected row, unmatched files, warnings.
pub fn data_quality(site: &Site) -> tera::Context {
    let ing = site.input.ingested;
    let (mut ctx, _) = site.context("Data quality", 0);
    let files: Vec<FileRow> = ing
        .files
        .iter()
        .map(|f| FileRow {
            file: f.file.clone(),
            table: f.table.map_or(String::new(), |t| t.name().to_string()),
            read: f.counts.map(|c| count(c.read)).unwrap_or_default(),
            accepted: f.counts.map(|c| count(c.accepted)).unwrap_or_default(),
            rejected: f.counts.map(|c| count(c.rejected)).unwrap_or_default(),
        })
        .collect();
    let unmatched: Vec<&str> = ing
        .files
        .iter()
        .filter(|f| f.table.is_none())
        .map(|f| f.file.as_str())
        .collect();
    let rejects: Vec<RejectRow> = ing
        .rejects
        .iter()
        .map(|r| RejectRow {
            place: format!("{}:{}", r.file, r.line),
            column: r.column.clone(),
            reason: r.reason.code().to_string(),
            detail: r.detail.clone(),
        })
        .collect();
    ctx.insert("files", &files);
    ctx.insert("unmatched", &unmatched);
    ctx.insert("rejects", &rejects);
    ctx.insert("warnings", &ing.warnings);
    ctx
}
