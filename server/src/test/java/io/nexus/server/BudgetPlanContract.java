package io.nexus.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.nexus.engine.budget.BudgetOptimizer;
import io.nexus.engine.budget.BudgetPlan;
import io.nexus.engine.budget.CurveFit;
import io.nexus.engine.budget.ResponseCurve;
import io.nexus.server.journey.ImportedJourney;
import io.nexus.server.journey.JourneyImport;
import io.nexus.server.support.Api;
import io.nexus.server.support.DefaultTenant;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Budget plans end to end, on H2 and on PostgreSQL: 120 days of journeys whose revenue follows response curves we
 * know (one single-touch journey per channel and day, so every model credits the channel with exactly that revenue),
 * a channel whose spend never changes and one that costs nothing.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ExtendWith(DefaultTenant.class)
abstract class BudgetPlanContract {
  private static final Map<String, ResponseCurve> TRUE = new LinkedHashMap<>();
  private static final Map<String, double[]> RANGE = Map.of("Search", new double[] {200, 4000},
      "Social", new double[] {100, 2500}, "Display", new double[] {300, 5000});
  private static final String RANGE_JSON = "\"start_date\":\"2061-01-01\",\"end_date\":\"2061-04-30\"";

  static {
    TRUE.put("Search", new ResponseCurve(4000, 0.8, 1500));
    TRUE.put("Social", new ResponseCurve(2500, 0.6, 800));
    TRUE.put("Display", new ResponseCurve(1500, 1.0, 2000));
  }

  @Autowired
  MockMvc mvc;
  @Autowired
  JsonMapper json;
  @Autowired
  JourneyImport imports;

  Api api;
  static Map<String, Long> ids;

  @BeforeEach
  void data() {
    api = new Api(mvc, json);
    if (ids != null && api.get("/channels/" + ids.get("Search")).status() == 200) {
      return;
    }
    ids = new LinkedHashMap<>();
    for (String name : List.of("Search", "Social", "Display", "Flat", "Organic")) {
      ids.put(name, api.channel("Budget " + name + " " + System.nanoTime(), "1"));
    }
    SplittableRandom random = new SplittableRandom(3);
    List<ImportedJourney> journeys = new ArrayList<>();
    LocalDate first = LocalDate.of(2061, 1, 1);
    for (int d = 0; d < 120; d++) {
      Instant morning = first.plusDays(d).atTime(10, 0).toInstant(ZoneOffset.UTC);
      for (Map.Entry<String, ResponseCurve> channel : TRUE.entrySet()) {
        double[] range = RANGE.get(channel.getKey());
        double spend = range[0] + (range[1] - range[0]) * random.nextDouble();
        double noise = 1 + 0.05 * Math.sqrt(-2 * Math.log(1 - random.nextDouble()))
            * Math.cos(2 * Math.PI * random.nextDouble());
        journeys.add(journey(ids.get(channel.getKey()), morning, money(spend),
            money(channel.getValue().revenue(spend) * noise)));
      }
      journeys.add(journey(ids.get("Flat"), morning, new BigDecimal("100.00"), new BigDecimal("40.00")));
      journeys.add(journey(ids.get("Organic"), morning, BigDecimal.ZERO, new BigDecimal("25.00")));
    }
    imports.importJourneys(journeys);
  }

