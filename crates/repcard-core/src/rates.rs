//! `[rates]` in `repcard.toml` (contract v1.1, §6.17): exchange rates into the report's
//! currency, exact decimals, each positive.

use anyhow::{Result, bail};
use rust_decimal::Decimal;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::str::FromStr;

/// One rate as written: `"1.0825"` or a TOML number (read by its shortest decimal form).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub(crate) enum RawRate {
    /// `EUR = "1.0825"`
    Text(String),
    /// `JPY = 1`
    Integer(i64),
    /// `EUR = 1.0825`
    Float(f64),
}

/// Units of the report currency per unit of each other currency, by upper-case ISO code.
/// Checked where serde reads it, so a bad rate names its line in `repcard.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(try_from = "BTreeMap<String, RawRate>")]
pub struct Rates(BTreeMap<String, Decimal>);

impl TryFrom<BTreeMap<String, RawRate>> for Rates {
    type Error = String;
    fn try_from(raw: BTreeMap<String, RawRate>) -> Result<Rates, String> {
        Rates::from_raw(raw).map_err(|e| e.to_string())
    }
}

impl Rates {
    /// Checks every rate: a three-letter code and a positive decimal; fails naming the key.
    pub(crate) fn from_raw(raw: BTreeMap<String, RawRate>) -> Result<Rates> {
        let mut rates = BTreeMap::new();
        for (code, rate) in raw {
            let upper = code.trim().to_ascii_uppercase();
            if upper.len() != 3 || !upper.bytes().all(|b| b.is_ascii_alphabetic()) {
                bail!("[rates] {code:?} is not an ISO 4217 code; expected e.g. EUR = \"1.0825\"");
            }
            let text = match &rate {
                RawRate::Text(s) => s.trim().to_string(),
                RawRate::Integer(i) => i.to_string(),
                // Rust prints the shortest decimal that reads back as the same f64.
                RawRate::Float(f) => format!("{f}"),
            };
            let value = Decimal::from_str(&text).ok().filter(|v| *v > Decimal::ZERO);
            let Some(value) = value else {
                bail!(
                    "[rates] {code} = {text:?} is not a positive decimal; expected units of the report currency per {upper}, e.g. \"1.0825\""
                );
            };
            if rates.insert(upper.clone(), value).is_some() {
                bail!("[rates] {upper} is given twice");
            }
        }
        Ok(Rates(rates))
    }

    /// The rate of `code` (upper-case ISO code), if one is set.
    pub fn get(&self, code: &str) -> Option<Decimal> {
        self.0.get(code).copied()
    }

    /// Whether no rate is set.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Every rate, by upper-case code in alphabetical order (for `repcard sql`).
    pub fn iter(&self) -> impl Iterator<Item = (&str, Decimal)> {
        self.0.iter().map(|(code, rate)| (code.as_str(), *rate))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rates(pairs: &[(&str, RawRate)]) -> Result<Rates> {
        Rates::from_raw(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
        )
    }

    #[test]
    fn rates_are_exact_decimals_from_text_or_toml_numbers() {
        let r = rates(&[
            ("eur", RawRate::Text("1.0825".into())),
            ("GBP", RawRate::Float(1.27)),
            ("JPY", RawRate::Integer(1)),
        ])
        .unwrap();
        assert_eq!(r.get("EUR").unwrap().to_string(), "1.0825");
        assert_eq!(r.get("GBP").unwrap().to_string(), "1.27");
        assert_eq!(r.get("JPY").unwrap().to_string(), "1");
        assert_eq!(r.get("CHF"), None);
    }

    #[test]
    fn zero_negative_or_malformed_rates_fail_naming_the_key() {
        for bad in [
            RawRate::Text("0".into()),
            RawRate::Text("-1.1".into()),
            RawRate::Text("1,08".into()),
            RawRate::Float(0.0),
        ] {
            let e = rates(&[("EUR", bad)]).unwrap_err().to_string();
            assert!(e.contains("[rates] EUR"), "{e}");
        }
        let e = rates(&[("EURO", RawRate::Integer(1))])
            .unwrap_err()
            .to_string();
        assert!(e.contains("\"EURO\" is not an ISO 4217 code"), "{e}");
    }
}
