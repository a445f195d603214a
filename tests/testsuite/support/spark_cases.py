#!/usr/bin/env python3
"""Runs sql/run_spark.py over several companies in one Spark session, for
tests/sql_agreement.rs (a JVM starts once, not once per company).

    python3 tests/support/spark_cases.py RUN_SPARK.py DATA OUT [DATA OUT ...] \
        --tables-case DATA OUT

The DATA OUT pairs go through run_spark.py's command line as they are. The --tables-case
company (from `repcard generate`: local times without offsets) is then loaded into typed
global temporary views -- TIMESTAMP instants, TIMESTAMP_NTZ local times, DATE, DECIMAL,
DOUBLE, BOOLEAN -- and read back with `--tables global_temp`, as warehouse tables would be.
"""
import importlib.util
import sys
import tomllib
from pathlib import Path

from pyspark.sql import SparkSession
from pyspark.sql import functions as F


def main():
    script, args = sys.argv[1], sys.argv[2:]
    i = args.index("--tables-case")
    pairs, (tables_data, tables_out) = args[:i], args[i + 1 : i + 3]
    # run_spark.py imports repcard_folder.py from its own folder, as `python3 sql/run_spark.py` does.
    sys.path.insert(0, str(Path(script).resolve().parent))
    spec = importlib.util.spec_from_file_location("run_spark", script)
    rs = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(rs)

    sys.argv = ["run_spark.py", *pairs]
    rs.main()

    spark = SparkSession.getActiveSession()
    zone = tomllib.loads(Path(tables_data, "repcard.toml").read_text())["timezone"]
    frames = rs.csv_tables(spark, Path(tables_data))
    typed = {
        "reps": frames["reps"].select(
            "rep_id", "name", "team",
            F.col("monthly_quota").cast("decimal(12, 2)").alias("monthly_quota"),
            F.to_date("start_date").alias("start_date"),
            F.to_date("end_date").alias("end_date"),
        ),
        "leads": frames["leads"].select(
            F.col("lead_id").alias("LEAD_ID"), "rep_id",
            F.expr("to_timestamp_ntz(created_at)").alias("created_at"),
            F.col("qualified").cast("boolean").alias("qualified"),
        ),
        "activities": frames["activities"].select(
            "rep_id", "lead_id",
            F.to_utc_timestamp(F.expr("to_timestamp_ntz(at)"), zone).alias("at"),
            "type",
        ),
        "proposals": frames["proposals"].select(
            "proposal_id", "rep_id",
            F.expr("to_timestamp_ntz(created_at)").alias("created_at"),
            F.col("amount").cast("double").alias("amount"),
            "status",
            F.to_date("closed_at").alias("closed_at"),
        ),
    }
    for table, df in typed.items():
        df.createOrReplaceGlobalTempView(table)
    sys.argv = ["run_spark.py", tables_data, tables_out, "--tables", "global_temp"]
    rs.main()


if __name__ == "__main__":
    main()
