#!/usr/bin/env bash
# The dashboard on the demo data: starts the service (embedded H2, Caffeine) on a fresh data folder with --demo, waits
# for the 20,000 demo journeys, then measures
#   1. every API call the dashboard's screens make, cold (first call) and warm (median, p95 and max of N calls), and
#   2. the first screen: milliseconds from navigation start until the overview is drawn, in headless Chromium (the page
#      records it in <main data-first-screen-ms>), cold cache and warm cache.
# Prints Markdown tables for docs/benchmarks.md.
#   bench/dashboard-benchmark.sh [N]        (default 20 warm calls per endpoint)
# NEXUS_BENCH_URL=http://host:port measures a running service instead of starting one.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${1:-20}"
PORT="${NEXUS_BENCH_PORT:-8079}"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

if [[ -z "${NEXUS_BENCH_URL:-}" ]]; then
  (cd "$ROOT" && mvn -q -B -Dstyle.color=never -DskipTests -pl server -am install) >&2
  DATA="$(mktemp -d)"
  cleanup() {
    [[ -n "${SERVER_PID:-}" ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
    rm -rf "$DATA"
  }
  trap cleanup EXIT
  (cd "$DATA" && exec java -jar "$ROOT/server/target/nexus-server.jar" --nexus.demo=true --server.port="$PORT" \
    > "$DATA/server.log" 2>&1) &
  SERVER_PID=$!
  URL="http://localhost:$PORT"
  for _ in $(seq 1 300); do
    grep -q "demo: loaded" "$DATA/server.log" 2>/dev/null && break
    sleep 1
  done
  grep -q "demo: loaded" "$DATA/server.log" || { echo "the demo data did not load" >&2; exit 1; }
else
  URL="$NEXUS_BENCH_URL"
fi
API="$URL/api/v1/attribution"
TO=$(date -u +%F)
FROM=$(date -u -d "$TO -29 days" +%F)
RANGE="\"start_date\":\"$FROM\",\"end_date\":\"$TO\""
JOURNEY=$(curl -sf "$API/journeys?has_conversion=true&size=1&start_date=$FROM&end_date=$TO" | sed -E 's/.*"items":\[\{"id":([0-9]+).*/\1/')

# name|method|path|body: the calls of the screens with the default filters (last 30 days, linear model), then the
# filter bar's Exclude Direct and lookback on the screens they apply to.
CALLS=(
  "models|GET|/models|"
  "channels|GET|/channels|"
  "overview|POST|/analytics/overview|{$RANGE}"
  "model-comparison|POST|/analytics/model-comparison|{$RANGE}"
  "channel-roi (linear)|POST|/analytics/channel-roi|{$RANGE,\"attribution_model_id\":3}"
  "channel-roi with intervals|POST|/analytics/channel-roi|{$RANGE,\"attribution_model_id\":3,\"intervals\":true}"
  "journeys by channel|GET|/journeys?size=20&start_date=$FROM&end_date=$TO&channel_id=3|"
  "journey visualization (markov)|GET|/journeys/$JOURNEY/visualization?model_id=7|"
  "top-paths (20)|POST|/analytics/top-paths|{$RANGE,\"limit\":20}"
  "top-paths (1000, all)|POST|/analytics/top-paths|{$RANGE,\"limit\":1000,\"include_non_converting\":true}"
  "markov-chain|GET|/models/7/markov-chain|"
  "budget-plan|POST|/analytics/budget-plan|{$RANGE,\"attribution_model_id\":3,\"total_budget\":10000}"
  "overview (no Direct)|POST|/analytics/overview|{$RANGE,\"exclude_direct\":true}"
  "model-comparison with intervals (no Direct, 14-day lookback)|POST|/analytics/model-comparison|{$RANGE,\"intervals\":true,\"exclude_direct\":true,\"lookback_days\":14}"
  "channel-roi with intervals (no Direct)|POST|/analytics/channel-roi|{$RANGE,\"attribution_model_id\":3,\"intervals\":true,\"exclude_direct\":true}"
  "top-paths (20, no Direct, 14-day lookback)|POST|/analytics/top-paths|{$RANGE,\"limit\":20,\"exclude_direct\":true,\"lookback_days\":14}"
  "markov-chain (no Direct)|GET|/models/7/markov-chain?exclude_direct=true|"
  "budget-plan (no Direct)|POST|/analytics/budget-plan|{$RANGE,\"attribution_model_id\":3,\"total_budget\":10000,\"exclude_direct\":true}"
  "integrations|GET|/integrations|"
  "cache health|GET|/cache/health|"
)

call() { # method path body -> seconds
  if [[ "$1" == GET ]]; then
    curl -s -o /dev/null -w '%{time_total}' "$API$2"
  else
    curl -s -o /dev/null -w '%{time_total}' -X POST -H 'Content-Type: application/json' -d "$3" "$API$2"
  fi
}

# The first screen is timed in headless Chromium by io.nexus.server.support.FirstScreenTiming (server test classes).
(cd "$ROOT" && mvn -q -B -o -Dstyle.color=never -pl server test-compile dependency:build-classpath \
  -Dmdep.outputFile=/tmp/nexus-dashboard-bench.cp) >&2
first_screen() { # loads -> ms from navigation start to the overview drawn, per load
  java -cp "$ROOT/server/target/test-classes:$ROOT/server/target/classes:$(cat /tmp/nexus-dashboard-bench.cp)" \
    io.nexus.server.support.FirstScreenTiming "$URL" "$1" 2>/dev/null
}

echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB;" \
  "$(java -version 2>&1 | head -1); load average $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
echo "First screen (overview), cold cache: $(first_screen 1) ms after navigation start"
echo
echo "| call | cold (ms) | warm median (ms) | warm p95 (ms) | warm max (ms) |"
echo "|---|---|---|---|---|"
for entry in "${CALLS[@]}"; do
  IFS='|' read -r name method path body <<< "$entry"
  cold=$(call "$method" "$path" "$body")
  times=()
  for _ in $(seq 1 "$N"); do times+=("$(call "$method" "$path" "$body")"); done
  printf '%s\n' "${times[@]}" | sort -n | awk -v name="$name" -v cold="$cold" '
    { t[NR] = $1 * 1000 }
    END {
      p95 = t[int((NR * 95 + 99) / 100)]
      printf "| %s | %.0f | %.1f | %.1f | %.1f |\n", name, cold * 1000, t[int((NR + 1) / 2)], p95, t[NR]
    }'
done
echo
echo "First screen (overview), warm cache, 5 loads: $(first_screen 5) ms after navigation start"
