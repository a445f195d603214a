//! How figures are written in the machine-readable files: fixed decimals, no locale.

use repcard_core::model::Money;
use rust_decimal::Decimal;

/// Money as a plain decimal with two places: `12500.00`.
pub(crate) fn money(m: Money) -> String {
    fixed(m, 2)
}

/// A ratio with four places: `0.8125`.
pub(crate) fn ratio(r: Decimal) -> String {
    fixed(r, 4)
}

fn fixed(v: Decimal, places: u32) -> String {
    let mut v =
        v.round_dp_with_strategy(places, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    v.rescale(places);
    if v.is_zero() {
        v.set_sign_positive(true);
    }
    v.to_string()
}

/// An optional money value; empty when absent.
pub(crate) fn opt_money(m: Option<Money>) -> String {
    m.map(money).unwrap_or_default()
}

/// An optional ratio; empty when absent.
pub(crate) fn opt_ratio(r: Option<Decimal>) -> String {
    r.map(ratio).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn money_has_two_places_and_ratio_four() {
        assert_eq!(money(Decimal::from(12500)), "12500.00");
        assert_eq!(money(Decimal::from_str("0.005").unwrap()), "0.01");
        assert_eq!(money(Decimal::from_str("-0.00").unwrap()), "0.00");
        assert_eq!(ratio(Decimal::from_str("0.5").unwrap()), "0.5000");
        assert_eq!(ratio(Decimal::from_str("1.25").unwrap()), "1.2500");
    }
}
