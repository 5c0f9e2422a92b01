#!/usr/bin/env bash
# Distributed runs of `neardup dedup` under mpirun on one machine: wall time,
# parallel efficiency and bytes shipped per record for 1, 2 and 4 ranks,
# beside the single process. The corpus (bench/gen_corpus) is split into
# FILES JSONL files so that every rank has whole files to read. Ranks beyond
# the machine's cores are oversubscribed: their figures say so. Prints one
# table row per run. Every process runs with --threads T (default 1), so
# that ranks are the only parallelism and the speedup is the distribution's
# own. See docs/DISTRIBUTED.md for the figures it gave.
#
# usage: bench/mpi_bench.sh [--build DIR] [--workdir DIR] [--docs N] [--files F]
#                           [--ranks "1 2 4"] [--mode dedup|full] [--threads T]
set -euo pipefail

build=build
workdir=/tmp/neardup-mpi-bench
docs=100000
files=8
ranks_list="1 2 4"
mode=dedup
threads=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --build) build=$2; shift 2 ;;
    --workdir) workdir=$2; shift 2 ;;
    --docs) docs=$2; shift 2 ;;
    --files) files=$2; shift 2 ;;
    --ranks) ranks_list=$2; shift 2 ;;
    --mode) mode=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
neardup="$build/src/cli/neardup"
gen="$build/bench/gen_corpus"
for tool in "$neardup" "$gen" /usr/bin/time "$(command -v mpirun || echo mpirun)"; do
  [[ -x "$tool" ]] || { echo "missing $tool" >&2; exit 2; }
done
[[ -f "$build/src/cli/neardup_mpi.so" ]] || { echo "no MPI module in $build: configure with -Dmpi=enabled" >&2; exit 2; }
case "$mode" in
  dedup) mode_args=(--no-passages --no-events) ;;
  full) mode_args=() ;;
  *) echo "--mode must be dedup or full" >&2; exit 2 ;;
esac
root=(); [[ $(id -u) -eq 0 ]] && root=(--allow-run-as-root)
cores=$(nproc)

mkdir -p "$workdir"
corpus="$workdir/corpus-$docs"
if [[ ! -f "$corpus/done" ]]; then
  rm -rf "$corpus"; mkdir -p "$corpus"
  "$gen" --docs "$docs" --out "$corpus/all.jsonl" >/dev/null
  split -n "l/$files" -d -a 3 --additional-suffix=.jsonl "$corpus/all.jsonl" "$corpus/part"
  rm "$corpus/all.jsonl"; touch "$corpus/done"
fi
inputs=("$corpus"/part*.jsonl)
mb=$(du -cm "${inputs[@]}" | tail -1 | cut -f1)

calc() { awk "BEGIN { print $* }"; }

# run LABEL COMMAND...: prints wall seconds and the log's "ranks" line
run() {
  local label=$1; shift
  local out="$workdir/out-$label" log="$workdir/log-$label"
  rm -rf "$out"
  /usr/bin/time -f "%e" -o "$workdir/time-$label" "$@" "${inputs[@]}" -o "$out" --threads "$threads" "${mode_args[@]}" 2>"$log"
  cat "$workdir/time-$label"
}

echo "corpus: $docs documents in $files files, ${mb} MB; mode $mode; --threads $threads per process; $cores cores"
printf "%-10s %9s %8s %11s %12s %s\n" run wall_s MB/s speedup efficiency "bytes shipped per record"
single=$(run single "$neardup" dedup)
printf "%-10s %9.2f %8.1f %11s %12s %s\n" single "$single" "$(calc "$mb / $single")" 1.00 - -
for n in $ranks_list; do
  wall=$(run "np$n" mpirun "${root[@]}" --oversubscribe -np "$n" "$neardup" dedup)
  shipped=$(grep -o 'received [0-9]* bytes' "$workdir/log-np$n" | cut -d' ' -f2)
  records=$(grep -o '^neardup: [0-9]* records' "$workdir/log-np$n" | cut -d' ' -f2)
  speedup=$(calc "$single / $wall")
  note=""; [[ $n -gt $cores ]] && note=" (oversubscribed: $n ranks on $cores cores)"
  printf "%-10s %9.2f %8.1f %11.2f %12.2f %s%s\n" "np$n" "$wall" "$(calc "$mb / $wall")" \
    "$speedup" "$(calc "$speedup / $n")" "$(calc "int($shipped / $records)")" "$note"
  cmp -s <(sed 's/"timings_seconds.*//' "$workdir/out-single/stats.json") \
         <(sed 's/"timings_seconds.*//' "$workdir/out-np$n/stats.json") &&
    diff -rq -x stats.json "$workdir/out-single" "$workdir/out-np$n" >/dev/null ||
    { echo "np$n: outputs differ from the single process" >&2; exit 1; }
done
