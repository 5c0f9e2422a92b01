#!/usr/bin/env bash
# Builds neardup's libFuzzer targets with clang (ASan + UBSan) in their own
# build folder and runs each for a while, starting from the seed corpus in
# tests/fuzz/corpus/<name> (new inputs go to the build folder, the seeds are
# not modified).
#   tests/run_fuzz.sh [SECONDS_PER_TARGET]      default 60
# Prints one line per target with its runs; exits non-zero when a target
# crashes, leaks or times out (the reproducer is under BUILD/artifacts/).
# Needs: clang, libclang-rt-14-dev (Debian 12 packages), meson, ninja.
# BUILD is build-fuzz-ci, or $NEARDUP_FUZZ_BUILD; ninja uses $NEARDUP_JOBS (2).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
build="${NEARDUP_FUZZ_BUILD:-build-fuzz-ci}"
targets=(jsonl_reader tokenizer mojibake utf8)

if [ ! -f "$build/build.ninja" ]; then
  CXX=clang++ CC=clang meson setup "$build" -Dfuzz=true -Dtests=false \
    -Dbench=false --buildtype=debugoptimized >/dev/null
fi
ninja -C "$build" -j "${NEARDUP_JOBS:-2}" $(printf "tests/fuzz/%s_fuzz " "${targets[@]}")

status=0
for name in "${targets[@]}"; do
  work="$build/fuzz-corpus/$name"
  artifacts="$build/artifacts/$name/"
  mkdir -p "$work" "$artifacts"
  log="$build/fuzz-$name.log"
  rc=0
  "$build/tests/fuzz/${name}_fuzz" "$work" "tests/fuzz/corpus/$name" \
    -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$artifacts" >"$log" 2>&1 || rc=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  corpus=$(find "$work" -type f | wc -l)
  if [ "$rc" -eq 0 ]; then
    echo "fuzz $name: ok, ${runs:-0} runs in ${seconds}s, corpus $corpus inputs"
  else
    echo "fuzz $name: FAILED (exit $rc) after ${runs:-?} runs; log $log, reproducer in $artifacts"
    grep -m 20 -E "ERROR|SUMMARY|runtime error|abort" "$log" || true
    status=1
  fi
done
exit "$status"
