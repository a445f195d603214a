//! A time zone's UTC offsets as a small table the query joins (§6.10): per calendar year, the
//! offset in force just before the year and every change of offset near it, taken from the
//! tz database repcard itself uses (jiff's bundled copy). With the same database on both
//! sides, the engines place every timestamp exactly where repcard does, daylight saving time
//! included.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::{Offset, TimeZone};

/// The last year a zone that still changes its clocks is tabulated for; later dates fail the
/// query rather than take a wrong offset.
pub(crate) const LAST_TABULATED_YEAR: i16 = 2099;

/// How far beyond its year a row looks, in seconds: more than any UTC offset, so a written
/// time with an offset of up to ±24 h still finds its instant's changes in the row of its
/// written year.
const MARGIN: i64 = 2 * 86_400;

/// A zone's offsets, as the query needs them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Zone {
    /// One offset at all times (UTC, and zones that never changed their clocks).
    Fixed(i32),
    /// Offsets that change: one row per year.
    Changing(ZoneTable),
}

/// The rows of a zone whose offset changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ZoneTable {
    /// The first tabulated year; earlier dates use its row (no change happened before it).
    pub(crate) first_year: i16,
    /// The last tabulated year.
    pub(crate) last_year: i16,
    /// Whether the clocks still change after `last_year` (a rule without end). If not, later
    /// dates use the last row; if so, they fail the query.
    pub(crate) open_ended: bool,
    /// One row per year from `first_year` to `last_year`.
    pub(crate) rows: Vec<YearRow>,
    /// The most changes of the offset of instants in one row.
    pub(crate) utc_width: usize,
    /// The most changes of the offset of local times in one row.
    pub(crate) local_width: usize,
}

/// One year's row: two step functions over the year, widened by two days on either side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct YearRow {
    /// The calendar year of the written (local) date.
    pub(crate) year: i16,
    /// The offset of instants: at the start, then from each change on.
    pub(crate) utc: Steps,
    /// The offset of local times without an offset (§6.10): at the start, then from each
    /// change on. A local time in a gap or an overlap takes the offset in force before the
    /// change, so these changes sit at the end of the gap or overlap.
    pub(crate) local: Steps,
}

/// A step function of seconds since 1970-01-01T00:00: `start` until the first change, then
/// the offset of the latest change at or before the argument.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Steps {
    /// The offset before the first change, in seconds east of UTC.
    pub(crate) start: i32,
    /// (from, offset), in increasing order of `from`.
    pub(crate) changes: Vec<(i64, i32)>,
}

impl Steps {
    /// The offset at `x`.
    #[cfg(test)]
    fn at(&self, x: i64) -> i32 {
        self.changes
            .iter()
            .rev()
            .find(|c| x >= c.0)
            .map_or(self.start, |c| c.1)
    }

    /// The part of `all` (a step function over all time) between `from` and `to`.
    fn window(initial: i32, all: &[(i64, i32)], from: i64, to: i64) -> Steps {
        Steps {
            start: all
                .iter()
                .take_while(|c| c.0 <= from)
                .last()
                .map_or(initial, |c| c.1),
            changes: all
                .iter()
                .filter(|c| c.0 > from && c.0 < to)
                .copied()
                .collect(),
        }
    }
}

/// Seconds since 1970-01-01T00:00 of midnight starting `year`-01-01 (UTC, or local wall time).
fn year_start(year: i16) -> i64 {
    let date = Date::new(year, 1, 1).expect("years 1 to 9999 are valid");
    Offset::UTC
        .to_timestamp(date.to_datetime(jiff::civil::Time::midnight()))
        .expect("in range")
        .as_second()
}

fn year_of(at: i64) -> i16 {
    Offset::UTC
        .to_datetime(Timestamp::from_second(at).expect("in range"))
        .year()
}

/// The offset repcard gives a local wall-clock time `wall` (seconds since 1970-01-01T00:00
/// local): jiff's `compatible` reading, as `repcard-ingest` uses it.
fn local_offset(tz: &TimeZone, wall: i64) -> Option<i32> {
    let dt = Offset::UTC.to_datetime(Timestamp::from_second(wall).ok()?);
    let instant = tz.to_ambiguous_timestamp(dt).compatible().ok()?;
    i32::try_from(wall - instant.as_second()).ok()
}

/// Merges a step function's consecutive equal offsets.
fn merged(initial: i32, steps: impl IntoIterator<Item = (i64, i32)>) -> Vec<(i64, i32)> {
    let mut out: Vec<(i64, i32)> = Vec::new();
    let mut current = initial;
    for (from, offset) in steps {
        if offset != current {
            out.push((from, offset));
            current = offset;
        }
    }
    out
}

