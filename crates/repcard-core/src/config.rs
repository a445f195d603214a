//! `repcard.toml`: the optional settings at the root of the data folder.

use crate::Diagnostic;
use crate::period::{Calendar, PeriodUnit};
use crate::rates::Rates;
use crate::schema::{Table, contract_columns};
pub use crate::score_bands::ScoreBands;
use anyhow::{Context, Result};
use jiff::tz::TimeZone;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// The file name looked up at the root of the data folder.
pub const CONFIG_FILE: &str = "repcard.toml";

/// The settings as written in `repcard.toml`; every key has a default.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct RawConfig {
    title: String,
    #[serde(deserialize_with = "checked::currency")]
    currency: String,
    rates: Rates,
    period: PeriodUnit,
    #[serde(deserialize_with = "checked::month")]
    fiscal_year_start: i64,
    #[serde(deserialize_with = "checked::zone")]
    timezone: String,
    #[serde(deserialize_with = "checked::window_days")]
    new_lead_window_days: i64,
    #[serde(deserialize_with = "checked::follow_up_target")]
    follow_up_target: i64,
    base_url: Option<String>,
    #[serde(deserialize_with = "checked::max_years")]
    max_years: i64,
    score_bands: ScoreBands,
    #[serde(deserialize_with = "checked::reps")]
    reps: Option<TableFormat>,
    #[serde(deserialize_with = "checked::leads")]
    leads: Option<TableFormat>,
    #[serde(deserialize_with = "checked::activities")]
    activities: Option<TableFormat>,
    #[serde(deserialize_with = "checked::proposals")]
    proposals: Option<TableFormat>,
}

/// Every setting is checked where serde reads it, so a bad value fails with its key, line
/// and column (toml's span) instead of after parsing.
mod checked {
    use super::{Table, TableFormat, contract_columns};
    use serde::de::{self, Deserialize, Deserializer, Unexpected};

    fn in_range<'de, D: Deserializer<'de>>(
        d: D,
        range: std::ops::RangeInclusive<i64>,
        expected: &'static str,
    ) -> Result<i64, D::Error> {
        struct Expected(&'static str);
        impl de::Expected for Expected {
            fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(self.0)
            }
        }
        let v = match toml::Value::deserialize(d)? {
            toml::Value::Integer(v) => v,
            toml::Value::String(s) => {
                return Err(de::Error::invalid_type(
                    Unexpected::Str(&s),
                    &Expected(expected),
                ));
            }
            toml::Value::Float(f) => {
                return Err(de::Error::invalid_type(
                    Unexpected::Float(f),
                    &Expected(expected),
                ));
            }
            toml::Value::Boolean(b) => {
                return Err(de::Error::invalid_type(
                    Unexpected::Bool(b),
                    &Expected(expected),
                ));
            }
            _ => {
                return Err(de::Error::invalid_type(
                    Unexpected::Other("a table, array or date"),
                    &Expected(expected),
                ));
            }
        };
        if range.contains(&v) {
            Ok(v)
        } else {
            Err(de::Error::invalid_value(
                Unexpected::Signed(v),
                &Expected(expected),
            ))
        }
    }

