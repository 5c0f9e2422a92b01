#!/usr/bin/env bash
# Nightly cost against history: builds indexes of H records (history), then
# dedups the same 10k-document night against each, and prints the time of the
# history stage and of the whole night. The night's cost should grow with the
# night, not with H.
#
#   bench/index_bench.sh [--build DIR] [--workdir DIR] [--history "10000 100000"]
#   (add 1000000 to --history for the 1M-document index: ~4 GB of JSONL)
set -euo pipefail
build=build; workdir=/tmp/neardup-index-bench; history="10000 100000"
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build=$2; shift 2 ;;
    --workdir) workdir=$2; shift 2 ;;
    --history) history=$2; shift 2 ;;
    *) echo "usage: $0 [--build DIR] [--workdir DIR] [--history \"N ...\"]" >&2; exit 2 ;;
  esac
done
neardup=$build/src/cli/neardup
gen=$build/bench/gen_corpus
mkdir -p "$workdir"
# The night: new originals (seed 7) plus re-scrapes are not needed to time lookups.
[ -f "$workdir/night.jsonl" ] || "$gen" --docs 8300 --seed 7 --out "$workdir/night.jsonl"
printf "%-10s %-12s %-14s %-12s %-10s\n" history index_build_s night_history_s night_total_s night_docs
for h in $history; do
  corpus=$workdir/history-$h.jsonl
  [ -f "$corpus" ] || "$gen" --docs $((h * 5 / 6)) --seed 3 --out "$corpus"
  rm -rf "$workdir/index-$h" "$workdir/out-$h-h" "$workdir/out-$h-n" "$workdir/parts-$h"
  # History arrives night by night: the index is built from nights of at most
  # 100k records, as a nightly job would build it.
  mkdir -p "$workdir/parts-$h"
  split -l 100000 -d -a 3 --additional-suffix=.jsonl "$corpus" "$workdir/parts-$h/night-"
  start=$(date +%s.%N)
  for part in "$workdir/parts-$h"/night-*.jsonl; do
    "$neardup" dedup "$part" --index "$workdir/index-$h" -o "$workdir/out-$h-h" -q --no-passages --no-events
  done
  build_s=$(echo "$(date +%s.%N) - $start" | bc)
  rm -rf "$workdir/parts-$h"
  "$neardup" dedup "$workdir/night.jsonl" --index "$workdir/index-$h" -o "$workdir/out-$h-n" -q --no-passages --no-events
  python3 - "$workdir/out-$h-n/stats.json" "$h" "$build_s" <<'PY'
import json, sys
stats = json.load(open(sys.argv[1]))
t = stats["timings_seconds"]
print(f"{sys.argv[2]:<10} {float(sys.argv[3]):<12.1f} {t.get('history', 0):<14.3f} {t['total']:<12.3f} {stats['records']:<10}")
PY
done
