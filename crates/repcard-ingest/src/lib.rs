//! Ingest: the data folder in, typed rows and a list of rejects out.
//!
//! Files are found in sorted path order; tables are read reps → leads → activities →
//! proposals so that every reference is checked against the whole referenced table.
//!
//! Offers: [`ingest`] (a folder → [`Ingested`]: rows, [`Reject`]s, per-file counts, notes,
//! warnings, and the spooled activities as a `repcard_core::ActivitySource`),
//! [`read_notes`], [`discover`] (which file feeds which table), and, for benchmarks and the
//! fuzz targets, the cell parsers ([`parse`]), the record reader ([`reader`]) and the file
//! formats ([`format`](mod@format)). `§` numbers in comments cite `docs/contract.md`.

#![warn(unreachable_pub)]

mod activities;
pub mod amount;
pub mod dates;
pub mod discover;
mod footer;
pub mod format;
#[doc(hidden)]
pub mod fuzz;
pub mod parse;
mod presets;
pub mod reader;
mod reject;
mod sheet;
mod spool;
mod tables;

use anyhow::{Context, Result};
use discover::{Discovery, Table};
pub use reject::Reject;
use repcard_core::config::Config;
use repcard_core::model::Dataset;
use repcard_core::period::Period;
pub use repcard_core::schema::Reason;
use std::collections::BTreeMap;
use std::path::Path;
pub use tables::Counts;

/// What was found and counted for one CSV file (a row of `files.csv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileSummary {
    /// Path relative to the data folder, with `/`.
    pub file: String,
    /// The table it fed; `None` for a file that matched no table.
    pub table: Option<Table>,
    /// Rows read, accepted and rejected; `None` for an unmatched file.
    pub counts: Option<Counts>,
}

/// A period's commentary from `notes/<label>.md`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Path relative to the data folder.
    pub file: String,
    /// The Markdown source.
    pub markdown: String,
}

/// The result of reading a data folder.
#[derive(Default)]
pub struct Ingested {
    /// Every accepted row.
    pub dataset: Dataset,
    /// Every rejected row, sorted by file (in path order) then line.
    pub rejects: Vec<Reject>,
    /// One entry per CSV file, in sorted path order.
    pub files: Vec<FileSummary>,
    /// Notes by period.
    pub notes: BTreeMap<Period, Note>,
    /// Things the user should know that reject no row (unmatched files, misnamed notes).
    pub warnings: Vec<String>,
    /// The accepted activities, spooled for the metrics to read (twice).
    pub activities: activities::ActivitySpool,
}

impl Ingested {
    /// Rows read, accepted and rejected, summed per table.
    pub fn table_counts(&self) -> BTreeMap<Table, Counts> {
        let mut out: BTreeMap<Table, Counts> = BTreeMap::new();
        for f in &self.files {
            if let (Some(t), Some(c)) = (f.table, f.counts) {
                let e = out.entry(t).or_default();
                e.read += c.read;
                e.accepted += c.accepted;
                e.rejected += c.rejected;
            }
        }
        out
    }
}

/// Reads every CSV and note in `data_dir`. `skip` is a folder inside it to leave out (the
/// output folder). Fails, naming the file (and column), when a file can't be read or lacks a
/// required column; rejected rows do not fail it.
///
/// Activities are checked here but not kept in memory: [`Ingested::activities`] streams them.
pub fn ingest(data_dir: &Path, config: &Config, skip: Option<&Path>) -> Result<Ingested> {
    let Discovery {
        csv_files,
        notes,
        warnings,
    } = discover::discover(data_dir, skip)?;
    let mut out = Ingested {
        warnings,
        ..Ingested::default()
    };
    let mut counts: Vec<Option<Counts>> = vec![None; csv_files.len()];
    let mut claims = tables::Claims::new();
    let mut failures = Vec::new();
    let t0 = std::time::Instant::now();
    for table in [Table::Reps, Table::Leads, Table::Proposals] {
        let file_format = format::FileFormat::resolve(table, config.formats.get(&table));
        for (i, file) in csv_files.iter().enumerate() {
            if file.table != Some(table) {
                continue;
            }
            match tables::read_file(
                &csv_files,
                i,
                table,
                &file_format,
                config,
                &mut claims,
                &mut out.dataset,
                &mut out.rejects,
            ) {
                Ok(c) => counts[i] = Some(c),
                Err(e) => failures.push(format!("{e:#}")),
            }
        }
    }
    // Activities need every rep and lead; they are read in parallel and not kept in memory.
    let activity_files: Vec<usize> = csv_files
        .iter()
        .enumerate()
        .filter(|(_, f)| f.table == Some(Table::Activities))
        .map(|(i, _)| i)
        .collect();
    let activity_format =
        format::FileFormat::resolve(Table::Activities, config.formats.get(&Table::Activities));
    repcard_core::timing("reps, leads, proposals", t0);
    let t0 = std::time::Instant::now();
    match activities::read_activities(
        &csv_files,
        &activity_files,
        &activity_format,
        config,
        &claims.reps,
        &out.dataset.leads,
    ) {
        Ok(read) => {
            for (i, c) in read.counts {
                counts[i] = Some(c);
            }
            out.rejects.extend(read.rejects);
            out.activities = read.spool;
        }
        Err(e) => failures.push(format!("{e:#}")),
    }
    repcard_core::timing("activities", t0);
    if !failures.is_empty() {
        anyhow::bail!("{}", failures.join("\n"));
    }
    for (file, counts) in csv_files.iter().zip(counts) {
        if file.table.is_none() {
            out.warnings.push(format!(
                "{}: matches no table (reps, leads, activities, calls, meetings, proposals); the file was not read",
                file.name
            ));
        }
        out.files.push(FileSummary {
            file: file.name.clone(),
            table: file.table,
            counts,
        });
    }
    // Files in the same (component by component) path order as files.csv, then lines.
    out.rejects.sort_by(|a, b| {
        Path::new(&a.file)
            .cmp(Path::new(&b.file))
            .then(a.line.cmp(&b.line))
    });
    out.notes = read_notes(notes, config, &mut out.warnings)?;
    Ok(out)
}

/// Reads the notes found under `notes/`: one per period label, the first in path order wins;
/// a misnamed or repeated note is a warning.
pub fn read_notes(
    found: Vec<discover::NoteFile>,
    config: &Config,
    warnings: &mut Vec<String>,
) -> Result<BTreeMap<Period, Note>> {
    let cal = &config.calendar;
    let mut notes = BTreeMap::new();
    for note in found {
        let Some(period) = cal.parse_label(&note.stem) else {
            warnings.push(format!(
                "{}: a note's file name must be a period label such as {}; the note is not shown",
                note.name,
                cal.label(cal.period_of(jiff::civil::date(2026, 10, 1)))
            ));
            continue;
        };
        if let Some(previous) = notes.get(&period).map(|n: &Note| n.file.clone()) {
            warnings.push(format!(
                "{}: a note for {} was already read from {previous}; this one is ignored",
                note.name, note.stem
            ));
            continue;
        }
        let markdown = std::fs::read_to_string(&note.path)
            .with_context(|| format!("{}: cannot read note", note.name))?;
        notes.insert(
            period,
            Note {
                file: note.name,
                markdown,
            },
        );
    }
    Ok(notes)
}
