//! The text of the metrics query. One skeleton for both engines; [`Dialect`] fills in the few
//! words they spell differently. Each CTE carries a comment saying which rule of
//! docs/contract.md it computes.

use crate::dialect::Dialect;
use crate::zone::{LAST_TABULATED_YEAR, Steps, Zone, ZoneTable, zone};
use repcard_core::config::Config;
use repcard_core::period::PeriodUnit;
use std::fmt::Write;

/// Seconds from 0001-01-01T00:00 to 1970-01-01T00:00: shifts instants so that divisions by a
/// day never see a negative number.
const YEAR_ONE_TO_1970: i64 = 62_135_596_800;

/// Money that is not in the report's currency, as the query converts it (§6.17).
struct Conversion {
    /// (upper-case code, rate written with `scale` decimals), the report's own code left out.
    rates: Vec<(String, String)>,
    /// Decimals of the widest rate.
    scale: u32,
    /// Digits of the widest rate, before and after the point.
    precision: u32,
}

/// The most digits a rate may have: amounts keep 10 decimals and at least 12 digits before
/// the point in 38-digit decimals.
const MAX_RATE_DIGITS: u32 = 15;

impl Conversion {
    fn new(config: &Config) -> Result<Option<Conversion>, String> {
        let mut parts: Vec<(String, String, String)> = Vec::new();
        for (code, rate) in config.rates.iter() {
            if code == config.currency {
                // A proposal in the report's own currency is never converted.
                continue;
            }
            let text = rate.normalize().to_string();
            let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
            parts.push((code.to_string(), int.to_string(), frac.to_string()));
        }
        if parts.is_empty() {
            return Ok(None);
        }
        let scale = parts.iter().map(|p| p.2.len()).max().unwrap_or(0).max(1) as u32;
        let int_digits = parts.iter().map(|p| p.1.len()).max().unwrap_or(1) as u32;
        let precision = int_digits + scale;
        if precision > MAX_RATE_DIGITS {
            return Err(format!(
                "[rates] has a rate with {precision} digits (counting those of the longest integer part and the longest decimals together); the query converts exactly with at most {MAX_RATE_DIGITS}: round the rates in repcard.toml to fewer decimals"
            ));
        }
        let rates = parts
            .into_iter()
            .map(|(code, int, frac)| {
                (
                    code,
                    format!("{int}.{frac:0<width$}", width = scale as usize),
                )
            })
            .collect();
        Ok(Some(Conversion {
            rates,
            scale,
            precision,
        }))
    }
}

/// Builds the query for one set of settings.
pub(crate) struct Query<'a> {
    d: Dialect,
    config: &'a Config,
    zone: Zone,
    conversion: Option<Conversion>,
}

