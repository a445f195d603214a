//! The five charts of a period page, each with its numbers.

use super::Site;
use super::charts::{self, AMBER, Axis, BLUE, Bar, CORAL, Chart, GREEN, VIOLET};
use super::money::{count, percent, short_money};
use repcard_metrics::ranking::{concentration_curve, leaderboard};
use repcard_metrics::{PeriodFigures, RepPeriod};
use rust_decimal::prelude::ToPrimitive;
/// Reps shown in a per-rep chart; the numbers table always lists every rep.
const CHART_REPS: usize = 40;

fn f64_of(d: rust_decimal::Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// The five charts of a period page.
pub(super) fn period_charts(site: &Site, p: &PeriodFigures, name: &str) -> Vec<Chart> {
    let cur = &site.input.config.currency;
    let target = site.input.metrics.follow_up_target;
    let board = leaderboard(&p.reps);
    // Each per-rep chart lists its reps by its own value, largest first (ties in
    // leaderboard order), so the bars read as a ranking.
    let by = |key: fn(&RepPeriod) -> rust_decimal::Decimal| {
        let mut reps = board.clone();
        reps.sort_by_key(|r| std::cmp::Reverse(key(r)));
        reps
    };
    let by_calls = by(|r| r.figures.calls().into());
    let by_value = by(|r| r.figures.proposal_value);
    let shown_calls = &by_calls[..by_calls.len().min(CHART_REPS)];
    let shown_value = &by_value[..by_value.len().min(CHART_REPS)];
    let cut = if board.len() > CHART_REPS {
        format!(
            " Shown: the {CHART_REPS} highest of {} reps; the numbers list all.",
            board.len()
        )
    } else {
        String::new()
    };
    let label = |r: &RepPeriod| site.rep_name(r.rep).to_string();

    let d_calls = format!(
        "Calls per rep, stacked: calls to new leads, to previous leads and follow-up calls to engaged prospects; most calls first.{cut}"
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
        &shown_calls
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
        by_calls
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
        "Value of the proposals each rep created, with their number; largest value first.{cut}"
    );
    let value = charts::hbars(
        "chart-proposals",
        &format!("Proposal value per rep, {name}"),
        &d_value,
        &[("Proposal value", VIOLET)],
        &shown_value
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
        by_value
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
                    repcard_metrics::figures::share(*n, total)
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

    let by_attainment = by(|r| r.quota_attainment.unwrap_or_default());
    let with_quota: Vec<&&RepPeriod> = by_attainment
        .iter()
        .filter(|r| r.quota_attainment.is_some())
        .collect();
    let d_attainment = format!(
        "Won value as a share of quota per rep with a quota, highest first; the dashed line is 100 %.{cut}"
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
    let calls = calls.unless_empty(
        p.company.figures.calls() == 0,
        format!("No calls were made in {name}."),
    );
    let value = value.unless_empty(
        p.company.figures.proposals == 0,
        format!("No proposals were created in {name}."),
    );
    let touches = touches
        .unless_empty(
            total == 0,
            format!("No lead created in {name} is still unengaged."),
        )
        .unless_empty(
            site.not_available().is_some(),
            crate::NOT_AVAILABLE.to_string(),
        );
    let curve = curve.unless_empty(points.is_empty(), format!("Nothing was won in {name}."));
    let attainment = attainment.unless_empty(
        with_quota.is_empty(),
        format!("No rep had a quota in {name}."),
    );
    vec![calls, value, touches, curve, attainment]
}
