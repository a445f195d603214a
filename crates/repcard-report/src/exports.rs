//! The machine-readable outputs: `metrics.csv`, `metrics.json`, `rejects.csv`, `files.csv`.

use super::Provenance;
use super::format::{money, opt_money, opt_ratio};
use anyhow::Result;
use repcard_core::config::Config;
use repcard_core::model::Dataset;
use repcard_ingest::Ingested;
use repcard_metrics::{Figures, Group, Headline, Metrics, PeriodFigures};
use serde::Serialize;

/// The exact header of `metrics.csv` (docs/contract.md §5).
pub(crate) const METRICS_COLUMNS: [&str; 18] = [
    "period",
    "rep_id",
    "rep_name",
    "team",
    "leads_created",
    "leads_qualified",
    "calls_new",
    "calls_previous",
    "calls_engaged",
    "meetings",
    "proposals",
    "proposal_value",
    "won_count",
    "won_value",
    "quota",
    "quota_attainment",
    "leads_engaged",
    "leads_unengaged_at_target",
];

pub(crate) fn csv_bytes(
    write: impl FnOnce(&mut csv::Writer<Vec<u8>>) -> csv::Result<()>,
) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    write(&mut w)?;
    w.into_inner().map_err(|e| anyhow::anyhow!("{}", e.error()))
}

/// One period's rows of `metrics.csv`, in `rep_id` order, each cell as written.
pub(crate) fn metrics_rows(data: &Dataset, p: &PeriodFigures) -> Vec<[String; 18]> {
    p.reps
        .iter()
        .map(|r| {
            let rep = &data.reps[r.rep as usize];
            let f = &r.figures;
            [
                p.label.clone(),
                rep.id.clone(),
                rep.name.clone(),
                rep.team.clone(),
                f.leads_created.to_string(),
                f.leads_qualified.to_string(),
                f.calls_new.to_string(),
                f.calls_previous.to_string(),
                f.calls_engaged.to_string(),
                f.meetings.to_string(),
                f.proposals.to_string(),
                money(f.proposal_value),
                f.won_count.to_string(),
                money(f.won_value),
                opt_money(r.quota),
                opt_ratio(r.quota_attainment),
                f.leads_engaged.to_string(),
                f.leads_unengaged_at_target.to_string(),
            ]
        })
        .collect()
}

/// The header and the rows of the periods `periods`, as `metrics.csv` writes them.
pub(crate) fn metrics_csv_of<'p>(
    data: &Dataset,
    periods: impl IntoIterator<Item = &'p PeriodFigures>,
) -> Result<Vec<u8>> {
    csv_bytes(|w| {
        w.write_record(METRICS_COLUMNS)?;
        for p in periods {
            for row in metrics_rows(data, p) {
                w.write_record(&row)?;
            }
        }
        Ok(())
    })
}

/// `metrics.csv`: one row per (period, active rep), sorted by period then `rep_id`.
pub fn metrics_csv(data: &Dataset, metrics: &Metrics) -> Result<Vec<u8>> {
    metrics_csv_of(data, &metrics.periods)
}

/// `rejects.csv`: `file,line,column,reason,detail`, sorted by file (in path order) then line.
pub fn rejects_csv(ingested: &Ingested) -> Result<Vec<u8>> {
    csv_bytes(|w| {
        w.write_record(["file", "line", "column", "reason", "detail"])?;
        for r in &ingested.rejects {
            w.write_record([
                r.file.as_str(),
                &r.line.to_string(),
                &r.column,
                r.reason.code(),
                &r.detail,
            ])?;
        }
        Ok(())
    })
}

/// `files.csv`: one row per CSV file found, in sorted path order.
pub(crate) fn files_csv(ingested: &Ingested) -> Result<Vec<u8>> {
    csv_bytes(|w| {
        w.write_record([
            "file",
            "table",
            "rows_read",
            "rows_accepted",
            "rows_rejected",
        ])?;
        for f in &ingested.files {
            let (read, accepted, rejected) = match f.counts {
                Some(c) => (
                    c.read.to_string(),
                    c.accepted.to_string(),
                    c.rejected.to_string(),
                ),
                None => Default::default(),
            };
            w.write_record([
                f.file.as_str(),
                f.table.map_or("", |t| t.name()),
                &read,
                &accepted,
                &rejected,
            ])?;
        }
        Ok(())
    })
}

#[derive(Serialize)]
struct JsonFigures {
    leads_created: u64,
    leads_qualified: u64,
    calls_new: u64,
    calls_previous: u64,
    calls_engaged: u64,
    calls: u64,
    meetings: u64,
    proposals: u64,
    proposal_value: String,
    average_proposal: Option<String>,
    won_count: u64,
    won_value: String,
    quota: Option<String>,
    quota_attainment: Option<String>,
    leads_engaged: u64,
    leads_unengaged_at_target: u64,
    /// Never-engaged leads by touches: `["0", "1", …, "5+"]` keys in order; `null` when the
    /// figures came from a metrics file.
    touch_distribution: Option<Vec<u64>>,
}

