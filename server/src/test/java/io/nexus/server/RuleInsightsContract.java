package io.nexus.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.nexus.server.support.Api;
import io.nexus.server.support.DefaultTenant;
import io.nexus.server.support.Imports;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /ai/insights} without an AI provider: facts computed from a small worked data set, the rules' insights
 * on them word for word, and the problems of bad requests. Subclasses run it on H2 and PostgreSQL.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ExtendWith(DefaultTenant.class)
abstract class RuleInsightsContract {
  @Autowired
  MockMvc mvc;
  @Autowired
  JsonMapper json;

  Api api;

  static void noProvider(DynamicPropertyRegistry registry) {
    registry.add("nexus.ai.api-key", () -> "");
  }

  @BeforeEach
  void client() {
    api = new Api(mvc, json);
  }

  /**
   * The worked data set, March 2030 (costs: Search 20, Newsletter 2, Banner 50):
   * <pre>
   * J1  Search 03-02 (10)  -> Newsletter 03-03 (1)  -> purchase 03-04  100
   * J2  Search 03-05 (10)                            -> purchase 03-05   50
   * J3  Banner 03-06 (30)  -> Newsletter 03-08 (1)  -> purchase 03-09   40
   * J4  Banner 03-10 (20)                               no conversion
   * J5  Search 03-11 (0)   -> Newsletter 03-11 (0)  -> purchase 03-11   10
   * </pre>
   * Its journey ids, J1..J5.
   */
  private static final Map<Class<?>, List<Long>> WORKED = new ConcurrentHashMap<>();

  /** Made once per database: each subclass has its own. */
  private List<Long> workedDataSet() {
    return WORKED.computeIfAbsent(getClass(), c -> newWorkedDataSet());
  }

  private List<Long> newWorkedDataSet() {
    long search = api.channel("Search", "1");
    long newsletter = api.channel("Newsletter", "0");
    long banner = api.channel("Banner", "1");
    List<Long> ids = new ArrayList<>();
    long j1 = api.journey("worked-1", "2030-03-02T10:00:00Z");
    api.touch(j1, search, "click", "2030-03-02T10:00:00Z", "10");
    api.touch(j1, newsletter, "click", "2030-03-03T10:00:00Z", "1");
    api.purchase(j1, "2030-03-04T10:00:00Z", "100");
    long j2 = api.journey("worked-2", "2030-03-05T10:00:00Z");
    api.touch(j2, search, "click", "2030-03-05T10:00:00Z", "10");
    api.purchase(j2, "2030-03-05T12:00:00Z", "50");
    long j3 = api.journey("worked-3", "2030-03-06T10:00:00Z");
    api.touch(j3, banner, "impression", "2030-03-06T10:00:00Z", "30");
    api.touch(j3, newsletter, "click", "2030-03-08T10:00:00Z", "1");
    api.purchase(j3, "2030-03-09T10:00:00Z", "40");
    long j4 = api.journey("worked-4", "2030-03-10T10:00:00Z");
    api.touch(j4, banner, "impression", "2030-03-10T10:00:00Z", "20");
    long j5 = api.journey("worked-5", "2030-03-11T10:00:00Z");
    api.touch(j5, search, "click", "2030-03-11T10:00:00Z", "0");
    api.touch(j5, newsletter, "click", "2030-03-11T11:00:00Z", "0");
    api.purchase(j5, "2030-03-11T12:00:00Z", "10");
    ids.addAll(List.of(j1, j2, j3, j4, j5));
    return ids;
  }

  private static JsonNode fact(JsonNode answer, String id) {
    for (JsonNode fact : answer.get("facts")) {
      if (fact.get("id").asString().equals(id)) {
        return fact;
      }
    }
    throw new AssertionError("no fact " + id + " in " + answer.get("facts"));
  }

  private JsonNode performance() {
    return api.post("/ai/insights", "{\"journey_ids\":" + workedDataSet() + ",\"analysis_type\":\"performance\","
        + "\"attribution_model_ids\":[2,1,3]}", 200);
  }

