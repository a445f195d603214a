//! Reading one CSV file: the header, then records with the physical line each starts on.

use anyhow::{Context, Result, bail};
use csv::ByteRecord;
use std::io::Cursor;
use std::path::Path;

/// An open CSV file whose header has been read.
pub struct CsvReader {
    reader: csv::Reader<Cursor<Vec<u8>>>,
    name: String,
    /// Lower-cased, trimmed header names, in file order.
    pub headers: Vec<String>,
    record: ByteRecord,
    lines: LineCounter,
}

/// Physical line numbers by byte offset, counted forward as the records go by.
///
/// The `csv` crate dates a record from where its read began: before the blank lines it skips
/// and before the `\n` of a `\r\n` that ended the previous record. The record itself starts at
/// the first byte from there that is not a line end.
#[derive(Default)]
struct LineCounter {
    byte: usize,
    line: u64,
}

impl LineCounter {
    fn line_of_record_from(&mut self, bytes: &[u8], from: usize) -> u64 {
        let mut start = from.min(bytes.len());
        while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        if start >= self.byte {
            self.line += bytes[self.byte..start]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64;
            self.byte = start;
        }
        self.line + 1
    }
}

/// One data record: its line and its cells, trimmed.
pub struct Row<'a> {
    /// Physical line where the record starts.
    pub line: u64,
    record: &'a ByteRecord,
}

impl Row<'_> {
    /// The trimmed cell at `column`, or `""` when the row is short or there is no such column.
    pub fn get(&self, column: Option<usize>) -> &str {
        column
            .and_then(|i| self.record.get(i))
            .and_then(|b| std::str::from_utf8(b).ok())
            .map(str::trim)
            .unwrap_or("")
    }
}

fn is_blank(record: &ByteRecord) -> bool {
    record.iter().all(|cell| cell.trim_ascii().is_empty())
}

impl CsvReader {
    /// Opens `path` and reads its header row. `name` is the path shown to the user.
    pub fn open(path: &Path, name: &str) -> Result<CsvReader> {
        let bytes = std::fs::read(path).with_context(|| format!("{name}: cannot read file"))?;
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(Cursor::new(bytes));
        let mut record = ByteRecord::new();
        loop {
            if !reader
                .read_byte_record(&mut record)
                .map_err(|e| csv_error(name, e))?
            {
                bail!(
                    "{name}: the file has no header row; expected a first line naming the columns"
                );
            }
            if !is_blank(&record) {
                break;
            }
        }
        let mut headers = Vec::with_capacity(record.len());
        for (i, cell) in record.iter().enumerate() {
            let cell = if i == 0 {
                cell.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(cell)
            } else {
                cell
            };
            let text = std::str::from_utf8(cell).map_err(|_| {
                anyhow::anyhow!(
                    "{name}:1: header column {} is not valid UTF-8; save the file as UTF-8",
                    i + 1
                )
            })?;
            headers.push(text.trim().to_lowercase());
        }
        Ok(CsvReader {
            reader,
            name: name.to_string(),
            headers,
            record,
            lines: LineCounter::default(),
        })
    }

    /// The index of the first header named `column` (case-insensitive, trimmed).
    pub fn column(&self, column: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == column)
    }

    /// Reads the next non-blank record; `None` at the end of the file. A cell that is not
    /// UTF-8 fails the file, naming its line and column.
    pub fn next_row(&mut self) -> Result<Option<Row<'_>>> {
        loop {
            let more = self
                .reader
                .read_byte_record(&mut self.record)
                .map_err(|e| csv_error(&self.name, e))?;
            if !more {
                return Ok(None);
            }
            if is_blank(&self.record) {
                continue;
            }
            let from = self.record.position().map_or(0, |p| p.byte() as usize);
            let line = self
                .lines
                .line_of_record_from(self.reader.get_ref().get_ref(), from);
            if let Some(col) = self
                .record
                .iter()
                .position(|c| std::str::from_utf8(c).is_err())
            {
                let header = self
                    .headers
                    .get(col)
                    .cloned()
                    .unwrap_or_else(|| format!("#{}", col + 1));
                bail!(
                    "{}:{line}: column {header}: the value is not valid UTF-8; save the file as UTF-8",
                    self.name
                );
            }
            return Ok(Some(Row {
                line,
                record: &self.record,
            }));
        }
    }
}

fn csv_error(name: &str, e: csv::Error) -> anyhow::Error {
    match e.position() {
        Some(pos) => anyhow::anyhow!("{name}:{}: cannot read CSV: {e}", pos.line()),
        None => anyhow::anyhow!("{name}: cannot read CSV: {e}"),
    }
}