    pub(super) fn month<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
        in_range(
            d,
            1..=12,
            "a month number from 1 (January) to 12 (December)",
        )
    }

    pub(super) fn window_days<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
        in_range(d, 0..=36_500, "a number of days from 0 to 36500")
    }

    pub(super) fn follow_up_target<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
        in_range(d, 1..=100, "a number of touches from 1 to 100")
    }

    pub(super) fn max_years<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
        in_range(d, 1..=200, "a number of calendar years from 1 to 200")
    }

    pub(super) fn zone<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        let name = String::deserialize(d)?;
        match jiff::tz::TimeZone::get(&name) {
            Ok(_) => Ok(name),
            Err(_) => Err(de::Error::custom(format!(
                "{name:?} is not an IANA time zone name; expected e.g. \"UTC\" or \"Europe/Berlin\""
            ))),
        }
    }

    pub(super) fn currency<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        let code = String::deserialize(d)?;
        let upper = code.trim().to_ascii_uppercase();
        if upper.len() == 3 && upper.bytes().all(|b| b.is_ascii_alphabetic()) {
            Ok(upper)
        } else {
            Err(de::Error::custom(format!(
                "{code:?} is not an ISO 4217 currency code; expected e.g. \"USD\" or \"EUR\""
            )))
        }
    }

    fn section<'de, D: Deserializer<'de>>(
        d: D,
        table: Table,
    ) -> Result<Option<TableFormat>, D::Error> {
        let f = TableFormat::deserialize(d)?;
        let columns = contract_columns(table);
        for key in f.columns.keys().chain(f.values.keys()) {
            if !columns.contains(&key.as_str()) {
                return Err(de::Error::custom(format!(
                    "{key:?} is not a column of the {table} table; expected one of {}",
                    columns.join(", ")
                )));
            }
        }
        Ok(Some(f))
    }

    pub(super) fn reps<'de, D: Deserializer<'de>>(d: D) -> Result<Option<TableFormat>, D::Error> {
        section(d, Table::Reps)
    }

    pub(super) fn leads<'de, D: Deserializer<'de>>(d: D) -> Result<Option<TableFormat>, D::Error> {
        section(d, Table::Leads)
    }

    pub(super) fn activities<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<TableFormat>, D::Error> {
        section(d, Table::Activities)
    }

    pub(super) fn proposals<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<TableFormat>, D::Error> {
        section(d, Table::Proposals)
    }
}

/// A CRM whose export headers and values repcard knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Preset {
    /// HubSpot exports (property labels as headers).
    Hubspot,
    /// Salesforce report exports (with their footer lines).
    Salesforce,
    /// Pipedrive exports ("Entity - Field" headers).
    Pipedrive,
}

/// One setting that may be written as a single string or a list of strings.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    /// `key = "value"`
    One(String),
    /// `key = ["a", "b"]`
    Many(Vec<String>),
}

impl OneOrMany {
    /// The values in order.
    pub fn to_vec(&self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s.clone()],
            OneOrMany::Many(v) => v.clone(),
        }
    }
}

/// How one table's files are written, for exports that are not in the canonical format:
/// a `[reps]`, `[leads]`, `[activities]` or `[proposals]` section of `repcard.toml`. Every
/// value is checked where it is read, so a bad one fails naming its key and line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableFormat {
    /// Headers and values of a known CRM's export.
    pub preset: Option<Preset>,
    /// Text encoding when the file has no byte-order mark (default UTF-8).
    pub encoding: Option<TextEncoding>,
    /// The field delimiter; detected from the header line when absent.
    pub delimiter: Option<Delimiter>,
    /// strftime formats tried after the canonical one, e.g. `%m/%d/%Y %I:%M %p`.
    #[serde(default)]
    pub date_format: DateFormats,
    /// Decimal separator of amounts: `.` (default) or `,`.
    pub decimal_separator: Option<DecimalSeparator>,
    /// Thousands separator of amounts, e.g. `,`, `.`, ` ` or `'`.
    pub thousands_separator: Option<ThousandsSeparator>,
    /// The sheet of a spreadsheet (`.xlsx`, `.xls`, `.ods`) to read; the first when absent.
    pub sheet: Option<String>,
    /// Drop rows that repeat, cell for cell, a row of an earlier file of the table when the
    /// table has no id to tell them apart (activities without `activity_id`).
    #[serde(default)]
    pub dedupe_identical: bool,
    /// Contract column → the export header(s) that feed it (first non-empty wins).
    #[serde(default)]
    pub columns: BTreeMap<String, OneOrMany>,
    /// Contract column → { export value → contract value }; the key `"*"` maps any other
    /// non-empty value.
    #[serde(default)]
    pub values: BTreeMap<String, BTreeMap<String, String>>,
}

/// `encoding = "…"`: any WHATWG label (`utf-8`, `windows-1252`, `gbk`, `utf-16le`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct TextEncoding(pub &'static encoding_rs::Encoding);

impl TryFrom<String> for TextEncoding {
    type Error = String;
    fn try_from(label: String) -> Result<Self, String> {
        encoding_rs::Encoding::for_label(label.trim().as_bytes())
            .map(TextEncoding)
            .ok_or_else(|| {
                format!(
                    "{label:?} is not a known encoding; expected e.g. \"utf-8\", \"windows-1252\", \"gbk\", \"utf-16le\""
                )
            })
    }
}

