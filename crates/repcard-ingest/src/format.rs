//! How one file is written: encoding, delimiter, which header feeds which contract column,
//! value mappings, date and number formats. The canonical format needs none of it; CRM
//! exports get it from a preset and from `repcard.toml`.

use super::amount::{Amount, MoneyFormat, read_amount};
use super::dates::DateOrder;
use super::discover::Table;
use super::parse::{WrittenTime, parse_money, parse_timestamp};
use super::presets::{self, PresetSpec};
use encoding_rs::Encoding;
use repcard_core::config::TableFormat;
use repcard_core::schema::{canonical_values, contract_columns};

/// One value mapping: lower-cased export value (or prefix ending in `*`, or `*`) → contract value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValueMap {
    exact: Vec<(String, String)>,
    prefixes: Vec<(String, String)>,
    other: Option<String>,
    canonical: &'static [&'static str],
}

impl ValueMap {
    fn add(&mut self, from: &str, to: &str) {
        let from = from.trim().to_lowercase();
        if from == "*" {
            self.other.get_or_insert_with(|| to.to_string());
        } else if let Some(prefix) = from.strip_suffix('*') {
            self.prefixes.push((prefix.to_string(), to.to_string()));
        } else {
            self.exact.push((from, to.to_string()));
        }
    }

    /// Maps a non-empty cell; an empty one stays empty.
    pub fn map<'a>(&'a self, cell: &'a str) -> &'a str {
        if cell.is_empty() {
            return cell;
        }
        let lower = cell.to_lowercase();
        if let Some((_, to)) = self.exact.iter().find(|(k, _)| *k == lower) {
            return to;
        }
        if self.canonical.iter().any(|c| cell.eq_ignore_ascii_case(c)) {
            return cell;
        }
        if let Some((_, to)) = self
            .prefixes
            .iter()
            .find(|(k, _)| lower.starts_with(k.as_str()))
        {
            return to;
        }
        self.other.as_deref().unwrap_or(cell)
    }
}

/// Everything needed to read one table's files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileFormat {
    /// Encoding of files without a byte-order mark (`None` = UTF-8).
    pub encoding: Option<&'static Encoding>,
    /// Field delimiter (`None` = detect from the header line).
    pub delimiter: Option<u8>,
    /// For each contract column (in [`contract_columns`] order): the headers to look for,
    /// lower-cased, in order of preference; the contract's name is always last.
    pub headers: Vec<Vec<String>>,
    /// For each contract column: its value mapping, if any.
    pub values: Vec<Option<ValueMap>>,
    /// Extra strftime formats for timestamps (the table's `date_format`).
    pub date_formats: Vec<String>,
    /// The export writes slash dates (`10/05/2026`) whose day/month order each file must
    /// prove (a preset, without `date_format`): see [`DateOrder`].
    pub slash_dates: bool,
    /// Non-canonical amounts, if configured.
    pub money: Option<MoneyFormat>,
    /// Drop CRM report footer lines.
    pub drop_footer: bool,
    /// The spreadsheet sheet to read, when not the first.
    pub sheet: Option<String>,
    /// Drop rows identical to a row of an earlier file (tables without ids).
    pub dedupe_identical: bool,
}

impl FileFormat {
    /// The canonical format of the contract.
    pub fn canonical(table: Table) -> FileFormat {
        FileFormat::resolve(table, None)
    }

