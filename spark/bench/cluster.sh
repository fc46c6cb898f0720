#!/usr/bin/env bash
# The cluster figures of docs/spark.md: one generated touchpoint file attributed by the command line
# (bin/nexus attribute), by the Spark job in local mode (bin/nexus-spark) and by the same launcher on a Spark standalone
# cluster on this machine (a master and two one-core workers, separate JVMs started from the build's Spark jars, as
# StandaloneClusterIT starts them); wall time of each and the largest difference between their channel totals.
#   spark/bench/cluster.sh [ROWS]        default 1000000; data, logs and outputs in $BENCH_DIR
# Environment: BENCH_MODELS, BENCH_EXECUTOR_MEMORY (default 1g per worker), BENCH_PARTITIONS (default 8).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DIR="${BENCH_DIR:-/tmp/nexus-spark-cluster-bench}"
ROWS="${1:-1000000}"
MODELS="${BENCH_MODELS:-first_touch,last_touch,linear,position_based,markov,shapley}"
MEMORY="${BENCH_EXECUTOR_MEMORY:-1g}"
PARTITIONS="${BENCH_PARTITIONS:-8}"
mkdir -p "$DIR"

"$ROOT/bin/nexus-spark" --help >/dev/null  # builds the job and the Spark classpath list on first use
HOME_DIR="$DIR/spark-home"
rm -rf "$HOME_DIR" && mkdir -p "$HOME_DIR/jars"
tr ':' '\n' < "$ROOT/spark/target/launch/spark-classpath.txt" | while read -r jar; do ln -s "$jar" "$HOME_DIR/jars/"; done
echo "Spark jars of the Maven build" > "$HOME_DIR/RELEASE"
OPTS=$(sed -n 's:.*<spark.jvm.options>\(.*\)</spark.jvm.options>.*:\1:p' "$ROOT/spark/pom.xml")
export SPARK_HOME="$HOME_DIR" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1

PIDS=()
# shellcheck disable=SC2317
stop() { for pid in "${PIDS[@]}"; do pkill -TERM -P "$pid" 2>/dev/null || true; kill "$pid" 2>/dev/null || true; done; }
trap stop EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PORT=$(free_port)
# shellcheck disable=SC2086
java $OPTS -Xmx256m -cp "$HOME_DIR/jars/*" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$PORT" \
  --webui-port "$(free_port)" > "$DIR/master.log" 2>&1 &
PIDS+=($!)
for i in 1 2; do
  mkdir -p "$DIR/worker-$i"
  # shellcheck disable=SC2086
  java $OPTS -Xmx256m -cp "$HOME_DIR/jars/*" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --port 0 \
    --webui-port 0 --cores 1 --memory "$MEMORY" --work-dir "$DIR/worker-$i" "spark://127.0.0.1:$PORT" \
    > "$DIR/worker-$i.log" 2>&1 &
  PIDS+=($!)
done
for _ in $(seq 1 120); do
  [[ $(cat "$DIR"/worker-*.log | grep -c "Successfully registered with master") -eq 2 ]] && break
  sleep 1
done

input="$DIR/tp-$ROWS.csv"
[[ -f "$input" ]] || "$ROOT/bin/nexus" generate --format touchpoints --rows "$ROWS" --channels 12 --seed 42 --output "$input"
echo "== $ROWS touchpoints ($(du -h "$input" | cut -f1)), models $MODELS, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
timed() { local name="$1" log="$2"; shift 2; local start; start=$(date +%s.%N); "$@" 2> "$DIR/$log.err"
  printf '%-40s %6.1f s\n' "$name" "$(echo "$(date +%s.%N) - $start" | bc)"; }
timed "bin/nexus attribute" cli "$ROOT/bin/nexus" attribute --input "$input" --format touchpoints --models "$MODELS" \
  --output "$DIR/cli.csv"
timed "bin/nexus-spark local[2]" local env NEXUS_SPARK_MASTER='local[2]' "$ROOT/bin/nexus-spark" --input "$input" \
  --models "$MODELS" --partitions "$PARTITIONS" --no-journey-credits --output "$DIR/local" --overwrite
timed "bin/nexus-spark standalone, 2 workers" cluster env NEXUS_SPARK_MASTER="spark://127.0.0.1:$PORT" \
  NEXUS_SPARK_JAVA_OPTS="-Xmx2g -Dspark.executor.memory=$MEMORY -Dspark.driver.host=127.0.0.1" \
  "$ROOT/bin/nexus-spark" --input "$input" --models "$MODELS" --partitions "$PARTITIONS" --no-journey-credits \
  --output "$DIR/cluster" --overwrite
python3 - "$DIR/cli.csv" "$DIR/local/channel_totals.csv" "$DIR/cluster/channel_totals.csv" <<'PY'
import csv, sys
def rows(path): return {(r[0], r[1]): (float(r[2]), float(r[3])) for r in list(csv.reader(open(path)))[1:]}
cli, local, cluster = (rows(p) for p in sys.argv[1:])
def worst(a, b): return max(abs(x - y) / max(1, abs(x)) for k in a for x, y in zip(a[k], b[k]))
assert cli.keys() == local.keys() == cluster.keys(), "different models or channels"
print(f"largest relative difference: local vs command line {worst(cli, local):.1e}, "
      f"cluster vs command line {worst(cli, cluster):.1e}, cluster vs local {worst(local, cluster):.1e}")
print("cluster file byte for byte the local one:", open(sys.argv[2]).read() == open(sys.argv[3]).read())
PY
