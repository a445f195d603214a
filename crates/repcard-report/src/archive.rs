//! The archive: what was published stays as published. `OUT_DIR/archive/<period>.csv` holds,
//! for every closed period (every period before the newest), its rows of `metrics.csv` as
//! the first build that saw it closed wrote them. Later builds carry these files over from the
//! previous output unchanged; `--republish PERIOD` replaces one on purpose. When a closed
//! period's figures now differ from its archived ones, the period is *restated*: the pages
//! and the email show each changed figure, published → now.

use crate::exports::{METRICS_COLUMNS, metrics_csv_of, metrics_rows};
use anyhow::{Context, Result, bail};
use repcard_core::model::Dataset;
use repcard_core::period::Calendar;
use repcard_metrics::Metrics;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The archive's folder inside the output folder.
pub const FOLDER: &str = "archive";

/// The first figure column of `metrics.csv`; the columns before it name the row.
const FIRST_FIGURE: usize = 4;

/// One figure whose value now differs from the published one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The `metrics.csv` column (`calls_new`, `won_value`, …).
    pub figure: String,
    /// As published; empty when the rep had no published row.
    pub published: String,
    /// As computed now; empty when the rep has no row now.
    pub now: String,
}

/// One rep's restated figures in a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RepRestatement {
    /// The rep's id.
    pub rep_id: String,
    /// The rep's name (as now, or as published for a rep no longer in the period).
    pub name: String,
    /// The changed figures, in `metrics.csv` column order.
    pub changes: Vec<Change>,
}

/// The archive files of an output folder: file name (`2026-09.csv`) → bytes.
pub type ArchiveFiles = BTreeMap<String, Vec<u8>>;

/// The archive a build writes, and what it says about the current figures.
#[derive(Debug, Default)]
pub struct Archive {
    files: ArchiveFiles,
    restated: BTreeMap<String, Vec<RepRestatement>>,
}

/// Reads the archive of the output folder `out_dir` (its `archive/*.csv` files); an output
/// folder without one has an empty archive.
pub fn read_previous(out_dir: &Path) -> Result<ArchiveFiles> {
    let dir = out_dir.join(FOLDER);
    let mut files = ArchiveFiles::new();
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(files),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", dir.display())),
    };
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot read {}", dir.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        if !name.ends_with(".csv") || !path.is_file() {
            continue;
        }
        let bytes = std::fs::read(&path)
            .with_context(|| format!("cannot read the archived {}", path.display()))?;
        files.insert(name, bytes);
    }
    Ok(files)
}

impl Archive {
    /// The archive after this build: `previous` carried over unchanged, except the periods in
    /// `republish` (labels, each a closed period of `metrics`); every closed period not yet
    /// archived is added with its current rows. Restatements compare the carried-over files
    /// with the current figures.
    pub fn plan(
        previous: ArchiveFiles,
        calendar: &Calendar,
        data: &Dataset,
        metrics: &Metrics,
        republish: &[String],
    ) -> Result<Archive> {
        let periods = &metrics.periods;
        let closed = periods.len().saturating_sub(1);
        let mut replace = BTreeSet::new();
        for label in republish {
            let Some(period) = calendar.parse_label(label) else {
                bail!(
                    "--republish {label:?} is not a {} label; expected e.g. {:?}",
                    calendar.unit,
                    periods.first().map_or("2026-10", |p| p.label.as_str())
                );
            };
            match periods.iter().position(|p| p.period == period) {
                Some(i) if i < closed => {
                    replace.insert(periods[i].label.clone());
                }
                Some(_) => bail!(
                    "--republish {label}: it is the newest period, which is not archived until a newer one begins"
                ),
                None => bail!(
                    "--republish {label}: the data has no such period{}",
                    match (periods.first(), periods.last()) {
                        (Some(a), Some(b)) => format!("; it runs from {} to {}", a.label, b.label),
                        _ => String::new(),
                    }
                ),
            }
        }
        let mut files = previous;
        let mut restated = BTreeMap::new();
        for (i, p) in periods.iter().enumerate() {
            let name = format!("{}.csv", p.label);
            let carried = files.contains_key(&name) && !replace.contains(&p.label);
            if carried {
                let reps = restatements(&name, &files[&name], data, p)?;
                if !reps.is_empty() {
                    restated.insert(p.label.clone(), reps);
                }
            } else if i < closed {
                files.insert(name, metrics_csv_of(data, [p])?);
            }
        }
        Ok(Archive { files, restated })
    }

    /// The files to write under `archive/`, by name, in name order.
    pub fn files(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files.iter().map(|(n, b)| (n.as_str(), b.as_slice()))
    }

    /// The restated reps of the period `label`, if its figures differ from the archived ones.
    pub fn restated(&self, label: &str) -> Option<&[RepRestatement]> {
        self.restated.get(label).map(Vec::as_slice)
    }
}

/// What differs between a period's archived rows and its current ones, per rep.
fn restatements(
    name: &str,
    published: &[u8],
    data: &Dataset,
    p: &repcard_metrics::PeriodFigures,
) -> Result<Vec<RepRestatement>> {
    let unreadable = || {
        format!(
            "{FOLDER}/{name} of the previous output is not a metrics.csv archive; restore it, or replace it with --republish {}",
            name.trim_end_matches(".csv")
        )
    };
    let mut reader = csv::ReaderBuilder::new().from_reader(published);
    let header = reader.headers().with_context(unreadable)?.clone();
    let column = |c: &str| header.iter().position(|h| h == c);
    let Some(id_at) = column("rep_id") else {
        bail!("{}", unreadable());
    };
    let name_at = column("rep_name");
    let mut was: BTreeMap<String, csv::StringRecord> = BTreeMap::new();
    for record in reader.records() {
        let record = record.with_context(unreadable)?;
        was.insert(record.get(id_at).unwrap_or("").to_string(), record);
    }
    let now: BTreeMap<String, [String; 18]> = metrics_rows(data, p)
        .into_iter()
        .map(|row| (row[1].clone(), row))
        .collect();
    let ids: BTreeSet<&String> = was.keys().chain(now.keys()).collect();
    let mut out = Vec::new();
    for id in ids {
        let (before, after) = (was.get(id), now.get(id));
        let mut changes = Vec::new();
        for (k, figure) in METRICS_COLUMNS.iter().enumerate().skip(FIRST_FIGURE) {
            // A column the archive does not have (an older layout) can't be compared.
            let Some(at) = column(figure) else { continue };
            let published = before.and_then(|r| r.get(at)).unwrap_or("");
            let current = after.map_or("", |r| r[k].as_str());
            if published != current {
                changes.push(Change {
                    figure: (*figure).to_string(),
                    published: published.to_string(),
                    now: current.to_string(),
                });
            }
        }
        if !changes.is_empty() {
            let name = after.map(|r| r[2].clone()).unwrap_or_else(|| {
                before
                    .zip(name_at)
                    .and_then(|(r, at)| r.get(at))
                    .unwrap_or(id)
                    .to_string()
            });
            out.push(RepRestatement {
                rep_id: id.clone(),
                name,
                changes,
            });
        }
    }
    Ok(out)
}
