#!/usr/bin/env bash
# Builds neardup and its tests with ThreadSanitizer in their own build folder
# and runs the test suite there: the parallel loops, the scan, every stage
# at several thread counts, and the runs of the neardup binary the end-to-end
# tests make (the MPI module is not built: Open MPI's own threads are not
# instrumented).
#   tests/run_tsan.sh
# Prints "N passed, N failed, N skipped" (as setup.sh test does) and exits
# non-zero when a test fails or ThreadSanitizer reports a race (it halts on
# the first report, so a report is a failed test; tests/tsan.supp lists what
# is not ours to fix). BUILD is build-tsan-ci, or
# $NEARDUP_TSAN_BUILD; ninja uses $NEARDUP_JOBS (2).
set -euo pipefail
cd "$(dirname "$0")/.."

build="${NEARDUP_TSAN_BUILD:-build-tsan-ci}"
jobs="${NEARDUP_JOBS:-2}"

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" -Db_sanitize=thread -Db_lundef=false -Dbench=false -Dmpi=disabled \
    --buildtype=debugoptimized >/dev/null
fi
ninja -C "$build" -j "$jobs"

export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$PWD/tests/tsan.supp"
status=0
meson test -C "$build" --print-errorlogs --num-processes "$jobs" \
  --timeout-multiplier 6 || status=$?

python3 tests/summarize_testlog.py "$build/meson-logs/testlog.json"
exit "$status"
