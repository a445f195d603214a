-- repcard metrics query, as `repcard sql --dialect duckdb` prints it for these settings:
--   period = "month", fiscal_year_start = 1, timezone = "UTC",
--   new_lead_window_days = 30, follow_up_target = 5
-- It computes metrics.csv (docs/contract.md §3, §5) in DuckDB.
-- Amounts are in the report's currency, USD; a proposal's `currency` other than it
-- would need a rate in [rates] (§6.17), and there is none.
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
-- trims tabs and other Unicode white space); dates run from year 1 to 9999.
WITH
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
           CAST(substr(start_text, 1, 10) AS DATE) AS start_date,
           (CAST(substr(start_text, 1, 10) AS DATE) - DATE '1970-01-01') * 86400
           + CASE WHEN length(start_text) > 10
                  THEN CAST(substr(start_text, 12, 2) AS INTEGER) * 3600 + CAST(substr(start_text, 15, 2) AS INTEGER) * 60
                       + CASE WHEN length(start_text) IN (19, 20, 25) THEN CAST(substr(start_text, 18, 2) AS INTEGER) ELSE 0 END
                  ELSE 0 END AS start_wall,
           CASE WHEN length(start_text) IN (17, 20) THEN 0
                WHEN length(start_text) IN (22, 25)
                THEN CASE WHEN substr(start_text, -6, 1) = '-' THEN -60 ELSE 60 END
                     * (CAST(substr(start_text, -5, 2) AS INTEGER) * 60 + CAST(substr(start_text, -2, 2) AS INTEGER))
                END AS start_offset,
           CAST(substr(end_text, 1, 10) AS DATE) AS end_date,
           (CAST(substr(end_text, 1, 10) AS DATE) - DATE '1970-01-01') * 86400
           + CASE WHEN length(end_text) > 10
                  THEN CAST(substr(end_text, 12, 2) AS INTEGER) * 3600 + CAST(substr(end_text, 15, 2) AS INTEGER) * 60
                       + CASE WHEN length(end_text) IN (19, 20, 25) THEN CAST(substr(end_text, 18, 2) AS INTEGER) ELSE 0 END
                  ELSE 0 END AS end_wall,
           CASE WHEN length(end_text) IN (17, 20) THEN 0
                WHEN length(end_text) IN (22, 25)
                THEN CASE WHEN substr(end_text, -6, 1) = '-' THEN -60 ELSE 60 END
                     * (CAST(substr(end_text, -5, 2) AS INTEGER) * 60 + CAST(substr(end_text, -2, 2) AS INTEGER))
                END AS end_offset
    FROM rep_text
    WHERE rep_id <> ''
),
rep_placed AS (
    SELECT rep_id, rep_name, team, monthly_quota,
           CASE WHEN start_offset IS NULL THEN start_date
                ELSE DATE '0001-01-01' + CAST(((start_wall - start_offset) + 62135596800) // 86400 AS INTEGER) END AS start_local,
           CASE WHEN end_offset IS NULL THEN end_date
                ELSE DATE '0001-01-01' + CAST(((end_wall - end_offset) + 62135596800) // 86400 AS INTEGER) END AS end_local
    FROM rep_parsed
),
r AS (
    SELECT rep_id, rep_name, team,
           CAST(monthly_quota AS DECIMAL(38, 2)) AS quota,
           year(start_local) * 12 + month(start_local) - 1 AS start_period,
           year(end_local) * 12 + month(end_local) - 1 AS end_period
    FROM rep_placed
),
-- leads (§2): created_instant in seconds since 1970-01-01 UTC for the new-lead window,
-- period_index for the period of its local date.
-- Cells of the two big tables are trimmed only when they start or end with a space:
-- DuckDB's trim copies every string it sees.
lead_text AS (
    SELECT CASE WHEN lead_id LIKE ' %' OR lead_id LIKE '% ' THEN trim(lead_id) ELSE lead_id END AS lead_id,
           CASE WHEN rep_id LIKE ' %' OR rep_id LIKE '% ' THEN trim(rep_id) ELSE rep_id END AS rep_id,
           CASE WHEN lower(CASE WHEN qualified LIKE ' %' OR qualified LIKE '% ' THEN trim(qualified) ELSE qualified END) IN ('true', 'yes', '1') THEN 1 ELSE 0 END AS qualified,
           CASE WHEN created_at LIKE ' %' OR created_at LIKE '% ' THEN trim(created_at) ELSE created_at END AS created_text
    FROM leads
),
lead_parsed AS (
    SELECT lead_id, rep_id, qualified,
           CAST(substr(created_text, 1, 10) AS DATE) AS created_date,
           (CAST(substr(created_text, 1, 10) AS DATE) - DATE '1970-01-01') * 86400
           + CASE WHEN length(created_text) > 10
                  THEN CAST(substr(created_text, 12, 2) AS INTEGER) * 3600 + CAST(substr(created_text, 15, 2) AS INTEGER) * 60
                       + CASE WHEN length(created_text) IN (19, 20, 25) THEN CAST(substr(created_text, 18, 2) AS INTEGER) ELSE 0 END
                  ELSE 0 END AS created_wall,
           CASE WHEN length(created_text) IN (17, 20) THEN 0
                WHEN length(created_text) IN (22, 25)
                THEN CASE WHEN substr(created_text, -6, 1) = '-' THEN -60 ELSE 60 END
                     * (CAST(substr(created_text, -5, 2) AS INTEGER) * 60 + CAST(substr(created_text, -2, 2) AS INTEGER))
                END AS created_offset
    FROM lead_text
    WHERE lead_id <> ''
),
lead_placed AS (
    SELECT lead_id, rep_id, qualified,
           created_wall - coalesce(created_offset, 0) AS created_instant,
           CASE WHEN created_offset IS NULL THEN created_date
                ELSE DATE '0001-01-01' + CAST(((created_wall - created_offset) + 62135596800) // 86400 AS INTEGER) END AS created_local
    FROM lead_parsed
),
l AS MATERIALIZED (
    SELECT lead_id, rep_id, qualified, created_instant,
           year(created_local) * 12 + month(created_local) - 1 AS period_index
    FROM lead_placed
),
-- activities (§2): type is call, meeting or email; at_instant orders them and measures the
-- new-lead window.
activity_text AS (
    SELECT CASE WHEN rep_id LIKE ' %' OR rep_id LIKE '% ' THEN trim(rep_id) ELSE rep_id END AS rep_id,
           CASE WHEN lead_id LIKE ' %' OR lead_id LIKE '% ' THEN trim(lead_id) ELSE lead_id END AS lead_id,
           lower(CASE WHEN type LIKE ' %' OR type LIKE '% ' THEN trim(type) ELSE type END) AS type,
           CASE WHEN "at" LIKE ' %' OR "at" LIKE '% ' THEN trim("at") ELSE "at" END AS at_text
    FROM activities
),
activity_parsed AS (
    SELECT rep_id, lead_id, type,
           CAST(substr(at_text, 1, 10) AS DATE) AS at_date,
           (CAST(substr(at_text, 1, 10) AS DATE) - DATE '1970-01-01') * 86400
           + CASE WHEN length(at_text) > 10
                  THEN CAST(substr(at_text, 12, 2) AS INTEGER) * 3600 + CAST(substr(at_text, 15, 2) AS INTEGER) * 60
                       + CASE WHEN length(at_text) IN (19, 20, 25) THEN CAST(substr(at_text, 18, 2) AS INTEGER) ELSE 0 END
                  ELSE 0 END AS at_wall,
           CASE WHEN length(at_text) IN (17, 20) THEN 0
                WHEN length(at_text) IN (22, 25)
                THEN CASE WHEN substr(at_text, -6, 1) = '-' THEN -60 ELSE 60 END
                     * (CAST(substr(at_text, -5, 2) AS INTEGER) * 60 + CAST(substr(at_text, -2, 2) AS INTEGER))
                END AS at_offset
    FROM activity_text
    WHERE rep_id <> ''
),
activity_placed AS (
    SELECT rep_id, lead_id, type,
           at_wall - coalesce(at_offset, 0) AS at_instant,
           CASE WHEN at_offset IS NULL THEN at_date
                ELSE DATE '0001-01-01' + CAST(((at_wall - at_offset) + 62135596800) // 86400 AS INTEGER) END AS at_local
    FROM activity_parsed
),
a AS MATERIALIZED (
    SELECT rep_id, lead_id, type, at_instant,
           year(at_local) * 12 + month(at_local) - 1 AS period_index
    FROM activity_placed
),
-- proposals (§2): status open (also when empty), won or lost; closed_period_index counts only
-- for won and lost ones (§6.12).
proposal_text AS (
    SELECT trim(rep_id) AS rep_id,
           CAST(trim(amount) AS DECIMAL(28, 10)) AS amount,
           coalesce(NULLIF(lower(trim(status)), ''), 'open') AS status,
           trim(created_at) AS created_text,
           NULLIF(trim(closed_at), '') AS closed_text
    FROM proposals
    WHERE trim(proposal_id) <> ''
),
proposal_parsed AS (
    SELECT rep_id, amount, status,
           CAST(substr(created_text, 1, 10) AS DATE) AS created_date,
           (CAST(substr(created_text, 1, 10) AS DATE) - DATE '1970-01-01') * 86400
           + CASE WHEN length(created_text) > 10
                  THEN CAST(substr(created_text, 12, 2) AS INTEGER) * 3600 + CAST(substr(created_text, 15, 2) AS INTEGER) * 60
                       + CASE WHEN length(created_text) IN (19, 20, 25) THEN CAST(substr(created_text, 18, 2) AS INTEGER) ELSE 0 END
                  ELSE 0 END AS created_wall,
           CASE WHEN length(created_text) IN (17, 20) THEN 0
                WHEN length(created_text) IN (22, 25)
                THEN CASE WHEN substr(created_text, -6, 1) = '-' THEN -60 ELSE 60 END
                     * (CAST(substr(created_text, -5, 2) AS INTEGER) * 60 + CAST(substr(created_text, -2, 2) AS INTEGER))
                END AS created_offset,
           CAST(substr(closed_text, 1, 10) AS DATE) AS closed_date,
           (CAST(substr(closed_text, 1, 10) AS DATE) - DATE '1970-01-01') * 86400
           + CASE WHEN length(closed_text) > 10
                  THEN CAST(substr(closed_text, 12, 2) AS INTEGER) * 3600 + CAST(substr(closed_text, 15, 2) AS INTEGER) * 60
                       + CASE WHEN length(closed_text) IN (19, 20, 25) THEN CAST(substr(closed_text, 18, 2) AS INTEGER) ELSE 0 END
                  ELSE 0 END AS closed_wall,
           CASE WHEN length(closed_text) IN (17, 20) THEN 0
                WHEN length(closed_text) IN (22, 25)
                THEN CASE WHEN substr(closed_text, -6, 1) = '-' THEN -60 ELSE 60 END
                     * (CAST(substr(closed_text, -5, 2) AS INTEGER) * 60 + CAST(substr(closed_text, -2, 2) AS INTEGER))
                END AS closed_offset
    FROM proposal_text
),
proposal_placed AS (
    SELECT rep_id, amount, status,
           CASE WHEN created_offset IS NULL THEN created_date
                ELSE DATE '0001-01-01' + CAST(((created_wall - created_offset) + 62135596800) // 86400 AS INTEGER) END AS created_local,
           CASE WHEN closed_offset IS NULL THEN closed_date
                ELSE DATE '0001-01-01' + CAST(((closed_wall - closed_offset) + 62135596800) // 86400 AS INTEGER) END AS closed_local
    FROM proposal_parsed
),
p AS MATERIALIZED (
    SELECT rep_id, amount, status,
           year(created_local) * 12 + month(created_local) - 1 AS period_index,
           year(closed_local) * 12 + month(closed_local) - 1 AS closed_period_index
    FROM proposal_placed
),
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
lead_facts AS MATERIALIZED (
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
           count(CASE WHEN engaged_at IS NULL AND calls >= 5 THEN 1 END) AS leads_unengaged_at_target
    FROM lead_facts
    GROUP BY rep_id, period_index
),
-- Metrics 2, 3, 4: every call in exactly one, credited to the rep on the call (§3, §6.3): at
-- or after E(L) engaged; otherwise new within the window (2592000 s = 30 days of 24 h,
-- end included), else previous. And meetings; emails count in no metric, but their dates
-- count for the range of periods.
activity_kinds AS (
    SELECT a.rep_id, a.period_index,
           CASE WHEN a.type <> 'call' THEN a.type
                WHEN a.at_instant >= f.engaged_at THEN 'engaged'
                WHEN a.at_instant - f.created_instant <= 2592000 THEN 'new'
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
figures AS MATERIALIZED (
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
    SELECT g.period
    FROM bounds, range(bounds.first_period, bounds.last_period + 1) AS g(period)
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
-- integers: won_value in units of 10^-10, quota in cents.
attainment AS (
    SELECT *,
           CASE WHEN quota > 0 THEN
               (2 * CAST(won_value * 10000000000 AS HUGEINT) + CAST(quota * 100 AS HUGEINT) * 10000)
               // (CAST(quota * 100 AS HUGEINT) * 20000)
           END AS attainment_e4
    FROM rep_periods
)
-- metrics.csv (§5): money with two places, half-up; attainment with four; empty where a
-- value doesn't exist; sorted by period, then rep_id.
SELECT
    printf('%04d-%02d', period_index // 12, period_index % 12 + 1) AS period,
    rep_id,
    rep_name,
    team,
    CAST(leads_created AS VARCHAR) AS leads_created,
    CAST(leads_qualified AS VARCHAR) AS leads_qualified,
    CAST(calls_new AS VARCHAR) AS calls_new,
    CAST(calls_previous AS VARCHAR) AS calls_previous,
    CAST(calls_engaged AS VARCHAR) AS calls_engaged,
    CAST(meetings AS VARCHAR) AS meetings,
    CAST(proposals AS VARCHAR) AS proposals,
    CAST(CAST(proposal_value AS DECIMAL(38, 2)) AS VARCHAR) AS proposal_value,
    CAST(won_count AS VARCHAR) AS won_count,
    CAST(CAST(won_value AS DECIMAL(38, 2)) AS VARCHAR) AS won_value,
    CAST(quota AS VARCHAR) AS quota,
    CAST(attainment_e4 * 0.0001 AS VARCHAR) AS quota_attainment,
    CAST(leads_engaged AS VARCHAR) AS leads_engaged,
    CAST(leads_unengaged_at_target AS VARCHAR) AS leads_unengaged_at_target
FROM attainment
ORDER BY period_index, rep_id
