//! Reporting periods: which period a local date falls in, its label, its length in months.

use jiff::civil::{Date, Weekday};
use serde::Deserialize;
use std::fmt;

/// The length of a reporting period, as set by `period` in `repcard.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PeriodUnit {
    /// ISO week, Monday start.
    Week,
    /// Calendar month.
    Month,
    /// Fiscal quarter.
    Quarter,
    /// Fiscal year.
    Year,
}

impl fmt::Display for PeriodUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PeriodUnit::Week => "week",
            PeriodUnit::Month => "month",
            PeriodUnit::Quarter => "quarter",
            PeriodUnit::Year => "year",
        })
    }
}

/// How dates map to periods: the unit and the month that starts the fiscal year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Calendar {
    /// Week, month, quarter or year.
    pub unit: PeriodUnit,
    /// 1..=12; the month that starts the fiscal year.
    pub fiscal_year_start: i8,
}

/// One reporting period. Periods of one calendar are ordered and contiguous: `next()` walks them.
///
/// `index` counts periods from an epoch that depends on the unit (weeks since the Monday
/// 0001-01-01, months since year 0, fiscal quarters/years since year 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    /// Ordinal of the period within its unit.
    pub index: i32,
}

impl Default for Calendar {
    fn default() -> Self {
        Calendar {
            unit: PeriodUnit::Month,
            fiscal_year_start: 1,
        }
    }
}

/// The Monday that starts ISO week index 0.
fn week_epoch() -> Date {
    // 0001-01-01 is a Monday in the proleptic Gregorian calendar.
    Date::constant(1, 1, 1)
}

impl Calendar {
    /// The period a local calendar date belongs to.
    pub fn period_of(&self, date: Date) -> Period {
        let y = i32::from(date.year());
        let m0 = i32::from(date.month()) - 1;
        let index = match self.unit {
            PeriodUnit::Week => {
                let monday = date
                    - jiff::Span::new().days(i64::from(date.weekday().to_monday_zero_offset()));
                let days = (monday - week_epoch()).get_days();
                days.div_euclid(7)
            }
            PeriodUnit::Month => y * 12 + m0,
            PeriodUnit::Quarter => self.fiscal_month_index(y, m0).div_euclid(3),
            PeriodUnit::Year => self.fiscal_month_index(y, m0).div_euclid(12),
        };
        Period { index }
    }

    /// Months since the start of fiscal year 0 (the fiscal year that ends in calendar year 0).
    fn fiscal_month_index(&self, y: i32, m0: i32) -> i32 {
        let start0 = i32::from(self.fiscal_year_start) - 1;
        // A fiscal year starting in month s>1 of year y is named y+1; shift dates forward by
        // (12 - start0) months so that fiscal years line up with calendar years of their name.
        let shift = if start0 == 0 { 0 } else { 12 - start0 };
        y * 12 + m0 + shift
    }

    /// The first local date of a period.
    pub fn first_day(&self, p: Period) -> Date {
        match self.unit {
            PeriodUnit::Week => week_epoch() + jiff::Span::new().days(i64::from(p.index) * 7),
            PeriodUnit::Month => month_start(p.index),
            PeriodUnit::Quarter => month_start(self.calendar_month_index(p.index * 3)),
            PeriodUnit::Year => month_start(self.calendar_month_index(p.index * 12)),
        }
    }

    /// The last local date of a period.
    pub fn last_day(&self, p: Period) -> Date {
        self.first_day(self.next(p)) - jiff::Span::new().days(1)
    }

    fn calendar_month_index(&self, fiscal_month_index: i32) -> i32 {
        let start0 = i32::from(self.fiscal_year_start) - 1;
        let shift = if start0 == 0 { 0 } else { 12 - start0 };
        fiscal_month_index - shift
    }

    /// The period after `p`.
    pub fn next(&self, p: Period) -> Period {
        Period { index: p.index + 1 }
    }

    /// The same period one year earlier, when the unit has one (weeks: the same ISO week number).
    pub fn year_earlier(&self, p: Period) -> Option<Period> {
        match self.unit {
            PeriodUnit::Month => Some(Period {
                index: p.index - 12,
            }),
            PeriodUnit::Quarter => Some(Period { index: p.index - 4 }),
            PeriodUnit::Year => Some(Period { index: p.index - 1 }),
            PeriodUnit::Week => {
                let iso = self.first_day(p).iso_week_date();
                let date =
                    jiff::civil::ISOWeekDate::new(iso.year() - 1, iso.week(), Weekday::Monday)
                        .ok()?;
                Some(self.period_of(date.date()))
            }
        }
    }

