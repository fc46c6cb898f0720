#!/usr/bin/env bash
# Markov with many channels: `bin/nexus attribute --models markov` end to end (JVM start included) on
# `nexus generate` paths with 1,000, 3,000 and 20,000 channels; wall time (best and median of RUNS) and peak memory
# (max RSS). Prints a Markdown table for docs/benchmarks.md.
#   bench/markov-channels-benchmark.sh [ROWS] [RUNS] [CHANNELS...]   (defaults: 50000 rows, 3 runs, 1000 3000 20000)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROWS="${1:-50000}"
RUNS="${2:-3}"
shift $(( $# < 2 ? $# : 2 ))
COUNTS=("$@")
(( ${#COUNTS[@]} )) || COUNTS=(1000 3000 20000)
DATA="${NEXUS_BENCH_DIR:-/tmp/nexus-bench}"
mkdir -p "$DATA"
[[ -x /usr/bin/time ]] || { echo "needs /usr/bin/time (apt-get install -y time)" >&2; exit 1; }

"$ROOT/bin/nexus" --version >/dev/null  # builds the jar first if needed, outside the measurement
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB;" \
  "$(java -version 2>&1 | head -1); $(date -u '+%Y-%m-%d %H:%M UTC'); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| channels (generated) | channels in the paths | best wall (s) | median wall (s) | peak RSS (MB) |"
echo "|---|---|---|---|---|"
for channels in "${COUNTS[@]}"; do
  input="$DATA/paths-$ROWS-$channels.csv"
  [[ -f "$input" ]] || "$ROOT/bin/nexus" generate --rows "$ROWS" --channels "$channels" --seed 42 --output "$input"
  times=() rss=0
  for ((i = 0; i < RUNS; i++)); do
    line=$( { /usr/bin/time -f "%e %M" "$ROOT/bin/nexus" attribute --input "$input" --output "$DATA/markov-out.csv" \
      --models markov 2>&1 1>/dev/null; } | tail -1)
    times+=("${line% *}")
    kb="${line#* }"
    (( kb > rss )) && rss=$kb
  done
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  best=$(echo "$sorted" | head -1)
  median=$(echo "$sorted" | sed -n "$(( (RUNS + 1) / 2 ))p")
  present=$(( $(wc -l < "$DATA/markov-out.csv") - 1 ))
  echo "| $channels | $present | $best | $median | $((rss / 1024)) |"
done
echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
