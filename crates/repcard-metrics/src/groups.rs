//! Team and company roll-ups and the three headline questions (§3, "Team figures").

use super::RepPeriod;
use super::figures::{Figures, ratio, share};
use repcard_core::model::{Dataset, Money, RepIx};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// The answers to the seed's three questions for a group of reps in a period.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Headline {
    /// Reps with a quota above zero.
    pub reps_with_quota: u64,
    /// Of those, reps whose won value reached their quota.
    pub reps_at_quota: u64,
    /// `reps_at_quota / reps_with_quota`; `None` when no rep has a quota.
    pub quota_reached_share: Option<Decimal>,
    /// Reps in the group in the period.
    pub reps: u64,
    /// The fewest reps whose won value adds up to ≥ 80 % of the group's; `None` without won value.
    pub concentration_reps: Option<u64>,
    /// `concentration_reps / reps`.
    pub concentration_share: Option<Decimal>,
    /// Never-engaged leads created in the period.
    pub unengaged_leads: u64,
    /// Of those, leads with touches ≥ the follow-up target.
    pub unengaged_at_target: u64,
    /// Of those, leads with exactly one touch.
    pub unengaged_one_touch: u64,
    /// `unengaged_at_target / unengaged_leads`.
    pub persistence_at_target_share: Option<Decimal>,
    /// `unengaged_one_touch / unengaged_leads`.
    pub persistence_one_touch_share: Option<Decimal>,
}

/// A team's or the company's figures in one period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// Team name (`""` for reps without a team); the company group is named `""` too.
    pub name: String,
    /// Members active in the period, sorted by `rep_id`.
    pub reps: Vec<RepIx>,
    /// Sums over members.
    pub figures: Figures,
    /// Sum of members' quotas, `None` when no member has one.
    pub quota: Option<Money>,
    /// `won_value / quota` over the whole group, four places.
    pub quota_attainment: Option<Decimal>,
    /// The headline questions.
    pub headline: Headline,
}

/// The smallest number of values, largest first, whose sum reaches 80 % of the total.
pub fn concentration(values: &[Money]) -> Option<u64> {
    let total: Money = values.iter().sum();
    if total <= Money::ZERO {
        return None;
    }
    let threshold = total * Decimal::new(8, 1);
    let mut sorted = values.to_vec();
    sorted.sort_by(|a, b| b.cmp(a));
    let mut sum = Money::ZERO;
    for (k, v) in sorted.iter().enumerate() {
        sum += v;
        if sum >= threshold {
            return Some(k as u64 + 1);
        }
    }
    Some(sorted.len() as u64)
}

fn group(name: &str, members: &[&RepPeriod], target: u32) -> Group {
    let mut figures = Figures::new(target);
    let mut quota: Option<Money> = None;
    let mut h = Headline {
        reps: members.len() as u64,
        ..Headline::default()
    };
    for m in members {
        figures.add(&m.figures);
        if let Some(q) = m.quota {
            *quota.get_or_insert(Money::ZERO) += q;
            if q > Money::ZERO {
                h.reps_with_quota += 1;
                h.reps_at_quota += u64::from(m.figures.won_value >= q);
            }
        }
    }
    h.quota_reached_share = share(h.reps_at_quota, h.reps_with_quota);
    let won: Vec<Money> = members.iter().map(|m| m.figures.won_value).collect();
    h.concentration_reps = concentration(&won);
    h.concentration_share = h.concentration_reps.and_then(|k| share(k, h.reps));
    h.unengaged_leads = figures.leads_unengaged();
    h.unengaged_at_target = figures.leads_unengaged_at_target;
    h.unengaged_one_touch = figures.leads_unengaged_one_touch;
    h.persistence_at_target_share = share(h.unengaged_at_target, h.unengaged_leads);
    h.persistence_one_touch_share = share(h.unengaged_one_touch, h.unengaged_leads);
    Group {
        name: name.to_string(),
        reps: members.iter().map(|m| m.rep).collect(),
        quota_attainment: quota.and_then(|q| ratio(figures.won_value, q)),
        quota,
        figures,
        headline: h,
    }
}

/// Rolls a period's rep rows up into teams (sorted by name) and the company.
pub fn roll_up(data: &Dataset, reps: &[RepPeriod], target: u32) -> (Vec<Group>, Group) {
    let mut teams: BTreeMap<&str, Vec<&RepPeriod>> = BTreeMap::new();
    for r in reps {
        teams
            .entry(data.reps[r.rep as usize].team.as_str())
            .or_default()
            .push(r);
    }
    let all: Vec<&RepPeriod> = reps.iter().collect();
    (
        teams
            .iter()
            .map(|(name, m)| group(name, m, target))
            .collect(),
        group("", &all, target),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(v: &[i64]) -> Vec<Money> {
        v.iter().map(|x| Money::from(*x)).collect()
    }

    #[test]
    fn concentration_counts_top_reps_reaching_eighty_percent() {
        assert_eq!(concentration(&m(&[10, 70, 10, 10])), Some(2)); // 70+10 = 80 of 100
        assert_eq!(concentration(&m(&[80, 10, 10])), Some(1));
        assert_eq!(concentration(&m(&[25, 25, 25, 25])), Some(4)); // 75 < 80 after three
        assert_eq!(concentration(&m(&[0, 0])), None);
        assert_eq!(concentration(&m(&[])), None);
    }
}
