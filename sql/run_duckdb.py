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
import sys
import time
from pathlib import Path

import duckdb

from repcard_folder import (
    COLUMNS,
    table_files,
    local_files,
    column_map,
    metrics_query,
    write_metrics,
)


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
