//! A handful of bad rows, as real CRM exports have them, so that the data-quality page of the
//! sample shows what it does: a mistyped date, a call logged under a rep who is not in
//! `reps.csv`, and export lines written twice. Each is appended to the file of its month.

use super::clock::Month;
use super::rows::IdCounters;
use anyhow::{Context, Result};
use rand::Rng;
use std::fs;
use std::path::Path;

/// What was planted, for the summary and the tests.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Flaws {
    /// Rows added to the files (each one is rejected by `repcard check`).
    pub(crate) rows: u64,
}

/// The first data line (after the header) of a CSV file's text.
fn first_row(text: &str) -> Option<&str> {
    text.lines().nth(1)
}

/// A data line picked at random from a CSV file's text.
fn some_row<'a, R: Rng>(rng: &mut R, text: &'a str) -> Option<&'a str> {
    let rows = text.lines().count().saturating_sub(1);
    (rows > 0).then(|| text.lines().nth(1 + rng.random_range(0..rows)))?
}

fn read(path: &Path) -> Result<String> {
    fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

fn append(path: &Path, line: &str) -> Result<()> {
    let mut text = read(path)?;
    text.push_str(line);
    text.push('\n');
    fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
}

/// Appends the bad rows to the files under `out_dir`: in a month about two thirds into the
/// history, a lead dated on the day after its month's last and a call by rep `R…` one past
/// the last; in the month before it, one call line and one lead line exported twice.
/// Histories of fewer than three months get none.
pub(crate) fn plant<R: Rng>(
    rng: &mut R,
    out_dir: &Path,
    months: &[Month],
    reps: usize,
    ids: &IdCounters,
) -> Result<Flaws> {
    if months.len() < 3 {
        return Ok(Flaws::default());
    }
    // The first month with fewer than 31 days from two thirds into the history, so that the
    // mistyped date reads as one (e.g. 2026-06-31).
    let from = months.len() * 2 / 3;
    let mi = (from..months.len())
        .find(|&i| months[i].days < 31)
        .unwrap_or(from);
    let month = &months[mi];
    let file = |folder: &str, m: &Month| out_dir.join(folder).join(format!("{}.csv", m.label));
    let mut flaws = Flaws::default();

    // A date typed by hand: the day after the month's last (e.g. 2026-06-31).
    let leads = file("leads", month);
    let leads_text = read(&leads)?;
    if let Some(row) = some_row(rng, &leads_text) {
        let cells: Vec<&str> = row.split(',').collect();
        let day = month.days + 1;
        let hour = rng.random_range(9..17);
        let lead_id = format!("L{:0w$}", ids.leads + 1, w = ids.lead_width);
        let line = format!(
            "{lead_id},{},{}-{day:02} {hour:02}:{:02},{}",
            cells.get(1).unwrap_or(&"R001"),
            month.label,
            rng.random_range(0..60),
            cells[3..].join(",")
        );
        append(&leads, &line)?;
        flaws.rows += 1;
    }

    // A call logged by someone who is not in reps.csv (a contractor, a rep id mistyped).
    let activities = file("activities", month);
    let activities_text = read(&activities)?;
    if let Some(row) = first_row(&activities_text) {
        let cells: Vec<&str> = row.split(',').collect();
        let width = reps.to_string().len().max(3);
        let activity_id = format!("A{:0w$}", ids.activities + 1, w = ids.activity_width);
        let line = format!(
            "{activity_id},R{:0width$},{},{}-{:02} 11:{:02},call,no_answer",
            reps + 1,
            cells.get(2).unwrap_or(&""),
            month.label,
            rng.random_range(1..=month.days.min(28)),
            rng.random_range(0..60)
        );
        append(&activities, &line)?;
        flaws.rows += 1;
    }

    // An export run twice over a stretch: the same lines again.
    let before = &months[mi - 1];
    for folder in ["activities", "leads"] {
        let path = file(folder, before);
        let text = read(&path)?;
        if let Some(row) = some_row(rng, &text).map(str::to_owned) {
            append(&path, &row)?;
            flaws.rows += 1;
        }
    }
    Ok(flaws)
}
