package io.nexus.server.integration.internal.google;

import com.google.auth.oauth2.GoogleCredentials;
import io.nexus.server.integration.DailyTotals;
import io.nexus.server.integration.ImportRange;
import io.nexus.server.integration.PlatformException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * GA4's own daily counts from the Data API's {@code properties/{id}:runReport} (dimensions date, sessionSource,
 * sessionMedium, sessionCampaignName; metrics sessions, keyEvents, purchaseRevenue, advertiserAdCost), read page by
 * page ({@code offset} and {@code limit} until {@code rowCount}) with the service account's access token; 429
 * (RESOURCE_EXHAUSTED) and 500/503 answers are retried with growing pauses.
 */
final class Ga4DataApi {
  private static final String SCOPE = "https://www.googleapis.com/auth/analytics.readonly";
  private static final List<String> DIMENSIONS = List.of("date", "sessionSource", "sessionMedium",
      "sessionCampaignName");
  private static final List<String> METRICS = List.of("sessions", "keyEvents", "purchaseRevenue", "advertiserAdCost");

  private final Ga4Settings settings;
  private final JsonMapper json;
  private final HttpClient http;

  Ga4DataApi(Ga4Settings settings, JsonMapper json) {
    this.settings = settings;
    this.json = json;
    this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
  }

  /**
   * One report row: a day and a source, medium and campaign, with its metrics.
   *
   * @param date the day, in the property's time zone
   * @param source the session's source
   * @param medium the session's medium
   * @param campaign the session's campaign name
   * @param sessions sessions
   * @param keyEvents key events (conversions)
   * @param revenue purchase revenue
   * @param adCost Google Ads cost
   */
  record ReportRow(LocalDate date, String source, String medium, String campaign, long sessions, long keyEvents,
      BigDecimal revenue, BigDecimal adCost) {}

  /**
   * A report: its rows, and the currency of its money metrics.
   *
   * @param rows every row, in the order GA4 answers them
   * @param currency the property's currency ({@code metadata.currencyCode}, ISO 4217), or {@code null} when the
   *     answer names none
   */
  record Report(List<ReportRow> rows, String currency) {}

  /** Every row of the range's report, in the order GA4 answers them, and the report's currency. */
  Report report(ImportRange range) {
    GoogleCredentials credentials = GoogleKeys.serviceAccount(settings.credentialsFile(), List.of(SCOPE));
    URI uri = URI.create(settings.dataApiUrl() + "/v1beta/properties/" + settings.propertyId() + ":runReport");
    List<ReportRow> rows = new ArrayList<>();
    String currency = null;
    long offset = 0;
    while (true) {
      JsonNode page = call(credentials, uri, request(range, offset));
      String code = page.path("metadata").path("currencyCode").asString("").strip();
      if (!code.isEmpty()) {
        currency = code.toUpperCase(Locale.ROOT);
      }
      JsonNode found = page.get("rows");
      if (found == null || !found.isArray() || found.isEmpty()) {
        // GA4 leaves rows out of an empty report.
        return new Report(rows, currency);
      }
      for (JsonNode row : found) {
        rows.add(row(row, offset + rows.size() + 1));
      }
      offset += found.size();
      if (offset >= page.path("rowCount").asLong(0)) {
        return new Report(rows, currency);
      }
    }
  }

  /** The report summed per day: sessions, key events as conversions, purchase revenue. */
  static List<DailyTotals> daily(List<ReportRow> rows) {
    Map<LocalDate, DailyTotals> days = new TreeMap<>();
    for (ReportRow r : rows) {
      days.merge(r.date(), new DailyTotals(r.date(), r.sessions(), r.keyEvents(), r.revenue()),
          (a, b) -> new DailyTotals(a.date(), a.sessions() + b.sessions(), a.conversions() + b.conversions(),
              a.revenue().add(b.revenue())));
    }
    return List.copyOf(days.values());
  }

  private ObjectNode request(ImportRange range, long offset) {
    ObjectNode body = json.createObjectNode();
    ObjectNode dates = body.putArray("dateRanges").addObject();
    dates.put("startDate", range.startDate().toString());
    dates.put("endDate", range.endDate().toString());
    ArrayNode dimensions = body.putArray("dimensions");
    DIMENSIONS.forEach(name -> dimensions.addObject().put("name", name));
    ArrayNode metrics = body.putArray("metrics");
    METRICS.forEach(name -> metrics.addObject().put("name", name));
    body.put("offset", Long.toString(offset));
    body.put("limit", Long.toString(settings.pageSize()));
    body.putArray("orderBys").addObject().putObject("dimension").put("dimensionName", "date");
    return body;
  }

