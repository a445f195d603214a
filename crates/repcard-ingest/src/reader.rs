//! Reading one CSV file (or one sheet of a spreadsheet): decoding, the delimiter, the header,
//! then records with the physical line each starts on, without a CRM report's footer.

use super::footer;
use super::format::FileFormat;
use super::sheet::{self, SheetRows};
use anyhow::{Context, Result, bail};
use csv::{ByteRecord, StringRecord};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::{Cursor, Read};
use std::path::Path;
use std::rc::Rc;

/// Where the records come from.
enum Source {
    /// A CSV stream and where its lines start.
    Csv {
        reader: csv::Reader<Box<dyn Read>>,
        lines: Rc<RefCell<LineIndex>>,
    },
    /// A spreadsheet's rows, already read.
    Sheet(std::vec::IntoIter<(u64, StringRecord)>),
}

/// An open CSV file (or spreadsheet) whose header has been read.
pub struct CsvReader {
    source: Source,
    name: String,
    /// Lower-cased, trimmed header names, in file order.
    pub headers: Vec<String>,
    record: StringRecord,
    drop_footer: bool,
    /// One-cell records held back until it is known whether they end the file in a footer.
    held: Vec<(u64, StringRecord)>,
    /// Whether a footer marker was seen since the last record with more than one cell.
    held_marker: bool,
    /// Records to hand out before reading on.
    released: VecDeque<(u64, StringRecord)>,
    at_end: bool,
}

/// Where the lines that have content start, for the stretch of the file between the record
/// being read and what the CSV parser has buffered ahead of it.
///
/// The `csv` crate dates a record from where its read began: before the blank lines it skips
/// and before the `\n` of a `\r\n` that ended the previous record. The record itself starts at
/// the first line with content from there on.
#[derive(Default)]
struct LineIndex {
    /// (byte offset of a line's first byte that is not `\r`/`\n`, its physical line number)
    starts: VecDeque<(u64, u64)>,
}

impl LineIndex {
    /// The physical line of the first content at or after byte `from`; forgets what is before.
    fn line_from(&mut self, from: u64) -> Option<u64> {
        while self
            .starts
            .front()
            .is_some_and(|&(offset, _)| offset < from)
        {
            self.starts.pop_front();
        }
        self.starts.front().map(|&(_, line)| line)
    }
}

/// One data record: its line and its cells, trimmed.
pub struct Row<'a> {
    /// Physical line where the record starts.
    pub line: u64,
    record: &'a StringRecord,
}

impl Row<'_> {
    /// The trimmed cell at `column`, or `""` when the row is short or there is no such column.
    pub fn get(&self, column: Option<usize>) -> &str {
        column
            .and_then(|i| self.record.get(i))
            .map(trim)
            .unwrap_or("")
    }

    /// The first non-empty trimmed cell among `columns` (the headers that may feed one
    /// contract column), or `""`.
    pub fn first(&self, columns: &[usize]) -> &str {
        columns
            .iter()
            .map(|&c| self.get(Some(c)))
            .find(|v| !v.is_empty())
            .unwrap_or("")
    }
}

/// `cell` without leading and trailing white space; most cells have none, and their first and
/// last bytes tell so without decoding characters.
fn trim(cell: &str) -> &str {
    match cell.as_bytes() {
        [first, .., last] if first.is_ascii_graphic() && last.is_ascii_graphic() => cell,
        [only] if only.is_ascii_graphic() => cell,
        _ => cell.trim(),
    }
}

fn is_blank(record: &ByteRecord) -> bool {
    record.iter().all(|cell| cell.trim_ascii().is_empty())
}

fn is_blank_text(record: &StringRecord) -> bool {
    // A printable ASCII byte anywhere settles it (the first cell usually has one).
    !record.as_slice().bytes().any(|b| b.is_ascii_graphic())
        && record.iter().all(|cell| cell.trim().is_empty())
}

