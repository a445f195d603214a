#!/usr/bin/env python3
"""Compute metrics.csv with Spark SQL from a repcard data folder's CSV tables, or from
warehouse tables.

    python3 sql/run_spark.py DATA_DIR OUT.csv [DATA_DIR2 OUT2.csv ...]
        [--master URL] [--sql FILE] [--tables SPEC]
    spark-submit --master yarn sql/run_spark.py DATA_URI OUT.csv --sql metrics-spark.sql

The query is what `repcard sql DATA_DIR --dialect spark` prints for the folder's
repcard.toml (the binary is $REPCARD, else `repcard` on the PATH, else `cargo run
--release` in this repository); `--sql FILE` runs a saved query instead, which is how a
cluster without repcard runs it. DATA_DIR is a local folder or a URI Spark's file systems
read (hdfs://, s3a://, abfss://, gs://, dbfs:/, file://); its CSV files are assigned to
tables as repcard does (docs/contract.md §1, §6.2, §6.4). With --tables the four tables
come from the catalog instead (DATA_DIR then only gives repcard.toml, and with --sql
nothing): SPEC is a database (`crm` reads crm.reps, crm.leads, crm.activities,
crm.proposals) and/or TABLE=NAME pairs, comma-separated (`crm,reps=hr.sales_reps`).
The input must be rows that `repcard check --strict` accepts: the query does not reject
rows. OUT.csv, a path on the driver, gets the contract's bytes (UTF-8, `\\n`, quotes only
where needed). The master is --master, else the one spark-submit or the notebook set, else
local[2]. Several DATA_DIR OUT.csv pairs share one Spark session.
"""
import argparse
import csv
import io
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

from pyspark import SparkConf
from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

try:
    from pyspark.errors import PySparkException as SparkError
except ImportError:  # PySpark before 3.4
    from pyspark.sql.utils import CapturedException as SparkError

# --- shared with run_duckdb.py (tests/sql_agreement.rs keeps the two copies identical) ---

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


def is_uri(path):
    """Whether a path names a file system by its scheme (file:, hdfs:, s3a:, dbfs:, ...)."""
    return re.match(r"[A-Za-z][A-Za-z0-9+.-]+:", str(path)) is not None


def hadoop_files(spark, uri):
    """Every file under a URI, through Spark's Hadoop file systems, as (relative parts, uri)."""
    jvm = spark._jvm
    root = jvm.org.apache.hadoop.fs.Path(str(uri))
    fs = root.getFileSystem(spark._jsc.hadoopConfiguration())
    prefix = fs.makeQualified(root).toString().rstrip("/") + "/"
    found = []
    it = fs.listFiles(root, True)
    while it.hasNext():
        path = it.next().getPath().toString()
        if path.startswith(prefix):
            found.append((tuple(path[len(prefix):].split("/")), path))
    return found


def read_header(spark, path):
    """The header cells of a CSV file (its first line; a UTF-8 byte-order mark dropped)."""
    if is_uri(path):
        jvm = spark._jvm
        p = jvm.org.apache.hadoop.fs.Path(path)
        stream = p.getFileSystem(spark._jsc.hadoopConfiguration()).open(p)
        try:
            line = jvm.java.io.BufferedReader(jvm.java.io.InputStreamReader(stream, "UTF-8")).readLine() or ""
        finally:
            stream.close()
        return next(csv.reader(io.StringIO(line.lstrip("\ufeff"))), [])
    with open(path, newline="", encoding="utf-8-sig") as f:
        return next(csv.reader(f), [])


def quoted(name):
    return "`" + name.replace("`", "``") + "`"


def empty_table(spark, table):
    schema = T.StructType([T.StructField(c, T.StringType()) for c in COLUMNS[table]])
    return spark.createDataFrame([], schema)


def csv_tables(spark, data_dir):
    """The four tables from the folder's CSV files: every contract column as text, NULL where
    a file lacks it, implied types filled in."""
    found = hadoop_files(spark, data_dir) if is_uri(data_dir) else local_files(data_dir)
    files = table_files(found)
    out = {}
    for table, cols in COLUMNS.items():
        groups = {}
        for path, implied in files[table]:
            groups.setdefault((tuple(read_header(spark, path)), implied), []).append(path)
        frames = []
        for (header, implied), paths in groups.items():
            # multiLine: a quoted cell may hold a line break (each file is then read by one
            # task; split a huge export into several files to spread it).
            df = spark.read.csv(paths, header=True, multiLine=True, quote='"', escape='"', mode="PERMISSIVE")
            where = column_map(header, table)
            exprs = []
            for c in cols:
                i = where[c]
                src = F.col(quoted(df.columns[i])) if i is not None and i < len(df.columns) else F.lit(None)
                src = src.cast("string")
                if c == "type" and implied:
                    src = F.coalesce(F.expr(f"nullif(trim({quoted(df.columns[i])}), '')") if i is not None else F.lit(None), F.lit(implied))
                exprs.append(src.alias(c))
            frames.append(df.select(*exprs))
        out[table] = union_all(frames) if frames else empty_table(spark, table)
    return out


def union_all(frames):
    df = frames[0]
    for f in frames[1:]:
        df = df.union(f)
    return df


