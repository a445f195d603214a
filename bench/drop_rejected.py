#!/usr/bin/env python3
"""Removes from a data folder's files the rows that repcard rejects, so that the SQL path
(which trusts validated input) and repcard read the same rows.

    python3 bench/drop_rejected.py DATA_DIR REJECTS.csv

REJECTS.csv is the rejects.csv of a `repcard build DATA_DIR` (file,line,...). `repcard
generate` plants a few bad rows for the data-quality page; this takes them out.
"""
import collections
import csv
import sys
from pathlib import Path

data, rejects = Path(sys.argv[1]), sys.argv[2]
lines = collections.defaultdict(set)
with open(rejects, newline="", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        lines[row["file"]].add(int(row["line"]))
for name, drop in lines.items():
    path = data / name
    kept = [l for i, l in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if i not in drop]
    path.write_text("\n".join(kept), encoding="utf-8")
print(f"dropped {sum(map(len, lines.values()))} rejected row(s)", file=sys.stderr)
