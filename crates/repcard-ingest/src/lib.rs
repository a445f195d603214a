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
mod activity_ids;
pub mod amount;
mod columns;
pub mod dates;
pub mod discover;
mod footer;
pub mod format;
#[doc(hidden)]
pub mod fuzz;
mod hints;
mod identical;
mod leads;
mod ordered;
pub mod parse;
mod presets;
pub mod reader;
mod reject;
mod sheet;
pub mod span;
mod spool;
mod tables;
mod unknown;

use anyhow::{Context, Result};
use discover::{Discovery, Table};
pub use reject::Reject;
use repcard_core::Diagnostic;
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
    /// Things the user should know that reject no row (an empty data folder, unmatched
    /// files, misnamed notes), each with where and what to do.
    pub warnings: Vec<Diagnostic>,
    /// The accepted activities, spooled for the metrics to read (twice).
    pub activities: activities::ActivitySpool,
    /// The earliest and the latest dated row; `None` when no accepted row has a date.
    pub span: Option<span::Span>,
}

impl Ingested {
    /// No table file was found in the data folder (`--strict` fails such a run).
    pub fn found_no_file(&self) -> bool {
        self.files.is_empty()
    }

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
///
/// Also fails when the accepted rows' dates touch more calendar years than `max_years`
/// (§6.16), naming the earliest and the latest dated row.
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
    if csv_files.is_empty() {
        out.warnings.push(nothing_found(data_dir));
    }
    let mut counts: Vec<Option<Counts>> = vec![None; csv_files.len()];
    let mut claims = tables::Claims::new();
    let mut failures: Vec<anyhow::Error> = Vec::new();
    let t0 = std::time::Instant::now();
    for table in [Table::Reps, Table::Leads, Table::Proposals] {
        let t1 = std::time::Instant::now();
        let file_format = format::FileFormat::resolve(table, config.formats.get(&table));
        if table == Table::Leads {
            // Checked in parallel, claimed in path order (see `leads`).
            let files: Vec<usize> = (0..csv_files.len())
                .filter(|&i| csv_files[i].table == Some(table))
                .collect();
            let read = leads::read_leads(
                &csv_files,
                &files,
                &file_format,
                config,
                rayon::current_num_threads(),
                &mut claims,
                &mut out.dataset,
                &mut out.rejects,
            );
            for (i, result) in read {
                match result {
                    Ok(c) => counts[i] = Some(c),
                    Err(e) => failures.push(e),
                }
            }
            repcard_core::timing("leads", t1);
            continue;
        }
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
                Err(e) => failures.push(e),
            }
        }
        if table == Table::Reps {
            let name_header = config
                .formats
                .get(&Table::Reps)
                .and_then(|f| f.columns.get("name"))
                .and_then(|h| h.to_vec().into_iter().next())
                .unwrap_or_else(|| "name".to_string());
            claims
                .unknown
                .know_rep_names(&out.dataset.reps, &name_header);
        }
        repcard_core::timing(table.name(), t1);
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
    let mut extremes = claims.extremes(&out.dataset);
    repcard_core::timing("reps, leads, proposals", t0);
    let t0 = std::time::Instant::now();
    match activities::read_activities(
        &csv_files,
        &activity_files,
        &activity_format,
        config,
        &claims.reps,
        &out.dataset.leads,
        &claims.unknown,
    ) {
        Ok(read) => {
            for (i, c) in read.counts {
                counts[i] = Some(c);
            }
            out.rejects.extend(read.rejects);
            out.activities = read.spool;
            extremes.merge(read.extremes);
            for ((first, later), n) in read.repeats {
                out.warnings.push(repeated_rows(
                    &csv_files[first].name,
                    &csv_files[later].name,
                    n,
                    activity_format.dedupe_identical,
                ));
            }
        }
        Err(e) => failures.push(e),
    }
    repcard_core::timing("activities", t0);
    if let Some(e) = one_failure(failures) {
        return Err(e);
    }
    let by_name = claims.unknown.reps_named_by_name();
    let unknown_reps = out
        .rejects
        .iter()
        .filter(|r| r.reason == Reason::UnknownRep)
        .count() as u64;
    if by_name > 0 && by_name == unknown_reps {
        out.warnings.push(reps_by_name(by_name, config));
    }
    out.span = extremes.span(|f| csv_files[f as usize].name.clone());
    if let Some(span) = &out.span {
        span.check(config.max_years)?;
    }
    for (file, counts) in csv_files.iter().zip(counts) {
        if file.table.is_none() {
            out.warnings.push(
                Diagnostic::new(
                    "the file matches no table (reps, leads, activities, calls, meetings, proposals); it was not read",
                )
                .at(&file.name)
                .help(hints::unmatched_help(&file.name)),
            );
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

/// The failures of a run as one error: a single failure as it is (its location and help
/// printed as such), several joined one per line.
pub(crate) fn one_failure(mut failures: Vec<anyhow::Error>) -> Option<anyhow::Error> {
    match failures.len() {
        0 => None,
        1 => failures.pop(),
        _ => Some(anyhow::anyhow!(
            "{}",
            failures
                .iter()
                .map(|e| format!("{e:#}"))
                .collect::<Vec<_>>()
                .join("\n")
        )),
    }
}

/// The warning for a reps table keyed by ids while the other tables name reps by name:
/// every `unknown_rep` value is a rep's name.
fn reps_by_name(n: u64, config: &Config) -> Diagnostic {
    let header = config
        .formats
        .get(&Table::Reps)
        .and_then(|f| f.columns.get("name"))
        .and_then(|h| h.to_vec().into_iter().next())
        .unwrap_or_else(|| "name".to_string());
    Diagnostic::new(format!(
        "{n} row(s) are unknown_rep because they name their rep by name, while the reps table is keyed by rep_id"
    ))
    .at("the reps table (reps.csv), column rep_id")
    .help(format!(
        "map rep_id to the name column: [reps.columns] rep_id = {header:?} in repcard.toml"
    ))
}

/// The warning for `n` rows of `later` that repeat rows of `first` cell for cell, without an
/// id to tell them apart: counted twice, or dropped with `dedupe_identical`.
fn repeated_rows(first: &str, later: &str, n: u64, dropped: bool) -> Diagnostic {
    let d = Diagnostic::new(format!(
        "{n} activity row(s) of {later} repeat rows of {first} cell for cell, with no activity_id to tell them apart{}",
        if dropped {
            "; they were dropped (dedupe_identical = true) and are listed as duplicate_id"
        } else {
            "; they are counted twice"
        }
    ))
    .at(format!("{later} and {first}"));
    if dropped {
        d.help(format!(
            "nothing to do if the exports overlap on purpose; otherwise remove the overlap from {later}"
        ))
    } else {
        d.help(
            "if they are the same activities exported twice, set `dedupe_identical = true` in [activities] of repcard.toml (or export the ID column with both)",
        )
    }
}

/// The warning for a data folder without a single table file: a wrong folder or a typo in
/// its structure would otherwise look like a quiet month.
fn nothing_found(data_dir: &Path) -> Diagnostic {
    Diagnostic::new(
        "no CSV file found in DATA_DIR (nor .xlsx, .xls or .ods); the report has no rows",
    )
    .at(data_dir.display().to_string())
    .help(
        "put the exports there (reps.csv, leads.csv, calls-….csv, proposals.csv), or pass the folder that holds them",
    )
}

/// Reads the notes found under `notes/`: one per period label, the first in path order wins;
/// a misnamed or repeated note is a warning.
pub fn read_notes(
    found: Vec<discover::NoteFile>,
    config: &Config,
    warnings: &mut Vec<Diagnostic>,
) -> Result<BTreeMap<Period, Note>> {
    let cal = &config.calendar;
    let mut notes = BTreeMap::new();
    for note in found {
        let Some(period) = cal.parse_label(&note.stem) else {
            let example = cal.label(cal.period_of(jiff::civil::date(2026, 10, 1)));
            warnings.push(
                Diagnostic::new(format!(
                    "a note's file name must be a period label such as {example}; the note is not shown"
                ))
                .at(note.name)
                .help(format!("rename it to the period it is about, e.g. notes/{example}.md")),
            );
            continue;
        };
        if let Some(previous) = notes.get(&period).map(|n: &Note| n.file.clone()) {
            warnings.push(
                Diagnostic::new(format!(
                    "a note for {} was already read from {previous}; this one is ignored",
                    note.stem
                ))
                .at(note.name)
                .help(format!("merge it into {previous} and delete this file")),
            );
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
