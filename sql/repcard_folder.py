"""A repcard data folder as the warehouse runners read it: which CSV file belongs to which
table (docs/contract.md §1, §6.2, §6.4), which column is which, the query from `repcard sql`,
and metrics.csv written with the contract's bytes. Shared by sql/run_duckdb.py and
sql/run_spark.py (on a cluster, ship it with `spark-submit --py-files sql/repcard_folder.py`).
"""
import os
import shutil
import subprocess
import sys
from pathlib import Path

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
