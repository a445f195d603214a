//! The one definition of a period's quota (§3, §6.13).

use super::figures::{ratio, round_money};
use repcard_core::model::Money;
use repcard_core::period::Calendar;
use rust_decimal::Decimal;

/// The quota for one period from a monthly quota: × months (1, 3, 12), or for a week
/// round(monthly × 12 / 52, 2). No proration for partial employment.
pub(crate) fn period_quota(calendar: &Calendar, monthly: Money) -> Money {
    match calendar.months() {
        Some(months) => round_money(monthly * Decimal::from(months)),
        None => round_money(monthly * Decimal::from(12) / Decimal::from(52)),
    }
}

/// `won_value / quota` rounded half-up to four places; `None` without a quota or for a quota of 0.
pub(crate) fn attainment(won_value: Money, quota: Option<Money>) -> Option<Decimal> {
    quota.and_then(|q| ratio(won_value, q))
}

#[cfg(test)]
mod tests {
    use super::*;
    use repcard_core::period::PeriodUnit;
    use std::str::FromStr;

    fn cal(unit: PeriodUnit) -> Calendar {
        Calendar {
            unit,
            fiscal_year_start: 1,
        }
    }

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn week_quota_is_twelve_fifty_seconds_of_a_month_rounded_half_up() {
        // 1000 × 12 / 52 = 230.769… → 230.77
        assert_eq!(period_quota(&cal(PeriodUnit::Week), d("1000")), d("230.77"));
        // 13 × 12 / 52 = 3.00 exactly; 0.13 × 12/52 = 0.03 exactly
        assert_eq!(period_quota(&cal(PeriodUnit::Week), d("13")), d("3.00"));
        // 0.065 × 12 / 52 = 0.015 → half-up 0.02
        assert_eq!(period_quota(&cal(PeriodUnit::Week), d("0.065")), d("0.02"));
    }

    #[test]
    fn quarter_and_year_quota_multiply_months() {
        assert_eq!(
            period_quota(&cal(PeriodUnit::Quarter), d("10000")),
            d("30000.00")
        );
        assert_eq!(
            period_quota(&cal(PeriodUnit::Year), d("10000")),
            d("120000.00")
        );
        assert_eq!(
            period_quota(&cal(PeriodUnit::Month), d("10000.5")),
            d("10000.50")
        );
    }

    #[test]
    fn attainment_is_rounded_to_four_places_and_empty_for_zero_quota() {
        assert_eq!(
            attainment(d("8125"), Some(d("10000"))).unwrap().to_string(),
            "0.8125"
        );
        assert_eq!(
            attainment(d("1"), Some(d("3"))).unwrap().to_string(),
            "0.3333"
        );
        assert_eq!(
            attainment(d("2"), Some(d("3"))).unwrap().to_string(),
            "0.6667"
        );
        assert_eq!(attainment(d("1"), Some(d("0.00"))), None);
        assert_eq!(attainment(d("1"), None), None);
    }
}
