package io.nexus.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.nexus.server.support.Api;
import io.nexus.server.support.DefaultTenant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The data-driven model without an AI provider: 503 naming the variable to set, or its fallback model's credits
 * saying so, for single journeys, bulk requests, background jobs, reports and visualizations.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ExtendWith(DefaultTenant.class)
abstract class AiUnconfiguredContract {
  @Autowired
  MockMvc mvc;
  @Autowired
  JsonMapper json;
  @Autowired
  JdbcClient jdbc;

  Api api;

  static void noProvider(DynamicPropertyRegistry registry) {
    registry.add("nexus.ai.api-key", () -> "");
  }

  @BeforeEach
  void client() {
    api = new Api(mvc, json);
  }

  /** A journey starting {@code day} with two touches on {@code channel}, converting 80.00. */
  private long convertingJourney(String day, long channel) {
    long j = api.journey("no-ai-" + System.nanoTime(), day + "T10:00:00Z");
    api.touch(j, channel, "click", day + "T10:00:00Z", "1");
    api.touch(j, channel, "click", day + "T11:00:00Z", "1");
    api.purchase(j, day + "T12:00:00Z", "80");
    return j;
  }

  private long convertingJourney() {
    return convertingJourney("2044-01-01", api.channel("Unconfigured " + System.nanoTime(), "1"));
  }

  /** A data-driven model whose fallback is model 3 (linear). */
  private long aiModelFallingBackToLinear() {
    return api.post("/models", "{\"name\":\"AI with fallback " + System.nanoTime() + "\",\"model_type\":"
        + "\"data_driven\",\"ml_model_type\":\"claude-sonnet-4-5-20250929\",\"ml_parameters\":{\"fallback_model_id\":3}}",
        201).get("id").asLong();
  }

  private JsonNode finishedJob(String body) throws InterruptedException {
    Api.Answer accepted = api.post("/calculate/bulk", body);
    assertThat(accepted.status()).as("%s", accepted.body()).isEqualTo(202);
    JsonNode job = null;
    for (int i = 0; i < 300 && (job == null || !job.get("status").asString().matches("succeeded|partial|failed"));
        i++) {
      Thread.sleep(100);
      job = api.get("/jobs/" + accepted.body().get("job_id").asLong(), 200);
    }
    return job;
  }

  private long storedRows(long journey, long model) {
    return jdbc.sql("SELECT COUNT(*) FROM attribution_results WHERE journey_id = ? AND attribution_model_id = ?")
        .params(journey, model).query(Long.class).single();
  }

  @Test
  void withoutAKeyTheAiModelAnswers503NamingTheVariableToSet() {
    JsonNode problem = api.post("/calculate/" + convertingJourney() + "/6", "", 503);

    assertThat(problem.get("detail").asString()).contains("AI provider not configured").contains("ANTHROPIC_API_KEY");
  }

  @Test
  void withAFallbackModelTheAnswerCarriesItsCreditsAndSaysSo() {
    long model = aiModelFallingBackToLinear();

    JsonNode answer = api.post("/calculate/" + convertingJourney() + "/" + model, "", 200);

    assertThat(answer.get("fallback").get("model_id").asLong()).isEqualTo(3);
    assertThat(answer.get("fallback").get("reason").asString()).isEqualTo("AI provider not configured");
    assertThat(answer.get("model_type").asString()).isEqualTo("linear");
    assertThat(answer.get("attributions").get(0).get("attributed_revenue").decimalValue()).isEqualByComparingTo("80");
    assertThat(answer.has("ai")).isFalse();
  }

  @Test
  void aBulkRequestReportsTheFallbackOnEachPair() {
    long model = aiModelFallingBackToLinear();
    long j = convertingJourney();

    JsonNode bulk = api.post("/calculate/bulk", "{\"journey_ids\":[" + j + "],\"model_ids\":[" + model + ",6]}", 200);

    JsonNode fallen = bulk.get("results").get(0);
    assertThat(fallen.get("status").asString()).isEqualTo("succeeded");
    assertThat(fallen.get("attribution").get("fallback").get("model_id").asLong()).isEqualTo(3);
    JsonNode refused = bulk.get("results").get(1);
    assertThat(refused.get("error").get("status").asInt()).isEqualTo(503);
    assertThat(refused.get("error").get("detail").asString()).contains("ANTHROPIC_API_KEY")
        .contains("fallback_model_id");
  }

