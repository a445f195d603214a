-- repcard reference SQL: metrics.csv from the canonical CSV tables, as data contract (docs/contract.md) §3 and
-- §5 define it, for month periods in UTC (the contract's defaults: period = "month",
-- timezone = "UTC"; the window and the follow-up target are set in `params` below).
--
-- Input: four relations with every column as text, named as the contract's tables:
--   reps(rep_id, name, team, monthly_quota, start_date, end_date)
--   leads(lead_id, rep_id, created_at, qualified)
--   activities(rep_id, lead_id, at, type)            -- type already implied for calls/meetings files
--   proposals(proposal_id, rep_id, created_at, amount, lead_id, status, closed_at)
-- holding only rows that `repcard check --strict` accepts (this query does not re-implement
-- the reject rules of §4; it trusts validated input). Timestamps without an offset.
--
-- Output: the rows of metrics.csv, with every value already formatted as text, in order.
--
-- Written for DuckDB; it keeps to ANSI constructs (CTEs, CASE, GROUP BY, joins, window-free)
-- except where marked PORT: generate_series (Spark/Trino: sequence + explode/unnest),
-- strftime (Spark: date_format, Trino: format_datetime), `//` integer division
-- (Spark: div, Trino: / on integers), date_trunc (same name on Spark and Trino).
WITH params AS (
    SELECT 30 AS window_days, 5 AS follow_up_target
),
r AS (
    SELECT trim(rep_id) AS rep_id,
           trim(name) AS rep_name,
           NULLIF(trim(coalesce(team, '')), '') AS team,
           CAST(NULLIF(trim(coalesce(monthly_quota, '')), '') AS DECIMAL(18, 2)) AS monthly_quota,
           CAST(CAST(NULLIF(trim(coalesce(start_date, '')), '') AS TIMESTAMP) AS DATE) AS start_date,
           CAST(CAST(NULLIF(trim(coalesce(end_date, '')), '') AS TIMESTAMP) AS DATE) AS end_date
    FROM reps
),
l AS (
    SELECT trim(lead_id) AS lead_id,
           trim(rep_id) AS rep_id,
           CAST(replace(trim(created_at), 'T', ' ') AS TIMESTAMP) AS created_at,
           CASE WHEN lower(trim(coalesce(qualified, ''))) IN ('true', 'yes', '1') THEN 1 ELSE 0 END AS qualified
    FROM leads
),
a AS (
    SELECT trim(rep_id) AS rep_id,
           trim(lead_id) AS lead_id,
           CAST(replace(trim("at"), 'T', ' ') AS TIMESTAMP) AS "at",
           lower(trim(type)) AS type
    FROM activities
),
p AS (
    SELECT trim(rep_id) AS rep_id,
           CAST(replace(trim(created_at), 'T', ' ') AS TIMESTAMP) AS created_at,
           CAST(trim(amount) AS DECIMAL(38, 10)) AS amount,
           coalesce(NULLIF(lower(trim(coalesce(status, ''))), ''), 'open') AS status,
           CAST(replace(NULLIF(trim(coalesce(closed_at, '')), ''), 'T', ' ') AS TIMESTAMP) AS closed_at
    FROM proposals
),
-- E(L): the earliest meeting on a lead, by any rep.
engagement AS (
    SELECT lead_id, min("at") AS engaged_at FROM a WHERE type = 'meeting' GROUP BY lead_id
),
-- Every call with its category (metrics 2, 3, 4): one definition, as in src/metrics/calls.rs.
classified_calls AS (
    SELECT a.rep_id,
           date_trunc('month', a."at") AS period,
           CASE
               WHEN e.engaged_at IS NOT NULL AND a."at" >= e.engaged_at THEN 'engaged'
               WHEN a."at" <= l.created_at + (SELECT window_days FROM params) * INTERVAL '1' DAY THEN 'new'
               ELSE 'previous'
           END AS category
    FROM a
    JOIN l ON l.lead_id = a.lead_id
    LEFT JOIN engagement e ON e.lead_id = a.lead_id
    WHERE a.type = 'call'
),
-- touches(L): calls before E(L), or all calls when never engaged.
touches AS (
    SELECT l.lead_id,
           l.rep_id,
           date_trunc('month', l.created_at) AS period,
           e.engaged_at,
           count(c."at") AS touches
    FROM l
    LEFT JOIN engagement e ON e.lead_id = l.lead_id
    LEFT JOIN a c ON c.lead_id = l.lead_id AND c.type = 'call'
                 AND (e.engaged_at IS NULL OR c."at" < e.engaged_at)
    GROUP BY l.lead_id, l.rep_id, l.created_at, e.engaged_at
),
-- Every credited figure as (rep, period, measure, value) rows, then summed.
credits AS (
    SELECT rep_id, date_trunc('month', created_at) AS period,
           1 AS leads_created, qualified AS leads_qualified,
           0 AS calls_new, 0 AS calls_previous, 0 AS calls_engaged, 0 AS meetings,
           0 AS proposals, CAST(0 AS DECIMAL(38, 10)) AS proposal_value,
           0 AS won_count, CAST(0 AS DECIMAL(38, 10)) AS won_value,
           0 AS leads_engaged, 0 AS leads_unengaged_at_target
    FROM l
    UNION ALL
    SELECT rep_id, period, 0, 0,
           CASE WHEN category = 'new' THEN 1 ELSE 0 END,
           CASE WHEN category = 'previous' THEN 1 ELSE 0 END,
           CASE WHEN category = 'engaged' THEN 1 ELSE 0 END,
           0, 0, 0, 0, 0, 0, 0
    FROM classified_calls
    UNION ALL
    SELECT rep_id, date_trunc('month', "at"), 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0
    FROM a WHERE type = 'meeting'
    UNION ALL
    SELECT rep_id, date_trunc('month', created_at), 0, 0, 0, 0, 0, 0, 1, amount, 0, 0, 0, 0
    FROM p
    UNION ALL
    SELECT rep_id, date_trunc('month', closed_at), 0, 0, 0, 0, 0, 0, 0, 0, 1, amount, 0, 0
    FROM p WHERE status = 'won'
    UNION ALL
    SELECT rep_id, period, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
           CASE WHEN engaged_at IS NOT NULL THEN 1 ELSE 0 END,
           CASE WHEN engaged_at IS NULL AND touches >= (SELECT follow_up_target FROM params) THEN 1 ELSE 0 END
    FROM touches
),
figures AS (
    SELECT rep_id, period,
           sum(leads_created) AS leads_created, sum(leads_qualified) AS leads_qualified,
           sum(calls_new) AS calls_new, sum(calls_previous) AS calls_previous,
           sum(calls_engaged) AS calls_engaged, sum(meetings) AS meetings,
           sum(proposals) AS proposals, sum(proposal_value) AS proposal_value,
           sum(won_count) AS won_count, sum(won_value) AS won_value,
           sum(leads_engaged) AS leads_engaged,
           sum(leads_unengaged_at_target) AS leads_unengaged_at_target
    FROM credits
    GROUP BY rep_id, period
),
-- The contiguous period range: earliest to latest date of any accepted row.
bounds AS (
    SELECT min(d) AS first_day, max(d) AS last_day FROM (
        SELECT created_at AS d FROM l
        UNION ALL SELECT "at" FROM a
        UNION ALL SELECT created_at FROM p
        UNION ALL SELECT closed_at FROM p WHERE status IN ('won', 'lost')
    ) dates
),
periods AS (
    -- PORT: generate_series
    SELECT CAST(m AS TIMESTAMP) AS period
    FROM bounds, generate_series(date_trunc('month', first_day), date_trunc('month', last_day), INTERVAL '1' MONTH) AS g(m)
),
-- A rep is in a period when employed during it, or when something is credited to it there.
active AS (
    SELECT pe.period, r.*
    FROM periods pe
    JOIN r ON (r.start_date IS NULL OR r.start_date <= CAST(pe.period + INTERVAL '1' MONTH - INTERVAL '1' DAY AS DATE))
          AND (r.end_date IS NULL OR r.end_date >= CAST(pe.period AS DATE))
    UNION
    SELECT f.period, r.*
    FROM figures f JOIN r ON r.rep_id = f.rep_id
),
rows AS (
    SELECT ac.period, ac.rep_id, ac.rep_name, ac.team,
           coalesce(f.leads_created, 0) AS leads_created,
           coalesce(f.leads_qualified, 0) AS leads_qualified,
           coalesce(f.calls_new, 0) AS calls_new,
           coalesce(f.calls_previous, 0) AS calls_previous,
           coalesce(f.calls_engaged, 0) AS calls_engaged,
           coalesce(f.meetings, 0) AS meetings,
           coalesce(f.proposals, 0) AS proposals,
           coalesce(f.proposal_value, 0) AS proposal_value,
           coalesce(f.won_count, 0) AS won_count,
           coalesce(f.won_value, 0) AS won_value,
           ac.monthly_quota AS quota,   -- a month's quota is the monthly quota
           coalesce(f.leads_engaged, 0) AS leads_engaged,
           coalesce(f.leads_unengaged_at_target, 0) AS leads_unengaged_at_target
    FROM active ac
    LEFT JOIN figures f ON f.rep_id = ac.rep_id AND f.period = ac.period
),
-- Exact attainment: whole ten-thousandths, half-up, in integer arithmetic (no floating point).
attainment AS (
    SELECT *,
           CASE WHEN quota > 0 THEN
               -- PORT: `//` is integer division
               (2 * CAST(won_value * 100 AS BIGINT) * 10000 + CAST(quota * 100 AS BIGINT))
                   // (2 * CAST(quota * 100 AS BIGINT))
           END AS attainment_e4
    FROM rows
)
SELECT
    strftime(period, '%Y-%m') AS period,   -- PORT: strftime
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
    CAST(CAST(proposal_value AS DECIMAL(18, 2)) AS VARCHAR) AS proposal_value,
    CAST(won_count AS VARCHAR) AS won_count,
    CAST(CAST(won_value AS DECIMAL(18, 2)) AS VARCHAR) AS won_value,
    CAST(CAST(quota AS DECIMAL(18, 2)) AS VARCHAR) AS quota,
    CASE WHEN attainment_e4 IS NOT NULL THEN
        CAST(attainment_e4 // 10000 AS VARCHAR) || '.' || lpad(CAST(attainment_e4 % 10000 AS VARCHAR), 4, '0')
    END AS quota_attainment,
    CAST(leads_engaged AS VARCHAR) AS leads_engaged,
    CAST(leads_unengaged_at_target AS VARCHAR) AS leads_unengaged_at_target
FROM attainment
ORDER BY period, rep_id
