//! Time for the generator: local wall-clock minutes since 1970-01-01 00:00, the month grid,
//! working hours, and fast `YYYY-MM-DD HH:MM` formatting (no allocation per row).

use rand::Rng;

/// Minutes in a day.
pub(crate) const DAY: i64 = 1440;

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
pub(crate) fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (i64::from(month) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date (year, month, day) of a day count since 1970-01-01.
pub(crate) fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Day of the week, 0 = Monday … 6 = Sunday.
pub(crate) fn weekday(days: i64) -> i64 {
    (days + 3).rem_euclid(7)
}

/// Whether a day is a Saturday or Sunday.
pub(crate) fn is_weekend(days: i64) -> bool {
    weekday(days) >= 5
}

/// One generated month: its label and its span in minutes.
#[derive(Debug, Clone)]
pub struct Month {
    /// `YYYY-MM`.
    pub label: String,
    /// First day, in days since 1970-01-01.
    pub first_day: i64,
    /// Days in the month.
    pub days: i64,
}

impl Month {
    /// First minute of the month.
    pub fn start(&self) -> i64 {
        self.first_day * DAY
    }

    /// First minute after the month.
    pub fn end(&self) -> i64 {
        (self.first_day + self.days) * DAY
    }
}

/// `count` consecutive months from (year, month).
pub(crate) fn month_grid(year: i64, month: u32, count: u32) -> Vec<Month> {
    (0..i64::from(count))
        .map(|k| {
            let index = year * 12 + i64::from(month) - 1 + k;
            let (y, m) = (index.div_euclid(12), index.rem_euclid(12) as u32 + 1);
            let (ny, nm) = (
                (index + 1).div_euclid(12),
                (index + 1).rem_euclid(12) as u32 + 1,
            );
            let first_day = days_from_civil(y, m, 1);
            Month {
                label: format!("{y:04}-{m:02}"),
                first_day,
                days: days_from_civil(ny, nm, 1) - first_day,
            }
        })
        .collect()
}

/// The index in `months` of the month holding minute `t` (which must be inside the grid).
pub(crate) fn month_of(months: &[Month], t: i64) -> usize {
    months.partition_point(|m| m.end() <= t)
}

/// A minute on `day` within office hours (08:30–17:59).
pub(crate) fn office_time<R: Rng>(rng: &mut R, day: i64) -> i64 {
    day * DAY + rng.random_range(510..1080)
}

/// A meeting slot on `day`: on the hour or half hour, 09:00–16:30.
pub(crate) fn meeting_time<R: Rng>(rng: &mut R, day: i64) -> i64 {
    day * DAY + 540 + 30 * rng.random_range(0..16)
}

/// The day `n` working days (Monday to Friday) after `day`.
pub(crate) fn add_workdays(day: i64, n: i64) -> i64 {
    let mut d = day;
    let mut left = n;
    while left > 0 {
        d += 1;
        if !is_weekend(d) {
            left -= 1;
        }
    }
    d
}

/// The working day at or after `day` (a weekend moves to Monday).
pub(crate) fn workday(day: i64) -> i64 {
    match weekday(day) {
        5 => day + 2,
        6 => day + 1,
        _ => day,
    }
}

/// A moment strictly after `prev`, between `min_days` and `max_days` working days later
/// (0 = later the same day if office hours allow it, else the next working day). Now and
/// then a rep catches up on a weekend day instead.
pub(crate) fn later<R: Rng>(rng: &mut R, prev: i64, min_days: i64, max_days: i64) -> i64 {
    let gap = rng.random_range(min_days..=max_days.max(min_days));
    let (day, minute) = (prev.div_euclid(DAY), prev.rem_euclid(DAY));
    if gap <= 0 && minute < 1020 && !is_weekend(day) {
        return prev + rng.random_range(10..=(1075 - minute).min(240));
    }
    let day = if rng.random::<f64>() < 0.015 {
        day + gap.max(1)
    } else {
        add_workdays(day, gap.max(1))
    };
    office_time(rng, day)
}

/// Like [`later`] but on a meeting slot, and never on a weekend.
pub(crate) fn later_meeting<R: Rng>(rng: &mut R, prev: i64, min_days: i64, max_days: i64) -> i64 {
    let gap = rng.random_range(min_days.max(1)..=max_days.max(min_days.max(1)));
    let day = add_workdays(prev.div_euclid(DAY), gap);
    meeting_time(rng, day)
}

/// Writes `value` in decimal, left-padded with zeros to `width` digits.
pub(crate) fn push_number(buf: &mut Vec<u8>, value: u64, width: usize) {
    let mut digits = [0u8; 20];
    let mut v = value;
    let mut n = 0;
    loop {
        digits[19 - n] = b'0' + (v % 10) as u8;
        v /= 10;
        n += 1;
        if v == 0 {
            break;
        }
    }
    for _ in n..width {
        buf.push(b'0');
    }
    buf.extend_from_slice(&digits[20 - n..]);
}

/// Writes cents as a plain decimal with two places (`12500.00`).
pub(crate) fn push_money(buf: &mut Vec<u8>, cents: i64) {
    push_number(buf, cents.unsigned_abs() / 100, 1);
    buf.push(b'.');
    push_number(buf, cents.unsigned_abs() % 100, 2);
}

/// Formats minutes as `YYYY-MM-DD HH:MM`, remembering the last day's date text (rows come
/// sorted by time, so most rows share a day with the one before).
#[derive(Default)]
pub(crate) struct StampWriter {
    day: Option<i64>,
    date: [u8; 10],
}

impl StampWriter {
    /// Writes the date alone, `YYYY-MM-DD`.
    pub(crate) fn push_date(&mut self, buf: &mut Vec<u8>, day: i64) {
        if self.day != Some(day) {
            let (y, m, d) = civil_from_days(day);
            let mut text = Vec::with_capacity(10);
            push_number(&mut text, y.max(0) as u64, 4);
            text.push(b'-');
            push_number(&mut text, u64::from(m), 2);
            text.push(b'-');
            push_number(&mut text, u64::from(d), 2);
            self.date.copy_from_slice(&text[..10]);
            self.day = Some(day);
        }
        buf.extend_from_slice(&self.date);
    }

    /// Writes `YYYY-MM-DD HH:MM`.
    pub(crate) fn push(&mut self, buf: &mut Vec<u8>, t: i64) {
        self.push_date(buf, t.div_euclid(DAY));
        let minute = t.rem_euclid(DAY) as u64;
        buf.push(b' ');
        push_number(buf, minute / 60, 2);
        buf.push(b':');
        push_number(buf, minute % 60, 2);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_days_round_trip_and_match_jiff() {
        for days in (-800_000..800_000).step_by(997) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
            let j = jiff::civil::Date::new(y as i16, m as i8, d as i8).unwrap();
            let epoch = jiff::civil::date(1970, 1, 1);
            assert_eq!((j - epoch).get_days() as i64, days);
        }
        assert_eq!(
            weekday(days_from_civil(2026, 10, 5)),
            0,
            "2026-10-05 is a Monday"
        );
    }

    #[test]
    fn month_grid_spans_calendar_months() {
        let grid = month_grid(2025, 11, 4);
        let labels: Vec<&str> = grid.iter().map(|m| m.label.as_str()).collect();
        assert_eq!(labels, ["2025-11", "2025-12", "2026-01", "2026-02"]);
        assert_eq!(grid[3].days, 28);
        assert_eq!(month_of(&grid, grid[2].start()), 2);
        assert_eq!(month_of(&grid, grid[2].end() - 1), 2);
    }

    #[test]
    fn stamps_and_money_are_canonical() {
        let mut buf = Vec::new();
        let mut w = StampWriter::default();
        w.push(&mut buf, days_from_civil(2026, 10, 5) * DAY + 14 * 60 + 32);
        buf.push(b',');
        push_money(&mut buf, 1_250_005);
        buf.push(b',');
        push_number(&mut buf, 42, 5);
        assert_eq!(
            String::from_utf8(buf).unwrap(),
            "2026-10-05 14:32,12500.05,00042"
        );
    }
}
