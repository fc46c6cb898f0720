#!/usr/bin/env bash
# Bootstrap intervals on `nexus generate` data: `bin/nexus attribute` with the default models, plain and with
# `--intervals 200`, through the real launcher (JVM start included). Prints wall time, CPU time (user + system: what
# the work costs, whatever else runs on the machine), peak memory (max RSS) and the load average before each run.
#   bench/intervals-benchmark.sh [ROWS] [RUNS] [REPLICATES]      (defaults: 1000000 rows, 3 runs, 200 replicates)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROWS="${1:-1000000}"
RUNS="${2:-3}"
REPLICATES="${3:-200}"
DATA="${NEXUS_BENCH_DIR:-/tmp/nexus-bench}"
mkdir -p "$DATA"
[[ -x /usr/bin/time ]] || { echo "needs /usr/bin/time (apt-get install -y time)" >&2; exit 1; }

INPUT="$DATA/paths-$ROWS.csv"
"$ROOT/bin/nexus" --version >/dev/null  # builds the jar first if needed, outside the measurement
[[ -f "$INPUT" ]] || "$ROOT/bin/nexus" generate --rows "$ROWS" --channels 12 --seed 42 --output "$INPUT"

echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB;" \
  "$(java -version 2>&1 | head -1); $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "Input: $INPUT, $ROWS rows, $(du -m "$INPUT" | cut -f1) MB; default models"
echo
echo "| run | load average before | wall (s) | CPU user+sys (s) | peak RSS (MB) |"
echo "|---|---|---|---|---|"
measure() { # label, then nexus attribute arguments
  local label="$1"; shift
  for ((i = 0; i < RUNS; i++)); do
    local load line
    load=$(cut -d' ' -f1 /proc/loadavg)
    line=$( { /usr/bin/time -f "%e %U %S %M" "$ROOT/bin/nexus" attribute --input "$INPUT" --output "$DATA/out.csv" "$@" \
      2>&1 1>/dev/null; } | tail -1)
    read -r wall user sys kb <<<"$line"
    echo "| $label | $load | $wall | $(echo "$user + $sys" | bc) | $((kb / 1024)) |"
  done
}
measure "plain"
measure "--intervals $REPLICATES" --intervals "$REPLICATES"
