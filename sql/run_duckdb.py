#!/usr/bin/env python3
"""Compute metrics.csv with DuckDB from a repcard data folder's CSV tables.

    python3 sql/run_duckdb.py DATA_DIR OUT.csv [DATA_DIR2 OUT2.csv ...] [--sql FILE]

The query is what `repcard sql DATA_DIR --dialect duckdb` prints for the folder's
repcard.toml (the binary is $REPCARD, else `repcard` on the PATH, else `cargo run
--release` in this repository); `--sql FILE` runs a saved query instead. Files are
assigned to tables as repcard does (docs/contract.md §1, §6.2, §6.4). The input must be
rows that `repcard check --strict` accepts: the query does not reject rows. OUT.csv gets
the contract's bytes (UTF-8, `\\n`, quotes only where needed). Several DATA_DIR OUT.csv
pairs run one after the other in one process.
"""
import argparse
import csv
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb

# --- shared with run_spark.py (tests/sql_agreement.rs keeps the two copies identical) ---

# The contract's columns the query reads, per table (§2); a missing optional one is NULL.
COLUMNS = {
    "reps": ["rep_id", "name", "team", "monthly_quota", "start_date", "end_date"],
    "leads": ["lead_id", "rep_id", "created_at", "qualified"],
    "activities": ["rep_id", "lead_id", "at", "type"],
    "proposals": ["proposal_id", "rep_id", "created_at", "amount", "status", "closed_at", "currency"],
}
# Table names and aliases (§6.2): the table, and the activity type an alias implies (§6.4).
WORDS = {
    "reps": ("reps", None),
    "leads": ("leads", None),
    "activities": ("activities", None),
    "calls": ("activities", "call"),
    "meetings": ("activities", "meeting"),
    "proposals": ("proposals", None),
}


def first_word(name):
    """The first word of a file stem or folder name: split at - _ . and space, lower-cased."""
    for sep in "-_. ":
        name = name.split(sep, 1)[0]
    return name.lower()


def classify(relative_parts):
    """(table, implied type) of a CSV file at these path parts inside the data folder, or None:
    the first word of the stem, else the nearest ancestor folder that names a table; an
    activities file is an alias file when its stem or an ancestor folder is an alias."""
    stem = relative_parts[-1].rsplit(".", 1)[0]
    ancestors = [WORDS[w] for w in (first_word(p) for p in reversed(relative_parts[:-1])) if w in WORDS]
    found = WORDS.get(first_word(stem)) or (ancestors[0] if ancestors else None)
    if found == ("activities", None):
        implied = next((i for _, i in ancestors if i), None)
        return ("activities", implied)
    return found


# Spreadsheets repcard reads as tables too; the runners read CSV only.
SPREADSHEETS = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")


def table_files(paths):
    """Groups (relative parts, path) of every file by table: {table: [(path, implied)]}, in
    sorted path order, skipping hidden files and folders and what isn't *.csv. A spreadsheet
    that would feed a table stops the run (its rows would be missing)."""
    out = {t: [] for t in COLUMNS}
    for parts, path in sorted(paths):
        name = parts[-1].lower()
        if any(p.startswith(".") for p in parts):
            continue
        if name.endswith(SPREADSHEETS) and classify(parts):
            sys.exit(
                f"error: {'/'.join(parts)} is a spreadsheet; the SQL runners read CSV files only: "
                "save it as CSV (repcard reads both)"
            )
        if not name.endswith(".csv"):
            continue
        hit = classify(parts)
        if hit:
            out[hit[0]].append((path, hit[1]))
    return out


def local_files(data_dir):
    """Every file under a local data folder, as (relative parts, path)."""
    found, ancestors = [], {}
    for root, dirs, names in os.walk(data_dir, followlinks=True):
        # Links are followed, as repcard follows them; a link back to an enclosing folder
        # (a loop) is not.
        real = os.path.realpath(root)
        parent = ancestors.get(root, frozenset())
        if real in parent:
            dirs[:] = []
            continue
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for d in dirs:
            ancestors[os.path.join(root, d)] = parent | {real}
        for n in names:
            path = os.path.join(root, n)
            found.append((tuple(Path(path).relative_to(data_dir).parts), path))
    return found


def column_map(header, table):
    """For each column the query reads: the index of the header cell naming it (headers
    match trimmed and in any case, §2), or None when absent."""
    names = [h.replace("\ufeff", "").strip().lower() for h in header]
    out = {}
    for c in COLUMNS[table]:
        out[c] = names.index(c) if c in names else None
    return out


