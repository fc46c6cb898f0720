#!/usr/bin/env bash
# Ingest throughput of the service on its embedded default, an H2 file database: starts the service jar on a fresh
# database directory and runs io.nexus.bench.ServiceLoad's ingest alone, with batches of 10,000 records and with
# single-record requests. Every commit is written to the file before it is answered (see docs/operations.md).
#   bench/h2-ingest-benchmark.sh [SERVER_JAR] [JOURNEYS]   (default server/target/nexus-server.jar, 20000 journeys)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="${1:-$ROOT/server/target/nexus-server.jar}"
JOURNEYS="${2:-20000}"
PORT="${NEXUS_BENCH_PORT:-8078}"

(cd "$ROOT" && mvn -q -B -Dstyle.color=never -DskipTests -pl server,bench -am install) >&2
DATA="$(mktemp -d)"
cleanup() {
  [[ -n "${SERVER_PID:-}" ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  rm -rf "$DATA"
}
trap cleanup EXIT

java ${NEXUS_SERVER_JAVA_OPTS:--Xmx1g -XX:+UseParallelGC} -jar "$JAR" --server.port="$PORT" \
  "--spring.datasource.url=jdbc:h2:file:$DATA/nexus;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" \
  > "$DATA/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 120); do
  curl -sf "localhost:$PORT/api/v1/attribution/health" >/dev/null && break
  sleep 1
done

echo "Machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1); $(date -u +%Y-%m-%d)"
LOAD=(java -cp "$ROOT/bench/target/benchmarks.jar" io.nexus.bench.ServiceLoad "http://localhost:$PORT" jdbc:h2:unused)
echo "batches of 10,000, $JOURNEYS journeys, 5 touchpoints each, 2 clients:"
NEXUS_INGEST_ONLY=1 "${LOAD[@]}" "$JOURNEYS"
echo "one record per request, $((JOURNEYS / 10)) journeys, 5 touchpoints each, 4 clients:"
NEXUS_INGEST_ONLY=1 NEXUS_LOAD_BATCH=1 NEXUS_LOAD_CLIENTS=4 "${LOAD[@]}" "$((JOURNEYS / 10))"
