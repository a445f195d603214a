//! Reading a `metrics.csv` strictly: the exact header of docs/contract.md §5, one typed row per line,
//! every problem named by file, line, column and value.

use crate::exports::METRICS_COLUMNS;
use anyhow::{Context, Result};
use repcard_core::Diagnostic;
use repcard_core::model::Money;
use repcard_core::period::{Calendar, Period, PeriodUnit};
use repcard_metrics::Figures;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::collections::btree_map::Entry;
use std::path::Path;

/// Problems listed in full before the rest are only counted.
const SHOWN_ERRORS: usize = 20;

/// One line of a `metrics.csv`: one rep's figures in one period, as the warehouse wrote them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MetricsRow {
    /// Physical line of the record (the header is line 1).
    pub line: u64,
    /// The period its label names.
    pub period: Period,
    /// `rep_id`.
    pub rep_id: String,
    /// `rep_name`.
    pub rep_name: String,
    /// `team` (empty for reps without a team).
    pub team: String,
    /// The counts and sums; the row-level figures (touch distribution, one-touch leads)
    /// stay zero and are never shown: the report knows they are unknown.
    pub figures: Figures,
    /// `quota` as given.
    pub quota: Option<Money>,
    /// `quota_attainment` as given.
    pub quota_attainment: Option<Decimal>,
}

/// Why a cell is not what the contract says.
type CellError = String;

fn count(s: &str) -> Result<u64, CellError> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err("is not a count; expected a whole number like 12".into());
    }
    s.parse()
        .map_err(|_| "is too large for a count".to_string())
}

/// Money: a non-negative plain decimal with at most two places (`12500.00`, `12500`).
fn money(s: &str) -> Result<Money, CellError> {
    let (int, frac) = s.split_once('.').unwrap_or((s, "00"));
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || !digits(frac) || frac.len() > 2 {
        return Err(
            "is not an amount; expected a non-negative plain decimal with two places like 12500.00"
                .into(),
        );
    }
    s.parse()
        .map_err(|_| "is too large for an amount".to_string())
}

/// A ratio with exactly four places (`0.8125`).
fn ratio(s: &str) -> Result<Decimal, CellError> {
    let ok = s.split_once('.').is_some_and(|(int, frac)| {
        !int.is_empty()
            && int.bytes().all(|b| b.is_ascii_digit())
            && frac.len() == 4
            && frac.bytes().all(|b| b.is_ascii_digit())
    });
    if !ok {
        return Err("is not a ratio; expected four decimal places like 0.8125".into());
    }
    s.parse()
        .map_err(|_| "is too large for a ratio".to_string())
}

fn optional<T>(
    s: &str,
    parse: impl Fn(&str) -> Result<T, CellError>,
) -> Result<Option<T>, CellError> {
    if s.is_empty() {
        Ok(None)
    } else {
        parse(s).map(Some)
    }
}

/// The problems found so far, each as `file:line: column c: "value" …`.
struct Problems {
    file: String,
    list: Vec<String>,
    /// Period labels that the report's calendar does not read, with their lines.
    bad_periods: Vec<(u64, String)>,
}

impl Problems {
    fn cell(&mut self, line: u64, column: &str, value: &str, why: &str) {
        self.list.push(format!(
            "{}:{line}: column {column}: {value:?} {why}",
            self.file
        ));
    }

    fn line(&mut self, line: u64, what: String) {
        self.list.push(format!("{}:{line}: {what}", self.file));
    }

    fn into_result(self, calendar: &Calendar) -> Result<()> {
        if let Some(d) = self.calendar_mismatch(calendar) {
            return Err(d.into());
        }
        let n = self.list.len();
        if n == 0 {
            return Ok(());
        }
        let mut text = format!(
            "{}: {n} problem(s); a metrics file must follow the data contract's metrics.csv exactly (nothing was written):",
            self.file
        );
        for p in self.list.iter().take(SHOWN_ERRORS) {
            text.push_str("\n  ");
            text.push_str(p);
        }
        if n > SHOWN_ERRORS {
            text.push_str(&format!("\n  … and {} more", n - SHOWN_ERRORS));
        }
        anyhow::bail!("{text}")
    }
}