/// The delimiter of a header line: whichever of `,` `;` tab occurs most outside quotes
/// (`,` on a tie or when none occurs).
pub(crate) fn detect_delimiter(head: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in head {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    if counts[best] == 0 {
        b','
    } else {
        [b',', b';', b'\t'][best]
    }
}

/// The longest record repcard reads: beyond it a file is not a CSV export (a binary file, a
/// file without line breaks) and reading stops before it can fill memory.
pub(crate) const MAX_RECORD_BYTES: u64 = 64 * 1024 * 1024;

/// Passes bytes through, failing once a record (bytes since the last line break outside
/// quotes) grows past [`MAX_RECORD_BYTES`].
struct RecordGuard<R> {
    inner: R,
    quoted: bool,
    since_break: u64,
    line: u64,
    offset: u64,
    at_line_start: bool,
    lines: Rc<RefCell<LineIndex>>,
}

impl<R: Read> RecordGuard<R> {
    fn too_long(&self) -> std::io::Error {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "a record near line {} is longer than {} MiB; this does not look like a CSV export",
                self.line,
                MAX_RECORD_BYTES / (1024 * 1024)
            ),
        )
    }
}

impl<R: Read> Read for RecordGuard<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let data = &buf[..n];
        let mut lines = self.lines.borrow_mut();
        let mut pos = 0;
        while pos < n {
            if self.at_line_start {
                // Line ends before the line's first content byte.
                while pos < n && matches!(data[pos], b'\r' | b'\n') {
                    if data[pos] == b'\n' {
                        self.line += 1;
                        if !self.quoted {
                            self.since_break = 0;
                            pos += 1;
                            continue;
                        }
                    }
                    self.since_break += 1;
                    pos += 1;
                }
                if pos == n {
                    break;
                }
                lines
                    .starts
                    .push_back((self.offset + pos as u64, self.line));
                self.at_line_start = false;
            }
            match memchr::memchr2(b'\n', b'"', &data[pos..]) {
                None => {
                    self.since_break += (n - pos) as u64;
                    pos = n;
                }
                Some(k) => {
                    let i = pos + k;
                    self.since_break += k as u64;
                    if data[i] == b'"' {
                        self.quoted = !self.quoted;
                        self.since_break += 1;
                    } else {
                        self.line += 1;
                        self.at_line_start = true;
                        if self.quoted {
                            self.since_break += 1;
                        } else {
                            self.since_break = 0;
                        }
                    }
                    pos = i + 1;
                }
            }
            if self.since_break > MAX_RECORD_BYTES {
                return Err(self.too_long());
            }
        }
        if self.since_break > MAX_RECORD_BYTES {
            return Err(self.too_long());
        }
        self.offset += n as u64;
        Ok(n)
    }
}

/// Opens the file as a byte stream of UTF-8 (or of raw bytes when it is neither marked nor
/// configured as another encoding), with a byte-order mark removed.
fn decoded(path: &Path, format: &FileFormat, name: &str) -> Result<Box<dyn Read>> {
    let mut file =
        std::fs::File::open(path).with_context(|| format!("{name}: cannot open file"))?;
    let mut head = [0u8; 4];
    let mut n = 0;
    while n < head.len() {
        let got = file
            .read(&mut head[n..])
            .with_context(|| format!("{name}: cannot read file"))?;
        if got == 0 {
            break;
        }
        n += got;
    }
    let head = &head[..n];
    let utf16_bom = head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF");
    let start = Cursor::new(head.to_vec()).chain(file);
    let stream: Box<dyn Read> = if format.encoding.is_some() || utf16_bom {
        Box::new(
            encoding_rs_io::DecodeReaderBytesBuilder::new()
                .encoding(format.encoding)
                .bom_sniffing(true)
                .strip_bom(true)
                .build(start),
        )
    } else {
        Box::new(start)
    };
    Ok(stream)
}