  private static BigDecimal money(double amount) {
    return BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_UP);
  }

  private static ImportedJourney journey(long channel, Instant at, BigDecimal cost, BigDecimal revenue) {
    return new ImportedJourney("budget-" + channel + "-" + at, null, at,
        List.of(new ImportedJourney.Touch(channel, "click", at, cost, null, null, null, null, null, null)),
        List.of(new ImportedJourney.Purchase("purchase", at.plusSeconds(7200), revenue, 1, null, null)));
  }

  private JsonNode row(JsonNode answer, String channel) {
    for (JsonNode row : answer.get("channels")) {
      if (row.get("channel_id").asLong() == ids.get(channel)) {
        return row;
      }
    }
    throw new AssertionError("no row for " + channel + " in " + answer);
  }

  private String constraints(String body) {
    for (Map.Entry<String, Long> id : ids.entrySet()) {
      body = body.replace("{" + id.getKey() + "}", Long.toString(id.getValue()));
    }
    return body;
  }

  @Test
  void theRecommendedAllocationIsWithinFivePercentOfTheBudgetOfTheKnownOptimum() {
    JsonNode plan = api.post("/analytics/budget-plan", "{\"attribution_model_id\":3," + RANGE_JSON
        + ",\"total_budget\":480000}", 200);

    List<CurveFit> truth = new ArrayList<>();
    TRUE.forEach((name, curve) -> truth.add(new CurveFit(name, curve, null, 120, 120, 1, 1e9, 0, 0)));
    BudgetPlan best = BudgetOptimizer.plan(truth, 120, 480_000, Map.of());
    BigDecimal sum = BigDecimal.ZERO;
    for (String channel : TRUE.keySet()) {
      JsonNode row = row(plan, channel);
      assertThat(row.get("status").asString()).isEqualTo("estimated");
      assertThat(row.get("curve").get("r_squared").asDouble()).isGreaterThan(0.5);
      assertThat(row.get("recommended_spend").decimalValue().doubleValue()).as(channel)
          .isCloseTo(best.channel(channel).spend(), within(0.05 * 480_000));
      sum = sum.add(row.get("recommended_spend").decimalValue());
    }
    assertThat(sum).isEqualByComparingTo("480000");
    assertThat(plan.get("days").asInt()).isEqualTo(120);
  }

  @Test
  void spendingWhatIsSpentNowThePlanExpectsAtLeastAsMuchAsTheCurrentAllocation() {
    BigDecimal current = api.post("/analytics/budget-plan", "{\"attribution_model_id\":3," + RANGE_JSON
        + ",\"total_budget\":1000}", 200).get("current").get("spend").decimalValue();

    JsonNode plan = api.post("/analytics/budget-plan", "{\"attribution_model_id\":3," + RANGE_JSON
        + ",\"total_budget\":" + current.toPlainString() + "}", 200);

    assertThat(plan.get("plan").get("expected_revenue").decimalValue())
        .isGreaterThanOrEqualTo(plan.get("current").get("expected_revenue").decimalValue());
    assertThat(plan.get("plan").get("roas").decimalValue())
        .isGreaterThanOrEqualTo(plan.get("current").get("roas").decimalValue());
  }

  @Test
  void aChannelWithNoSpendVariationIsReportedAsNotEstimable() {
    JsonNode plan = api.post("/analytics/budget-plan", "{\"attribution_model_id\":1," + RANGE_JSON
        + ",\"total_budget\":1000}", 200);

    JsonNode flat = row(plan, "Flat");
    assertThat(flat.get("status").asString()).isEqualTo("not_estimable");
    assertThat(flat.get("reason").asString()).startsWith("no spend variation");
    assertThat(flat.get("recommended_spend").isNull()).isTrue();
    assertThat(row(plan, "Organic").get("reason").asString()).startsWith("nothing was spent on it");
  }

  @Test
  void constraintsAreRespectedExactly() {
    JsonNode plan = api.post("/analytics/budget-plan", constraints("{\"attribution_model_id\":3," + RANGE_JSON
        + ",\"total_budget\":480000.05,\"constraints\":{\"{Search}\":{\"max\":200000.01},"
        + "\"{Display}\":{\"min\":160000.37,\"max\":300000}}}"), 200);

    assertThat(row(plan, "Search").get("recommended_spend").decimalValue()).isEqualByComparingTo("200000.01");
    assertThat(row(plan, "Search").get("at_limit").asString()).isEqualTo("max");
    assertThat(row(plan, "Display").get("recommended_spend").decimalValue()).isEqualByComparingTo("160000.37");
    assertThat(row(plan, "Display").get("at_limit").asString()).isEqualTo("min");
    assertThat(row(plan, "Social").get("recommended_spend").decimalValue()).isEqualByComparingTo("119999.67");
  }

  @Test
  void intervalsComeFromTheDayBootstrapAndHoldThePlansExpectedRevenue() {
    JsonNode plan = api.post("/analytics/budget-plan", "{\"attribution_model_id\":3," + RANGE_JSON
        + ",\"total_budget\":480000,\"intervals\":true,\"replicates\":40}", 200);

    JsonNode interval = plan.get("plan").get("expected_revenue_interval");
    BigDecimal expected = plan.get("plan").get("expected_revenue").decimalValue();
    assertThat(interval.get(0).decimalValue()).isLessThanOrEqualTo(expected);
    assertThat(interval.get(1).decimalValue()).isGreaterThanOrEqualTo(expected);
    assertThat(plan.get("bootstrap_replicates").asInt()).isEqualTo(40);
    assertThat(row(plan, "Search").get("recommended_spend_interval")).hasSize(2);
  }

  @Test
  void whatIfGivesWhatTheFittedCurvesExpectOfAnAllocation() {
    JsonNode plan = api.post("/analytics/budget-plan", "{\"attribution_model_id\":3," + RANGE_JSON
        + ",\"total_budget\":480000}", 200);
    StringBuilder allocation = new StringBuilder();
    for (String channel : TRUE.keySet()) {
      allocation.append(allocation.length() == 0 ? "" : ",").append('"').append(ids.get(channel)).append("\":")
          .append(row(plan, channel).get("recommended_spend").decimalValue().toPlainString());
    }

    JsonNode whatIf = api.post("/analytics/what-if", "{\"attribution_model_id\":3," + RANGE_JSON
        + ",\"allocation\":{" + allocation + "}}", 200);

    assertThat(whatIf.get("allocation").get("expected_revenue").decimalValue().doubleValue())
        .isCloseTo(plan.get("plan").get("expected_revenue").decimalValue().doubleValue(), within(0.05));
    assertThat(whatIf.get("allocation").get("spend").decimalValue()).isEqualByComparingTo("480000");
  }

  @Test
  void aWhatIfOnAChannelWithoutACurveOrARangeOfMoreThanTwoYearsIsRefused() {
    JsonNode flat = api.post("/analytics/what-if", constraints("{\"attribution_model_id\":3," + RANGE_JSON
        + ",\"allocation\":{\"{Flat}\":100,\"{Search}\":100}}"), 422);
    assertThat(flat.get("errors")).hasSize(1);
    assertThat(flat.get("errors").get(0).get("field").asString()).isEqualTo("allocation[" + ids.get("Flat") + "]");
    JsonNode negative = api.post("/analytics/what-if", constraints("{\"attribution_model_id\":3," + RANGE_JSON
        + ",\"allocation\":{\"{Search}\":-1}}"), 400);
    assertThat(negative.get("errors").get(0).get("reason").asString()).contains("must not be negative");
    JsonNode long_ = api.post("/analytics/budget-plan", "{\"attribution_model_id\":3,\"start_date\":\"2000-01-01\","
        + "\"end_date\":\"2009-12-31\",\"total_budget\":5}", 422);
    assertThat(long_.get("errors").get(0).get("field").asString()).isEqualTo("end_date");
  }

  @Test
  void badConstraintsAreProblemsNamingTheField() {
    JsonNode unknown = api.post("/analytics/budget-plan", "{\"attribution_model_id\":3," + RANGE_JSON
        + ",\"total_budget\":1000,\"constraints\":{\"987654\":{\"min\":1}}}", 422);
    assertThat(unknown.get("errors").get(0).get("field").asString()).isEqualTo("constraints[987654]");
    JsonNode inverted = api.post("/analytics/budget-plan", constraints("{\"attribution_model_id\":3," + RANGE_JSON
        + ",\"total_budget\":1000,\"constraints\":{\"{Search}\":{\"min\":10,\"max\":5}}}"), 422);
    assertThat(inverted.get("errors").get(0).get("field").asString()).isEqualTo("constraints[" + ids.get("Search")
        + "].min");
    JsonNode minima = api.post("/analytics/budget-plan", constraints("{\"attribution_model_id\":3," + RANGE_JSON
        + ",\"total_budget\":1000,\"constraints\":{\"{Search}\":{\"min\":800},\"{Social}\":{\"min\":300}}}"), 422);
    assertThat(minima.get("errors").get(0).get("field").asString()).isEqualTo("total_budget");
    assertThat(minima.get("errors").get(0).get("reason").asString()).contains("below the sum");
    JsonNode beyond = api.post("/analytics/budget-plan", "{\"attribution_model_id\":3," + RANGE_JSON
        + ",\"total_budget\":900000000}", 422);
    assertThat(beyond.get("errors").get(0).get("reason").asString()).contains("above the sum of the maxima",
        "twice its highest daily spend seen");
    JsonNode flat = api.post("/analytics/budget-plan", constraints("{\"attribution_model_id\":3," + RANGE_JSON
        + ",\"total_budget\":1000,\"constraints\":{\"{Flat}\":{\"max\":5}}}"), 422);
    assertThat(flat.get("errors").get(0).get("reason").asString()).contains("is not estimable: no spend variation");
    Api.Answer negative = api.post("/analytics/budget-plan", "{\"attribution_model_id\":3," + RANGE_JSON
        + ",\"total_budget\":-5}");
    assertThat(negative.status()).isBetween(400, 422);
    assertThat(negative.body().get("errors").get(0).get("field").asString()).isEqualTo("total_budget");
    JsonNode unknownModel = api.post("/analytics/budget-plan", "{\"attribution_model_id\":987654," + RANGE_JSON
        + ",\"total_budget\":5}", 404);
    assertThat(unknownModel.get("detail").asString()).contains("987654");
  }
}
