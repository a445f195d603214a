#!/usr/bin/env bash
# The warehouse path's engines against repcard on one generated company, in one run:
#
#   bench/sql_engines.sh [--reps N] [--months N] [--leads-per-rep-month N] [--runs N] [--no-spark]
#
# Defaults: bench/compare.sh's 1 M-activity company (500 reps, 24 months, 31 leads per rep
# and month, timezone UTC, repcard's rejected rows taken out), under $BENCH_DIR (default
# /tmp/repcard-bench), generated once. Times, --runs times each (medians shown):
#   repcard_build   `repcard build`
#   duckdb_before   the DuckDB path before issue 12: sql/duckdb_metrics.py and sql/metrics.sql
#                   of commit 4e2248f (month/UTC only; one read_csv per file)
#   duckdb_old_sql  sql/run_duckdb.py running that old sql/metrics.sql
#   duckdb          sql/run_duckdb.py running the query `repcard sql --dialect duckdb` prints
#   spark_local2    sql/run_spark.py, PySpark local[2]: JVM start, reading and caching the
#                   CSV files, the query (`repcard sql --dialect spark`), writing metrics.csv;
#                   then once more in one session, for the query's time in a warm JVM
# Peak RSS is that of the whole process tree (the JVM included), sampled every 50 ms. Every
# engine's metrics.csv is compared with repcard's. Needs python3 with duckdb and pyspark, and
# Java 17.
set -euo pipefail
cd "$(dirname "$0")/.."
reps=500 months=24 lprm=31 runs=3 spark=yes
while [ $# -gt 0 ]; do
  case "$1" in
    --no-spark) spark=no; shift ;;
    --reps) reps=$2; shift 2 ;;
    --months) months=$2; shift 2 ;;
    --leads-per-rep-month) lprm=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
work="${BENCH_DIR:-/tmp/repcard-bench}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/tmp/repcard-bench-target}"
mkdir -p "$work"
cargo build --release --quiet --bin repcard
bin="$CARGO_TARGET_DIR/release/repcard"
export REPCARD="$bin"
data="$work/data-$reps-$months-$lprm"
if [ ! -f "$data/reps.csv" ]; then
  rm -rf "$data"
  "$bin" generate "$data" --reps "$reps" --months "$months" --leads-per-rep-month "$lprm" >/dev/null
  sed -i 's/^timezone = .*/timezone = "UTC"/' "$data/repcard.toml"
  "$bin" build "$data" -o "$work/clean-site" >/dev/null 2>&1
  python3 bench/drop_rejected.py "$data" "$work/clean-site/rejects.csv"
  rm -rf "$work/clean-site"
fi
out="$work/sql-engines"
rm -rf "$out" && mkdir -p "$out/before"
git show 4e2248f:sql/metrics.sql > "$out/before/metrics.sql"
git show 4e2248f:sql/duckdb_metrics.py > "$out/before/duckdb_metrics.py"

# measure LABEL CMD...: runs CMD $runs times; prints "LABEL median_seconds peak_rss_mb".
measure() {
  local label=$1; shift
  local results=()
  for _ in $(seq "$runs"); do
    python3 bench/peak_rss.py "$out/time.txt" "$@" >/dev/null 2>"$out/stderr.txt" || {
      cat "$out/stderr.txt" >&2; exit 1; }
    results+=("$(cat "$out/time.txt")")
  done
  printf '%s\n' "${results[@]}" | sort -n | awk -v l="$label" '{a[NR]=$0} END {split(a[int((NR+1)/2)],m," "); print l, m[1], m[2]}'
}

rows=$(tail -n +2 -q "$data"/activities/*.csv | wc -l)
lines=()
lines+=("$(measure repcard_build "$bin" build "$data" -o "$out/site")")
lines+=("$(measure duckdb_before python3 "$out/before/duckdb_metrics.py" "$data" "$out/duckdb_before.csv")")
lines+=("$(measure duckdb_old_sql python3 sql/run_duckdb.py "$data" "$out/duckdb_old_sql.csv" --sql "$out/before/metrics.sql")")
lines+=("$(measure duckdb python3 sql/run_duckdb.py "$data" "$out/duckdb.csv")")
engines="duckdb_before duckdb_old_sql duckdb"
if [ "$spark" = yes ]; then
  lines+=("$(measure spark_local2 env REPCARD_TIMINGS=1 python3 sql/run_spark.py "$data" "$out/spark_local2.csv")")
  cold=$(grep '^timing: spark' "$out/stderr.txt" | sed 's/^timing: //' | paste -sd ';' -)
  env REPCARD_TIMINGS=1 python3 sql/run_spark.py "$data" "$out/spark_cold.csv" "$data" "$out/spark_warm.csv" >/dev/null 2>"$out/stderr.txt"
  warm=$(grep '^timing: spark [0-9]' "$out/stderr.txt" | tail -1 | sed 's/^timing: spark //')
  engines="$engines spark_local2"
fi
echo
echo "## $reps reps, $months months, $lprm leads per rep and month: $rows activities, $(( $(du -sb "$data" | cut -f1) / 1000000 )) MB of CSV"
echo
printf '%s\n' "${lines[@]}" | awk -v rows="$rows" '
  { t[$1]=$2; r[$1]=$3; order[NR]=$1 }
  END {
    printf "| %-14s | %9s | %12s | %10s | %13s |\n", "command", "median s", "÷ repcard", "peak RSS", "µs / activity"
    printf "|%s|%s|%s|%s|%s|\n", "----------------", "-----------", "--------------", "------------", "---------------"
    for (i=1;i<=NR;i++) { k=order[i];
      printf "| %-14s | %9.2f | %12.2f | %7d MB | %13.3f |\n", k, t[k], t[k]/t["repcard_build"], r[k], t[k]*1e6/rows }
  }'
echo
if [ "$spark" = yes ]; then
  echo "spark_local2, its last run: $cold (reading, caching and the query); the same again in that session's warm JVM: $warm"
fi
for engine in $engines; do
  if cmp -s "$out/site/metrics.csv" "$out/$engine.csv"; then agree=yes; else agree=NO; fi
  echo "metrics.csv of $engine = repcard's: $agree"
done
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg); $(uname -r); $("$bin" --version); duckdb $(python3 -c 'import duckdb; print(duckdb.__version__)'); pyspark $(python3 -c 'import pyspark; print(pyspark.__version__)')"