impl Problems {
    /// One diagnosis instead of a line per row when every period label the report's calendar
    /// rejects is a label of another period unit: the file was computed with other settings.
    /// (A fiscal start that differs is left to the per-row messages, which give an example
    /// label.)
    fn calendar_mismatch(&self, calendar: &Calendar) -> Option<Diagnostic> {
        let (first_line, first_label) = self.bad_periods.first()?;
        let units = [
            PeriodUnit::Week,
            PeriodUnit::Month,
            PeriodUnit::Quarter,
            PeriodUnit::Year,
        ];
        let starts = [calendar.fiscal_year_start, 1, 2];
        let other = units.iter().find_map(|&unit| {
            starts.iter().find_map(|&fiscal_year_start| {
                let c = Calendar {
                    unit,
                    fiscal_year_start,
                };
                let all = self
                    .bad_periods
                    .iter()
                    .all(|(_, label)| c.parse_label(label).is_some());
                (all && c.unit != calendar.unit).then_some(c)
            })
        })?;
        let fiscal = if other.unit == PeriodUnit::Week || other.unit == PeriodUnit::Month {
            String::new()
        } else if other.fiscal_year_start == 1 {
            " with fiscal_year_start = 1".to_string()
        } else {
            " with the file's fiscal_year_start".to_string()
        };
        Some(
            Diagnostic::new(format!(
                "the file's periods look like {} periods ({first_label:?}), but repcard.toml says period = \"{}\"{}; {} row(s) have such labels (nothing was written)",
                other.unit,
                calendar.unit,
                if calendar.fiscal_year_start == 1 {
                    String::new()
                } else {
                    format!(" with fiscal_year_start = {}", calendar.fiscal_year_start)
                },
                self.bad_periods.len()
            ))
            .at(format!("{}:{first_line} (column period)", self.file))
            .help(format!(
                "set period = \"{}\"{fiscal} in the data folder's repcard.toml, or compute the file with the report's calendar",
                other.unit
            )),
        )
    }
}

/// Checks the header: exactly the columns of docs/contract.md §5, in order (a UTF-8 BOM is allowed).
fn check_header(header: &csv::StringRecord, problems: &mut Problems) -> bool {
    let seen: Vec<&str> = header
        .iter()
        .enumerate()
        .map(|(i, h)| {
            if i == 0 {
                h.trim_start_matches('\u{feff}')
            } else {
                h
            }
        })
        .collect();
    if seen == METRICS_COLUMNS {
        return true;
    }
    let expected = METRICS_COLUMNS.join(",");
    let why = match seen.iter().zip(METRICS_COLUMNS).position(|(s, e)| *s != e) {
        Some(i) => format!(
            "column {} of the header is {:?}, expected {:?}",
            i + 1,
            seen[i],
            METRICS_COLUMNS[i]
        ),
        None => format!(
            "the header has {} columns, expected {}",
            seen.len(),
            METRICS_COLUMNS.len()
        ),
    };
    problems.line(1, format!("{why}; the header must be exactly {expected}"));
    false
}

/// One record's cells by column name; each problem goes on the list.
struct Cells<'a, 'p> {
    record: &'a csv::StringRecord,
    line: u64,
    problems: &'p mut Problems,
}

impl<'a> Cells<'a, '_> {
    /// A cell's trimmed text.
    fn text(&self, column: &str) -> &'a str {
        let i = METRICS_COLUMNS.iter().position(|c| *c == column);
        i.and_then(|i| self.record.get(i)).unwrap_or("").trim()
    }

    /// A cell parsed, or the default after listing the problem.
    fn parse<T: Default>(&mut self, column: &str, parse: fn(&str) -> Result<T, CellError>) -> T {
        let text = self.text(column);
        parse(text).unwrap_or_else(|why| {
            self.problems.cell(self.line, column, text, &why);
            T::default()
        })
    }
}

/// One record as a row; `None` (with the problems listed) when a cell is wrong.
fn parse_row(
    record: &csv::StringRecord,
    line: u64,
    calendar: &Calendar,
    target: u32,
    problems: &mut Problems,
) -> Option<MetricsRow> {
    let before = problems.list.len();
    let mut c = Cells {
        record,
        line,
        problems,
    };
    let label = c.text("period");
    let period = calendar.parse_label(label);
    if period.is_none() {
        let example = calendar.label(calendar.period_of(jiff::civil::date(2026, 10, 1)));
        let why = format!(
            "is not a {} label of this report's calendar (period and fiscal_year_start in repcard.toml); expected e.g. {example}",
            calendar.unit
        );
        c.problems.cell(line, "period", label, &why);
        c.problems.bad_periods.push((line, label.to_string()));
    }
    let rep_id = c.text("rep_id");
    if rep_id.is_empty() {
        c.problems
            .cell(line, "rep_id", rep_id, "is empty; every row names a rep");
    }
    let figures = Figures {
        leads_created: c.parse("leads_created", count),
        leads_qualified: c.parse("leads_qualified", count),
        calls_new: c.parse("calls_new", count),
        calls_previous: c.parse("calls_previous", count),
        calls_engaged: c.parse("calls_engaged", count),
        meetings: c.parse("meetings", count),
        proposals: c.parse("proposals", count),
        proposal_value: c.parse("proposal_value", money),
        won_count: c.parse("won_count", count),
        won_value: c.parse("won_value", money),
        leads_engaged: c.parse("leads_engaged", count),
        leads_unengaged_at_target: c.parse("leads_unengaged_at_target", count),
        ..Figures::new(target)
    };
    let quota = c.parse("quota", |s| optional(s, money));
    let quota_attainment = c.parse("quota_attainment", |s| optional(s, ratio));
    if quota_attainment.is_some() && quota.is_none() {
        let text = c.text("quota_attainment");
        c.problems.cell(
            line,
            "quota_attainment",
            text,
            "is given but quota is empty; attainment exists only with a quota",
        );
    }
    let row = MetricsRow {
        line,
        period: period?,
        rep_id: rep_id.to_string(),
        rep_name: c.text("rep_name").to_string(),
        team: c.text("team").to_string(),
        figures,
        quota,
        quota_attainment,
    };
    (problems.list.len() == before).then_some(row)
}

