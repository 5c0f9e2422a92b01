#!/usr/bin/env bash
# Builds neardup and its tests with sanitizers in their own build folder and
# runs the whole test suite there:
#   tests/run_sanitizers.sh           AddressSanitizer + UndefinedBehaviorSanitizer
#   tests/run_sanitizers.sh thread    ThreadSanitizer: the parallel loops, the
#                                     scan, every stage at several thread
#                                     counts (the MPI module is not built:
#                                     Open MPI's threads are not instrumented)
# Prints "N passed, N failed, N skipped" (as setup.sh test does) and exits
# non-zero when a test fails or a sanitizer reports an error (UBSan and TSan
# halt on the first report, so a report is a failed test; tests/tsan.supp
# lists what is not ours to fix). Needs what the normal build needs (gcc's
# sanitizer runtimes come with g++). BUILD is build-asan-ci or
# build-tsan-ci, or $NEARDUP_ASAN_BUILD / $NEARDUP_TSAN_BUILD; ninja uses
# $NEARDUP_JOBS (2).
set -euo pipefail
cd "$(dirname "$0")/.."

jobs="${NEARDUP_JOBS:-2}"
if [ "${1:-address}" = thread ]; then
  build="${NEARDUP_TSAN_BUILD:-build-tsan-ci}"
  setup=(-Db_sanitize=thread -Dmpi=disabled)
  export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$PWD/tests/tsan.supp"
  timeout_multiplier=6
else
  build="${NEARDUP_ASAN_BUILD:-build-asan-ci}"
  setup=(-Db_sanitize=address,undefined)
  export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1"
  export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
  timeout_multiplier=4
fi

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "${setup[@]}" -Db_lundef=false -Dbench=false \
    --buildtype=debugoptimized >/dev/null
fi
ninja -C "$build" -j "$jobs"

status=0
meson test -C "$build" --print-errorlogs --num-processes "$jobs" \
  --timeout-multiplier "$timeout_multiplier" || status=$?

python3 tests/summarize_testlog.py "$build/meson-logs/testlog.json"
exit "$status"
