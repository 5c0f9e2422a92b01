#!/usr/bin/env bash
# Builds neardup and its tests with AddressSanitizer + UndefinedBehavior-
# Sanitizer in their own build folder and runs the whole test suite there.
#   tests/run_sanitizers.sh
# Prints "N passed, N failed, N skipped" (as setup.sh test does) and exits
# non-zero when a test fails or a sanitizer reports an error (UBSan halts on
# the first report, so a report is a failed test). Needs what the normal
# build needs (gcc's libasan/libubsan come with g++). BUILD is build-asan-ci,
# or $NEARDUP_ASAN_BUILD; ninja uses $NEARDUP_JOBS (2).
set -euo pipefail
cd "$(dirname "$0")/.."

build="${NEARDUP_ASAN_BUILD:-build-asan-ci}"
jobs="${NEARDUP_JOBS:-2}"

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" -Db_sanitize=address,undefined -Db_lundef=false \
    -Dbench=false --buildtype=debugoptimized >/dev/null
fi
ninja -C "$build" -j "$jobs"

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
status=0
meson test -C "$build" --print-errorlogs --num-processes "$jobs" \
  --timeout-multiplier 4 || status=$?

python3 tests/summarize_testlog.py "$build/meson-logs/testlog.json"
exit "$status"
