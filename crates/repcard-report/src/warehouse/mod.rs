//! The warehouse path (`repcard build --metrics FILE.csv`): a `metrics.csv` computed elsewhere
//! (e.g. by `sql/metrics.sql`) in, the figures the report needs out. Only the figures of the
//! file are known; what needs row-level detail (touch distributions, one-touch persistence,
//! proposals, rejects) is unknown, and the report says so (see [`crate::Provenance`]).

mod read;

use anyhow::Result;
pub(crate) use read::{MetricsRow, read_metrics_file};
use repcard_core::config::Config;
use repcard_core::model::{Dataset, Rep, RepIx};
use repcard_core::period::{Calendar, Period};
use repcard_ingest::{Ingested, Note, discover};
use repcard_metrics::{Metrics, PeriodFigures, RepPeriod, groups};
use std::collections::BTreeMap;
use std::path::Path;

/// What the warehouse path hands to the report.
pub struct FromMetricsFile {
    /// The reps named in the file (sorted by `rep_id`), the notes, no rows.
    pub ingested: Ingested,
    /// The file's figures with team and company roll-ups.
    pub metrics: Metrics,
    /// Lines of figures read.
    pub rows: usize,
    /// CSV files in the data folder, which this path does not read.
    pub ignored_csv_files: usize,
}

