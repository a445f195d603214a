//! Duplicate `activity_id`s (§4): each accepted row's id goes, with a 64-bit fingerprint, to
//! one of [`BUCKETS`] buckets. A bucket's records are gathered in memory in chunks and
//! appended to one scratch file per activities file (thousands of small bucket files cost
//! more in file creation than the rest of the phase). A bucket is then read back from every
//! file; the fingerprints seen more than once are found through a set, their rows sorted by
//! fingerprint and row (integer keys, no string comparison), and ids are compared byte for
//! byte only within a run of equal fingerprints, so the first row in
//! path-and-line order wins exactly, whatever the fingerprints do.

use super::tables::Origin;
use anyhow::{Context, Result};
use std::hash::BuildHasher;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// Buckets: duplicates are looked for one bucket at a time, so memory holds about
/// 1/BUCKETS of the ids at once.
pub(crate) const BUCKETS: usize = 128;

/// Bytes gathered for a bucket before they are appended to the scratch file.
const CHUNK: usize = 16 * 1024;

/// A duplicate: where it is, where the first row with its id is, and the id.
pub(crate) type Duplicate = (Origin, Origin, String);

/// The ids of one activities file, gathered by bucket and appended to one scratch file.
pub(crate) struct IdBuckets {
    file: usize,
    path: PathBuf,
    out: std::fs::File,
    written: u64,
    pending: Vec<Vec<u8>>,
    chunks: Vec<Vec<(u64, usize)>>,
    hasher: foldhash::fast::FixedState,
}

/// Where one activities file's ids are: its scratch file and, per bucket, the chunks
/// (offset, length) that hold the bucket's records.
#[derive(Default)]
pub(crate) struct IdChunks {
    file: usize,
    path: PathBuf,
    chunks: Vec<Vec<(u64, usize)>>,
}

impl IdChunks {
    /// Takes the chunk list out, leaving an empty one.
    pub(crate) fn take(&mut self) -> IdChunks {
        std::mem::take(self)
    }
}

impl IdBuckets {
    /// No ids yet for file number `file`; its scratch file is created in `dir`.
    pub(crate) fn create(dir: &Path, file: usize) -> std::io::Result<IdBuckets> {
        let path = dir.join(format!("ids-{file}"));
        Ok(IdBuckets {
            file,
            out: std::fs::File::create(&path)?,
            path,
            written: 0,
            pending: (0..BUCKETS).map(|_| Vec::new()).collect(),
            chunks: (0..BUCKETS).map(|_| Vec::new()).collect(),
            hasher: foldhash::fast::FixedState::default(),
        })
    }

    /// Adds the id of the accepted row at `line`.
    pub(crate) fn push(&mut self, line: u64, id: &str) -> std::io::Result<()> {
        let fingerprint = self.hasher.hash_one(id.as_bytes());
        let b = (fingerprint % BUCKETS as u64) as usize;
        let buf = &mut self.pending[b];
        buf.extend_from_slice(&line.to_le_bytes());
        buf.extend_from_slice(&fingerprint.to_le_bytes());
        buf.extend_from_slice(&(id.len() as u32).to_le_bytes());
        buf.extend_from_slice(id.as_bytes());
        if buf.len() >= CHUNK {
            self.flush(b)?;
        }
        Ok(())
    }

    fn flush(&mut self, b: usize) -> std::io::Result<()> {
        let buf = &mut self.pending[b];
        if buf.is_empty() {
            return Ok(());
        }
        self.out.write_all(buf)?;
        self.chunks[b].push((self.written, buf.len()));
        self.written += buf.len() as u64;
        buf.clear();
        Ok(())
    }

