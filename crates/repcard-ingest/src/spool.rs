//! Spool files: accepted activities written once in a fixed binary layout to a scratch folder,
//! so that the metrics can read them twice (and in parallel) without parsing CSV again and
//! without holding them in memory.

use jiff::civil::Date;
use repcard_core::model::{Activity, ActivityType, Moment};
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::Path;

/// Bytes of one record: rep, lead, instant, date (y, m, d), type, line.
pub(crate) const RECORD: usize = 4 + 4 + 8 + 4 + 1 + 8;

/// One activity and the line it came from.
pub(crate) fn encode(a: &Activity, line: u64) -> [u8; RECORD] {
    let mut b = [0u8; RECORD];
    b[0..4].copy_from_slice(&a.rep.to_le_bytes());
    b[4..8].copy_from_slice(&a.lead.to_le_bytes());
    b[8..16].copy_from_slice(&a.at.instant.to_le_bytes());
    b[16..18].copy_from_slice(&a.at.date.year().to_le_bytes());
    b[18] = a.at.date.month() as u8;
    b[19] = a.at.date.day() as u8;
    b[20] = match a.kind {
        ActivityType::Call => 0,
        ActivityType::Meeting => 1,
        ActivityType::Email => 2,
    };
    b[21..29].copy_from_slice(&line.to_le_bytes());
    b
}

/// Reads back what [`encode`] wrote.
pub(crate) fn decode(b: &[u8]) -> Option<(Activity, u64)> {
    let u32_at = |i: usize| u32::from_le_bytes(b[i..i + 4].try_into().unwrap_or_default());
    let u64_at = |i: usize| u64::from_le_bytes(b[i..i + 8].try_into().unwrap_or_default());
    let year = i16::from_le_bytes([b[16], b[17]]);
    let date = Date::new(year, b[18] as i8, b[19] as i8).ok()?;
    let kind = match b[20] {
        0 => ActivityType::Call,
        1 => ActivityType::Meeting,
        _ => ActivityType::Email,
    };
    Some((
        Activity {
            rep: u32_at(0),
            lead: u32_at(4),
            at: Moment {
                instant: u64_at(8) as i64,
                date,
            },
            kind,
        },
        u64_at(21),
    ))
}

/// Appends records to one spool file.
pub(crate) struct SpoolWriter(BufWriter<std::fs::File>);

impl SpoolWriter {
    /// Creates the spool file.
    pub(crate) fn create(path: &Path) -> std::io::Result<SpoolWriter> {
        Ok(SpoolWriter(BufWriter::with_capacity(
            1 << 16,
            std::fs::File::create(path)?,
        )))
    }

    /// Appends one activity.
    pub(crate) fn push(&mut self, a: &Activity, line: u64) -> std::io::Result<()> {
        self.0.write_all(&encode(a, line))
    }

    /// Flushes to disk.
    pub(crate) fn finish(mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

/// Calls `visit` with batches of the activities of one spool file and their lines.
pub(crate) fn read_batches(
    path: &Path,
    batch: usize,
    mut visit: impl FnMut(&[(Activity, u64)]),
) -> std::io::Result<()> {
    let mut reader = BufReader::with_capacity(1 << 16, std::fs::File::open(path)?);
    let mut buf = vec![0u8; RECORD * batch];
    let mut items = Vec::with_capacity(batch);
    loop {
        let mut filled = 0;
        while filled < buf.len() {
            let n = reader.read(&mut buf[filled..])?;
            if n == 0 {
                break;
            }
            filled += n;
        }
        items.clear();
        items.extend(
            buf[..filled - filled % RECORD]
                .chunks_exact(RECORD)
                .filter_map(decode),
        );
        if !items.is_empty() {
            visit(&items);
        }
        if filled < buf.len() {
            return Ok(());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_round_trip() {
        let a = Activity {
            rep: 7,
            lead: 3_000_000,
            at: Moment {
                instant: -86_400 * 365,
                date: jiff::civil::date(1969, 1, 1),
            },
            kind: ActivityType::Meeting,
        };
        assert_eq!(decode(&encode(&a, 123_456_789)), Some((a, 123_456_789)));
    }

    #[test]
    fn a_file_reads_back_whole_and_in_order_whatever_dates_repeat() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("spool");
        let at = |day: i8, instant: i64| Moment {
            instant,
            date: jiff::civil::date(2026, 3, day),
        };
        let rows: Vec<(Activity, u64)> = [(1, 10), (1, 11), (2, 20), (1, 12), (31, 30)]
            .iter()
            .enumerate()
            .map(|(i, &(day, instant))| {
                let a = Activity {
                    rep: i as u32,
                    lead: 7,
                    at: at(day, instant),
                    kind: ActivityType::Call,
                };
                (a, i as u64 + 2)
            })
            .collect();
        let mut w = SpoolWriter::create(&path).unwrap();
        for (a, line) in &rows {
            w.push(a, *line).unwrap();
        }
        w.finish().unwrap();
        let mut back = Vec::new();
        read_batches(&path, 2, |items| back.extend_from_slice(items)).unwrap();
        assert_eq!(back, rows);
    }
}
