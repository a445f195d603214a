//! Turning one month's simulated units into CSV text: rows sorted by time, global ids,
//! and each activity or proposal routed to the file of the month it is dated in.

use super::clock::{Month, StampWriter, month_of, push_money, push_number};
use super::company::RepProfile;
use super::lead::{Kind, Outcome, Status, Unit};
use super::names::SOURCES;

/// Header rows of the files the generator writes.
pub(crate) const LEADS_HEADER: &str = "lead_id,rep_id,created_at,qualified,source,score\n";
/// Header of `activities/*.csv`.
pub(crate) const ACTIVITIES_HEADER: &str = "activity_id,rep_id,lead_id,at,type,outcome\n";
/// Header of `proposals/*.csv`.
pub(crate) const PROPOSALS_HEADER: &str =
    "proposal_id,rep_id,lead_id,created_at,amount,status,closed_at\n";

/// The next free number of each id, and how wide ids are zero-padded.
#[derive(Debug, Clone)]
pub(crate) struct IdCounters {
    pub lead_width: usize,
    pub activity_width: usize,
    pub proposal_width: usize,
    pub leads: u64,
    pub activities: u64,
    pub proposals: u64,
}

impl IdCounters {
    /// Widths from the expected number of leads in the whole history.
    pub(crate) fn for_expected_leads(leads: u64) -> IdCounters {
        let digits = |n: u64| n.max(1).to_string().len();
        IdCounters {
            lead_width: digits(leads * 2).max(5),
            activity_width: digits(leads * 8).max(6),
            proposal_width: digits(leads / 2).max(4),
            leads: 0,
            activities: 0,
            proposals: 0,
        }
    }
}

/// The text one creation month adds to the files, and the won value it credits.
#[derive(Debug, Default)]
pub(crate) struct MonthText {
    /// Rows for `leads/<month>.csv`.
    pub leads: Vec<u8>,
    /// Rows for `activities/<month>.csv`, by month index.
    pub activities: Vec<(usize, Vec<u8>)>,
    /// Rows for `proposals/<month>.csv`, by month index.
    pub proposals: Vec<(usize, Vec<u8>)>,
    /// (rep index, month index of closing, cents) for every won proposal.
    pub won: Vec<(usize, usize, i64)>,
    /// (month index of creation, cents) for every proposal.
    pub sent: Vec<(usize, i64)>,
    /// Rows written per table.
    pub lead_rows: u64,
    pub activity_rows: u64,
    pub proposal_rows: u64,
}

struct Act {
    at: i64,
    lead_no: u64,
    rep: u32,
    kind: Kind,
    outcome: Outcome,
}

fn push_id(buf: &mut Vec<u8>, prefix: u8, n: u64, width: usize) {
    buf.push(prefix);
    push_number(buf, n, width);
}

/// Pushes `row` into the buffer of month `m`, opening a new buffer when the month changes
/// (rows arrive sorted by time, so months arrive in order).
fn bucket(out: &mut Vec<(usize, Vec<u8>)>, m: usize) -> &mut Vec<u8> {
    if out.last().is_none_or(|(last, _)| *last != m) {
        out.push((m, Vec::new()));
    }
    &mut out.last_mut().expect("just pushed").1
}

/// Formats the units of one creation month (`units[r]` belongs to `reps[r]`).
pub(crate) fn month_text(
    units: &[Unit],
    reps: &[RepProfile],
    months: &[Month],
    ids: &mut IdCounters,
) -> MonthText {
    let mut out = MonthText::default();
    let mut stamp = StampWriter::default();

    // Leads in order of creation get consecutive numbers.
    let mut base = Vec::with_capacity(units.len());
    let mut total = 0usize;
    for u in units {
        base.push(total);
        total += u.leads.len();
    }
    let mut order: Vec<(i64, u32, u32)> = Vec::with_capacity(total);
    for (r, u) in units.iter().enumerate() {
        order.extend(
            u.leads
                .iter()
                .enumerate()
                .map(|(i, l)| (l.created, r as u32, i as u32)),
        );
    }
    order.sort_unstable();
    let mut lead_no = vec![0u64; total];
    out.leads.reserve(total * 48);
    for &(created, r, i) in &order {
        ids.leads += 1;
        lead_no[base[r as usize] + i as usize] = ids.leads;
        let lead = &units[r as usize].leads[i as usize];
        let buf = &mut out.leads;
        push_id(buf, b'L', ids.leads, ids.lead_width);
        buf.push(b',');
        buf.extend_from_slice(reps[r as usize].id.as_bytes());
        buf.push(b',');
        stamp.push(buf, created);
        buf.extend_from_slice(if lead.qualified {
            b",true,"
        } else {
            b",false,"
        });
        buf.extend_from_slice(SOURCES[lead.source as usize].0.as_bytes());
        buf.push(b',');
        push_number(buf, u64::from(lead.score), 1);
        buf.push(b'\n');
    }
    out.lead_rows = total as u64;

    let mut acts: Vec<Act> = Vec::with_capacity(units.iter().map(|u| u.activities.len()).sum());
    for (r, u) in units.iter().enumerate() {
        acts.extend(u.activities.iter().map(|a| Act {
            at: a.at,
            lead_no: lead_no[base[r] + a.lead as usize],
            rep: r as u32,
            kind: a.kind,
            outcome: a.outcome,
        }));
    }
    // A lead's activities are strictly increasing in time, so (at, lead) is unique.
    acts.sort_unstable_by_key(|a| (a.at, a.lead_no));
    let mut m = 0;
    for a in &acts {
        while months[m].end() <= a.at {
            m += 1;
        }
        ids.activities += 1;
        let buf = bucket(&mut out.activities, m);
        push_id(buf, b'A', ids.activities, ids.activity_width);
        buf.push(b',');
        buf.extend_from_slice(reps[a.rep as usize].id.as_bytes());
        buf.push(b',');
        push_id(buf, b'L', a.lead_no, ids.lead_width);
        buf.push(b',');
        stamp.push(buf, a.at);
        buf.push(b',');
        buf.extend_from_slice(a.kind.as_str().as_bytes());
        buf.push(b',');
        buf.extend_from_slice(a.outcome.as_str().as_bytes());
        buf.push(b'\n');
    }
    out.activity_rows = acts.len() as u64;

    let mut props = Vec::new();
    for (r, u) in units.iter().enumerate() {
        props.extend(
            u.proposals
                .iter()
                .map(|p| (p.created, lead_no[base[r] + p.lead as usize], r, *p)),
        );
    }
    props.sort_unstable_by_key(|p| (p.0, p.1));
    for &(created, lead, r, p) in &props {
        let m = month_of(months, created);
        out.sent.push((m, p.cents));
        ids.proposals += 1;
        let buf = bucket(&mut out.proposals, m);
        push_id(buf, b'P', ids.proposals, ids.proposal_width);
        buf.push(b',');
        buf.extend_from_slice(reps[r].id.as_bytes());
        buf.push(b',');
        push_id(buf, b'L', lead, ids.lead_width);
        buf.push(b',');
        stamp.push(buf, created);
        buf.push(b',');
        push_money(buf, p.cents);
        buf.push(b',');
        buf.extend_from_slice(p.status.as_str().as_bytes());
        buf.push(b',');
        if let Some(closed) = p.closed {
            stamp.push(buf, closed);
            if p.status == Status::Won {
                out.won.push((r, month_of(months, closed), p.cents));
            }
        }
        buf.push(b'\n');
    }
    out.proposal_rows = props.len() as u64;
    out
}
