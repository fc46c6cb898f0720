#!/usr/bin/env bash
# End-to-end benchmark of `bin/nexus attribute` on `nexus generate` data: wall time with JVM start included, and peak
# memory (max RSS), the best and the median of several runs. Prints a Markdown table for docs/benchmarks.md.
#   bench/cli-benchmark.sh [ROWS] [RUNS]      (defaults: 1000000 rows, 5 runs)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROWS="${1:-1000000}"
RUNS="${2:-5}"
DATA="${NEXUS_BENCH_DIR:-/tmp/nexus-bench}"
mkdir -p "$DATA"
[[ -x /usr/bin/time ]] || { echo "needs /usr/bin/time (apt-get install -y time)" >&2; exit 1; }

INPUT="$DATA/paths-$ROWS.csv"
"$ROOT/bin/nexus" --version >/dev/null  # builds the jar first if needed, outside the measurement
[[ -f "$INPUT" ]] || "$ROOT/bin/nexus" generate --rows "$ROWS" --channels 12 --seed 42 --output "$INPUT"

echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB;" \
  "$(java -version 2>&1 | head -1); $(date -u +%Y-%m-%d)"
echo "Input: $INPUT, $ROWS rows, $(du -m "$INPUT" | cut -f1) MB"
echo
echo "| run | models | best wall (s) | median wall (s) | peak RSS (MB) |"
echo "|---|---|---|---|---|"

measure() { # label, then nexus attribute arguments
  local label="$1"; shift
  local times=() rss=0
  for ((i = 0; i < RUNS; i++)); do
    local line
    line=$( { /usr/bin/time -f "%e %M" "$ROOT/bin/nexus" attribute --input "$INPUT" --output "$DATA/out.csv" "$@" \
      2>&1 1>/dev/null; } | tail -1)
    times+=("${line% *}")
    local kb="${line#* }"
    (( kb > rss )) && rss=$kb
  done
  local sorted
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  local best median
  best=$(echo "$sorted" | head -1)
  median=$(echo "$sorted" | sed -n "$(( (RUNS + 1) / 2 ))p")
  echo "| $label | ${MODELS_LABEL:-$*} | $best | $median | $((rss / 1024)) |"
}

MODELS_LABEL="first_touch,last_touch,linear,position_based,markov" measure "defaults, order-1 Markov"
MODELS_LABEL="defaults with --order 3" measure "order-3 Markov" --order 3
MODELS_LABEL="defaults with --order 4" measure "order-4 Markov" --order 4
MODELS_LABEL="shapley,counterfactual" measure "cooperative models" --models shapley,counterfactual
MODELS_LABEL="all 14 models on paths" measure "everything on paths" \
  --models first_touch,last_touch,last_non_direct,linear,position_based,j_shaped,inverse_j,w_shaped,participation,markov,markov\(order=2\),markov\(order=3\),shapley,counterfactual