/// `delimiter = "…"`: `,`, `;`, `tab` (or a tab character) or `|`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct Delimiter(pub u8);

impl TryFrom<String> for Delimiter {
    type Error = String;
    fn try_from(value: String) -> Result<Self, String> {
        match value.as_str() {
            "," => Ok(Delimiter(b',')),
            ";" => Ok(Delimiter(b';')),
            "\t" | "tab" | "\\t" => Ok(Delimiter(b'\t')),
            "|" => Ok(Delimiter(b'|')),
            _ => Err(format!(
                "{value:?} is not a supported delimiter; expected \",\", \";\", \"tab\" or \"|\""
            )),
        }
    }
}

/// `decimal_separator = "."` or `","`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct DecimalSeparator(pub char);

impl TryFrom<String> for DecimalSeparator {
    type Error = String;
    fn try_from(value: String) -> Result<Self, String> {
        match value.as_str() {
            "." => Ok(DecimalSeparator('.')),
            "," => Ok(DecimalSeparator(',')),
            _ => Err(format!(
                "{value:?} is not a decimal separator; expected \".\" or \",\""
            )),
        }
    }
}

/// `thousands_separator = "…"`: one character.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct ThousandsSeparator(pub char);

impl TryFrom<String> for ThousandsSeparator {
    type Error = String;
    fn try_from(value: String) -> Result<Self, String> {
        let mut chars = value.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => Ok(ThousandsSeparator(c)),
            _ => Err(format!("{value:?} must be a single character")),
        }
    }
}

/// `date_format = "…"` or a list: strftime formats, each with at least one `%` directive.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(try_from = "OneOrMany")]
pub struct DateFormats(pub Vec<String>);

impl TryFrom<OneOrMany> for DateFormats {
    type Error = String;
    fn try_from(value: OneOrMany) -> Result<Self, String> {
        let formats = value.to_vec();
        match formats.iter().find(|f| !f.contains('%')) {
            Some(f) => Err(format!(
                "{f:?} has no % directive; expected e.g. \"%m/%d/%Y %I:%M %p\""
            )),
            None => Ok(DateFormats(formats)),
        }
    }
}

impl Default for RawConfig {
    fn default() -> Self {
        RawConfig {
            title: "Sales team report".into(),
            currency: "USD".into(),
            rates: Rates::default(),
            period: PeriodUnit::Month,
            fiscal_year_start: 1,
            timezone: "UTC".into(),
            new_lead_window_days: 30,
            follow_up_target: 5,
            base_url: None,
            max_years: 20,
            score_bands: ScoreBands::default(),
            reps: None,
            leads: None,
            activities: None,
            proposals: None,
        }
    }
}

/// Validated settings for one run.
#[derive(Debug, Clone)]
pub struct Config {
    /// Report title.
    pub title: String,
    /// ISO 4217 code used to format money.
    pub currency: String,
    /// `[rates]`: exchange rates into `currency` (contract v1.1, §6.17).
    pub rates: Rates,
    /// Period unit and fiscal-year start.
    pub calendar: Calendar,
    /// IANA name of the zone that local dates are taken in.
    pub timezone_name: String,
    /// The zone itself (from the bundled tz database, so results don't depend on the host).
    pub timezone: TimeZone,
    /// How long, in days of 24 h, a lead counts as new.
    pub new_lead_window_days: u32,
    /// The follow-up depth the report holds reps to (at least 1).
    pub follow_up_target: u32,
    /// Where the published site lives, for links in the email.
    pub base_url: Option<String>,
    /// Export formats per table, for the tables that have a section.
    pub formats: BTreeMap<Table, TableFormat>,
    /// The most calendar years the accepted rows' dates may touch (§6.16), 1 to 200.
    pub max_years: u32,
    /// How lead scores are grouped on the lead-sources page.
    pub score_bands: ScoreBands,
}

impl Default for Config {
    fn default() -> Self {
        Config::from_raw(RawConfig::default()).expect("the defaults are valid")
    }
}

