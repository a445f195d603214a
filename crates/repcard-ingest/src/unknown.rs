//! Why a reference names no accepted row: when a `rep_id` or `lead_id` is unknown, its
//! reject points to that rep's or lead's own rejected row (the one to fix first), or says
//! the value is a rep's *name*. Looked up only when a reference fails, so the rows that pass
//! pay nothing.

use super::discover::{CsvFile, Table};
use super::tables::Origin;
use repcard_core::model::Rep;
use repcard_core::schema::Reason;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

/// Rejected reps and leads by id, and the reps' names, for the details of unknown references.
#[derive(Default)]
pub(crate) struct Unknown {
    rejected_reps: HashMap<String, (Origin, Reason)>,
    rejected_leads: HashMap<String, (Origin, Reason)>,
    /// A rep's name → its rep_id (the first rep with that name).
    rep_names: HashMap<String, String>,
    /// The header the reps table's names are read from, for the hint.
    name_header: String,
    /// Unknown rep references whose value is a rep's name.
    by_name: AtomicU64,
}

impl Unknown {
    /// Remembers a rejected rep or lead row with a non-empty id (the first one wins).
    pub(crate) fn rejected(&mut self, table: Table, id: &str, at: Origin, reason: Reason) {
        let map = match table {
            Table::Reps => &mut self.rejected_reps,
            Table::Leads => &mut self.rejected_leads,
            Table::Activities | Table::Proposals => return,
        };
        if !id.is_empty() && !map.contains_key(id) {
            map.insert(id.to_string(), (at, reason));
        }
    }

    /// Adds the rejected leads of `other` (read after this one's: its first rows win only
    /// for ids not rejected here yet).
    pub(crate) fn take_rejected_leads(&mut self, other: Unknown) {
        for (id, at) in other.rejected_leads {
            self.rejected_leads.entry(id).or_insert(at);
        }
    }

    /// Learns the accepted reps' names, read from `name_header`.
    pub(crate) fn know_rep_names(&mut self, reps: &[Rep], name_header: &str) {
        for rep in reps {
            self.rep_names
                .entry(rep.name.clone())
                .or_insert_with(|| rep.id.clone());
        }
        self.name_header = name_header.to_string();
    }

    /// How many unknown rep references so far were a rep's name.
    pub(crate) fn reps_named_by_name(&self) -> u64 {
        self.by_name.load(Ordering::Relaxed)
    }

    /// The detail of an `unknown_rep` reject for `value`.
    pub(crate) fn rep_detail(&self, value: &str, files: &[CsvFile]) -> String {
        let mut detail =
            format!("{value:?} is not the rep_id of any accepted row of the reps table");
        if let Some(&(at, reason)) = self.rejected_reps.get(value) {
            detail.push_str(&rejected_row("rep", value, files, at, reason));
        } else if let Some(id) = self.rep_names.get(value) {
            self.by_name.fetch_add(1, Ordering::Relaxed);
            detail.push_str(&format!(
                ": it is the name of rep {id:?}; map rep_id to the name column ([reps.columns] rep_id = {:?})",
                self.name_header
            ));
        }
        detail
    }

    /// The detail of an `unknown_lead` reject for `value`.
    pub(crate) fn lead_detail(&self, value: &str, files: &[CsvFile]) -> String {
        let mut detail =
            format!("{value:?} is not the lead_id of any accepted row of the leads table");
        if let Some(&(at, reason)) = self.rejected_leads.get(value) {
            detail.push_str(&rejected_row("lead", value, files, at, reason));
        }
        detail
    }
}

fn rejected_row(what: &str, value: &str, files: &[CsvFile], at: Origin, reason: Reason) -> String {
    let file = files.get(at.0 as usize).map_or("?", |f| f.name.as_str());
    format!(
        ": {what} {value:?} was rejected at {file}:{} ({}); fix that row first",
        at.1,
        reason.code()
    )
}
