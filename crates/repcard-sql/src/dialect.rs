//! The few places where DuckDB's SQL and Spark SQL differ. Everything else in the query is
//! written once, in the constructs both engines share.

use std::fmt;

/// The SQL engine a query is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dialect {
    /// DuckDB.
    DuckDb,
    /// Spark SQL (ANSI mode on or off), as PySpark, spark-submit or Databricks run it.
    Spark,
}

impl fmt::Display for Dialect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Dialect::DuckDb => "duckdb",
            Dialect::Spark => "spark",
        })
    }
}

impl Dialect {
    /// Marks a CTE that several later ones read, so the engine computes it once. DuckDB
    /// honours `AS MATERIALIZED`; Spark has no such hint (the runner caches the input tables).
    pub(crate) fn materialized(self) -> &'static str {
        match self {
            Dialect::DuckDb => "MATERIALIZED ",
            Dialect::Spark => "",
        }
    }

    /// A column name that is also a keyword (`at`), quoted.
    pub(crate) fn quote(self, name: &str) -> String {
        match self {
            Dialect::DuckDb => format!("\"{name}\""),
            Dialect::Spark => format!("`{name}`"),
        }
    }

    /// A cell without the spaces around it, for the big tables' columns. DuckDB's `trim`
    /// copies every string, so it runs only on the cells that start or end with a space
    /// (8 % of the query's time at 10 M activities).
    pub(crate) fn trim(self, column: &str) -> String {
        match self {
            Dialect::DuckDb => format!(
                "CASE WHEN {column} LIKE ' %' OR {column} LIKE '% ' THEN trim({column}) ELSE {column} END"
            ),
            Dialect::Spark => format!("trim({column})"),
        }
    }

    /// Integer division, truncating (operands here are never negative).
    pub(crate) fn div(self) -> &'static str {
        match self {
            Dialect::DuckDb => "//",
            Dialect::Spark => "div",
        }
    }

    /// The text type.
    pub(crate) fn text(self) -> &'static str {
        match self {
            Dialect::DuckDb => "VARCHAR",
            Dialect::Spark => "STRING",
        }
    }

    /// An exact integer type wide enough for money × 10^10 (attainment's arithmetic).
    pub(crate) fn wide_int(self) -> &'static str {
        match self {
            Dialect::DuckDb => "HUGEINT",
            Dialect::Spark => "DECIMAL(38, 0)",
        }
    }

    /// `money` (a non-negative decimal with `scale` decimals) × 10^scale, as an exact integer
    /// of [`Dialect::wide_int`]. DuckDB keeps the scale through a product, so past 10
    /// decimals the whole and the fractional part are scaled apart to stay within 38 digits;
    /// Spark narrows the product's scale itself.
    pub(crate) fn scaled_int(self, money: &str, scale: u32) -> String {
        let unit = 10u128.pow(scale);
        match self {
            Dialect::DuckDb if scale > 10 => format!(
                "(CAST(floor({money}) AS HUGEINT) * {unit} + CAST(({money} - floor({money})) * {unit} AS HUGEINT))"
            ),
            _ => format!("CAST({money} * {unit} AS {})", self.wide_int()),
        }
    }

    /// Days from 1970-01-01 to `date`, as a 64-bit integer.
    pub(crate) fn unix_days(self, date: &str) -> String {
        match self {
            Dialect::DuckDb => format!("({date} - DATE '1970-01-01')"),
            Dialect::Spark => format!("CAST(unix_date({date}) AS BIGINT)"),
        }
    }

    /// Days from 0001-01-01 (a Monday) to `date`.
    pub(crate) fn days_since_year_one(self, date: &str) -> String {
        match self {
            Dialect::DuckDb => format!("({date} - DATE '0001-01-01')"),
            Dialect::Spark => format!("datediff({date}, DATE '0001-01-01')"),
        }
    }

    /// The date `days` days after 0001-01-01.
    pub(crate) fn date_from_year_one(self, days: &str) -> String {
        match self {
            Dialect::DuckDb => format!("DATE '0001-01-01' + CAST({days} AS INTEGER)"),
            Dialect::Spark => format!("date_add(DATE '0001-01-01', CAST({days} AS INT))"),
        }
    }

    /// An expression that fails the query with `message`.
    pub(crate) fn fail(self, message: &str) -> String {
        let message = message.replace('\'', "''");
        match self {
            Dialect::DuckDb => format!("error('{message}')"),
            Dialect::Spark => format!("raise_error('{message}')"),
        }
    }

    /// The periods from `bounds.first_period` to `bounds.last_period`, one row each, as
    /// `period`; none when the bounds are NULL.
    pub(crate) fn period_range(self) -> &'static str {
        match self {
            Dialect::DuckDb => {
                "SELECT g.period\n    FROM bounds, range(bounds.first_period, bounds.last_period + 1) AS g(period)"
            }
            Dialect::Spark => {
                "SELECT explode(sequence(first_period, last_period)) AS period\n    FROM bounds"
            }
        }
    }
}
