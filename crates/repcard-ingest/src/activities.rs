//! Activities: the bulk of the input, never held in memory. Each activities file is read by its
//! own task, in parallel; every row is checked against every rule but duplicate ids, and the
//! rows that pass go to two spool files, one for the meetings and one for the rest (see
//! [`super::spool`]; the metrics' first pass reads only the meetings), while their
//! `activity_id`s go to bucket files. Duplicate ids are then found bucket by bucket, exactly,
//! in path-and-line order, so the first accepted row wins as the contract says. The metrics
//! read the spools.

use super::activity_ids::{self, BUCKETS, Duplicate, IdBuckets, IdChunks};
use super::discover::{CsvFile, Table};
use super::format::FileFormat;
use super::identical::{self, Repeat, RowBuckets};
use super::reject::Reject;
use super::span::Extremes;
use super::spool::{self, SpoolWriter};
use super::tables::{self, Counts, Origin, duplicate_detail};
use super::unknown::Unknown;
use anyhow::{Context, Result};
use rayon::prelude::*;
use repcard_core::ActivitySource;
use repcard_core::IdTable;
use repcard_core::config::Config;
use repcard_core::model::{Activity, ActivityType, Leads};
use repcard_core::schema::Reason;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Activities handed to the metrics in one batch.
const BATCH: usize = 8192;

/// The accepted activities of a data folder, spooled to a scratch folder.
#[derive(Default)]
pub struct ActivitySpool {
    dir: Option<tempfile::TempDir>,
    /// (file index, spool paths) per activities file, in path order.
    spools: Vec<(u32, Spools)>,
    /// Rows that passed every other rule but repeat an earlier row's `activity_id`.
    duplicates: HashSet<Origin>,
    /// The earliest and the latest date of the accepted activities.
    dates: Option<(jiff::civil::Date, jiff::civil::Date)>,
}

/// The spool files of one activities file.
struct Spools {
    /// Its meetings.
    meetings: PathBuf,
    /// Its calls and emails.
    others: PathBuf,
}

impl Spools {
    fn both(&self) -> [&Path; 2] {
        [&self.meetings, &self.others]
    }
}

/// What reading the activities files gives.
pub(crate) struct ActivitiesRead {
    /// Counts per file index.
    pub counts: Vec<(usize, Counts)>,
    /// Rejected rows.
    pub rejects: Vec<Reject>,
    /// The accepted activities.
    pub spool: ActivitySpool,
    /// Per (earlier file, later file): how many rows of the later one repeat, cell for cell,
    /// rows of the earlier one without an `activity_id` (dropped with `dedupe_identical`).
    pub repeats: Vec<((usize, usize), u64)>,
    /// The earliest and the latest accepted activity.
    pub extremes: Extremes,
}

struct FileRead {
    file: usize,
    read: u64,
    valid: u64,
    rejects: Vec<Reject>,
    spools: Spools,
    ids: IdChunks,
    extremes: Extremes,
}