  @Test
  void theFactsOfTheWorkedDataSetAreTheReportsNumbers() {
    JsonNode answer = performance();

    assertThat(answer.get("source").asString()).isEqualTo("rules");
    assertThat(answer.get("analysis_type").asString()).isEqualTo("performance");
    assertThat(answer.get("generated_at").asString()).isNotBlank();
    assertThat(answer.has("ai")).isFalse();
    assertThat(fact(answer, "totals.journeys").get("value").asLong()).isEqualTo(5);
    assertThat(fact(answer, "totals.converting_journeys").get("value").asLong()).isEqualTo(4);
    assertThat(fact(answer, "totals.revenue").get("value").decimalValue()).isEqualByComparingTo("200.00");
    assertThat(fact(answer, "totals.cost").get("value").decimalValue()).isEqualByComparingTo("72.00");
    assertThat(fact(answer, "totals.roas").get("value").decimalValue()).isEqualByComparingTo("2.777778");
    assertThat(fact(answer, "revenue.last_touch.newsletter").get("value").decimalValue())
        .isEqualByComparingTo("150.00");
    assertThat(fact(answer, "revenue.last_touch.newsletter").get("type").asString()).isEqualTo("money");
    assertThat(fact(answer, "revenue.last_touch.newsletter").get("about").get("model").asString())
        .isEqualTo("Last Touch");
    assertThat(fact(answer, "revenue.first_touch.search").get("value").decimalValue()).isEqualByComparingTo("160");
    assertThat(fact(answer, "revenue.linear.search").get("value").decimalValue()).isEqualByComparingTo("105");
    assertThat(fact(answer, "conversions.last_touch.newsletter").get("value").decimalValue())
        .isEqualByComparingTo("3");
    assertThat(fact(answer, "cost.banner").get("value").decimalValue()).isEqualByComparingTo("50");
    assertThat(fact(answer, "roi.last_touch.newsletter").get("value").decimalValue()).isEqualByComparingTo("7400");
    assertThat(fact(answer, "roas.first_touch.search").get("value").decimalValue()).isEqualByComparingTo("8");
    assertThat(fact(answer, "roi.last_touch.banner").get("value").decimalValue()).isEqualByComparingTo("-100");
    JsonNode disagreement = fact(answer, "disagreement.1");
    assertThat(disagreement.get("about").get("channel").asString()).isEqualTo("Newsletter");
    assertThat(disagreement.get("about").get("high_model").asString()).isEqualTo("Last Touch");
    assertThat(disagreement.get("about").get("low_model").asString()).isEqualTo("First Touch");
    assertThat(disagreement.get("value").get("spread").decimalValue()).isEqualByComparingTo("0.75");
    assertThat(fact(answer, "disagreement.2").get("about").get("channel").asString()).isEqualTo("Search");
    JsonNode path = fact(answer, "path.1").get("value");
    assertThat(path.get("channels").toString()).isEqualTo("[\"Search\",\"Newsletter\"]");
    assertThat(path.get("conversions").asLong()).isEqualTo(2);
    assertThat(path.get("revenue").decimalValue()).isEqualByComparingTo("110");
    assertThat(path.get("avg_days_to_conversion").decimalValue()).isEqualByComparingTo("1.04");
    JsonNode days = fact(answer, "timing.days_to_conversion").get("value");
    assertThat(days.get("mean").decimalValue()).isEqualByComparingTo("1.29");
    assertThat(days.get("median").decimalValue()).isEqualByComparingTo("1.04");
    assertThat(days.get("p90").decimalValue()).isEqualByComparingTo("3");
    assertThat(fact(answer, "timing.touches_to_conversion").get("value").get("mean").decimalValue())
        .isEqualByComparingTo("1.75");
    assertThat(answer.get("models").get(0).get("slug").asString()).isEqualTo("last_touch");
  }