    /// Calendar months in a period, for quota; `None` for a week (whose quota is 12/52 of a month).
    pub fn months(&self) -> Option<u32> {
        match self.unit {
            PeriodUnit::Week => None,
            PeriodUnit::Month => Some(1),
            PeriodUnit::Quarter => Some(3),
            PeriodUnit::Year => Some(12),
        }
    }

    fn fiscal(&self) -> bool {
        self.fiscal_year_start != 1
    }

    /// The period's label as used in file names and the CSV: `2026-10`, `2026-W07`,
    /// `2026-Q3`, `2026`, `FY2027-Q1`, `FY2027`.
    pub fn label(&self, p: Period) -> String {
        match self.unit {
            PeriodUnit::Week => {
                let iso = self.first_day(p).iso_week_date();
                format!("{:04}-W{:02}", iso.year(), iso.week())
            }
            PeriodUnit::Month => {
                let d = month_start(p.index);
                format!("{:04}-{:02}", d.year(), d.month())
            }
            PeriodUnit::Quarter => {
                let year = p.index.div_euclid(4);
                let q = p.index.rem_euclid(4) + 1;
                if self.fiscal() {
                    format!("FY{year:04}-Q{q}")
                } else {
                    format!("{year:04}-Q{q}")
                }
            }
            PeriodUnit::Year => {
                if self.fiscal() {
                    format!("FY{:04}", p.index)
                } else {
                    format!("{:04}", p.index)
                }
            }
        }
    }

    /// A name for people: "October 2026", "Q3 2026", "Q1 FY2027", "Week 7, 2026", "2026", "FY2027".
    pub fn display_name(&self, p: Period) -> String {
        match self.unit {
            PeriodUnit::Week => {
                let iso = self.first_day(p).iso_week_date();
                format!("Week {}, {}", iso.week(), iso.year())
            }
            PeriodUnit::Month => {
                let d = month_start(p.index);
                format!("{} {}", MONTH_NAMES[(d.month() - 1) as usize], d.year())
            }
            PeriodUnit::Quarter => {
                let year = p.index.div_euclid(4);
                let q = p.index.rem_euclid(4) + 1;
                if self.fiscal() {
                    format!("Q{q} FY{year}")
                } else {
                    format!("Q{q} {year}")
                }
            }
            PeriodUnit::Year => self.label(p),
        }
    }

    /// Parses a label back into a period (for `--period` and notes file names).
    pub fn parse_label(&self, label: &str) -> Option<Period> {
        let label = label.trim();
        // The label of a period's first day is unique, so parse by trying the first day the
        // label names and checking it round-trips.
        let candidate = match self.unit {
            PeriodUnit::Week => {
                let (y, w) = label.split_once("-W")?;
                let date = jiff::civil::ISOWeekDate::new(
                    y.parse().ok()?,
                    w.parse().ok()?,
                    Weekday::Monday,
                )
                .ok()?;
                self.period_of(date.date())
            }
            PeriodUnit::Month => {
                let (y, m) = label.split_once('-')?;
                self.period_of(Date::new(y.parse().ok()?, m.parse().ok()?, 1).ok()?)
            }
            PeriodUnit::Quarter => {
                let rest = if self.fiscal() {
                    label.strip_prefix("FY")?
                } else {
                    label
                };
                let (y, q) = rest.split_once("-Q")?;
                let (y, q): (i32, i32) = (y.parse().ok()?, q.parse().ok()?);
                if !(1..=4).contains(&q) {
                    return None;
                }
                Period {
                    index: y * 4 + q - 1,
                }
            }
            PeriodUnit::Year => {
                let rest = if self.fiscal() {
                    label.strip_prefix("FY")?
                } else {
                    label
                };
                Period {
                    index: rest.parse().ok()?,
                }
            }
        };
        (self.label(candidate) == label).then_some(candidate)
    }
}

/// English month names, January first.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month_start(month_index: i32) -> Date {
    let y = month_index.div_euclid(12);
    let m = month_index.rem_euclid(12) + 1;
    Date::new(y as i16, m as i8, 1).unwrap_or(Date::MIN)
}
