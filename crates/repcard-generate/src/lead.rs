//! One rep's leads of one month and everything that happens to them: calls, meetings,
//! emails, proposals. Pure simulation on a per-(month, rep) random stream.

use super::clock::{DAY, Month, is_weekend, later, later_meeting, workday};
use super::company::RepProfile;
use super::deals::deal_cents;
use super::names::SOURCES;
use super::pace::Pace;
use rand::Rng;

/// An activity's type, as written in the `type` column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Kind {
    /// A phone call.
    Call,
    /// A meeting: the first one engages the lead.
    Meeting,
    /// An email.
    Email,
}

/// What came of an activity, as written in the `outcome` column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Outcome {
    NoAnswer,
    Voicemail,
    Connected,
    NotInterested,
    MeetingBooked,
    FollowUp,
    Held,
    Demo,
    Sent,
    Replied,
}

impl Kind {
    /// The CSV word.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Kind::Call => "call",
            Kind::Meeting => "meeting",
            Kind::Email => "email",
        }
    }
}

impl Outcome {
    /// The CSV word.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Outcome::NoAnswer => "no_answer",
            Outcome::Voicemail => "voicemail",
            Outcome::Connected => "connected",
            Outcome::NotInterested => "not_interested",
            Outcome::MeetingBooked => "meeting_booked",
            Outcome::FollowUp => "follow_up",
            Outcome::Held => "held",
            Outcome::Demo => "demo",
            Outcome::Sent => "sent",
            Outcome::Replied => "replied",
        }
    }
}

/// Where a proposal ended up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Status {
    Open,
    Won,
    Lost,
}

impl Status {
    /// The CSV word.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Won => "won",
            Status::Lost => "lost",
        }
    }
}

/// A generated lead; `source` indexes [`SOURCES`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct LeadRow {
    pub created: i64,
    pub source: u8,
    pub score: u8,
    pub qualified: bool,
}

/// A generated activity on the lead at index `lead` of its unit.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ActivityRow {
    pub at: i64,
    pub lead: u32,
    pub kind: Kind,
    pub outcome: Outcome,
}

/// A generated proposal on the lead at index `lead` of its unit; `closed` is set when won/lost.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ProposalRow {
    pub created: i64,
    pub lead: u32,
    pub cents: i64,
    pub status: Status,
    pub closed: Option<i64>,
}

/// Everything one rep's leads of one month produced.
#[derive(Debug, Default)]
pub(crate) struct Unit {
    pub leads: Vec<LeadRow>,
    pub activities: Vec<ActivityRow>,
    pub proposals: Vec<ProposalRow>,
}

fn chance<R: Rng>(rng: &mut R, p: f64) -> bool {
    rng.random::<f64>() < p
}

