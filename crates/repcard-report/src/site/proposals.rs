//! A rep's proposals: the few the rep page lists (those created or closed in the newest
//! period, and every open one) and `reps/<slug>/proposals.csv`, which holds them all.

use super::Site;
use super::money::count;
use super::views::plural;
use crate::ReportInput;
use crate::exports::csv_bytes;
use crate::format;
use anyhow::Result;
use compact_str::CompactString;
use jiff::civil::Date;
use rayon::prelude::*;
use repcard_core::model::{Moment, Money, ProposalStatus, RepIx};
use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};
use std::fmt::Write;

/// The file beside each rep page that holds all of the rep's proposals.
pub(super) const CSV_NAME: &str = "proposals.csv";

/// The header of `proposals.csv`: the columns of the rep page's table, in its order.
const CSV_COLUMNS: [&str; 6] = [
    "created",
    "proposal_id",
    "lead_id",
    "amount",
    "status",
    "closed",
];

/// A proposal that its rep's page lists, with what its row shows copied out of the dataset
/// (in file order, by [`shown`]), so that each rep page reads its rows from one place
/// instead of from across the dataset and the lead ids.
pub(super) struct Shown {
    why: Listed,
    created: Moment,
    id: CompactString,
    lead: CompactString,
    amount: Money,
    status: ProposalStatus,
    closed: Option<Date>,
}

/// A row of the rep page's proposals table: its cells are written straight into the page's
/// context when it is serialized (no row of owned strings first).
struct ProposalRow<'a> {
    site: &'a Site<'a>,
    shown: &'a Shown,
}

impl Serialize for ProposalRow<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let p = self.shown;
        let mut date = String::with_capacity(10);
        let mut row = s.serialize_struct("ProposalRow", 6)?;
        row.serialize_field("date", date_into(&mut date, p.created.date))?;
        row.serialize_field("id", p.id.as_str())?;
        row.serialize_field("lead", p.lead.as_str())?;
        row.serialize_field("amount", &self.site.money(p.amount))?;
        row.serialize_field("status", p.status.as_str())?;
        let closed = match p.closed {
            Some(c) => date_into(&mut date, c),
            None => "",
        };
        row.serialize_field("closed", closed)?;
        row.end()
    }
}

/// What the rep page shows of the rep's proposals.
#[derive(Serialize)]
pub(super) struct ProposalsView<'a> {
    /// What the table holds, in words, e.g. "The 52 proposals created or closed in
    /// October 2026 and the 130 still open from earlier periods."
    shown: String,
    /// The listed rows, newest first.
    rows: Vec<ProposalRow<'a>>,
    /// How many proposals the rep has in all (the rows of the CSV).
    total: String,
    /// The CSV's file name, relative to the rep page.
    csv: &'static str,
}

/// Why the rep page lists a proposal (the others are only in the CSV).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Listed {
    /// Created or closed in the newest period.
    InNewestPeriod,
    /// Still open, from an earlier period.
    OpenFromEarlier,
}

/// Each rep's listed proposals (by `RepIx`) in the rep page's order, newest first, then by
/// id: those created or closed in the newest period, and the open ones. One pass over the
/// proposals in file order (blocks in parallel) copies out what the rows show; each rep's
/// few are then sorted on their own copies.
pub(super) fn shown(input: &ReportInput) -> Vec<Vec<Shown>> {
    let cal = &input.config.calendar;
    let newest = input
        .metrics
        .periods
        .last()
        .map(|p| (cal.first_day(p.period), cal.last_day(p.period)));
    let within = |d: Date| newest.is_some_and(|(first, last)| first <= d && d <= last);
    let data = &input.ingested.dataset;
    let blocks: Vec<Vec<(RepIx, Shown)>> = data
        .proposals
        .par_chunks(BLOCK)
        .map(|block| {
            block
                .iter()
                .filter_map(|p| {
                    let why = if within(p.created.date) || p.closed.is_some_and(|c| within(c.date))
                    {
                        Listed::InNewestPeriod
                    } else if p.status == ProposalStatus::Open {
                        Listed::OpenFromEarlier
                    } else {
                        return None;
                    };
                    let lead = p
                        .lead
                        .map(|l| CompactString::from(data.leads.id(l)))
                        .unwrap_or_default();
                    Some((
                        p.rep,
                        Shown {
                            why,
                            created: p.created,
                            id: p.id.clone(),
                            lead,
                            amount: p.amount,
                            status: p.status,
                            closed: p.closed.map(|c| c.date),
                        },
                    ))
                })
                .collect()
        })
        .collect();
    let mut per_rep: Vec<Vec<Shown>> = (0..data.reps.len()).map(|_| Vec::new()).collect();
    for (rep, s) in blocks.into_iter().flatten() {
        per_rep[rep as usize].push(s);
    }
    // Ids are unique, so the order is total and an unstable sort is reproducible.
    per_rep.par_iter_mut().for_each(|list| {
        list.sort_unstable_by(|a, b| b.created.cmp(&a.created).then_with(|| a.id.cmp(&b.id)));
    });
    per_rep
}

