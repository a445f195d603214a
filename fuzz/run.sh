#!/usr/bin/env bash
# Runs every fuzz target under libFuzzer for a bounded time; a panic, a hang (-timeout) or
# runaway memory (-rss_limit_mb) fails, and the input is kept under fuzz/artifacts/<target>/.
#
# The targets are built the way `cargo fuzz build --sanitizer none` builds them (the
# toolchain is stable, so there is no sanitizer): the same coverage instrumentation flags,
# set here directly so that CI need not compile cargo-fuzz itself (about 80 s on a fresh
# machine). One difference, for the same reason: the crates keep the release profile's 16
# codegen units where cargo-fuzz forces one (faster to build, somewhat slower to run, which
# a 15-second smoke run can afford). For longer fuzzing, `cargo fuzz run TARGET` in this
# folder works as usual.
set -euo pipefail
cd "$(dirname "$0")"
export CARGO_TARGET_DIR="${FUZZ_TARGET_DIR:-/tmp/repcard-fuzz-target}"
seconds="${FUZZ_SECONDS:-15}"
scratch="${FUZZ_CORPUS_DIR:-/tmp/repcard-fuzz-corpus}"
triple="$(rustc -vV | sed -n 's/^host: //p')"
targets=(record_reader timestamp money spreadsheet whole_folder)

# cargo-fuzz 0.13's flags for --sanitizer none on Linux (src/project.rs).
RUSTFLAGS="-Cpasses=sancov-module \
 -Cllvm-args=-sanitizer-coverage-level=4 \
 -Cllvm-args=-sanitizer-coverage-inline-8bit-counters \
 -Cllvm-args=-sanitizer-coverage-pc-table \
 -Cllvm-args=-sanitizer-coverage-trace-compares \
 -Cllvm-args=-simplifycfg-branch-fold-threshold=0 \
 -Cllvm-args=-sanitizer-coverage-stack-depth \
 --cfg fuzzing" \
  cargo build --quiet --release --config 'profile.release.debug="line-tables-only"' \
  --target "$triple" --bins

for target in "${targets[@]}"; do
  mkdir -p "$scratch/$target" "artifacts/$target"
  log="$scratch/$target.log"
  if ! "$CARGO_TARGET_DIR/$triple/release/$target" -artifact_prefix="artifacts/$target/" \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=1024 \
      "$scratch/$target" "corpus/$target" >"$log" 2>&1; then
    tail -n 60 "$log"
    echo "fuzz target $target failed; the input is under fuzz/artifacts/$target/" >&2
    exit 1
  fi
  # A build without the instrumentation would run blind: libFuzzer then reports no counters.
  if ! grep -qE 'INFO: Loaded [0-9]+ modules +\([1-9][0-9]* inline 8-bit counters\)' "$log"; then
    tail -n 20 "$log"
    echo "fuzz target $target ran without coverage instrumentation" >&2
    exit 1
  fi
  echo "fuzz $target: $(grep -E '^Done [0-9]+ runs' "$log" | tail -n 1)"
done