/// Rebuilds reps and figures from a metrics file's rows: the rows' figures, quota and
/// attainment as given; teams and company rolled up as for a normal build; every period from
/// the first to the last label, those without rows empty.
pub(crate) fn rebuild(
    rows: Vec<MetricsRow>,
    calendar: &Calendar,
    target: u32,
) -> (Dataset, Metrics) {
    let mut by_id: BTreeMap<&str, (&str, &str)> = BTreeMap::new();
    for r in &rows {
        by_id.entry(&r.rep_id).or_insert((&r.rep_name, &r.team));
    }
    let reps: Vec<Rep> = by_id
        .iter()
        .map(|(id, (name, team))| Rep {
            id: id.to_string(),
            name: name.to_string(),
            team: team.to_string(),
            monthly_quota: None,
            start_date: None,
            end_date: None,
        })
        .collect();
    let ix: BTreeMap<String, RepIx> = reps
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.clone(), i as RepIx))
        .collect();
    let data = Dataset {
        reps,
        ..Dataset::default()
    };
    let mut by_period: BTreeMap<Period, Vec<RepPeriod>> = BTreeMap::new();
    for r in rows {
        by_period.entry(r.period).or_default().push(RepPeriod {
            rep: ix[&r.rep_id],
            figures: r.figures,
            quota: r.quota,
            quota_attainment: r.quota_attainment,
        });
    }
    let range = by_period
        .keys()
        .next()
        .zip(by_period.keys().next_back())
        .map(|(a, b)| (a.index, b.index));
    let periods = range
        .map(|(first, last)| {
            (first..=last)
                .map(|index| {
                    let period = Period { index };
                    let mut reps = by_period.remove(&period).unwrap_or_default();
                    // Rep indices follow rep_id order, so this is the contract's row order.
                    reps.sort_by_key(|r| r.rep);
                    let (teams, company) = groups::roll_up(&data, &reps, target);
                    PeriodFigures {
                        period,
                        label: calendar.label(period),
                        reps,
                        teams,
                        company,
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    (
        data,
        Metrics {
            follow_up_target: target,
            periods,
            origins: None,
        },
    )
}

/// Reads the notes under `DATA_DIR/notes/` as a normal build does (a note per period label;
/// the first in path order wins) and counts the CSV files it leaves alone.
fn notes(
    data_dir: &Path,
    config: &Config,
    skip: Option<&Path>,
) -> Result<(BTreeMap<Period, Note>, Vec<repcard_core::Diagnostic>, usize)> {
    let found = discover::discover(data_dir, skip)?;
    let mut warnings = found.warnings;
    let notes = repcard_ingest::read_notes(found.notes, config, &mut warnings)?;
    Ok((notes, warnings, found.csv_files.len()))
}

/// Reads a metrics file (strictly: any problem fails the run) and the data folder's notes.
pub fn load(
    metrics_file: &Path,
    data_dir: &Path,
    config: &Config,
    skip: Option<&Path>,
) -> Result<FromMetricsFile> {
    let target = config.follow_up_target;
    let rows = read_metrics_file(metrics_file, &config.calendar, target)?;
    let n = rows.len();
    let (dataset, metrics) = rebuild(rows, &config.calendar, target);
    let (notes, warnings, ignored_csv_files) = notes(data_dir, config, skip)?;
    Ok(FromMetricsFile {
        ingested: Ingested {
            dataset,
            notes,
            warnings,
            ..Ingested::default()
        },
        metrics,
        rows: n,
        ignored_csv_files,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use repcard_core::period::PeriodUnit;
    use repcard_metrics::Figures;
    use std::str::FromStr;

    fn d(s: &str) -> rust_decimal::Decimal {
        rust_decimal::Decimal::from_str(s).unwrap()
    }

    fn row(label: &str, id: &str, team: &str, won: &str, quota: Option<&str>) -> MetricsRow {
        let cal = Calendar::default();
        MetricsRow {
            line: 2,
            period: cal.parse_label(label).unwrap(),
            rep_id: id.into(),
            rep_name: format!("Rep {id}"),
            team: team.into(),
            figures: Figures {
                leads_created: 10,
                calls_new: 4,
                won_count: 1,
                won_value: d(won),
                leads_unengaged_at_target: 2,
                ..Figures::new(5)
            },
            quota: quota.map(d),
            // The warehouse's number, kept even where it is not won / quota.
            quota_attainment: quota.map(|_| d("9.9999")),
        }
    }

    #[test]
    fn periods_run_from_first_to_last_label_with_gaps_empty() {
        let rows = vec![
            row("2026-10", "r2", "West", "100.00", None),
            row("2026-08", "r1", "East", "0.00", Some("50.00")),
        ];
        let (data, m) = rebuild(rows, &Calendar::default(), 5);
        let labels: Vec<&str> = m.periods.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(labels, ["2026-08", "2026-09", "2026-10"]);
        assert!(m.periods[1].reps.is_empty() && m.periods[1].teams.is_empty());
        assert_eq!(m.periods[1].company.figures, Figures::new(5));
        let ids: Vec<&str> = data.reps.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["r1", "r2"]);
        assert!(data.reps.iter().all(|r| r.monthly_quota.is_none()));
    }

    #[test]
    fn quota_and_attainment_are_kept_and_groups_rolled_up() {
        let rows = vec![
            row("2026-10", "r3", "West", "10.00", None),
            row("2026-10", "r1", "East", "500.00", Some("400.00")),
            row("2026-10", "r2", "East", "90.00", Some("100.00")),
        ];
        let (data, m) = rebuild(rows, &Calendar::default(), 5);
        let p = &m.periods[0];
        let order: Vec<&str> = p
            .reps
            .iter()
            .map(|r| data.reps[r.rep as usize].id.as_str())
            .collect();
        assert_eq!(order, ["r1", "r2", "r3"]);
        assert_eq!(p.reps[0].quota_attainment, Some(d("9.9999")));
        assert_eq!(p.reps[2].quota, None);
        let east = &p.teams[0];
        assert_eq!(
            (east.name.as_str(), east.quota),
            ("East", Some(d("500.00")))
        );
        assert_eq!(east.figures.won_value, d("590.00"));
        assert_eq!(east.figures.leads_unengaged_at_target, 4);
        let h = &p.company.headline;
        assert_eq!((h.reps_with_quota, h.reps_at_quota), (2, 1));
        assert_eq!(h.concentration_reps, Some(1)); // 500 of 600
        assert_eq!(p.company.figures.leads_created, 30);
    }

    #[test]
    fn fiscal_quarters_are_labelled_as_the_calendar_says() {
        let cal = Calendar {
            unit: PeriodUnit::Quarter,
            fiscal_year_start: 4,
        };
        let mut r = row("2026-10", "r1", "", "0.00", None);
        r.period = cal.parse_label("FY2027-Q1").unwrap();
        let mut later = r.clone();
        later.period = cal.parse_label("FY2027-Q3").unwrap();
        let (_, m) = rebuild(vec![later, r], &cal, 5);
        let labels: Vec<&str> = m.periods.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(labels, ["FY2027-Q1", "FY2027-Q2", "FY2027-Q3"]);
    }
}
