//! Spreadsheet exports (`.xlsx`, `.xlsm`, `.xls`, `.xlsb`, `.ods`), read with calamine: the
//! first sheet (or the table's `sheet`), each cell as the export shows it, dates from Excel
//! serial numbers converted exactly (to the second, half-up). A workbook that cannot be read
//! fails naming the file; it is never skipped.

use super::format::FileFormat;
use anyhow::{Result, anyhow};
use calamine::{Data, Reader};
use csv::StringRecord;
use std::io::Cursor;

/// The file extensions read as spreadsheets (compared case-insensitively).
pub(crate) const SPREADSHEET_EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xls", "xlsb", "ods"];

/// A sheet's records: the physical row number (1 = the sheet's first row) and the cells.
pub(crate) type SheetRows = Vec<(u64, StringRecord)>;

/// The largest serial date converted (10000-01-01 is 2958466 in Excel's 1900 system).
const MAX_SERIAL: f64 = 2_958_465.999_999;

/// A number as Excel shows it in a General cell: 15 significant digits (so `0.1 + 0.2`
/// stays `0.3`), without trailing zeros, with the table's decimal separator.
fn number(f: f64, format: &FileFormat) -> String {
    let text = rust_decimal::Decimal::from_scientific(&format!("{f:.14e}"))
        .map(|d| d.normalize().to_string())
        .unwrap_or_else(|_| format!("{f}"));
    match format.money.map(|m| m.decimal) {
        Some(',') => text.replace('.', ","),
        _ => text,
    }
}

/// An Excel date-time as a canonical timestamp (`YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS`);
/// `None` outside Excel's range or for the 1900 leap-year bug's 1900-02-29.
fn date_time(d: &calamine::ExcelDateTime) -> Option<String> {
    let serial = d.as_f64();
    if !serial.is_finite() || !(0.0..MAX_SERIAL).contains(&serial) {
        return None;
    }
    let (y, mo, day, h, mi, s, ms) = d.to_ymd_hms_milli();
    let date = jiff::civil::Date::new(y as i16, mo as i8, day as i8).ok()?;
    let mut dt = date.to_datetime(jiff::civil::Time::new(h as i8, mi as i8, s as i8, 0).ok()?);
    if ms >= 500 {
        dt = dt.checked_add(jiff::Span::new().seconds(1)).ok()?;
    }
    Some(if dt.time() == jiff::civil::Time::midnight() {
        dt.date().to_string()
    } else {
        dt.strftime("%Y-%m-%d %H:%M:%S").to_string()
    })
}

/// One cell's text.
fn cell_text(cell: &Data, format: &FileFormat) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f, format),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) if d.is_datetime() => {
            date_time(d).unwrap_or_else(|| number(d.as_f64(), format))
        }
        Data::DateTime(d) => number(d.as_f64(), format),
        Data::Error(e) => e.to_string(),
    }
}

/// Reads the sheet of a workbook's bytes. `name` is the file as shown to the user.
pub(crate) fn read_sheet(bytes: &[u8], name: &str, format: &FileFormat) -> Result<SheetRows> {
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| anyhow!("{name}: cannot read the spreadsheet: {e}"))?;
    let names = book.sheet_names();
    let sheet = match &format.sheet {
        Some(wanted) => names
            .iter()
            .find(|n| n.trim().eq_ignore_ascii_case(wanted.trim()))
            .ok_or_else(|| {
                anyhow!(
                    "{name}: no sheet named {wanted:?}; the workbook has: {}",
                    names.join(", ")
                )
            })?
            .clone(),
        None => names
            .first()
            .ok_or_else(|| anyhow!("{name}: the workbook has no sheet"))?
            .clone(),
    };
    let range = book
        .worksheet_range(&sheet)
        .map_err(|e| anyhow!("{name}: cannot read sheet {sheet:?}: {e}"))?;
    let first_row = u64::from(range.start().map_or(0, |(row, _)| row));
    let mut rows = Vec::new();
    for (i, cells) in range.rows().enumerate() {
        let record: StringRecord = cells.iter().map(|c| cell_text(c, format)).collect();
        rows.push((first_row + i as u64 + 1, record));
    }
    Ok(rows)
}

/// Whether `path` names a spreadsheet by its extension.
pub(crate) fn is_spreadsheet(path: &std::path::Path) -> bool {
    path.extension().is_some_and(|e| {
        SPREADSHEET_EXTENSIONS
            .iter()
            .any(|x| e.to_string_lossy().eq_ignore_ascii_case(x))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{ExcelDateTime, ExcelDateTimeType};
    use repcard_core::schema::Table;

    fn serial(v: f64) -> Option<String> {
        date_time(&ExcelDateTime::new(v, ExcelDateTimeType::DateTime, false))
    }

    #[test]
    fn excel_serials_convert_exactly() {
        // 46300 days after 1899-12-30 is 2026-10-05 (45658 = 2025-01-01, + 365 + 277).
        assert_eq!(serial(46300.0).as_deref(), Some("2026-10-05"));
        // 0.6041666… of a day is 14:30:00.
        assert_eq!(
            serial(46300.0 + 14.5 / 24.0).as_deref(),
            Some("2026-10-05 14:30:00")
        );
        assert_eq!(serial(-1.0), None);
        assert_eq!(serial(f64::NAN), None);
        assert_eq!(serial(1e300), None);
    }

    #[test]
    fn numbers_show_as_excel_shows_them() {
        let f = FileFormat::canonical(Table::Proposals);
        assert_eq!(number(12500.0, &f), "12500");
        assert_eq!(number(980.25, &f), "980.25");
        assert_eq!(number(0.1 + 0.2, &f), "0.3");
        assert_eq!(number(-1000.5, &f), "-1000.5");
    }
}
