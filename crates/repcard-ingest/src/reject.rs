//! Rejected rows: why a row was left out, and where it was.

use repcard_core::schema::Reason;
use std::fmt;

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