def as_text(field):
    """A warehouse column as the contract's text: timestamps with their offset (instants)
    or without (local wall-clock time, TIMESTAMP_NTZ), dates, plain decimals."""
    col = F.col(quoted(field.name))
    t = field.dataType
    if isinstance(t, T.StringType):
        return col
    if type(t).__name__ == "TimestampNTZType":
        return F.date_format(col, "yyyy-MM-dd HH:mm:ss")
    if isinstance(t, T.TimestampType):
        # An instant: written in UTC with its offset (the session time zone is UTC).
        return F.date_format(col, "yyyy-MM-dd HH:mm:ssXXX")
    if isinstance(t, T.DateType):
        return F.date_format(col, "yyyy-MM-dd")
    if isinstance(t, (T.FloatType, T.DoubleType)):
        return col.cast("decimal(28, 10)").cast("string")
    return col.cast("string")


def catalog_tables(spark, spec):
    """The four tables from the catalog (--tables SPEC)."""
    prefix, names = None, {}
    for item in filter(None, (s.strip() for s in spec.split(","))):
        if "=" in item:
            table, name = (s.strip() for s in item.split("=", 1))
            if table not in COLUMNS:
                sys.exit(f"error: --tables: {table!r} is not a table; expected one of {', '.join(COLUMNS)}")
            names[table] = name
        else:
            prefix = item
    out = {}
    for table, cols in COLUMNS.items():
        name = names.get(table) or (f"{prefix}.{table}" if prefix else None)
        if not name:
            sys.exit(f"error: --tables gives no table for {table} (name a database, or {table}=NAME)")
        df = spark.table(name)
        fields = {f.name.strip().lower(): f for f in df.schema.fields}
        exprs = [
            (as_text(fields[c]) if c in fields else F.lit(None).cast("string")).alias(c)
            for c in cols
        ]
        out[table] = df.select(*exprs)
    return out


def session(master):
    """The Spark session: the notebook's or spark-submit's, else local[2] (or --master)."""
    active = SparkSession.getActiveSession()
    if active is not None and master is None:
        return active
    builder = SparkSession.builder.appName("repcard metrics")
    if master is None and not SparkConf().contains("spark.master"):
        master = "local[2]"
    if master is not None:
        builder = builder.master(master)
        if master.startswith("local"):
            # Small local runs: a few shuffle partitions, no web UI.
            builder = builder.config("spark.sql.shuffle.partitions", "8").config("spark.ui.enabled", "false")
    builder = (
        builder.config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.showConsoleProgress", "false")
    )
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    spark.conf.set("spark.sql.session.timeZone", "UTC")
    return spark


def settings_folder(data_dir, sql_file):
    """Where `repcard sql` finds repcard.toml: the folder itself, or a file:// URI's path.
    Other URIs need a saved query."""
    if not is_uri(data_dir) or sql_file:
        return data_dir
    if str(data_dir).startswith("file:"):
        return Path(urllib.parse.urlparse(str(data_dir)).path)
    sys.exit(
        f"error: {data_dir} is not a local folder, so repcard can't read its repcard.toml: "
        "print the query where it is (repcard sql DATA_DIR --dialect spark > metrics-spark.sql) "
        "and pass --sql metrics-spark.sql"
    )


def run(spark, data_dir, out_path, sql_file, tables):
    sql = metrics_query(settings_folder(data_dir, sql_file), "spark", sql_file)
    t0 = time.monotonic()
    frames = catalog_tables(spark, tables) if tables else csv_tables(spark, data_dir)
    for table, df in frames.items():
        # The query reads each table more than once; read and parse the files once.
        df.cache().createOrReplaceTempView(table)
    try:
        result = spark.sql(sql)
        header = result.columns
        rows = [tuple(r) for r in result.collect()]
    except SparkError as e:
        sys.exit(f"error: {data_dir}: Spark could not run the query: {str(e).splitlines()[0]}")
    write_metrics(out_path, header, rows)
    for df in frames.values():
        df.unpersist()
    if os.environ.get("REPCARD_TIMINGS") == "1":
        print(f"timing: spark {time.monotonic() - t0:.3f} s", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pairs", nargs="+", metavar="DATA_DIR OUT.csv")
    ap.add_argument("--master", metavar="URL", help="Spark master (default: spark-submit's, else local[2])")
    ap.add_argument("--sql", metavar="FILE", help="run this saved query instead of asking repcard")
    ap.add_argument("--tables", metavar="SPEC", help="read catalog tables instead of CSV files")
    args = ap.parse_args()
    if len(args.pairs) % 2:
        ap.error("expected DATA_DIR OUT.csv pairs")
    t0 = time.monotonic()
    spark = session(args.master)
    if os.environ.get("REPCARD_TIMINGS") == "1":
        print(f"timing: spark session {time.monotonic() - t0:.3f} s", file=sys.stderr)
    for data_dir, out_path in zip(args.pairs[::2], args.pairs[1::2]):
        run(spark, data_dir if is_uri(data_dir) else Path(data_dir), out_path, args.sql, args.tables)


if __name__ == "__main__":
    main()