  @Test
  void aBackgroundJobStoresTheFallbackModelsCreditsAndSaysWhichModelStoodIn() throws Exception {
    long model = aiModelFallingBackToLinear();
    long channel = api.channel("Job fallback " + System.nanoTime(), "1");
    long first = convertingJourney("2044-02-03", channel);
    long second = convertingJourney("2044-02-04", channel);

    JsonNode job = finishedJob("{\"start_date\":\"2044-02-01\",\"end_date\":\"2044-02-28\",\"model_ids\":[" + model
        + ",3]}");

    assertThat(job.get("status").asString()).isEqualTo("succeeded");
    assertThat(job.get("failed_pairs").asLong()).isZero();
    assertThat(job.get("fallbacks")).hasSize(1);
    assertThat(job.get("fallbacks").get(0).get("model_id").asLong()).isEqualTo(model);
    assertThat(job.get("fallbacks").get(0).get("fallback").get("model_id").asLong()).isEqualTo(3);
    assertThat(job.get("fallbacks").get(0).get("fallback").get("reason").asString())
        .isEqualTo("AI provider not configured");
    assertThat(job.get("fallbacks").get(0).get("pairs").asLong()).isEqualTo(2);
    assertThat(storedRows(first, 3)).isEqualTo(1);
    assertThat(storedRows(second, 3)).isEqualTo(1);
    assertThat(storedRows(first, model)).isZero();
  }

  @Test
  void aBackgroundJobWithoutAFallbackFailsTheAiPairsNamingTheVariableToSet() throws Exception {
    long channel = api.channel("Job no fallback " + System.nanoTime(), "1");
    long j = convertingJourney("2044-03-03", channel);

    JsonNode job = finishedJob("{\"start_date\":\"2044-03-01\",\"end_date\":\"2044-03-31\",\"model_ids\":[6,3]}");

    assertThat(job.get("status").asString()).isEqualTo("partial");
    assertThat(job.get("failed_pairs").asLong()).isEqualTo(1);
    assertThat(job.get("errors").get(0).get("model_id").asLong()).isEqualTo(6);
    assertThat(job.get("errors").get(0).get("status").asInt()).isEqualTo(503);
    assertThat(job.get("errors").get(0).get("detail").asString()).contains("ANTHROPIC_API_KEY");
    assertThat(job.has("fallbacks")).isFalse();
    assertThat(storedRows(j, 3)).isEqualTo(1);
  }

  @Test
  void aBackgroundJobWithoutAFallbackReportsEachAiPairItFailedWithItsReason() throws Exception {
    long channel = api.channel("Job pairs " + System.nanoTime(), "1");
    long first = convertingJourney("2044-06-03", channel);
    long second = convertingJourney("2044-06-04", channel);

    JsonNode job = finishedJob("{\"start_date\":\"2044-06-01\",\"end_date\":\"2044-06-30\",\"model_ids\":[3,6]}");

    assertThat(job.get("status").asString()).isEqualTo("partial");
    assertThat(job.get("total_pairs").asLong()).isEqualTo(4);
    assertThat(job.get("done_pairs").asLong()).isEqualTo(4);
    assertThat(job.get("failed_pairs").asLong()).isEqualTo(2);
    assertThat(job.get("error_count").asLong()).isEqualTo(2);
    List<Long> failedJourneys = new ArrayList<>();
    for (JsonNode error : job.get("errors")) {
      failedJourneys.add(error.get("journey_id").asLong());
      assertThat(error.get("model_id").asLong()).isEqualTo(6);
      assertThat(error.get("status").asInt()).isEqualTo(503);
      assertThat(error.get("detail").asString()).contains("ANTHROPIC_API_KEY");
    }
    assertThat(failedJourneys).containsExactly(first, second);
    assertThat(storedRows(first, 3)).isEqualTo(1);
    assertThat(storedRows(second, 3)).isEqualTo(1);
  }

