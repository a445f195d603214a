//! Cell parsers: timestamps, money and booleans, exactly as the contract (§6.10, §6.11) reads them.
//! They never allocate and never panic, whatever the bytes.

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::{Offset, TimeZone};
use repcard_core::model::{Moment, Money};
use rust_decimal::Decimal;

/// A timestamp as written: a local date and time, with the offset when one was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WrittenTime {
    /// Local date and time (00:00 when only a date was written).
    pub datetime: DateTime,
    /// The UTC offset in seconds, when the value carried `Z` or `±HH:MM`.
    pub offset_seconds: Option<i32>,
}

fn digits<const N: usize>(b: &[u8]) -> Option<i32> {
    if b.len() != N {
        return None;
    }
    let mut v = 0i32;
    for &c in b {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + i32::from(c - b'0');
    }
    Some(v)
}

/// Parses `YYYY-MM-DD`, optionally followed by ` ` or `T` and `HH:MM[:SS]`, then optionally
/// `Z` or `±HH:MM` (only after a time). Returns `None` for anything else, impossible dates
/// and times included.
pub fn parse_timestamp(s: &str) -> Option<WrittenTime> {
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = digits::<4>(&b[0..4])?;
    let month = digits::<2>(&b[5..7])?;
    let day = digits::<2>(&b[8..10])?;
    let date = Date::new(year as i16, month as i8, day as i8).ok()?;
    let rest = &b[10..];
    if rest.is_empty() {
        return Some(WrittenTime {
            datetime: date.to_datetime(Time::midnight()),
            offset_seconds: None,
        });
    }
    if rest[0] != b' ' && rest[0] != b'T' {
        return None;
    }
    let rest = &rest[1..];
    if rest.len() < 5 || rest[2] != b':' {
        return None;
    }
    let hour = digits::<2>(&rest[0..2])?;
    let minute = digits::<2>(&rest[3..5])?;
    let mut rest = &rest[5..];
    let mut second = 0;
    if rest.len() >= 3 && rest[0] == b':' {
        second = digits::<2>(&rest[1..3])?;
        rest = &rest[3..];
    }
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let time = Time::new(hour as i8, minute as i8, second as i8, 0).ok()?;
    let offset_seconds = match rest {
        [] => None,
        [b'Z'] => Some(0),
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let oh = digits::<2>(&[*h1, *h2])?;
            let om = digits::<2>(&[*m1, *m2])?;
            if oh > 23 || om > 59 {
                return None;
            }
            let secs = oh * 3600 + om * 60;
            Some(if *sign == b'-' { -secs } else { secs })
        }
        _ => return None,
    };
    Some(WrittenTime {
        datetime: date.to_datetime(time),
        offset_seconds,
    })
}

/// Places a written timestamp in time: with an offset it is that instant, and its date is the
/// local date in `tz`; without one it is already local time in `tz` (a time in a DST gap or
/// overlap takes the offset in force before the transition).
pub fn to_moment(t: WrittenTime, tz: &TimeZone) -> Option<Moment> {
    match t.offset_seconds {
        Some(secs) => {
            let instant = Offset::from_seconds(secs)
                .ok()?
                .to_timestamp(t.datetime)
                .ok()?;
            Some(Moment {
                instant: instant.as_second(),
                date: tz.to_datetime(instant).date(),
            })
        }
        None => {
            let instant = tz.to_ambiguous_timestamp(t.datetime).compatible().ok()?;
            Some(Moment {
                instant: instant.as_second(),
                date: t.datetime.date(),
            })
        }
    }
}

/// A time zone with a one-hour memo: converting local times to instants is the costly part of
/// reading timestamps, and rows come in runs of the same hour. An hour is remembered only when
/// the zone's offset is the same all through it (no DST change inside).
pub struct LocalZone<'a> {
    tz: &'a TimeZone,
    utc: bool,
    memo: std::cell::Cell<Option<(DateTime, i64)>>,
}