/// A standard normal draw (Box–Muller).
pub(crate) fn normal<R: Rng>(rng: &mut R) -> f64 {
    let u1 = 1.0 - rng.random::<f64>();
    let u2 = rng.random::<f64>();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// Simulates the leads `rep` got in `month`. Nothing is dated after `horizon` (the last
/// minute of the history) or outside the rep's employment. A `warm_share` of the leads are
/// opportunities already in progress when the CRM went live: they go straight to a meeting.
pub(crate) fn simulate<R: Rng>(
    rng: &mut R,
    rep: &RepProfile,
    month: &Month,
    horizon: i64,
    leads_per_month: u32,
    warm_share: f64,
    pace: &mut Pace,
) -> Unit {
    let mut unit = Unit::default();
    let first = rep
        .start_day
        .map_or(month.first_day, |s| s.max(month.first_day));
    let last = rep.end_day.map_or(month.first_day + month.days - 1, |e| {
        e.min(month.first_day + month.days - 1)
    });
    if last < first {
        return unit;
    }
    let share = (last - first + 1) as f64 / month.days as f64;
    let expected = f64::from(leads_per_month) * rep.volume * share * rng.random_range(0.85..1.15);
    let count = expected.floor() as u32 + u32::from(chance(rng, expected.fract()));
    let mut created: Vec<(i64, bool)> = (0..count)
        .map(|_| {
            // Deals in progress at go-live are entered in the CRM's first ten days.
            let warm = chance(rng, warm_share);
            let last = if warm { last.min(first + 9) } else { last };
            // Web forms and lists arrive mostly on weekdays, 07:00–19:59.
            let mut day = rng.random_range(first..=last);
            for _ in 0..4 {
                if !is_weekend(day) || chance(rng, 0.15) {
                    break;
                }
                day = rng.random_range(first..=last);
            }
            (day * DAY + rng.random_range(420..1200), warm)
        })
        .collect();
    created.sort_unstable();
    let limit = rep.last_minute(horizon);
    for (i, &(t, warm)) in created.iter().enumerate() {
        lead_life(rng, rep, &mut unit, (i as u32, t, warm), limit, pace);
    }
    unit
}

/// Pushes an activity unless it falls after `limit`; returns whether it was kept.
fn act(unit: &mut Unit, lead: u32, at: i64, kind: Kind, outcome: Outcome, limit: i64) -> bool {
    if at > limit {
        return false;
    }
    unit.activities.push(ActivityRow {
        at,
        lead,
        kind,
        outcome,
    });
    true
}

fn cold_outcome<R: Rng>(rng: &mut R) -> Outcome {
    match rng.random_range(0..20) {
        0..=7 => Outcome::NoAnswer,
        8..=12 => Outcome::Voicemail,
        13..=17 => Outcome::Connected,
        _ => Outcome::NotInterested,
    }
}

fn lead_life<R: Rng>(
    rng: &mut R,
    rep: &RepProfile,
    unit: &mut Unit,
    (lead, t0, warm): (u32, i64, bool),
    limit: i64,
    pace: &mut Pace,
) {
    let mut pick = rng.random_range(0..1000u32);
    let source = SOURCES
        .iter()
        .position(|(_, share, _)| {
            let hit = pick < *share;
            pick = pick.saturating_sub(*share);
            hit
        })
        .unwrap_or(0);
    let mut interest = (SOURCES[source].2 + 0.2 * normal(rng)).clamp(0.02, 1.0);
    if warm {
        interest = interest.max(0.6);
    }
    let qualified = warm || chance(rng, 0.25 + 0.6 * interest);
    let score = (12.0 + 70.0 * interest + 10.0 * normal(rng)).clamp(0.0, 100.0) as u8;
    unit.leads.push(LeadRow {
        created: t0,
        source: source as u8,
        score,
        qualified,
    });
    if !qualified {
        interest *= 0.35;
    }

    if warm {
        let t = later(rng, t0, 0, 1);
        if !act(unit, lead, t, Kind::Call, Outcome::MeetingBooked, limit) {
            return;
        }
        let t = later_meeting(rng, t, 1, 5);
        if act(unit, lead, t, Kind::Meeting, Outcome::Held, limit) {
            engaged(rng, rep, unit, (lead, t, interest, true), limit, pace);
        }
        return;
    }

    // First contact: same day or within a few days; a few leads are never called at all,
    // more often by weaker reps.
    let mut t = t0;
    let mut engaged_at = None;
    let never_called = chance(rng, 0.03 + 0.07 * (1.0 - rep.skill));
    if !never_called {
        let mut calls = 0u32;
        let mut gap = if chance(rng, 0.45) { (0, 0) } else { (1, 3) };
        let mut keep_going = rep.persistence + if qualified { 0.08 } else { -0.08 };
        loop {
            t = later(rng, t, gap.0, gap.1);
            calls += 1;
            let book = interest * rep.conversion * 0.85f64.powi(calls as i32 - 1);
            if chance(rng, book) {
                if !act(unit, lead, t, Kind::Call, Outcome::MeetingBooked, limit) {
                    return;
                }
                t = later_meeting(rng, t, 2, 9);
                if !act(unit, lead, t, Kind::Meeting, Outcome::Held, limit) {
                    return;
                }
                engaged_at = Some(t);
                break;
            }
            let outcome = cold_outcome(rng);
            if !act(unit, lead, t, Kind::Call, outcome, limit) {
                return;
            }
            if outcome == Outcome::Connected && chance(rng, 0.2) {
                t = later(rng, t, 0, 1);
                let reply = if chance(rng, 0.3) {
                    Outcome::Replied
                } else {
                    Outcome::Sent
                };
                if !act(unit, lead, t, Kind::Email, reply, limit) {
                    return;
                }
            }
            if outcome == Outcome::NotInterested {
                keep_going *= 0.4;
            }
            if calls >= 9 || !chance(rng, keep_going) {
                break;
            }
            gap = (1 + i64::from(calls), 3 + i64::from(calls));
        }
    }

    // A dormant lead revived weeks later: calls more than 30 days after creation.
    if engaged_at.is_none() && chance(rng, rep.revival_rate * if qualified { 1.0 } else { 0.4 }) {
        let day = t0.div_euclid(DAY).max(t.div_euclid(DAY)) + rng.random_range(35..=110);
        t = t.max(workday(day) * DAY);
        let tries = rng.random_range(1..=3);
        for k in 0..tries {
            t = if k == 0 {
                later(rng, t, 1, 1)
            } else {
                later(rng, t, 2, 6)
            };
            if chance(rng, interest * rep.conversion * 0.7) {
                if !act(unit, lead, t, Kind::Call, Outcome::MeetingBooked, limit) {
                    return;
                }
                t = later_meeting(rng, t, 2, 9);
                if !act(unit, lead, t, Kind::Meeting, Outcome::Held, limit) {
                    return;
                }
                engaged_at = Some(t);
                break;
            }
            if !act(unit, lead, t, Kind::Call, cold_outcome(rng), limit) {
                return;
            }
        }
    }
    if engaged_at.is_some() {
        engaged(rng, rep, unit, (lead, t, interest, false), limit, pace);
    }
}

/// After the first meeting: a recap email, follow-up calls, sometimes a demo, maybe a
/// proposal. A warm lead (in progress at go-live) gets a proposal sooner and decides faster.
fn engaged<R: Rng>(
    rng: &mut R,
    rep: &RepProfile,
    unit: &mut Unit,
    (lead, mut t, interest, warm): (u32, i64, f64, bool),
    limit: i64,
    pace: &mut Pace,
) {
    if chance(rng, 0.5) {
        t = later(rng, t, 0, 1);
        if !act(unit, lead, t, Kind::Email, Outcome::Sent, limit) {
            return;
        }
    }
    // A deal already in progress at go-live has had its discovery calls and demos.
    t = later(rng, t, if warm { 0 } else { 1 }, if warm { 2 } else { 5 });
    if !act(unit, lead, t, Kind::Call, Outcome::FollowUp, limit) {
        return;
    }
    if !warm && chance(rng, 0.25) {
        t = later_meeting(rng, t, 4, 12);
        if !act(unit, lead, t, Kind::Meeting, Outcome::Demo, limit) {
            return;
        }
    }
    let boost = if warm { 1.6 } else { 1.0 };
    let proposes = chance(
        rng,
        (boost * rep.proposal_rate * (0.6 + 0.6 * interest)).min(0.9),
    );
    if !proposes {
        for _ in 0..rng.random_range(0..=2) {
            t = later(rng, t, 3, 10);
            if !act(unit, lead, t, Kind::Call, Outcome::FollowUp, limit) {
                return;
            }
        }
        return;
    }
    t = later(rng, t, 1, if warm { 3 } else { 7 });
    if t > limit {
        return;
    }
    let cents = deal_cents(rng, rep.deal_median_cents * (0.7 + 0.6 * interest));
    let created = t;
    for _ in 0..rng.random_range(if warm { 0..=1 } else { 1..=3 }) {
        t = later(rng, t, 3, 10);
        if !act(unit, lead, t, Kind::Call, Outcome::FollowUp, limit) {
            break;
        }
    }
    let decided = later(rng, t.max(created), 2, if warm { 22 } else { 25 });
    let stalled = chance(rng, 0.05);
    let (status, closed) = if stalled || decided > limit {
        (Status::Open, None)
    } else if chance(rng, (rep.win_rate * (0.7 + 0.6 * interest)).min(0.9)) {
        match pace.close(rng, decided, t.max(created), cents, limit) {
            Some(closed) => (Status::Won, Some(closed)),
            None => (Status::Open, None),
        }
    } else {
        (Status::Lost, Some(decided))
    };
    unit.proposals.push(ProposalRow {
        created,
        lead,
        cents,
        status,
        closed,
    });
}