/// The zone's offsets: fixed, or tabulated per year.
pub(crate) fn zone(tz: &TimeZone) -> Zone {
    let limit = year_start(LAST_TABULATED_YEAR + 1) + MARGIN;
    let transitions: Vec<(i64, i32)> = tz
        .following(Timestamp::MIN)
        .map(|t| (t.timestamp().as_second(), t.offset().seconds()))
        .take_while(|t| t.0 < limit)
        .collect();
    let utc_initial = tz.to_offset(Timestamp::MIN).seconds();
    let utc = merged(utc_initial, transitions.iter().copied());

    // Local times: the offset changes only near a transition, where the gap or overlap
    // begins or ends. Collect those candidate times (from the offsets on either side, and
    // from jiff's own reading of the gap or overlap, which for a few zones names another
    // offset than the transition list), then read the offset on each stretch between them.
    let mut candidates: Vec<i64> = Vec::new();
    let mut before = utc_initial;
    for &(at, after) in &transitions {
        for o in [before, after] {
            let c = at + i64::from(o);
            candidates.push(c);
            for probe in [c - 1, c] {
                let Ok(ts) = Timestamp::from_second(probe) else {
                    continue;
                };
                match tz
                    .to_ambiguous_timestamp(Offset::UTC.to_datetime(ts))
                    .offset()
                {
                    jiff::tz::AmbiguousOffset::Unambiguous { .. } => {}
                    jiff::tz::AmbiguousOffset::Gap { before, after }
                    | jiff::tz::AmbiguousOffset::Fold { before, after } => {
                        candidates.push(at + i64::from(before.seconds()));
                        candidates.push(at + i64::from(after.seconds()));
                    }
                }
            }
        }
        before = after;
    }
    candidates.sort_unstable();
    candidates.dedup();
    let local_initial = candidates
        .first()
        .and_then(|c| local_offset(tz, c - 86_400))
        .unwrap_or(utc_initial);
    let local = merged(
        local_initial,
        candidates
            .iter()
            .filter_map(|&c| Some((c, local_offset(tz, c)?))),
    );

    let (Some(first), Some(last)) = (
        utc.first().map(|c| c.0).min(local.first().map(|c| c.0)),
        utc.last().map(|c| c.0).max(local.last().map(|c| c.0)),
    ) else {
        return Zone::Fixed(utc_initial);
    };
    let open_ended = tz
        .following(Timestamp::from_second(limit - 1).expect("in range"))
        .any(|t| t.offset().seconds() != utc.last().map_or(utc_initial, |c| c.1));
    let first_year = (year_of(first) - 1).max(1);
    let last_year = if open_ended {
        LAST_TABULATED_YEAR
    } else {
        (year_of(last) + 1).min(LAST_TABULATED_YEAR)
    };
    let rows: Vec<YearRow> = (first_year..=last_year)
        .map(|year| {
            let from = year_start(year) - MARGIN;
            let to = year_start(year + 1) + MARGIN;
            YearRow {
                year,
                utc: Steps::window(utc_initial, &utc, from, to),
                local: Steps::window(local_initial, &local, from, to),
            }
        })
        .collect();
    Zone::Changing(ZoneTable {
        first_year,
        last_year,
        open_ended,
        utc_width: rows.iter().map(|r| r.utc.changes.len()).max().unwrap_or(0),
        local_width: rows
            .iter()
            .map(|r| r.local.changes.len())
            .max()
            .unwrap_or(0),
        rows,
    })
}

