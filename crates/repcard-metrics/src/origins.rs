//! Lead sources and score bands: for the leads created in each period, how many of each
//! source (and of each score band) were qualified, engaged, got a proposal and were won —
//! the evidence for tuning lead scoring and deciding which leads deserve the calls.

use super::figures::{round_money, share};
use repcard_core::config::ScoreBands;
use repcard_core::model::{Dataset, LeadIx, LeadScore, Money, ProposalStatus};
use rust_decimal::Decimal;
use std::collections::HashMap;

/// What became of a group of leads created in a period. Engagement, proposals and wins
/// count at any time in the data, like `leads_engaged`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Funnel {
    /// Leads created.
    pub leads_created: u64,
    /// Of those, qualified.
    pub leads_qualified: u64,
    /// Of those, engaged (had a meeting).
    pub leads_engaged: u64,
    /// Of those, with at least one proposal.
    pub leads_with_proposal: u64,
    /// Of those, with at least one won proposal.
    pub leads_won: u64,
    /// The amounts of their won proposals.
    pub won_value: Money,
}

/// The conversion rates of a funnel, four places; `None` where the base is zero.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rates {
    /// Qualified / created.
    pub qualified: Option<Decimal>,
    /// Engaged / created.
    pub engaged: Option<Decimal>,
    /// With a proposal / engaged.
    pub proposal: Option<Decimal>,
    /// Won / with a proposal.
    pub won: Option<Decimal>,
    /// Won / created: the whole funnel.
    pub overall: Option<Decimal>,
    /// Won value per lead created.
    pub value_per_lead: Option<Money>,
}

impl Funnel {
    /// Adds another funnel into this one.
    pub fn add(&mut self, other: &Funnel) {
        self.leads_created += other.leads_created;
        self.leads_qualified += other.leads_qualified;
        self.leads_engaged += other.leads_engaged;
        self.leads_with_proposal += other.leads_with_proposal;
        self.leads_won += other.leads_won;
        self.won_value += other.won_value;
    }

    /// The conversion rates between the steps.
    pub fn rates(&self) -> Rates {
        Rates {
            qualified: share(self.leads_qualified, self.leads_created),
            engaged: share(self.leads_engaged, self.leads_created),
            proposal: share(self.leads_with_proposal, self.leads_engaged),
            won: share(self.leads_won, self.leads_with_proposal),
            overall: share(self.leads_won, self.leads_created),
            value_per_lead: (self.leads_created > 0)
                .then(|| round_money(self.won_value / Decimal::from(self.leads_created))),
        }
    }
}

/// The name of the empty source in every output.
pub const NO_SOURCE: &str = "(none)";
/// The band of a lead whose score is empty.
pub const NO_SCORE: &str = "(no score)";
/// The band of a lead whose score is not a number.
pub const TEXT_SCORE: &str = "(not a number)";

/// Per period, a funnel for each source and for each score band.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origins {
    /// Source names, sorted, `(none)` for leads without one.
    pub sources: Vec<String>,
    /// Band names: the configured bands lowest first, then `(no score)` and
    /// `(not a number)`.
    pub bands: Vec<String>,
    /// `by_source[period][source]`, periods as in `Metrics::periods`.
    pub by_source: Vec<Vec<Funnel>>,
    /// `by_band[period][band]`.
    pub by_band: Vec<Vec<Funnel>>,
}

/// Sums `rows[period]` over the `span` periods ending at `period` (fewer at the start).
pub fn last_periods(rows: &[Vec<Funnel>], period: usize, span: usize) -> Vec<Funnel> {
    let width = rows.first().map_or(0, Vec::len);
    let mut out = vec![Funnel::default(); width];
    let from = (period + 1).saturating_sub(span);
    for row in rows.iter().take(period + 1).skip(from) {
        for (o, f) in out.iter_mut().zip(row) {
            o.add(f);
        }
    }
    out
}