impl CsvReader {
    /// Opens `path` (a CSV file, or a spreadsheet by its extension) and reads its header row.
    /// `name` is the path shown to the user.
    pub fn open(path: &Path, name: &str, format: &FileFormat) -> Result<CsvReader> {
        if sheet::is_spreadsheet(path) {
            let bytes = std::fs::read(path).with_context(|| format!("{name}: cannot read file"))?;
            return CsvReader::from_sheet(&bytes, name, format);
        }
        let source = decoded(path, format, name)?;
        CsvReader::from_reader(source, name, format)
    }

    /// Reads the header row of a spreadsheet's bytes: its first row that is not blank.
    pub fn from_sheet(bytes: &[u8], name: &str, format: &FileFormat) -> Result<CsvReader> {
        let rows: SheetRows = sheet::read_sheet(bytes, name, format)?;
        let mut rows = rows.into_iter();
        let Some((_, header)) = rows.by_ref().find(|(_, r)| !is_blank_text(r)) else {
            bail!("{name}: the sheet has no header row; expected a first row naming the columns");
        };
        let headers = header.iter().map(|h| h.trim().to_lowercase()).collect();
        Ok(CsvReader::new(Source::Sheet(rows), name, headers, format))
    }

    fn new(source: Source, name: &str, headers: Vec<String>, format: &FileFormat) -> CsvReader {
        CsvReader {
            source,
            name: name.to_string(),
            headers,
            record: StringRecord::new(),
            drop_footer: format.drop_footer,
            held: Vec::new(),
            held_marker: false,
            released: VecDeque::new(),
            at_end: false,
        }
    }