impl ZoneTable {
    /// The row a written year looks up, as the query's join key does; `None` past the table of
    /// an open-ended zone (the query fails there).
    #[cfg(test)]
    fn row(&self, year: i16) -> Option<&YearRow> {
        let key = year.max(self.first_year);
        let key = if self.open_ended {
            key
        } else {
            key.min(self.last_year)
        };
        self.rows.get(usize::try_from(key - self.first_year).ok()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::DateTime;

    /// The query's answer for a written local time without offset: its instant.
    fn query_instant(zone: &Zone, dt: DateTime) -> Option<i64> {
        let wall = Offset::UTC.to_timestamp(dt).ok()?.as_second();
        match zone {
            Zone::Fixed(o) => Some(wall - i64::from(*o)),
            Zone::Changing(t) => Some(wall - i64::from(t.row(dt.year())?.local.at(wall))),
        }
    }

    /// The query's answer for a written time with an offset: its local date.
    fn query_local_date(zone: &Zone, dt: DateTime, written_offset: i32) -> Option<Date> {
        let instant = Offset::UTC.to_timestamp(dt).ok()?.as_second() - i64::from(written_offset);
        let offset = match zone {
            Zone::Fixed(o) => *o,
            Zone::Changing(t) => t.row(dt.year())?.utc.at(instant),
        };
        let local = instant + i64::from(offset);
        Some(
            Offset::UTC
                .to_datetime(Timestamp::from_second(local).ok()?)
                .date(),
        )
    }

    /// Local times to try in a zone: around every change (gaps and overlaps, as the
    /// transition list and as jiff's reading of local times see them), and spread over the
    /// years.
    fn probes(tz: &TimeZone) -> Vec<DateTime> {
        let mut out = Vec::new();
        let until = year_start(LAST_TABULATED_YEAR + 1) - MARGIN;
        let mut before = tz.to_offset(Timestamp::MIN).seconds();
        for t in tz.following(Timestamp::MIN) {
            let at = t.timestamp().as_second();
            if at >= until {
                break;
            }
            let mut offsets = vec![before, t.offset().seconds()];
            for o in offsets.clone() {
                let Ok(ts) = Timestamp::from_second(at + i64::from(o)) else {
                    continue;
                };
                if let jiff::tz::AmbiguousOffset::Gap { before, after }
                | jiff::tz::AmbiguousOffset::Fold { before, after } = tz
                    .to_ambiguous_timestamp(Offset::UTC.to_datetime(ts))
                    .offset()
                {
                    offsets.extend([before.seconds(), after.seconds()]);
                }
            }
            for o in offsets {
                for delta in [-7200i64, -3600, -1800, -1, 0, 1, 1799, 3599, 3600, 5400] {
                    if let Ok(ts) = Timestamp::from_second(at + i64::from(o) + delta) {
                        out.push(Offset::UTC.to_datetime(ts));
                    }
                }
            }
            before = t.offset().seconds();
        }
        for year in (1..=9999).step_by(97).chain([1900, 1970, 2000, 2026, 2099]) {
            for (m, d, h) in [(1, 1, 0), (3, 29, 2), (7, 1, 12), (10, 25, 2), (12, 31, 23)] {
                out.push(jiff::civil::date(year, m, d).at(h, 30, 0, 0));
            }
        }
        out
    }

    fn check_zone(name: &str) {
        let tz = TimeZone::get(name).unwrap();
        let z = zone(&tz);
        for dt in probes(&tz) {
            let expected = tz
                .to_ambiguous_timestamp(dt)
                .compatible()
                .unwrap()
                .as_second();
            match query_instant(&z, dt) {
                Some(got) => assert_eq!(got, expected, "{name}: local {dt}"),
                None => assert!(dt.year() > LAST_TABULATED_YEAR, "{name}: {dt} has no row"),
            }
            for written in [0, 3600, -18_000, 19_800, 50_400, -43_200] {
                let Ok(ts) = Offset::from_seconds(written).unwrap().to_timestamp(dt) else {
                    continue;
                };
                let expected = tz.to_datetime(ts).date();
                if let Some(got) = query_local_date(&z, dt, written) {
                    assert_eq!(got, expected, "{name}: {dt} at offset {written}");
                }
            }
        }
    }

    #[test]
    fn utc_and_fixed_zones_are_one_offset() {
        assert_eq!(zone(&TimeZone::UTC), Zone::Fixed(0));
        assert_eq!(
            zone(&TimeZone::get("Etc/GMT+5").unwrap()),
            Zone::Fixed(-18_000)
        );
    }

    #[test]
    fn berlin_gap_and_overlap_take_the_offset_before_the_change() {
        let tz = TimeZone::get("Europe/Berlin").unwrap();
        let Zone::Changing(table) = zone(&tz) else {
            panic!("Berlin changes its clocks")
        };
        assert!(table.open_ended);
        let z = Zone::Changing(table);
        let at = |s: &str| query_instant(&z, s.parse().unwrap()).unwrap();
        let utc = |s: &str| s.parse::<Timestamp>().unwrap().as_second();
        assert_eq!(at("2026-03-29T02:30"), utc("2026-03-29T01:30Z"));
        assert_eq!(at("2026-10-25T02:30"), utc("2026-10-25T00:30Z"));
        assert_eq!(at("2026-10-25T03:00"), utc("2026-10-25T02:00Z"));
        assert_eq!(query_instant(&z, "2100-01-01T00:00".parse().unwrap()), None);
    }

    #[test]
    fn zones_that_stopped_changing_use_their_last_offset_for_ever() {
        let Zone::Changing(t) = zone(&TimeZone::get("Asia/Tokyo").unwrap()) else {
            panic!("Tokyo had daylight saving time until 1951")
        };
        assert!(!t.open_ended);
        assert!(t.last_year < 1960);
        assert_eq!(t.row(9999).unwrap().utc.at(i64::MAX), 9 * 3600);
    }

    #[test]
    fn every_zone_agrees_with_jiff_around_every_change() {
        for name in jiff::tz::db().available() {
            check_zone(name.as_str());
        }
    }
}
