package io.nexus.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.nexus.server.support.DefaultTenant;
import io.nexus.server.support.Api;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The documented API, end to end through the real database: subclasses run every behaviour on H2 and on
 * PostgreSQL. Each test makes its own data (its own users, channels and years), so tests never depend on each other.
 */
@ExtendWith(DefaultTenant.class)
@SpringBootTest
@AutoConfigureMockMvc
abstract class AttributionApiContract {
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  @Autowired
  MockMvc mvc;
  @Autowired
  JsonMapper json;
  @Autowired
  JdbcTemplate jdbc;

  Api api;

  @BeforeEach
  void client() {
    api = new Api(mvc, json);
  }

  private static String unique(String prefix) {
    return prefix + "-" + System.nanoTime() + "-" + SEQUENCE.incrementAndGet();
  }

  /** A converting journey with two touches on channels 1 and 3 (costs 1.50 and 0.25) and a 100.00 purchase. */
  private long convertingJourney(String year) {
    long j = api.journey(unique("u"), year + "-03-01T10:00:00Z");
    api.touch(j, 1, "click", year + "-03-01T10:00:00Z", "1.50");
    api.touch(j, 3, "click", year + "-03-02T10:00:00Z", "0.25");
    api.purchase(j, year + "-03-03T10:00:00Z", "100.00");
    return j;
  }

  // ---- catalogue ------------------------------------------------------------------------------------------------

  @Test
  void aFreshDatabaseHoldsTheDefaultModelsInTheDocumentedOrder() {
    JsonNode models = api.get("/models", 200);
    List<String> types = new ArrayList<>();
    models.forEach(m -> types.add(m.get("model_type").asString()));
    assertThat(types.subList(0, 8)).containsExactly("first_touch", "last_touch", "linear", "time_decay",
        "position_based", "data_driven", "markov", "shapley");
    assertThat(models.get(3).get("time_decay_halflife_days").asDouble()).isEqualTo(7);
    assertThat(models.get(5).get("ml_model_type").asString()).isEqualTo("claude-sonnet-4-5-20250929");
    assertThat(models.get(5).get("training_data_window_days").asInt()).isEqualTo(90);
  }

  @Test
  void aFreshDatabaseHoldsGa4sDefaultChannelGroups() {
    JsonNode channels = api.get("/channels", 200);
    Set<String> names = new HashSet<>();
    channels.forEach(c -> names.add(c.get("name").asString()));
    assertThat(names).contains("Paid Search", "Paid Social", "Email", "Display", "Organic Search", "Direct",
        "Referral", "Affiliates", "Unassigned");
    assertThat(channels.get(0).get("name").asString()).isEqualTo("Paid Search");
  }

  @Test
  void channelsCanBeCreatedReadUpdatedAndDeleted() {
    String name = unique("Podcasts");
    JsonNode created = api.post("/channels", "{\"name\":\"" + name + "\",\"channel_type\":\"audio\","
        + "\"cost_per_impression\":0.02,\"metadata\":{\"owner\":\"brand team\"}}", 201);
    long id = created.get("id").asLong();
    assertThat(created.get("is_active").asBoolean()).isTrue();
    assertThat(api.get("/channels/" + id, 200).get("metadata").get("owner").asString()).isEqualTo("brand team");
    assertThat(api.put("/channels/" + id, "{\"monthly_budget\":500}").body().get("monthly_budget").asDouble())
        .isEqualTo(500);
    assertThat(api.delete("/channels/" + id).status()).isEqualTo(204);
    assertThat(api.get("/channels/" + id).status()).isEqualTo(404);
  }

