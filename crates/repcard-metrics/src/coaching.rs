//! Coaching flags: where a rep's period stands out against the rest of the team, in
//! figures that the report turns into plain words.
//!
//! Each flag compares the rep with the team median over members that have enough data
//! for the figure to mean something (at least [`MIN_BASE`] leads); a flag needs at least
//! two such members, so a team of one is never flagged.

use super::figures::{ratio, share};
use super::{PeriodFigures, RepPeriod};
use repcard_core::model::RepIx;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap};

/// The fewest leads behind a rate for it to be compared.
pub const MIN_BASE: u64 = 5;

/// What a flag is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FlagKind {
    /// Never-engaged leads created in the period that got only one or two calls (fewer
    /// than the target): a rep giving up early. `rep_value`/`team_median` are shares.
    ShallowFollowUp {
        /// The most touches that count as stopping early: 1 or 2 (below the target).
        max_touches: u32,
    },
    /// Calls to new leads per lead created: `rep_value`/`team_median` are calls per lead.
    FewCallsPerNewLead,
    /// Quota attainment well below the team's: `rep_value`/`team_median` are ratios.
    LowAttainment,
    /// Proposals created: `rep_value`/`team_median` are counts.
    FewProposals,
}

/// One flag for a rep in a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    /// What it is about.
    pub kind: FlagKind,
    /// The rep's figure (a share, a rate, a ratio or a count, per kind), four places.
    pub rep_value: Decimal,
    /// The team median of the same figure, four places.
    pub team_median: Decimal,
    /// How many leads (or reps with a quota, or proposals) the rep's figure rests on.
    pub base: u64,
}

/// How far a share must exceed the team median to flag shallow follow-up (10 points).
const SHALLOW_MARGIN: Decimal = Decimal::from_parts(1, 0, 0, false, 1);
/// How far attainment must fall below the team median to flag it (25 points).
const ATTAINMENT_MARGIN: Decimal = Decimal::from_parts(25, 0, 0, false, 2);
/// A rate at or below this share of the team median is flagged (75 %).
const RATE_FACTOR: Decimal = Decimal::from_parts(75, 0, 0, false, 2);
/// A proposal count at or below this share of the team median is flagged (50 %).
const PROPOSAL_FACTOR: Decimal = Decimal::from_parts(5, 0, 0, false, 1);

/// Whether a rep who reached quota still belongs among the reps to help: only when a flag
/// is about leads left behind (shallow follow-up), which reaching quota does not excuse.
/// Fewer calls or proposals than the team's median mean little from a rep who closed
/// their number.
pub fn outweighs_reaching_quota(flags: &[Flag]) -> bool {
    flags
        .iter()
        .any(|f| matches!(f.kind, FlagKind::ShallowFollowUp { .. }))
}

/// The median of some values, four places; `None` when empty.
pub fn median(values: &[Decimal]) -> Option<Decimal> {
    let mut v = values.to_vec();
    v.sort();
    let n = v.len();
    if n == 0 {
        return None;
    }
    let m = if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / Decimal::TWO
    };
    ratio(m, Decimal::ONE)
}

/// The share of a rep's never-engaged leads that got 1..=`max` calls, with the base.
fn shallow_share(r: &RepPeriod, max: u32) -> Option<(Decimal, u64)> {
    let d = &r.figures.touch_distribution;
    let base = r.figures.leads_unengaged();
    let shallow: u64 = d.iter().skip(1).take(max as usize).sum();
    (base >= MIN_BASE).then(|| (share(shallow, base).unwrap_or_default(), base))
}

fn calls_per_new_lead(r: &RepPeriod) -> Option<(Decimal, u64)> {
    let f = &r.figures;
    (f.leads_created >= MIN_BASE).then(|| {
        (
            share(f.calls_new, f.leads_created).unwrap_or_default(),
            f.leads_created,
        )
    })
}

fn attainment(r: &RepPeriod) -> Option<(Decimal, u64)> {
    r.quota_attainment.map(|a| (a, 1))
}

fn proposals(r: &RepPeriod) -> Option<(Decimal, u64)> {
    Some((r.figures.proposals.into(), r.figures.proposals))
}