  @Test
  void theRulesWriteTheWorkedDataSetsInsightsCitingTheirFacts() {
    JsonNode insights = performance().get("insights");

    assertThat(insights).hasSize(5);
    assertThat(insights.get(0).get("title").asString()).isEqualTo("Newsletter returns the most per unit of spend");
    assertThat(insights.get(0).get("finding").asString()).isEqualTo("Under Last Touch, Newsletter earned 150.00 on "
        + "2.00 of cost: ROAS 75.00x, ROI 7400.0%. 1 of the 2 other models rank it first too.");
    assertThat(insights.get(0).get("evidence").toString()).isEqualTo("[\"roas.last_touch.newsletter\","
        + "\"roi.last_touch.newsletter\",\"revenue.last_touch.newsletter\",\"cost.newsletter\","
        + "\"roas.linear.newsletter\"]");
    assertThat(insights.get(1).get("title").asString()).isEqualTo("Banner does not recover its cost");
    assertThat(insights.get(1).get("finding").asString()).isEqualTo("Under Last Touch, Banner earned 0.00 on 50.00 "
        + "of cost: ROAS 0.00x, ROI -100.0%, the lowest of the 3 channels with cost.");
    assertThat(insights.get(2).get("title").asString()).isEqualTo("Models disagree most on Newsletter");
    assertThat(insights.get(2).get("finding").asString())
        .isEqualTo("Newsletter gets 75.0% of the revenue under Last Touch but 0.0% under First Touch.");
    assertThat(insights.get(2).get("evidence").toString()).isEqualTo("[\"disagreement.1\"]");
    assertThat(insights.get(3).get("finding").asString()).isEqualTo("Search → Newsletter converted 2 times from 2 "
        + "journeys (100.0% conversion rate), 110.00 of revenue, after 2.00 touches and 1.04 days on average.");
    assertThat(insights.get(4).get("title").asString()).isEqualTo("Conversions take 1.04 days (median)");
    assertThat(insights.get(4).get("recommendation").asString()).isEqualTo("Judge campaigns over at least 3 days "
        + "and keep the lookback window of your models at least that long.");
    assertThat(performance().get("summary").asString()).isEqualTo("5 journeys with 4 conversions worth 200.00 on "
        + "72.00 of cost (ROAS 2.78x), compared under 3 models. Newsletter returns the most per unit of spend.");
  }

  @Test
  void trendsCompareTheLastWeekOfTheRangeWithTheWeekBefore() {
    workedDataSet();

    JsonNode answer = api.post("/ai/insights", "{\"start_date\":\"2030-03-01\",\"end_date\":\"2030-03-14\","
        + "\"analysis_type\":\"trends\",\"attribution_model_ids\":[2]}", 200);

    JsonNode revenue = fact(answer, "wow.revenue").get("value");
    assertThat(revenue.get("previous").decimalValue()).isEqualByComparingTo("190");
    assertThat(revenue.get("current").decimalValue()).isEqualByComparingTo("10");
    assertThat(revenue.get("change_percent").decimalValue()).isEqualByComparingTo("-94.74");
    assertThat(fact(answer, "wow.journeys").get("value").get("change").asLong()).isEqualTo(-1);
    assertThat(fact(answer, "wow.cost").get("value").get("previous").decimalValue()).isEqualByComparingTo("51");
    assertThat(fact(answer, "wow.cost").get("value").get("current").decimalValue()).isEqualByComparingTo("21");
    assertThat(fact(answer, "wow.revenue.last_touch.newsletter").get("value").get("change").decimalValue())
        .isEqualByComparingTo("-130");
    JsonNode first = answer.get("insights").get(0);
    assertThat(first.get("title").asString()).isEqualTo("Revenue fell 94.74% week over week");
    assertThat(first.get("finding").asString()).isEqualTo("Revenue was 10.00 in the last week against 190.00 the "
        + "week before; conversions 1 against 3, cost 21.00 against 51.00. Under Last Touch, Newsletter moved most: "
        + "-130.00.");
    assertThat(first.get("evidence").toString()).isEqualTo("[\"wow.revenue\",\"wow.conversions\",\"wow.cost\","
        + "\"wow.revenue.last_touch.newsletter\"]");
    assertThat(answer.toString()).doesNotContain("\"roi.");
  }

  @Test
  void optimizationComparesSharesOfCostAndRevenue() {
    JsonNode answer = api.post("/ai/insights", "{\"journey_ids\":" + workedDataSet() + ",\"analysis_type\":"
        + "\"optimization\",\"attribution_model_ids\":[2,1,3]}", 200);

    assertThat(fact(answer, "share.cost.banner").get("value").decimalValue()).isEqualByComparingTo("0.694444");
    assertThat(fact(answer, "share.revenue.last_touch.banner").get("value").decimalValue()).isEqualByComparingTo("0");
    JsonNode spend = null;
    for (JsonNode insight : answer.get("insights")) {
      if (insight.get("title").asString().equals("Banner takes more of the budget than it earns")) {
        spend = insight;
      }
    }
    assertThat(spend).as(answer.get("insights").toString()).isNotNull();
    assertThat(spend.get("finding").asString())
        .isEqualTo("Banner takes 69.4% of the cost but earns 0.0% of the revenue under Last Touch.");
    assertThat(answer.toString()).doesNotContain("timing.").doesNotContain("conversions.last_touch");
  }

