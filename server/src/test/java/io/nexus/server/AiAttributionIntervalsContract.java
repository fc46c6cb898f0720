package io.nexus.server;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.nexus.engine.Conversion;
import io.nexus.engine.Journey;
import io.nexus.engine.JourneyBatch;
import io.nexus.engine.JourneyId;
import io.nexus.engine.Touchpoint;
import io.nexus.engine.uncertainty.Bootstrap;
import io.nexus.engine.uncertainty.Interval;
import io.nexus.server.support.Api;
import io.nexus.server.support.ClaudeStub;
import io.nexus.server.support.DefaultTenant;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bootstrap intervals of model 6 (data-driven, AI) in channel ROI and model comparison, against a WireMock stub of
 * the Messages API: the journeys' stored answers resampled as every model's journeys are (200 replicates, 90 %, seed
 * 1, Poisson weights by journey id), with no provider call beyond the point estimate's.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ExtendWith(DefaultTenant.class)
abstract class AiAttributionIntervalsContract {
  @RegisterExtension
  static final ClaudeStub CLAUDE = new ClaudeStub();
  static final WireMockServer STUB = CLAUDE.server();

  @Autowired
  MockMvc mvc;
  @Autowired
  JsonMapper json;

  Api api;

  static void provider(DynamicPropertyRegistry registry) {
    CLAUDE.provider(registry, "sk-ant-test-intervals-secret", 0);
    registry.add("nexus.ai.timeout", () -> "5s");
    registry.add("nexus.ai.max-calls-per-request", () -> 5);
  }

  @BeforeEach
  void client() {
    api = new Api(mvc, json);
  }

  /** A journey started {@code day} touching {@code channels} an hour apart, converting {@code revenue}; its ids. */
  private long[] dayJourney(String day, String revenue, long... channels) {
    return api.dayJourney("ai-intervals-" + System.nanoTime(), day, revenue, channels);
  }

  /** The stub answers the journey whose touchpoints are {@code journey[1..]} with these weights, in touch order. */
  private static void weighs(long[] journey, String... weights) {
    StringBuilder input = new StringBuilder("{\"weights\":[");
    for (int i = 0; i < weights.length; i++) {
      input.append(i == 0 ? "" : ",").append("{\"touchpoint_id\":").append(journey[i + 1]).append(",\"weight\":")
          .append(weights[i]).append('}');
    }
    input.append("],\"reasoning\":\"r\"}");
    CLAUDE.answersWhenAsked("touchpoint_id\\\":" + journey[1] + ",",
        ClaudeStub.toolAnswer("attribute_journey", input.toString(), 900, 80));
  }

  /**
   * Each journey's weight in each of the 200 replicates of seed 1, as the engine's bootstrap draws it from the
   * journey's id alone (any batch holding the journey gives it the same weight): {@code [replicate][journey]}.
   */
  private static double[][] engineWeights(long... journeyIds) {
    Bootstrap bootstrap = Bootstrap.replicates(200).confidence(0.9).seed(1);
    List<Journey> journeys = new ArrayList<>();
    Instant at = Instant.parse("2048-01-01T00:00:00Z");
    for (long id : journeyIds) {
      journeys.add(new Journey(JourneyId.of(id), "u", List.of(Touchpoint.of("X", at)),
          List.of(new Conversion(at.plusSeconds(60), "purchase", BigDecimal.ONE))));
    }
    JourneyBatch batch = JourneyBatch.of(journeys);
    double[][] weights = new double[200][journeyIds.length];
    for (int b = 0; b < 200; b++) {
      JourneyBatch replicate = bootstrap.replicateOfPart(batch, b, 0);
      Map<Long, Double> byId = new HashMap<>();
      for (int row = 0; row < replicate.size(); row++) {
        byId.put(replicate.journeyId(row).number(), replicate.conversions(row));
      }
      for (int j = 0; j < journeyIds.length; j++) {
        weights[b][j] = byId.get(journeyIds[j]);
      }
    }
    return weights;
  }

  /** The 90 % percentile interval of {@code Σ_j weight_bj · credit_j} over the replicates {@code b}. */
  private static Interval interval(double[][] weights, double... credits) {
    double[] totals = new double[weights.length];
    for (int b = 0; b < weights.length; b++) {
      for (int j = 0; j < credits.length; j++) {
        totals[b] += weights[b][j] * credits[j];
      }
    }
    return Interval.percentile(totals, 0.9);
  }

