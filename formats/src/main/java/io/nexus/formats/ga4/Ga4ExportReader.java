package io.nexus.formats.ga4;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nexus.engine.journey.UserEvent;
import io.nexus.formats.InputException;
import io.nexus.formats.InputFile;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipException;

/**
 * Reads the GA4 BigQuery export ({@code events_*} rows as NDJSON, one event per line, as {@code bq extract} or the
 * console write it; gzip or not) into user events for the journey builder; not thread-safe.
 *
 * <p>A user is the event's {@code user_pseudo_id} ({@code user_id} when there is none). Each session (the user and the
 * {@code ga_session_id} event parameter) is one touch at its earliest event, with the session's source, medium and
 * campaign: {@code session_traffic_source_last_click.manual_campaign} when present, else the
 * {@code collected_traffic_source} of its earliest event that has one ({@code gclid} alone reads as
 * {@code google / cpc}), else {@code (direct) / (none)}. Each {@code purchase} event is a conversion worth
 * {@code ecommerce.purchase_revenue} (else the {@code value} parameter, else nothing); purchases with a transaction id
 * seen before in the file are left out. Events without {@code ga_session_id} make no touch; other events only shape
 * their session. Integers may arrive as JSON numbers or, as BigQuery writes INT64, as strings.
 */