  /**
   * May 2034, its own channels: J1 Spend Search 05-02 (10) -> purchase 100; J2 Spend Banner 05-03 (30) -> Spend
   * Search 05-04 (10) -> purchase 60; J3 Spend Banner 05-05 (20) -> purchase 40. The platform reports 80.00 for Spend
   * Banner on 05-03, which replaces that day's 30 of touchpoint cost: Banner costs 80 + 20 = 100 (not 50), Search 20,
   * the whole 120 (source both). Under Last Touch Banner earns 40: ROAS 0.4 (not 0.8), 83.3 % of the cost against
   * 20.0 % of the revenue; Search earns 160: ROAS 8. Channel ROI says the same.
   */
  @Test
  void overADateRangeTheCostsArePlatformSpendWhereThePlatformsReportedItAsChannelRoiCountsThem() {
    long search = api.channel("Spend Search", "1");
    long banner = api.channel("Spend Banner", "1");
    long j1 = api.journey("spend-1", "2034-05-02T10:00:00Z");
    api.touch(j1, search, "click", "2034-05-02T10:00:00Z", "10");
    api.purchase(j1, "2034-05-02T11:00:00Z", "100");
    long j2 = api.journey("spend-2", "2034-05-03T10:00:00Z");
    api.touch(j2, banner, "impression", "2034-05-03T10:00:00Z", "30");
    api.touch(j2, search, "click", "2034-05-04T10:00:00Z", "10");
    api.purchase(j2, "2034-05-04T11:00:00Z", "60");
    long j3 = api.journey("spend-3", "2034-05-05T10:00:00Z");
    api.touch(j3, banner, "impression", "2034-05-05T10:00:00Z", "20");
    api.purchase(j3, "2034-05-05T11:00:00Z", "40");
    Imports.spend(api, "acct-1", "Spend Banner,2034-05-03,EUR,80.00");

    JsonNode answer = api.post("/ai/insights", "{\"start_date\":\"2034-05-01\",\"end_date\":\"2034-05-31\","
        + "\"analysis_type\":\"optimization\",\"attribution_model_ids\":[2]}", 200);

    assertThat(fact(answer, "cost.spend_banner").get("value").decimalValue()).isEqualByComparingTo("100.00");
    assertThat(fact(answer, "cost.spend_search").get("value").decimalValue()).isEqualByComparingTo("20.00");
    JsonNode total = fact(answer, "totals.cost");
    assertThat(total.get("value").decimalValue()).isEqualByComparingTo("120.00");
    assertThat(total.get("about").get("cost_source").asString()).isEqualTo("both");
    assertThat(total.get("about").get("spend_currency").asString()).isEqualTo("EUR");
    assertThat(fact(answer, "roas.last_touch.spend_banner").get("value").decimalValue()).isEqualByComparingTo("0.4");
    assertThat(fact(answer, "roas.last_touch.spend_search").get("value").decimalValue()).isEqualByComparingTo("8");
    assertThat(fact(answer, "share.cost.spend_banner").get("value").decimalValue()).isEqualByComparingTo("0.833333");
    assertThat(answer.get("insights").findValuesAsString("finding"))
        .contains("Spend Banner takes 83.3% of the cost but earns 20.0% of the revenue under Last Touch.");
    JsonNode roi = api.post("/analytics/channel-roi", "{\"channel_ids\":[" + search + "," + banner + "],"
        + "\"start_date\":\"2034-05-01\",\"end_date\":\"2034-05-31\",\"attribution_model_id\":2}", 200);
    assertThat(roi.get(0).get("roas").decimalValue()).isEqualByComparingTo(
        fact(answer, "roas.last_touch.spend_search").get("value").decimalValue());
    assertThat(roi.get(1).get("cost").decimalValue()).isEqualByComparingTo(
        fact(answer, "cost.spend_banner").get("value").decimalValue());
    assertThat(roi.get(1).get("roas").decimalValue()).isEqualByComparingTo(
        fact(answer, "roas.last_touch.spend_banner").get("value").decimalValue());
  }

