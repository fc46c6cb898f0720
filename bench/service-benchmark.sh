#!/usr/bin/env bash
# Load benchmark of the service on PostgreSQL (and Redis): starts the service on a fresh database, runs
# io.nexus.bench.ServiceLoad against it, prints a Markdown table for docs/benchmarks.md, then stops and drops it.
#   bench/service-benchmark.sh [JOURNEYS]     (default 100000 journeys, 500000 touchpoints)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JOURNEYS="${1:-100000}"
DB="nexus_load_$$"
PORT="${NEXUS_BENCH_PORT:-8077}"

(cd "$ROOT" && mvn -q -B -Dstyle.color=never -DskipTests -pl server,bench -am install) >&2
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $DB" postgres
cleanup() {
  [[ -n "${SERVER_PID:-}" ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" postgres || true
}
trap cleanup EXIT

NEXUS_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" NEXUS_DB_USER=postgres NEXUS_DB_PASSWORD= \
NEXUS_CACHE=redis NEXUS_REDIS_URL=redis://127.0.0.1:6379/3 PORT="$PORT" \
  java ${NEXUS_SERVER_JAVA_OPTS:--Xmx2g -XX:+UseParallelGC} -jar "$ROOT/server/target/nexus-server.jar" > /tmp/nexus-load-server.log 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 120); do
  curl -sf "localhost:$PORT/api/v1/attribution/health" >/dev/null && break
  sleep 1
done
redis-cli -n 3 flushdb >/dev/null

echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB;" \
  "$(java -version 2>&1 | head -1); PostgreSQL $(psql -h 127.0.0.1 -U postgres -tAc 'SHOW server_version' postgres);" \
  "client, service and database on the same machine; $(date -u +%Y-%m-%d)"
java -cp "$ROOT/bench/target/benchmarks.jar" io.nexus.bench.ServiceLoad "http://localhost:$PORT" \
  "jdbc:postgresql://127.0.0.1:5432/$DB" "$JOURNEYS"
