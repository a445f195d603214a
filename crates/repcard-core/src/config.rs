//! `repcard.toml`: the optional settings at the root of the data folder.

use crate::period::{Calendar, PeriodUnit};
use crate::schema::{Table, contract_columns};
use anyhow::{Context, Result, bail};
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
    currency: String,
    period: PeriodUnit,
    fiscal_year_start: i64,
    timezone: String,
    new_lead_window_days: i64,
    follow_up_target: i64,
    base_url: Option<String>,
    score_bands: Vec<f64>,
    reps: Option<TableFormat>,
    leads: Option<TableFormat>,
    activities: Option<TableFormat>,
    proposals: Option<TableFormat>,
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

/// Checks that a section's `columns` and `values` keys are columns of its table.
fn check_columns(table: Table, f: &TableFormat) -> Result<()> {
    let columns = contract_columns(table);
    for key in f.columns.keys().chain(f.values.keys()) {
        if !columns.contains(&key.as_str()) {
            bail!(
                "{key:?} is not a column of the {table} table; expected one of {}",
                columns.join(", ")
            );
        }
    }
    Ok(())
}

impl Default for RawConfig {
    fn default() -> Self {
        RawConfig {
            title: "Sales team report".into(),
            currency: "USD".into(),
            period: PeriodUnit::Month,
            fiscal_year_start: 1,
            timezone: "UTC".into(),
            new_lead_window_days: 30,
            follow_up_target: 5,
            base_url: None,
            score_bands: vec![25.0, 50.0, 75.0],
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
    /// How lead scores are grouped on the lead-sources page.
    pub score_bands: ScoreBands,
}

/// `score_bands = [25, 50, 75]`: the scores where a new band starts, increasing. A band
/// holds its lower bound: with the default, 50 is in "50 to under 75".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreBands(Vec<rust_decimal::Decimal>);

impl ScoreBands {
    /// The bands from their bounds; the error says what is expected.
    pub fn new(bounds: &[f64]) -> Result<ScoreBands> {
        if bounds.len() > 20 {
            bail!(
                "score_bands has {} bounds; expected at most 20",
                bounds.len()
            );
        }
        let mut out = Vec::with_capacity(bounds.len());
        for b in bounds {
            // The shortest text of the number, so that 0.1 stays exactly 0.1.
            let d = b
                .is_finite()
                .then(|| b.to_string().parse::<rust_decimal::Decimal>().ok())
                .flatten()
                .ok_or_else(|| anyhow::anyhow!("score_bands: {b} is not a usable number"))?;
            if out.last().is_some_and(|last| *last >= d) {
                bail!("score_bands = {bounds:?} must increase; expected e.g. [25, 50, 75]");
            }
            out.push(d);
        }
        Ok(ScoreBands(out))
    }

    /// Number of bands (one more than the bounds).
    pub fn len(&self) -> usize {
        self.0.len() + 1
    }

    /// Always false: there is at least one band.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The band of a numeric score, 0 for the lowest.
    pub fn band_of(&self, score: rust_decimal::Decimal) -> usize {
        self.0.partition_point(|b| *b <= score)
    }

    /// The bands' names, lowest first: "under 25", "25 to under 50", …, "75 and over".
    pub fn labels(&self) -> Vec<String> {
        let b = &self.0;
        let Some((first, last)) = b.first().zip(b.last()) else {
            return vec!["any score".to_string()];
        };
        let mut out = vec![format!("under {}", first.normalize())];
        for w in b.windows(2) {
            out.push(format!(
                "{} to under {}",
                w[0].normalize(),
                w[1].normalize()
            ));
        }
        out.push(format!("{} and over", last.normalize()));
        out
    }
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
        Config::parse(&text).with_context(|| format!("invalid {}", path.display()))
    }

    /// Parses the text of a `repcard.toml`.
    pub fn parse(text: &str) -> Result<Config> {
        let raw: RawConfig =
            toml::from_str(text).map_err(|e| anyhow::anyhow!("{}", e.message()))?;
        Config::from_raw(raw)
    }

    fn from_raw(raw: RawConfig) -> Result<Config> {
        if !(1..=12).contains(&raw.fiscal_year_start) {
            bail!(
                "fiscal_year_start = {} is not a month number; expected 1 (January) to 12 (December)",
                raw.fiscal_year_start
            );
        }
        let timezone = TimeZone::get(&raw.timezone).map_err(|_| {
            anyhow::anyhow!(
                "timezone = {:?} is not an IANA time zone name; expected e.g. \"UTC\" or \"Europe/Berlin\"",
                raw.timezone
            )
        })?;
        if !(0..=36_500).contains(&raw.new_lead_window_days) {
            bail!(
                "new_lead_window_days = {} is out of range; expected 0 to 36500",
                raw.new_lead_window_days
            );
        }
        if !(1..=100).contains(&raw.follow_up_target) {
            bail!(
                "follow_up_target = {} is out of range; expected 1 to 100",
                raw.follow_up_target
            );
        }
        let currency = raw.currency.trim().to_ascii_uppercase();
        if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_alphabetic()) {
            bail!(
                "currency = {:?} is not an ISO 4217 code; expected e.g. \"USD\"",
                raw.currency
            );
        }
        let mut formats = BTreeMap::new();
        for (table, format) in [
            (Table::Reps, raw.reps),
            (Table::Leads, raw.leads),
            (Table::Activities, raw.activities),
            (Table::Proposals, raw.proposals),
        ] {
            if let Some(f) = format {
                check_columns(table, &f).with_context(|| format!("in section [{table}]"))?;
                formats.insert(table, f);
            }
        }
        let score_bands = ScoreBands::new(&raw.score_bands)?;
        Ok(Config {
            formats,
            score_bands,
            title: raw.title,
            currency,
            calendar: Calendar {
                unit: raw.period,
                fiscal_year_start: raw.fiscal_year_start as i8,
            },
            timezone_name: raw.timezone,
            timezone,
            new_lead_window_days: raw.new_lead_window_days as u32,
            follow_up_target: raw.follow_up_target as u32,
            base_url: raw.base_url,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn score_bands_default_to_quarters_and_hold_their_lower_bound() {
        let c = Config::default();
        assert_eq!(
            c.score_bands.labels(),
            [
                "under 25",
                "25 to under 50",
                "50 to under 75",
                "75 and over"
            ]
        );
        let band = |s: &str| c.score_bands.band_of(s.parse().unwrap());
        assert_eq!(
            [
                band("0"),
                band("24.9"),
                band("25"),
                band("74.99"),
                band("75"),
                band("100")
            ],
            [0, 0, 1, 2, 3, 3]
        );
    }

    #[test]
    fn score_bands_are_read_from_the_settings_and_checked() {
        let c = Config::parse("score_bands = [40, 70.5]").unwrap();
        assert_eq!(
            c.score_bands.labels(),
            ["under 40", "40 to under 70.5", "70.5 and over"]
        );
        let err = Config::parse("score_bands = [70, 40]").unwrap_err();
        assert!(format!("{err:#}").contains("must increase"), "{err:#}");
        assert_eq!(
            Config::parse("score_bands = []")
                .unwrap()
                .score_bands
                .labels(),
            ["any score"]
        );
    }
}