  @Test
  void aDateRangeWithPlatformSpendInTwoCurrenciesIsRefusedRatherThanAdded() {
    long journey = api.journey("currencies-1", "2035-06-02T10:00:00Z");
    api.touch(journey, api.channel("Euro Ads", "1"), "click", "2035-06-02T10:00:00Z", "5");
    api.purchase(journey, "2035-06-02T11:00:00Z", "50");
    api.channel("Dollar Ads", "1");
    Imports.spend(api, "acct-eu", "Euro Ads,2035-06-02,EUR,10.00");
    Imports.spend(api, "acct-us", "Dollar Ads,2035-06-03,USD,4.00");

    refused("{\"start_date\":\"2035-06-01\",\"end_date\":\"2035-06-30\",\"analysis_type\":\"performance\"}", 422,
        "spend", "EUR and USD");
  }

  @Test
  void everyInsightCitesFactsOfTheAnswer() {
    JsonNode answer = performance();
    List<String> ids = new ArrayList<>();
    answer.get("facts").forEach(f -> ids.add(f.get("id").asString()));

    for (JsonNode insight : answer.get("insights")) {
      assertThat(insight.get("evidence")).isNotEmpty();
      insight.get("evidence").forEach(id -> assertThat(ids).contains(id.asString()));
    }
  }

  @Test
  void theDefaultModelsAreTheRuleModelsMarkovAndShapley() {
    JsonNode answer = api.post("/ai/insights", "{\"journey_ids\":" + workedDataSet() + ",\"analysis_type\":"
        + "\"performance\"}", 200);

    List<Long> models = new ArrayList<>();
    answer.get("models").forEach(m -> models.add(m.get("id").asLong()));
    assertThat(models).containsExactly(1L, 2L, 3L, 4L, 5L, 7L, 8L);
    assertThat(fact(answer, "revenue.markov.newsletter").get("about").get("model").asString())
        .isEqualTo("Markov Chain");
    JsonNode both = api.post("/ai/insights", "{\"journey_ids\":" + workedDataSet() + ",\"analysis_type\":"
        + "\"performance\",\"attribution_model_ids\":[7,15]}", 200);
    assertThat(both.get("models").get(1).get("slug").asString()).isEqualTo("markov_chain_order_2");
  }

  private void refused(String body, int status, String field, String reason) {
    JsonNode problem = api.post("/ai/insights", body, status);
    assertThat(problem.get("errors").get(0).get("field").asString()).as(problem.toString()).isEqualTo(field);
    assertThat(problem.get("errors").get(0).get("reason").asString()).as(problem.toString()).contains(reason);
  }

  @Test
  void badRequestsAreProblemsNamingTheField() {
    String ids = workedDataSet().toString();
    refused("{\"journey_ids\":" + ids + "}", 400, "analysis_type", "required");
    refused("{\"journey_ids\":" + ids + ",\"analysis_type\":\"sales\"}", 400, "analysis_type",
        "performance, optimization or trends");
    refused("{\"journey_ids\":" + ids + ",\"start_date\":\"2030-03-01\",\"end_date\":\"2030-03-31\","
        + "\"analysis_type\":\"trends\"}", 400, "journey_ids", "not both");
    refused("{\"analysis_type\":\"trends\"}", 400, "journey_ids", "start_date and end_date");
    refused("{\"start_date\":\"2030-03-01\",\"analysis_type\":\"trends\"}", 400, "end_date", "required");
    refused("{\"journey_ids\":[],\"analysis_type\":\"trends\"}", 400, "journey_ids", "at least one");
    refused("{\"journey_ids\":[" + ids.substring(1, ids.length() - 1) + ",987654321],\"analysis_type\":"
        + "\"performance\"}", 422, "journey_ids[5]", "does not exist");
    refused("{\"journey_ids\":" + ids + ",\"analysis_type\":\"performance\",\"attribution_model_ids\":[2,987654]}",
        422, "attribution_model_ids[1]", "does not exist");
    refused("{\"journey_ids\":" + ids + ",\"analysis_type\":\"performance\",\"attribution_model_ids\":[]}",
        400, "attribution_model_ids", "at least one");
    refused("{\"journey_ids\":" + ids + ",\"analysis_type\":\"performance\",\"writer\":\"poet\"}", 400, "writer",
        "auto, ai or rules");
    refused("{\"start_date\":\"2030-03-01\",\"end_date\":\"2030-03-10\",\"analysis_type\":\"trends\"}", 422,
        "start_date", "at least 14 days");
    refused("{\"start_date\":\"2031-01-01\",\"end_date\":\"2031-01-31\",\"analysis_type\":\"performance\"}", 422,
        "start_date", "no converting journey");
    refused("{\"journey_ids\":" + ids + ",\"analysis_type\":\"performance\",\"tone\":\"cheerful\"}", 400, "tone",
        "unknown field");
  }