impl Config {
    /// Reads `repcard.toml` from `data_dir` if present, otherwise returns the defaults.
    pub fn load(data_dir: &Path) -> Result<Config> {
        let path = data_dir.join(CONFIG_FILE);
        if !path.exists() {
            return Ok(Config::default());
        }
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        Config::parse_at(&text, &path.display().to_string())
    }

    /// Parses the text of a `repcard.toml`.
    pub fn parse(text: &str) -> Result<Config> {
        Config::parse_at(text, CONFIG_FILE)
    }

    /// Parses the text of the settings file at `location`; an error names its key, line and
    /// column.
    fn parse_at(text: &str, location: &str) -> Result<Config> {
        let raw: RawConfig =
            toml::from_str(text).map_err(|e| toml_diagnostic(&e, text, location))?;
        Config::from_raw(raw)
    }

    fn from_raw(raw: RawConfig) -> Result<Config> {
        let timezone = TimeZone::get(&raw.timezone)
            .with_context(|| format!("timezone = {:?}", raw.timezone))?;
        let formats = [
            (Table::Reps, raw.reps),
            (Table::Leads, raw.leads),
            (Table::Activities, raw.activities),
            (Table::Proposals, raw.proposals),
        ]
        .into_iter()
        .filter_map(|(table, format)| Some((table, format?)))
        .collect();
        Ok(Config {
            rates: raw.rates,
            formats,
            score_bands: raw.score_bands,
            title: raw.title,
            currency: raw.currency,
            calendar: Calendar {
                unit: raw.period,
                fiscal_year_start: raw.fiscal_year_start as i8,
            },
            timezone_name: raw.timezone,
            timezone,
            new_lead_window_days: raw.new_lead_window_days as u32,
            follow_up_target: raw.follow_up_target as u32,
            base_url: raw.base_url,
            max_years: raw.max_years as u32,
        })
    }
}

/// A `repcard.toml` error as a [`Diagnostic`]: toml's message, `file:line:column` and the
/// key, and what to do.
fn toml_diagnostic(e: &toml::de::Error, text: &str, location: &str) -> Diagnostic {
    let mut d = Diagnostic::new(e.message().trim_end().to_string());
    let Some(span) = e.span() else {
        return d
            .at(location)
            .help("see the repcard.toml table in the README for every key and its values");
    };
    let before = &text[..span.start.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
    let source_line = text.lines().nth(line - 1).unwrap_or("");
    let key = source_line
        .split_once('=')
        .map(|(k, _)| k.trim().trim_matches('"').to_string())
        .filter(|k| !k.is_empty() && !k.starts_with('['));
    let section = text
        .lines()
        .take(line)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .find_map(|l| {
            let l = l.trim();
            (l.starts_with('[') && l.ends_with(']')).then(|| l.to_string())
        });
    let at = match (&key, &section) {
        (Some(k), Some(s)) => format!("{location}:{line}:{column} (key `{k}` in {s})"),
        (Some(k), None) => format!("{location}:{line}:{column} (key `{k}`)"),
        (None, Some(s)) => format!("{location}:{line}:{column} (in {s})"),
        (None, None) => format!("{location}:{line}:{column}"),
    };
    d = d.at(at);
    let help = if e.message().contains("is not a column of the") {
        "use the contract's name of the column as the key (the README's Tables section lists them)"
            .to_string()
    } else if e.message().starts_with("unknown field") {
        "remove the key or fix its spelling; the README's repcard.toml table lists every key"
            .to_string()
    } else {
        match key.as_deref() {
            Some("fiscal_year_start") => {
                "write the month the fiscal year starts as a number, e.g. `fiscal_year_start = 4` for April".to_string()
            }
            Some("timezone") => "use an IANA zone name such as \"Europe/Berlin\" or \"America/New_York\"".to_string(),
            Some("period") => "use one of \"week\", \"month\", \"quarter\", \"year\"".to_string(),
            Some("score_bands") => "write the scores where a new band starts, increasing, e.g. `score_bands = [25, 50, 75]`".to_string(),
            Some(k) => format!("fix the value of `{k}`; the README's repcard.toml table says what it takes"),
            None => "fix this line; the README's repcard.toml table lists every key".to_string(),
        }
    };
    d.help(help)
}