/// Tallies every lead into its period, source and band. `period_of` maps a lead to its
/// period's position; `engaged` says whether a lead was ever engaged.
pub(crate) fn tally(
    data: &Dataset,
    bands: &ScoreBands,
    periods: usize,
    period_of: impl Fn(LeadIx) -> usize + Sync,
    engaged: impl Fn(LeadIx) -> bool + Sync,
) -> Origins {
    // Sources sorted by name, with the empty one shown as "(none)" in its sorted place.
    let names = data.leads.sources();
    let mut order: Vec<usize> = (0..names.len()).collect();
    let shown = |i: usize| {
        if names[i].is_empty() {
            NO_SOURCE
        } else {
            names[i].as_str()
        }
    };
    order.sort_by(|a, b| shown(*a).cmp(shown(*b)));
    let mut position = vec![0; names.len()];
    for (k, &i) in order.iter().enumerate() {
        position[i] = k;
    }
    // Leads' proposals: whether any, whether won, and the won amounts (kept only for the
    // leads with a won proposal: a slot per lead would be 16 bytes times millions).
    let n = data.leads.len();
    const PROPOSED: u8 = 1;
    const WON: u8 = 2;
    let mut proposed = vec![0u8; n];
    let mut won: HashMap<LeadIx, Money> = HashMap::new();
    for p in &data.proposals {
        if let Some(l) = p.lead {
            proposed[l as usize] |= PROPOSED;
            if p.status == ProposalStatus::Won && p.closed.is_some() {
                proposed[l as usize] |= WON;
                *won.entry(l).or_insert(Money::ZERO) += p.amount;
            }
        }
    }
    let width = bands.len() + 2;
    // Per period, the sources then the bands; per funnel, its counts in field order (the
    // won values are added apart, for the few leads that have one).
    let funnels = names.len() + width;
    const COUNTS: usize = 5;
    let mut won_value = vec![vec![Money::ZERO; funnels]; periods];
    let funnel_of = |ix: LeadIx, score: LeadScore, source: usize| {
        let band = match score {
            LeadScore::Number(s) => bands.band_of(s),
            LeadScore::Missing => width - 2,
            LeadScore::NotANumber => width - 1,
        };
        let p = period_of(ix);
        [
            p * funnels + position[source],
            p * funnels + names.len() + band,
        ]
    };
    let counts = crate::in_chunks(n, periods * funnels * COUNTS, |counts, range| {
        for i in range {
            let ix = i as LeadIx;
            let lead = data.leads.get(ix);
            let engaged = engaged(ix);
            for f in funnel_of(ix, lead.score, lead.source as usize) {
                let c = &mut counts[f * COUNTS..][..COUNTS];
                c[0] += 1;
                c[1] += u64::from(lead.qualified);
                c[2] += u64::from(engaged);
                c[3] += u64::from(proposed[i] & PROPOSED != 0);
                c[4] += u64::from(proposed[i] & WON != 0);
            }
        }
    });
    // In lead order, so the sums are built the same way on every run.
    let mut won: Vec<(LeadIx, Money)> = won.into_iter().collect();
    won.sort_unstable_by_key(|&(ix, _)| ix);
    for (ix, amount) in &won {
        let lead = data.leads.get(*ix);
        for f in funnel_of(*ix, lead.score, lead.source as usize) {
            won_value[f / funnels][f % funnels] += *amount;
        }
    }
    let funnel = |p: usize, f: usize| {
        let c = &counts[(p * funnels + f) * COUNTS..][..COUNTS];
        Funnel {
            leads_created: c[0],
            leads_qualified: c[1],
            leads_engaged: c[2],
            leads_with_proposal: c[3],
            leads_won: c[4],
            won_value: won_value[p][f],
        }
    };
    let by_source = (0..periods)
        .map(|p| (0..names.len()).map(|f| funnel(p, f)).collect())
        .collect();
    let by_band = (0..periods)
        .map(|p| (0..width).map(|b| funnel(p, names.len() + b)).collect())
        .collect();
    let mut band_names = bands.labels();
    band_names.extend([NO_SCORE.to_string(), TEXT_SCORE.to_string()]);
    Origins {
        sources: order.iter().map(|&i| shown(i).to_string()).collect(),
        bands: band_names,
        by_source,
        by_band,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_divide_each_step_by_the_one_before() {
        let f = Funnel {
            leads_created: 8,
            leads_qualified: 6,
            leads_engaged: 4,
            leads_with_proposal: 2,
            leads_won: 1,
            won_value: Decimal::new(1000, 0),
        };
        let r = f.rates();
        // 6/8, 4/8, 2/4, 1/2, 1/8, 1000/8
        assert_eq!(r.qualified, Some(Decimal::new(7500, 4)));
        assert_eq!(r.engaged, Some(Decimal::new(5000, 4)));
        assert_eq!(r.proposal, Some(Decimal::new(5000, 4)));
        assert_eq!(r.won, Some(Decimal::new(5000, 4)));
        assert_eq!(r.overall, Some(Decimal::new(1250, 4)));
        assert_eq!(r.value_per_lead, Some(Decimal::new(12500, 2)));
        assert_eq!(Funnel::default().rates(), Rates::default());
    }

    #[test]
    fn last_periods_sums_up_to_span_periods_ending_at_the_period() {
        let one = |n| Funnel {
            leads_created: n,
            ..Funnel::default()
        };
        let rows = vec![vec![one(1)], vec![one(2)], vec![one(4)]];
        assert_eq!(last_periods(&rows, 2, 2)[0].leads_created, 6);
        assert_eq!(last_periods(&rows, 2, 12)[0].leads_created, 7);
        assert_eq!(last_periods(&rows, 0, 12)[0].leads_created, 1);
    }
}