/// What earlier lines said, for the checks across lines: one row per (period, rep), one name
/// and team per rep.
#[derive(Default)]
struct Earlier {
    rows: BTreeMap<(Period, String), u64>,
    reps: BTreeMap<String, (String, String, u64)>,
}

impl Earlier {
    /// Whether `row` agrees with the earlier lines; lists the problem when not.
    fn agrees(&mut self, row: &MetricsRow, label: &str, problems: &mut Problems) -> bool {
        let id = &row.rep_id;
        match self.reps.entry(id.clone()) {
            Entry::Vacant(e) => {
                e.insert((row.rep_name.clone(), row.team.clone(), row.line));
            }
            Entry::Occupied(e) => {
                let (name, team, first) = e.get();
                let differs = if *name != row.rep_name {
                    Some(("rep_name", &row.rep_name, name))
                } else if *team != row.team {
                    Some(("team", &row.team, team))
                } else {
                    None
                };
                if let Some((column, value, earlier)) = differs {
                    let why = format!(
                        "differs from line {first} ({earlier:?}) for rep {id:?}; the report keeps one name and team per rep"
                    );
                    problems.cell(row.line, column, value, &why);
                    return false;
                }
            }
        }
        match self.rows.entry((row.period, id.clone())) {
            Entry::Vacant(e) => {
                e.insert(row.line);
                true
            }
            Entry::Occupied(e) => {
                let what = format!(
                    "columns period, rep_id: {label:?}, {id:?} appears again (first on line {}); one row per (period, rep)",
                    e.get()
                );
                problems.line(row.line, what);
                false
            }
        }
    }
}

/// Reads and checks every line of a `metrics.csv`; fails listing every problem (wrong header,
/// a bad number, a period label the calendar doesn't know, a duplicate (period, rep_id), a
/// rep whose name or team changes between lines).
pub(crate) fn read_metrics_file(
    path: &Path,
    calendar: &Calendar,
    target: u32,
) -> Result<Vec<MetricsRow>> {
    let file = path.display().to_string();
    let cannot_read = || format!("cannot read metrics file {file}");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(path)
        .with_context(cannot_read)?;
    let records: Vec<csv::StringRecord> = reader
        .records()
        .collect::<Result<_, _>>()
        .with_context(cannot_read)?;
    let mut problems = Problems {
        file: file.clone(),
        list: Vec::new(),
        bad_periods: Vec::new(),
    };
    let Some((header, records)) = records.split_first() else {
        anyhow::bail!("{file}:1: the file is empty; expected the metrics.csv header");
    };
    if !check_header(header, &mut problems) {
        return problems.into_result(calendar).map(|()| Vec::new());
    }
    let mut rows = Vec::with_capacity(records.len());
    let mut earlier = Earlier::default();
    for record in records {
        let line = record.position().map_or(0, |p| p.line());
        if record.len() != METRICS_COLUMNS.len() {
            let what = format!(
                "{} cells, expected {} (one per header column)",
                record.len(),
                METRICS_COLUMNS.len()
            );
            problems.line(line, what);
            continue;
        }
        if let Some(row) = parse_row(record, line, calendar, target, &mut problems)
            && earlier.agrees(&row, record.get(0).unwrap_or("").trim(), &mut problems)
        {
            rows.push(row);
        }
    }
    problems.into_result(calendar)?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_checked_against_the_contract_formats() {
        assert_eq!(count("12"), Ok(12));
        assert!(count("-1").is_err() && count("1.0").is_err() && count("").is_err());
        assert_eq!(money("12500.00").unwrap().to_string(), "12500.00");
        assert!(money("12500").is_ok() && money("0.5").is_ok());
        assert!(money("-1.00").is_err() && money("1,000.00").is_err() && money("1.005").is_err());
        assert!(ratio("0.8125").is_ok() && ratio("12.0000").is_ok());
        assert!(ratio("0.81").is_err() && ratio(".8125").is_err() && ratio("81%").is_err());
    }
}
