#!/usr/bin/env bash
# The API examples of README.md, runnable as they are against a running service:
#   bin/nexus serve            (in another terminal)
#   examples/api-quickstart.sh
# NEXUS_URL changes the service address (default http://localhost:8000). Every id comes from the service's answers,
# so the script never writes into journeys it did not create (also after `bin/nexus serve --demo`).
set -euo pipefail
API="${NEXUS_URL:-http://localhost:8000}/api/v1/attribution"
field() { python3 -c "import json, sys; print(json.load(sys.stdin)['$1'])"; }

# A journey for user_123.
JOURNEY=$(curl -sf -X POST "$API/journeys" -H 'Content-Type: application/json' \
  -d '{"user_id": "user_123", "session_id": "session_abc", "start_time": "2025-01-15T10:00:00Z"}' | field id)
echo "journey $JOURNEY"

# A click on channel 1 (Paid Search) with engagement 0.8 that cost 1.50.
curl -sf -X POST "$API/touchpoints" -H 'Content-Type: application/json' \
  -d "{\"journey_id\": $JOURNEY, \"channel_id\": 1, \"touchpoint_type\": \"click\",
       \"timestamp\": \"2025-01-15T10:05:00Z\", \"engagement_score\": 0.8, \"cost\": 1.50}" > /dev/null

# A purchase of 99.99.
curl -sf -X POST "$API/conversions" -H 'Content-Type: application/json' \
  -d "{\"journey_id\": $JOURNEY, \"conversion_type\": \"purchase\", \"timestamp\": \"2025-01-15T11:00:00Z\",
       \"revenue\": 99.99}" > /dev/null

# Credit it under model 3 (linear).
curl -sf -X POST "$API/calculate/$JOURNEY/3" | python3 -c '
import json, sys
result = json.load(sys.stdin)
for a in result["attributions"]:
    print(a["channel_name"], a["attributed_revenue"], a["roi"])'

# A second journey that has not converted yet: bulk answers one result or error per pair.
BROWSING=$(curl -sf -X POST "$API/journeys" -H 'Content-Type: application/json' \
  -d '{"user_id": "user_456", "start_time": "2025-01-16T09:00:00Z"}' | field id)
curl -sf -X POST "$API/calculate/bulk" -H 'Content-Type: application/json' \
  -d "{\"journey_ids\": [$JOURNEY, $BROWSING], \"model_ids\": [1, 2, 3], \"use_cache\": true}" | python3 -c '
import json, sys
bulk = json.load(sys.stdin)
print("bulk:", bulk["succeeded"], "succeeded,", bulk["failed"], "failed")
for r in bulk["results"]:
    if r["status"] == "failed":
        print("  journey", r["journey_id"], "model", r["model_id"], r["error"]["status"], r["error"]["detail"])'

# Channel ROI for channels 1, 2 and 3 over January 2025 under model 1.
curl -sf -X POST "$API/analytics/channel-roi" -H 'Content-Type: application/json' \
  -d '{"channel_ids": [1, 2, 3], "start_date": "2025-01-01", "end_date": "2025-01-31",
       "attribution_model_id": 1}' | python3 -c '
import json, sys
for row in json.load(sys.stdin):
    print(row["channel_name"], row["roi"])'