    /// The format for a table from its `repcard.toml` section (already validated), the
    /// section's preset under it, and the contract's names under both.
    pub fn resolve(table: Table, config: Option<&TableFormat>) -> FileFormat {
        let columns = contract_columns(table);
        let spec: PresetSpec = config
            .and_then(|c| c.preset)
            .map(|p| presets::spec(p, table))
            .unwrap_or_default();
        let headers = columns
            .iter()
            .map(|col| {
                let mut list: Vec<String> = Vec::new();
                if let Some(user) = config.and_then(|c| c.columns.get(*col)) {
                    list.extend(user.to_vec());
                }
                if let Some((_, aliases)) = spec.columns.iter().find(|(c, _)| c == col) {
                    list.extend(aliases.iter().map(|s| s.to_string()));
                }
                list.push(col.to_string());
                let mut seen = Vec::new();
                for h in list {
                    let h = h.trim().to_lowercase();
                    if !seen.contains(&h) {
                        seen.push(h);
                    }
                }
                seen
            })
            .collect();
        let values = columns
            .iter()
            .map(|col| {
                let mut map = ValueMap {
                    canonical: canonical_values(col),
                    ..ValueMap::default()
                };
                let mut any = false;
                if let Some(user) = config.and_then(|c| c.values.get(*col)) {
                    for (from, to) in user {
                        map.add(from, to);
                        any = true;
                    }
                }
                if let Some((_, pairs)) = spec.values.iter().find(|(c, _)| c == col) {
                    for (from, to) in *pairs {
                        map.add(from, to);
                        any = true;
                    }
                }
                any.then_some(map)
            })
            .collect();
        // With `date_format` set, it decides; without it a preset's slash dates are read in
        // the order each file proves.
        let date_formats: Vec<String> = config.map(|c| c.date_format.0.clone()).unwrap_or_default();
        let slash_dates = date_formats.is_empty() && spec.slash_dates;
        let decimal = config.and_then(|c| c.decimal_separator).map(|d| d.0);
        let thousands = config.and_then(|c| c.thousands_separator).map(|t| t.0);
        let money = if decimal.is_some() || thousands.is_some() || spec.loose_money {
            let decimal = decimal.unwrap_or('.');
            let thousands = thousands.or((decimal == '.').then_some(','));
            Some(MoneyFormat { decimal, thousands })
        } else {
            None
        };
        FileFormat {
            encoding: config.and_then(|c| c.encoding).map(|e| e.0),
            delimiter: config.and_then(|c| c.delimiter).map(|d| d.0),
            headers,
            values,
            date_formats,
            slash_dates,
            money,
            drop_footer: spec.drop_footer,
            sheet: config.and_then(|c| c.sheet.clone()),
            dedupe_identical: config.is_some_and(|c| c.dedupe_identical),
        }
    }

    /// Parses a timestamp in the canonical form, then in each configured format, then (for
    /// a preset's slash dates) in the order the file proved.
    pub fn timestamp(&self, s: &str, order: Option<DateOrder>) -> Option<WrittenTime> {
        let ordered = order.map_or(&[][..], DateOrder::formats);
        parse_timestamp(s).or_else(|| {
            let configured = self.date_formats.iter().map(String::as_str);
            configured.chain(ordered.iter().copied()).find_map(|fmt| {
                let tm = jiff::fmt::strtime::parse(fmt, s).ok()?;
                let datetime = tm.to_datetime().ok().or_else(|| {
                    tm.to_date()
                        .ok()
                        .map(|d| d.to_datetime(jiff::civil::Time::midnight()))
                })?;
                Some(WrittenTime {
                    datetime,
                    offset_seconds: tm.offset().map(|o| o.seconds()),
                })
            })
        })
    }

    /// Parses an amount: with the table's separators and currency marks when it has a money
    /// format (they then decide every amount), otherwise canonical digits only.
    pub fn money(&self, s: &str) -> Option<Amount> {
        match self.money {
            Some(f) => read_amount(s, f),
            None => parse_money(s).map(|value| Amount {
                value,
                currency: None,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn canonical_format_keeps_amounts_strict() {
        let f = FileFormat::canonical(Table::Proposals);
        assert_eq!(f.money("1,000"), None);
        assert_eq!(f.money("USD 5"), None);
        assert_eq!(
            f.money("1000.5").map(|a| a.value),
            Some(repcard_core::model::Money::from_str("1000.5").unwrap())
        );
    }

    #[test]
    fn configured_date_formats_parse_after_canonical() {
        let mut f = FileFormat::canonical(Table::Leads);
        f.date_formats = vec!["%m/%d/%Y %I:%M %p".into(), "%d.%m.%Y".into()];
        let t = f.timestamp("10/05/2026 02:30 PM", None).unwrap();
        assert_eq!(t.datetime.to_string(), "2026-10-05T14:30:00");
        assert_eq!(
            f.timestamp("05.10.2026", None)
                .unwrap()
                .datetime
                .to_string(),
            "2026-10-05T00:00:00"
        );
        assert!(f.timestamp("2026-10-05", None).is_some());
        assert!(f.timestamp("31.02.2026", None).is_none());
    }

    #[test]
    fn value_maps_match_case_insensitively_with_prefix_and_fallback() {
        let mut m = ValueMap {
            canonical: canonical_values("status"),
            ..ValueMap::default()
        };
        m.add("Closed Won", "won");
        m.add("Call*", "call");
        m.add("*", "open");
        assert_eq!(m.map("closed won"), "won");
        assert_eq!(m.map("Call 3"), "call");
        assert_eq!(m.map("Negotiation"), "open");
        assert_eq!(m.map("LOST"), "LOST");
        assert_eq!(m.map(""), "");
    }
}