/// The rep page's view of rep `r`'s proposals: those created or closed in the newest period
/// and the open ones from any period, with a sentence saying so; `None` when the rep has
/// none.
pub(super) fn view<'a>(site: &'a Site<'a>, r: RepIx) -> Option<ProposalsView<'a>> {
    let all = &site.proposals[r as usize];
    if all.is_empty() {
        return None;
    }
    let shown = &site.shown[r as usize];
    let in_period = shown
        .iter()
        .filter(|s| s.why == Listed::InNewestPeriod)
        .count() as u64;
    let open_earlier = shown.len() as u64 - in_period;
    let rows: Vec<ProposalRow> = shown
        .iter()
        .map(|shown| ProposalRow { site, shown })
        .collect();
    let period = site
        .input
        .metrics
        .periods
        .len()
        .checked_sub(1)
        .map(|n| site.period_name(n))
        .unwrap_or_default();
    let first = match in_period {
        0 => format!("No proposal was created or closed in {period}"),
        1 => format!("The one proposal created or closed in {period}"),
        n => format!("The {} proposals created or closed in {period}", count(n)),
    };
    let second = match open_earlier {
        0 => String::new(),
        1 => " and the one still open from an earlier period".to_string(),
        n => format!(" and the {} still open from earlier periods", count(n)),
    };
    let total = all.len() as u64;
    Some(ProposalsView {
        shown: format!("{first}{second}."),
        rows,
        total: format!(
            "{} {}",
            count(total),
            plural(total, "proposal", "proposals")
        ),
        csv: CSV_NAME,
    })
}

/// A cell that a spreadsheet would read as a formula (it starts with `=`, `+`, `-`, `@`, a
/// tab or a carriage return) gets a leading `'`, so that opening the file runs nothing.
fn spreadsheet_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// A date as `YYYY-MM-DD` into `buf` (cleared first), as `Date`'s `Display` writes it;
/// by hand, because a large company's proposals have a million dates.
fn date_into(buf: &mut String, d: Date) -> &str {
    buf.clear();
    let year = d.year();
    if !(0..=9999).contains(&year) {
        // Not from a CSV (years have four digits there); jiff's own form.
        let _ = write!(buf, "{d}");
        return buf;
    }
    let digit = |n: i16| char::from(b'0' + (n % 10) as u8);
    for n in [year / 1000, year / 100, year / 10, year] {
        buf.push(digit(n));
    }
    for n in [i16::from(d.month()), i16::from(d.day())] {
        buf.push('-');
        buf.push(digit(n / 10));
        buf.push(digit(n));
    }
    buf
}

/// Proposals per block of [`CsvRows`] and of [`shown`]'s pass, each read by one thread.
const BLOCK: usize = 1 << 16;

/// Every proposal's line of `proposals.csv`, written in one pass over the proposals in file
/// order (blocks in parallel), so that each rep's file is then its lines copied in the rep
/// page's order. Reading a million ids in file order is several times faster than in each
/// rep's order, which jumps across memory.
pub(super) struct CsvRows {
    /// Per block: the lines, and where each ends.
    blocks: Vec<(Vec<u8>, Vec<usize>)>,
    /// The header line.
    header: Vec<u8>,
}

impl CsvRows {
    /// Writes every proposal's line: date created, ids through [`spreadsheet_safe`], the
    /// amount as a plain decimal with two places in the report currency (as in
    /// `metrics.csv`), status, date closed.
    pub(super) fn new(site: &Site) -> Result<CsvRows> {
        let data = &site.input.ingested.dataset;
        let blocks = data
            .proposals
            .par_chunks(BLOCK)
            .map(|block| {
                let mut w = csv::Writer::from_writer(Vec::new());
                let mut ends = Vec::with_capacity(block.len());
                let (mut created, mut closed) = (String::new(), String::new());
                for p in block {
                    let lead = p.lead.map(|l| data.leads.id(l)).unwrap_or_default();
                    w.write_field(date_into(&mut created, p.created.date))?;
                    w.write_field(spreadsheet_safe(&p.id).as_bytes())?;
                    w.write_field(spreadsheet_safe(&lead).as_bytes())?;
                    w.write_field(format::money(p.amount))?;
                    w.write_field(p.status.as_str())?;
                    match p.closed {
                        Some(c) => w.write_field(date_into(&mut closed, c.date))?,
                        None => w.write_field("")?,
                    }
                    w.write_record(None::<&[u8]>)?;
                    w.flush()?;
                    ends.push(w.get_ref().len());
                }
                let bytes = w
                    .into_inner()
                    .map_err(|e| anyhow::anyhow!("{}", e.error()))?;
                Ok((bytes, ends))
            })
            .collect::<Result<Vec<_>>>()?;
        let header = csv_bytes(|w| w.write_record(CSV_COLUMNS))?;
        Ok(CsvRows { blocks, header })
    }

    /// The line of proposal `i`, with its `\n`.
    fn line(&self, i: usize) -> &[u8] {
        let (bytes, ends) = &self.blocks[i / BLOCK];
        let k = i % BLOCK;
        let start = if k == 0 { 0 } else { ends[k - 1] };
        &bytes[start..ends[k]]
    }

    /// `reps/<slug>/proposals.csv`: the header and every proposal of rep `r`, in the rep
    /// page's order (newest first, then by id).
    pub(super) fn csv(&self, site: &Site, r: RepIx) -> Vec<u8> {
        let all = &site.proposals[r as usize];
        let mut out = Vec::with_capacity(self.header.len() + all.len() * 56);
        out.extend_from_slice(&self.header);
        for &i in all {
            out.extend_from_slice(self.line(i));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::{date_into, spreadsheet_safe};

    #[test]
    fn dates_are_written_as_jiff_writes_them() {
        let mut buf = String::new();
        for d in [
            jiff::civil::date(2026, 10, 7),
            jiff::civil::date(1999, 1, 31),
            jiff::civil::date(10, 12, 1),
            jiff::civil::date(-5, 3, 4),
        ] {
            assert_eq!(date_into(&mut buf, d), d.to_string());
        }
    }

    #[test]
    fn cells_a_spreadsheet_would_run_get_a_leading_apostrophe() {
        for cell in ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(spreadsheet_safe(cell), format!("'{cell}"));
        }
        for cell in ["P-001", "", "a=b", "'quoted", "12.00"] {
            assert_eq!(spreadsheet_safe(cell), cell);
        }
    }
}