  private JsonNode call(GoogleCredentials credentials, URI uri, ObjectNode body) {
    Duration pause = settings.retryDelay();
    for (int attempt = 1; ; attempt++) {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(settings.timeout())
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
      for (Map.Entry<String, List<String>> header : GoogleKeys.headers(credentials, uri).entrySet()) {
        header.getValue().forEach(value -> request.header(header.getKey(), value));
      }
      HttpResponse<String> answer;
      try {
        answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        if (attempt < settings.maxAttempts()) {
          pause = sleep(pause);
          continue;
        }
        throw new PlatformException("the GA4 Data API is out of reach (" + uri.getHost() + "): " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PlatformException("interrupted while asking the GA4 Data API", e);
      }
      int status = answer.statusCode();
      if (status == 200) {
        try {
          return json.readTree(answer.body());
        } catch (JacksonException e) {
          throw new PlatformException("the GA4 Data API answered 200 with a body that is not JSON");
        }
      }
      boolean transient_ = status == 429 || status == 500 || status == 503;
      if (transient_ && attempt < settings.maxAttempts()) {
        pause = sleep(pause);
        continue;
      }
      throw new PlatformException(describe(status, answer.body(), attempt));
    }
  }

  /** Google's error body {@code {"error": {"code", "message", "status"}}}, with what to do about it. */
  private String describe(int status, String body, int attempts) {
    String detail = "";
    try {
      JsonNode error = json.readTree(body).path("error");
      detail = (error.path("status").asString("") + " " + error.path("message").asString("")).strip();
    } catch (JacksonException e) {
      // Not Google's JSON error: the status says enough.
    }
    String hint = switch (status) {
      case 401 -> "; Google refused the service-account key (GOOGLE_APPLICATION_CREDENTIALS)";
      case 403 -> "; add the service account's e-mail to the GA4 property as Viewer (scope analytics.readonly)";
      case 404 -> "; check NEXUS_GA4_PROPERTY_ID";
      case 429 -> "; the property's Data API quota is used up (retried " + attempts + " times); try again later";
      default -> "";
    };
    return "the GA4 Data API answered " + status + (detail.isEmpty() ? "" : " " + detail) + hint;
  }

  private static ReportRow row(JsonNode row, long position) {
    JsonNode d = row.path("dimensionValues");
    JsonNode m = row.path("metricValues");
    if (d.size() != DIMENSIONS.size() || m.size() != METRICS.size()) {
      throw new PlatformException("the GA4 Data API answered row " + position + " with " + d.size()
          + " dimensions and " + m.size() + " metrics, not " + DIMENSIONS.size() + " and " + METRICS.size());
    }
    LocalDate date;
    try {
      date = LocalDate.parse(d.get(0).path("value").asString(""), DateTimeFormatter.BASIC_ISO_DATE);
    } catch (DateTimeParseException e) {
      throw new PlatformException("the GA4 Data API answered row " + position + " with the date \""
          + d.get(0).path("value").asString("") + "\", not YYYYMMDD");
    }
    return new ReportRow(date, d.get(1).path("value").asString(""), d.get(2).path("value").asString(""),
        d.get(3).path("value").asString(""), count(m.get(0), "sessions", position),
        count(m.get(1), "keyEvents", position), money(m.get(2), "purchaseRevenue", position),
        money(m.get(3), "advertiserAdCost", position));
  }

  private static long count(JsonNode value, String metric, long position) {
    // Counts arrive as strings; keyEvents may be written with a fraction (".0").
    return money(value, metric, position).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
  }

  private static BigDecimal money(JsonNode value, String metric, long position) {
    String text = value.path("value").asString("");
    try {
      return new BigDecimal(text.strip());
    } catch (NumberFormatException e) {
      throw new PlatformException("the GA4 Data API answered row " + position + " with " + metric + " \"" + text
          + "\", not a number");
    }
  }

  private static Duration sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PlatformException("interrupted while waiting to ask the GA4 Data API again", e);
    }
    return pause.multipliedBy(2);
  }
}
