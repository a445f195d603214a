//! Trend charts over every period: won value against quota, attainment and the five
//! metrics, for the company (overview), a team or a rep. Formatting only: every value is a
//! figure `metrics` computed for that period.

use super::Site;
use super::charts::{self, Chart, Versus};
use super::money::{count, percent, short_money};
use repcard_core::model::Money;
use repcard_metrics::Figures;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// One period of a history: its position, figures, quota and attainment.
pub(super) struct Point<'a> {
    /// Index into `Metrics::periods`.
    pub(super) period: usize,
    /// The rep's, team's or company's figures.
    pub(super) figures: &'a Figures,
    /// The period's quota.
    pub(super) quota: Option<Money>,
    /// Won value / quota.
    pub(super) attainment: Option<Decimal>,
}

fn f64_of(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// A value read from a point for drawing, and the same value written exactly for the table.
type Get<'g> = Box<dyn Fn(&Point) -> Option<f64> + 'g>;
type Cell<'g> = Box<dyn Fn(&Point) -> String + 'g>;

/// One trend chart's definition.
struct Spec<'s> {
    id: &'s str,
    title: &'s str,
    get: Get<'s>,
    cell: Cell<'s>,
    tick: &'s dyn Fn(f64) -> String,
    reference: Option<f64>,
    min_step: f64,
}

/// Whether each trend chart carries its numbers as a table, or the page holds them elsewhere
/// (a rep page's "Every period" table), so that none are written for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Numbers {
    /// A table of the chart's numbers under it.
    Table,
    /// No table: the page has the numbers in a table of its own.
    Elsewhere,
}

/// The trend charts over a history (oldest first, gaps where the rep or team had no row):
/// won value against quota, quota attainment, then the five metrics. `who` names the rep,
/// team or company in titles.
pub(super) fn trends(site: &Site, who: &str, history: &[Point], numbers: Numbers) -> Vec<Chart> {
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
    let counted = |id: &'static str, title: &'static str, f: fn(&Figures) -> u64| Spec {
        id,
        title,
        get: Box::new(move |p: &Point| Some(f(p.figures) as f64)),
        cell: Box::new(move |p: &Point| count(f(p.figures))),
        tick: &count_of,
        reference: None,
        min_step: 1.0,
    };
    let specs: Vec<Spec> = vec![
        Spec {
            id: "won-value",
            title: "Won value",
            get: Box::new(|p: &Point| Some(f64_of(p.figures.won_value))),
            cell: Box::new(|p: &Point| site.money(p.figures.won_value)),
            tick: &money_of,
            reference: None,
            min_step: 1.0,
        },
        Spec {
            id: "attainment",
            title: "Quota attainment",
            get: Box::new(|p: &Point| p.attainment.map(f64_of)),
            cell: Box::new(|p: &Point| p.attainment.map(percent).unwrap_or_default()),
            tick: &pct_of,
            reference: Some(1.0),
            min_step: 0.0,
        },
        counted("new-leads", "New leads", |f| f.leads_created),
        counted("calls-new", "Calls to new leads", |f| f.calls_new),
        counted("calls-previous", "Calls to previous leads", |f| {
            f.calls_previous
        }),
        counted(
            "calls-engaged",
            "Follow-up calls to engaged prospects",
            |f| f.calls_engaged,
        ),
        Spec {
            id: "proposal-value",
            title: "Proposal value",
            get: Box::new(|p: &Point| Some(f64_of(p.figures.proposal_value))),
            cell: Box::new(|p: &Point| site.money(p.figures.proposal_value)),
            tick: &money_of,
            reference: None,
            min_step: 1.0,
        },
    ];
    let quotas: Vec<Option<f64>> = span
        .iter()
        .map(|(_, p)| p.and_then(|p| p.quota).map(f64_of))
        .collect();
    let has_quota = quotas.iter().any(Option::is_some);
    let mut out = Vec::new();
    for spec in specs {
        let points: Vec<(String, Option<f64>)> = span
            .iter()
            .map(|(i, p)| (periods[*i].label.clone(), p.and_then(&spec.get)))
            .collect();
        if points.iter().all(|p| p.1.is_none()) {
            continue;
        }
        let versus = (spec.id == "won-value" && has_quota).then_some(Versus {
            main: "Won value",
            name: "Quota",
            values: &quotas,
        });
        let title = match versus {
            Some(_) => "Won value against quota",
            None => spec.title,
        };
        let id = format!("trend-{}", spec.id);
        let desc = format!(
            "{title} per period for {who}, oldest first; the newest period is the large point."
        );
        let svg = charts::trend(
            &id,
            &format!("{title}, {who}"),
            &desc,
            &points,
            spec.reference,
            versus,
            charts::Axis {
                format: spec.tick,
                min_step: spec.min_step,
            },
        );
        let chart = Chart::new(&id, title, &desc, svg);
        if numbers == Numbers::Elsewhere {
            out.push(chart);
            continue;
        }
        let rows = span
            .iter()
            .map(|(i, p)| {
                let mut row = vec![site.period_name(*i), p.map(&spec.cell).unwrap_or_default()];
                if versus.is_some() {
                    row.push(
                        p.and_then(|p| p.quota)
                            .map(|q| site.money(q))
                            .unwrap_or_default(),
                    );
                }
                row
            })
            .collect();
        let columns: &[&str] = match versus {
            Some(_) => &["Period", spec.title, "Quota"],
            None => &["Period", spec.title],
        };
        out.push(chart.table(columns, rows));
    }
    out
}