  @Test
  void reportsOverADateRangeCarryTheFallbackModelsCreditsAndSaySo() {
    long model = aiModelFallingBackToLinear();
    long channel = api.channel("Report fallback " + System.nanoTime(), "1");
    convertingJourney("2044-04-03", channel);
    String range = "\"start_date\":\"2044-04-01\",\"end_date\":\"2044-04-30\"";

    JsonNode roi = api.post("/analytics/channel-roi", "{\"attribution_model_id\":" + model + ",\"channel_ids\":["
        + channel + "]," + range + "}", 200);
    JsonNode comparison = api.post("/analytics/model-comparison", "{\"channel_ids\":[" + channel + "]," + range + "}",
        200);

    assertThat(roi.get(0).get("attributed_revenue").decimalValue()).isEqualByComparingTo("80");
    assertThat(roi.get(0).get("fallback").get("model_id").asLong()).isEqualTo(3);
    // Spend fields stay beside the fallback marker: two touches costing 1 each, no platform spend.
    assertThat(roi.get(0).get("cost").decimalValue()).isEqualByComparingTo("2");
    assertThat(roi.get(0).get("cost_source").asString()).isEqualTo("touchpoints");
    assertThat(roi.get(0).get("roi").decimalValue()).isEqualByComparingTo("3900");
    List<Long> ids = new ArrayList<>();
    JsonNode column = null;
    for (JsonNode m : comparison.get("models")) {
      ids.add(m.get("id").asLong());
      if (m.get("id").asLong() == model) {
        column = m;
      }
    }
    // Model 6 has neither a provider nor a fallback: the default comparison leaves it out.
    assertThat(ids).contains(3L, 7L, 8L, model).doesNotContain(6L);
    assertThat(column.get("fallback").get("model_id").asLong()).isEqualTo(3);
    assertThat(column.get("total_revenue").decimalValue()).isEqualByComparingTo("80");
    assertThat(api.post("/analytics/channel-roi", "{\"attribution_model_id\":6," + range + "}", 503).get("detail")
        .asString()).contains("ANTHROPIC_API_KEY");
  }

  /**
   * Without a provider the report carries the fallback model's (linear's) credits, so its intervals are linear's over
   * the same journeys, marked: two journeys of 80.00 and one of 20.00 on one channel.
   */
  @Test
  void intervalsWithoutAProviderAreTheFallbackModelsAndSaySo() {
    long model = aiModelFallingBackToLinear();
    long channel = api.channel("Interval fallback " + System.nanoTime(), "1");
    convertingJourney("2044-05-03", channel);
    convertingJourney("2044-05-04", channel);
    long small = api.journey("no-ai-small-" + System.nanoTime(), "2044-05-05T10:00:00Z");
    api.touch(small, channel, "click", "2044-05-05T10:00:00Z", "1");
    api.purchase(small, "2044-05-05T11:00:00Z", "20");
    String body = "\"channel_ids\":[" + channel + "],\"start_date\":\"2044-05-01\",\"end_date\":\"2044-05-31\","
        + "\"intervals\":true";

    JsonNode roi = api.post("/analytics/channel-roi", "{\"attribution_model_id\":" + model + "," + body + "}", 200);
    JsonNode linear = api.post("/analytics/channel-roi", "{\"attribution_model_id\":3," + body + "}", 200);
    JsonNode comparison = api.post("/analytics/model-comparison", "{\"model_ids\":[" + model + ",3]," + body + "}",
        200);

    assertThat(roi.get(0).get("attributed_revenue").decimalValue()).isEqualByComparingTo("180");
    assertThat(roi.get(0).get("fallback").get("model_id").asLong()).isEqualTo(3);
    assertThat(roi.get(0).get("attributed_revenue_interval")).isEqualTo(linear.get(0).get("attributed_revenue_interval"));
    assertThat(roi.get(0).get("roas_interval")).isEqualTo(linear.get(0).get("roas_interval"));
    assertThat(roi.get(0).get("attributed_revenue_interval").get(0).decimalValue())
        .isLessThan(roi.get(0).get("attributed_revenue_interval").get(1).decimalValue());
    assertThat(comparison.get("models").get(0).get("fallback").get("model_id").asLong()).isEqualTo(3);
    JsonNode cells = comparison.get("channels").get(0).get("values");
    assertThat(cells.get(0).get("attributed_revenue_interval")).isEqualTo(cells.get(1).get("attributed_revenue_interval"));
    assertThat(cells.get(0).get("attributed_revenue_interval"))
        .isEqualTo(roi.get(0).get("attributed_revenue_interval"));
  }

  @Test
  void aVisualizationUnderTheAiModelIsDrawnByItsFallbackModel() {
    long model = aiModelFallingBackToLinear();
    long j = convertingJourney();

    JsonNode timeline = api.get("/journeys/" + j + "/visualization?model_id=" + model, 200);

    assertThat(timeline.get("model").get("id").asLong()).isEqualTo(3);
    assertThat(timeline.get("touchpoints").get(0).get("attributed_revenue").decimalValue())
        .isEqualByComparingTo("40");
  }
}
