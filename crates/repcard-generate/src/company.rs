//! The synthetic sales team: who the reps are, how good they are, when they worked, and
//! the quotas they were given.

use super::clock::{DAY, Month};
use super::names::{FIRST_NAMES, LAST_NAMES, team_name};
use rand::Rng;
use rand::seq::SliceRandom;

/// One rep and the habits that drive their numbers.
#[derive(Debug, Clone)]
pub(crate) struct RepProfile {
    /// `rep_id`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Team name.
    pub team: String,
    /// First day of employment (days since 1970), when they joined during the history.
    pub start_day: Option<i64>,
    /// Last day of employment, when they left during the history.
    pub end_day: Option<i64>,
    /// Ability, 0 (weakest) to 1 (best); everything below follows from it.
    pub skill: f64,
    /// Share of the average lead volume routed to the rep.
    pub volume: f64,
    /// Chance of one more call after an unanswered one.
    pub persistence: f64,
    /// Per-call chance (times the lead's interest) of booking a meeting.
    pub conversion: f64,
    /// Chance that an engaged lead gets a proposal.
    pub proposal_rate: f64,
    /// Chance that a proposal is won.
    pub win_rate: f64,
    /// Median proposal amount in cents.
    pub deal_median_cents: f64,
    /// Chance of coming back to a lead given up on, weeks later.
    pub revival_rate: f64,
    /// Monthly quota in cents, set once the history is known.
    pub quota_cents: Option<i64>,
}

impl RepProfile {
    /// The last minute the rep may act in (end of the last day employed, or `horizon`).
    pub(crate) fn last_minute(&self, horizon: i64) -> i64 {
        self.end_day
            .map_or(horizon, |d| ((d + 1) * DAY - 1).min(horizon))
    }

    /// Whether the rep was employed on some day of `month`.
    pub(crate) fn employed_in(&self, month: &Month) -> bool {
        self.start_day
            .is_none_or(|s| s < month.first_day + month.days)
            && self.end_day.is_none_or(|e| e >= month.first_day)
    }
}

/// Builds the team: names, teams, a skewed spread of ability, and a few joiners and leavers.
pub(crate) fn build_reps<R: Rng>(
    rng: &mut R,
    reps: u32,
    teams: u32,
    months: &[Month],
) -> Vec<RepProfile> {
    let n = reps as usize;
    let width = n.to_string().len().max(3);
    // Every first/last pair once, shuffled; names repeat only beyond 3,600 reps.
    let mut pairs: Vec<(usize, usize)> = (0..FIRST_NAMES.len())
        .flat_map(|f| (0..LAST_NAMES.len()).map(move |l| (f, l)))
        .collect();
    pairs.shuffle(rng);
    // Stratified ability: one rep per slice of [0, 1), so even a team of 12 has its stars
    // and its strugglers. Slices are dealt in tiers of one per team (rep i is in team
    // i % teams), so every team gets a mix of strong and weak reps.
    let slices = dealt_slices(rng, n, teams as usize);
    let mut out: Vec<RepProfile> = (0..n)
        .map(|i| {
            let (f, l) = pairs[i % pairs.len()];
            let skill = (slices[i] as f64 + rng.random::<f64>()) / n as f64;
            // Everyone hired can sell: ability drives the habits from 0.3 up, so the best rep
            // wins several times what the weakest does, not a hundred times.
            let e = 0.3 + 0.7 * skill;
            RepProfile {
                id: format!("R{:0width$}", i + 1),
                name: format!("{} {}", FIRST_NAMES[f], LAST_NAMES[l]),
                team: team_name(i % teams as usize),
                start_day: None,
                end_day: None,
                skill,
                volume: rng.random_range(0.85..1.15),
                persistence: 0.30 + 0.30 * e,
                conversion: 0.50 + 0.35 * e,
                proposal_rate: 0.30 + 0.30 * e,
                win_rate: 0.15 + 0.35 * e,
                deal_median_cents: 900_000.0 * (1.2 * e).exp(),
                revival_rate: 0.05 + 0.07 * e,
                quota_cents: None,
            }
        })
        .collect();
    let m = months.len();
    if m >= 4 && n >= 4 {
        // About one rep in twelve joins during the history and one in twelve leaves.
        let movers = (n / 12).max(1);
        let mut order: Vec<usize> = (0..n).collect();
        order.shuffle(rng);
        for &i in &order[..movers] {
            let month = &months[rng.random_range(m / 4..=m / 2)];
            out[i].start_day = Some(month.first_day + rng.random_range(0..month.days));
        }
        if n >= 6 {
            for &i in &order[movers..2 * movers] {
                let month = &months[rng.random_range(m / 2..m - 1)];
                out[i].end_day = Some(month.first_day + rng.random_range(0..month.days));
            }
        }
    }
    out
}

/// Which ability slice each rep gets: slice `tier * teams + k` goes to the `k`-th team of
/// the tier (shuffled per tier), and each team's members take its tiers in shuffled order,
/// so rep ids say nothing about ability and every team spans the range.
fn dealt_slices<R: Rng>(rng: &mut R, n: usize, teams: usize) -> Vec<usize> {
    let tiers = n.div_ceil(teams);
    let offsets: Vec<Vec<usize>> = (0..tiers)
        .map(|tier| {
            let present = if tier + 1 == tiers && n % teams != 0 {
                n % teams
            } else {
                teams
            };
            let mut o: Vec<usize> = (0..present).collect();
            o.shuffle(rng);
            o
        })
        .collect();
    let mut slices = vec![0; n];
    let teams_members = (0..teams).map(|t| (t, (t..n).step_by(teams).collect::<Vec<usize>>()));
    for (team, members) in teams_members {
        let mut order: Vec<usize> = (0..members.len()).collect();
        order.shuffle(rng);
        for (&rep, &tier) in members.iter().zip(&order) {
            slices[rep] = tier * teams + offsets[tier][team];
        }
    }
    slices
}

/// Rounds a quota down to $500 (below $20,000) or $1,000, never below $1,000.00.
pub(crate) fn round_quota(cents: i64) -> i64 {
    let step = if cents >= 2_000_000 { 100_000 } else { 50_000 };
    (cents / step * step).max(100_000)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn every_team_gets_one_ability_slice_per_tier() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(3);
        for (n, teams) in [(12, 3), (13, 3), (5, 5), (7, 1), (500, 7)] {
            let slices = dealt_slices(&mut rng, n, teams);
            let mut sorted = slices.clone();
            sorted.sort_unstable();
            assert_eq!(sorted, (0..n).collect::<Vec<_>>(), "a permutation");
            for team in 0..teams {
                let mut tiers: Vec<usize> = (team..n)
                    .step_by(teams)
                    .map(|r| slices[r] / teams)
                    .collect();
                tiers.sort_unstable();
                assert_eq!(
                    tiers,
                    (0..tiers.len()).collect::<Vec<_>>(),
                    "team {team} of {n}/{teams}"
                );
            }
        }
    }

    #[test]
    fn quotas_are_round_figures_never_below_a_thousand() {
        // $500 steps below $20,000, $1,000 steps above, at least $1,000.00.
        assert_eq!(round_quota(1_329_999), 1_300_000);
        assert_eq!(round_quota(3_026_000), 3_000_000);
        assert_eq!(round_quota(30_000), 100_000);
    }
}