public final class Ga4ExportReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Ga4ExportReader() {}

  /**
   * One event for the journey builder, with a stable id for idempotent imports and the line it came from.
   *
   * @param eventId {@code ga4:session:<user_pseudo_id>:<ga_session_id>}, {@code ga4:purchase:<transaction_id>} or,
   *     for a purchase without transaction id, {@code ga4:purchase:<user_pseudo_id>:<event_timestamp>}
   * @param line the line of its (first) event, the first line being 1
   * @param event the touch or conversion
   */
  public record Ga4Event(String eventId, long line, UserEvent event) {}

  /**
   * What a file holds.
   *
   * @param rows the non-blank lines read
   * @param events the touches and conversions, in line order
   * @param duplicatePurchases purchases left out because their transaction id came before
   * @param rejections the lines that could not be read, each with its reason
   */
  public record Result(long rows, List<Ga4Event> events, long duplicatePurchases, List<InputException> rejections) {}

  /**
   * Reads every event of {@code input}.
   *
   * @throws InputException naming the line and reason of the first line that cannot be read
   */
  public static List<UserEvent> read(InputFile input) throws IOException, InputException {
    Result result = readAll(input.reader());
    if (!result.rejections().isEmpty()) {
      throw result.rejections().get(0);
    }
    if (result.rows() == 0) {
      throw new InputException(1, "empty input: expected GA4 export events, one JSON object per line");
    }
    return result.events().stream().map(Ga4Event::event).toList();
  }

  /** Reads every line of {@code reader}, collecting the lines that cannot be read rather than stopping at the first. */
  public static Result readAll(BufferedReader reader) throws IOException {
    Collector collector = new Collector();
    List<InputException> rejections = new ArrayList<>();
    long rows = 0;
    long line = 0;
    String text;
    while (true) {
      try {
        text = reader.readLine();
      } catch (ZipException | EOFException e) {
        rejections.add(new InputException(line + 1, "not readable as gzip: " + e.getMessage()));
        break;
      }
      if (text == null) {
        break;
      }
      line++;
      if (text.isBlank()) {
        continue;
      }
      rows++;
      try {
        collector.add(row(text, line));
      } catch (InputException e) {
        rejections.add(e);
      }
    }
    return new Result(rows, collector.events(), collector.duplicatePurchases(), rejections);
  }

  /**
   * One export row, as far as journeys need it.
   *
   * @param line its line, or any number that orders the rows as their lines do
   * @param user {@code user_pseudo_id}, else {@code user_id}
   * @param micros {@code event_timestamp}, microseconds since the epoch
   * @param sessionId the {@code ga_session_id} parameter, or {@code null}
   * @param lastClick {@code session_traffic_source_last_click.manual_campaign}, or {@code null}
   * @param collected {@code collected_traffic_source}, or {@code null}
   * @param purchase whether the event is a {@code purchase}
   * @param transactionId {@code ecommerce.transaction_id} of a purchase ({@code null} for none or {@code (not set)})
   * @param revenue the purchase's revenue, or {@code null}
   */
  public record Ga4Row(long line, String user, long micros, String sessionId, Traffic lastClick, Traffic collected,
      boolean purchase, String transactionId, BigDecimal revenue) {
    /** The event's instant. */
    public Instant at() {
      return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    /** The same row, no longer a purchase (a later purchase of a transaction seen before still shapes its session). */
    public Ga4Row withoutPurchase() {
      return new Ga4Row(line, user, micros, sessionId, lastClick, collected, false, null, null);
    }
  }

  /** Source, medium and campaign of a session's traffic; any may be {@code null}, not all. */
  public record Traffic(String source, String medium, String campaign) {}

  /**
   * Reads one exported event (one line's JSON).
   *
   * @throws InputException naming {@code line} when it is not an event that journeys can use
   */
  public static Ga4Row row(String text, long line) throws InputException {
    JsonNode event;
    try {
      event = JSON.readTree(text);
    } catch (JacksonException e) {
      throw new InputException(line, "not valid JSON: " + e.getOriginalMessage());
    }
    return row(event, line);
  }

  /**
   * Reads one exported event, given as a JSON tree (as a line holds it, or as another reader of the same schema, such
   * as Spark's for Parquet, hands it over).
   *
   * @throws InputException naming {@code line} when it is not an event that journeys can use
   */
  public static Ga4Row row(JsonNode event, long line) throws InputException {
    if (event == null || !event.isObject()) {
      throw new InputException(line, "not a JSON object: each line must be one exported event");
    }
    String name = text(event, "event_name");
    if (name == null) {
      throw new InputException(line, "event_name", "", "missing value");
    }
    long micros = integer(event.get("event_timestamp"), "event_timestamp", line);
    String user = text(event, "user_pseudo_id");
    if (user == null) {
      user = text(event, "user_id");
    }
    if (user == null) {
      throw new InputException(line, "user_pseudo_id", "", "missing value, and no user_id either");
    }
    JsonNode sessionParam = param(event, "ga_session_id");
    String sessionId = sessionParam == null ? null
        : Long.toString(integer(sessionParam.get("int_value"), "event_params.ga_session_id", line));
    JsonNode manual = event.path("session_traffic_source_last_click").path("manual_campaign");
    Traffic lastClick = traffic(text(manual, "source"), text(manual, "medium"), text(manual, "campaign_name"), null);
    JsonNode collected = event.path("collected_traffic_source");
    Traffic collectedTraffic = traffic(text(collected, "manual_source"), text(collected, "manual_medium"),
        text(collected, "manual_campaign_name"), text(collected, "gclid"));
    boolean purchase = name.equals("purchase");
    String transactionId = null;
    BigDecimal revenue = null;
    if (purchase) {
      JsonNode ecommerce = event.path("ecommerce");
      transactionId = text(ecommerce, "transaction_id");
      if (transactionId != null && transactionId.equals("(not set)")) {
        transactionId = null;
      }
      revenue = decimal(ecommerce.get("purchase_revenue"), "ecommerce.purchase_revenue", line);
      if (revenue == null) {
        JsonNode value = param(event, "value");
        revenue = value == null ? null : value.hasNonNull("double_value")
            ? decimal(value.get("double_value"), "event_params.value", line)
            : decimal(value.get("int_value"), "event_params.value", line);
      }
      if (revenue != null && revenue.signum() < 0) {
        throw new InputException(line, "ecommerce.purchase_revenue", revenue.toPlainString(), "must not be negative");
      }
    }
    return new Ga4Row(line, user, micros, sessionId, lastClick, collectedTraffic, purchase, transactionId, revenue);
  }

  /**
   * Turns rows, given in line order, into touches (one per session) and conversions (one per purchase whose
   * transaction id did not come before); not thread-safe. Sessions belong to one user, so the rows of each user alone,
   * in line order, give that user's events exactly as the whole file does, once purchases of a transaction seen on
   * another user's earlier line are passed {@link Ga4Row#withoutPurchase() without their purchase}.
   */
  public static final class Collector {
    private final Map<String, Session> sessions = new LinkedHashMap<>();
    private final List<Ga4Event> purchases = new ArrayList<>();
    private final Set<String> transactions = new HashSet<>();
    private long duplicates;

    /** Adds the next row in line order. */
    public void add(Ga4Row row) {
      if (row.sessionId() != null) {
        sessions.computeIfAbsent(row.user() + "\u0000" + row.sessionId(), k -> new Session(row)).add(row);
      }
      if (row.purchase()) {
        if (row.transactionId() != null && !transactions.add(row.transactionId())) {
          duplicates++;
          return;
        }
        String id = row.transactionId() != null ? "ga4:purchase:" + row.transactionId()
            : "ga4:purchase:" + row.user() + ":" + row.micros();
        purchases.add(new Ga4Event(id, row.line(), UserEvent.purchase(row.user(), row.at(), row.revenue())));
      }
    }

    /** Purchases left out so far because their transaction id came before. */
    public long duplicatePurchases() {
      return duplicates;
    }

    /** The touches and conversions of the rows added, in line order (a session's at its first line). */
    public List<Ga4Event> events() {
      List<Ga4Event> events = new ArrayList<>(purchases);
      for (Session s : sessions.values()) {
        events.add(s.touch());
      }
      events.sort(Comparator.comparingLong(Ga4Event::line).thenComparing(e -> e.event().conversion()));
      return events;
    }
  }

  private static Traffic traffic(String source, String medium, String campaign, String gclid) {
    if (source == null && medium == null && campaign == null) {
      return gclid == null ? null : new Traffic("google", "cpc", null);
    }
    return new Traffic(source, medium, campaign);
  }

  /** The event parameter {@code key}'s value object, or {@code null}. */
  private static JsonNode param(JsonNode event, String key) {
    for (JsonNode p : event.path("event_params")) {
      if (key.equals(p.path("key").asText(null))) {
        JsonNode value = p.get("value");
        return value == null || value.isNull() ? null : value;
      }
    }
    return null;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    String s = value.asText().strip();
    return s.isEmpty() ? null : s;
  }

  private static long integer(JsonNode value, String field, long line) throws InputException {
    if (value == null || value.isNull()) {
      throw new InputException(line, field, "", "missing value");
    }
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return value.longValue();
    }
    try {
      return Long.parseLong(value.asText().strip());
    } catch (NumberFormatException e) {
      throw new InputException(line, field, value.asText(), "must be an integer");
    }
  }

  private static BigDecimal decimal(JsonNode value, String field, long line) throws InputException {
    if (value == null || value.isNull()) {
      return null;
    }
    try {
      return value.isNumber() ? value.decimalValue() : new BigDecimal(value.asText().strip());
    } catch (NumberFormatException e) {
      throw new InputException(line, field, value.asText(), "must be a number");
    }
  }

  /** A session being read: its earliest event and the best traffic source seen so far. */
  private static final class Session {
    private final String user;
    private final String sessionId;
    private final long line;
    private Instant first;
    private Traffic lastClick;
    private Traffic collected;
    private Instant collectedAt;

    Session(Ga4Row row) {
      this.user = row.user();
      this.sessionId = row.sessionId();
      this.line = row.line();
      this.first = row.at();
    }

    void add(Ga4Row row) {
      Instant at = row.at();
      first = at.isBefore(first) ? at : first;
      if (row.lastClick() != null && lastClick == null) {
        lastClick = row.lastClick();
      }
      if (row.collected() != null && (collectedAt == null || at.isBefore(collectedAt))) {
        collected = row.collected();
        collectedAt = at;
      }
    }

    Ga4Event touch() {
      Traffic t = lastClick != null ? lastClick : collected != null ? collected
          : new Traffic("(direct)", "(none)", null);
      return new Ga4Event("ga4:session:" + user + ":" + sessionId, line,
          UserEvent.visit(user, first, t.source(), t.medium(), t.campaign()));
    }
  }
}