    /// Appends what is left of every bucket; where each bucket's chunks are.
    pub(crate) fn finish(mut self) -> std::io::Result<IdChunks> {
        for b in 0..BUCKETS {
            self.flush(b)?;
        }
        Ok(IdChunks {
            file: self.file,
            path: self.path,
            chunks: self.chunks,
        })
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

/// Finds the duplicate ids of one bucket across every activities file (`files` in path
/// order).
pub(crate) fn bucket_duplicates(files: &[IdChunks], bucket: usize) -> Result<Vec<Duplicate>> {
    // Sized once: a growing buffer would hold up to twice the bytes.
    let total: usize = files
        .iter()
        .flat_map(|f| &f.chunks[bucket])
        .map(|c| c.1)
        .sum();
    let mut bytes = vec![0u8; total];
    let mut entries: Vec<Entry> = Vec::with_capacity(total / 24);
    let mut at = 0;
    for f in files {
        let chunks = &f.chunks[bucket];
        if chunks.is_empty() {
            continue;
        }
        let mut input = std::fs::File::open(&f.path)
            .with_context(|| format!("cannot read {}", f.path.display()))?;
        let start = at;
        for &(offset, len) in chunks {
            input
                .seek(SeekFrom::Start(offset))
                .and_then(|_| input.read_exact(&mut bytes[at..at + len]))
                .with_context(|| format!("cannot read {}", f.path.display()))?;
            at += len;
        }
        let mut i = start;
        while i + 20 <= at {
            let u64_at =
                |i: usize| u64::from_le_bytes(bytes[i..i + 8].try_into().unwrap_or_default());
            let line = u64_at(i);
            let fingerprint = u64_at(i + 8);
            let len =
                u32::from_le_bytes(bytes[i + 16..i + 20].try_into().unwrap_or_default()) as usize;
            let id_start = i + 20;
            let end = (id_start + len).min(at);
            entries.push(Entry {
                fingerprint,
                origin: (f.file as u32, line),
                start: id_start,
                end,
            });
            i = end;
        }
    }
    Ok(duplicates(entries, &bytes))
}

/// The entries whose id (bytes `start..end` of `bytes`) an earlier entry (by origin) has.
pub(crate) fn duplicates(entries: Vec<Entry>, bytes: &[u8]) -> Vec<Duplicate> {
    // Only a fingerprint seen twice can hold a duplicate: one pass through a set finds them,
    // and only their entries are sorted and compared (a sort of every entry took longer than
    // the rest of the phase).
    let state = foldhash::fast::FixedState::default();
    let mut seen = hashbrown::HashSet::with_capacity_and_hasher(entries.len(), state.clone());
    let mut repeated = hashbrown::HashSet::with_hasher(state);
    for e in &entries {
        if !seen.insert(e.fingerprint) {
            repeated.insert(e.fingerprint);
        }
    }
    drop(seen);
    if repeated.is_empty() {
        return Vec::new();
    }
    let mut entries: Vec<Entry> = entries
        .into_iter()
        .filter(|e| repeated.contains(&e.fingerprint))
        .collect();
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
    fn chunks_round_trip_through_the_scratch_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut files = Vec::new();
        for (file, ids) in [(0usize, ["X1", "X2", "X1"]), (3, ["X2", "X9", "X9"])] {
            let mut w = IdBuckets::create(dir.path(), file).unwrap();
            for (line, id) in ids.iter().enumerate() {
                w.push(line as u64 + 2, id).unwrap();
            }
            files.push(w.finish().unwrap());
        }
        let mut found: Vec<Duplicate> = (0..BUCKETS)
            .flat_map(|b| bucket_duplicates(&files, b).unwrap())
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

    #[test]
    fn a_bucket_spread_over_many_chunks_is_read_back_whole() {
        let dir = tempfile::tempdir().unwrap();
        let mut w = IdBuckets::create(dir.path(), 0).unwrap();
        // Enough ids that every bucket fills several chunks; each id twice, 10^5 lines apart.
        let n = 40 * BUCKETS * CHUNK / 30 / 40;
        for round in 0..2u64 {
            for i in 0..n {
                w.push(round * 100_000 + i as u64, &format!("A{i:07}"))
                    .unwrap();
            }
        }
        let files = [w.finish().unwrap()];
        assert!(files[0].chunks.iter().all(|c| c.len() > 1));
        let found: Vec<Duplicate> = (0..BUCKETS)
            .flat_map(|b| bucket_duplicates(&files, b).unwrap())
            .collect();
        assert_eq!(found.len(), n);
        assert!(
            found
                .iter()
                .all(|(at, first, id)| at.1 == first.1 + 100_000
                    && id == &format!("A{:07}", first.1))
        );
    }
}
