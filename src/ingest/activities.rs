//! The activities' second pass. Activities are never all in memory: the first pass (while
//! ingesting) checks every row and hands accepted ones to the metrics' first pass; this
//! second pass reads the files again, in parallel, and streams the same accepted activities
//! to the metrics' second pass.

use super::discover::{CsvFile, Table};
use super::format::FileFormat;
use super::ids::{IdTable, fingerprint};
use super::reject::Reject;
use super::tables::{self, Origin, PendingDuplicate, duplicate_detail};
use crate::metrics::ActivitySource;
use crate::model::{Activity, Dataset};
use anyhow::{Result, bail};
use jiff::tz::TimeZone;
use rayon::prelude::*;
use std::collections::HashSet;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

/// How many activities go to the metrics in one batch.
const BATCH: usize = 8192;

/// What the first pass leaves for the second: which files, how they are read, which rows it
/// rejected as duplicates, and how many rows of each file it accepted.
#[derive(Default)]
pub struct ActivityScan {
    /// Every CSV file found, as in `files.csv` (so an origin's file index names it).
    pub files: Vec<CsvFile>,
    /// Indices into `files` of the activities files, in path order, with accepted counts.
    pub activity_files: Vec<(usize, u64)>,
    /// How activities files are written.
    pub format: Option<FileFormat>,
    /// Rep ids, for resolving `rep_id` again.
    pub rep_ids: IdTable,
    /// Rows rejected as duplicates (every other rejection is decided again by the same rules).
    pub duplicate_rows: HashSet<Origin>,
    /// Duplicates found by fingerprint, whose first occurrence is still to be named.
    pub pending: Vec<PendingDuplicate>,
}

/// The second pass over one data folder's activities.
pub struct ActivityStream<'a> {
    scan: &'a ActivityScan,
    data: &'a Dataset,
    tz: &'a TimeZone,
    pending_fps: HashSet<u64>,
    /// Accepted rows whose id has a pending duplicate's fingerprint: (fingerprint, id, where).
    candidates: Mutex<Vec<(u64, String, Origin)>>,
}

/// Two different activity ids had the same fingerprint: read again comparing ids exactly.
#[derive(Debug)]
pub struct FingerprintCollision;

impl ActivityScan {
    /// The second pass, for the metrics.
    pub fn stream<'a>(&'a self, data: &'a Dataset, tz: &'a TimeZone) -> ActivityStream<'a> {
        ActivityStream {
            scan: self,
            data,
            tz,
            pending_fps: self.pending.iter().map(|p| p.fingerprint).collect(),
            candidates: Mutex::new(Vec::new()),
        }
    }
}

impl ActivityStream<'_> {
    /// Names the first occurrence in every pending duplicate's reject detail. Fails if a
    /// duplicate has no earlier row with exactly its id: a fingerprint collision.
    pub fn settle(self, rejects: &mut [Reject]) -> Result<(), FingerprintCollision> {
        let candidates = self
            .candidates
            .into_inner()
            .unwrap_or_else(|e| e.into_inner());
        for p in &self.scan.pending {
            let first = candidates
                .iter()
                .filter(|(fp, id, origin)| {
                    *fp == p.fingerprint && *id == p.id && *origin < p.origin
                })
                .map(|(_, _, origin)| *origin)
                .min()
                .ok_or(FingerprintCollision)?;
            let name = &self.scan.files[p.origin.0 as usize].name;
            if let Some(r) = rejects
                .iter_mut()
                .find(|r| r.file == *name && r.line == p.origin.1)
            {
                r.detail = duplicate_detail(&p.id, &self.scan.files, first);
            }
        }
        Ok(())
    }

    fn read_file(
        &self,
        file: usize,
        accepted_before: u64,
        visit: &(dyn Fn(&[Activity]) + Sync),
    ) -> Result<()> {
        let format = self
            .scan
            .format
            .as_ref()
            .expect("activities files have a format");
        let (mut reader, ctx) =
            tables::open(&self.scan.files, file, Table::Activities, format, self.tz)?;
        let mut batch = Vec::with_capacity(BATCH);
        let mut accepted = 0u64;
        let dups = &self.scan.duplicate_rows;
        while let Some(row) = reader.next_row()? {
            let Ok((activity, id)) =
                tables::check_activity(&row, &ctx, &self.scan.rep_ids, &self.data.leads)
            else {
                continue;
            };
            if !dups.is_empty() && dups.contains(&ctx.origin(&row)) {
                continue;
            }
            if !self.pending_fps.is_empty() && !id.is_empty() {
                let fp = fingerprint(id);
                if self.pending_fps.contains(&fp) {
                    let mut c = self.candidates.lock().unwrap_or_else(|e| e.into_inner());
                    c.push((fp, id.to_string(), ctx.origin(&row)));
                }
            }
            accepted += 1;
            batch.push(activity);
            if batch.len() == BATCH {
                visit(&batch);
                batch.clear();
            }
        }
        if !batch.is_empty() {
            visit(&batch);
        }
        if accepted != accepted_before {
            bail!(
                "{}: the file changed while it was being read ({accepted_before} rows accepted at first, {accepted} now); run again",
                self.scan.files[file].name
            );
        }
        Ok(())
    }
}

impl ActivitySource for ActivityStream<'_> {
    fn for_each_batch(&self, visit: &(dyn Fn(&[Activity]) + Sync)) -> Result<()> {
        let done = AtomicU64::new(0);
        self.scan
            .activity_files
            .par_iter()
            .try_for_each(|&(file, accepted)| {
                self.read_file(file, accepted, visit)?;
                done.fetch_add(1, Ordering::Relaxed);
                Ok(())
            })
    }
}
