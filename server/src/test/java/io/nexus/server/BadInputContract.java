package io.nexus.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.nexus.server.support.DefaultTenant;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bad input, request by request over real HTTP: each is refused with the documented status and an RFC 9457 problem
 * naming the field and the reason, and changes nothing that is stored; next to them, the well-formed requests closest
 * to them are stored and answered exactly as stored. Subclasses run the table on H2 and on PostgreSQL.
 */
@ExtendWith(DefaultTenant.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class BadInputContract {
  private static final String JOURNEY = "{\"user_id\":\"u\",\"start_time\":\"2025-01-15T10:00:00Z\"}";
  private static final String TOUCH =
      "{\"journey_id\":{journey},\"channel_id\":1,\"timestamp\":\"2025-01-15T10:05:00Z\"";
  private static final String PURCHASE = "{\"journey_id\":{journey},\"timestamp\":\"2025-01-15T11:00:00Z\"";
  private static final long MB = 1 << 20;
  private static final Pattern NUMBER = Pattern.compile("\"%s\":(-?[0-9.eE+-]+)");

  @LocalServerPort
  int port;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  JsonMapper json;

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  /** A converting journey with one touch, made fresh for each request of the table. */
  private long journey;

  /** One request of the table and what it must be answered. */
  record Case(String name, String method, String path, Body body, Map<String, String> headers, int status,
      String field, String reason, List<String> stored) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** A body as a string, or one too large to build: only declared, or streamed in chunks. */
  record Body(String text, long declared, long chunked) {
    static Body of(String text) {
      return new Body(text, -1, -1);
    }
  }

  static Stream<Case> requests() {
    return Stream.of(
        // ---- what is stored is what was sent, exactly, and what is answered -------------------------------------
        ok("a cost of 1.5 is stored and answered as 1.5000", "POST", "/touchpoints",
            TOUCH + ",\"cost\":1.5}", 201, "touchpoints", "cost", "created_at"),
        ok("an engagement of 0.12345 is stored as it is", "POST", "/touchpoints",
            TOUCH + ",\"engagement_score\":0.12345,\"cost\":9999999999.9999}", 201, "touchpoints",
            "engagement_score", "cost"),
        ok("a timestamp with an offset and microseconds", "POST", "/touchpoints",
            "{\"journey_id\":{journey},\"channel_id\":1,\"timestamp\":\"2025-01-15T11:05:00.123456+01:00\"}", 201,
            "touchpoints", "timestamp"),
        ok("a revenue of twelve integer digits", "POST", "/conversions",
            PURCHASE + ",\"revenue\":999999999999.9999}", 201, "conversions", "revenue"),
        ok("the first and the last storable times", "POST", "/journeys/batch",
            "[{\"user_id\":\"a\",\"start_time\":\"1900-01-01T00:00:00Z\"},"
                + "{\"user_id\":\"b\",\"start_time\":\"2200-12-31T23:59:59.999999Z\"}]", 201, "journeys"),
        ok("a bare JSON array batch", "POST", "/touchpoints/batch", "[" + TOUCH + ",\"cost\":0.25}]", 201,
            "touchpoints"),
        ok("a channel costing a millionth per impression", "POST", "/channels",
            "{\"name\":\"Millionths\",\"cost_per_impression\":0.000001,\"monthly_budget\":99999999999999.99}", 201,
            "channels", "cost_per_impression", "monthly_budget"),
        ok("Accept: application/json", "POST", "/journeys", JOURNEY, Map.of("Accept", "application/json"), 201,
            "journeys", "start_time", "created_at", "conversion_value", "journey_duration_minutes"),

        // ---- content negotiation is refused before anything runs ------------------------------------------------
        refused("POST /journeys with Accept: application/xml", "POST", "/journeys", JOURNEY, XML, 406, "Accept",
            "application/json"),
        refused("POST /journeys/batch with Accept: application/xml", "POST", "/journeys/batch", "[" + JOURNEY + "]",
            XML, 406, "Accept", "application/json"),
        refused("POST /touchpoints with Accept: application/xml", "POST", "/touchpoints", TOUCH + "}", XML, 406,
            "Accept", "application/json"),
        refused("POST /touchpoints/batch with Accept: application/xml", "POST", "/touchpoints/batch",
            "[" + TOUCH + "}]", XML, 406, "Accept", "application/json"),
        refused("POST /conversions with Accept: application/xml", "POST", "/conversions",
            PURCHASE + ",\"revenue\":5}", XML, 406, "Accept", "application/json"),
        refused("POST /conversions/batch with Accept: application/xml", "POST", "/conversions/batch",
            "[" + PURCHASE + ",\"revenue\":5}]", XML, 406, "Accept", "application/json"),
        refused("POST /channels with Accept: application/xml", "POST", "/channels", "{\"name\":\"Xml\"}", XML, 406,
            "Accept", "application/json"),
        refused("POST /models with Accept: application/xml", "POST", "/models",
            "{\"name\":\"Xml\",\"model_type\":\"linear\"}", XML, 406, "Accept", "application/json"),
        refused("POST /calculate with Accept: application/xml", "POST", "/calculate/{journey}/3", "", XML, 406,
            "Accept", "application/json"),
        refused("POST /calculate/bulk with Accept: application/xml", "POST", "/calculate/bulk",
            "{\"journey_ids\":[{journey}],\"model_ids\":[1,2]}", XML, 406, "Accept", "application/json"),
        refused("POST /analytics/channel-roi with Accept: application/xml", "POST", "/analytics/channel-roi",
            "{\"start_date\":\"2025-01-01\",\"end_date\":\"2025-01-31\",\"attribution_model_id\":1}", XML, 406,
            "Accept", "application/json"),
        refused("a body that is not JSON", "POST", "/journeys", JOURNEY, Map.of("Content-Type", "text/plain"), 415,
            "Content-Type", "application/json"),

        // ---- integers: whole and in range ------------------------------------------------------------------------
        refused("a fractional journey_id", "POST", "/touchpoints",
            "{\"journey_id\":{journey}.5,\"channel_id\":1,\"timestamp\":\"2025-01-15T10:05:00Z\"}", 400,
            "journey_id", "whole number"),
        refused("a journey_id past the largest long", "POST", "/touchpoints",
            "{\"journey_id\":9223372036854775808,\"channel_id\":1,\"timestamp\":\"2025-01-15T10:05:00Z\"}", 400,
            "journey_id", "to 9223372036854775807, got 9223372036854775808"),
        refused("pages_viewed past the largest int", "POST", "/touchpoints", TOUCH + ",\"pages_viewed\":3000000000}",
            400, "pages_viewed", "to 2147483647, got 3000000000"),
        refused("a whole number written with a fraction", "POST", "/conversions",
            PURCHASE + ",\"revenue\":5,\"quantity\":2.0}", 400, "quantity", "whole number"),
        refused("a fractional journey id in a batch", "POST", "/touchpoints/batch",
            "{\"touchpoints\":[" + TOUCH + "},{\"journey_id\":1.5,\"channel_id\":1,"
                + "\"timestamp\":\"2025-01-15T10:05:00Z\"}]}", 400, "touchpoints[1].journey_id", "whole number"),
        refused("a fractional model id in bulk", "POST", "/calculate/bulk",
            "{\"journey_ids\":[{journey}],\"model_ids\":[1.5]}", 400, "model_ids[0]", "whole number"),
        refused("a fractional training window", "POST", "/models",
            "{\"name\":\"Frac\",\"model_type\":\"markov\",\"training_data_window_days\":30.5}", 400,
            "training_data_window_days", "whole number"),

        // ---- numbers that do not fit their column ----------------------------------------------------------------
        refused("a cost finer than its column", "POST", "/touchpoints", TOUCH + ",\"cost\":0.000001}", 422, "cost",
            "at most 4 decimal places and 10 integer digits"),
        refused("a cost of 1e12", "POST", "/touchpoints", TOUCH + ",\"cost\":1e12}", 422, "cost",
            "at most 4 decimal places and 10 integer digits"),
        refused("a cost of 1e400", "POST", "/touchpoints", TOUCH + ",\"cost\":1e400}", 422, "cost",
            "at most 4 decimal places and 10 integer digits"),
        refused("an engagement finer than its column", "POST", "/touchpoints",
            TOUCH + ",\"engagement_score\":0.1234567}", 422, "engagement_score",
            "at most 5 decimal places and 1 integer digits"),
        refused("a revenue of 1e20", "POST", "/conversions", PURCHASE + ",\"revenue\":1e20}", 422, "revenue",
            "at most 4 decimal places and 12 integer digits"),
        refused("a cost of 1e12 in a batch", "POST", "/touchpoints/batch",
            "[" + TOUCH + "}," + TOUCH + ",\"cost\":1e12}]", 422, "touchpoints[1].cost", "10 integer digits"),
        refused("a revenue of 1e20 in a batch", "POST", "/conversions/batch",
            "{\"conversions\":[" + PURCHASE + ",\"revenue\":1}," + PURCHASE + ",\"revenue\":1e20}]}", 422,
            "conversions[1].revenue", "12 integer digits"),
        // The journey holds 10 already: the hundredth conversion of almost 10^12 takes it past 10^14.
        refused("conversions adding up past what a journey holds", "POST", "/conversions/batch",
            "[" + String.join(",", Collections.nCopies(100, PURCHASE + ",\"revenue\":999999999999.9999}")) + "]",
            422, "conversions[99].revenue", "largest it holds"),
        refused("a cost per click finer than its column", "POST", "/channels",
            "{\"name\":\"Fine\",\"cost_per_click\":0.00001}", 422, "cost_per_click",
            "at most 4 decimal places and 10 integer digits"),
        refused("a cost per impression finer than its column", "POST", "/channels",
            "{\"name\":\"Finer\",\"cost_per_impression\":0.0000001}", 422, "cost_per_impression",
            "at most 6 decimal places and 8 integer digits"),
        refused("a monthly budget of 1e15", "POST", "/channels", "{\"name\":\"Rich\",\"monthly_budget\":1e15}", 422,
            "monthly_budget", "at most 2 decimal places and 14 integer digits"),
        refused("a channel updated to a cost per click of 1e11", "PUT", "/channels/2",
            "{\"cost_per_click\":1e11}", 422, "cost_per_click", "10 integer digits"),
        refused("a half-life finer than its column", "POST", "/models",
            "{\"name\":\"Decay\",\"model_type\":\"time_decay\",\"time_decay_halflife_days\":0.00001}", 422,
            "time_decay_halflife_days", "at most 4 decimal places and 6 integer digits"),

        // ---- JSON types are not coerced -------------------------------------------------------------------------
        refused("a user_id given as a number", "POST", "/journeys",
            "{\"user_id\":123,\"start_time\":\"2025-01-15T10:00:00Z\"}", 400, "user_id", "expected a string"),
        refused("a start_time given as an epoch number", "POST", "/journeys",
            "{\"user_id\":\"u\",\"start_time\":1736935200}", 400, "start_time", "ISO-8601"),
        refused("a start_time given as an epoch string", "POST", "/journeys",
            "{\"user_id\":\"u\",\"start_time\":\"1736935200\"}", 400, "start_time", "ISO-8601"),
        refused("a start_time without offset", "POST", "/journeys",
            "{\"user_id\":\"u\",\"start_time\":\"2025-01-15T10:00:00\"}", 400, "start_time", "ISO-8601"),
        refused("a journey_id given as a string", "POST", "/touchpoints",
            "{\"journey_id\":\"{journey}\",\"channel_id\":1,\"timestamp\":\"2025-01-15T10:05:00Z\"}", 400,
            "journey_id", "got a string"),
        refused("a cost given as a string", "POST", "/touchpoints", TOUCH + ",\"cost\":\"1.5\"}", 400, "cost",
            "expected a number"),
        refused("is_active given as a string", "POST", "/channels", "{\"name\":\"Yes\",\"is_active\":\"true\"}", 400,
            "is_active", "true or false"),
        refused("is_active given as a number", "POST", "/models",
            "{\"name\":\"One\",\"model_type\":\"linear\",\"is_active\":1}", 400, "is_active", "true or false"),
        refused("a journey id given as a string in bulk", "POST", "/calculate/bulk",
            "{\"journey_ids\":[\"{journey}\"],\"model_ids\":[1]}", 400, "journey_ids[0]", "got a string"),
        refused("a model id given as a string for channel ROI", "POST", "/analytics/channel-roi",
            "{\"start_date\":\"2025-01-01\",\"end_date\":\"2025-01-31\",\"attribution_model_id\":\"1\"}", 400,
            "attribution_model_id", "got a string"),

        // ---- unknown and repeated fields ------------------------------------------------------------------------
        refused("a misspelt revenue", "POST", "/conversions", PURCHASE + ",\"revenu\":5}", 400, "revenu",
            "unknown field"),
        refused("a misspelt field in a batch", "POST", "/touchpoints/batch",
            "{\"touchpoints\":[" + TOUCH + "}," + TOUCH + ",\"cots\":1}]}", 400, "touchpoints[1].cots",
            "unknown field"),
        refused("an unknown field beside a batch", "POST", "/journeys/batch",
            "{\"journeys\":[" + JOURNEY + "],\"dry_run\":true}", 400, "dry_run", "unknown field"),
        refused("an unknown field in bulk", "POST", "/calculate/bulk",
            "{\"journey_id\":[{journey}],\"model_ids\":[1]}", 400, "journey_id", "unknown field"),
        refused("an unknown field for a channel", "POST", "/channels", "{\"name\":\"Typo\",\"cost_per_clik\":1}",
            400, "cost_per_clik", "unknown field"),
        refused("a repeated key", "POST", "/journeys",
            "{\"user_id\":\"a\",\"user_id\":\"b\",\"start_time\":\"2025-01-15T10:00:00Z\"}", 400, "user_id",
            "more than once"),
        refused("a repeated key in a batch", "POST", "/conversions/batch",
            "[" + PURCHASE + ",\"revenue\":1}," + PURCHASE + ",\"revenue\":1,\"revenue\":2}]", 400,
            "[1].revenue", "more than once"),

        // ---- times lie in the years 1900 to 2200, to the microsecond ----------------------------------------------
        refused("a journey in year 1", "POST", "/journeys",
            "{\"user_id\":\"u\",\"start_time\":\"0001-01-01T00:00:00Z\"}", 422, "start_time", "1900 to 2200"),
        refused("a journey in year 99999", "POST", "/journeys",
            "{\"user_id\":\"u\",\"start_time\":\"+99999-01-01T00:00:00Z\"}", 422, "start_time", "1900 to 2200"),
        refused("a touch in year -5000", "POST", "/touchpoints",
            "{\"journey_id\":{journey},\"channel_id\":1,\"timestamp\":\"-5000-01-01T00:00:00Z\"}", 422, "timestamp",
            "1900 to 2200"),
        refused("a purchase in 2201", "POST", "/conversions",
            "{\"journey_id\":{journey},\"timestamp\":\"2201-01-01T00:00:00Z\",\"revenue\":5}", 422, "timestamp",
            "1900 to 2200"),
        refused("a time finer than microseconds", "POST", "/journeys",
            "{\"user_id\":\"u\",\"start_time\":\"2025-01-15T10:00:00.123456789Z\"}", 422, "start_time",
            "microseconds"),
        refused("a journey in year 1 in a batch", "POST", "/journeys/batch",
            "[" + JOURNEY + ",{\"user_id\":\"u\",\"start_time\":\"0001-01-01T00:00:00Z\"}]", 422,
            "journeys[1].start_time", "1900 to 2200"),
        refused("a journey list from year 1", "GET", "/journeys?start_date=0001-01-01", null, Map.of(), 422,
            "start_date", "1900 to 2200"),
        refused("a journey list to 2201", "GET", "/journeys?end_date=2201-01-01T00:00:00Z", null, Map.of(), 422,
            "end_date", "1900 to 2200"),
        refused("channel ROI from year 99999", "POST", "/analytics/channel-roi",
            "{\"start_date\":\"+99999-01-01\",\"end_date\":\"+99999-01-31\",\"attribution_model_id\":1}", 422,
            "start_date", "1900 to 2200"),
        refused("top paths to year 3000", "POST", "/analytics/top-paths",
            "{\"start_date\":\"2025-01-01\",\"end_date\":\"3000-01-01\"}", 422, "end_date", "1900 to 2200"),
        refused("bulk over journeys with a date from year 1", "POST", "/calculate/bulk",
            "{\"journey_ids\":[{journey}],\"model_ids\":[1],\"start_date\":\"0001-01-01\"}", 422, "start_date",
            "1900 to 2200"),

        // ---- texts the database can store ---------------------------------------------------------------------
        refused("a NUL character in a user id", "POST", "/journeys",
            "{\"user_id\":\"a\\u0000b\",\"start_time\":\"2025-01-15T10:00:00Z\"}", 422, "user_id", "NUL"),
        refused("a NUL character in a campaign name", "POST", "/touchpoints",
            TOUCH + ",\"campaign_name\":\"spring\\u0000sale\"}", 422, "campaign_name", "NUL"),
        refused("an unpaired surrogate in a product name", "POST", "/conversions",
            PURCHASE + ",\"revenue\":5,\"product_name\":\"half \\ud83d\"}", 422, "product_name",
            "unpaired surrogate (U+D83D)"),
        refused("a NUL character in channel metadata", "POST", "/channels",
            "{\"name\":\"Nul\",\"metadata\":{\"owner\":\"a\\u0000b\"}}", 422, "metadata", "NUL"),
        refused("channel metadata longer than its column", "POST", "/channels",
            "{\"name\":\"Long\",\"metadata\":{\"notes\":\"" + "n".repeat(8_000) + "\"}}", 422, "metadata",
            "8000 characters"),
        refused("model parameters longer than their column", "POST", "/models",
            "{\"name\":\"Long\",\"model_type\":\"markov\",\"ml_parameters\":{\"a\":\"" + "n".repeat(4_000)
                + "\",\"b\":\"" + "n".repeat(4_000) + "\"}}", 422, "ml_parameters", "8000 characters"),

        // ---- real conflicts stay 409 and name the field --------------------------------------------------------
        refused("a channel name that is taken", "POST", "/channels", "{\"name\":\"Paid Search\"}", 409, "name",
            "already exists"),
        refused("a model name that is taken", "POST", "/models", "{\"name\":\"First Touch\",\"model_type\":\"linear\"}",
            409, "name", "already exists"),

        // ---- sizes -------------------------------------------------------------------------------------------------
        refused("a string longer than 10,000 characters", "POST", "/journeys",
            "{\"user_id\":\"" + "u".repeat(10_001) + "\",\"start_time\":\"2025-01-15T10:00:00Z\"}", 413, "user_id",
            "10000 characters"),
        // Jackson stops at the number before it knows the field, so the problem names the body.
        refused("a number of 1,001 digits", "POST", "/touchpoints", TOUCH + ",\"cost\":" + "9".repeat(1_001) + "}",
            413, "body", "a number longer than the limit of 1000 characters"),
        refused("JSON nested 40 deep", "POST", "/channels",
            "{\"name\":\"Deep\",\"metadata\":" + "{\"a\":".repeat(40) + "1" + "}".repeat(40) + "}", 400,
            "metadata.a", "32 levels"),
        tooLarge("a body declared as 100 MB", "/journeys", new Body(null, 100 * MB, -1)),
        tooLarge("a chunked body streaming past 32 MB", "/touchpoints/batch", new Body(null, -1, 33 * MB)),
        refused("a batch of 10,001 journeys", "POST", "/journeys/batch",
            "[" + String.join(",", Collections.nCopies(10_001, JOURNEY)) + "]", 400, "journeys",
            "at most 10000"));
  }

  private static final Map<String, String> XML = Map.of("Accept", "application/xml");

  private static Case ok(String name, String method, String path, String body, int status, String table,
      String... columns) {
    return ok(name, method, path, body, Map.of(), status, table, columns);
  }

  private static Case ok(String name, String method, String path, String body, Map<String, String> headers,
      int status, String table, String... columns) {
    List<String> stored = new ArrayList<>();
    stored.add(table);
    stored.addAll(Arrays.asList(columns));
    return new Case(name, method, path, Body.of(body), headers, status, null, null, stored);
  }

  private static Case refused(String name, String method, String path, String body, int status, String field,
      String reason) {
    return refused(name, method, path, body, Map.of(), status, field, reason);
  }

  private static Case refused(String name, String method, String path, String body, Map<String, String> headers,
      int status, String field, String reason) {
    return new Case(name, method, path, Body.of(body), headers, status, field, reason, List.of());
  }

  private static Case tooLarge(String name, String path, Body body) {
    return new Case(name, "POST", path, body, Map.of(), 413, "body", "at most 32 MB", List.of());
  }

  @BeforeEach
  void aConvertingJourney() throws Exception {
    Answer created = send("POST", "/journeys", Body.of(JOURNEY), Map.of());
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    journey = created.body().get("id").asLong();
    assertThat(send("POST", "/touchpoints", Body.of(TOUCH.replace("{journey}", "" + journey) + "}"), Map.of())
        .status()).isEqualTo(201);
    assertThat(send("POST", "/conversions", Body.of(PURCHASE.replace("{journey}", "" + journey)
        + ",\"revenue\":10}"), Map.of()).status()).isEqualTo(201);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void eachRequestIsAnsweredAsDocumentedAndOnlyAnAcceptedOneChangesData(Case request) throws Exception {
    List<Long> before = fingerprint();
    Answer answer = send(request.method(), request.path(), request.body(), request.headers());
    assertThat(answer.status()).as("%s answered %s", request, answer.text()).isEqualTo(request.status());
    if (request.status() >= 400) {
      assertThat(answer.contentType()).as(answer.text()).startsWith("application/problem+json");
      JsonNode errors = answer.body().get("errors");
      assertThat(errors).as(answer.text()).isNotNull();
      assertThat(errors.get(0).get("field").asString()).as(answer.text()).isEqualTo(request.field());
      assertThat(errors.get(0).get("reason").asString()).as(answer.text()).contains(request.reason());
      assertThat(fingerprint()).as("rows after %s", request).isEqualTo(before);
    } else {
      assertAnsweredAsStored(answer, request.stored());
    }
  }

  /** Each named column of the answered record equals the stored one digit for digit (the whole batch for lists). */
  private void assertAnsweredAsStored(Answer answer, List<String> stored) {
    String table = stored.get(0);
    JsonNode body = answer.body();
    JsonNode records = body.has("items") ? body.get("items") : body.has("journeys") ? body.get("journeys")
        : json.createArrayNode().add(body);
    assertThat(records.isEmpty()).isFalse();
    for (JsonNode record : records) {
      long id = record.get("id").asLong();
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE id = ?", Long.class, id))
          .as("%s %d stored", table, id).isEqualTo(1);
    }
    for (String column : stored.subList(1, stored.size())) {
      Object value = jdbc.queryForObject("SELECT \"" + column + "\" FROM " + table + " WHERE id = ?", Object.class,
          body.get("id").asLong());
      if (value instanceof BigDecimal number) {
        Matcher answered = Pattern.compile(String.format(NUMBER.pattern(), column)).matcher(answer.text());
        assertThat(answered.find()).as(answer.text()).isTrue();
        assertThat(new BigDecimal(answered.group(1))).as(column).isEqualTo(number);
      } else {
        Instant storedTime = value instanceof OffsetDateTime t ? t.toInstant() : ((Timestamp) value)
            .toInstant();
        assertThat(Instant.parse(body.get(column).asString())).as(column).isEqualTo(storedTime);
      }
    }
  }

  /** How many rows each table holds and how often journeys changed: any write moves one of them. */
  private List<Long> fingerprint() {
    List<Long> counts = new ArrayList<>();
    for (String table : List.of("journeys", "touchpoints", "conversions", "channels", "attribution_models",
        "attribution_results", "attribution_jobs")) {
      counts.add(jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class));
    }
    counts.add(jdbc.queryForObject("SELECT COALESCE(SUM(version), 0) FROM journeys", Long.class));
    counts.add(jdbc.queryForObject("SELECT COUNT(*) FROM channels WHERE updated_at > created_at", Long.class));
    return counts;
  }

  // ---- the client ------------------------------------------------------------------------------------------------

  /** An answer: status, content type, the body as text and as JSON. */
  record Answer(int status, String contentType, String text, JsonNode body) {}

  private Answer send(String method, String path, Body body, Map<String, String> headers) throws Exception {
    String target = "/api/v1/attribution" + path.replace("{journey}", Long.toString(journey));
    if (body.declared() > 0 || body.chunked() > 0) {
      return sendRaw(target, body);
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + target))
        .timeout(Duration.ofSeconds(60));
    if (!headers.containsKey("Content-Type")) {
      request.header("Content-Type", "application/json");
    }
    headers.forEach(request::header);
    String text = body.text() == null ? null : body.text().replace("{journey}", Long.toString(journey));
    request.method(method, text == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(text));
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
  }

  private Answer answer(int status, String contentType, String text) {
    JsonNode body = text == null || text.isEmpty() ? null : json.readTree(text);
    return new Answer(status, contentType, text, body);
  }

  /**
   * A body no client should build in memory, over a plain socket: either a Content-Length of the declared size with
   * only its first bytes sent (the answer must come without the rest), or a chunked stream of JSON whitespace that
   * ends only after the limit.
   */
  private Answer sendRaw(String target, Body body) throws IOException {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      String head = "POST " + target + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
          + (body.declared() > 0 ? "Content-Length: " + body.declared() : "Transfer-Encoding: chunked")
          + "\r\nConnection: close\r\n\r\n";
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      byte[] spaces = new byte[64 * 1024];
      Arrays.fill(spaces, (byte) ' ');
      if (body.declared() > 0) {
        out.write('[');
        out.write(spaces);
      } else {
        writeChunk(out, new byte[] {'['});
        for (long sent = 0; sent < body.chunked(); sent += spaces.length) {
          writeChunk(out, spaces);
        }
        writeChunk(out, new byte[] {']'});
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      out.flush();
      return readAnswer(socket.getInputStream());
    }
  }

  private static void writeChunk(OutputStream out, byte[] data) throws IOException {
    out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(data);
    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
  }

  /** Status, content type and body of an HTTP/1.1 answer, its body whole or in chunks. */
  private Answer readAnswer(InputStream in) throws IOException {
    String status = line(in);
    String contentType = "";
    boolean chunked = false;
    int length = -1;
    for (String header = line(in); !header.isEmpty(); header = line(in)) {
      String name = header.substring(0, header.indexOf(':')).strip().toLowerCase(Locale.ROOT);
      String value = header.substring(header.indexOf(':') + 1).strip();
      switch (name) {
        case "content-type" -> contentType = value;
        case "transfer-encoding" -> chunked = value.contains("chunked");
        case "content-length" -> length = Integer.parseInt(value);
        default -> { }
      }
    }
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    if (chunked) {
      for (int size = Integer.parseInt(line(in).strip(), 16); size > 0; size = Integer.parseInt(line(in).strip(), 16)) {
        text.write(in.readNBytes(size));
        line(in);
      }
    } else {
      text.write(length >= 0 ? in.readNBytes(length) : in.readAllBytes());
    }
    return answer(Integer.parseInt(status.split(" ")[1]), contentType, text.toString(StandardCharsets.UTF_8));
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }
}