fn some(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

impl JsonFigures {
    fn new(
        f: &Figures,
        quota: Option<rust_decimal::Decimal>,
        attainment: Option<rust_decimal::Decimal>,
        rows: bool,
    ) -> Self {
        JsonFigures {
            leads_created: f.leads_created,
            leads_qualified: f.leads_qualified,
            calls_new: f.calls_new,
            calls_previous: f.calls_previous,
            calls_engaged: f.calls_engaged,
            calls: f.calls(),
            meetings: f.meetings,
            proposals: f.proposals,
            proposal_value: money(f.proposal_value),
            average_proposal: f.average_proposal().map(money),
            won_count: f.won_count,
            won_value: money(f.won_value),
            quota: some(opt_money(quota)),
            quota_attainment: some(opt_ratio(attainment)),
            leads_engaged: f.leads_engaged,
            leads_unengaged_at_target: f.leads_unengaged_at_target,
            touch_distribution: rows.then(|| f.touch_distribution.clone()),
        }
    }
}

#[derive(Serialize)]
struct JsonHeadline {
    reps: u64,
    reps_with_quota: u64,
    reps_at_quota: u64,
    quota_reached_share: Option<String>,
    concentration_reps: Option<u64>,
    concentration_share: Option<String>,
    unengaged_leads: Option<u64>,
    unengaged_at_target: u64,
    unengaged_one_touch: Option<u64>,
    persistence_at_target_share: Option<String>,
    persistence_one_touch_share: Option<String>,
}

impl JsonHeadline {
    /// The headline; the persistence figures only when computed from rows.
    fn new(h: &Headline, rows: bool) -> Self {
        JsonHeadline {
            reps: h.reps,
            reps_with_quota: h.reps_with_quota,
            reps_at_quota: h.reps_at_quota,
            quota_reached_share: some(opt_ratio(h.quota_reached_share)),
            concentration_reps: h.concentration_reps,
            concentration_share: some(opt_ratio(h.concentration_share)),
            unengaged_leads: rows.then_some(h.unengaged_leads),
            unengaged_at_target: h.unengaged_at_target,
            unengaged_one_touch: rows.then_some(h.unengaged_one_touch),
            persistence_at_target_share: some(opt_ratio(h.persistence_at_target_share))
                .filter(|_| rows),
            persistence_one_touch_share: some(opt_ratio(h.persistence_one_touch_share))
                .filter(|_| rows),
        }
    }
}

#[derive(Serialize)]
struct JsonGroup {
    team: Option<String>,
    rep_ids: Vec<String>,
    #[serde(flatten)]
    figures: JsonFigures,
    headline: JsonHeadline,
}

#[derive(Serialize)]
struct JsonRep {
    rep_id: String,
    rep_name: String,
    team: String,
    #[serde(flatten)]
    figures: JsonFigures,
}

#[derive(Serialize)]
struct JsonPeriod {
    period: String,
    name: String,
    first_day: String,
    last_day: String,
    reps: Vec<JsonRep>,
    teams: Vec<JsonGroup>,
    company: JsonGroup,
}

#[derive(Serialize)]
struct JsonMetrics {
    title: String,
    /// The metrics file the figures were read from (`build --metrics`); absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    metrics_file: Option<String>,
    currency: String,
    period_unit: String,
    fiscal_year_start: i8,
    timezone: String,
    new_lead_window_days: u32,
    follow_up_target: u32,
    touch_buckets: Vec<String>,
    periods: Vec<JsonPeriod>,
}

/// `metrics.json`: every figure of `metrics.csv` plus team and company roll-ups, the headline
/// questions and the touch distributions, per period. Money and ratios are strings with
/// fixed places so that no reader turns them into binary floating point.
pub fn metrics_json(config: &Config, data: &Dataset, metrics: &Metrics) -> Result<Vec<u8>> {
    metrics_json_from(config, data, metrics, &Provenance::Rows)
}

/// `metrics.json` for figures of any provenance: what a metrics file can't know is `null`.
pub(crate) fn metrics_json_from(
    config: &Config,
    data: &Dataset,
    metrics: &Metrics,
    provenance: &Provenance,
) -> Result<Vec<u8>> {
    let cal = &config.calendar;
    let rows = provenance.has_rows();
    let group = |g: &Group, team: Option<String>| JsonGroup {
        team,
        rep_ids: g
            .reps
            .iter()
            .map(|r| data.reps[*r as usize].id.clone())
            .collect(),
        figures: JsonFigures::new(&g.figures, g.quota, g.quota_attainment, rows),
        headline: JsonHeadline::new(&g.headline, rows),
    };
    let target = metrics.follow_up_target;
    let doc = JsonMetrics {
        title: config.title.clone(),
        metrics_file: match provenance {
            Provenance::Rows => None,
            Provenance::MetricsFile { name, .. } => Some(name.clone()),
        },
        currency: config.currency.clone(),
        period_unit: cal.unit.to_string(),
        fiscal_year_start: cal.fiscal_year_start,
        timezone: config.timezone_name.clone(),
        new_lead_window_days: config.new_lead_window_days,
        follow_up_target: target,
        touch_buckets: (0..=target)
            .map(|t| {
                if t == target {
                    format!("{t}+")
                } else {
                    t.to_string()
                }
            })
            .collect(),
        periods: metrics
            .periods
            .iter()
            .map(|p| JsonPeriod {
                period: p.label.clone(),
                name: cal.display_name(p.period),
                first_day: cal.first_day(p.period).to_string(),
                last_day: cal.last_day(p.period).to_string(),
                reps: p
                    .reps
                    .iter()
                    .map(|r| {
                        let rep = &data.reps[r.rep as usize];
                        JsonRep {
                            rep_id: rep.id.clone(),
                            rep_name: rep.name.clone(),
                            team: rep.team.clone(),
                            figures: JsonFigures::new(
                                &r.figures,
                                r.quota,
                                r.quota_attainment,
                                rows,
                            ),
                        }
                    })
                    .collect(),
                teams: p
                    .teams
                    .iter()
                    .map(|g| group(g, Some(g.name.clone())))
                    .collect(),
                company: group(&p.company, None),
            })
            .collect(),
    };
    let mut bytes = serde_json::to_vec_pretty(&doc)?;
    bytes.push(b'\n');
    Ok(bytes)
}
