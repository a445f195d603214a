//! A rep's pace against quota while their deals close, as sales floors behave: a rep short
//! of quota at the end of a month pulls a deal that was about to close into its last days,
//! and a rep far past quota lets a deal slip into the next month. This keeps a company's
//! monthly attainment within a believable band without touching the deals' odds.

use super::clock::{DAY, Month, add_workdays, month_of, office_time, workday};
use rand::Rng;

/// Won value a rep has booked per month, against their quota.
#[derive(Debug, Clone)]
pub(crate) struct Pace<'a> {
    /// Monthly quota in cents; 0 turns the behaviour off.
    quota: i64,
    months: &'a [Month],
    /// Cents booked per month index.
    booked: Vec<i64>,
}

/// Below this share of quota a rep pushes to close a deal before the month ends (100 %).
const PUSH_BELOW: f64 = 1.0;
/// Past this share of quota a rep lets a deal slip into the next month (160 %).
const SLIP_ABOVE: f64 = 1.6;

impl<'a> Pace<'a> {
    /// A rep with `quota` cents a month who has already booked `booked` (per month index).
    pub(crate) fn new(quota: i64, months: &'a [Month], booked: &[i64]) -> Pace<'a> {
        Pace {
            quota,
            months,
            booked: booked.to_vec(),
        }
    }

    /// No quota yet: deals close when they are decided.
    pub(crate) fn none() -> Pace<'static> {
        Pace {
            quota: 0,
            months: &[],
            booked: Vec::new(),
        }
    }

    fn short(&self, m: usize) -> bool {
        (self.booked[m] as f64) < PUSH_BELOW * self.quota as f64
    }

    fn ahead(&self, m: usize) -> bool {
        (self.booked[m] as f64) >= SLIP_ABOVE * self.quota as f64
    }

    /// When a won deal of `cents` decided at `decided` closes: pulled into the last working
    /// day of the month before (when decided in the first days of a month, after `after`,
    /// the deal's last touch, and the rep is short), slipped into the next month (when the
    /// rep is far ahead), or as decided. `None` when a slip passes `limit` (the deal is still
    /// open when the data was exported).
    pub(crate) fn close<R: Rng>(
        &mut self,
        rng: &mut R,
        decided: i64,
        after: i64,
        cents: i64,
        limit: i64,
    ) -> Option<i64> {
        let inside = self
            .months
            .last()
            .is_some_and(|last| self.quota > 0 && decided < last.end());
        if !inside {
            return Some(decided);
        }
        let m = month_of(self.months, decided);
        let mut closed = decided;
        let early = decided - self.months[m].start() < 10 * DAY;
        if m >= 1 && early && self.short(m - 1) && rng.random::<f64>() < 0.7 {
            let mut day = self.months[m].first_day - 1;
            while workday(day) != day {
                day -= 1;
            }
            let t = office_time(rng, day);
            if t > after {
                closed = t;
            }
        } else if self.ahead(m) && rng.random::<f64>() < 0.6 {
            // Past the last month of the history, a slipped deal is still open at export.
            let first = workday(self.months[m].first_day + self.months[m].days);
            let day = add_workdays(first, rng.random_range(0..6));
            let t = office_time(rng, day);
            if t > limit {
                return None;
            }
            closed = t;
        }
        let at = month_of(self.months, closed);
        if let Some(b) = self.booked.get_mut(at) {
            *b += cents;
        }
        Some(closed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::month_grid;
    use rand::SeedableRng;

    #[test]
    fn a_rep_short_of_quota_pulls_an_early_deal_into_the_month_before() {
        let months = month_grid(2026, 3, 3);
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
        // Nothing booked in March against 10,000.00: a deal decided on 2 April closes in March
        // (at least once in a few tries: the push is likely, not certain).
        let decided = months[1].start() + DAY + 600;
        let pulled = (0..8).any(|_| {
            let mut pace = Pace::new(1_000_000, &months, &[0, 0, 0]);
            let closed = pace.close(&mut rng, decided, months[0].start(), 500_000, i64::MAX);
            closed.is_some_and(|c| c < months[1].start())
        });
        assert!(pulled);
    }

    #[test]
    fn a_rep_far_past_quota_lets_a_deal_slip_and_no_quota_changes_nothing() {
        let months = month_grid(2026, 3, 3);
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(2);
        let decided = months[1].start() + 20 * DAY;
        let slipped = (0..8).any(|_| {
            let mut pace = Pace::new(1_000_000, &months, &[0, 2_500_000, 0]);
            let closed = pace.close(&mut rng, decided, 0, 500_000, i64::MAX);
            closed.is_some_and(|c| c >= months[2].start())
        });
        assert!(slipped);
        let mut none = Pace::none();
        assert_eq!(none.close(&mut rng, decided, 0, 1, i64::MAX), Some(decided));
    }
}
