#!/usr/bin/env bash
# End-to-end benchmark of `neardup dedup` on generated news-like corpora with
# planted near-duplicates (bench/gen_corpus). For each corpus size and thread
# count it prints throughput (MB/s wall and MB/s per CPU-second), docs/s, peak
# RSS, RSS per document beyond the base (a 100-document run), the slope (peak
# RSS added per document since the previous size, same thread count: the
# per-document cost without the fixed batch buffers) and recall / precision
# against the planted pairs.
# Needs bash, python3 (stdlib) and GNU time (/usr/bin/time, Debian package
# `time`). See docs/PERFORMANCE.md for the figures it gave.
#
# usage: bench/e2e_bench.sh [--build DIR] [--workdir DIR] [--full] [--sizes "10000 100000"]
#                           [--threads "1 2"] [--mode dedup|full] [--peer-datasketch DIR]
#   --build DIR     meson build folder with src/cli/neardup and bench/gen_corpus (default: build)
#   --workdir DIR   where corpora and outputs go (default: /tmp/neardup-bench)
#   --full          also run the 1M-document corpus (about 4 GB of JSONL)
#   --sizes LIST    documents per corpus (originals plus planted copies, about)
#   --threads LIST  --threads values to run (default: "1 2")
#   --mode M        dedup: --no-passages --no-events (default); full: every stage
#   --peer-datasketch DIR  a datasketch checkout: also time a MinHashLSH run over
#                   the same corpus with bench/peer_datasketch.py (needs numpy and
#                   scipy in $PYTHON, default python3)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
build=build
workdir=/tmp/neardup-bench
sizes="10000 100000"
threads_list="1 2"
mode=dedup
peer=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --build) build=$2; shift 2 ;;
    --workdir) workdir=$2; shift 2 ;;
    --full) sizes="$sizes 1000000"; shift ;;
    --sizes) sizes=$2; shift 2 ;;
    --threads) threads_list=$2; shift 2 ;;
    --mode) mode=$2; shift 2 ;;
    --peer-datasketch) peer=$2; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

neardup="$build/src/cli/neardup"
gen="$build/bench/gen_corpus"
for tool in "$neardup" "$gen" /usr/bin/time; do
  [[ -x "$tool" ]] || { echo "missing $tool (build it, or apt-get install time)" >&2; exit 2; }
done
case "$mode" in
  dedup) mode_args=(--no-passages --no-events) ;;
  full) mode_args=() ;;
  *) echo "--mode must be dedup or full" >&2; exit 2 ;;
esac
mkdir -p "$workdir"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
     "avx512f: $(grep -q avx512f /proc/cpuinfo && echo yes || echo no), load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "mode: $mode (${mode_args[*]:-all stages})"

# Fixed base: peak RSS of a run over a 100-document corpus.
"$gen" --docs 100 --seed 7 --out "$workdir/base.jsonl"
/usr/bin/time -f "%M" -o "$workdir/base.time" "$neardup" dedup "$workdir/base.jsonl" \
  -o "$workdir/base.out" --threads 1 -q "${mode_args[@]}"
base_kb=$(tail -1 "$workdir/base.time")
echo "base peak RSS (100 docs): $((base_kb / 1024)) MiB"

printf '%-9s %-3s %9s %9s %10s %9s %9s %10s %9s %9s %8s %9s\n' docs thr seconds MB/s \
  MB/s/cpu docs/s cpu_util peakRSS_MiB B/doc slope recall precision
declare -A previous  # threads -> "records rss_kb" of the previous size
for size in $sizes; do
  originals=$((size * 5 / 6))  # about a fifth of originals get a copy
  corpus="$workdir/corpus-$size.jsonl"
  truth="$workdir/corpus-$size.truth"
  if [[ ! -s "$corpus" ]]; then
    need_kb=$((size * 4 * 4))  # ~4 KB a document: corpus, output corpus, scratch, slack
    avail_kb=$(df -Pk "$workdir" | awk 'NR==2 {print $4}')
    if ((avail_kb < need_kb)); then
      echo "skipping $size docs: $((avail_kb / 1024)) MiB free in $workdir, need $((need_kb / 1024))" >&2
      continue
    fi
    "$gen" --docs "$originals" --seed 1 --out "$corpus" --truth "$truth"
  fi
  for t in $threads_list; do
    out="$workdir/out-$size-t$t"
    rm -rf "$out"
    /usr/bin/time -v -o "$out.time" "$neardup" dedup "$corpus" -o "$out" --threads "$t" -q \
      "${mode_args[@]}"
    python3 - "$corpus" "$truth" "$out" "$out.time" "$size" "$t" "$base_kb" \
      "${previous[$t]:-0 0}" <<'EOF'
import json, os, sys
corpus, truth_path, out, time_path, size, threads, base_kb, previous = sys.argv[1:]
fields = {}
for line in open(time_path):
    key, _, value = line.strip().rpartition(': ')
    fields[key] = value
def seconds(clock):
    parts = [float(p) for p in clock.split(':')]
    return sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
wall = seconds(fields['Elapsed (wall clock) time (h:mm:ss or m:ss)'])
cpu = float(fields['User time (seconds)']) + float(fields['System time (seconds)'])
rss_kb = int(fields['Maximum resident set size (kbytes)'])
stats = json.load(open(os.path.join(out, 'stats.json')))
records = stats['records']
mb = os.path.getsize(corpus) / 1e6
# Planted truth: copy -> original. Predicted: every pair inside one cluster.
truth = set()
for line in open(truth_path):
    copy, original, _ = line.rstrip('\n').split('\t')
    truth.add(frozenset((copy, original)))
clusters = {}
for line in open(os.path.join(out, 'decisions.jsonl')):
    d = json.loads(line)
    if 'cluster' in d:
        clusters.setdefault(d['cluster'], []).append(d['id'])
predicted = set()
for members in clusters.values():
    for i in range(len(members)):
        for j in range(i + 1, len(members)):
            predicted.add(frozenset((members[i], members[j])))
hits = len(truth & predicted)
recall = hits / len(truth) if truth else 1.0
precision = hits / len(predicted) if predicted else 1.0
per_doc = (rss_kb - int(base_kb)) * 1024 / records
previous_records, previous_kb = (int(v) for v in previous.split())
slope = (f'{(rss_kb - previous_kb) * 1024 / (records - previous_records):9.0f}'
         if previous_records and records > previous_records else f'{"-":>9s}')
print(f'{records:<9d} {threads:<3s} {wall:9.2f} {mb / wall:9.1f} {mb / cpu:10.1f} '
      f'{records / wall:9.0f} {cpu / wall:9.2f} {rss_kb / 1024:10.1f} {per_doc:9.0f} '
      f'{slope} {recall:8.4f} {precision:9.4f}')
with open(out + '.rss', 'w') as f:
    f.write(f'{records} {rss_kb}')
print('          stages (s): ' + ', '.join(f'{k} {v:.2f}' for k, v in stats['timings_seconds'].items()))
EOF
    previous[$t]=$(cat "$out.rss")
  done
  if [[ -n "$peer" ]]; then
    "${PYTHON:-python3}" "$here/peer_datasketch.py" --datasketch "$peer" --corpus "$corpus" --truth "$truth"
  fi
done