/// Reads one activities file: checks rows, spools the valid ones, buckets their ids.
#[allow(clippy::too_many_arguments)]
fn read_one(
    dir: &Path,
    files: &[CsvFile],
    file: usize,
    format: &FileFormat,
    config: &Config,
    reps: &IdTable,
    leads: &Leads,
    why: &Unknown,
) -> Result<FileRead> {
    let (mut reader, ctx) = tables::open(files, file, Table::Activities, format, config)?;
    let spools = Spools {
        meetings: dir.join(format!("spool-{file}-meetings")),
        others: dir.join(format!("spool-{file}-others")),
    };
    let io = |e: std::io::Error| anyhow::anyhow!("scratch file in {}: {e}", dir.display());
    let mut meetings = SpoolWriter::create(&spools.meetings).map_err(io)?;
    let mut others = SpoolWriter::create(&spools.others).map_err(io)?;
    let mut ids = IdBuckets::create(dir, file).map_err(io)?;
    let mut rows = RowBuckets::new(dir, file);
    let (mut read, mut valid, mut rejects) = (0u64, 0u64, Vec::new());
    let mut extremes = Extremes::default();
    while let Some(row) = reader.next_row()? {
        read += 1;
        match tables::check_activity(&row, &ctx, reps, leads, why) {
            Ok((activity, id)) => {
                valid += 1;
                extremes.see(activity.at.date, (file as u32, row.line), "at");
                let spool = if activity.kind == ActivityType::Meeting {
                    &mut meetings
                } else {
                    &mut others
                };
                spool.push(&activity, row.line).map_err(io)?;
                if id.is_empty() {
                    rows.push(row.line, &activity, ctx.cell(&row, 5))
                        .map_err(io)?;
                } else {
                    ids.push(row.line, id).map_err(io)?;
                }
            }
            Err(bad) => rejects.push(tables::reject(&files[file], row.line, bad)),
        }
    }
    meetings.finish().map_err(io)?;
    others.finish().map_err(io)?;
    rows.finish().map_err(io)?;
    let ids = ids.finish().map_err(io)?;
    Ok(FileRead {
        file,
        read,
        valid,
        rejects,
        spools,
        ids,
        extremes,
    })
}

/// The earliest and the latest activity of one file's spools, leaving out `duplicates`: for
/// the rare file whose first pass named a row that a duplicate id rejected afterwards.
fn extremes_without(file: u32, spools: &Spools, duplicates: &HashSet<Origin>) -> Result<Extremes> {
    let mut extremes = Extremes::default();
    for path in spools.both() {
        spool::read_batches(path, BATCH, |items| {
            for (a, line) in items {
                if !duplicates.contains(&(file, *line)) {
                    extremes.see(a.at.date, (file, *line), "at");
                }
            }
        })
        .with_context(|| format!("cannot read the scratch file {}", path.display()))?;
    }
    Ok(extremes)
}

