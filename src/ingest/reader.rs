//! Reading one CSV file: the header, then records with the physical line each starts on.

use anyhow::{Context, Result, bail};
use csv::ByteRecord;
use std::path::Path;

/// An open CSV file whose header has been read.
pub struct CsvReader {
    reader: csv::Reader<std::fs::File>,
    name: String,
    /// Lower-cased, trimmed header names, in file order.
    pub headers: Vec<String>,
    record: ByteRecord,
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
        let file =
            std::fs::File::open(path).with_context(|| format!("{name}: cannot open file"))?;
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(file);
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
            let line = self.record.position().map_or(0, |p| p.line());
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
