#!/usr/bin/env bash
# Runs every fuzz target under libFuzzer for a bounded time. The machine's toolchain is stable,
# so the targets are built with coverage instrumentation but without a sanitizer
# (`--sanitizer none`); a panic, a hang (-timeout) or runaway memory (-rss_limit_mb) fails.
set -euo pipefail
cd "$(dirname "$0")"
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked --version 0.13.2
export CARGO_TARGET_DIR="${FUZZ_TARGET_DIR:-/tmp/repcard-fuzz-target}"
seconds="${FUZZ_SECONDS:-15}"
scratch="${FUZZ_CORPUS_DIR:-/tmp/repcard-fuzz-corpus}"
for target in record_reader timestamp money spreadsheet whole_folder; do
  mkdir -p "$scratch/$target"
  log="$scratch/$target.log"
  if ! cargo fuzz run --sanitizer none "$target" "$scratch/$target" "corpus/$target" -- \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=1024 >"$log" 2>&1; then
    tail -n 60 "$log"
    echo "fuzz target $target failed; the input is under fuzz/artifacts/$target/" >&2
    exit 1
  fi
  echo "fuzz $target: $(grep -E '^Done [0-9]+ runs' "$log" | tail -n 1)"
done
