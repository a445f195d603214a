//! Which of a file's headers feeds each contract column, and — when a required one is
//! missing — a message that names the headers looked for, the closest one the file has (only
//! when it really resembles one of them), and how to map it in `repcard.toml`.

use super::discover::{CsvFile, Table};
use super::format::FileFormat;
use super::reader::CsvReader;
use anyhow::Result;
use repcard_core::Diagnostic;
use repcard_core::config::Config;
use repcard_core::schema::contract_columns;

/// For each contract column, the indices of the file's headers that may feed it, best first.
pub(crate) struct Columns(Vec<Vec<usize>>);

impl Columns {
    /// The header indices feeding contract column number `i`.
    pub(crate) fn of(&self, i: usize) -> &[usize] {
        &self.0[i]
    }

    /// Resolves the contract's columns against the header; fails naming the file, the first
    /// missing required column, the headers looked for, the file's headers, the closest one
    /// and how to map it.
    pub(crate) fn resolve(
        reader: &CsvReader,
        file: &CsvFile,
        table: Table,
        format: &FileFormat,
        config: &Config,
    ) -> Result<Columns> {
        let names = contract_columns(table);
        let columns: Vec<Vec<usize>> = format
            .headers
            .iter()
            .map(|candidates| candidates.iter().filter_map(|h| reader.column(h)).collect())
            .collect();
        for (i, name) in names.iter().enumerate() {
            let required = required_columns(table, file.implied_type.is_some()).contains(name);
            if required && columns[i].is_empty() {
                let wanted = &format.headers[i];
                let closest = closest_header(wanted, &reader.headers);
                let listed = wanted
                    .iter()
                    .map(|w| format!("{w:?}"))
                    .collect::<Vec<_>>()
                    .join(" or ");
                let mut what = format!(
                    "missing required column `{name}` for the {} table: expected a header {listed}; the file has: {}",
                    table.name(),
                    reader.headers.join(", "),
                );
                if let Some(h) = closest {
                    what.push_str(&format!("; closest: {h:?}"));
                }
                let help = format!(
                    "map it in repcard.toml: [{}.columns] {name} = {:?}",
                    table.name(),
                    closest.unwrap_or("Your header")
                );
                let preset_set = config
                    .formats
                    .get(&table)
                    .is_some_and(|f| f.preset.is_some());
                let help = match super::hints::preset_for(table, &reader.headers) {
                    Some(preset) if !preset_set => {
                        let (crm, key) = super::hints::names(preset);
                        format!(
                            "the headers look like a {crm} export: did you mean `preset = \"{key}\"` in [{}] of repcard.toml? Otherwise {help}",
                            table.name()
                        )
                    }
                    _ => help,
                };
                return Err(Diagnostic::new(what)
                    .at(format!("{}:1 (the header line)", file.name))
                    .help(help)
                    .into());
            }
        }
        Ok(Columns(columns))
    }
}

/// The contract's required columns of a table (`type` is implied in alias files).
pub(crate) fn required_columns(table: Table, implied_type: bool) -> &'static [&'static str] {
    match table {
        Table::Reps => &["rep_id", "name"],
        Table::Leads => &["lead_id", "rep_id", "created_at"],
        Table::Activities if implied_type => &["rep_id", "lead_id", "at"],
        Table::Activities => &["rep_id", "lead_id", "at", "type"],
        Table::Proposals => &["proposal_id", "rep_id", "created_at", "amount"],
    }
}

/// The words of a header that tell it apart: lower-cased, after a Pipedrive-style
/// `Entity - ` prefix, letters and digits only (`Activity - Done` → `done`,
/// `lead_id` → `leadid`).
fn key(header: &str) -> String {
    let lower = header.to_lowercase();
    let tail = lower.rsplit(" - ").next().unwrap_or(&lower);
    tail.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The file's header that most resembles one of the `wanted` headers (the column's name, its
/// mapping and its preset aliases), compared on their telling words; `None` when none
/// resembles any closely, so that an unrelated column is never proposed.
fn closest_header<'h>(wanted: &[String], headers: &'h [String]) -> Option<&'h str> {
    const RESEMBLES: f64 = 0.85;
    let wanted: Vec<String> = wanted.iter().map(|w| key(w)).collect();
    headers
        .iter()
        .filter_map(|h| {
            let k = key(h);
            if k.is_empty() {
                return None;
            }
            let score = wanted
                .iter()
                .map(|w| strsim::jaro_winkler(w, &k))
                .fold(0.0, f64::max);
            (score >= RESEMBLES).then_some((score, h.as_str()))
        })
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, h)| h)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owned(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_header_with_a_typo_is_the_closest() {
        let wanted = owned(&["create date", "created date", "created_at"]);
        let headers = owned(&["record id", "contact owner", "create dat"]);
        assert_eq!(closest_header(&wanted, &headers), Some("create dat"));
        let wanted = owned(&["lead_id"]);
        assert_eq!(
            closest_header(&wanted, &owned(&["Lead ID ", "owner"])),
            Some("Lead ID ")
        );
    }

    #[test]
    fn an_unrelated_column_is_never_proposed() {
        // Pipedrive's lead_id aliases against an activities export without a lead column.
        let wanted = owned(&[
            "activity - lead",
            "lead",
            "activity - contact person",
            "contact person",
            "activity - deal",
            "deal",
            "lead_id",
        ]);
        let headers = owned(&[
            "activity - subject",
            "activity - done",
            "activity - type",
            "activity - due date",
            "activity - assigned to user",
        ]);
        assert_eq!(closest_header(&wanted, &headers), None);
        assert_eq!(
            closest_header(&owned(&["lead_id"]), &owned(&["activity - done"])),
            None
        );
    }
}
