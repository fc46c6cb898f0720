package io.nexus.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.nexus.server.support.DefaultTenant;
import io.nexus.server.support.Api;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /imports/results}: journeys attributed elsewhere are stored with their results as the service stores
 * its own, once per journey key, all or nothing. Subclasses run it on H2 and on PostgreSQL; each test uses a source,
 * users, channel names and a year of its own.
 */
@ExtendWith(DefaultTenant.class)
@SpringBootTest
@AutoConfigureMockMvc
abstract class ResultImportContract {
  private static final String PATH = "/imports/results";

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
    return prefix + "-" + UUID.randomUUID();
  }

  /**
   * A journey of {@code user} in {@code year}: a 1.50 click on Paid Search, a free visit on {@code other}, a 100.00
   * purchase after both, credited under {@code model} by the given {@code channel:credit:revenue} triples.
   */
  private static String journey(String key, String user, String year, String other, String model,
      String... credits) {
    List<String> results = new ArrayList<>();
    for (String credit : credits) {
      String[] c = credit.split(":");
      results.add("{\"model\":\"" + model + "\",\"channel\":\"" + c[0] + "\",\"credit\":" + c[1]
          + ",\"attributed_conversions\":" + c[1] + ",\"attributed_revenue\":" + c[2] + "}");
    }
    return "{\"key\":\"" + key + "\",\"user_id\":\"" + user + "\",\"session_id\":\"" + key + "\","
        + "\"touchpoints\":[{\"channel\":\"Paid Search\",\"touchpoint_type\":\"click\",\"timestamp\":\"" + year
        + "-03-01T10:00:00Z\",\"cost\":1.50},{\"channel\":\"" + other + "\",\"timestamp\":\"" + year
        + "-03-02T10:00:00Z\"}],\"conversions\":[{\"conversion_type\":\"purchase\",\"timestamp\":\"" + year
        + "-03-03T10:00:00Z\",\"revenue\":100.00}],\"results\":[" + String.join(",", results) + "]}";
  }

  private static String batch(String source, String... journeys) {
    return "{\"source\":\"" + source + "\",\"journeys\":[" + String.join(",", journeys) + "]}";
  }

  private long count(String sql, Object... args) {
    return jdbc.queryForObject(sql, Long.class, args);
  }

  @Test
  void storesJourneysAndResultsThatReadBackAsTheServicesOwn() {
    String other = unique("Newsletter");
    String user = unique("u");
    JsonNode answer = api.post(PATH, batch(unique("spark"), journey(user + "#1", user, "2061", other, "linear",
        "Paid Search:0.5:50.00", other + ":0.5:50.00")), 200);

    assertThat(answer.get("journeys_imported").asInt()).isEqualTo(1);
    assertThat(answer.get("results_stored").asLong()).isEqualTo(2);
    assertThat(answer.get("models").get(0).get("model_id").asLong()).as("the seeded Linear").isEqualTo(3);
    long journey = answer.get("journeys").get(0).get("journey_id").asLong();
    Map<String, Object> paidSearch = jdbc.queryForMap("SELECT credit, attributed_revenue, attributed_conversions, "
        + "channel_cost, roi, roas FROM attribution_results WHERE journey_id = ? AND channel_id = 1", journey);
    assertThat((BigDecimal) paidSearch.get("attributed_revenue")).isEqualByComparingTo("50.00");
    assertThat((BigDecimal) paidSearch.get("channel_cost")).isEqualByComparingTo("1.50");
    assertThat((BigDecimal) paidSearch.get("roi")).isEqualByComparingTo("3233.3333");
    assertThat((BigDecimal) paidSearch.get("roas")).isEqualByComparingTo("33.333333");

    JsonNode calculated = api.post("/calculate/" + journey + "/3", "", 200);
    JsonNode first = calculated.get("attributions").get(0);
    assertThat(first.get("channel_name").asString()).isEqualTo("Paid Search");
    assertThat(first.get("credit").asDouble()).isEqualTo(0.5);
    assertThat(first.get("attributed_revenue").decimalValue()).isEqualByComparingTo("50.00");
    assertThat(first.get("roi").decimalValue()).isEqualByComparingTo((BigDecimal) paidSearch.get("roi"));
    assertThat(calculated.get("attributions").get(1).get("channel_name").asString()).isEqualTo(other);
    assertThat(api.get("/journeys/" + journey, 200).get("conversion_value").decimalValue())
        .isEqualByComparingTo("100.00");
  }

  @Test
  void aBatchSentAgainStoresNothingTwice() {
    String source = unique("spark");
    String user = unique("u");
    String body = batch(source, journey(user + "#1", user, "2062", "Email", "first_touch",
        "Paid Search:1.0:100.00", "Email:0.0:0.00"));
    long first = api.post(PATH, body, 200).get("journeys").get(0).get("journey_id").asLong();

    JsonNode again = api.post(PATH, body, 200);

    assertThat(again.get("journeys_imported").asInt()).isZero();
    assertThat(again.get("journeys_already_imported").asInt()).isEqualTo(1);
    assertThat(again.get("results_stored").asLong()).isZero();
    assertThat(again.get("journeys").get(0).get("journey_id").asLong()).isEqualTo(first);
    assertThat(again.get("journeys").get(0).get("imported").asBoolean()).isFalse();
    assertThat(count("SELECT count(*) FROM journeys WHERE user_id = ?", user)).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM attribution_results WHERE journey_id = ?", first)).isEqualTo(2);
  }

  @Test
  void theSameKeyOfAnotherSourceIsAnotherJourney() {
    String user = unique("u");
    String journey = journey(user + "#1", user, "2063", "Email", "linear", "Paid Search:0.5:50.00", "Email:0.5:50.00");

    api.post(PATH, batch(unique("spark"), journey), 200);
    api.post(PATH, batch(unique("spark"), journey), 200);

    assertThat(count("SELECT count(*) FROM journeys WHERE user_id = ?", user)).isEqualTo(2);
  }

  @Test
  void findsTheModelsThatRunASpecAndAddsTheOthers() {
    String body = "{\"source\":\"" + unique("spark") + "\",\"journeys\":[],\"models\":[\"markov\","
        + "\"position_based(first=0.40)\",\"u_shaped\",\"time_decay(half_life=7.0)\",\"shapley(cap=20)\","
        + "\"markov(order=2)\",\"markov(order=3)\"]}";

    JsonNode models = api.post(PATH, body, 200).get("models");
    JsonNode again = api.post(PATH, body.replace("spark-", "spark-again-"), 200).get("models");

    List<Long> ids = new ArrayList<>();
    models.forEach(m -> ids.add(m.get("model_id").asLong()));
    assertThat(ids.subList(0, 6)).containsExactly(7L, 5L, 5L, 4L, 8L, 15L);
    assertThat(models.get(6).get("name").asString()).startsWith("markov(order=3)");
    assertThat(again.get(6).get("model_id").asLong()).isEqualTo(ids.get(6));
    JsonNode added = api.get("/models/" + ids.get(6), 200);
    assertThat(added.get("model_type").asString()).isEqualTo("markov");
    assertThat(added.get("ml_parameters").get("order").asInt()).isEqualTo(3);
  }

  @Test
  void addsMissingChannelsByNameThoseNamedDirectAsDirectTraffic() {
    String brandNew = unique("Podcast");
    String body = "{\"source\":\"" + unique("spark") + "\",\"journeys\":[],\"channels\":[\"" + brandNew
        + "\",\"(direct)\",\"Paid Search\"]}";

    JsonNode channels = api.post(PATH, body, 200).get("channels");

    assertThat(channels.get(2).get("channel_id").asLong()).isEqualTo(1);
    assertThat(api.get("/channels/" + channels.get(0).get("channel_id").asLong(), 200).get("channel_type").asString())
        .isEqualTo("other");
    assertThat(api.get("/channels/" + channels.get(1).get("channel_id").asLong(), 200).get("channel_type").asString())
        .isEqualTo("direct");
  }

  @Test
  void resultsThatDoNotAddUpAreRefusedNamingTheFieldAndNothingIsStored() {
    String other = unique("Affiliate");
    String user = unique("u");
    JsonNode problem = api.post(PATH, batch(unique("spark"), journey(user + "#1", user, "2064", other, "linear",
        "Paid Search:0.5:50.00", other + ":0.5:49.99")), 422);

    assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("journeys[0].results");
    assertThat(problem.get("errors").get(0).get("reason").asString())
        .isEqualTo("the attributed_revenue of linear adds up to 99.99, not to the credited conversion value 100.00");
    assertThat(count("SELECT count(*) FROM journeys WHERE user_id = ?", user)).isZero();
    assertThat(count("SELECT count(*) FROM channels WHERE name = ?", other)).isZero();
  }

  @Test
  void unknownModelsAndChannelsOffTheJourneyAreRefusedNamingThem() {
    String user = unique("u");
    JsonNode problem = api.post(PATH, batch(unique("spark"), journey(user + "#1", user, "2065", "Email", "lineal",
        "Paid Search:1:100.00"), journey(user + "#2", user, "2065", "Email", "last_touch",
        "Email:1:100.00", "Display:0:0.00")), 422);

    List<String> fields = new ArrayList<>();
    problem.get("errors").forEach(e -> fields.add(e.get("field").asString()));
    assertThat(fields).containsExactly("journeys[0].results[0].model", "journeys[1].results[1].channel");
    assertThat(problem.get("errors").get(0).get("reason").asString()).contains("unknown model");
  }

  @Test
  void badValuesAreRefusedNamingTheField() {
    String user = unique("u");
    JsonNode problem = api.post(PATH, batch(unique("spark"), journey(user + "#1", user, "2066", "Email", "linear",
        "Paid Search:1.5:100.00")), 400);

    assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("journeys[0].results[0].credit");
  }

  @Test
  void aJourneyKeyGivenTwiceInOneBatchIsRefused() {
    String user = unique("u");
    String journey = journey(user + "#1", user, "2067", "Email", "first_touch", "Paid Search:1:100.00");

    JsonNode problem = api.post(PATH, batch(unique("spark"), journey, journey), 422);

    assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("journeys[1].key");
  }

  @Test
  void importedJourneysCountInTheChannelReports() {
    String paid = unique("Sponsor");
    String free = unique("Blog");
    String user = unique("u");
    String source = unique("spark");
    List<String> journeys = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      journeys.add("{\"key\":\"" + user + "#" + i + "\",\"user_id\":\"" + user + "\",\"touchpoints\":["
          + "{\"channel\":\"" + paid + "\",\"timestamp\":\"2068-05-0" + i + "T10:00:00Z\",\"cost\":10},"
          + "{\"channel\":\"" + free + "\",\"timestamp\":\"2068-05-0" + i + "T11:00:00Z\"}],"
          + "\"conversions\":[{\"timestamp\":\"2068-05-0" + i + "T12:00:00Z\",\"revenue\":40}],"
          + "\"results\":[{\"model\":\"first_touch\",\"channel\":\"" + paid + "\",\"credit\":1,"
          + "\"attributed_conversions\":1,\"attributed_revenue\":40},{\"model\":\"first_touch\",\"channel\":\""
          + free + "\",\"credit\":0,\"attributed_conversions\":0,\"attributed_revenue\":0}]}");
    }
    JsonNode channels = api.post(PATH, batch(source, journeys.toArray(String[]::new)), 200).get("channels");
    long paidId = channels.get(0).get("channel_id").asLong();

    JsonNode rows = api.post("/analytics/channel-roi", "{\"channel_ids\":[" + paidId + "],\"start_date\":"
        + "\"2068-05-01\",\"end_date\":\"2068-05-31\",\"attribution_model_id\":1}", 200);

    assertThat(rows.get(0).get("attributed_revenue").decimalValue()).isEqualByComparingTo("120");
    assertThat(rows.get(0).get("cost").decimalValue()).isEqualByComparingTo("30");
    assertThat(rows.get(0).get("roi").decimalValue()).isEqualByComparingTo("300");
    assertThat(rows.get(0).get("journeys").asLong()).isEqualTo(3);
    assertThat(count("SELECT coalesce(sum(attributed_revenue), 0) FROM attribution_results WHERE channel_id = ?",
        paidId)).isEqualTo(120);
  }

  @Test
  void anIdempotencyKeyReplaysTheFirstAnswer() throws Exception {
    String user = unique("u");
    String body = batch(unique("spark"), journey(user + "#1", user, "2069", "Email", "last_touch",
        "Paid Search:0:0.00", "Email:1:100.00"));
    String key = UUID.randomUUID().toString();

    MockHttpServletResponse first = send(body, key);
    MockHttpServletResponse second = send(body, key);

    assertThat(first.getStatus()).isEqualTo(200);
    assertThat(second.getHeader("Idempotent-Replayed")).isEqualTo("true");
    assertThat(second.getContentAsString()).isEqualTo(first.getContentAsString());
    assertThat(count("SELECT count(*) FROM journeys WHERE user_id = ?", user)).isEqualTo(1);
  }

  private MockHttpServletResponse send(String body, String key) throws Exception {
    return mvc.perform(post(Api.BASE + PATH).contentType(MediaType.APPLICATION_JSON).content(body)
        .header("Idempotency-Key", key)).andReturn().getResponse();
  }
}
