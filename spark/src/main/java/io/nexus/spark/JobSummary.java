package io.nexus.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one run of {@link AttributionJob} read, built and wrote; immutable and thread-safe.
 *
 * @param layout {@code touchpoints} or {@code paths}
 * @param rowsRead data rows read from the input, rejected ones included
 * @param rowsRejected rows that could not be read, written to {@code rejects/} with the reason
 * @param users distinct users (touchpoint input; 0 for paths)
 * @param journeys journeys built (touchpoints) or path rows read (paths)
 * @param convertingJourneys journeys or path rows with at least one conversion
 * @param touches touches on all journeys after lookback and path transform
 * @param expiredTouches touches dropped because they fell outside the lookback window
 * @param unattributedConversions conversions without any touch in their window, left unattributed
 * @param channels distinct channels on the journeys
 * @param models the model labels, in the order given
 * @param creditRows rows written to {@code journey_credits/}
 * @param serviceSource the source the service filed the imported journeys under ({@code nexus-spark:RUN}), or
 *     {@code null} without {@code --service-url}
 * @param serviceJourneys journeys the service imported, 0 without {@code --service-url}
 * @param serviceJourneysAlreadyImported journeys the service had imported under the same source before
 * @param serviceResults attribution results the service stored
 * @param notes remarks a user should see beside the numbers (estimated Shapley sets, unattributed conversions)
 * @param seconds wall time of the run
 */
public record JobSummary(
    String layout,
    long rowsRead,
    long rowsRejected,
    long users,
    long journeys,
    long convertingJourneys,
    long touches,
    long expiredTouches,
    long unattributedConversions,
    int channels,
    List<String> models,
    long creditRows,
    String serviceSource,
    long serviceJourneys,
    long serviceJourneysAlreadyImported,
    long serviceResults,
    List<String> notes,
    double seconds) {

  public JobSummary {
    models = List.copyOf(models);
    notes = List.copyOf(notes);
  }

  /** The summary as lines for people, as the job prints it on stderr. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    lines.add(String.format("rows read:                %,d (%s)", rowsRead, layout));
    lines.add(String.format("rows rejected:            %,d%s", rowsRejected, rowsRejected > 0 ? " (see rejects/)" : ""));
    if (layout.equals("touchpoints")) {
      lines.add(String.format("users:                    %,d", users));
    }
    lines.add(String.format("journeys:                 %,d (%,d converting)", journeys, convertingJourneys));
    lines.add(layout.equals("touchpoints")
        ? String.format("touches:                  %,d (%,d outside the lookback window)", touches, expiredTouches)
        : String.format("touches:                  %,d", touches));
    lines.add(String.format("channels:                 %,d", channels));
    lines.add("models:                   " + String.join(", ", models));
    lines.add(String.format("journey credits written:  %,d rows", creditRows));
    if (serviceSource != null) {
      lines.add(String.format("imported by the service:  %,d journeys (%,d imported before), %,d results as %s",
          serviceJourneys, serviceJourneysAlreadyImported, serviceResults, serviceSource));
    }
    lines.add(String.format("wall time:                %.1f s", seconds));
    for (String note : notes) {
      lines.add("note: " + note);
    }
    return lines;
  }

  /** The summary as a JSON object, as the job writes it to {@code summary.json}. */
  public String toJson() {
    StringBuilder json = new StringBuilder("{\n");
    field(json, "layout", quote(layout));
    field(json, "rows_read", Long.toString(rowsRead));
    field(json, "rows_rejected", Long.toString(rowsRejected));
    field(json, "users", Long.toString(users));
    field(json, "journeys", Long.toString(journeys));
    field(json, "converting_journeys", Long.toString(convertingJourneys));
    field(json, "touches", Long.toString(touches));
    field(json, "expired_touches", Long.toString(expiredTouches));
    field(json, "unattributed_conversions", Long.toString(unattributedConversions));
    field(json, "channels", Integer.toString(channels));
    field(json, "models", list(models));
    field(json, "credit_rows", Long.toString(creditRows));
    field(json, "service_source", serviceSource == null ? "null" : quote(serviceSource));
    field(json, "service_journeys", Long.toString(serviceJourneys));
    field(json, "service_journeys_already_imported", Long.toString(serviceJourneysAlreadyImported));
    field(json, "service_results", Long.toString(serviceResults));
    field(json, "notes", list(notes));
    json.append("  \"seconds\": ").append(String.format(Locale.ROOT, "%.3f", seconds)).append("\n}\n");
    return json.toString();
  }

  private static void field(StringBuilder json, String name, String value) {
    json.append("  \"").append(name).append("\": ").append(value).append(",\n");
  }

  private static String list(List<String> values) {
    List<String> quoted = new ArrayList<>();
    for (String v : values) {
      quoted.add(quote(v));
    }
    return "[" + String.join(", ", quoted) + "]";
  }

  private static String quote(String s) {
    StringBuilder q = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> q.append("\\\"");
        case '\\' -> q.append("\\\\");
        case '\n' -> q.append("\\n");
        case '\r' -> q.append("\\r");
        case '\t' -> q.append("\\t");
        default -> {
          if (c < 0x20) {
            q.append(String.format("\\u%04x", (int) c));
          } else {
            q.append(c);
          }
        }
      }
    }
    return q.append('"').toString();
  }
}
