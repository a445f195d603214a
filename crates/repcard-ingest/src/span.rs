//! The span of the accepted rows' dates and where its ends come from, for the `max_years`
//! guard (§6.16): a single mistyped year must fail the run, naming its `file:line`, rather
//! than quietly turn a report into thousands of periods.

use super::tables::Origin;
use anyhow::Result;
use jiff::civil::Date;
use repcard_core::Diagnostic;

/// A dated row: where it is and which of its dates counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedRow {
    /// Path relative to the data folder, with `/`.
    pub file: String,
    /// Line number in the file.
    pub line: u64,
    /// The column the date is in (`created_at`, `at`, `closed_at`).
    pub column: &'static str,
    /// The local calendar date.
    pub date: Date,
}

impl std::fmt::Display for DatedRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{} ({} {})",
            self.file, self.line, self.column, self.date
        )
    }
}

/// The earliest and the latest dated row of a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// The row with the earliest date (the first in path and line order among equals).
    pub earliest: DatedRow,
    /// The row with the latest date (the first in path and line order among equals).
    pub latest: DatedRow,
}

impl Span {
    /// Calendar years the dates touch: last year − first year + 1.
    pub fn years(&self) -> i64 {
        i64::from(self.latest.date.year()) - i64::from(self.earliest.date.year()) + 1
    }

    /// Fails when the dates touch more than `max_years` calendar years (§6.16).
    pub fn check(&self, max_years: u32) -> Result<()> {
        let years = self.years();
        if years > i64::from(max_years) {
            return Err(Diagnostic::new(format!(
                "the accepted rows' dates touch {years} calendar years ({} to {}), more than max_years = {max_years}; \
                 earliest: {}, latest: {} (nothing was written)",
                self.earliest.date.year(),
                self.latest.date.year(),
                self.earliest,
                self.latest
            ))
            .at(format!("{}:{}", self.earliest.file, self.earliest.line))
            .help("fix the stray date, or raise max_years (1 to 200) in repcard.toml")
            .into());
        }
        Ok(())
    }
}

/// One end's candidate: date, then where (file index in path order, line), then column.
type End = (Date, Origin, &'static str);

/// The running earliest and latest date while rows are read.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Extremes {
    lo: Option<End>,
    hi: Option<End>,
}

impl Extremes {
    /// Takes a dated row into account.
    pub(crate) fn see(&mut self, date: Date, at: Origin, column: &'static str) {
        let new = (date, at, column);
        if self.lo.is_none_or(|(d, o, _)| (date, at) < (d, o)) {
            self.lo = Some(new);
        }
        if self
            .hi
            .is_none_or(|(d, o, _)| date > d || (date == d && at < o))
        {
            self.hi = Some(new);
        }
    }

    /// Takes another set of rows into account.
    pub(crate) fn merge(&mut self, other: Extremes) {
        for (date, at, column) in other.lo.into_iter().chain(other.hi) {
            self.see(date, at, column);
        }
    }

    /// The earliest and the latest date, `None` before any row.
    pub(crate) fn dates(&self) -> Option<(Date, Date)> {
        Some((self.lo?.0, self.hi?.0))
    }

    /// The lines where the ends are (to check them against rows rejected later).
    pub(crate) fn origins(&self) -> impl Iterator<Item = Origin> {
        self.lo.into_iter().chain(self.hi).map(|(_, o, _)| o)
    }

    /// The span, with file names from `name_of` (a file index → its path).
    pub(crate) fn span(&self, name_of: impl Fn(u32) -> String) -> Option<Span> {
        let row = |(date, (file, line), column): End| DatedRow {
            file: name_of(file),
            line,
            column,
            date,
        };
        Some(Span {
            earliest: row(self.lo?),
            latest: row(self.hi?),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn ties_name_the_first_row_in_path_and_line_order() {
        let mut e = Extremes::default();
        e.see(date(2026, 1, 5), (1, 9), "at");
        e.see(date(2026, 1, 5), (0, 7), "created_at");
        e.see(date(2026, 3, 1), (2, 4), "closed_at");
        e.see(date(2026, 3, 1), (2, 3), "at");
        let s = e.span(|f| format!("f{f}.csv")).unwrap();
        assert_eq!((s.earliest.file.as_str(), s.earliest.line), ("f0.csv", 7));
        assert_eq!((s.latest.file.as_str(), s.latest.line), ("f2.csv", 3));
        assert_eq!(s.years(), 1);
    }

    #[test]
    fn more_years_than_max_years_fails_naming_both_ends_and_the_key() {
        let mut e = Extremes::default();
        e.see(date(1900, 1, 15), (0, 12), "created_at");
        e.see(date(2026, 10, 3), (1, 40), "at");
        let s = e
            .span(|f| ["leads.csv", "activities.csv"][f as usize].into())
            .unwrap();
        assert_eq!(s.years(), 127);
        let m = s.check(20).unwrap_err().to_string();
        assert!(m.contains("leads.csv:12 (created_at 1900-01-15)"), "{m}");
        assert!(m.contains("activities.csv:40 (at 2026-10-03)"), "{m}");
        assert!(m.contains("max_years"), "{m}");
        assert!(s.check(127).is_ok());
    }
}