  @Test
  void tooManyJourneyIdsAre422() {
    StringBuilder ids = new StringBuilder();
    for (int i = 1; i <= 10_001; i++) {
      ids.append(i == 1 ? "" : ",").append(i);
    }

    refused("{\"journey_ids\":[" + ids + "],\"analysis_type\":\"performance\"}", 422, "journey_ids", "at most 10000");
  }

  @Test
  void theEndpointIsInTheOpenApiDocument() {
    JsonNode operation = api.get("/v3/api-docs", 200).get("paths").get("/api/v1/attribution/ai/insights").get("post");

    assertThat(operation.get("summary").asString()).contains("Insights");
    assertThat(api.get("/v3/api-docs", 200).get("components").get("schemas").get("InsightRequest").get("properties")
        .get("analysis_type").get("enum").toString()).isEqualTo("[\"performance\",\"optimization\",\"trends\"]");
  }

  @Test
  void askingForTheAiWriterWithoutAKeyIs503NamingTheVariable() {
    JsonNode problem = api.post("/ai/insights", "{\"journey_ids\":" + workedDataSet() + ",\"analysis_type\":"
        + "\"performance\",\"writer\":\"ai\"}", 503);

    assertThat(problem.get("detail").asString()).contains("ANTHROPIC_API_KEY");
  }

  @Test
  void theAiModelWithoutAKeyOrAFallbackIs503NamingTheVariable() {
    JsonNode problem = api.post("/ai/insights", "{\"journey_ids\":" + workedDataSet() + ",\"analysis_type\":"
        + "\"performance\",\"attribution_model_ids\":[2,6]}", 503);

    assertThat(problem.get("detail").asString()).contains("ANTHROPIC_API_KEY");
  }

  /**
   * Without a key, an AI model falling back to linear is compared with linear's credits on the worked data set
   * (Search 50 + 50 + 5 = 105.00, Newsletter 50 + 20 + 5 = 75.00, cost 20 and 2), its facts named by its own slug
   * and its entry in {@code models} saying which model stood in.
   */
  @Test
  void anAiModelWithoutAKeyIsComparedWithItsFallbackModelsCreditsAndSaysSo() {
    long model = api.post("/models", "{\"name\":\"AI for insights " + System.nanoTime() + "\",\"model_type\":"
        + "\"data_driven\",\"ml_model_type\":\"claude-sonnet-4-5-20250929\",\"ml_parameters\":"
        + "{\"fallback_model_id\":3}}", 201).get("id").asLong();

    JsonNode answer = api.post("/ai/insights", "{\"journey_ids\":" + workedDataSet() + ",\"analysis_type\":"
        + "\"performance\",\"attribution_model_ids\":[2," + model + "]}", 200);

    assertThat(fact(answer, "revenue.data_driven.search").get("value").decimalValue()).isEqualByComparingTo("105.00");
    assertThat(fact(answer, "revenue.data_driven.newsletter").get("value").decimalValue())
        .isEqualByComparingTo("75.00");
    assertThat(fact(answer, "roas.data_driven.search").get("value").decimalValue()).isEqualByComparingTo("5.25");
    assertThat(fact(answer, "roas.data_driven.newsletter").get("value").decimalValue()).isEqualByComparingTo("37.5");
    JsonNode aiModel = answer.get("models").get(1);
    assertThat(aiModel.get("id").asLong()).isEqualTo(model);
    assertThat(aiModel.get("slug").asString()).isEqualTo("data_driven");
    assertThat(aiModel.get("fallback").get("model_id").asLong()).isEqualTo(3);
    assertThat(aiModel.get("fallback").get("reason").asString()).isEqualTo("AI provider not configured");
    assertThat(aiModel.has("ai")).isFalse();
    assertThat(answer.get("models").get(0).has("fallback")).isFalse();
    assertThat(answer.get("source").asString()).isEqualTo("rules");
  }
}
