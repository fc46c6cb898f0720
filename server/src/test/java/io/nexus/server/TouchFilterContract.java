package io.nexus.server;

import static io.nexus.server.support.MarkovChains.probability;
import static io.nexus.server.support.MarkovChains.removalEffect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.nexus.engine.budget.ResponseCurve;
import io.nexus.server.support.Api;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.annotation.DirtiesContext.ClassMode;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard's lookback and Exclude Direct ({@code lookback_days}, {@code exclude_direct}) on every report they
 * apply to beyond plain crediting: bootstrap intervals, conversion paths, the Markov chain and budget plans, on worked
 * examples through the real database; subclasses run every behaviour on H2 and on PostgreSQL.
 *
 * <p>June 2093 (paths, and the Markov model's 90-day training window up to the latest journey): A (06-01) Direct,
 * nine days later Paid Search, bought the next day for 100.00; B (06-02) Direct, bought for 50.00; C (06-03) Email,
 * Direct, bought for 30.00; D (06-04) Email, no purchase. E (2081-03-05): Direct, no purchase. March 2092 (intervals): ten journeys Direct then Paid
 * Search, bought for 10.00, 20.00, ... 100.00, and two Direct only, bought for 100.00. January 2080 (budget): twenty
 * days, each a journey Direct then Paid Search at a spend of 200 + 190 · day, bought for what a known response curve
 * gives that spend.
 */
@SpringBootTest(properties = "spring.datasource.hikari.maximum-pool-size=2")
@AutoConfigureMockMvc
// The database server is shared and its connections are few: this context's pool is closed when the class is done.
@DirtiesContext(classMode = ClassMode.AFTER_CLASS)
abstract class TouchFilterContract {
  private static final Set<Class<?>> FILLED = ConcurrentHashMap.newKeySet();
  private static final long PAID_SEARCH = 1;
  private static final long EMAIL = 3;
  private static final long DIRECT = 7;
  private static final long LINEAR = 3;
  private static final long AI = 6;
  private static final long MARKOV = 7;
  private static final String JUNE = "\"start_date\":\"2093-06-01\",\"end_date\":\"2093-06-30\"";
  private static final String MARCH = "\"start_date\":\"2092-03-01\",\"end_date\":\"2092-03-31\"";
  private static final String BUDGET_DAYS = "\"start_date\":\"2080-01-01\",\"end_date\":\"2080-01-20\"";
  private static final ResponseCurve CURVE = new ResponseCurve(4000, 0.8, 1500);

  @Autowired
  MockMvc mvc;
  @Autowired
  JsonMapper json;

  Api api;

  @BeforeEach
  void journeys() {
    api = new Api(mvc, json);
    if (!FILLED.add(getClass())) {
      return;
    }
    long a = api.journey("filter-a", "2093-06-01T00:00:00Z");
    api.touch(a, DIRECT, "visit", "2093-06-01T00:00:00Z", "0");
    api.touch(a, PAID_SEARCH, "click", "2093-06-09T00:00:00Z", "2.00");
    api.purchase(a, "2093-06-10T00:00:00Z", "100.00");
    long b = api.journey("filter-b", "2093-06-02T00:00:00Z");
    api.touch(b, DIRECT, "visit", "2093-06-02T00:00:00Z", "0");
    api.purchase(b, "2093-06-02T01:00:00Z", "50.00");
    long c = api.journey("filter-c", "2093-06-03T00:00:00Z");
    api.touch(c, EMAIL, "click", "2093-06-03T00:00:00Z", "0.50");
    api.touch(c, DIRECT, "visit", "2093-06-03T01:00:00Z", "0");
    api.purchase(c, "2093-06-03T02:00:00Z", "30.00");
    long d = api.journey("filter-d", "2093-06-04T00:00:00Z");
    api.touch(d, EMAIL, "click", "2093-06-04T00:00:00Z", "0.50");
    long e = api.journey("filter-e", "2081-03-05T00:00:00Z");
    api.touch(e, DIRECT, "visit", "2081-03-05T00:00:00Z", "0");
    for (int i = 1; i <= 12; i++) {
      String day = String.format("2092-03-%02dT", i);
      long j = api.journey("interval-" + i, day + "08:00:00Z");
      api.touch(j, DIRECT, "visit", day + "08:00:00Z", "0");
      if (i <= 10) {
        api.touch(j, PAID_SEARCH, "click", day + "09:00:00Z", "1.00");
      }
      api.purchase(j, day + "10:00:00Z", i <= 10 ? i * 10 + ".00" : "100.00");
    }
    for (int day = 0; day < 20; day++) {
      String at = String.format("2080-01-%02dT", day + 1);
      long j = api.journey("budget-" + day, at + "10:00:00Z");
      api.touch(j, DIRECT, "visit", at + "10:00:00Z", "0");
      api.touch(j, PAID_SEARCH, "click", at + "10:30:00Z", spend(day).toPlainString());
      api.purchase(j, at + "12:00:00Z", revenue(day).toPlainString());
    }
  }

  private static BigDecimal spend(int day) {
    return BigDecimal.valueOf(200 + 190 * day).setScale(2);
  }

  private static BigDecimal revenue(int day) {
    return BigDecimal.valueOf(CURVE.revenue(spend(day).doubleValue())).setScale(2, RoundingMode.HALF_UP);
  }

  // ---- conversion paths ------------------------------------------------------------------------------------------

  @Test
  void everyTouchMakesThePathsWhenNothingIsFiltered() {
    JsonNode answer = api.post("/analytics/top-paths", "{" + JUNE + "}", 200);

    assertThat(names(answer)).containsExactly("Email > Direct", "Direct > Paid Search", "Direct");
    assertThat(answer.get("paths").get(1).get("avg_days_to_conversion").asDouble()).isCloseTo(9, within(1e-9));
    assertThat(answer.get("journeys_without_touches").asLong()).isZero();
  }

  @Test
  void pathsWithoutDirectLeaveOutTheJourneysDirectAloneBrought() {
    JsonNode answer = api.post("/analytics/top-paths", "{" + JUNE + ",\"exclude_direct\":true}", 200);

    // Email converted once in two journeys (C, and D which did not convert), Paid Search once in one.
    assertThat(names(answer)).containsExactly("Email", "Paid Search");
    JsonNode paid = answer.get("paths").get(1);
    assertThat(paid.get("conversions").asLong()).isEqualTo(1);
    assertThat(paid.get("revenue").decimalValue()).isEqualByComparingTo("100.00");
    // From the Paid Search click, not the Direct visit nine days before it.
    assertThat(paid.get("avg_days_to_conversion").asDouble()).isCloseTo(1, within(1e-9));
    assertThat(paid.get("avg_touches_to_conversion").asDouble()).isEqualTo(1);
    assertThat(answer.get("paths").get(0).get("journeys").asLong()).isEqualTo(2);
    assertThat(answer.get("paths").get(0).get("avg_days_to_conversion").asDouble())
        .isCloseTo(2.0 / 24, within(1e-9));
    // B converted on Direct alone: no path is left of it.
    assertThat(answer.get("journeys_without_touches").asLong()).isEqualTo(1);
  }

  @Test
  void journeysWithoutTouchesCountTheNonConvertingOnesWhenTheirPathsAreListed() {
    String range = "\"start_date\":\"2081-03-05\",\"end_date\":\"2081-03-05\",\"exclude_direct\":true";

    assertThat(api.post("/analytics/top-paths", "{" + range + "}", 200).get("journeys_without_touches").asLong())
        .isZero();
    JsonNode all = api.post("/analytics/top-paths", "{" + range + ",\"include_non_converting\":true}", 200);
    assertThat(all.get("paths")).isEmpty();
    assertThat(all.get("journeys_without_touches").asLong()).isEqualTo(1);
  }

  @Test
  void pathsWithinALookbackStartAtTheFirstTouchInsideIt() {
    JsonNode answer = api.post("/analytics/top-paths", "{" + JUNE + ",\"lookback_days\":5}", 200);

    assertThat(names(answer)).containsExactly("Paid Search", "Email > Direct", "Direct");
    assertThat(answer.get("paths").get(0).get("avg_days_to_conversion").asDouble()).isCloseTo(1, within(1e-9));
    assertThat(answer.get("journeys_without_touches").asLong()).isZero();
  }

  // ---- Markov chain ----------------------------------------------------------------------------------------------

  @Test
  void theMarkovChainOfEveryTouchGoesThroughDirect() {
    JsonNode chain = api.get("/models/" + MARKOV + "/markov-chain", 200);

    assertThat(chain.get("states").toString())
        .isEqualTo("[\"(start)\",\"Direct\",\"Email\",\"Paid Search\",\"(conversion)\",\"(null)\"]");
    assertThat(probability(chain, "(start)", "Direct")).isCloseTo(0.5, within(1e-9));
    assertThat(probability(chain, "Direct", "Paid Search")).isCloseTo(1.0 / 3, within(1e-9));
    assertThat(probability(chain, "Direct", "(conversion)")).isCloseTo(2.0 / 3, within(1e-9));
    assertThat(chain.get("conversion_probability").asDouble()).isCloseTo(0.75, within(1e-9));
  }

  @Test
  void theMarkovChainWithoutDirectIsFittedOnTheOtherTouchesOnly() {
    JsonNode chain = api.get("/models/" + MARKOV + "/markov-chain?exclude_direct=true", 200);

    // A: start, Paid Search, conversion; B has no touch left; C: start, Email, conversion; D: start, Email, null.
    assertThat(chain.get("states").toString())
        .isEqualTo("[\"(start)\",\"Email\",\"Paid Search\",\"(conversion)\",\"(null)\"]");
    assertThat(probability(chain, "(start)", "Paid Search")).isCloseTo(1.0 / 3, within(1e-9));
    assertThat(probability(chain, "(start)", "Email")).isCloseTo(2.0 / 3, within(1e-9));
    assertThat(probability(chain, "Paid Search", "(conversion)")).isCloseTo(1, within(1e-9));
    assertThat(probability(chain, "Email", "(conversion)")).isCloseTo(0.5, within(1e-9));
    assertThat(probability(chain, "Email", "(null)")).isCloseTo(0.5, within(1e-9));
    assertThat(chain.get("conversion_probability").asDouble()).isCloseTo(2.0 / 3, within(1e-9));
    // Without Paid Search: 2/3 · 1/2 = 1/3 of 2/3 is left; without Email: 1/3 of 2/3.
    assertThat(removalEffect(chain, PAID_SEARCH)).isCloseTo(0.5, within(1e-9));
    assertThat(removalEffect(chain, EMAIL)).isCloseTo(0.5, within(1e-9));
    assertThat(chain.get("removal_effects")).hasSize(2);
  }

  @Test
  void theMarkovChainWithinALookbackStartsAJourneyAtItsFirstTouchInsideIt() {
    JsonNode chain = api.get("/models/" + MARKOV + "/markov-chain?lookback_days=5", 200);

    // A: start, Paid Search, conversion (Direct was nine days before); B, C and D as stored.
    assertThat(probability(chain, "(start)", "Paid Search")).isCloseTo(0.25, within(1e-9));
    assertThat(probability(chain, "(start)", "Direct")).isCloseTo(0.25, within(1e-9));
    assertThat(probability(chain, "(start)", "Email")).isCloseTo(0.5, within(1e-9));
    assertThat(probability(chain, "Direct", "(conversion)")).isCloseTo(1, within(1e-9));
    assertThat(probability(chain, "Direct", "Paid Search")).isZero();
    assertThat(chain.get("conversion_probability").asDouble()).isCloseTo(0.75, within(1e-9));
    // Without Direct only A converts (1/4 of 3/4 left); without Paid Search or Email, 1/2 of 3/4.
    assertThat(removalEffect(chain, DIRECT)).isCloseTo(2.0 / 3, within(1e-9));
    assertThat(removalEffect(chain, PAID_SEARCH)).isCloseTo(1.0 / 3, within(1e-9));
    assertThat(removalEffect(chain, EMAIL)).isCloseTo(1.0 / 3, within(1e-9));
  }

  // ---- bootstrap intervals ---------------------------------------------------------------------------------------

  @Test
  void intervalsWithoutDirectResampleTheJourneysAsFilteredAndMoveUpWithTheCredit() {
    JsonNode all = roi("");
    JsonNode filtered = roi(",\"exclude_direct\":true");

    // Linear: Paid Search has half of 10 + 20 + ... + 100 = 275.00 of every touch, all 550.00 without Direct.
    assertThat(all.get(0).get("attributed_revenue").decimalValue()).isEqualByComparingTo("275.00");
    assertThat(filtered.get(0).get("attributed_revenue").decimalValue()).isEqualByComparingTo("550.00");
    double[] every = interval(all.get(0));
    double[] noDirect = interval(filtered.get(0));
    assertThat(every[0]).isLessThanOrEqualTo(275).isLessThan(noDirect[0]);
    assertThat(every[1]).isGreaterThanOrEqualTo(275).isLessThan(noDirect[1]);
    assertThat(noDirect[0]).isLessThanOrEqualTo(550);
    assertThat(noDirect[1]).isGreaterThanOrEqualTo(550);
    // Direct earns nothing in any replicate once its touches are left out.
    assertThat(interval(all.get(1))[1]).isGreaterThan(0);
    assertThat(interval(filtered.get(1))).containsExactly(0, 0);
  }

  @Test
  void intervalsOfFilteredTouchesAreTheSameOnEveryCallAndInTheComparison() {
    JsonNode first = roi(",\"lookback_days\":1,\"exclude_direct\":true");
    JsonNode again = roi(",\"lookback_days\":1,\"exclude_direct\":true");
    JsonNode compared = api.post("/analytics/model-comparison", "{" + MARCH + ",\"model_ids\":[" + LINEAR + "],"
        + "\"channel_ids\":[" + PAID_SEARCH + "],\"intervals\":true,\"lookback_days\":1,\"exclude_direct\":true}", 200);

    assertThat(again.get(0).get("attributed_revenue_interval")).isEqualTo(first.get(0).get("attributed_revenue_interval"));
    assertThat(compared.get("channels").get(0).get("values").get(0).get("attributed_revenue_interval"))
        .isEqualTo(first.get(0).get("attributed_revenue_interval"));
  }

  // ---- budget plans ----------------------------------------------------------------------------------------------

  @Test
  void aBudgetPlanWithoutDirectPlansOnTheWholeRevenueOfPaidSearch() {
    BigDecimal total = BigDecimal.ZERO;
    BigDecimal budget = BigDecimal.ZERO;
    for (int day = 0; day < 20; day++) {
      total = total.add(revenue(day));
      budget = budget.add(spend(day));
    }
    String body = "{" + BUDGET_DAYS + ",\"attribution_model_id\":" + LINEAR + ",\"total_budget\":" + budget;
    JsonNode all = api.post("/analytics/budget-plan", body + "}", 200);
    JsonNode filtered = api.post("/analytics/budget-plan", body + ",\"exclude_direct\":true}", 200);

    // Linear gives Paid Search half of each day's revenue from every touch, all of it without Direct.
    // (Each day's half is to the cent, so the sum may be off total / 2 by a cent a day.)
    BigDecimal paid = row(all, PAID_SEARCH).get("attributed_revenue").decimalValue();
    assertThat(paid.add(row(all, DIRECT).get("attributed_revenue").decimalValue())).isEqualByComparingTo(total);
    assertThat(paid.doubleValue()).isCloseTo(total.doubleValue() / 2, within(0.2));
    assertThat(row(filtered, PAID_SEARCH).get("attributed_revenue").decimalValue()).isEqualByComparingTo(total);
    assertThat(row(filtered, DIRECT).get("attributed_revenue").decimalValue()).isEqualByComparingTo("0");
    assertThat(row(filtered, DIRECT).get("status").asString()).isEqualTo("not_estimable");
    // One channel to plan: the whole budget goes to it, 2,005.00 a day, which the curve turns into its revenue.
    assertThat(row(filtered, PAID_SEARCH).get("recommended_spend").decimalValue()).isEqualByComparingTo(budget);
    double expected = 20 * CURVE.revenue(2005);
    assertThat(filtered.get("plan").get("expected_revenue").decimalValue().doubleValue())
        .isCloseTo(expected, within(0.005 * expected));
    assertThat(all.get("plan").get("expected_revenue").decimalValue().doubleValue())
        .isCloseTo(expected / 2, within(0.005 * expected / 2));
  }

  @Test
  void aWhatIfWithoutDirectIsEvaluatedOnTheSameCurvesAsThePlan() {
    String range = "{" + BUDGET_DAYS + ",\"attribution_model_id\":" + LINEAR + ",\"exclude_direct\":true";
    // 40,100.00: what the twenty days spent (200 + 190 · day), all on the one channel a plan can give it to.
    JsonNode plan = api.post("/analytics/budget-plan", range + ",\"total_budget\":40100}", 200);
    JsonNode whatIf = api.post("/analytics/what-if", range + ",\"allocation\":{\"" + PAID_SEARCH + "\":40100}}",
        200);

    assertThat(whatIf.get("allocation").get("expected_revenue").decimalValue())
        .isEqualByComparingTo(plan.get("plan").get("expected_revenue").decimalValue());
    assertThat(row(whatIf, PAID_SEARCH).get("attributed_revenue").decimalValue())
        .isEqualByComparingTo(row(plan, PAID_SEARCH).get("attributed_revenue").decimalValue());
  }

  // ---- validation ------------------------------------------------------------------------------------------------

  @Test
  void aBadLookbackIsRefusedByEveryReportNamingIt() {
    List<Api.Answer> answers = List.of(
        api.post("/analytics/top-paths", "{" + JUNE + ",\"lookback_days\":0}"),
        api.get("/models/" + MARKOV + "/markov-chain?lookback_days=3651"),
        api.post("/analytics/budget-plan", "{" + BUDGET_DAYS + ",\"attribution_model_id\":3,\"total_budget\":10,"
            + "\"lookback_days\":-1}"),
        api.post("/analytics/channel-roi", "{" + MARCH + ",\"attribution_model_id\":3,\"intervals\":true,"
            + "\"lookback_days\":0}"));
    for (Api.Answer answer : answers) {
      assertThat(answer.status()).isEqualTo(400);
      assertThat(answer.body().get("errors").get(0).get("field").asString()).isEqualTo("lookback_days");
    }
    assertThat(api.get("/models/" + MARKOV + "/markov-chain?exclude_direct=perhaps").status()).isEqualTo(400);
  }

  @Test
  void theAiModelRefusesATouchFilterInABudgetPlanAsInChannelRoi() {
    Api.Answer plan = api.post("/analytics/budget-plan", "{" + BUDGET_DAYS + ",\"attribution_model_id\":" + AI
        + ",\"total_budget\":10,\"exclude_direct\":true}");
    Api.Answer roi = api.post("/analytics/channel-roi", "{" + BUDGET_DAYS + ",\"attribution_model_id\":" + AI
        + ",\"exclude_direct\":true}");

    assertThat(plan.status()).isEqualTo(422);
    assertThat(plan.body().get("errors").get(0).get("field").asString()).isEqualTo("lookback_days");
    assertThat(roi.status()).isEqualTo(422);
    assertThat(plan.body().get("detail").asString()).isEqualTo(roi.body().get("detail").asString());
  }

  private JsonNode roi(String extra) {
    return api.post("/analytics/channel-roi", "{" + MARCH + ",\"attribution_model_id\":" + LINEAR + ",\"channel_ids\":["
        + PAID_SEARCH + "," + DIRECT + "],\"intervals\":true" + extra + "}", 200);
  }

  private static double[] interval(JsonNode row) {
    JsonNode bounds = row.get("attributed_revenue_interval");
    return new double[] {bounds.get(0).decimalValue().doubleValue(), bounds.get(1).decimalValue().doubleValue()};
  }

  private static List<String> names(JsonNode answer) {
    List<String> names = new ArrayList<>();
    answer.get("paths").forEach(p -> {
      List<String> path = new ArrayList<>();
      p.get("path").forEach(n -> path.add(n.asString()));
      names.add(String.join(" > ", path));
    });
    return names;
  }

  private static JsonNode row(JsonNode plan, long channelId) {
    for (JsonNode row : plan.get("channels")) {
      if (row.get("channel_id").asLong() == channelId) {
        return row;
      }
    }
    throw new AssertionError("no row for channel " + channelId + " in " + plan);
  }
}
