#!/usr/bin/env bash
# repcard against DuckDB and the parse floor, on the same generated data, in one run.
#
#   bench/compare.sh [--reps N] [--months N] [--leads-per-rep-month N] [--runs N]
#
# Defaults are issue 4's scale: 500 reps, 24 months, 310 leads per rep and month (about 10 M
# activities, 3.5 M leads, 460 k proposals), and the same company at a tenth of the leads
# (about 1 M activities) to check that time per row stays flat. Each command runs --runs times;
# the table shows medians and the peak RSS of the median run (/usr/bin/time -v). The data is
# generated once under $BENCH_DIR (default /tmp/repcard-bench) with timezone UTC (as in the
# earlier runs; the query handles any zone), and the rows repcard rejects are taken out (the
# SQL trusts validated input). DuckDB runs the query of `repcard sql` (sql/run_duckdb.py,
# `duckdb_sql`) and, for the record, the reference query as it was before issue 11
# (`sql/metrics.sql` of commit 4e2248f, months in UTC only: `duckdb_old_sql`, same runner).
# After the tables, it prints the site's size and phase time and issue 11's four targets,
# each marked met or missed. Needs python3 with duckdb (installed with pip when missing) and
# a git checkout (for the old query).
set -euo pipefail
cd "$(dirname "$0")/.."
reps=500 months=24 lprm=310 runs=3
while [ $# -gt 0 ]; do
  case "$1" in
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
rm -f "$work"/lines-*.txt "$work"/site-*.txt "$work/hashed.txt" "$work"/timings-*.txt
cargo build --release --quiet --bin repcard --example parse_floor
bin="$CARGO_TARGET_DIR/release/repcard"
floor="$CARGO_TARGET_DIR/release/examples/parse_floor"
python3 -c "import duckdb" 2>/dev/null || python3 -m pip install -q duckdb
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
git show 4e2248f:sql/metrics.sql > "$work/old_metrics.sql"
# Outputs of an earlier run that stopped half-way are moved aside, deleted at the end.
for old in "$work"/out "$work"/out-*; do
  [ -e "$old" ] && mv "$old" "$work/old-$(basename "$old")-$$"
done

# measure LABEL CMD...: runs CMD $runs times; prints "LABEL median_seconds peak_rss_mb". A
# `{run}` in an argument becomes the run's number, so each build writes a new folder.
measure() {
  local label=$1; shift
  local results=()
  for run in $(seq "$runs"); do
    local args=("${@//\{run\}/$run}")
    /usr/bin/time -v -o "$work/time.txt" "${args[@]}" >/dev/null 2>"$work/stderr.txt" || {
      cat "$work/stderr.txt" >&2; exit 1; }
    # repcard's own phase times (REPCARD_TIMINGS=1), kept per label.
    grep '^timing' "$work/stderr.txt" > "$work/timings-$label-$run.txt" || true
    local secs rss
    secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$work/time.txt")
    rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$work/time.txt")
    results+=("$secs $rss")
  done
  printf '%s\n' "${results[@]}" | sort -n | awk -v l="$label" '{a[NR]=$0} END {split(a[int((NR+1)/2)],m," "); print l, m[1], m[2]}'
}

# Every build writes a folder of its own, and every output is deleted only at the end of the
# script: on ext4 without a journal (as /tmp here) creating files in the minutes after many
# were deleted costs far more (the site's 1,560 files took up to 1 CPU-s more after a
# deletion of the same size), which is not what a monthly run into its own output folder
# meets. (Run the script twice in a row and the second run meets the first one's deletion.)
report() {
  local data=$1 rows=$2
  local out="$work/out-$rows"
  mkdir -p "$out"
  local lines=()
  lines+=("$(measure duckdb_sql env REPCARD="$bin" python3 sql/run_duckdb.py "$data" "$out/duckdb.csv")")
  lines+=("$(measure duckdb_old_sql env REPCARD="$bin" python3 sql/run_duckdb.py "$data" "$out/duckdb_old.csv" --sql "$work/old_metrics.sql")")
  lines+=("$(measure parse_floor "$floor" "$data")")
  lines+=("$(measure repcard_check "$bin" check "$data")")
  lines+=("$(measure repcard_build env REPCARD_TIMINGS=1 "$bin" build "$data" -o "$out/site-{run}")")
  local site="$out/site-1"
  if cmp -s "$site/metrics.csv" "$out/duckdb.csv" && cmp -s "$site/metrics.csv" "$out/duckdb_old.csv"; then agree=yes; else agree=NO; fi
  printf '%s\n' "${lines[@]}" > "$work/lines-$rows.txt"
  printf '%s\n' "${lines[@]}" | awk -v rows="$rows" -v agree="$agree" '
    { t[$1]=$2; r[$1]=$3; order[NR]=$1 }
    END {
      printf "| %-14s | %9s | %10s | %11s | %10s | %13s |\n", "command", "median s", "÷ DuckDB", "÷ floor", "peak RSS", "µs / activity"
      printf "|%s|%s|%s|%s|%s|%s|\n", "----------------", "-----------", "------------", "-------------", "------------", "---------------"
      for (i=1;i<=NR;i++) { k=order[i];
        printf "| %-14s | %9.2f | %10.2f | %11.2f | %7d MB | %13.3f |\n", k, t[k], t[k]/t["duckdb_sql"], t[k]/t["parse_floor"], r[k], t[k]*1e6/rows }
      printf "\nrepcard metrics.csv = DuckDB metrics.csv (new and old query): %s\n", agree
    }'
  # The site: its pages (HTML, stylesheet, any chart files; not the wiki, the email, the
  # CSV and JSON exports or the archive), the per-rep proposals.csv downloads (file sizes,
  # in MB of 10^6 bytes), and the site phase as repcard timed it in the builds above (the
  # median of the runs).
  local pages csvs
  pages=$(find "$site" -type f \( -name '*.html' -o -name '*.css' -o -name '*.svg' -o -name '*.png' \) \
    -not -path "$site/wiki/*" -not -path "$site/email/*" -printf '%s\n' | awk '{s+=$1} END {print s+0}')
  csvs=$(find "$site/reps" -name proposals.csv -printf '%s\n' | awk '{s+=$1} END {print s+0}')
  mkdir -p "$out/site-first" && cp "$site/metrics.csv" "$out/site-first/"
  site_s=$(cat "$work"/timings-repcard_build-*.txt | sed -n 's/^timings: .*, site \([0-9.]*\) s.*/\1/p' \
    | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  cp "$work/timings-repcard_build-$runs.txt" "$work/timings.txt"
  site_mb=$(awk -v b="$pages" 'BEGIN {printf "%.1f", b/1e6}') csv_mb=$(awk -v b="$csvs" 'BEGIN {printf "%.1f", b/1e6}')
  echo "site: pages $site_mb MB, reps/*/proposals.csv $csv_mb MB, $(find "$site/" -type f | wc -l) files in the whole output folder ($(( $(du -sb "$site/" | cut -f1) / 1000000 )) MB on disk); site phase $site_s s"
  echo "$rows $site_mb $site_s $csv_mb" > "$work/site-$rows.txt"
  echo
  echo '```'
  grep '^timing' "$work/timings.txt"
  echo '```'
}

for scale in 10 1; do
  leads=$(( lprm * scale / 10 ))
  [ "$leads" -ge 1 ] || leads=1
  data="$work/data-$reps-$months-$leads"
  if [ ! -f "$data/reps.csv" ]; then
    rm -rf "$data"
    "$bin" generate "$data" --reps "$reps" --months "$months" --leads-per-rep-month "$leads" >/dev/null
    sed -i 's/^timezone = .*/timezone = "UTC"/' "$data/repcard.toml"
    "$bin" build "$data" -o "$work/clean-site" >/dev/null 2>&1
    python3 bench/drop_rejected.py "$data" "$work/clean-site/rejects.csv"
    rm -rf "$work/clean-site"
  fi
  rows=$(tail -n +2 -q "$data"/activities/*.csv | wc -l)
  bytes=$(du -sb "$data" | cut -f1)
  echo
  echo "## $reps reps, $months months, $leads leads per rep and month: $rows activities, $(( bytes / 1000000 )) MB of CSV"
  echo
  report "$data" "$rows"
  if [ "$scale" = 10 ]; then
    # The generator's lead ids are sequential (L0000001, ...), which repcard looks up through
    # an array; ids of no such form (a Salesforce 00Q5g00000AbCdE) go through its hash table.
    # The same company with every lead id given a trailing letter measures that path.
    hashed="$data-hashed-ids"
    if [ ! -f "$hashed/reps.csv" ]; then
      rm -rf "$hashed"
      cp -r "$data" "$hashed"
      find "$hashed"/{leads,activities,proposals} -name '*.csv' -exec sed -i -E 's/\<L([0-9]+)\>/L\1q/g' {} +
    fi
    echo
    echo "The same company, every lead id with a trailing letter (\`L0000001q\`):"
    echo
    hl=$(measure repcard_build_hashed_ids "$bin" build "$hashed" -o "$work/out-$rows/hashed-site-{run}")
    if cmp -s "$work/out-$rows/hashed-site-1/metrics.csv" "$work/out-$rows/site-first/metrics.csv"; then same=yes; else same=NO; fi
    echo "$hl" | awk -v rows="$rows" -v same="$same" '{ printf "repcard build: %.2f s, peak RSS %d MB, %.3f µs / activity; metrics.csv identical to the sequential ids'"'"' one: %s\n", $2, $3, $2*1e6/rows, same }'
    echo "$hl" > "$work/hashed.txt"
  fi
done
# Issue 11's targets, from the 10 M run (the first) and the 1 M run (the second).
echo
echo "## Targets (issue 11)"
echo
big_rows=$(ls "$work"/lines-*.txt | sed 's/.*lines-\([0-9]*\).txt/\1/' | sort -n | tail -1)
small_rows=$(ls "$work"/lines-*.txt | sed 's/.*lines-\([0-9]*\).txt/\1/' | sort -n | head -1)
cat "$work/lines-$big_rows.txt" | awk -v big="$big_rows" -v small="$small_rows" \
  -v small_build="$(awk '$1=="repcard_build" {print $2}' "$work/lines-$small_rows.txt")" \
  -v site="$(cat "$work/site-$big_rows.txt")" -v hashed="$(cat "$work/hashed.txt" 2>/dev/null)" '
  function mark(ok) { return ok ? "met" : "**missed**" }
  { t[$1]=$2; r[$1]=$3 }
  END {
    split(site, s, " "); split(hashed, h, " ")
    best = t["duckdb_sql"] < t["duckdb_old_sql"] ? t["duckdb_sql"] : t["duckdb_old_sql"]
    per_big = t["repcard_build"] / big; per_small = small_build / small
    print "| target | measured | |"
    print "|---|---|---|"
    printf "| full build ≤ 0.5 × the best DuckDB query | %.2f × (%.2f s against %.2f s) | %s |\n", t["repcard_build"]/best, t["repcard_build"], best, mark(t["repcard_build"] <= 0.5*best)
    printf "| full build ≤ 4 × the parse floor | %.2f × (%.2f s against %.2f s) | %s |\n", t["repcard_build"]/t["parse_floor"], t["repcard_build"], t["parse_floor"], mark(t["repcard_build"] <= 4*t["parse_floor"])
    printf "| peak RSS ≤ 256 MB | %d MB | %s |\n", r["repcard_build"], mark(r["repcard_build"] <= 256)
    printf "| linear or better, 1 M → 10 M (time per activity grows ≤ 10 %%) | %.3f → %.3f µs per activity | %s |\n", per_small*1e6, per_big*1e6, mark(per_big <= 1.1*per_small)
    printf "| (not a target) full build with lead ids of no sequential form | %.2f s, %d MB: %.2f × the best DuckDB query | |\n", h[2], h[3], h[2]/best
    printf "| site phase ≤ 0.5 s | %.2f s | %s |\n", s[3], mark(s[3] <= 0.5)
    printf "| site ≤ 40 MB: the pages | %.1f MB | %s |\n", s[2], mark(s[2] <= 40)
    printf "| site ≤ 40 MB: the pages and every rep'"'"'s proposals.csv | %.1f MB | %s |\n", s[2]+s[4], mark(s[2]+s[4] <= 40)
  }'
rm -rf "$work"/out-* "$work"/old-*
echo
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg); $(uname -r); $("$bin" --version); duckdb $(python3 -c 'import duckdb; print(duckdb.__version__)')"
