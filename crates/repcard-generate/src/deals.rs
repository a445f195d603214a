//! Deal sizes: what a proposal is worth, as a price list would write it.

use super::lead::normal;
use rand::Rng;

/// Smallest and largest deal the company sells, in cents.
const DEAL_RANGE: std::ops::RangeInclusive<f64> = 150_000.0..=40_000_000.0;

/// A proposal amount around `median` cents: log-normal (σ 0.45), so most deals are modest and a
/// few are several times the median. Draws outside the company's range are drawn again
/// rather than clamped, so no amount piles up at a bound. Rounded as a price list would be:
/// to $50 below $10,000, $250 below $50,000, $1,000 above.
pub(crate) fn deal_cents<R: Rng>(rng: &mut R, median: f64) -> i64 {
    let mut amount = median;
    for _ in 0..32 {
        let draw = median * (0.45 * normal(rng)).exp();
        if DEAL_RANGE.contains(&draw) {
            amount = draw;
            break;
        }
    }
    let step = match amount {
        a if a < 1_000_000.0 => 5_000.0,
        a if a < 5_000_000.0 => 25_000.0,
        _ => 100_000.0,
    };
    ((amount / step).round() * step) as i64
}
