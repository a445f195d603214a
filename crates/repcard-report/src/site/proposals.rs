//! A rep's proposals: the few the rep page lists (those created or closed in the newest
//! period, and every open one) and `reps/<slug>/proposals.csv`, which holds them all.

use super::Site;
use super::money::count;
use super::views::plural;
use crate::exports::csv_bytes;
use crate::format;
use anyhow::Result;
use repcard_core::model::{Proposal, ProposalStatus, RepIx};
use serde::Serialize;

/// The file beside each rep page that holds all of the rep's proposals.
pub(super) const CSV_NAME: &str = "proposals.csv";

/// The header of `proposals.csv`: the columns of the rep page's table, in its order.
const CSV_COLUMNS: [&str; 7] = [
    "created",
    "proposal_id",
    "lead_id",
    "amount",
    "currency",
    "status",
    "closed",
];

/// A row of the rep page's proposals table.
#[derive(Debug, Serialize)]
struct ProposalRow {
    date: String,
    id: String,
    lead: String,
    amount: String,
    status: &'static str,
    closed: String,
}

/// What the rep page shows of the rep's proposals.
#[derive(Debug, Serialize)]
pub(super) struct ProposalsView {
    /// What the table holds, in words, e.g. "The 52 proposals created or closed in
    /// October 2026 and the 130 still open from earlier periods."
    shown: String,
    /// The listed rows, newest first.
    rows: Vec<ProposalRow>,
    /// How many proposals the rep has in all (the rows of the CSV).
    total: String,
    /// The CSV's file name, relative to the rep page.
    csv: &'static str,
}

impl Site<'_> {
    /// The newest period, whose proposals a rep page lists.
    fn newest_period(&self) -> Option<usize> {
        self.input.metrics.periods.len().checked_sub(1)
    }

    /// Whether a proposal was created or closed in period `i`.
    fn in_period(&self, p: &Proposal, i: usize) -> bool {
        let cal = &self.input.config.calendar;
        let period = self.input.metrics.periods[i].period;
        cal.period_of(p.created.date) == period
            || p.closed.is_some_and(|c| cal.period_of(c.date) == period)
    }
}

/// The rep page's view of rep `r`'s proposals: those created or closed in the newest period
/// and the open ones from any period, with a sentence saying so; `None` when the rep has
/// none.
pub(super) fn view(site: &Site, r: RepIx) -> Option<ProposalsView> {
    let data = &site.input.ingested.dataset;
    let all = &site.proposals[r as usize];
    if all.is_empty() {
        return None;
    }
    let newest = site.newest_period();
    let (mut in_period, mut open_earlier) = (0u64, 0u64);
    let rows: Vec<ProposalRow> = all
        .iter()
        .map(|&i| &data.proposals[i])
        .filter(|p| {
            if newest.is_some_and(|n| site.in_period(p, n)) {
                in_period += 1;
                true
            } else if p.status == ProposalStatus::Open {
                open_earlier += 1;
                true
            } else {
                false
            }
        })
        .map(|p| ProposalRow {
            date: p.created.date.to_string(),
            id: p.id.clone(),
            lead: p
                .lead
                .map(|l| data.leads.id(l).to_string())
                .unwrap_or_default(),
            amount: site.money(p.amount),
            status: p.status.as_str(),
            closed: p.closed.map(|c| c.date.to_string()).unwrap_or_default(),
        })
        .collect();
    let period = newest.map(|n| site.period_name(n)).unwrap_or_default();
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

/// `reps/<slug>/proposals.csv`: every proposal of rep `r`, in the rep page's order (newest
/// first, then by id), amounts as plain decimals with two places in the report currency.
/// Ids from the data go through [`spreadsheet_safe`].
pub(super) fn csv(site: &Site, r: RepIx) -> Result<Vec<u8>> {
    let data = &site.input.ingested.dataset;
    let currency = site.input.config.currency.as_str();
    csv_bytes(|w| {
        w.write_record(CSV_COLUMNS)?;
        for &i in &site.proposals[r as usize] {
            let p = &data.proposals[i];
            let lead = p.lead.map(|l| data.leads.id(l)).unwrap_or_default();
            w.write_record([
                p.created.date.to_string().as_str(),
                &spreadsheet_safe(&p.id),
                &spreadsheet_safe(lead),
                &format::money(p.amount),
                currency,
                p.status.as_str(),
                &p.closed.map(|c| c.date.to_string()).unwrap_or_default(),
            ])?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::spreadsheet_safe;

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