def repcard_command():
    """How to run repcard: $REPCARD, else `repcard` on the PATH, else `cargo run --release`."""
    if os.environ.get("REPCARD"):
        return [os.environ["REPCARD"]]
    if shutil.which("repcard"):
        return ["repcard"]
    repo = Path(__file__).resolve().parent.parent
    return ["cargo", "run", "--quiet", "--release", "--manifest-path", str(repo / "Cargo.toml"), "--bin", "repcard", "--"]


def metrics_query(data_dir, dialect, sql_file):
    """The query: from --sql FILE, or printed by `repcard sql DATA_DIR --dialect DIALECT`."""
    if sql_file:
        return Path(sql_file).read_text(encoding="utf-8")
    cmd = repcard_command() + ["sql", str(data_dir), "--dialect", dialect]
    done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sys.stderr.write(done.stderr)
    if done.returncode != 0:
        sys.exit(f"error: {' '.join(cmd)} failed (exit {done.returncode})")
    return done.stdout


def csv_field(value):
    """A field as the contract writes it (§6.14, the Rust csv crate's defaults): quoted only
    when it holds a comma, a quote, CR or LF."""
    s = "" if value is None else str(value)
    if any(c in s for c in ',"\r\n'):
        return '"' + s.replace('"', '""') + '"'
    return s


def write_metrics(out_path, header, rows):
    """Writes metrics.csv: UTF-8 without BOM, `\\n` line ends."""
    with open(out_path, "w", encoding="utf-8", newline="") as f:
        for row in [header, *rows]:
            f.write(",".join(csv_field(v) for v in row) + "\n")

# --- end of the shared part ---


def read_header(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return next(csv.reader(f), [])


def has_quote(path):
    with open(path, "rb") as f:
        return b'"' in f.read()


def register_tables(con, data_dir):
    """Creates the views reps, leads, activities and proposals over the folder's CSV files:
    every contract column as text, NULL where a file lacks it, implied types filled in."""
    files = table_files(local_files(data_dir))
    for table, cols in COLUMNS.items():
        groups = {}
        for path, implied in files[table]:
            header = read_header(path)
            # DuckDB's parallel reader can't pad short rows of a file with quoted line breaks;
            # such files (in practice small ones) are read serially.
            key = (tuple(header), implied, has_quote(path))
            groups.setdefault(key, []).append(path)
        selects = []
        for (header, implied, quoted), paths in groups.items():
            where = column_map(header, table)
            exprs = []
            for c in cols:
                src = f"c{where[c]}" if where[c] is not None else "NULL"
                if c == "type" and implied:
                    src = f"coalesce(NULLIF(trim({src}), ''), '{implied}')"
                exprs.append(f'CAST({src} AS VARCHAR) AS "{c}"')
            spec = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(max(len(header), 1)))
            listing = ", ".join("'" + p.replace("'", "''") + "'" for p in paths)
            selects.append(
                f"SELECT {', '.join(exprs)} FROM read_csv([{listing}], header = true, "
                f"auto_detect = false, columns = {{{spec}}}, delim = ',', quote = '\"', "
                f"escape = '\"', null_padding = true, strict_mode = false"
                + (", parallel = false" if quoted else "")
                + ")"
            )
        if not selects:
            selects.append("SELECT " + ", ".join(f'CAST(NULL AS VARCHAR) AS "{c}"' for c in cols) + " WHERE false")
        con.execute(f"CREATE OR REPLACE VIEW {table} AS " + " UNION ALL ".join(selects))


def run(data_dir, out_path, sql_file):
    sql = metrics_query(data_dir, "duckdb", sql_file)
    t0 = time.monotonic()
    con = duckdb.connect()
    register_tables(con, data_dir)
    try:
        cur = con.execute(sql)
        header = [d[0] for d in cur.description]
        rows = cur.fetchall()
    except duckdb.Error as e:
        sys.exit(f"error: {data_dir}: DuckDB could not run the query: {e}")
    write_metrics(out_path, header, rows)
    con.close()
    if os.environ.get("REPCARD_TIMINGS") == "1":
        print(f"timing: duckdb {time.monotonic() - t0:.3f} s", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pairs", nargs="+", metavar="DATA_DIR OUT.csv")
    ap.add_argument("--sql", metavar="FILE", help="run this saved query instead of asking repcard")
    args = ap.parse_args()
    if len(args.pairs) % 2:
        ap.error("expected DATA_DIR OUT.csv pairs")
    for data_dir, out_path in zip(args.pairs[::2], args.pairs[1::2]):
        run(Path(data_dir), out_path, args.sql)


if __name__ == "__main__":
    main()
