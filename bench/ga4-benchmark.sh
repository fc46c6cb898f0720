#!/usr/bin/env bash
# GA4's BigQuery export through each entry point: a synthetic export of USERS users (1-5 sessions each over 30 days,
# sources spread over GA4's default channel groups, about one user in eight buying; NDJSON, gzip, in the nested
# schema `bq extract` writes), then
#   1. `bin/nexus attribute --format ga4-export` (linear and Markov), wall time with JVM start and peak RSS;
#   2. `bin/nexus-spark --format ga4-export` in local mode (same models), wall time;
#   3. the service (embedded H2, fresh data folder): the file imported by `POST /integrations/google_analytics/upload`
#      `{"path": ...}` under NEXUS_IMPORT_DIR, from the request until the job has succeeded, and events per second.
# Prints Markdown for docs/benchmarks.md.
#   bench/ga4-benchmark.sh [USERS]         (default 100000)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
USERS="${1:-100000}"
PORT="${NEXUS_BENCH_PORT:-8077}"
DATA="$(mktemp -d)"
[[ -x /usr/bin/time ]] || { echo "needs /usr/bin/time (apt-get install -y time)" >&2; exit 1; }
cleanup() {
  [[ -n "${SERVER_PID:-}" ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  rm -rf "$DATA"
}
trap cleanup EXIT

EXPORT="$DATA/imports/events.ndjson.gz"
mkdir -p "$DATA/imports"
python3 - "$USERS" "$EXPORT" <<'PY'
import gzip, json, random, sys
users, out = int(sys.argv[1]), sys.argv[2]
random.seed(42)
BASE = 1735689600 * 1_000_000  # 2025-01-01T00:00:00Z in microseconds
DAY = 86_400 * 1_000_000
SOURCES = [("google", "cpc", None), ("google", "organic", None), ("facebook", "paid_social", "winter"),
           ("newsletter", "email", "jan"), ("partner", "affiliate", "deal"), ("youtube", "video", None),
           ("t.co", "referral", None), (None, None, None)]
def event(name, user, at, session, last_click=None, ecommerce=None):
    e = {"event_date": "2025%02d%02d" % (1 + at // (31 * DAY), 1 + (at // DAY) % 31),
         "event_timestamp": str(BASE + at), "event_name": name,
         "event_params": [{"key": "ga_session_id", "value": {"string_value": None, "int_value": str(session),
                                                              "float_value": None, "double_value": None}}],
         "user_id": None, "user_pseudo_id": user,
         "device": {"category": "desktop", "operating_system": "Linux", "web_info": {"browser": "Firefox"}},
         "traffic_source": {"name": "(direct)", "medium": "(none)", "source": "(direct)"}}
    if last_click:
        e["session_traffic_source_last_click"] = {"manual_campaign": last_click}
    if ecommerce:
        e["ecommerce"] = ecommerce
    return e
events = 0
with gzip.open(out, "wt", encoding="utf-8", compresslevel=1) as f:
    for i in range(users):
        user = "%d.%d" % (1_000_000 + i, 1_735_000_000)
        at = random.randrange(0, 30 * DAY)
        sessions = random.randint(1, 5)
        for s in range(sessions):
            source, medium, campaign = random.choice(SOURCES)
            click = None if source is None else {"source": source, "medium": medium, "campaign_name": campaign}
            f.write(json.dumps(event("session_start", user, at, s + 1, click)) + "\n")
            f.write(json.dumps(event("page_view", user, at + 1_000_000, s + 1)) + "\n")
            events += 2
            if s == sessions - 1 and random.random() < 0.125:
                f.write(json.dumps(event("purchase", user, at + 60_000_000, s + 1, ecommerce={
                    "transaction_id": "T%d" % i, "purchase_revenue": round(random.uniform(5, 300), 2)})) + "\n")
                events += 1
            at += random.randrange(DAY // 24, 3 * DAY)
print(events, file=open(out + ".events", "w"))
PY
EVENTS=$(cat "$EXPORT.events")

echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB;" \
  "$(java -version 2>&1 | head -1); load average $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%Y-%m-%d %H:%M') UTC"
echo "Input: $USERS users, $EVENTS events, $(du -m "$EXPORT" | cut -f1) MB gzip"
echo
echo "| entry point | models | wall (s) | peak RSS (MB) | events/s |"
echo "|---|---|---|---|---|"

"$ROOT/bin/nexus" --version >/dev/null 2>&1
line=$( { /usr/bin/time -f "%e %M" "$ROOT/bin/nexus" attribute --format ga4-export --input "$EXPORT" \
  --models linear,markov --output "$DATA/cli.csv" 2>&1 1>/dev/null; } | tail -1)
wall="${line% *}"; kb="${line#* }"
echo "| \`bin/nexus attribute --format ga4-export\` | linear, markov | $wall | $((kb / 1024)) | $(python3 -c "print(round($EVENTS / $wall))") |"

"$ROOT/bin/nexus-spark" --version >/dev/null 2>&1
line=$( { /usr/bin/time -f "%e %M" "$ROOT/bin/nexus-spark" --format ga4-export --input "$EXPORT" \
  --models linear,markov --output "$DATA/spark-out" 2>&1 1>/dev/null; } | tail -1)
wall="${line% *}"; kb="${line#* }"
echo "| \`bin/nexus-spark --format ga4-export\` (local mode) | linear, markov | $wall | $((kb / 1024)) | $(python3 -c "print(round($EVENTS / $wall))") |"

(cd "$ROOT" && mvn -q -B -Dstyle.color=never -DskipTests -pl server -am install) >&2
(cd "$DATA" && NEXUS_IMPORT_DIR="$DATA/imports" exec java -jar "$ROOT/server/target/nexus-server.jar" \
  --server.port="$PORT" > "$DATA/server.log" 2>&1) &
SERVER_PID=$!
API="http://localhost:$PORT/api/v1/attribution"
for _ in $(seq 1 120); do curl -sf "http://localhost:$PORT/health" >/dev/null 2>&1 && break; sleep 1; done
start=$(date +%s.%N)
job=$(curl -sf -X POST -H 'Content-Type: application/json' -d '{"path":"events.ndjson.gz"}' \
  "$API/integrations/google_analytics/upload" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
status=""
for _ in $(seq 1 3600); do
  answer=$(curl -sf "$API/integrations/jobs/$job")
  status=$(echo "$answer" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')
  [[ "$status" == succeeded || "$status" == failed ]] && break
  sleep 0.2
done
end=$(date +%s.%N)
wall=$(python3 -c "print(round($end - $start, 2))")
rss=$(( $(grep VmHWM /proc/$SERVER_PID/status 2>/dev/null | awk '{print $2}' || echo 0) / 1024 ))
echo "| service import (\`{\"path\"}\` upload, H2), $status: $(echo "$answer" | python3 -c 'import json,sys; j=json.load(sys.stdin); print(j["journeys"], "journeys,", j["conversions"], "conversions")') | — | $wall | $rss (service) | $(python3 -c "print(round($EVENTS / $wall))") |"
