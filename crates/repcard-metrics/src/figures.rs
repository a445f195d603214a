//! The figures of one rep (or one group of reps) in one period.

use repcard_core::model::Money;
use rust_decimal::{Decimal, RoundingStrategy};

/// Counts and sums credited to a rep in a period; also the sums over a team or the company.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Figures {
    /// Metric 1: leads created in the period, owned by the rep.
    pub leads_created: u64,
    /// Metric 1: of those, the qualified ones.
    pub leads_qualified: u64,
    /// Metric 2: calls to new leads.
    pub calls_new: u64,
    /// Metric 3: calls to previous leads.
    pub calls_previous: u64,
    /// Metric 4: follow-up calls to engaged prospects.
    pub calls_engaged: u64,
    /// Meeting activities in the period.
    pub meetings: u64,
    /// Metric 5: proposals created in the period.
    pub proposals: u64,
    /// Metric 5: sum of their amounts.
    pub proposal_value: Money,
    /// Proposals won with `closed_at` in the period.
    pub won_count: u64,
    /// Sum of their amounts.
    pub won_value: Money,
    /// Leads created in the period that were engaged at any time in the data.
    pub leads_engaged: u64,
    /// Leads created in the period, never engaged, with touches ≥ the follow-up target.
    pub leads_unengaged_at_target: u64,
    /// Leads created in the period, never engaged, with exactly one touch.
    pub leads_unengaged_one_touch: u64,
    /// Never-engaged leads created in the period by touches: index t for t touches
    /// (0 ≤ t < target), the last index for target or more. Length = target + 1.
    pub touch_distribution: Vec<u64>,
}

impl Figures {
    /// Zero figures for a follow-up target.
    pub fn new(follow_up_target: u32) -> Figures {
        Figures {
            touch_distribution: vec![0; follow_up_target as usize + 1],
            ..Figures::default()
        }
    }

    /// All calls: new + previous + engaged.
    pub fn calls(&self) -> u64 {
        self.calls_new + self.calls_previous + self.calls_engaged
    }

    /// Never-engaged leads created in the period.
    pub(crate) fn leads_unengaged(&self) -> u64 {
        self.touch_distribution.iter().sum()
    }

    /// Average proposal amount, rounded to cents; `None` without proposals.
    pub fn average_proposal(&self) -> Option<Money> {
        (self.proposals > 0)
            .then(|| round_money(self.proposal_value / Decimal::from(self.proposals)))
    }

    /// Whether anything at all was credited (a rep with credited figures appears in the period).
    pub(crate) fn has_credit(&self) -> bool {
        self.leads_created > 0
            || self.calls() > 0
            || self.meetings > 0
            || self.proposals > 0
            || self.won_count > 0
    }

    /// Adds another rep's figures into these (for team and company sums).
    pub fn add(&mut self, other: &Figures) {
        self.leads_created += other.leads_created;
        self.leads_qualified += other.leads_qualified;
        self.calls_new += other.calls_new;
        self.calls_previous += other.calls_previous;
        self.calls_engaged += other.calls_engaged;
        self.meetings += other.meetings;
        self.proposals += other.proposals;
        self.proposal_value += other.proposal_value;
        self.won_count += other.won_count;
        self.won_value += other.won_value;
        self.leads_engaged += other.leads_engaged;
        self.leads_unengaged_at_target += other.leads_unengaged_at_target;
        self.leads_unengaged_one_touch += other.leads_unengaged_one_touch;
        if self.touch_distribution.len() < other.touch_distribution.len() {
            self.touch_distribution
                .resize(other.touch_distribution.len(), 0);
        }
        for (a, b) in self
            .touch_distribution
            .iter_mut()
            .zip(&other.touch_distribution)
        {
            *a += b;
        }
    }
}

/// Rounds money half-up to cents.
pub(crate) fn round_money(m: Money) -> Money {
    m.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// A ratio `num / den` rounded half-up to four places; `None` when `den` is zero.
pub fn ratio(num: Decimal, den: Decimal) -> Option<Decimal> {
    if den.is_zero() {
        None
    } else {
        num.checked_div(den)
            .map(|r| r.round_dp_with_strategy(4, RoundingStrategy::MidpointAwayFromZero))
    }
}

/// `ratio` for counts.
pub fn share(num: u64, den: u64) -> Option<Decimal> {
    ratio(Decimal::from(num), Decimal::from(den))
}
