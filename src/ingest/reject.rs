//! Rejected rows: why a row was left out, and where it was.

use std::fmt;

/// Why a row was rejected; the codes of contract §6.6, in the order they are checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reason {
    /// A required cell is empty.
    MissingValue,
    /// A timestamp or date does not parse or names an impossible date or time.
    BadTimestamp,
    /// An amount or quota does not parse.
    BadNumber,
    /// `qualified` is not true/false, yes/no, 1/0.
    BadBoolean,
    /// `type` is not call, meeting or email.
    UnknownType,
    /// `status` is not open, won or lost.
    UnknownStatus,
    /// An amount or quota below zero.
    NegativeAmount,
    /// A won or lost proposal without `closed_at`.
    MissingClosedAt,
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
            Reason::UnknownRep => "unknown_rep",
            Reason::UnknownLead => "unknown_lead",
            Reason::DuplicateId => "duplicate_id",
        }
    }

    /// Every reason, in check order.
    pub const ALL: [Reason; 11] = [
        Reason::MissingValue,
        Reason::BadTimestamp,
        Reason::BadNumber,
        Reason::BadBoolean,
        Reason::UnknownType,
        Reason::UnknownStatus,
        Reason::NegativeAmount,
        Reason::MissingClosedAt,
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

/// One rejected row: where it is, which column, why, and the value seen against what was expected.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Reject {
    /// File path relative to the data folder, with `/`.
    pub file: String,
    /// Physical line where the record starts (the header is line 1).
    pub line: u64,
    /// The contract's name of the offending column.
    pub column: String,
    /// The reason code.
    pub reason: Reason,
    /// The value seen and what was expected, in words.
    pub detail: String,
}

impl fmt::Display for Reject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: column {}: {}: {}",
            self.file, self.line, self.column, self.reason, self.detail
        )
    }
}