  @Test
  void aChannelInUseIsDeactivatedNotDeleted() {
    long channel = api.channel(unique("Used"), "0.5");
    long j = api.journey(unique("u"), "2030-01-01T00:00:00Z");
    api.touch(j, channel, "click", "2030-01-01T00:00:00Z", "0.5");
    Api.Answer answer = api.delete("/channels/" + channel);
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body().get("is_active").asBoolean()).isFalse();
    assertThat(api.post("/touchpoints", "{\"journey_id\":" + j + ",\"channel_id\":" + channel
        + ",\"timestamp\":\"2030-01-01T01:00:00Z\"}", 422).get("errors").get(0).get("field").asString())
        .isEqualTo("channel_id");
  }

  @Test
  void aDuplicateChannelNameIsAConflict() {
    String name = unique("Twice");
    api.channel(name, "1");
    assertThat(api.post("/channels", "{\"name\":\"" + name + "\"}", 409).get("detail").asString())
        .contains(name);
  }

  @Test
  void aModelIsCheckedByTheEngineAndNamesTheBadField() {
    JsonNode problem = api.post("/models", "{\"name\":\"" + unique("Bad U") + "\",\"model_type\":\"position_based\","
        + "\"position_weights\":{\"first\":0.5,\"middle\":0.3,\"last\":0.5}}", 422);
    assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("position_weights");
    assertThat(problem.get("errors").get(0).get("reason").asString()).contains("must sum to 1");
    JsonNode unknown = api.post("/models", "{\"name\":\"" + unique("X") + "\",\"model_type\":\"lineal\"}", 422);
    assertThat(unknown.get("errors").get(0).get("field").asString()).isEqualTo("model_type");
  }

  @Test
  void aCustomModelCanBeUsed() {
    long model = api.post("/models", "{\"name\":\"" + unique("Markov 3") + "\",\"model_type\":\"markov\","
        + "\"ml_parameters\":{\"order\":3},\"training_data_window_days\":30}", 201).get("id").asLong();
    long j = convertingJourney("2031");
    JsonNode result = api.post("/calculate/" + j + "/" + model, "", 200);
    assertThat(sumRevenue(result)).isEqualByComparingTo("100.00");
  }

  // ---- journeys, touchpoints, conversions -----------------------------------------------------------------------

  @Test
  void aNewJourneyAnswersWithItsIdAndEveryColumn() {
    JsonNode j = api.post("/journeys", "{\"user_id\":\"user_123\",\"session_id\":\"abc\","
        + "\"start_time\":\"2025-01-15T10:00:00Z\"}", 201);
    assertThat(j.get("id").asLong()).isPositive();
    for (String column : List.of("user_id", "session_id", "start_time", "end_time", "total_touchpoints",
        "conversion_value", "has_conversion", "journey_duration_minutes")) {
      assertThat(j.has(column)).as(column).isTrue();
    }
    assertThat(j.get("start_time").asString()).isEqualTo("2025-01-15T10:00:00Z");
  }

  @Test
  void aJourneysAggregatesFollowItsTouchpointsAndConversions() {
    long j = convertingJourney("2032");
    JsonNode journey = api.get("/journeys/" + j, 200);
    assertThat(journey.get("total_touchpoints").asInt()).isEqualTo(2);
    assertThat(journey.get("has_conversion").asBoolean()).isTrue();
    assertThat(journey.get("conversion_value").decimalValue()).isEqualByComparingTo("100.00");
    assertThat(journey.get("end_time").asString()).isEqualTo("2032-03-03T10:00:00Z");
    assertThat(journey.get("journey_duration_minutes").decimalValue()).isEqualByComparingTo("2880");
    assertThat(journey.get("touchpoints")).hasSize(2);
    assertThat(journey.get("touchpoints").get(1).get("position_in_journey").asInt()).isEqualTo(2);
    assertThat(journey.get("conversions").get(0).get("revenue").decimalValue()).isEqualByComparingTo("100.00");
  }

  @Test
  void journeysCanBeFilteredAndPaged() {
    String user = unique("filter");
    for (int i = 0; i < 3; i++) {
      api.journey(user, "2033-01-0" + (i + 1) + "T00:00:00Z");
    }
    JsonNode page = api.get("/journeys?user_id=" + user + "&size=2&page=0", 200);
    assertThat(page.get("items")).hasSize(2);
    assertThat(page.get("total_items").asLong()).isEqualTo(3);
    assertThat(page.get("total_pages").asLong()).isEqualTo(2);
    assertThat(api.get("/journeys?user_id=" + user + "&start_date=2033-01-02&end_date=2033-01-02", 200)
        .get("total_items").asLong()).isEqualTo(1);
    assertThat(api.get("/journeys?user_id=" + user + "&has_conversion=true", 200).get("total_items").asLong())
        .isZero();
  }

  @Test
  void aRetriedEventIdIsStoredOnceAndAnsweredWithTheOriginal() {
    long j = api.journey(unique("u"), "2034-01-01T00:00:00Z");
    String body = "{\"journey_id\":" + j + ",\"channel_id\":1,\"timestamp\":\"2034-01-01T00:01:00Z\","
        + "\"event_id\":\"evt-1\"}";
    Api.Answer first = api.post("/touchpoints", body);
    Api.Answer retry = api.post("/touchpoints", body);
    assertThat(first.status()).isEqualTo(201);
    assertThat(retry.status()).isEqualTo(200);
    assertThat(retry.id()).isEqualTo(first.id());
    assertThat(api.get("/journeys/" + j, 200).get("total_touchpoints").asInt()).isEqualTo(1);
    String conversion = "{\"journey_id\":" + j + ",\"timestamp\":\"2034-01-02T00:00:00Z\",\"revenue\":10,"
        + "\"event_id\":\"order-9\"}";
    assertThat(api.post("/conversions", conversion).status()).isEqualTo(201);
    assertThat(api.post("/conversions", conversion).status()).isEqualTo(200);
    assertThat(api.get("/journeys/" + j, 200).get("conversion_value").decimalValue()).isEqualByComparingTo("10");
  }

  @Test
  void aBatchStoresEverythingAndComputesPositions() {
    long a = api.journey(unique("u"), "2035-01-01T00:00:00Z");
    long b = api.journey(unique("u"), "2035-01-01T00:00:00Z");
    JsonNode result = api.post("/touchpoints/batch", "{\"touchpoints\":["
        + "{\"journey_id\":" + a + ",\"channel_id\":1,\"timestamp\":\"2035-01-01T01:00:00Z\"},"
        + "{\"journey_id\":" + b + ",\"channel_id\":2,\"timestamp\":\"2035-01-01T01:00:00Z\",\"event_id\":\"e\"},"
        + "{\"journey_id\":" + a + ",\"channel_id\":3,\"timestamp\":\"2035-01-01T02:00:00Z\"},"
        + "{\"journey_id\":" + b + ",\"channel_id\":2,\"timestamp\":\"2035-01-01T01:00:00Z\",\"event_id\":\"e\"}]}", 201);
    assertThat(result.get("created").asInt()).isEqualTo(3);
    assertThat(result.get("duplicates").asInt()).isEqualTo(1);
    assertThat(result.get("items").get(2).get("position_in_journey").asInt()).isEqualTo(2);
    assertThat(result.get("items").get(3).get("id").asLong()).isEqualTo(result.get("items").get(1).get("id").asLong());
    assertThat(api.get("/journeys/" + a, 200).get("total_touchpoints").asInt()).isEqualTo(2);
  }

  @Test
  void aBatchAcceptsABareArray() {
    long a = api.journey(unique("u"), "2035-02-01T00:00:00Z");
    JsonNode result = api.post("/touchpoints/batch", "[{\"journey_id\":" + a + ",\"channel_id\":1,"
        + "\"timestamp\":\"2035-02-01T01:00:00Z\"}]", 201);
    assertThat(result.get("created").asInt()).isEqualTo(1);
  }

  @Test
  void aBatchWithOneBadRecordStoresNothing() {
    long a = api.journey(unique("u"), "2036-01-01T00:00:00Z");
    JsonNode problem = api.post("/touchpoints/batch", "{\"touchpoints\":["
        + "{\"journey_id\":" + a + ",\"channel_id\":1,\"timestamp\":\"2036-01-01T01:00:00Z\"},"
        + "{\"journey_id\":" + a + ",\"channel_id\":999999,\"timestamp\":\"2036-01-01T02:00:00Z\"}]}", 422);
    assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("touchpoints[1].channel_id");
    JsonNode missingJourney = api.post("/touchpoints/batch", "{\"touchpoints\":["
        + "{\"journey_id\":" + a + ",\"channel_id\":1,\"timestamp\":\"2036-01-01T01:00:00Z\"},"
        + "{\"journey_id\":987654321,\"channel_id\":1,\"timestamp\":\"2036-01-01T02:00:00Z\"}]}", 422);
    assertThat(missingJourney.get("errors").get(0).get("field").asString()).isEqualTo("touchpoints[1].journey_id");
    assertThat(api.get("/journeys/" + a, 200).get("total_touchpoints").asInt()).isZero();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM touchpoints WHERE journey_id = ?", Long.class, a)).isZero();
  }

  @Test
  void badFieldsAreNamedInAProblemBody() {
    long j = api.journey(unique("u"), "2036-02-01T00:00:00Z");
    Api.Answer answer = api.post("/touchpoints/batch", "{\"touchpoints\":["
        + "{\"journey_id\":" + j + ",\"channel_id\":1,\"timestamp\":\"2036-02-01T01:00:00Z\"},"
        + "{\"journey_id\":" + j + ",\"channel_id\":1,\"timestamp\":\"2036-02-01T01:00:00Z\","
        + "\"engagement_score\":1.5,\"cost\":-2}]}");
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    List<String> fields = new ArrayList<>();
    answer.body().get("errors").forEach(e -> fields.add(e.get("field").asString()));
    assertThat(fields).containsExactlyInAnyOrder("touchpoints[1].engagement_score", "touchpoints[1].cost");
    assertThat(api.get("/journeys/" + j, 200).get("total_touchpoints").asInt()).isZero();
  }

  @Test
  void malformedOrMistypedBodiesAre400sNamingTheField() {
    assertThat(api.post("/journeys", "{\"user_id\":", 400).get("errors").get(0).get("field").asString())
        .isEqualTo("body");
    assertThat(api.post("/touchpoints", "{\"journey_id\":\"abc\",\"channel_id\":1,\"timestamp\":\"2025-01-01T00:00:00Z\"}",
        400).get("errors").get(0).get("field").asString()).isEqualTo("journey_id");
    assertThat(api.post("/conversions", "{\"journey_id\":1,\"timestamp\":\"yesterday\",\"revenue\":5}", 400)
        .get("errors").get(0).get("field").asString()).isEqualTo("timestamp");
    assertThat(api.post("/conversions", "{\"journey_id\":1,\"timestamp\":\"2025-01-01T00:00:00Z\",\"revenue\":-5}",
        400).get("errors").get(0).get("field").asString()).isEqualTo("revenue");
    assertThat(api.post("/journeys", "{\"session_id\":\"s\"}", 400).get("errors").toString())
        .contains("user_id", "start_time");
    assertThat(api.get("/journeys/abc").status()).isEqualTo(400);
    assertThat(api.get("/journeys/987654321").status()).isEqualTo(404);
  }

  @Test
  void concurrentWritersKeepPositionsAndTotalsRight() throws Exception {
    long j = api.journey(unique("u"), "2037-01-01T00:00:00Z");
    ExecutorService pool = Executors.newFixedThreadPool(6);
    List<Future<?>> writes = new ArrayList<>();
    for (int w = 0; w < 6; w++) {
      int writer = w;
      writes.add(pool.submit(() -> {
        for (int i = 0; i < 10; i++) {
          api.post("/touchpoints", "{\"journey_id\":" + j + ",\"channel_id\":" + (1 + writer % 3)
              + ",\"timestamp\":\"2037-01-01T0" + (i % 10) + ":00:00Z\",\"cost\":1}", 201);
        }
        api.post("/conversions", "{\"journey_id\":" + j + ",\"timestamp\":\"2037-01-02T00:00:00Z\",\"revenue\":5}", 201);
      }));
    }
    for (Future<?> write : writes) {
      write.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    JsonNode journey = api.get("/journeys/" + j, 200);
    assertThat(journey.get("total_touchpoints").asInt()).isEqualTo(60);
    assertThat(journey.get("conversion_value").decimalValue()).isEqualByComparingTo("30");
    Set<Integer> positions = new HashSet<>();
    journey.get("touchpoints").forEach(t -> positions.add(t.get("position_in_journey").asInt()));
    assertThat(positions).hasSize(60).contains(1, 60);
  }

  // ---- calculation ----------------------------------------------------------------------------------------------

  private static BigDecimal sumRevenue(JsonNode result) {
    BigDecimal sum = BigDecimal.ZERO;
    for (JsonNode a : result.get("attributions")) {
      sum = sum.add(a.get("attributed_revenue").decimalValue());
    }
    return sum;
  }

  @Test
  void calculationCreditsChannelsWithCostRoiAndRoas() {
    long j = convertingJourney("2038");
    JsonNode result = api.post("/calculate/" + j + "/3", "", 200);
    assertThat(result.get("model_type").asString()).isEqualTo("linear");
    JsonNode first = result.get("attributions").get(0);
    assertThat(first.get("channel_id").asLong()).isEqualTo(1);
    assertThat(first.get("channel_name").asString()).isEqualTo("Paid Search");
    assertThat(first.get("credit").asDouble()).isEqualTo(0.5);
    assertThat(first.get("attributed_revenue").decimalValue()).isEqualByComparingTo("50.00");
    assertThat(first.get("attributed_conversions").asDouble()).isEqualTo(0.5);
    assertThat(first.get("channel_cost").decimalValue()).isEqualByComparingTo("1.50");
    assertThat(first.get("roi").decimalValue()).isEqualByComparingTo("3233.3333");
    assertThat(first.get("roas").decimalValue()).isEqualByComparingTo("33.333333");
    assertThat(sumRevenue(result)).isEqualByComparingTo("100.00");
  }

  @Test
  void everyEngineModelCreditsTheWholeValue() {
    long j = convertingJourney("2039");
    for (int model : new int[] {1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 14, 15}) {
      JsonNode result = api.post("/calculate/" + j + "/" + model, "", 200);
      assertThat(sumRevenue(result)).as("model " + model).isEqualByComparingTo("100.00");
    }
  }

  @Test
  void resultsAreStoredAndARecalculationReplacesThem() {
    long j = convertingJourney("2040");
    api.post("/calculate/" + j + "/3", "", 200);
    api.post("/calculate/" + j + "/3?use_cache=false", "", 200);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM attribution_results WHERE journey_id = ? AND "
        + "attribution_model_id = 3", Long.class, j)).isEqualTo(2);
    assertThat(jdbc.queryForObject("SELECT SUM(attributed_revenue) FROM attribution_results WHERE journey_id = ? AND "
        + "attribution_model_id = 3", BigDecimal.class, j)).isEqualByComparingTo("100.00");
  }

  @Test
  void aJourneyWithoutConversionOrTouchpointsIsUnprocessable() {
    long noConversion = api.journey(unique("u"), "2041-01-01T00:00:00Z");
    api.touch(noConversion, 1, "click", "2041-01-01T00:00:00Z", "1");
    assertThat(api.post("/calculate/" + noConversion + "/1", "", 422).get("detail").asString())
        .contains("no conversion");
    long noTouches = api.journey(unique("u"), "2041-01-01T00:00:00Z");
    api.purchase(noTouches, "2041-01-02T00:00:00Z", "5");
    assertThat(api.post("/calculate/" + noTouches + "/1", "", 422).get("detail").asString())
        .contains("no touchpoints");
  }

  @Test
  void anInactiveModelIsAConflictAndTheAiModelIsUnavailable() {
    long j = convertingJourney("2042");
    long model = api.post("/models", "{\"name\":\"" + unique("Off") + "\",\"model_type\":\"linear\","
        + "\"is_active\":false}", 201).get("id").asLong();
    assertThat(api.post("/calculate/" + j + "/" + model, "", 409).get("detail").asString()).contains("inactive");
    assertThat(api.post("/calculate/" + j + "/6", "", 503).get("detail").asString())
        .contains("AI provider not configured");
    assertThat(api.post("/calculate/" + j + "/987654", "").status()).isEqualTo(404);
    assertThat(api.post("/calculate/987654321/1", "").status()).isEqualTo(404);
  }

  @Test
  void aModelWithStoredResultsIsDeactivatedOnDelete() {
    long model = api.post("/models", "{\"name\":\"" + unique("Kept") + "\",\"model_type\":\"first_touch\"}", 201)
        .get("id").asLong();
    api.post("/calculate/" + convertingJourney("2043") + "/" + model, "", 200);
    Api.Answer deleted = api.delete("/models/" + model);
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.body().get("is_active").asBoolean()).isFalse();
    long unused = api.post("/models", "{\"name\":\"" + unique("Gone") + "\",\"model_type\":\"first_touch\"}", 201)
        .get("id").asLong();
    assertThat(api.delete("/models/" + unused).status()).isEqualTo(204);
  }

  @Test
  void aCachedAnswerIsNeverStalerThanTheData() {
    long j = convertingJourney("2044");
    assertThat(api.post("/calculate/" + j + "/3", "", 200).get("cached").asBoolean()).isFalse();
    assertThat(api.post("/calculate/" + j + "/3", "", 200).get("cached").asBoolean()).isTrue();
    assertThat(api.post("/calculate/" + j + "/3?use_cache=false", "", 200).get("cached").asBoolean()).isFalse();
    api.touch(j, 4, "impression", "2044-03-02T12:00:00Z", "0.01");
    JsonNode fresh = api.post("/calculate/" + j + "/3", "", 200);
    assertThat(fresh.get("cached").asBoolean()).isFalse();
    assertThat(fresh.get("attributions")).hasSize(3);
    api.post("/calculate/" + j + "/3", "", 200);
    api.put("/channels/4", "{\"description\":\"renamed in a test\"}");
    assertThat(api.post("/calculate/" + j + "/3", "", 200).get("cached").asBoolean()).isFalse();
  }

  @Test
  void dataDrivenFitsAreRefreshedWhenTheDataChanges() {
    // A window of ten years so that the journeys other tests put in later years stay in it.
    long markov = api.post("/models", "{\"name\":\"" + unique("Markov wide") + "\",\"model_type\":\"markov\","
        + "\"training_data_window_days\":3650}", 201).get("id").asLong();
    long j = convertingJourney("2045");
    JsonNode before = api.post("/calculate/" + j + "/" + markov, "", 200);
    // Many journeys where channel 3 alone converts make it matter more to the chain.
    for (int i = 0; i < 30; i++) {
      long other = api.journey(unique("u"), "2045-03-01T00:00:00Z");
      api.touch(other, 3, "click", "2045-03-01T00:00:00Z", "0.1");
      api.purchase(other, "2045-03-01T01:00:00Z", "10");
    }
    JsonNode after = api.post("/calculate/" + j + "/" + markov, "", 200);
    assertThat(after.get("cached").asBoolean()).isFalse();
    assertThat(sumRevenue(after)).isEqualByComparingTo("100.00");
    assertThat(after.get("attributions").get(1).get("credit").asDouble())
        .isNotEqualTo(before.get("attributions").get(1).get("credit").asDouble());
  }

  @Test
  void bulkAnswersEachPairWithItsResultOrError() {
    long good = convertingJourney("2046");
    long empty = api.journey(unique("u"), "2046-01-01T00:00:00Z");
    JsonNode bulk = api.post("/calculate/bulk", "{\"journey_ids\":[" + good + "," + empty + ",987654321],"
        + "\"model_ids\":[1,3],\"use_cache\":true}", 200);
    assertThat(bulk.get("total").asInt()).isEqualTo(6);
    assertThat(bulk.get("succeeded").asInt()).isEqualTo(2);
    assertThat(bulk.get("failed").asInt()).isEqualTo(4);
    JsonNode results = bulk.get("results");
    assertThat(results.get(0).get("status").asString()).isEqualTo("succeeded");
    assertThat(results.get(0).get("attribution").get("attributions")).hasSize(2);
    assertThat(results.get(2).get("error").get("status").asInt()).isEqualTo(422);
    assertThat(results.get(4).get("error").get("status").asInt()).isEqualTo(404);
  }

  @Test
  void aDateRangeBulkRunsAsAJobWithProgress() throws Exception {
    List<Long> journeys = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      journeys.add(convertingJourney("2047"));
    }
    Api.Answer accepted = api.post("/calculate/bulk", "{\"model_ids\":[1,2,7],\"start_date\":\"2047-01-01\","
        + "\"end_date\":\"2047-12-31\"}");
    assertThat(accepted.status()).isEqualTo(202);
    long job = accepted.body().get("job_id").asLong();
    JsonNode status = null;
    for (int i = 0; i < 200; i++) {
      status = api.get("/jobs/" + job, 200);
      if (status.get("status").asString().matches("succeeded|failed")) {
        break;
      }
      Thread.sleep(100);
    }
    assertThat(status.get("status").asString()).isEqualTo("succeeded");
    assertThat(status.get("total_pairs").asLong()).isEqualTo(9);
    assertThat(status.get("done_pairs").asLong()).isEqualTo(9);
    assertThat(status.get("progress").asDouble()).isEqualTo(1.0);
    assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT journey_id) FROM attribution_results WHERE journey_id IN ("
        + journeys.get(0) + "," + journeys.get(1) + "," + journeys.get(2) + ") AND attribution_model_id = 7",
        Long.class)).isEqualTo(3);
    assertThat(api.get("/jobs/987654").status()).isEqualTo(404);
  }

  @Test
  void aVisualizationLaysTheJourneyOutInTimeWithCredits() {
    long j = convertingJourney("2048");
    JsonNode timeline = api.get("/journeys/" + j + "/visualization?model_id=5", 200);
    JsonNode touches = timeline.get("touchpoints");
    assertThat(touches).hasSize(2);
    assertThat(touches.get(0).get("channel_name").asString()).isEqualTo("Paid Search");
    assertThat(touches.get(0).get("minutes_to_conversion").decimalValue()).isEqualByComparingTo("2880");
    assertThat(touches.get(1).get("minutes_to_conversion").decimalValue()).isEqualByComparingTo("1440");
    assertThat(touches.get(0).get("credit").asDouble() + touches.get(1).get("credit").asDouble())
        .isCloseTo(1, within(1e-12));
    assertThat(timeline.get("conversions").get(0).get("revenue").decimalValue()).isEqualByComparingTo("100");
    assertThat(api.get("/journeys/" + j + "/visualization", 200).get("touchpoints").get(0).get("credit").isNull())
        .isTrue();
  }

  // ---- analytics ------------------------------------------------------------------------------------------------

  @Test
  void channelRoiComparesCreditedRevenueWithSpend() {
    long paid = api.channel(unique("ROI paid"), "2");
    long free = api.channel(unique("ROI free"), "0");
    for (int i = 0; i < 2; i++) {
      long j = api.journey(unique("u"), "2049-05-01T00:00:00Z");
      api.touch(j, paid, "click", "2049-05-01T00:00:00Z", "10");
      api.touch(j, free, "visit", "2049-05-01T01:00:00Z", "0");
      api.purchase(j, "2049-05-02T00:00:00Z", "50");
    }
    JsonNode rows = api.post("/analytics/channel-roi", "{\"channel_ids\":[" + paid + "," + free + "],"
        + "\"start_date\":\"2049-05-01\",\"end_date\":\"2049-05-31\",\"attribution_model_id\":1}", 200);
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).get("channel_id").asLong()).isEqualTo(paid);
    assertThat(rows.get(0).get("attributed_revenue").decimalValue()).isEqualByComparingTo("100");
    assertThat(rows.get(0).get("cost").decimalValue()).isEqualByComparingTo("20");
    assertThat(rows.get(0).get("roi").decimalValue()).isEqualByComparingTo("400");
    assertThat(rows.get(0).get("roas").decimalValue()).isEqualByComparingTo("5");
    assertThat(rows.get(1).get("attributed_revenue").decimalValue()).isEqualByComparingTo("0");
    assertThat(rows.get(1).get("roi").isNull()).isTrue();
    assertThat(rows.get(1).get("roas").isNull()).isTrue();
  }

  @Test
  void channelRoiRefusesUnknownChannelsAndMissingDates() {
    assertThat(api.post("/analytics/channel-roi", "{\"channel_ids\":[1,987654],\"start_date\":\"2025-01-01\","
        + "\"end_date\":\"2025-01-31\",\"attribution_model_id\":1}", 422).get("errors").get(0).get("field").asString())
        .isEqualTo("channel_ids[1]");
    assertThat(api.post("/analytics/channel-roi", "{\"channel_ids\":[1],\"attribution_model_id\":1}", 400)
        .get("errors").toString()).contains("start_date", "end_date");
    assertThat(api.post("/analytics/channel-roi", "{\"start_date\":\"2025-02-01\",\"end_date\":\"2025-01-01\","
        + "\"attribution_model_id\":1}", 400).get("errors").get(0).get("field").asString()).isEqualTo("end_date");
  }

  @Test
  void modelComparisonPutsModelsSideBySide() {
    convertingJourney("2050");
    JsonNode comparison = api.post("/analytics/model-comparison", "{\"model_ids\":[1,2,3],\"channel_ids\":[1,3],"
        + "\"start_date\":\"2050-01-01\",\"end_date\":\"2050-12-31\"}", 200);
    assertThat(comparison.get("models")).hasSize(3);
    JsonNode paidSearch = comparison.get("channels").get(0);
    assertThat(paidSearch.get("values").get(0).get("attributed_revenue").decimalValue()).isEqualByComparingTo("100");
    assertThat(paidSearch.get("values").get(1).get("attributed_revenue").decimalValue()).isEqualByComparingTo("0");
    assertThat(paidSearch.get("values").get(2).get("attributed_revenue").decimalValue()).isEqualByComparingTo("50");
  }

  @Test
  void topPathsCountJourneysConversionsAndTimeToConvert() {
    for (int i = 0; i < 3; i++) {
      convertingJourney("2051");
    }
    long lost = api.journey(unique("u"), "2051-03-01T10:00:00Z");
    api.touch(lost, 1, "click", "2051-03-01T10:00:00Z", "1");
    api.touch(lost, 3, "click", "2051-03-02T10:00:00Z", "1");
    JsonNode paths = api.post("/analytics/top-paths", "{\"start_date\":\"2051-01-01\",\"end_date\":\"2051-12-31\","
        + "\"limit\":5}", 200).get("paths");
    JsonNode top = paths.get(0);
    assertThat(top.get("path").toString()).isEqualTo("[\"Paid Search\",\"Email\"]");
    assertThat(top.get("journeys").asLong()).isEqualTo(4);
    assertThat(top.get("conversions").asLong()).isEqualTo(3);
    assertThat(top.get("conversion_rate").asDouble()).isEqualTo(0.75);
    assertThat(top.get("avg_days_to_conversion").asDouble()).isCloseTo(2, within(1e-9));
    assertThat(top.get("avg_touches_to_conversion").asDouble()).isEqualTo(2);
  }

  // ---- operations -----------------------------------------------------------------------------------------------

  @Test
  void healthReportsDatabaseAndCache() {
    JsonNode health = api.get("/health", 200);
    assertThat(health.get("status").asString()).isEqualTo("UP");
    assertThat(health.get("components").get("database").get("status").asString()).isEqualTo("UP");
    assertThat(health.get("components").get("cache").get("status").asString()).isEqualTo("UP");
    JsonNode cache = api.get("/cache/health", 200);
    for (String field : List.of("backend", "hits", "misses", "hit_rate", "keys", "memory_used_bytes")) {
      assertThat(cache.has(field)).as(field).isTrue();
    }
  }

  @Test
  void metricsArePublishedForPrometheus() {
    api.post("/calculate/" + convertingJourney("2052") + "/3", "", 200);
    api.get("/journeys/987654321");
    Api.Answer scrape = api.get("/actuator/prometheus");
    assertThat(scrape.status()).isEqualTo(200);
    assertThat(scrape.body().asString()).contains("nexus_attribution_calculation_seconds", "nexus_cache_requests_total",
        "nexus_api_errors_total", "nexus_journeys_processed_total", "hikaricp_connections", "nexus_ingest_touchpoints_total", "nexus_db_write_seconds");
  }

  @Test
  void theOpenApiDocumentDescribesTheApi() {
    JsonNode doc = api.get("/v3/api-docs", 200);
    assertThat(doc.get("paths").has("/api/v1/attribution/calculate/{journeyId}/{modelId}")).isTrue();
    assertThat(doc.get("paths").has("/api/v1/attribution/analytics/channel-roi")).isTrue();
    JsonNode touchpoint = doc.get("components").get("schemas").get("NewTouchpoint").get("properties");
    assertThat(touchpoint.has("engagement_score")).isTrue();
    assertThat(touchpoint.has("engagementScore")).isFalse();
  }
}
