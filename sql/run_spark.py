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

from repcard_folder import (
    COLUMNS,
    table_files,
    local_files,
    column_map,
    metrics_query,
    write_metrics,
)


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