impl<'a> LocalZone<'a> {
    /// Wraps a zone.
    pub fn new(tz: &'a TimeZone) -> LocalZone<'a> {
        LocalZone {
            tz,
            utc: tz.iana_name() == Some("UTC")
                || tz.to_fixed_offset().is_ok_and(|o| o.seconds() == 0),
            memo: std::cell::Cell::new(None),
        }
    }

    /// The same as [`to_moment`], faster.
    pub fn moment(&self, t: WrittenTime) -> Option<Moment> {
        if t.offset_seconds.is_some() {
            return to_moment(t, self.tz);
        }
        let as_utc = Offset::UTC.to_timestamp(t.datetime).ok()?.as_second();
        if self.utc {
            return Some(Moment {
                instant: as_utc,
                date: t.datetime.date(),
            });
        }
        let hour = t
            .datetime
            .date()
            .to_datetime(Time::new(t.datetime.hour(), 0, 0, 0).ok()?);
        if let Some((h, offset)) = self.memo.get()
            && h == hour
        {
            return Some(Moment {
                instant: as_utc - offset,
                date: t.datetime.date(),
            });
        }
        let moment = to_moment(t, self.tz)?;
        let end = hour
            .date()
            .to_datetime(Time::new(hour.hour(), 59, 59, 0).ok()?);
        let (a, b) = (
            self.tz.to_ambiguous_timestamp(hour),
            self.tz.to_ambiguous_timestamp(end),
        );
        if let (
            jiff::tz::AmbiguousOffset::Unambiguous { offset: o1 },
            jiff::tz::AmbiguousOffset::Unambiguous { offset: o2 },
        ) = (a.offset(), b.offset())
            && o1 == o2
        {
            self.memo.set(Some((hour, i64::from(o1.seconds()))));
        }
        Some(moment)
    }
}

/// Parses a canonical amount: `[+-]?digits[.digits]`. `-0` is zero, not negative.
pub fn parse_money(s: &str) -> Option<Money> {
    let b = s.as_bytes();
    let body = match b.first()? {
        b'+' | b'-' => &b[1..],
        _ => b,
    };
    let (int, frac) = match body.iter().position(|&c| c == b'.') {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let all_digits = |p: &[u8]| !p.is_empty() && p.iter().all(u8::is_ascii_digit);
    if !all_digits(int) || frac.is_some_and(|f| !all_digits(f)) {
        return None;
    }
    let value: Decimal = s.parse().ok()?;
    Some(if value.is_zero() {
        Decimal::ZERO
    } else {
        value
    })
}

/// Parses `true/false`, `yes/no`, `1/0` in any case; an empty cell is false.
pub(crate) fn parse_bool(s: &str) -> Option<bool> {
    if s.is_empty() {
        return Some(false);
    }
    for (word, value) in [
        ("true", true),
        ("yes", true),
        ("1", true),
        ("false", false),
        ("no", false),
        ("0", false),
    ] {
        if s.eq_ignore_ascii_case(word) {
            return Some(value);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Option<(String, Option<i32>)> {
        parse_timestamp(s).map(|t| (t.datetime.to_string(), t.offset_seconds))
    }

    #[test]
    fn timestamp_forms_of_the_contract_parse() {
        assert_eq!(ts("2026-10-05"), Some(("2026-10-05T00:00:00".into(), None)));
        assert_eq!(
            ts("2026-10-05 09:30"),
            Some(("2026-10-05T09:30:00".into(), None))
        );
        assert_eq!(
            ts("2026-10-05T09:30:15"),
            Some(("2026-10-05T09:30:15".into(), None))
        );
        assert_eq!(
            ts("2026-10-05T09:30Z"),
            Some(("2026-10-05T09:30:00".into(), Some(0)))
        );
        assert_eq!(
            ts("2026-10-05 09:30:00+02:00"),
            Some(("2026-10-05T09:30:00".into(), Some(7200)))
        );
        assert_eq!(
            ts("2026-10-05T09:30-05:30"),
            Some(("2026-10-05T09:30:00".into(), Some(-19800)))
        );
    }

    #[test]
    fn impossible_or_malformed_timestamps_are_rejected() {
        for bad in [
            "2026-07-32",
            "2026-02-29",
            "2026-13-01",
            "2026-10-05 25:00",
            "2026-10-05 23:60",
            "2026-10-05 10:00:60",
            "2026-10-05Z",
            "2026-10-05+02:00",
            "2026-10-05 10:00:00.5",
            "26-10-05",
            "2026/10/05",
            "2026-10-5",
            "2026-10-05 9:30",
            "2026-10-05  09:30",
            "2026-10-05T09:30+0200",
            "2026-10-05T09:30+24:00",
            "",
            "yesterday",
            "２０２６-10-05",
        ] {
            assert_eq!(parse_timestamp(bad), None, "{bad:?} should not parse");
        }
        assert!(parse_timestamp("2028-02-29").is_some());
    }

    #[test]
    fn local_time_in_dst_gap_takes_offset_before_transition() {
        let tz = TimeZone::get("Europe/Berlin").unwrap();
        // 2026-03-29 02:30 does not exist in Berlin; before the jump the offset is +01:00.
        let m = to_moment(parse_timestamp("2026-03-29 02:30").unwrap(), &tz).unwrap();
        let expected: jiff::Timestamp = "2026-03-29T01:30:00Z".parse().unwrap();
        assert_eq!(m.instant, expected.as_second());
        // 2026-10-25 02:30 happens twice; the earlier offset (+02:00) wins.
        let m = to_moment(parse_timestamp("2026-10-25 02:30").unwrap(), &tz).unwrap();
        let expected: jiff::Timestamp = "2026-10-25T00:30:00Z".parse().unwrap();
        assert_eq!(m.instant, expected.as_second());
    }

    #[test]
    fn local_zone_memo_agrees_with_the_zone_around_dst_changes() {
        let tz = TimeZone::get("Europe/Berlin").unwrap();
        let zone = LocalZone::new(&tz);
        let start: jiff::civil::DateTime = "2026-03-28T22:00".parse().unwrap();
        for minutes in (0..(60 * 24 * 220)).step_by(7) {
            let dt = start + jiff::Span::new().minutes(minutes);
            let t = WrittenTime {
                datetime: dt,
                offset_seconds: None,
            };
            assert_eq!(zone.moment(t), to_moment(t, &tz), "{dt}");
        }
    }

    #[test]
    fn offset_timestamp_takes_local_date_of_configured_zone() {
        let tz = TimeZone::get("America/New_York").unwrap();
        let m = to_moment(parse_timestamp("2026-11-01T02:00Z").unwrap(), &tz).unwrap();
        assert_eq!(m.date, jiff::civil::date(2026, 10, 31));
    }

    #[test]
    fn money_is_exact_and_canonical() {
        assert_eq!(parse_money("12500.00").unwrap().to_string(), "12500.00");
        assert_eq!(parse_money("+0.1").unwrap().to_string(), "0.1");
        assert_eq!(parse_money("-0"), Some(Decimal::ZERO));
        assert!(parse_money("-0").unwrap() >= Decimal::ZERO);
        assert!(parse_money("-5").unwrap() < Decimal::ZERO);
        for bad in [
            "", "1,000", "1e3", ".5", "5.", "$5", "1 000", "--1", "+", "0x10", "NaN", "1.2.3",
        ] {
            assert_eq!(parse_money(bad), None, "{bad:?} should not parse");
        }
    }

    #[test]
    fn booleans_accept_three_spellings_in_any_case() {
        for (s, v) in [
            ("TRUE", true),
            ("Yes", true),
            ("1", true),
            ("false", false),
            ("NO", false),
            ("0", false),
            ("", false),
        ] {
            assert_eq!(parse_bool(s), Some(v));
        }
        assert_eq!(parse_bool("y"), None);
        assert_eq!(parse_bool("2"), None);
    }
}
