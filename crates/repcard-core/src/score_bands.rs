//! `score_bands` in `repcard.toml`: how lead scores are grouped on the lead-sources page
//! and in `score_bands.csv`.

use rust_decimal::Decimal;
use serde::Deserialize;

/// `score_bands = [25, 50, 75]`: the scores where a new band starts, increasing. A band
/// holds its lower bound: with the default, 50 is in "50 to under 75". Checked where serde
/// reads it, so a bad value fails naming the key and its line.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "Vec<f64>")]
pub struct ScoreBands(Vec<Decimal>);

impl Default for ScoreBands {
    fn default() -> Self {
        ScoreBands([25, 50, 75].map(Decimal::from).to_vec())
    }
}

impl TryFrom<Vec<f64>> for ScoreBands {
    type Error = String;
    fn try_from(bounds: Vec<f64>) -> Result<Self, String> {
        if bounds.len() > 20 {
            return Err(format!(
                "{} bounds are too many; expected at most 20, e.g. [25, 50, 75]",
                bounds.len()
            ));
        }
        let mut out: Vec<Decimal> = Vec::with_capacity(bounds.len());
        for b in &bounds {
            // The shortest text of the number, so that 0.1 stays exactly 0.1.
            let d = b
                .is_finite()
                .then(|| b.to_string().parse::<Decimal>().ok())
                .flatten()
                .ok_or_else(|| format!("{b} is not a usable score"))?;
            if out.last().is_some_and(|last| *last >= d) {
                return Err(format!(
                    "{bounds:?} must increase; expected e.g. [25, 50, 75]"
                ));
            }
            out.push(d);
        }
        Ok(ScoreBands(out))
    }
}

impl ScoreBands {
    /// Number of bands (one more than the bounds).
    pub fn len(&self) -> usize {
        self.0.len() + 1
    }

    /// Always false: there is at least one band.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The band of a numeric score, 0 for the lowest.
    pub fn band_of(&self, score: Decimal) -> usize {
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

#[cfg(test)]
mod tests {
    use crate::config::Config;

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
            ["0", "24.9", "25", "74.99", "75", "100"].map(band),
            [0, 0, 1, 2, 3, 3]
        );
    }

    #[test]
    fn score_bands_are_read_from_the_settings_and_checked_naming_the_key() {
        let c = Config::parse("score_bands = [40, 70.5]").unwrap();
        assert_eq!(
            c.score_bands.labels(),
            ["under 40", "40 to under 70.5", "70.5 and over"]
        );
        let err = format!("{:#}", Config::parse("score_bands = [70, 40]").unwrap_err());
        assert!(
            err.contains("must increase") && err.contains("score_bands"),
            "{err}"
        );
        let none = Config::parse("score_bands = []").unwrap();
        assert_eq!(none.score_bands.labels(), ["any score"]);
    }
}
