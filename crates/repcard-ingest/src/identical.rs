//! Identical activities across files without an `activity_id` (two list-view exports of the
//! same calls): a row repeats another when its normalised form — rep, lead, instant, type and
//! outcome as read — is the same. Rows without an id go, with a 64-bit fingerprint of that
//! form, to bucket files; each bucket is then sorted by fingerprint and compared exactly only
//! where fingerprints collide. A row repeats when an identical row is in an earlier file.

use super::spool;
use super::tables::Origin;
use anyhow::{Context, Result};
use repcard_core::model::Activity;
use std::hash::BuildHasher;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

/// Fingerprint buckets per activities file.
pub(crate) const BUCKETS: usize = 32;

fn bucket_path(dir: &Path, file: usize, bucket: usize) -> PathBuf {
    dir.join(format!("rows-{file}-{bucket}"))
}

/// The id-less rows of one activities file, written to its fingerprint buckets.
pub(crate) struct RowBuckets<'a> {
    dir: &'a Path,
    file: usize,
    writers: Vec<Option<BufWriter<std::fs::File>>>,
    form: Vec<u8>,
    hasher: foldhash::fast::FixedState,
}

impl<'a> RowBuckets<'a> {
    /// No rows yet for file number `file`; bucket files are created in `dir` when needed.
    pub(crate) fn new(dir: &'a Path, file: usize) -> RowBuckets<'a> {
        RowBuckets {
            dir,
            file,
            writers: (0..BUCKETS).map(|_| None).collect(),
            form: Vec::with_capacity(64),
            hasher: foldhash::fast::FixedState::default(),
        }
    }

    /// Adds an accepted row without `activity_id`, read at `line`.
    pub(crate) fn push(&mut self, line: u64, a: &Activity, outcome: &str) -> std::io::Result<()> {
        self.form.clear();
        // The spool record without its line: rep, lead, instant, date, type.
        self.form
            .extend_from_slice(&spool::encode(a, 0)[..spool::RECORD - 8]);
        self.form.extend_from_slice(outcome.as_bytes());
        let fingerprint = self.hasher.hash_one(&self.form);
        let b = (fingerprint % BUCKETS as u64) as usize;
        let w = match &mut self.writers[b] {
            Some(w) => w,
            slot => slot.insert(BufWriter::new(std::fs::File::create(bucket_path(
                self.dir, self.file, b,
            ))?)),
        };
        w.write_all(&line.to_le_bytes())?;
        w.write_all(&fingerprint.to_le_bytes())?;
        w.write_all(&(self.form.len() as u32).to_le_bytes())?;
        w.write_all(&self.form)
    }

    /// Flushes the bucket files.
    pub(crate) fn finish(self) -> std::io::Result<()> {
        for w in self.writers.into_iter().flatten() {
            w.into_inner().map_err(|e| e.into_error())?;
        }
        Ok(())
    }
}

/// A repeated row: where it is, and where the first identical row is.
pub(crate) type Repeat = (Origin, Origin);

/// The rows of one bucket that repeat an identical row of an earlier file.
pub(crate) fn bucket_repeats(
    dir: &Path,
    activity_files: &[usize],
    bucket: usize,
) -> Result<Vec<Repeat>> {
    let mut bytes = Vec::new();
    // (fingerprint, origin, form start, form end)
    let mut entries: Vec<(u64, Origin, usize, usize)> = Vec::new();
    for &file in activity_files {
        let path = bucket_path(dir, file, bucket);
        let Ok(f) = std::fs::File::open(&path) else {
            continue;
        };
        let start = bytes.len();
        BufReader::new(f)
            .read_to_end(&mut bytes)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let mut at = start;
        while at + 20 <= bytes.len() {
            let u64_at =
                |i: usize| u64::from_le_bytes(bytes[i..i + 8].try_into().unwrap_or_default());
            let (line, fingerprint) = (u64_at(at), u64_at(at + 8));
            let len =
                u32::from_le_bytes(bytes[at + 16..at + 20].try_into().unwrap_or_default()) as usize;
            let form = at + 20;
            let end = (form + len).min(bytes.len());
            entries.push((fingerprint, (file as u32, line), form, end));
            at = form + len;
        }
    }
    // Fingerprints first; the forms are compared only where they collide.
    entries.sort_unstable_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| bytes[a.2..a.3].cmp(&bytes[b.2..b.3]))
            .then(a.1.cmp(&b.1))
    });
    let mut repeats = Vec::new();
    for run in entries.chunk_by(|a, b| a.0 == b.0 && bytes[a.2..a.3] == bytes[b.2..b.3]) {
        let first = run[0].1;
        repeats.extend(
            run[1..]
                .iter()
                .filter(|later| later.1.0 != first.0)
                .map(|later| (later.1, first)),
        );
    }
    Ok(repeats)
}
