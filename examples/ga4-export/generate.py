"""Writes events.ndjson.gz: a GA4 BigQuery export of 300 users whose journeys are worked out by hand (README.md)."""
import gzip, json

BASE = 1735689600 * 1_000_000  # 2025-01-01T00:00:00Z in microseconds
HOUR = 3600 * 1_000_000
DAY = 24 * HOUR

def event(name, user, at, session, collected=None, last_click=None, ecommerce=None, params=()):
    e = {
        "event_date": "2025%02d%02d" % (1, 1 + at // DAY),
        "event_timestamp": str(BASE + at),  # INT64 as bq extract writes it
        "event_name": name,
        "event_params": [{"key": "ga_session_id", "value": {"string_value": None, "int_value": str(session),
                                                             "float_value": None, "double_value": None}},
                         {"key": "page_location", "value": {"string_value": "https://shop.example/",
                                                             "int_value": None, "float_value": None,
                                                             "double_value": None}}] + list(params),
        "user_id": None,
        "user_pseudo_id": user,
        "device": {"category": "desktop", "operating_system": "Linux", "web_info": {"browser": "Firefox"}},
        "traffic_source": {"name": "(direct)", "medium": "(none)", "source": "(direct)"},
    }
    if collected:
        e["collected_traffic_source"] = collected
    if last_click:
        e["session_traffic_source_last_click"] = {"manual_campaign": last_click}
    if ecommerce:
        e["ecommerce"] = ecommerce
    return e

rows = []
for i in range(300):
    user = "%d.%d" % (1000000 + i, 1735000000)
    group, at = i % 3, (i // 3) * HOUR
    if group == 0:
        # Day 1: an ad click (gclid only: google / cpc, Paid Search); day 2: the newsletter (Email) and a purchase.
        rows.append(event("session_start", user, at, 1, collected={"gclid": "Cj0K%d" % i}))
        rows.append(event("page_view", user, at + 1000, 1))
        rows.append(event("session_start", user, at + DAY, 2,
                          last_click={"source": "newsletter", "medium": "email", "campaign_name": "jan"}))
        rows.append(event("purchase", user, at + DAY + 60_000_000, 2,
                          ecommerce={"transaction_id": "T%d" % i, "purchase_revenue": 50.0,
                                     "total_item_quantity": "1"}))
    elif group == 1:
        # One direct session with a purchase worth 30, sent twice with the same transaction id.
        rows.append(event("session_start", user, at, 7))
        for repeat in (0, 1):
            rows.append(event("purchase", user, at + 5_000_000 + repeat, 7,
                              ecommerce={"transaction_id": "T%d" % i, "purchase_revenue": "30.00"}))
    else:
        # A paid social visit without purchase: a journey without conversion.
        rows.append(event("session_start", user, at, 3,
                          collected={"manual_source": "facebook", "manual_medium": "paid_social",
                                     "manual_campaign_name": "winter"}))

with gzip.open("events.ndjson.gz", "wt", encoding="utf-8") as out:
    for r in rows:
        out.write(json.dumps(r) + "\n")
print(len(rows), "events")
