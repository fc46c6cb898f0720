#!/usr/bin/env bash
# Markov with many channels: `bin/nexus attribute --models markov --order N` end to end (JVM start included) on
# `nexus generate` paths with 1,000, 3,000 and 20,000 channels; wall time (best and median of RUNS), CPU time (user +
# system of the best run) and peak memory (max RSS). Prints a Markdown table for docs/benchmarks.md.
#   bench/markov-channels-benchmark.sh [--order 1,2,3] [ROWS] [RUNS] [CHANNELS...]
#   (defaults: order 1, 50000 rows, 3 runs, 1000 3000 20000)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ORDERS=1
if [[ "${1:-}" == "--order" ]]; then
  ORDERS="${2:?--order needs a list such as 2,3}"
  shift 2
fi
IFS=, read -r -a ORDER_LIST <<<"$ORDERS"
for order in "${ORDER_LIST[@]}"; do
  [[ "$order" =~ ^[1-4]$ ]] || { echo "--order: each order must be 1 to 4, got '$order'" >&2; exit 2; }
done
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
echo "| order | channels (generated) | channels in the paths | best wall (s) | median wall (s) | CPU of the best (s) | peak RSS (MB) |"
echo "|---|---|---|---|---|---|---|"
for order in "${ORDER_LIST[@]}"; do
  for channels in "${COUNTS[@]}"; do
    input="$DATA/paths-$ROWS-$channels.csv"
    [[ -f "$input" ]] || "$ROOT/bin/nexus" generate --rows "$ROWS" --channels "$channels" --seed 42 --output "$input"
    times=() cpus=() rss=0
    for ((i = 0; i < RUNS; i++)); do
      line=$( { /usr/bin/time -f "%e %U %S %M" "$ROOT/bin/nexus" attribute --input "$input" \
        --output "$DATA/markov-out.csv" --models markov --order "$order" 2>&1 1>/dev/null; } | tail -1)
      read -r wall user sys kb <<<"$line"
      times+=("$wall")
      cpus+=("$wall $(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')")
      (( kb > rss )) && rss=$kb
    done
    sorted=$(printf '%s\n' "${times[@]}" | sort -n)
    best=$(echo "$sorted" | head -1)
    median=$(echo "$sorted" | sed -n "$(( (RUNS + 1) / 2 ))p")
    cpu=$(printf '%s\n' "${cpus[@]}" | sort -n | head -1 | cut -d' ' -f2)
    present=$(( $(wc -l < "$DATA/markov-out.csv") - 1 ))
    echo "| $order | $channels | $present | $best | $median | $cpu | $((rss / 1024)) |"
  done
done
echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
