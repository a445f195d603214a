//! Duplicate `activity_id`s (§4): each accepted row's id goes, with a 64-bit fingerprint, to
//! one of [`BUCKETS`] bucket files of its activities file. A bucket is then sorted by
//! fingerprint and row (integer keys, no string comparison), and ids are compared byte for
//! byte only within a run of equal fingerprints, so the first row in path-and-line order
//! wins exactly, whatever the fingerprints do.

use super::tables::Origin;
use anyhow::{Context, Result};
use std::hash::BuildHasher;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};

/// Bucket files per activities file: duplicates are looked for one bucket at a time, so
/// memory holds about 1/BUCKETS of the ids at once.
pub(crate) const BUCKETS: usize = 128;

/// A duplicate: where it is, where the first row with its id is, and the id.
pub(crate) type Duplicate = (Origin, Origin, String);

fn bucket_path(dir: &Path, file: usize, bucket: usize) -> PathBuf {
    dir.join(format!("ids-{file}-{bucket}"))
}

/// The ids of one activities file, written to its bucket files.
pub(crate) struct IdBuckets<'a> {
    dir: &'a Path,
    file: usize,
    writers: Vec<Option<BufWriter<std::fs::File>>>,
    hasher: foldhash::fast::FixedState,
}

impl<'a> IdBuckets<'a> {
    /// No ids yet for file number `file`; bucket files are created in `dir` when needed.
    pub(crate) fn new(dir: &'a Path, file: usize) -> IdBuckets<'a> {
        IdBuckets {
            dir,
            file,
            writers: (0..BUCKETS).map(|_| None).collect(),
            hasher: foldhash::fast::FixedState::default(),
        }
    }

    /// Adds the id of the accepted row at `line`.
    pub(crate) fn push(&mut self, line: u64, id: &str) -> std::io::Result<()> {
        let fingerprint = self.hasher.hash_one(id.as_bytes());
        let b = (fingerprint % BUCKETS as u64) as usize;
        let w = match &mut self.writers[b] {
            Some(w) => w,
            slot => slot.insert(BufWriter::new(std::fs::File::create(bucket_path(
                self.dir, self.file, b,
            ))?)),
        };
        w.write_all(&line.to_le_bytes())?;
        w.write_all(&fingerprint.to_le_bytes())?;
        w.write_all(&(id.len() as u32).to_le_bytes())?;
        w.write_all(id.as_bytes())
    }

    /// Flushes every bucket file.
    pub(crate) fn finish(self) -> std::io::Result<()> {
        for w in self.writers.into_iter().flatten() {
            w.into_inner().map_err(|e| e.into_error())?;
        }
        Ok(())
    }
}

/// One id read back: its fingerprint, its row, and where its bytes are.
#[derive(Clone, Copy)]
pub(crate) struct Entry {
    fingerprint: u64,
    origin: Origin,
    start: usize,
    end: usize,
}

/// Finds the duplicate ids of one bucket across every activities file.
pub(crate) fn bucket_duplicates(
    dir: &Path,
    activity_files: &[usize],
    bucket: usize,
) -> Result<Vec<Duplicate>> {
    let mut opened = Vec::new();
    for &file in activity_files {
        let path = bucket_path(dir, file, bucket);
        if let Ok(f) = std::fs::File::open(&path) {
            let len = f.metadata().map_or(0, |m| m.len() as usize);
            opened.push((file, path, f, len));
        }
    }
    // Sized once: a growing buffer would hold up to twice the bytes.
    let total: usize = opened.iter().map(|o| o.3).sum();
    let mut bytes = Vec::with_capacity(total);
    let mut entries: Vec<Entry> = Vec::with_capacity(total / 24);
    for (file, path, mut f, _) in opened {
        let start = bytes.len();
        f.read_to_end(&mut bytes)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let mut at = start;
        while at + 20 <= bytes.len() {
            let u64_at =
                |i: usize| u64::from_le_bytes(bytes[i..i + 8].try_into().unwrap_or_default());
            let line = u64_at(at);
            let fingerprint = u64_at(at + 8);
            let len =
                u32::from_le_bytes(bytes[at + 16..at + 20].try_into().unwrap_or_default()) as usize;
            let id_start = at + 20;
            let end = (id_start + len).min(bytes.len());
            entries.push(Entry {
                fingerprint,
                origin: (file as u32, line),
                start: id_start,
                end,
            });
            at = end;
        }
    }
    Ok(duplicates(entries, &bytes))
}

/// The entries whose id (bytes `start..end` of `bytes`) an earlier entry (by origin) has.
pub(crate) fn duplicates(mut entries: Vec<Entry>, bytes: &[u8]) -> Vec<Duplicate> {
    entries.sort_unstable_by_key(|e| (e.fingerprint, e.origin));
    let mut out = Vec::new();
    // The first entry of each distinct id within a run of equal fingerprints (almost always
    // one: different ids with one fingerprint are a 1 in 2^64 event per pair).
    let mut firsts: Vec<Entry> = Vec::new();
    for run in entries.chunk_by(|a, b| a.fingerprint == b.fingerprint) {
        if run.len() < 2 {
            continue;
        }
        firsts.clear();
        for e in run {
            let id = &bytes[e.start..e.end];
            match firsts.iter().find(|f| &bytes[f.start..f.end] == id) {
                Some(first) => out.push((
                    e.origin,
                    first.origin,
                    String::from_utf8_lossy(id).into_owned(),
                )),
                None => firsts.push(*e),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Entries for `(fingerprint, file, line, id)`, with their ids laid out in one buffer.
    fn entries(rows: &[(u64, u32, u64, &str)]) -> (Vec<Entry>, Vec<u8>) {
        let mut bytes = Vec::new();
        let mut out = Vec::new();
        for &(fingerprint, file, line, id) in rows {
            let start = bytes.len();
            bytes.extend_from_slice(id.as_bytes());
            out.push(Entry {
                fingerprint,
                origin: (file, line),
                start,
                end: bytes.len(),
            });
        }
        (out, bytes)
    }

    #[test]
    fn the_earliest_row_of_an_id_wins_whatever_order_the_entries_come_in() {
        let (e, b) = entries(&[
            (7, 1, 5, "A1"),
            (7, 0, 9, "A1"),
            (3, 0, 2, "B"),
            (7, 0, 4, "A1"),
        ]);
        let mut found = duplicates(e, &b);
        found.sort();
        assert_eq!(
            found,
            vec![((0, 9), (0, 4), "A1".into()), ((1, 5), (0, 4), "A1".into())]
        );
    }

    #[test]
    fn different_ids_with_one_fingerprint_are_told_apart_byte_for_byte() {
        // Forced collision: every entry has fingerprint 42; only equal ids are duplicates.
        let (e, b) = entries(&[
            (42, 0, 2, "A1"),
            (42, 0, 3, "A2"),
            (42, 0, 4, "A1"),
            (42, 1, 1, "A2"),
            (42, 1, 2, "a1"),
        ]);
        let mut found = duplicates(e, &b);
        found.sort();
        assert_eq!(
            found,
            vec![((0, 4), (0, 2), "A1".into()), ((1, 1), (0, 3), "A2".into())]
        );
    }

    #[test]
    fn bucket_files_round_trip_through_the_writer() {
        let dir = tempfile::tempdir().unwrap();
        for (file, ids) in [(0usize, ["X1", "X2", "X1"]), (3, ["X2", "X9", "X9"])] {
            let mut w = IdBuckets::new(dir.path(), file);
            for (line, id) in ids.iter().enumerate() {
                w.push(line as u64 + 2, id).unwrap();
            }
            w.finish().unwrap();
        }
        let mut found: Vec<Duplicate> = (0..BUCKETS)
            .flat_map(|b| bucket_duplicates(dir.path(), &[0, 3], b).unwrap())
            .collect();
        found.sort();
        assert_eq!(
            found,
            vec![
                ((0, 4), (0, 2), "X1".into()),
                ((3, 2), (0, 3), "X2".into()),
                ((3, 4), (3, 3), "X9".into()),
            ]
        );
    }
}