/// Reads every activities file (`activity_files`, indices into `files` in path order).
pub(crate) fn read_activities(
    files: &[CsvFile],
    activity_files: &[usize],
    format: &FileFormat,
    config: &Config,
    reps: &IdTable,
    leads: &Leads,
    why: &Unknown,
) -> Result<ActivitiesRead> {
    let dir = tempfile::Builder::new()
        .prefix("repcard-spool-")
        .tempdir()
        .context(
            "cannot create a scratch folder for the activities (set TMPDIR to a writable folder)",
        )?;
    let t0 = std::time::Instant::now();
    let results: Vec<Result<FileRead>> = activity_files
        .par_iter()
        .map(|&file| read_one(dir.path(), files, file, format, config, reps, leads, why))
        .collect();
    let mut failures = Vec::new();
    let mut reads = Vec::new();
    for r in results {
        match r {
            Ok(r) => reads.push(r),
            Err(e) => failures.push(e),
        }
    }
    if let Some(e) = crate::one_failure(failures) {
        return Err(e);
    }
    repcard_core::timing("activities: read and spool", t0);
    let t0 = std::time::Instant::now();
    let id_files: Vec<IdChunks> = reads.iter_mut().map(|r| r.ids.take()).collect();
    let found: Vec<Vec<Duplicate>> = (0..BUCKETS)
        .into_par_iter()
        .map(|b| activity_ids::bucket_duplicates(&id_files, b))
        .collect::<Result<_>>()?;
    drop(id_files);
    repcard_core::timing("activities: duplicate ids", t0);
    let t0 = std::time::Instant::now();
    let repeated: Vec<Vec<Repeat>> = (0..identical::BUCKETS)
        .into_par_iter()
        .map(|b| identical::bucket_repeats(dir.path(), activity_files, b))
        .collect::<Result<_>>()?;
    repcard_core::timing("activities: identical rows", t0);
    let mut duplicates = HashSet::new();
    let mut rejects: Vec<Reject> = reads
        .iter_mut()
        .flat_map(|r| std::mem::take(&mut r.rejects))
        .collect();
    let mut dup_per_file = vec![0u64; files.len()];
    // A row left out as a duplicate: counted against its file and listed as rejected.
    let mut drop_row = |at: (u32, u64), detail: String| {
        dup_per_file[at.0 as usize] += 1;
        duplicates.insert(at);
        rejects.push(Reject {
            file: files[at.0 as usize].name.clone(),
            line: at.1,
            column: "activity_id".into(),
            reason: Reason::DuplicateId,
            detail,
        });
    };
    for (at, first, id) in found.into_iter().flatten() {
        drop_row(at, duplicate_detail(&id, files, first));
    }
    let mut repeats: std::collections::BTreeMap<(usize, usize), u64> = Default::default();
    for (at, first) in repeated.into_iter().flatten() {
        *repeats
            .entry((first.0 as usize, at.0 as usize))
            .or_default() += 1;
        if format.dedupe_identical {
            drop_row(
                at,
                format!(
                    "the row repeats {}:{} cell for cell and has no activity_id; dropped as dedupe_identical = true says (the first one counts)",
                    files[first.0 as usize].name, first.1
                ),
            );
        }
    }
    let counts = reads
        .iter()
        .map(|r| {
            let dups = dup_per_file[r.file];
            (
                r.file,
                Counts {
                    read: r.read,
                    accepted: r.valid - dups,
                    rejected: r.read - r.valid + dups,
                },
            )
        })
        .collect();
    let mut extremes = Extremes::default();
    for r in &reads {
        if r.extremes.origins().any(|o| duplicates.contains(&o)) {
            extremes.merge(extremes_without(r.file as u32, &r.spools, &duplicates)?);
        } else {
            extremes.merge(r.extremes);
        }
    }
    let spools = reads
        .into_iter()
        .map(|r| (r.file as u32, r.spools))
        .collect();
    Ok(ActivitiesRead {
        counts,
        rejects,
        extremes,
        spool: ActivitySpool {
            dir: Some(dir),
            spools,
            duplicates,
            dates: extremes.dates(),
        },
        repeats: repeats.into_iter().collect(),
    })
}

impl ActivitySpool {
    /// Streams the spools that `pick` chooses of each file, in parallel, without the rows left
    /// out as duplicates.
    fn stream(
        &self,
        pick: impl Fn(&Spools) -> Vec<&Path> + Sync,
        visit: &(dyn Fn(&[Activity]) + Sync),
    ) -> Result<()> {
        let _ = &self.dir;
        let paths: Vec<(u32, &Path)> = self
            .spools
            .iter()
            .flat_map(|(file, spools)| pick(spools).into_iter().map(|p| (*file, p)))
            .collect();
        paths.par_iter().try_for_each(|&(file, path)| {
            let mut batch = Vec::with_capacity(BATCH);
            spool::read_batches(path, BATCH, |items| {
                batch.clear();
                batch.extend(
                    items
                        .iter()
                        .filter(|(_, line)| {
                            self.duplicates.is_empty() || !self.duplicates.contains(&(file, *line))
                        })
                        .map(|(a, _)| *a),
                );
                visit(&batch);
            })
            .with_context(|| format!("cannot read the scratch file {}", path.display()))
        })
    }
}

impl ActivitySource for ActivitySpool {
    fn for_each_batch(&self, visit: &(dyn Fn(&[Activity]) + Sync)) -> Result<()> {
        self.stream(|s| s.both().to_vec(), visit)
    }

    fn for_each_meeting_batch(&self, visit: &(dyn Fn(&[Activity]) + Sync)) -> Result<()> {
        self.stream(|s| vec![s.meetings.as_path()], visit)
    }

    fn dates(&self) -> Result<Option<(jiff::civil::Date, jiff::civil::Date)>> {
        Ok(self.dates)
    }
}
