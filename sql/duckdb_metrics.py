#!/usr/bin/env python3
"""Run sql/metrics.sql in DuckDB over a canonical repcard data folder; write metrics.csv.

    python3 sql/duckdb_metrics.py DATA_DIR OUT.csv

Files are assigned to tables as repcard does (data contract (docs/contract.md) §1, §6.2): the first word of the
file stem, else the nearest enclosing folder whose first word names a table; `calls` and
`meetings` imply the activity type where the `type` column is absent or empty.
"""
import csv
import os
import re
import sys
from pathlib import Path

import duckdb

TABLES = {
    "reps": ("reps", None), "leads": ("leads", None), "activities": ("activities", None),
    "calls": ("activities", "call"), "meetings": ("activities", "meeting"),
    "proposals": ("proposals", None),
}
COLUMNS = {
    "reps": ["rep_id", "name", "team", "monthly_quota", "start_date", "end_date"],
    "leads": ["lead_id", "rep_id", "created_at", "qualified"],
    "activities": ["rep_id", "lead_id", "at", "type"],
    "proposals": ["proposal_id", "rep_id", "created_at", "amount", "lead_id", "status", "closed_at"],
}


def first_word(name):
    return re.split(r"[-_. ]", name, maxsplit=1)[0].lower()


def classify(rel):
    hit = TABLES.get(first_word(rel.stem))
    if hit:
        return hit
    for part in reversed(rel.parent.parts):
        hit = TABLES.get(first_word(part))
        if hit:
            return hit
    return None


def main(data_dir, out_path):
    data_dir = Path(data_dir)
    files = {t: [] for t in COLUMNS}
    for root, dirs, names in os.walk(data_dir):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for n in names:
            if n.startswith(".") or not n.lower().endswith(".csv"):
                continue
            rel = Path(root, n).relative_to(data_dir)
            hit = classify(rel)
            if hit:
                files[hit[0]].append((Path(root, n), hit[1]))
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    for table, cols in COLUMNS.items():
        selects = []
        for path, implied in sorted(files[table]):
            with open(path, newline="", encoding="utf-8-sig") as f:
                header = next(csv.reader(f), [])
            have = {c.strip().lower(): c for c in header}
            exprs = []
            for c in cols:
                src = '"' + have[c].replace('"', '""') + '"' if c in have else "NULL"
                if c == "type" and implied:
                    src = f"coalesce(NULLIF(trim({src}), ''), '{implied}')"
                exprs.append(f"CAST({src} AS VARCHAR) AS \"{c}\"")
            path_sql = str(path).replace("'", "''")
            selects.append(
                f"SELECT {', '.join(exprs)} FROM read_csv('{path_sql}', all_varchar=true, header=true)"
            )
        if not selects:
            selects.append("SELECT " + ", ".join(f"CAST(NULL AS VARCHAR) AS \"{c}\"" for c in cols) + " WHERE false")
        con.execute(f"CREATE VIEW {table} AS " + " UNION ALL ".join(selects))
    sql = Path(__file__).with_name("metrics.sql").read_text()
    cur = con.execute(sql)
    header = [d[0] for d in cur.description]
    with open(out_path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for row in cur.fetchall():
            w.writerow(["" if v is None else v for v in row])


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
