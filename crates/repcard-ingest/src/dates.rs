//! Day/month order of slash dates (`05/10/2026`). A file never mixes readings: with
//! `date_format` set, it decides; without it, a preset's slash dates are read in the order
//! the file itself proves (a day above 12), and a file that proves neither or both stops the
//! run, naming the file and asking for `date_format`.

use anyhow::{Result, bail};

/// Which number comes first in a slash date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    /// `10/21/2026`: US.
    MonthFirst,
    /// `21/10/2026`: UK, most of Europe, Australia.
    DayFirst,
}

const MONTH_FIRST: &[&str] = &[
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y, %I:%M %p",
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y, %H:%M",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y",
];

const DAY_FIRST: &[&str] = &[
    "%d/%m/%Y %I:%M %p",
    "%d/%m/%Y, %I:%M %p",
    "%d/%m/%Y %I:%M:%S %p",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y, %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y",
];

impl DateOrder {
    /// The strftime formats of this order, with and without a time.
    pub fn formats(self) -> &'static [&'static str] {
        match self {
            DateOrder::MonthFirst => MONTH_FIRST,
            DateOrder::DayFirst => DAY_FIRST,
        }
    }
}

/// The two numbers before the year of a slash date (`5/10/2026 …` → (5, 10)).
fn slash_parts(s: &str) -> Option<(u32, u32)> {
    let mut parts = s.splitn(3, '/');
    let a = parts.next()?;
    let b = parts.next()?;
    let year = parts.next()?.get(..4)?;
    let small = |p: &str| (1..=2).contains(&p.len()) && p.bytes().all(|c| c.is_ascii_digit());
    if !small(a) || !small(b) || !year.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some((a.parse().ok()?, b.parse().ok()?))
}

/// What a file's slash dates prove so far: the first cell proving each order.
#[derive(Debug, Default)]
pub(crate) struct Evidence {
    any: Option<(u64, String)>,
    month_first: Option<(u64, String)>,
    day_first: Option<(u64, String)>,
}

impl Evidence {
    /// Looks at one timestamp cell on `line`.
    pub(crate) fn see(&mut self, line: u64, cell: &str) {
        let Some((a, b)) = slash_parts(cell) else {
            return;
        };
        let here = || Some((line, cell.to_string()));
        if self.any.is_none() {
            self.any = here();
        }
        if a > 12 && b <= 12 && self.day_first.is_none() {
            self.day_first = here();
        }
        if b > 12 && a <= 12 && self.month_first.is_none() {
            self.month_first = here();
        }
    }

    /// Whether both orders are proven already (reading further changes nothing).
    pub(crate) fn settled(&self) -> bool {
        self.month_first.is_some() && self.day_first.is_some()
    }

    /// The order the file proves; `None` when it has no slash date. Fails naming the file
    /// (`name`), the lines that prove both orders or the first date that proves neither, and
    /// the `date_format` to set in section `[table]`.
    pub(crate) fn order(self, name: &str, table: &str) -> Result<Option<DateOrder>> {
        let fix = format!(
            "set date_format = \"%m/%d/%Y\" (month first) or \"%d/%m/%Y\" (day first) in [{table}] of repcard.toml, with the time part the file uses (e.g. \"%d/%m/%Y %H:%M\")"
        );
        match (self.month_first, self.day_first, self.any) {
            (Some((l1, v1)), Some((l2, v2)), _) => bail!(
                "{name}: the file mixes date orders: line {l1} {v1:?} is month first, line {l2} {v2:?} is day first; {fix}"
            ),
            (Some(_), None, _) => Ok(Some(DateOrder::MonthFirst)),
            (None, Some(_), _) => Ok(Some(DateOrder::DayFirst)),
            (None, None, Some((line, value))) => bail!(
                "{name}: cannot tell whether the slash dates are month or day first: no day above 12 in the file (line {line}: {value:?}); {fix}"
            ),
            (None, None, None) => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(cells: &[&str]) -> Result<Option<DateOrder>> {
        let mut e = Evidence::default();
        for (i, c) in cells.iter().enumerate() {
            e.see(i as u64 + 2, c);
        }
        e.order("leads.csv", "leads")
    }

    #[test]
    fn a_day_above_twelve_proves_the_order_of_the_whole_file() {
        assert_eq!(
            order(&["05/10/2026", "21/08/2026 14:30"]).unwrap(),
            Some(DateOrder::DayFirst)
        );
        assert_eq!(
            order(&["10/5/2026", "10/21/2026 2:30 PM"]).unwrap(),
            Some(DateOrder::MonthFirst)
        );
        assert_eq!(order(&["2026-10-05", ""]).unwrap(), None);
    }

    #[test]
    fn a_file_proving_neither_or_both_fails_asking_for_date_format() {
        let e = order(&["05/10/2026", "01/02/2026"])
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("leads.csv: cannot tell"), "{e}");
        assert!(e.contains("line 2: \"05/10/2026\""), "{e}");
        assert!(e.contains("date_format"), "{e}");
        let e = order(&["21/08/2026", "08/21/2026"])
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 3 \"08/21/2026\" is month first"), "{e}");
        assert!(e.contains("line 2 \"21/08/2026\" is day first"), "{e}");
    }

    #[test]
    fn formats_of_each_order_read_the_same_date() {
        let read = |fmt: &str, s: &str| {
            jiff::fmt::strtime::parse(fmt, s)
                .and_then(|t| t.to_date())
                .map(|d| d.to_string())
                .ok()
        };
        assert_eq!(
            read(DAY_FIRST[6], "05/10/2026").as_deref(),
            Some("2026-10-05")
        );
        assert_eq!(
            read(MONTH_FIRST[6], "10/5/2026").as_deref(),
            Some("2026-10-05")
        );
    }
}
