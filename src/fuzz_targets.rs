//! Entry points for the fuzz targets in `fuzz/` and for the corpus replay test: each takes
//! arbitrary bytes and must neither panic nor hang, whatever they are.

use crate::ingest::discover::Table;
use crate::ingest::format::{FileFormat, MoneyFormat};
use crate::ingest::parse::{parse_bool, parse_money, parse_timestamp, to_moment};
use crate::ingest::reader::CsvReader;
use crate::report::exports;

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
        if let Some(t) = format.timestamp(s) {
            let _ = to_moment(t, &tz);
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

/// A whole data folder: the bytes are cut into four tables at `\x00` separators, written to a
/// scratch folder, ingested, measured and exported. Every file's rows must add up.
pub fn whole_folder(data: &[u8]) {
    let Ok(dir) = tempfile::tempdir() else { return };
    let mut parts = data.split(|&b| b == 0);
    for name in ["reps.csv", "leads.csv", "activities.csv", "proposals.csv"] {
        let part = parts.next().unwrap_or_default();
        if std::fs::write(dir.path().join(name), part).is_err() {
            return;
        }
    }
    let Ok(crate::cmd::Analysis {
        config,
        ingested,
        metrics,
    }) = crate::cmd::analyse(dir.path(), None)
    else {
        return;
    };
    for f in &ingested.files {
        if let Some(c) = f.counts {
            assert_eq!(c.read, c.accepted + c.rejected, "{}", f.file);
        }
    }
    for p in &metrics.periods {
        let calls: u64 = p.reps.iter().map(|r| r.figures.calls()).sum();
        assert_eq!(calls, p.company.figures.calls());
    }
    let _ = exports::metrics_csv(&ingested.dataset, &metrics);
    let _ = exports::metrics_json(&config, &ingested.dataset, &metrics);
    let _ = exports::rejects_csv(&ingested);
}
