//! Reading a `metrics.csv` strictly: the exact header of contract §5, one typed row per line,
//! every problem named by file, line, column and value.

use crate::metrics::Figures;
use crate::model::Money;
use crate::period::{Calendar, Period};
use crate::report::exports::METRICS_COLUMNS;
use anyhow::{Context, Result};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::collections::btree_map::Entry;
use std::path::Path;

/// Problems listed in full before the rest are only counted.
const SHOWN_ERRORS: usize = 20;

/// One line of a `metrics.csv`: one rep's figures in one period, as the warehouse wrote them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetricsRow {
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
struct Problems<'a> {
    file: &'a str,
    list: Vec<String>,
}

impl Problems<'_> {
    fn cell(&mut self, line: u64, column: &str, value: &str, why: &str) {
        self.list.push(format!(
            "{}:{line}: column {column}: {value:?} {why}",
            self.file
        ));
    }

    fn line(&mut self, line: u64, what: String) {
        self.list.push(format!("{}:{line}: {what}", self.file));
    }

    fn into_result(self) -> Result<()> {
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

/// Checks the header: exactly the columns of contract §5, in order (a UTF-8 BOM is allowed).
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

/// Reads and checks every line of a `metrics.csv`; fails listing every problem (wrong header,
/// a bad number, a period label the calendar doesn't know, a duplicate (period, rep_id), a
/// rep whose name or team changes between lines).
pub fn read_metrics_file(path: &Path, calendar: &Calendar, target: u32) -> Result<Vec<MetricsRow>> {
    let file = path.display().to_string();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(path)
        .with_context(|| format!("cannot read metrics file {file}"))?;
    let mut problems = Problems {
        file: &file,
        list: Vec::new(),
    };
    let mut records = reader.records();
    let header = match records.next() {
        Some(h) => h.with_context(|| format!("cannot read metrics file {file}"))?,
        None => anyhow::bail!("{file}:1: the file is empty; expected the metrics.csv header"),
    };
    if !check_header(&header, &mut problems) {
        return problems.into_result().map(|()| Vec::new());
    }
    let example = calendar.label(calendar.period_of(jiff::civil::date(2026, 10, 1)));
    let mut rows = Vec::new();
    let mut first_line: BTreeMap<(Period, String), u64> = BTreeMap::new();
    let mut reps: BTreeMap<String, (String, String, u64)> = BTreeMap::new();
    for record in records {
        let record = record.with_context(|| format!("cannot read metrics file {file}"))?;
        let line = record.position().map_or(0, |p| p.line());
        if record.len() != METRICS_COLUMNS.len() {
            problems.line(
                line,
                format!(
                    "{} cells, expected {} (one per header column)",
                    record.len(),
                    METRICS_COLUMNS.len()
                ),
            );
            continue;
        }
        let cell = |i: usize| record.get(i).unwrap_or("").trim();
        let before = problems.list.len();
        let period = match calendar.parse_label(cell(0)) {
            Some(p) => p,
            None => {
                problems.cell(
                    line,
                    "period",
                    cell(0),
                    &format!(
                        "is not a {} label of this report's calendar (period and fiscal_year_start in repcard.toml); expected e.g. {example}",
                        calendar.unit
                    ),
                );
                Period { index: 0 }
            }
        };
        let rep_id = cell(1);
        if rep_id.is_empty() {
            problems.cell(line, "rep_id", rep_id, "is empty; every row names a rep");
        }
        let mut counts = [0u64; 9];
        for (slot, i) in counts.iter_mut().zip([4, 5, 6, 7, 8, 9, 10, 12, 16]) {
            match count(cell(i)) {
                Ok(n) => *slot = n,
                Err(why) => problems.cell(line, METRICS_COLUMNS[i], cell(i), &why),
            }
        }
        let at_target = match count(cell(17)) {
            Ok(n) => n,
            Err(why) => {
                problems.cell(line, METRICS_COLUMNS[17], cell(17), &why);
                0
            }
        };
        let mut amounts = [Money::ZERO; 2];
        for (slot, i) in amounts.iter_mut().zip([11, 13]) {
            match money(cell(i)) {
                Ok(m) => *slot = m,
                Err(why) => problems.cell(line, METRICS_COLUMNS[i], cell(i), &why),
            }
        }
        let quota = optional(cell(14), money)
            .map_err(|why| problems.cell(line, "quota", cell(14), &why))
            .unwrap_or_default();
        let quota_attainment = optional(cell(15), ratio)
            .map_err(|why| problems.cell(line, "quota_attainment", cell(15), &why))
            .unwrap_or_default();
        if quota_attainment.is_some() && cell(14).is_empty() {
            problems.cell(
                line,
                "quota_attainment",
                cell(15),
                "is given but quota is empty; attainment exists only with a quota",
            );
        }
        if problems.list.len() > before {
            continue;
        }
        match reps.get(rep_id) {
            Some((name, team, first)) if name != cell(2) || team != cell(3) => {
                let (column, value, earlier) = if name != cell(2) {
                    ("rep_name", cell(2), name)
                } else {
                    ("team", cell(3), team)
                };
                problems.cell(
                    line,
                    column,
                    value,
                    &format!(
                        "differs from line {first} ({earlier:?}) for rep {rep_id:?}; the report keeps one name and team per rep"
                    ),
                );
                continue;
            }
            Some(_) => {}
            None => {
                reps.insert(
                    rep_id.to_string(),
                    (cell(2).to_string(), cell(3).to_string(), line),
                );
            }
        }
        if let Entry::Occupied(first) = first_line.entry((period, rep_id.to_string())) {
            let first = *first.get();
            problems.line(
                line,
                format!(
                    "columns period, rep_id: {:?}, {rep_id:?} appears again (first on line {first}); one row per (period, rep)",
                    cell(0)
                ),
            );
            continue;
        }
        first_line.insert((period, rep_id.to_string()), line);
        let [
            leads_created,
            leads_qualified,
            calls_new,
            calls_previous,
            calls_engaged,
            meetings,
            proposals,
            won_count,
            leads_engaged,
        ] = counts;
        let [proposal_value, won_value] = amounts;
        rows.push(MetricsRow {
            line,
            period,
            rep_id: rep_id.to_string(),
            rep_name: cell(2).to_string(),
            team: cell(3).to_string(),
            figures: Figures {
                leads_created,
                leads_qualified,
                calls_new,
                calls_previous,
                calls_engaged,
                meetings,
                proposals,
                proposal_value,
                won_count,
                won_value,
                leads_engaged,
                leads_unengaged_at_target: at_target,
                ..Figures::new(target)
            },
            quota,
            quota_attainment,
        });
    }
    problems.into_result()?;
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
