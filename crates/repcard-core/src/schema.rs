//! The data contract's schema (docs/contract.md): the four tables, their columns, the
//! values already in the contract's words, and the reasons a row is rejected.

use std::fmt;

/// The four input tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Table {
    /// `reps`
    Reps,
    /// `leads`
    Leads,
    /// `activities` (and the `calls`/`meetings` aliases)
    Activities,
    /// `proposals`
    Proposals,
}

impl Table {
    /// The table's name as used in file names and `files.csv`.
    pub fn name(self) -> &'static str {
        match self {
            Table::Reps => "reps",
            Table::Leads => "leads",
            Table::Activities => "activities",
            Table::Proposals => "proposals",
        }
    }
}

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The contract's columns of each table: required ones first, in the contract's order.
pub fn contract_columns(table: Table) -> &'static [&'static str] {
    match table {
        Table::Reps => &[
            "rep_id",
            "name",
            "team",
            "monthly_quota",
            "start_date",
            "end_date",
        ],
        Table::Leads => &[
            "lead_id",
            "rep_id",
            "created_at",
            "qualified",
            "source",
            "score",
        ],
        Table::Activities => &[
            "rep_id",
            "lead_id",
            "at",
            "type",
            "activity_id",
            "outcome",
            "done",
        ],
        Table::Proposals => &[
            "proposal_id",
            "rep_id",
            "created_at",
            "amount",
            "lead_id",
            "status",
            "closed_at",
            "currency",
        ],
    }
}

/// Values already in the contract's words, which a `*` mapping leaves alone.
pub fn canonical_values(column: &str) -> &'static [&'static str] {
    match column {
        "type" => &["call", "meeting", "email"],
        "status" => &["open", "won", "lost"],
        "qualified" | "done" => &["true", "false", "yes", "no", "1", "0"],
        _ => &[],
    }
}

/// Why a row was rejected; the codes of docs/contract.md §6.6, in the order they are checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reason {
    /// A required cell is empty.
    MissingValue,
    /// A timestamp or date does not parse or names an impossible date or time.
    BadTimestamp,
    /// An amount or quota does not parse.
    BadNumber,
    /// `qualified` or `done` is not true/false, yes/no, 1/0.
    BadBoolean,
    /// `type` is not call, meeting or email.
    UnknownType,
    /// `status` is not open, won or lost.
    UnknownStatus,
    /// An amount or quota below zero.
    NegativeAmount,
    /// A won or lost proposal without `closed_at`.
    MissingClosedAt,
    /// A proposal's `currency` differs from the report's and `[rates]` has no rate for it.
    UnknownCurrency,
    /// An activity whose `done` is false: planned, cancelled or a no-show (v1.1).
    NotDone,
    /// `rep_id` names no accepted rep.
    UnknownRep,
    /// `lead_id` names no accepted lead.
    UnknownLead,
    /// The row's id was already claimed by an earlier accepted row.
    DuplicateId,
}

impl Reason {
    /// The code written to `rejects.csv`.
    pub fn code(self) -> &'static str {
        match self {
            Reason::MissingValue => "missing_value",
            Reason::BadTimestamp => "bad_timestamp",
            Reason::BadNumber => "bad_number",
            Reason::BadBoolean => "bad_boolean",
            Reason::UnknownType => "unknown_type",
            Reason::UnknownStatus => "unknown_status",
            Reason::NegativeAmount => "negative_amount",
            Reason::MissingClosedAt => "missing_closed_at",
            Reason::UnknownCurrency => "unknown_currency",
            Reason::NotDone => "not_done",
            Reason::UnknownRep => "unknown_rep",
            Reason::UnknownLead => "unknown_lead",
            Reason::DuplicateId => "duplicate_id",
        }
    }

    /// Every reason, in check order.
    pub const ALL: [Reason; 13] = [
        Reason::MissingValue,
        Reason::BadTimestamp,
        Reason::BadNumber,
        Reason::BadBoolean,
        Reason::UnknownType,
        Reason::UnknownStatus,
        Reason::NegativeAmount,
        Reason::MissingClosedAt,
        Reason::UnknownCurrency,
        Reason::NotDone,
        Reason::UnknownRep,
        Reason::UnknownLead,
        Reason::DuplicateId,
    ];
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}
