#!/usr/bin/env bash
# How long the report site (HTML pages and SVG charts, the part after the metrics) takes
# for a large company: `repcard generate --reps 500 --months 24`, on 2 cores.
#
#   bench/site.sh [REPS] [MONTHS]
#
# Prints the time of a metrics-only run (`repcard check`: ingest + metrics), of a full
# `repcard build`, and the build's own phase timings (REPCARD_TIMINGS=1), best of 3.
# Record the figures in BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
reps=${1:-500}
months=${2:-24}
export RAYON_NUM_THREADS=${RAYON_NUM_THREADS:-2}
pin=()
if command -v taskset >/dev/null && [ "$(nproc)" -gt 2 ]; then
    pin=(taskset -c 0,1)
fi

cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-target}/release/repcard
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$bin" generate "$work/data" --reps "$reps" --months "$months" --seed 1 >/dev/null 2>&1
echo "data: $(du -sh "$work/data" | cut -f1) in $(find "$work/data" -name '*.csv' | wc -l) CSV files"

best() { # best wall time of 3 runs of "$@", in seconds
    local best_ns=""
    for _ in 1 2 3; do
        local s e
        s=$(date +%s%N)
        "$@" >/dev/null 2>&1
        e=$(date +%s%N)
        if [ -z "$best_ns" ] || [ $((e - s)) -lt "$best_ns" ]; then best_ns=$((e - s)); fi
    done
    printf '%d.%03d' $((best_ns / 1000000000)) $(((best_ns / 1000000) % 1000))
}

"${pin[@]}" "$bin" check "$work/data" >/dev/null 2>&1 # warm the page cache
echo "metrics only (repcard check):  $(best "${pin[@]}" "$bin" check "$work/data") s"
echo "full build (repcard build):    $(best "${pin[@]}" "$bin" build "$work/data" -o "$work/site") s"
echo "phases of one build:"
REPCARD_TIMINGS=1 "${pin[@]}" "$bin" build "$work/data" -o "$work/site" 2>&1 | grep '^timings:'
echo "site: $(find "$work/site" -name '*.html' | wc -l) pages, $(du -sh "$work/site" | cut -f1)"
