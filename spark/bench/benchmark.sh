#!/usr/bin/env bash
# The scaling benchmark of docs/benchmarks.md: generated touchpoint files of the given sizes, each attributed by the
# single-machine command (bin/nexus attribute) and by the Spark job in local mode (bin/nexus-spark), wall time and
# peak memory from /usr/bin/time, and a check that both wrote the same channel totals (1e-9 relative).
#   spark/bench/benchmark.sh [ROWS...]        default: 1000000 10000000 50000000; data and outputs in $BENCH_DIR
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DIR="${BENCH_DIR:-/tmp/nexus-spark-bench}"
MODELS="${BENCH_MODELS:-first_touch,last_touch,linear,position_based,markov}"
HEAP="${BENCH_HEAP:-16g}"
mkdir -p "$DIR"
sizes=("$@")
[[ ${#sizes[@]} -eq 0 ]] && sizes=(1000000 10000000 50000000)

peak() { grep "Maximum resident" "$1" | awk '{printf "%.0f", $6/1024}'; }
wall() { grep "Elapsed (wall clock)" "$1" | awk '{print $8}'; }

for n in "${sizes[@]}"; do
  input="$DIR/tp-$n.csv"
  [[ -f "$input" ]] || "$ROOT/bin/nexus" generate --format touchpoints --rows "$n" --channels 12 --seed 42 --output "$input"
  echo "== $n touchpoints ($(du -h "$input" | cut -f1))"
  if NEXUS_JAVA_OPTS="-XX:+UseParallelGC -Xmx$HEAP -Xss4m" /usr/bin/time -v "$ROOT/bin/nexus" attribute --input "$input" \
      --format touchpoints --models "$MODELS" --output "$DIR/cli-$n.csv" 2> "$DIR/cli-$n.time"; then
    echo "bin/nexus attribute: $(wall "$DIR/cli-$n.time") wall, $(peak "$DIR/cli-$n.time") MB peak"
  else
    echo "bin/nexus attribute: FAILED after $(wall "$DIR/cli-$n.time") ($(grep -m1 -i "error\|exception" "$DIR/cli-$n.time" || true))"
  fi
  NEXUS_SPARK_JAVA_OPTS="-Xmx$HEAP" /usr/bin/time -v "$ROOT/bin/nexus-spark" --input "$input" --models "$MODELS" \
      --output "$DIR/spark-$n" --overwrite 2> "$DIR/spark-$n.time"
  echo "bin/nexus-spark:     $(wall "$DIR/spark-$n.time") wall, $(peak "$DIR/spark-$n.time") MB peak"
  grep "nexus-spark: \(journeys\|touches\|wall\)" "$DIR/spark-$n.time" || true
  if [[ -f "$DIR/cli-$n.csv" ]]; then
    python3 - "$DIR/cli-$n.csv" "$DIR/spark-$n/channel_totals.csv" <<'PY'
import csv, sys
a = {(r[0], r[1]): (float(r[2]), float(r[3])) for r in list(csv.reader(open(sys.argv[1])))[1:]}
b = {(r[0], r[1]): (float(r[2]), float(r[3])) for r in list(csv.reader(open(sys.argv[2])))[1:]}
assert a.keys() == b.keys(), "different models or channels"
worst = max(abs(x - y) / max(1, abs(x)) for k in a for x, y in zip(a[k], b[k]))
print(f"same totals: {len(a)} rows, largest relative difference {worst:.1e}")
PY
  fi
done