    /// Reads the header row from an already decoded byte stream.
    pub fn from_reader(
        mut source: Box<dyn Read>,
        name: &str,
        format: &FileFormat,
    ) -> Result<CsvReader> {
        let delimiter = match format.delimiter {
            Some(d) => d,
            None => {
                // Sniff the delimiter from the start of the file, then read it all from the top.
                let mut head = Vec::with_capacity(8192);
                (&mut source)
                    .take(64 * 1024)
                    .read_to_end(&mut head)
                    .with_context(|| format!("{name}: cannot read file"))?;
                let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head);
                let first_line = text
                    .iter()
                    .position(|&b| !b.is_ascii_whitespace())
                    .map_or(&text[..0], |i| &text[i..]);
                let d = detect_delimiter(first_line);
                source = Box::new(Cursor::new(head).chain(source));
                d
            }
        };
        let lines = Rc::new(RefCell::new(LineIndex::default()));
        let guarded = RecordGuard {
            inner: source,
            quoted: false,
            since_break: 0,
            line: 1,
            offset: 0,
            at_line_start: true,
            lines: Rc::clone(&lines),
        };
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            // 256 KiB reads instead of the default 8 KiB: a 20 MB export in 80 system calls
            // rather than 2,500.
            .buffer_capacity(1 << 18)
            .from_reader(Box::new(guarded) as Box<dyn Read>);
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
                    "{name}:1: header column {} is not valid UTF-8; save the file as UTF-8 or set `encoding` for its table in repcard.toml",
                    i + 1
                )
            })?;
            headers.push(text.trim().to_lowercase());
        }
        Ok(CsvReader::new(
            Source::Csv { reader, lines },
            name,
            headers,
            format,
        ))
    }

    /// The index of the first header named `column` (case-insensitive, trimmed).
    pub fn column(&self, column: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == column)
    }

    /// Reads the next non-blank record; `None` at the end of the file. A cell that is not
    /// UTF-8 fails the file, naming its line and column. With `drop_footer`, footer lines
    /// are left out (see [`footer`]).
    pub fn next_row(&mut self) -> Result<Option<Row<'_>>> {
        loop {
            if let Some((line, record)) = self.released.pop_front() {
                self.record = record;
                return Ok(Some(Row {
                    line,
                    record: &self.record,
                }));
            }
            if self.at_end {
                return Ok(None);
            }
            let Some(line) = self.read_record()? else {
                self.at_end = true;
                if self.held_marker {
                    self.held.clear();
                } else {
                    self.released.extend(self.held.drain(..));
                }
                continue;
            };
            if self.drop_footer {
                if footer::is_marker(self.record.iter()) {
                    self.held_marker = true;
                    continue;
                }
                if footer::is_single_cell(self.record.iter()) {
                    self.held.push((line, self.record.clone()));
                    continue;
                }
                self.held_marker = false;
                if !self.held.is_empty() {
                    self.released.extend(self.held.drain(..));
                    self.released.push_back((line, self.record.clone()));
                    continue;
                }
            }
            return Ok(Some(Row {
                line,
                record: &self.record,
            }));
        }
    }

    /// Reads the next non-blank record into `self.record`; its line, or `None` at the end.
    fn read_record(&mut self) -> Result<Option<u64>> {
        loop {
            match &mut self.source {
                Source::Sheet(rows) => match rows.next() {
                    None => return Ok(None),
                    Some((line, record)) => {
                        if !is_blank_text(&record) {
                            self.record = record;
                            return Ok(Some(line));
                        }
                    }
                },
                Source::Csv { reader, .. } => {
                    let more = match reader.read_record(&mut self.record) {
                        Ok(more) => more,
                        Err(e) => return Err(self.read_error(e)),
                    };
                    if !more {
                        return Ok(None);
                    }
                    if !is_blank_text(&self.record) {
                        return Ok(Some(self.line_of(self.record.position())));
                    }
                }
            }
        }
    }

    fn line_of(&self, position: Option<&csv::Position>) -> u64 {
        let from_index = match &self.source {
            Source::Csv { lines, .. } => {
                position.and_then(|p| lines.borrow_mut().line_from(p.byte()))
            }
            Source::Sheet(_) => None,
        };
        from_index.or(position.map(|p| p.line())).unwrap_or(0)
    }

    fn read_error(&self, e: csv::Error) -> anyhow::Error {
        if let csv::ErrorKind::Utf8 { pos, err } = e.kind() {
            let line = self.line_of(pos.as_ref());
            let col = err.field();
            let header = self
                .headers
                .get(col)
                .cloned()
                .unwrap_or_else(|| format!("#{}", col + 1));
            return anyhow::anyhow!(
                "{}:{line}: column {header}: the value is not valid UTF-8; save the file as UTF-8 or set `encoding` for its table in repcard.toml",
                self.name
            );
        }
        csv_error(&self.name, e)
    }
}

fn csv_error(name: &str, e: csv::Error) -> anyhow::Error {
    match e.position() {
        Some(pos) => anyhow::anyhow!("{name}:{}: cannot read CSV: {e}", pos.line()),
        None => anyhow::anyhow!("{name}: cannot read CSV: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_lose_any_white_space_around_them() {
        for (cell, trimmed) in [
            ("R1", "R1"),
            ("x", "x"),
            ("", ""),
            (" ", ""),
            (" R1\t", "R1"),
            ("R1 ", "R1"),
            ("\u{a0}R1\u{3000}", "R1"),
            ("é ", "é"),
            ("a b", "a b"),
        ] {
            assert_eq!(trim(cell), trimmed, "{cell:?}");
            assert_eq!(trim(cell), cell.trim(), "{cell:?}");
        }
    }

    #[test]
    fn delimiter_is_the_most_frequent_outside_quotes() {
        assert_eq!(detect_delimiter(b"a,b,c\n1;2;3;4;5"), b',');
        assert_eq!(detect_delimiter(b"a;b;\"c,d,e\"\n"), b';');
        assert_eq!(detect_delimiter(b"a\tb\tc"), b'\t');
        assert_eq!(detect_delimiter(b"single"), b',');
    }
}