/// Flags one figure across a team: `measure` gives (value, base) for members where it is
/// meaningful, `flagged(value, median)` says whether a value stands out.
fn flag_team(
    members: &[&RepPeriod],
    kind: FlagKind,
    measure: impl Fn(&RepPeriod) -> Option<(Decimal, u64)>,
    flagged: impl Fn(Decimal, Decimal) -> bool,
    out: &mut BTreeMap<RepIx, Vec<Flag>>,
) {
    let values: Vec<(RepIx, Decimal, u64)> = members
        .iter()
        .filter_map(|r| measure(r).map(|(v, b)| (r.rep, v, b)))
        .collect();
    if values.len() < 2 {
        return;
    }
    let all: Vec<Decimal> = values.iter().map(|v| v.1).collect();
    let Some(m) = median(&all) else { return };
    for (rep, value, base) in values {
        if flagged(value, m) {
            out.entry(rep).or_default().push(Flag {
                kind,
                rep_value: value,
                team_median: m,
                base,
            });
        }
    }
}

/// Every rep's flags in a period, measured against the rep's own team; reps without a
/// flag are absent. Flags of one rep come in [`FlagKind`] order.
pub fn period_flags(period: &PeriodFigures, follow_up_target: u32) -> BTreeMap<RepIx, Vec<Flag>> {
    let by_rep: HashMap<RepIx, &RepPeriod> = period.reps.iter().map(|r| (r.rep, r)).collect();
    let mut out = BTreeMap::new();
    let max_touches = follow_up_target.saturating_sub(1).min(2);
    for team in &period.teams {
        let members: Vec<&RepPeriod> = team
            .reps
            .iter()
            .filter_map(|ix| by_rep.get(ix).copied())
            .collect();
        if max_touches >= 1 {
            flag_team(
                &members,
                FlagKind::ShallowFollowUp { max_touches },
                |r| shallow_share(r, max_touches),
                |v, m| v > Decimal::ZERO && v >= m + SHALLOW_MARGIN,
                &mut out,
            );
        }
        flag_team(
            &members,
            FlagKind::FewCallsPerNewLead,
            calls_per_new_lead,
            |v, m| m > Decimal::ZERO && v <= m * RATE_FACTOR,
            &mut out,
        );
        flag_team(
            &members,
            FlagKind::LowAttainment,
            attainment,
            |v, m| v < Decimal::ONE && v <= m - ATTAINMENT_MARGIN,
            &mut out,
        );
        flag_team(
            &members,
            FlagKind::FewProposals,
            proposals,
            |v, m| m >= Decimal::TWO && v <= m * PROPOSAL_FACTOR,
            &mut out,
        );
    }
    for flags in out.values_mut() {
        flags.sort_by_key(|f| f.kind);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Figures, Group, Headline};
    use repcard_core::period::Period;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn rep(ix: RepIx, touches: [u64; 6], leads: u64, calls_new: u64) -> RepPeriod {
        RepPeriod {
            rep: ix,
            figures: Figures {
                touch_distribution: touches.to_vec(),
                leads_created: leads,
                calls_new,
                proposals: 4,
                ..Figures::new(5)
            },
            quota: None,
            quota_attainment: None,
        }
    }

    fn period(reps: Vec<RepPeriod>, teams: &[&[RepIx]]) -> PeriodFigures {
        let group = |members: &[RepIx]| Group {
            name: String::new(),
            reps: members.to_vec(),
            figures: Figures::new(5),
            quota: None,
            quota_attainment: None,
            headline: Headline::default(),
        };
        PeriodFigures {
            period: Period { index: 0 },
            label: "2026-10".into(),
            reps,
            teams: teams.iter().map(|t| group(t)).collect(),
            company: group(&[]),
        }
    }

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&[d("3"), d("1"), d("2")]), Some(d("2")));
        assert_eq!(median(&[d("0.4"), d("0.1")]), Some(d("0.25")));
        assert_eq!(median(&[]), None);
    }

    #[test]
    fn rep_who_stops_after_one_or_two_calls_is_flagged_against_team_median() {
        // Rep 0: 7 of 10 never-engaged leads got 1 or 2 calls (70 %); reps 1 and 2: 40 %, 20 %.
        let p = period(
            vec![
                rep(0, [1, 4, 3, 1, 1, 0], 10, 20),
                rep(1, [2, 2, 2, 2, 1, 1], 10, 20),
                rep(2, [0, 1, 1, 3, 2, 3], 10, 20),
            ],
            &[&[0, 1, 2]],
        );
        let flags = period_flags(&p, 5);
        let f = &flags[&0];
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].kind, FlagKind::ShallowFollowUp { max_touches: 2 });
        assert_eq!(f[0].rep_value, d("0.7"));
        assert_eq!(f[0].team_median, d("0.4"));
        assert_eq!(f[0].base, 10);
        assert!(!flags.contains_key(&1) && !flags.contains_key(&2));
    }

    #[test]
    fn rep_is_measured_only_against_own_team_and_a_team_of_one_is_never_flagged() {
        let p = period(
            vec![
                rep(0, [0, 9, 1, 0, 0, 0], 10, 20),
                rep(1, [0, 0, 0, 0, 0, 10], 10, 20),
            ],
            &[&[0], &[1]],
        );
        assert!(period_flags(&p, 5).is_empty());
    }

    #[test]
    fn few_leads_are_not_compared() {
        let p = period(
            vec![
                rep(0, [0, 4, 0, 0, 0, 0], 4, 0),
                rep(1, [0, 0, 0, 0, 0, 10], 10, 20),
                rep(2, [0, 0, 0, 0, 0, 10], 10, 20),
            ],
            &[&[0, 1, 2]],
        );
        assert!(period_flags(&p, 5).is_empty());
    }

    #[test]
    fn few_calls_per_new_lead_and_low_attainment_are_flagged() {
        let mut reps = vec![
            rep(0, [0; 6], 10, 5),
            rep(1, [0; 6], 10, 20),
            rep(2, [0; 6], 10, 25),
        ];
        reps[0].quota_attainment = Some(d("0.40"));
        reps[1].quota_attainment = Some(d("0.90"));
        reps[2].quota_attainment = Some(d("1.20"));
        reps[2].figures.proposals = 0;
        let flags = period_flags(&period(reps, &[&[0, 1, 2]]), 5);
        let kinds: Vec<FlagKind> = flags[&0].iter().map(|f| f.kind).collect();
        assert_eq!(
            kinds,
            [FlagKind::FewCallsPerNewLead, FlagKind::LowAttainment]
        );
        assert_eq!(flags[&0][0].rep_value, d("0.5"));
        assert_eq!(flags[&0][0].team_median, d("2"));
        assert_eq!(flags[&2][0].kind, FlagKind::FewProposals);
    }

    #[test]
    fn target_of_two_counts_only_single_calls() {
        let p = period(
            vec![
                RepPeriod {
                    figures: Figures {
                        touch_distribution: vec![0, 8, 2],
                        ..Figures::new(2)
                    },
                    ..rep(0, [0; 6], 0, 0)
                },
                RepPeriod {
                    figures: Figures {
                        touch_distribution: vec![0, 2, 8],
                        ..Figures::new(2)
                    },
                    ..rep(1, [0; 6], 0, 0)
                },
            ],
            &[&[0, 1]],
        );
        let flags = period_flags(&p, 2);
        assert_eq!(
            flags[&0][0].kind,
            FlagKind::ShallowFollowUp { max_touches: 1 }
        );
        assert_eq!(flags[&0][0].rep_value, d("0.8"));
    }

    #[test]
    fn only_leads_left_behind_outweigh_reaching_quota() {
        let flag = |kind| Flag {
            kind,
            rep_value: d("0.5"),
            team_median: d("1"),
            base: 10,
        };
        // A rep at 395 % of quota with fewer proposals than the team's median: not one to help.
        assert!(!outweighs_reaching_quota(&[flag(FlagKind::FewProposals)]));
        assert!(!outweighs_reaching_quota(&[
            flag(FlagKind::FewCallsPerNewLead),
            flag(FlagKind::LowAttainment)
        ]));
        // Dropping leads after one or two calls is: the leads are lost whatever the quota.
        assert!(outweighs_reaching_quota(&[
            flag(FlagKind::FewProposals),
            flag(FlagKind::ShallowFollowUp { max_touches: 2 })
        ]));
    }
}
