#!/usr/bin/env bash
# Authentication overhead of a cached single calculation (docs/benchmarks.md): the service on a fresh PostgreSQL
# database with Redis as cache, as bench/service-benchmark.sh runs it, measured by io.nexus.bench.AuthOverhead with
# NEXUS_AUTH off, then required (with an ingest,read key made by bin/nexus keys), then off again.
#   bench/auth-benchmark.sh [COUNT]     (default 20000 requests per run)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COUNT="${1:-20000}"
DB="nexus_auth_$$"
PORT="${NEXUS_BENCH_PORT:-8078}"
JAR="$ROOT/server/target/nexus-server.jar"

(cd "$ROOT" && mvn -q -B -Dstyle.color=never -DskipTests -pl server,bench -am install) >&2
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $DB" postgres
export NEXUS_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" NEXUS_DB_USER=postgres NEXUS_DB_PASSWORD= \
  NEXUS_CACHE=redis NEXUS_REDIS_URL=redis://127.0.0.1:6379/4 NEXUS_KEY_PEPPER="bench-pepper-$$"
stop() {
  [[ -n "${SERVER_PID:-}" ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
}
cleanup() {
  stop
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" postgres || true
}
trap cleanup EXIT

measure() { # $1 NEXUS_AUTH, $2 key or -
  NEXUS_AUTH="$1" PORT="$PORT" java ${NEXUS_SERVER_JAVA_OPTS:--Xmx1g -XX:+UseParallelGC} -jar "$JAR" \
    > /tmp/nexus-auth-bench-server.log 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 120); do
    curl -sf "127.0.0.1:$PORT/health" >/dev/null && break
    sleep 1
  done
  redis-cli -n 4 flushdb >/dev/null
  java -cp "$ROOT/bench/target/benchmarks.jar" io.nexus.bench.AuthOverhead "http://127.0.0.1:$PORT" "$2" "$COUNT"
  stop
}

echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs);" \
  "$(java -version 2>&1 | head -1); PostgreSQL $(psql -h 127.0.0.1 -U postgres -tAc 'SHOW server_version' postgres);" \
  "client, service, Redis and database on the same machine; $(date -u +%Y-%m-%d)"
java -jar "$JAR" tenants list >/dev/null 2>&1 # migrates the fresh database
KEY=$(java -jar "$JAR" keys create --tenant default --scopes ingest,read --name auth-benchmark 2>/dev/null)
measure off -
measure required "$KEY"
measure off -
measure required "$KEY"
