//! Entry points for the fuzz targets in `fuzz/` and for the corpus replay test: each takes
//! arbitrary bytes and must neither panic nor hang, whatever they are.

use crate::amount::MoneyFormat;
use crate::dates::DateOrder;
use crate::discover::Table;
use crate::format::FileFormat;
use crate::parse::{parse_bool, parse_money, parse_timestamp, to_moment};
use crate::reader::CsvReader;

/// The record reader: headers and every record of arbitrary bytes.
pub fn record_reader(data: &[u8]) {
    let source = Box::new(std::io::Cursor::new(data.to_vec()));
    let Ok(mut reader) = CsvReader::from_reader(
        source,
        "fuzz.csv",
        &FileFormat::canonical(Table::Activities),
    ) else {
        return;
    };
    let n = reader.headers.len();
    while let Ok(Some(row)) = reader.next_row() {
        for i in 0..=n {
            let _ = row.get(Some(i));
        }
        let _ = row.first(&[0, n, 1]);
    }
}

/// The timestamp parsers: canonical, with formats, into two zones.
pub fn timestamp(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let mut format = FileFormat::canonical(Table::Leads);
    format.date_formats = vec!["%m/%d/%Y %I:%M %p".into(), "%d.%m.%Y".into()];
    for tz in ["UTC", "Europe/Berlin"] {
        let tz = jiff::tz::TimeZone::get(tz).expect("bundled zone");
        if let Some(t) = parse_timestamp(s) {
            let _ = to_moment(t, &tz);
        }
        for order in [None, Some(DateOrder::MonthFirst), Some(DateOrder::DayFirst)] {
            if let Some(t) = format.timestamp(s, order) {
                let _ = to_moment(t, &tz);
            }
        }
    }
    let _ = parse_bool(s);
}

/// The money parsers: canonical and with separators and currency symbols.
pub fn money(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let _ = parse_money(s);
    for (decimal, thousands) in [
        ('.', Some(',')),
        (',', Some('.')),
        (',', Some(' ')),
        ('.', None),
    ] {
        let format = FileFormat {
            money: Some(MoneyFormat { decimal, thousands }),
            ..FileFormat::canonical(Table::Proposals)
        };
        let _ = format.money(s);
    }
}

/// The spreadsheet reader: arbitrary bytes as a workbook (XLSX, XLS, XLSB, ODS), its header
/// and every record, with a decimal comma and footer dropping so every path is taken.
pub fn spreadsheet(data: &[u8]) {
    let mut format = FileFormat::resolve(Table::Proposals, None);
    format.drop_footer = true;
    format.money = Some(MoneyFormat {
        decimal: ',',
        thousands: Some('.'),
    });
    let Ok(mut reader) = CsvReader::from_sheet(data, "fuzz.xlsx", &format) else {
        return;
    };
    let n = reader.headers.len();
    while let Ok(Some(row)) = reader.next_row() {
        for i in 0..=n {
            let _ = format.money(row.get(Some(i)));
            let _ = format.timestamp(row.get(Some(i)), None);
        }
    }
}

/// A whole data folder: the bytes are cut into four tables at `\x00` separators, written to a
/// scratch folder and ingested with the default settings. Every file's rows must add up.
/// Returns what was read (`None` when the folder fails as a whole), so the corpus replay can
/// go on through the metrics and the exports.
pub fn whole_folder(data: &[u8]) -> Option<(tempfile::TempDir, crate::Ingested)> {
    let dir = tempfile::tempdir().ok()?;
    let mut parts = data.split(|&b| b == 0);
    for name in ["reps.csv", "leads.csv", "activities.csv", "proposals.csv"] {
        let part = parts.next().unwrap_or_default();
        std::fs::write(dir.path().join(name), part).ok()?;
    }
    let config = repcard_core::config::Config::default();
    let ingested = crate::ingest(dir.path(), &config, None).ok()?;
    for f in &ingested.files {
        if let Some(c) = f.counts {
            assert_eq!(c.read, c.accepted + c.rejected, "{}", f.file);
        }
    }
    Some((dir, ingested))
}