  private static BigDecimal cents(double amount) {
    return BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_UP);
  }

  private static List<BigDecimal> decimals(JsonNode pair) {
    return List.of(pair.get(0).decimalValue(), pair.get(1).decimalValue());
  }

  /**
   * Worked example over January 2048, four journeys weighed by the stub: Search, Email converting 100.00 at 1 : 3
   * (25 / 75); Search alone 40.00; Email, Search 60.00 at 2 : 1 (Email 40, Search 20); Search, Email 20.00 at 3 : 1
   * (15 / 5). Search earns 25 + 40 + 20 + 15 = 100.00 in 0.25 + 1 + 1/3 + 0.75 conversions, Email 75 + 40 + 5 =
   * 120.00. Each replicate's total is the journeys' credits times their engine weights; the intervals are those
   * totals' 90 % percentile intervals, to the cent.
   */
  @Test
  void theIntervalsResampleTheJourneysAnswersWithTheEnginesWeights() {
    long search = api.channel("Interval Search " + System.nanoTime(), "1");
    long email = api.channel("Interval Email " + System.nanoTime(), "0");
    long[] a = dayJourney("2048-01-03", "100", search, email);
    long[] b = dayJourney("2048-01-04", "40", search);
    long[] c = dayJourney("2048-01-05", "60", email, search);
    long[] d = dayJourney("2048-01-06", "20", search, email);
    weighs(a, "1", "3");
    weighs(b, "2");
    weighs(c, "2", "1");
    weighs(d, "3", "1");
    double[][] weights = engineWeights(a[0], b[0], c[0], d[0]);
    Interval searchRevenue = interval(weights, 25, 40, 20, 15);
    Interval emailRevenue = interval(weights, 75, 0, 40, 5);
    Interval searchConversions = interval(weights, 0.25, 1, 1.0 / 3, 0.75);
    String range = "\"start_date\":\"2048-01-01\",\"end_date\":\"2048-01-31\",\"channel_ids\":[" + search + ","
        + email + "],\"intervals\":true";

    JsonNode roi = api.post("/analytics/channel-roi", "{\"attribution_model_id\":6," + range + "}", 200);

    assertThat(roi.get(0).get("attributed_revenue").decimalValue()).isEqualByComparingTo("100");
    assertThat(decimals(roi.get(0).get("attributed_revenue_interval"))).usingElementComparator(BigDecimal::compareTo)
        .containsExactly(cents(searchRevenue.low()), cents(searchRevenue.high()));
    assertThat(roi.get(1).get("attributed_revenue").decimalValue()).isEqualByComparingTo("120");
    assertThat(decimals(roi.get(1).get("attributed_revenue_interval"))).usingElementComparator(BigDecimal::compareTo)
        .containsExactly(cents(emailRevenue.low()), cents(emailRevenue.high()));
    assertThat(searchRevenue.contains(100)).isTrue();
    assertThat(emailRevenue.contains(120)).isTrue();
    // The spread is real: four journeys of unequal credit are not all drawn alike.
    assertThat(searchRevenue.width()).isGreaterThan(50);
    // Search cost 4.00 (four clicks at 1.00): ROI's ends are those of the revenue's against it.
    assertThat(roi.get(0).get("roas_interval").get(0).decimalValue())
        .isEqualByComparingTo(cents(searchRevenue.low()).divide(new BigDecimal("4"), 6, RoundingMode.HALF_UP));
    // One provider call per journey: as many as the report without intervals makes.
    STUB.verify(4, postRequestedFor(urlEqualTo("/v1/messages")));

    JsonNode comparison = api.post("/analytics/model-comparison", "{\"model_ids\":[6]," + range + "}", 200);

    JsonNode searchCell = comparison.get("channels").get(0).get("values").get(0);
    assertThat(decimals(searchCell.get("attributed_revenue_interval"))).usingElementComparator(BigDecimal::compareTo)
        .containsExactly(cents(searchRevenue.low()), cents(searchRevenue.high()));
    assertThat(searchCell.get("attributed_conversions_interval").get(0).asDouble())
        .isCloseTo(searchConversions.low(), within(1e-9));
    assertThat(searchCell.get("attributed_conversions_interval").get(1).asDouble())
        .isCloseTo(searchConversions.high(), within(1e-9));
    assertThat(comparison.get("models").get(0).get("ai").get("calls").asLong()).isZero();
    assertThat(comparison.get("models").get(0).get("ai").get("cached_answers").asLong()).isEqualTo(4);
    // The comparison found every answer stored, for its point estimate and for its intervals.
    STUB.verify(4, postRequestedFor(urlEqualTo("/v1/messages")));
  }

  /**
   * Worked example over February 2048: the stub weighs every touch 1, which is what the linear model (3) does, so the
   * same journeys drawn with the same weights give model 6 exactly linear's intervals and rank changes.
   */
  @Test
  void equalWeightsGiveExactlyTheLinearModelsIntervals() {
    long search = api.channel("Even Search " + System.nanoTime(), "1");
    long email = api.channel("Even Email " + System.nanoTime(), "0");
    long social = api.channel("Even Social " + System.nanoTime(), "0");
    weighs(dayJourney("2048-02-03", "90", search, email, social), "1", "1", "1");
    weighs(dayJourney("2048-02-04", "30", email), "1");
    weighs(dayJourney("2048-02-05", "50", social, search), "1", "1");
    weighs(dayJourney("2048-02-06", "12.50", email, search), "1", "1");

    JsonNode comparison = api.post("/analytics/model-comparison", "{\"model_ids\":[6,3],\"channel_ids\":[" + search
        + "," + email + "," + social + "],\"start_date\":\"2048-02-01\",\"end_date\":\"2048-02-29\","
        + "\"intervals\":true}", 200);

    for (JsonNode row : comparison.get("channels")) {
      JsonNode ai = row.get("values").get(0);
      JsonNode linear = row.get("values").get(1);
      assertThat(ai.get("attributed_revenue").decimalValue())
          .isEqualByComparingTo(linear.get("attributed_revenue").decimalValue());
      assertThat(ai.get("attributed_revenue_interval")).isEqualTo(linear.get("attributed_revenue_interval"));
      assertThat(ai.get("attributed_conversions_interval")).isEqualTo(linear.get("attributed_conversions_interval"));
      assertThat(ai.get("rank_change_share")).isEqualTo(linear.get("rank_change_share"));
    }
    assertThat(comparison.get("channels").get(0).get("values").get(0).get("attributed_revenue_interval").get(0)
        .decimalValue()).isLessThan(comparison.get("channels").get(0).get("values").get(0)
            .get("attributed_revenue_interval").get(1).decimalValue());
  }

  @Test
  void aTouchFilterIsStillRefusedForTheAiModelWithIntervals() {
    long channel = api.channel("Filtered " + System.nanoTime(), "1");
    dayJourney("2048-03-03", "10", channel);

    JsonNode problem = api.post("/analytics/channel-roi", "{\"attribution_model_id\":6,\"start_date\":\"2048-03-01\","
        + "\"end_date\":\"2048-03-31\",\"intervals\":true,\"lookback_days\":1}", 422);

    assertThat(problem.toString()).contains("lookback_days").contains("credits whole journeys through the AI");
    STUB.verify(0, postRequestedFor(urlEqualTo("/v1/messages")));
  }

  /** The provider overloaded: 503 with Retry-After as without intervals, and nothing kept; once it answers, 200. */
  @Test
  void aProviderFailureFailsTheIntervalsLikeTheReportAndNothingIsKept() throws Exception {
    long channel = api.channel("Overloaded " + System.nanoTime(), "1");
    long[] j = dayJourney("2048-04-03", "10", channel);
    String body = "{\"attribution_model_id\":6,\"start_date\":\"2048-04-01\",\"end_date\":\"2048-04-30\","
        + "\"channel_ids\":[" + channel + "],\"intervals\":true}";
    CLAUDE.fails(529, "overloaded_error", "Overloaded", "3");

    MvcResult result = mvc.perform(MockMvcRequestBuilders.post(Api.BASE + "/analytics/channel-roi")
        .contentType("application/json").content(body)).andReturn();

    assertThat(result.getResponse().getStatus()).isEqualTo(503);
    assertThat(result.getResponse().getHeader("Retry-After")).isEqualTo("3");
    assertThat(result.getResponse().getContentAsString()).contains("overloaded_error");

    STUB.resetAll();
    weighs(j, "1");
    JsonNode roi = api.post("/analytics/channel-roi", body, 200);

    assertThat(roi.get(0).get("attributed_revenue").decimalValue()).isEqualByComparingTo("10");
    assertThat(roi.get(0).has("attributed_revenue_interval")).isTrue();
    STUB.verify(1, postRequestedFor(urlEqualTo("/v1/messages")));
  }

  @Test
  void anAnswerTheProviderGotWrongIs502WithIntervalsToo() {
    long channel = api.channel("Wrong " + System.nanoTime(), "1");
    long[] j = dayJourney("2048-05-03", "10", channel);
    weighs(j, "0");

    JsonNode problem = api.post("/analytics/model-comparison", "{\"model_ids\":[6,3],\"start_date\":\"2048-05-01\","
        + "\"end_date\":\"2048-05-31\",\"channel_ids\":[" + channel + "],\"intervals\":true}", 502);

    assertThat(problem.get("detail").asString()).contains("zero");
  }

  @Test
  void intervalsOverTheRequestsCallBudgetAre429NamingIt() {
    long channel = api.channel("Budget " + System.nanoTime(), "1");
    for (int day = 1; day <= 6; day++) {
      weighs(dayJourney("2048-06-0" + day, "10", channel), "1");
    }

    JsonNode problem = api.post("/analytics/channel-roi", "{\"attribution_model_id\":6,\"start_date\":\"2048-06-01\","
        + "\"end_date\":\"2048-06-30\",\"intervals\":true}", 429);

    assertThat(problem.get("detail").asString()).contains("nexus.ai.max-calls-per-request");
  }
}
