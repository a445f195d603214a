//! The warehouse path's query: `metrics.csv` (docs/contract.md §3, §5) computed by a SQL
//! engine from the four canonical tables, for one data folder's settings. Depends on
//! `repcard-core` only (and on jiff for the time zone's offsets).
//!
//! Offers [`metrics_query`] (settings and a [`Dialect`] → the query's text) for
//! `repcard sql`. The query covers every calendar (weeks, months, fiscal quarters and
//! years), any IANA time zone with its daylight saving rules (the zone's offsets travel in
//! the query as a small table taken from the same tz database repcard uses, so the engine
//! and repcard agree to the second), the new-lead window and the follow-up target. It
//! trusts its input to be rows that `repcard check --strict` accepts. Amounts in other
//! currencies are converted exactly with `[rates]` (§6.17).
//!
//! The runners `sql/run_duckdb.py` and `sql/run_spark.py` feed it a data folder's CSV files
//! (or warehouse tables) and write the result as `metrics.csv`;
//! `tests/testsuite/sql_agreement.rs` checks both engines against repcard byte for byte.
//! docs/warehouse.md says how to run it on a cluster.

#![warn(unreachable_pub)]

mod dialect;
mod query;
mod zone;

pub use dialect::Dialect;
use repcard_core::config::Config;

/// The metrics query for these settings, in `dialect`; an error (what to change) for settings
/// the query can't follow exactly.
pub fn metrics_query(config: &Config, dialect: Dialect) -> Result<String, String> {
    Ok(query::Query::new(config, dialect)?.text())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(toml: &str) -> Config {
        Config::parse(toml).unwrap()
    }

    #[test]
    fn utc_needs_no_zone_table_and_a_dst_zone_has_one() {
        let q = metrics_query(&Config::default(), Dialect::DuckDb).unwrap();
        assert!(!q.contains("zone AS"));
        assert!(q.contains("coalesce(created_offset, 0)"));
        let q = metrics_query(&config("timezone = \"Europe/Berlin\""), Dialect::Spark).unwrap();
        assert!(q.contains("zone AS"));
        assert!(q.contains("raise_error("));
        assert!(!q.contains("MATERIALIZED"));
    }

    #[test]
    fn labels_follow_the_calendar() {
        let q = metrics_query(
            &config("period = \"quarter\"\nfiscal_year_start = 4"),
            Dialect::DuckDb,
        )
        .unwrap();
        assert!(q.contains("printf('FY%04d-Q%d'"));
        assert!(q.contains("+ 9) // 3"));
        let q = metrics_query(&config("period = \"week\""), Dialect::Spark).unwrap();
        assert!(q.contains("-W%02d"));
        assert!(q.contains("260000000000"));
    }

    #[test]
    fn rates_convert_other_currencies_and_never_the_report_currency() {
        let q = metrics_query(
            &config("currency = \"EUR\"\n[rates]\nUSD = \"0.92\"\nEUR = 2\nIDR = \"0.0000571\""),
            Dialect::Spark,
        )
        .unwrap();
        assert!(
            q.contains("WHEN 'IDR' THEN 0.0000571 WHEN 'USD' THEN 0.9200000 ELSE 1.0000000 END")
        );
        assert!(!q.contains("'EUR'"));
        assert!(q.contains("DECIMAL(29, 10)"));
        let long = metrics_query(
            &config("[rates]\nEUR = \"123456.123456789012\""),
            Dialect::DuckDb,
        );
        assert!(long.unwrap_err().contains("round the rates"));
    }

    #[test]
    fn settings_reach_the_query() {
        let q = metrics_query(
            &config("new_lead_window_days = 7\nfollow_up_target = 3"),
            Dialect::DuckDb,
        )
        .unwrap();
        assert!(q.contains("<= 604800"));
        assert!(q.contains("calls >= 3"));
    }
}