impl<'a> Query<'a> {
    pub(crate) fn new(config: &'a Config, d: Dialect) -> Result<Query<'a>, String> {
        Ok(Query {
            d,
            config,
            zone: zone(&config.timezone),
            conversion: Conversion::new(config)?,
        })
    }

    /// Decimals of every amount after conversion: 10, plus those of the rates.
    fn money_scale(&self) -> u32 {
        10 + self.conversion.as_ref().map_or(0, |c| c.scale)
    }

    /// A proposal's amount in the report's currency (§6.17): exact, converted with `[rates]`
    /// when its `currency` names another code.
    fn amount(&self) -> String {
        match &self.conversion {
            None => "CAST(trim(amount) AS DECIMAL(28, 10))".to_string(),
            Some(c) => {
                // The product keeps every decimal: 38 digits in all.
                let mut s = format!(
                    "CAST(trim(amount) AS DECIMAL({}, 10))\n             * CASE upper(trim(currency))",
                    37 - c.precision
                );
                for (code, rate) in &c.rates {
                    let _ = write!(s, " WHEN '{code}' THEN {rate}");
                }
                let _ = write!(s, " ELSE 1.{} END", "0".repeat(c.scale as usize));
                s
            }
        }
    }

    /// The whole query: header comment, CTEs, final SELECT.
    pub(crate) fn text(&self) -> String {
        let mut q = String::new();
        q.push_str(&self.header());
        q.push_str("WITH\n");
        if let Zone::Changing(t) = &self.zone {
            q.push_str(&self.zone_cte(t));
        }
        q.push_str(&self.reps());
        q.push_str(&self.leads());
        q.push_str(&self.activities());
        q.push_str(&self.proposals());
        q.push_str(&self.figures());
        q.push_str(&self.rows());
        q.push_str(&self.output());
        q
    }

    fn header(&self) -> String {
        let c = self.config;
        let cal = c.calendar;
        let engine = match self.d {
            Dialect::DuckDb => "DuckDB",
            Dialect::Spark => "Spark SQL (ANSI mode on or off)",
        };
        let zone_note = match &self.zone {
            Zone::Fixed(_) => String::new(),
            Zone::Changing(t) if t.open_ended => format!(
                "\n-- {} changes its clocks: the query carries its offsets up to {} (dates after that\n-- fail the query).",
                c.timezone_name, t.last_year
            ),
            Zone::Changing(_) => String::new(),
        };
        let money = match &self.conversion {
            None => format!(
                "Amounts are in the report's currency, {}; a proposal's `currency` other than it\n-- would need a rate in [rates] (§6.17), and there is none.",
                c.currency
            ),
            Some(conv) => format!(
                "Amounts are converted into the report's currency, {}, when a proposal's\n-- `currency` names another ([rates], §6.17): {}.",
                c.currency,
                conv.rates
                    .iter()
                    .map(|(code, rate)| format!("{code} {rate}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        format!(
            "\
-- repcard metrics query, as `repcard sql --dialect {dialect}` prints it for these settings:
--   period = \"{unit}\", fiscal_year_start = {fys}, timezone = \"{tz}\",
--   new_lead_window_days = {window}, follow_up_target = {target}
-- It computes metrics.csv (docs/contract.md §3, §5) in {engine}.
-- {money}
--
-- Input: four tables named as the contract's, every column as text (a missing optional
-- column as NULL, the implied `type` of calls/meetings files already filled in, §6.4):
--   reps(rep_id, name, team, monthly_quota, start_date, end_date)
--   leads(lead_id, rep_id, created_at, qualified)
--   activities(rep_id, lead_id, at, type)
--   proposals(proposal_id, rep_id, created_at, amount, status, closed_at, currency)
-- holding only rows that `repcard check --strict` accepts. The query trusts its input: it
-- does not re-implement the reject rules of §4 (so: no activity with `done` false, no
-- currency without a rate). Rows with an empty first column are blank lines (§6.8).
--
-- Output: the rows of metrics.csv in order, every value already formatted as text (NULL is
-- an empty field). Write them as CSV with quotes only where needed, as sql/run_duckdb.py and
-- sql/run_spark.py do.
--
-- Limits: amounts are exact to 10 decimal places; cells are trimmed of spaces (repcard also
-- trims tabs and other Unicode white space); dates run from year 1 to 9999.{zone_note}
",
            dialect = self.d,
            unit = cal.unit,
            fys = cal.fiscal_year_start,
            tz = c.timezone_name,
            window = c.new_lead_window_days,
            target = c.follow_up_target,
        )
    }

    // ----- time -------------------------------------------------------------------------

    /// The zone's offsets as a VALUES table (see `zone.rs`).
    fn zone_cte(&self, t: &ZoneTable) -> String {
        let mut columns = vec!["zone_year".to_string(), "uo0".to_string()];
        for i in 1..=t.utc_width {
            columns.extend([format!("u{i}"), format!("uo{i}")]);
        }
        columns.push("lo0".to_string());
        for i in 1..=t.local_width {
            columns.extend([format!("l{i}"), format!("lo{i}")]);
        }
        let steps = |v: &mut Vec<String>, s: &Steps, width: usize| {
            v.push(s.start.to_string());
            for i in 0..width {
                match s.changes.get(i) {
                    Some((from, offset)) => v.extend([from.to_string(), offset.to_string()]),
                    None => v.extend(["NULL".into(), "NULL".into()]),
                }
            }
        };
        let mut rows = Vec::with_capacity(t.rows.len());
        for r in &t.rows {
            let mut v = vec![r.year.to_string()];
            steps(&mut v, &r.utc, t.utc_width);
            steps(&mut v, &r.local, t.local_width);
            rows.push(format!("        ({})", v.join(", ")));
        }
        let later = if t.open_ended {
            "Dates after the last year fail the query."
        } else {
            "Later dates use the last row: the clocks no longer change."
        };
        format!(
            "\
-- {tz}'s UTC offsets in seconds, from the tz database repcard uses (§6.10). One row per
-- calendar year of the written date, from two days before the year to two days after it;
-- earlier years use the first row. {later}
-- An instant (seconds since 1970-01-01 UTC; a timestamp written with an offset) has offset
-- uo0, or uo_i from instant u_i on. A local time without an offset (seconds since
-- 1970-01-01 00:00 local) has offset lo0, or lo_i from local time l_i on: a local time in a
-- gap or an overlap takes the offset in force before the change.
zone AS (
    SELECT * FROM VALUES
{rows}
        AS zone_rows({columns})
),
",
            tz = self.config.timezone_name,
            rows = rows.join(",\n"),
            columns = columns.join(", "),
        )
    }

    /// The written parts of timestamp `{p}_text`: its date; its wall-clock time as seconds
    /// since 1970-01-01T00:00, ignoring any offset; and its UTC offset in seconds (NULL when it
    /// has none). The forms are told apart by length (§6.10): 10 a date, 16/19 with
    /// minutes/seconds, 17/20 ending in `Z`, 22/25 in `±HH:MM`.
    fn parsed(&self, p: &str) -> String {
        let t = format!("{p}_text");
        let date = format!("CAST(substr({t}, 1, 10) AS DATE)");
        format!(
            "\
{date} AS {p}_date,
           {days} * 86400
           + CASE WHEN length({t}) > 10
                  THEN CAST(substr({t}, 12, 2) AS INTEGER) * 3600 + CAST(substr({t}, 15, 2) AS INTEGER) * 60
                       + CASE WHEN length({t}) IN (19, 20, 25) THEN CAST(substr({t}, 18, 2) AS INTEGER) ELSE 0 END
                  ELSE 0 END AS {p}_wall,
           CASE WHEN length({t}) IN (17, 20) THEN 0
                WHEN length({t}) IN (22, 25)
                THEN CASE WHEN substr({t}, -6, 1) = '-' THEN -60 ELSE 60 END
                     * (CAST(substr({t}, -5, 2) AS INTEGER) * 60 + CAST(substr({t}, -2, 2) AS INTEGER))
                END AS {p}_offset",
            days = self.d.unix_days(&date),
        )
    }

    /// Seconds since 1970-01-01T00:00 of the written date and time (ignoring any offset).
    fn wall(&self, p: &str) -> String {
        format!("{p}_wall")
    }

    /// The zone's offset for the local time or instant `x`, from zone row `z`: a CASE with one
    /// arm per change, each on its own line after `indent`.
    fn zone_offset(&self, t: &ZoneTable, z: &str, x: &str, local: bool, indent: &str) -> String {
        let (from, offset, width) = if local {
            ("l", "lo", t.local_width)
        } else {
            ("u", "uo", t.utc_width)
        };
        let arms: Vec<String> = (1..=width)
            .rev()
            .map(|i| format!("WHEN {x} >= {z}.{from}{i} THEN {z}.{offset}{i}"))
            .collect();
        let otherwise = if t.open_ended {
            format!(
                "ELSE coalesce({z}.{offset}0, {}) END",
                self.d.fail(&format!(
                    "repcard sql: a date after {}; the query carries the clock changes of {} up to {} only",
                    t.last_year, self.config.timezone_name, LAST_TABULATED_YEAR
                ))
            )
        } else {
            format!("ELSE {z}.{offset}0 END")
        };
        let sep = format!("\n{indent}     ");
        format!("CASE {}{sep}{otherwise}", arms.join(&sep))
    }

    /// The join that finds timestamp `p`'s zone row as `z` (nothing for a fixed offset).
    fn zone_join(&self, p: &str, z: &str) -> String {
        match &self.zone {
            Zone::Fixed(_) => String::new(),
            Zone::Changing(t) => {
                let mut key = format!("greatest(year({p}_date), {})", t.first_year);
                if !t.open_ended {
                    key = format!("least({key}, {})", t.last_year);
                }
                format!("\n    LEFT JOIN zone {z} ON {z}.zone_year = {key}")
            }
        }
    }

    /// Timestamp `p`'s instant, in seconds since 1970-01-01T00:00Z: a written offset wins;
    /// without one the time is local to the configured zone (§2, §6.10).
    fn instant(&self, p: &str, z: &str) -> String {
        let wall = self.wall(p);
        match &self.zone {
            Zone::Fixed(o) => format!("{wall} - coalesce({p}_offset, {o})"),
            Zone::Changing(t) => format!(
                "{wall} - coalesce({p}_offset,\n                  {})",
                self.zone_offset(t, z, &wall, true, "                  ")
            ),
        }
    }

    /// Timestamp `p`'s local date in the configured zone: the written date, or for a time with
    /// an offset the date of its instant in the zone (§6.10).
    fn local_date(&self, p: &str, z: &str) -> String {
        let instant = format!("({} - {p}_offset)", self.wall(p));
        let local = match &self.zone {
            Zone::Fixed(0) => instant,
            Zone::Fixed(o) => format!("{instant} + {o}"),
            Zone::Changing(t) => format!(
                "{instant}\n                     + {}",
                self.zone_offset(t, z, &instant, false, "                       ")
            ),
        };
        let days = format!("({local} + {YEAR_ONE_TO_1970}) {} 86400", self.d.div());
        format!(
            "CASE WHEN {p}_offset IS NULL THEN {p}_date\n                ELSE {} END",
            self.d.date_from_year_one(&days)
        )
    }

    /// The index of the period holding local date `date`: the same number repcard uses
    /// (months since year 0, fiscal quarters or years since fiscal year 0, weeks since the
    /// Monday 0001-01-01).
    fn period_of(&self, date: &str) -> String {
        let cal = self.config.calendar;
        let div = self.d.div();
        let shift = if cal.fiscal_year_start == 1 {
            0
        } else {
            13 - i32::from(cal.fiscal_year_start)
        };
        let fiscal_month = if shift == 0 {
            format!("year({date}) * 12 + month({date}) - 1")
        } else {
            format!("year({date}) * 12 + month({date}) - 1 + {shift}")
        };
        match cal.unit {
            PeriodUnit::Week => format!("{} {div} 7", self.d.days_since_year_one(date)),
            PeriodUnit::Month => format!("year({date}) * 12 + month({date}) - 1"),
            PeriodUnit::Quarter => format!("({fiscal_month}) {div} 3"),
            PeriodUnit::Year => format!("({fiscal_month}) {div} 12"),
        }
    }

    /// A period's label from its index (§1): `2026-10`, `2026-W07`, `2026-Q3`, `FY2027-Q1`,
    /// `2026`, `FY2027`.
    fn label(&self, index: &str) -> String {
        let cal = self.config.calendar;
        let div = self.d.div();
        let fy = if cal.fiscal_year_start == 1 { "" } else { "FY" };
        match cal.unit {
            PeriodUnit::Week => {
                // The ISO week-year and week are those of the week's Thursday.
                let thursday = self.d.date_from_year_one(&format!("{index} * 7 + 3"));
                format!(
                    "printf('%04d-W%02d', year({thursday}), (dayofyear({thursday}) - 1) {div} 7 + 1)"
                )
            }
            PeriodUnit::Month => {
                format!("printf('%04d-%02d', {index} {div} 12, {index} % 12 + 1)")
            }
            PeriodUnit::Quarter => {
                format!("printf('{fy}%04d-Q%d', {index} {div} 4, {index} % 4 + 1)")
            }
            PeriodUnit::Year => format!("printf('{fy}%04d', {index})"),
        }
    }

    // ----- the four tables ------------------------------------------------------------------

    fn reps(&self) -> String {
        let d = self.d;
        let quota = match self.config.calendar.months() {
            // §6.13: a week's quota is round(monthly × 12 / 52, 2), in whole cents.
            None => format!(
                "(CAST(monthly_quota * 10000000000 AS {w}) * 600 + 130000000000) {div} 260000000000 * 0.01",
                w = d.wide_int(),
                div = d.div()
            ),
            Some(1) => "CAST(monthly_quota AS DECIMAL(38, 2))".to_string(),
            Some(m) => format!("CAST(monthly_quota * {m} AS DECIMAL(38, 2))"),
        };
        format!(
            "\
-- reps (§2): a rep is employed from the period of its start_date to that of its end_date
-- (local dates; either may be open). quota is the period's quota (§6.13).
rep_text AS (
    SELECT trim(rep_id) AS rep_id,
           trim(name) AS rep_name,
           coalesce(trim(team), '') AS team,
           CAST(NULLIF(trim(monthly_quota), '') AS DECIMAL(28, 10)) AS monthly_quota,
           NULLIF(trim(start_date), '') AS start_text,
           NULLIF(trim(end_date), '') AS end_text
    FROM reps
),
rep_parsed AS (
    SELECT rep_id, rep_name, team, monthly_quota,
           {start_parsed},
           {end_parsed}
    FROM rep_text
    WHERE rep_id <> ''
),
rep_placed AS (
    SELECT rep_id, rep_name, team, monthly_quota,
           {start_local} AS start_local,
           {end_local} AS end_local
    FROM rep_parsed{start_join}{end_join}
),
r AS (
    SELECT rep_id, rep_name, team,
           {quota} AS quota,
           {start_period} AS start_period,
           {end_period} AS end_period
    FROM rep_placed
),
",
            start_parsed = self.parsed("start"),
            end_parsed = self.parsed("end"),
            start_local = self.local_date("start", "zs"),
            end_local = self.local_date("end", "ze"),
            start_join = self.zone_join("start", "zs"),
            end_join = self.zone_join("end", "ze"),
            start_period = self.period_of("start_local"),
            end_period = self.period_of("end_local"),
        )
    }

    fn leads(&self) -> String {
        format!(
            "\
-- leads (§2): created_instant in seconds since 1970-01-01 UTC for the new-lead window,
-- period_index for the period of its local date.{trim_note}
lead_text AS (
    SELECT {lead_id} AS lead_id,
           {rep_id} AS rep_id,
           CASE WHEN lower({qualified}) IN ('true', 'yes', '1') THEN 1 ELSE 0 END AS qualified,
           {created_at} AS created_text
    FROM leads
),
lead_parsed AS (
    SELECT lead_id, rep_id, qualified,
           {parsed}
    FROM lead_text
    WHERE lead_id <> ''
),
lead_placed AS (
    SELECT lead_id, rep_id, qualified,
           {instant} AS created_instant,
           {local} AS created_local
    FROM lead_parsed{join}
),
l AS {mat}(
    SELECT lead_id, rep_id, qualified, created_instant,
           {period} AS period_index
    FROM lead_placed
),
",
            trim_note = match self.d {
                Dialect::DuckDb =>
                    "\n-- Cells of the two big tables are trimmed only when they start or end with a space:\n-- DuckDB's trim copies every string it sees.",
                Dialect::Spark => "",
            },
            lead_id = self.d.trim("lead_id"),
            rep_id = self.d.trim("rep_id"),
            qualified = self.d.trim("qualified"),
            created_at = self.d.trim("created_at"),
            parsed = self.parsed("created"),
            instant = self.instant("created", "z"),
            local = self.local_date("created", "z"),
            join = self.zone_join("created", "z"),
            period = self.period_of("created_local"),
            mat = self.d.materialized(),
        )
    }

    fn activities(&self) -> String {
        format!(
            "\
-- activities (§2): type is call, meeting or email; at_instant orders them and measures the
-- new-lead window.
activity_text AS (
    SELECT {rep_id} AS rep_id,
           {lead_id} AS lead_id,
           lower({type}) AS type,
           {at} AS at_text
    FROM activities
),
activity_parsed AS (
    SELECT rep_id, lead_id, type,
           {parsed}
    FROM activity_text
    WHERE rep_id <> ''
),
activity_placed AS (
    SELECT rep_id, lead_id, type,
           {instant} AS at_instant,
           {local} AS at_local
    FROM activity_parsed{join}
),
a AS {mat}(
    SELECT rep_id, lead_id, type, at_instant,
           {period} AS period_index
    FROM activity_placed
),
",
            rep_id = self.d.trim("rep_id"),
            lead_id = self.d.trim("lead_id"),
            type = self.d.trim("type"),
            at = self.d.trim(&self.d.quote("at")),
            parsed = self.parsed("at"),
            instant = self.instant("at", "z"),
            local = self.local_date("at", "z"),
            join = self.zone_join("at", "z"),
            period = self.period_of("at_local"),
            mat = self.d.materialized(),
        )
    }

    fn proposals(&self) -> String {
        format!(
            "\
-- proposals (§2): status open (also when empty), won or lost; closed_period_index counts only
-- for won and lost ones (§6.12).
proposal_text AS (
    SELECT trim(rep_id) AS rep_id,
           {amount} AS amount,
           coalesce(NULLIF(lower(trim(status)), ''), 'open') AS status,
           trim(created_at) AS created_text,
           NULLIF(trim(closed_at), '') AS closed_text
    FROM proposals
    WHERE trim(proposal_id) <> ''
),
proposal_parsed AS (
    SELECT rep_id, amount, status,
           {created_parsed},
           {closed_parsed}
    FROM proposal_text
),
proposal_placed AS (
    SELECT rep_id, amount, status,
           {created_local} AS created_local,
           {closed_local} AS closed_local
    FROM proposal_parsed{created_join}{closed_join}
),
p AS {mat}(
    SELECT rep_id, amount, status,
           {created_period} AS period_index,
           {closed_period} AS closed_period_index
    FROM proposal_placed
),
",
            amount = self.amount(),
            created_parsed = self.parsed("created"),
            closed_parsed = self.parsed("closed"),
            created_local = self.local_date("created", "zc"),
            closed_local = self.local_date("closed", "zx"),
            created_join = self.zone_join("created", "zc"),
            closed_join = self.zone_join("closed", "zx"),
            created_period = self.period_of("created_local"),
            closed_period = self.period_of("closed_local"),
            mat = self.d.materialized(),
        )
    }

    // ----- the figures ----------------------------------------------------------------------

    fn figures(&self) -> String {
        let window = u64::from(self.config.new_lead_window_days) * 86_400;
        let target = self.config.follow_up_target;
        format!(
            "\
-- E(L), a lead's engagement: the instant of its earliest meeting, by any rep (§3); and its
-- calls, which are all its touches when it is never engaged.
lead_activity AS (
    SELECT lead_id,
           min(CASE WHEN type = 'meeting' THEN at_instant END) AS engaged_at,
           count(CASE WHEN type = 'call' THEN 1 END) AS calls
    FROM a
    WHERE type IN ('call', 'meeting')
    GROUP BY lead_id
),
lead_facts AS {mat}(
    SELECT l.lead_id, l.rep_id, l.period_index, l.qualified, l.created_instant,
           e.engaged_at, coalesce(e.calls, 0) AS calls
    FROM l
    LEFT JOIN lead_activity e ON e.lead_id = l.lead_id
),
-- Metric 1 and follow-up depth, credited to the owner in the creation period (§3).
lead_figures AS (
    SELECT rep_id, period_index,
           count(*) AS leads_created,
           sum(qualified) AS leads_qualified,
           count(engaged_at) AS leads_engaged,
           count(CASE WHEN engaged_at IS NULL AND calls >= {target} THEN 1 END) AS leads_unengaged_at_target
    FROM lead_facts
    GROUP BY rep_id, period_index
),
-- Metrics 2, 3, 4: every call in exactly one, credited to the rep on the call (§3, §6.3): at
-- or after E(L) engaged; otherwise new within the window ({window} s = {days} days of 24 h,
-- end included), else previous. And meetings; emails count in no metric, but their dates
-- count for the range of periods.
activity_kinds AS (
    SELECT a.rep_id, a.period_index,
           CASE WHEN a.type <> 'call' THEN a.type
                WHEN a.at_instant >= f.engaged_at THEN 'engaged'
                WHEN a.at_instant - f.created_instant <= {window} THEN 'new'
                ELSE 'previous' END AS kind
    FROM a
    LEFT JOIN lead_facts f ON f.lead_id = a.lead_id
),
activity_figures AS (
    SELECT rep_id, period_index,
           count(CASE WHEN kind = 'new' THEN 1 END) AS calls_new,
           count(CASE WHEN kind = 'previous' THEN 1 END) AS calls_previous,
           count(CASE WHEN kind = 'engaged' THEN 1 END) AS calls_engaged,
           count(CASE WHEN kind = 'meeting' THEN 1 END) AS meetings,
           count(CASE WHEN kind <> 'email' THEN 1 END) AS credited
    FROM activity_kinds
    GROUP BY rep_id, period_index
),
-- Metric 5: proposals in their creation period; won ones also in the period of closed_at
-- (lost ones only widen the range of periods, §6.12).
proposal_figures AS (
    SELECT rep_id, period_index, count(*) AS proposals, sum(amount) AS proposal_value
    FROM p
    GROUP BY rep_id, period_index
),
closed_figures AS (
    SELECT rep_id, closed_period_index AS period_index,
           count(CASE WHEN status = 'won' THEN 1 END) AS won_count,
           sum(CASE WHEN status = 'won' THEN amount END) AS won_value
    FROM p
    WHERE status IN ('won', 'lost')
    GROUP BY rep_id, closed_period_index
),
-- Every figure of a (rep, period) with a dated row, and how many of them are credited (the
-- rep appears there, §5; an email or a lost proposal only dates the period).
figures AS {mat}(
    SELECT rep_id, period_index,
           sum(leads_created) AS leads_created,
           sum(leads_qualified) AS leads_qualified,
           sum(calls_new) AS calls_new,
           sum(calls_previous) AS calls_previous,
           sum(calls_engaged) AS calls_engaged,
           sum(meetings) AS meetings,
           sum(proposals) AS proposals,
           sum(proposal_value) AS proposal_value,
           sum(won_count) AS won_count,
           sum(won_value) AS won_value,
           sum(leads_engaged) AS leads_engaged,
           sum(leads_unengaged_at_target) AS leads_unengaged_at_target,
           sum(credited) AS credited
    FROM (
        SELECT rep_id, period_index, leads_created, leads_qualified, 0 AS calls_new,
               0 AS calls_previous, 0 AS calls_engaged, 0 AS meetings, 0 AS proposals,
               0 AS proposal_value, 0 AS won_count, 0 AS won_value, leads_engaged,
               leads_unengaged_at_target, leads_created AS credited
        FROM lead_figures
        UNION ALL
        SELECT rep_id, period_index, 0, 0, calls_new, calls_previous, calls_engaged, meetings,
               0, 0, 0, 0, 0, 0, credited
        FROM activity_figures
        UNION ALL
        SELECT rep_id, period_index, 0, 0, 0, 0, 0, 0, proposals, proposal_value, 0, 0, 0, 0,
               proposals
        FROM proposal_figures
        UNION ALL
        SELECT rep_id, period_index, 0, 0, 0, 0, 0, 0, 0, 0, won_count, won_value, 0, 0,
               won_count
        FROM closed_figures
    ) AS parts
    GROUP BY rep_id, period_index
),
-- The periods run without gaps from the earliest to the latest date of any row (§3): leads'
-- created_at, activities' at, proposals' created_at, and closed_at of won and lost ones.
bounds AS (
    SELECT min(period_index) AS first_period, max(period_index) AS last_period
    FROM figures
),
periods AS (
    {range}
),
-- A rep is in a period when employed during it, or when anything is credited to it there
-- (§2, §5).
employed AS (
    SELECT g.period AS period_index, r.rep_id
    FROM periods g
    JOIN r ON (r.start_period IS NULL OR r.start_period <= g.period)
          AND (r.end_period IS NULL OR r.end_period >= g.period)
),
slots AS (
    SELECT coalesce(f.rep_id, e.rep_id) AS rep_id,
           coalesce(f.period_index, e.period_index) AS period_index,
           f.leads_created, f.leads_qualified, f.calls_new, f.calls_previous, f.calls_engaged,
           f.meetings, f.proposals, f.proposal_value, f.won_count, f.won_value,
           f.leads_engaged, f.leads_unengaged_at_target
    FROM (SELECT * FROM figures WHERE credited > 0) AS f
    FULL JOIN employed e ON e.rep_id = f.rep_id AND e.period_index = f.period_index
),
",
            days = self.config.new_lead_window_days,
            range = self.d.period_range(),
            mat = self.d.materialized(),
        )
    }

    fn rows(&self) -> String {
        let w = self.d.wide_int();
        format!(
            "\
rep_periods AS (
    SELECT s.period_index, s.rep_id, r.rep_name, r.team, r.quota,
           coalesce(s.leads_created, 0) AS leads_created,
           coalesce(s.leads_qualified, 0) AS leads_qualified,
           coalesce(s.calls_new, 0) AS calls_new,
           coalesce(s.calls_previous, 0) AS calls_previous,
           coalesce(s.calls_engaged, 0) AS calls_engaged,
           coalesce(s.meetings, 0) AS meetings,
           coalesce(s.proposals, 0) AS proposals,
           coalesce(s.proposal_value, 0) AS proposal_value,
           coalesce(s.won_count, 0) AS won_count,
           coalesce(s.won_value, 0) AS won_value,
           coalesce(s.leads_engaged, 0) AS leads_engaged,
           coalesce(s.leads_unengaged_at_target, 0) AS leads_unengaged_at_target
    FROM slots s
    JOIN r ON r.rep_id = s.rep_id
),
-- quota_attainment = won_value / quota as displayed, half-up to four places (§6.13), in exact
-- integers: won_value in units of 10^-{scale}, quota in cents.
attainment AS (
    SELECT *,
           CASE WHEN quota > 0 THEN
               (2 * {won} + CAST(quota * 100 AS {w}) * {half})
               {div} (CAST(quota * 100 AS {w}) * {double})
           END AS attainment_e4
    FROM rep_periods
)
",
            div = self.d.div(),
            scale = self.money_scale(),
            won = self.d.scaled_int("won_value", self.money_scale()),
            half = 10u128.pow(self.money_scale() - 6),
            double = 2 * 10u128.pow(self.money_scale() - 6),
        )
    }

    fn output(&self) -> String {
        let t = self.d.text();
        let count = |c: &str| format!("    CAST({c} AS {t}) AS {c},\n");
        let money = |c: &str| format!("    CAST(CAST({c} AS DECIMAL(38, 2)) AS {t}) AS {c},\n");
        let mut s = format!(
            "\
-- metrics.csv (§5): money with two places, half-up; attainment with four; empty where a
-- value doesn't exist; sorted by period, then rep_id.
SELECT
    {label} AS period,
    rep_id,
    rep_name,
    team,
",
            label = self.label("period_index"),
        );
        for c in [
            "leads_created",
            "leads_qualified",
            "calls_new",
            "calls_previous",
            "calls_engaged",
            "meetings",
            "proposals",
        ] {
            s.push_str(&count(c));
        }
        s.push_str(&money("proposal_value"));
        s.push_str(&count("won_count"));
        s.push_str(&money("won_value"));
        let _ = writeln!(s, "    CAST(quota AS {t}) AS quota,");
        let _ = writeln!(
            s,
            "    CAST(attainment_e4 * 0.0001 AS {t}) AS quota_attainment,"
        );
        s.push_str(&count("leads_engaged"));
        let last = count("leads_unengaged_at_target");
        s.push_str(last.trim_end_matches(",\n"));
        s.push_str("\nFROM attainment\nORDER BY period_index, rep_id\n");
        s
    }
}
