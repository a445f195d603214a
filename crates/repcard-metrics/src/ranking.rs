//! Orders and curves over a period's reps: the leaderboard and the concentration curve.

use super::RepPeriod;
use super::figures::ratio;
use repcard_core::model::Money;
use rust_decimal::Decimal;
use std::cmp::Ordering;

/// Leaderboard order: won value, then quota attainment (reps without one last), then
/// proposal value, all descending; ties keep the input order (by `rep_id`).
pub fn leaderboard<'a>(reps: impl IntoIterator<Item = &'a RepPeriod>) -> Vec<&'a RepPeriod> {
    let mut out: Vec<&RepPeriod> = reps.into_iter().collect();
    out.sort_by(|a, b| {
        b.figures
            .won_value
            .cmp(&a.figures.won_value)
            .then_with(|| match (a.quota_attainment, b.quota_attainment) {
                (Some(x), Some(y)) => y.cmp(&x),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            })
            .then_with(|| b.figures.proposal_value.cmp(&a.figures.proposal_value))
    });
    out
}

/// One point of the concentration curve: the top `reps` reps by won value hold `value_share`
/// of the group's won value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CurvePoint {
    /// How many reps, largest won value first.
    pub reps: u64,
    /// `reps / all reps`, four places.
    pub rep_share: Decimal,
    /// Their cumulative won value / the group's, four places.
    pub value_share: Decimal,
}

/// The concentration curve from (0, 0) to (1, 1); empty when there is no won value.
pub fn concentration_curve(values: &[Money]) -> Vec<CurvePoint> {
    let total: Money = values.iter().sum();
    if total <= Money::ZERO {
        return Vec::new();
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(|a, b| b.cmp(a));
    let n = Decimal::from(sorted.len() as u64);
    let mut points = vec![CurvePoint {
        reps: 0,
        rep_share: Decimal::ZERO,
        value_share: Decimal::ZERO,
    }];
    let mut sum = Money::ZERO;
    for (k, v) in sorted.iter().enumerate() {
        sum += v;
        let reps = k as u64 + 1;
        points.push(CurvePoint {
            reps,
            rep_share: ratio(Decimal::from(reps), n).unwrap_or_default(),
            value_share: ratio(sum, total).unwrap_or_default(),
        });
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Figures;

    fn rep(ix: u32, won: i64, attainment: Option<&str>, proposals: i64) -> RepPeriod {
        RepPeriod {
            rep: ix,
            figures: Figures {
                won_value: won.into(),
                proposal_value: proposals.into(),
                ..Figures::new(5)
            },
            quota: None,
            quota_attainment: attainment.map(|a| a.parse().unwrap()),
        }
    }

    #[test]
    fn leaderboard_orders_by_won_value_then_attainment_then_proposals() {
        let reps = [
            rep(0, 100, Some("0.5"), 0),
            rep(1, 300, None, 0),
            rep(2, 100, Some("0.9"), 0),
            rep(3, 100, None, 50),
            rep(4, 100, None, 10),
            rep(5, 100, None, 10),
        ];
        let order: Vec<u32> = leaderboard(&reps).iter().map(|r| r.rep).collect();
        assert_eq!(order, [1, 2, 0, 3, 4, 5]);
    }

    #[test]
    fn concentration_curve_runs_from_zero_to_one_largest_first() {
        let v: Vec<Money> = [10, 70, 20, 0].into_iter().map(Money::from).collect();
        let c = concentration_curve(&v);
        let pts: Vec<(Decimal, Decimal)> = c.iter().map(|p| (p.rep_share, p.value_share)).collect();
        let want: Vec<(Decimal, Decimal)> = [
            ("0", "0"),
            ("0.25", "0.7"),
            ("0.5", "0.9"),
            ("0.75", "1"),
            ("1", "1"),
        ]
        .iter()
        .map(|(a, b)| (a.parse().unwrap(), b.parse().unwrap()))
        .collect();
        assert_eq!(pts, want);
        assert!(concentration_curve(&[Money::ZERO]).is_empty());
    }
}
