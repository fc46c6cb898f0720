package io.nexus.server;

import static io.nexus.server.support.MarkovChains.probability;
import static io.nexus.server.support.MarkovChains.removalEffect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.nexus.server.support.Api;
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
 * The endpoints the dashboard added to the API (overview, Markov chain, journeys by channel, path filters), on worked
 * examples through the real database: subclasses run every behaviour on H2 and on PostgreSQL.
 *
 * <p>Four journeys: A (2091-05-02) Paid Search, Email, bought for 100.00; B (2091-05-02) Email, no purchase; C
 * (2091-05-04) Paid Search, bought for 40.00; D (2091-04-29, the period before) Paid Search, bought for 20.00; F
 * (2091-01-01, outside the Markov model's training window) Direct, then nine days later Paid Search, bought the next day
 * for 90.00.
 */
@SpringBootTest(properties = "spring.datasource.hikari.maximum-pool-size=2")
@AutoConfigureMockMvc
@DirtiesContext(classMode = ClassMode.AFTER_CLASS)
abstract class DashboardApiContract {
  private static final Set<Class<?>> FILLED = ConcurrentHashMap.newKeySet();
  private static final List<Long> IDS = new ArrayList<>();
  private static final long PAID_SEARCH = 1;
  private static final long EMAIL = 3;
  private static final long DIRECT = 7;
  private static final String JANUARY = "\"start_date\":\"2091-01-01\",\"end_date\":\"2091-01-31\"";
  private static final String MAY = "\"start_date\":\"2091-05-01\",\"end_date\":\"2091-05-04\"";
  private static final String SPRING = "\"start_date\":\"2091-04-01\",\"end_date\":\"2091-05-31\"";

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
    synchronized (IDS) {
      IDS.clear();
      long a = api.journey("dash-a", "2091-05-02T08:00:00Z");
      api.touch(a, PAID_SEARCH, "click", "2091-05-02T09:00:00Z", "2.00");
      api.touch(a, EMAIL, "click", "2091-05-02T10:00:00Z", "0.50");
      api.purchase(a, "2091-05-02T11:00:00Z", "100.00");
      long b = api.journey("dash-b", "2091-05-02T12:00:00Z");
      api.touch(b, EMAIL, "click", "2091-05-02T12:30:00Z", "0.50");
      long c = api.journey("dash-c", "2091-05-04T08:00:00Z");
      api.touch(c, PAID_SEARCH, "click", "2091-05-04T08:30:00Z", "2.00");
      api.purchase(c, "2091-05-04T09:00:00Z", "40.00");
      long d = api.journey("dash-d", "2091-04-29T08:00:00Z");
      api.touch(d, PAID_SEARCH, "click", "2091-04-29T08:10:00Z", "1.00");
      api.purchase(d, "2091-04-29T09:00:00Z", "20.00");
      long f = api.journey("dash-f", "2091-01-01T00:00:00Z");
      api.touch(f, DIRECT, "visit", "2091-01-01T00:00:00Z", "0");
      api.touch(f, PAID_SEARCH, "click", "2091-01-09T00:00:00Z", "3.00");
      api.purchase(f, "2091-01-10T00:00:00Z", "90.00");
      IDS.addAll(List.of(a, b, c, d, f));
    }
  }

  private long id(int index) {
    synchronized (IDS) {
      return IDS.get(index);
    }
  }

  @Test
  void theOverviewTotalsTheRangeAgainstThePeriodJustBefore() {
    JsonNode o = api.post("/analytics/overview", "{" + MAY + "}", 200);

    assertThat(o.get("from").asString()).isEqualTo("2091-05-01T00:00:00Z");
    assertThat(o.get("previous_from").asString()).isEqualTo("2091-04-27T00:00:00Z");
    assertThat(o.get("previous_to").asString()).isEqualTo("2091-05-01T00:00:00Z");
    JsonNode now = o.get("current");
    assertThat(now.get("journeys").asLong()).isEqualTo(3);
    assertThat(now.get("converting_journeys").asLong()).isEqualTo(2);
    assertThat(now.get("conversions").asLong()).isEqualTo(2);
    assertThat(now.get("revenue").decimalValue()).isEqualByComparingTo("140.00");
    assertThat(now.get("spend").decimalValue()).isEqualByComparingTo("5.00");
    assertThat(now.get("roas").decimalValue()).isEqualByComparingTo("28");
    assertThat(now.get("conversion_rate").asDouble()).isCloseTo(2.0 / 3, within(1e-12));
    JsonNode before = o.get("previous");
    assertThat(before.get("conversions").asLong()).isEqualTo(1);
    assertThat(before.get("revenue").decimalValue()).isEqualByComparingTo("20.00");
    assertThat(before.get("spend").decimalValue()).isEqualByComparingTo("1.00");
    JsonNode change = o.get("change");
    assertThat(change.get("conversions").asDouble()).isCloseTo(1.0, within(1e-12));
    assertThat(change.get("revenue").asDouble()).isCloseTo(6.0, within(1e-12));
    assertThat(change.get("spend").asDouble()).isCloseTo(4.0, within(1e-12));
    assertThat(change.get("roas").asDouble()).isCloseTo(0.4, within(1e-12));
  }

  @Test
  void theOverviewListsEveryDayOfTheRangeWithZerosOnQuietDays() {
    JsonNode days = api.post("/analytics/overview", "{" + MAY + "}", 200).get("daily");

    assertThat(days).hasSize(4);
    assertThat(days.get(0).get("date").asString()).isEqualTo("2091-05-01");
    assertThat(days.get(0).get("journeys").asLong()).isZero();
    assertThat(days.get(0).get("revenue").decimalValue()).isEqualByComparingTo("0");
    assertThat(days.get(1).get("journeys").asLong()).isEqualTo(2);
    assertThat(days.get(1).get("conversions").asLong()).isEqualTo(1);
    assertThat(days.get(1).get("revenue").decimalValue()).isEqualByComparingTo("100.00");
    assertThat(days.get(1).get("spend").decimalValue()).isEqualByComparingTo("3.00");
    assertThat(days.get(3).get("revenue").decimalValue()).isEqualByComparingTo("40.00");
    assertThat(days.get(3).get("spend").decimalValue()).isEqualByComparingTo("2.00");
  }

  @Test
  void theOverviewWithoutAPreviousPeriodHasNoChange() {
    JsonNode o = api.post("/analytics/overview", "{\"start_date\":\"2091-04-28\",\"end_date\":\"2091-04-30\"}", 200);

    assertThat(o.get("previous").get("journeys").asLong()).isZero();
    assertThat(o.get("previous").get("roas").isNull()).isTrue();
    assertThat(o.get("change").get("revenue").isNull()).isTrue();
  }

  @Test
  void theOverviewCountsWholeDaysOnly() {
    Api.Answer partial = api.post("/analytics/overview",
        "{\"start_date\":\"2091-05-01T12:00:00Z\",\"end_date\":\"2091-05-04\"}");
    assertThat(partial.status()).isEqualTo(400);
    assertThat(partial.body().get("errors").get(0).get("field").asString()).isEqualTo("start_date");

    Api.Answer tooLong = api.post("/analytics/overview", "{\"start_date\":\"2000-01-01\",\"end_date\":\"2091-05-04\"}");
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.body().get("errors").get(0).get("field").asString()).isEqualTo("end_date");

    Api.Answer missing = api.post("/analytics/overview", "{\"start_date\":\"2091-05-01\"}");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.body().get("errors").get(0).get("field").asString()).isEqualTo("end_date");
  }

  @Test
  void theMarkovChainHasEveryTransitionAndRemovalEffectOfTheWorkedExample() {
    JsonNode chain = api.get("/models/7/markov-chain", 200);

    assertThat(chain.get("order").asInt()).isEqualTo(1);
    assertThat(chain.get("states").toString())
        .isEqualTo("[\"(start)\",\"Email\",\"Paid Search\",\"(conversion)\",\"(null)\"]");
    assertThat(probability(chain, "(start)", "Paid Search")).isCloseTo(0.75, within(1e-9));
    assertThat(probability(chain, "(start)", "Email")).isCloseTo(0.25, within(1e-9));
    assertThat(probability(chain, "Paid Search", "Email")).isCloseTo(1.0 / 3, within(1e-9));
    assertThat(probability(chain, "Paid Search", "(conversion)")).isCloseTo(2.0 / 3, within(1e-9));
    assertThat(probability(chain, "Email", "(conversion)")).isCloseTo(0.5, within(1e-9));
    assertThat(probability(chain, "Email", "(null)")).isCloseTo(0.5, within(1e-9));
    assertThat(chain.get("conversion_probability").asDouble()).isCloseTo(0.75, within(1e-9));
    assertThat(removalEffect(chain, PAID_SEARCH)).isCloseTo(5.0 / 6, within(1e-9));
    assertThat(removalEffect(chain, EMAIL)).isCloseTo(1.0 / 3, within(1e-9));
  }

  @Test
  void aModelThatIsNoMarkovChainHasNoChain() {
    assertThat(api.get("/models/3/markov-chain").status()).isEqualTo(409);
    assertThat(api.get("/models/9999/markov-chain").status()).isEqualTo(404);
  }

  @Test
  void journeysAreFoundByAChannelTheyTouched() {
    JsonNode email = api.get("/journeys?channel_id=" + EMAIL + "&start_date=2091-04-01&end_date=2091-05-31", 200);
    assertThat(email.get("total_items").asLong()).isEqualTo(2);
    assertThat(ids(email)).containsExactly(id(0), id(1));

    JsonNode paidConverting = api.get("/journeys?channel_id=" + PAID_SEARCH
        + "&has_conversion=true&start_date=2091-05-01&end_date=2091-05-31", 200);
    assertThat(ids(paidConverting)).containsExactly(id(0), id(2));
  }

  @Test
  void topPathsKeepThePathLengthsAsked() {
    JsonNode two = paths(",\"min_length\":2");
    assertThat(two).hasSize(1);
    assertThat(two.get(0).get("path").toString()).isEqualTo("[\"Paid Search\",\"Email\"]");

    JsonNode one = paths(",\"max_length\":1");
    assertThat(one).hasSize(1);
    assertThat(one.get(0).get("path").toString()).isEqualTo("[\"Paid Search\"]");
    assertThat(one.get(0).get("conversions").asLong()).isEqualTo(2);

    Api.Answer crossed = api.post("/analytics/top-paths", "{" + SPRING + ",\"min_length\":3,\"max_length\":2}");
    assertThat(crossed.status()).isEqualTo(400);
    assertThat(crossed.body().get("errors").get(0).get("field").asString()).isEqualTo("max_length");
  }

  @Test
  void topPathsListNonConvertingPathsOnDemandMostTravelledFirst() {
    JsonNode converting = paths("");
    assertThat(converting).hasSize(2);

    JsonNode all = paths(",\"include_non_converting\":true");
    assertThat(all).hasSize(3);
    assertThat(all.get(0).get("path").toString()).isEqualTo("[\"Paid Search\"]");
    assertThat(all.get(1).get("path").toString()).isEqualTo("[\"Paid Search\",\"Email\"]");
    JsonNode lost = all.get(2);
    assertThat(lost.get("path").toString()).isEqualTo("[\"Email\"]");
    assertThat(lost.get("journeys").asLong()).isEqualTo(1);
    assertThat(lost.get("conversion_rate").asDouble()).isZero();
    assertThat(lost.get("avg_days_to_conversion").isNull()).isTrue();
  }

  @Test
  void reportsCreditEveryTouchUnlessFilteredAndWithoutDirectOnRequest() {
    assertThat(linearRevenue("")).containsExactly("45.00", "45.00");
    assertThat(linearRevenue(",\"exclude_direct\":true")).containsExactly("90.00", "0.00");
  }

  @Test
  void aLookbackLeavesOutTouchesLongerBeforeTheirConversion() {
    // Direct came 9 days before the purchase, Paid Search 1 day before.
    assertThat(linearRevenue(",\"lookback_days\":5")).containsExactly("90.00", "0.00");
    assertThat(linearRevenue(",\"lookback_days\":9")).containsExactly("45.00", "45.00");
    JsonNode compared = api.post("/analytics/model-comparison", "{" + JANUARY + ",\"model_ids\":[1,2],"
        + "\"channel_ids\":[" + PAID_SEARCH + "," + DIRECT + "],\"lookback_days\":5}", 200);
    // First touch is now Paid Search too.
    assertThat(compared.get("channels").get(0).get("values").get(0).get("attributed_revenue").decimalValue())
        .isEqualByComparingTo("90.00");
  }

  @Test
  void aBadLookbackIsRefused() {
    Api.Answer zero = api.post("/analytics/channel-roi", "{" + JANUARY + ",\"attribution_model_id\":3,"
        + "\"lookback_days\":0}");
    assertThat(zero.status()).isEqualTo(400);
    assertThat(zero.body().get("errors").get(0).get("field").asString()).isEqualTo("lookback_days");
  }

  /** The paths of April and May with extra request fields. */
  private JsonNode paths(String extra) {
    return api.post("/analytics/top-paths", "{" + SPRING + extra + "}", 200).get("paths");
  }

  /** Linear revenue of Paid Search and Direct in January with extra request fields. */
  private List<String> linearRevenue(String extra) {
    JsonNode rows = api.post("/analytics/channel-roi", "{" + JANUARY + ",\"attribution_model_id\":3,"
        + "\"channel_ids\":[" + PAID_SEARCH + "," + DIRECT + "]" + extra + "}", 200);
    List<String> revenue = new ArrayList<>();
    rows.forEach(row -> revenue.add(row.get("attributed_revenue").decimalValue().setScale(2).toPlainString()));
    return revenue;
  }

  private static List<Long> ids(JsonNode page) {
    List<Long> ids = new ArrayList<>();
    page.get("items").forEach(item -> ids.add(item.get("id").asLong()));
    return ids;
  }
}
