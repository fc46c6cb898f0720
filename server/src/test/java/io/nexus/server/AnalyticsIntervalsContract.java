package io.nexus.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.nexus.server.support.Api;
import java.math.BigDecimal;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
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
 * Bootstrap intervals in the reports ({@code "intervals": true}), end to end through the real database: subclasses
 * run every behaviour on H2 and on PostgreSQL. All journeys are in 2090, so the Markov model's training window (90
 * days up to the latest journey) holds exactly the journeys these tests make.
 */
@SpringBootTest(properties = "spring.datasource.hikari.maximum-pool-size=2")
@AutoConfigureMockMvc
// The database server is shared and its connections are few: this context's pool is closed when the class is done.
@DirtiesContext(classMode = ClassMode.AFTER_CLASS)
abstract class AnalyticsIntervalsContract {
  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  // Each subclass has a database of its own, filled once by its first test.
  private static final Set<Class<?>> FILLED = ConcurrentHashMap.newKeySet();
  private static final long PAID_SEARCH = 1;
  private static final long EMAIL = 3;
  private static final long LINEAR = 3;
  private static final long MARKOV = 7;
  private static final String RANGE = "\"start_date\":\"2090-01-01\",\"end_date\":\"2090-12-31\"";

  @Autowired
  MockMvc mvc;
  @Autowired
  JsonMapper json;
  @Autowired
  MeterRegistry meters;

  Api api;

  @BeforeEach
  void journeys() {
    api = new Api(mvc, json);
    if (!FILLED.add(getClass())) {
      return;
    }
    // 48 journeys over two channels, a third of them lost: enough variety for intervals of some width.
    for (int i = 0; i < 48; i++) {
      String day = String.format("2090-03-%02d", 1 + i % 28);
      long j = api.journey("interval-user-" + SEQUENCE.incrementAndGet(), day + "T08:00:00Z");
      api.touch(j, i % 2 == 0 ? PAID_SEARCH : EMAIL, "click", day + "T09:00:00Z", "2.00");
      if (i % 3 != 0) {
        api.touch(j, i % 4 == 0 ? PAID_SEARCH : EMAIL, "click", day + "T10:00:00Z", "0.50");
      }
      if (i % 3 != 1) {
        api.purchase(j, day + "T11:00:00Z", String.valueOf(20 + 5 * (i % 7)) + ".00");
      }
    }
  }

  @Test
  void channelRoiCarriesIntervalsOfRevenueRoiAndRoasWhenAsked() {
    JsonNode rows = api.post("/analytics/channel-roi", "{\"channel_ids\":[" + PAID_SEARCH + "," + EMAIL + "],"
        + RANGE + ",\"attribution_model_id\":" + LINEAR + ",\"intervals\":true}", 200);

    assertThat(rows).hasSize(2);
    for (JsonNode row : rows) {
      assertWithin(row.get("attributed_revenue_interval"), row.get("attributed_revenue").decimalValue());
      assertWithin(row.get("roi_interval"), row.get("roi").decimalValue());
      assertWithin(row.get("roas_interval"), row.get("roas").decimalValue());
    }
  }

  @Test
  void aMarkovReportOverPartOfItsTrainingWindowHasIntervalsAroundItsOwnNumbers() {
    // The chain learns from all of March and credits the first half only: the report adds up those journeys' credits,
    // which are not the chain's own totals for its training window.
    JsonNode rows = api.post("/analytics/channel-roi", "{\"channel_ids\":[" + PAID_SEARCH + "," + EMAIL + "],"
        + "\"start_date\":\"2090-03-01\",\"end_date\":\"2090-03-14\",\"attribution_model_id\":" + MARKOV
        + ",\"intervals\":true}", 200);

    for (JsonNode row : rows) {
      assertWithin(row.get("attributed_revenue_interval"), row.get("attributed_revenue").decimalValue());
    }
  }

  @Test
  void channelRoiLeavesTheIntervalsOutUnlessAsked() {
    JsonNode rows = api.post("/analytics/channel-roi", "{\"channel_ids\":[" + PAID_SEARCH + "]," + RANGE
        + ",\"attribution_model_id\":" + LINEAR + "}", 200);

    assertThat(rows.get(0).has("attributed_revenue")).isTrue();
    assertThat(rows.get(0).has("attributed_revenue_interval")).isFalse();
    assertThat(rows.get(0).has("roi_interval")).isFalse();
  }

  @Test
  void modelComparisonCarriesIntervalsForRulesAndTheRefittedMarkovChain() {
    JsonNode comparison = api.post("/analytics/model-comparison", "{\"model_ids\":[" + LINEAR + "," + MARKOV + "],"
        + "\"channel_ids\":[" + PAID_SEARCH + "," + EMAIL + "]," + RANGE + ",\"intervals\":true}", 200);

    for (JsonNode channel : comparison.get("channels")) {
      for (JsonNode cell : channel.get("values")) {
        assertWithin(cell.get("attributed_revenue_interval"), cell.get("attributed_revenue").decimalValue());
        JsonNode conversions = cell.get("attributed_conversions_interval");
        assertThat(conversions.get(0).asDouble()).isLessThanOrEqualTo(cell.get("attributed_conversions").asDouble());
        assertThat(conversions.get(1).asDouble()).isGreaterThanOrEqualTo(cell.get("attributed_conversions").asDouble());
        assertThat(cell.get("rank_change_share").asDouble()).isBetween(0.0, 1.0);
      }
    }
  }

  @Test
  void intervalsAreComputedOncePerFitAndRangeAndServeEveryReport() {
    String roi = "{" + RANGE + ",\"attribution_model_id\":" + MARKOV + ",\"intervals\":true}";
    JsonNode first = api.post("/analytics/channel-roi", roi, 200);
    long computed = computations();
    assertThat(computed).as("computed by this request or an earlier one").isPositive();

    api.post("/analytics/model-comparison", "{\"model_ids\":[" + MARKOV + "]," + RANGE + ",\"intervals\":true}", 200);
    JsonNode again = api.post("/analytics/channel-roi", roi.replace("}", ",\"channel_ids\":[]}"), 200);

    assertThat(computations()).isEqualTo(computed);
    assertThat(again).isEqualTo(first);
  }

  private long computations() {
    Timer timer = meters.find("nexus.attribution.intervals").tag("model_type", "markov").timer();
    return timer == null ? 0 : timer.count();
  }

  private static void assertWithin(JsonNode interval, BigDecimal estimate) {
    assertThat(interval).as("interval of %s", estimate).hasSize(2);
    BigDecimal low = interval.get(0).decimalValue();
    BigDecimal high = interval.get(1).decimalValue();
    assertThat(low).isLessThanOrEqualTo(estimate);
    assertThat(high).isGreaterThanOrEqualTo(estimate);
    assertThat(high).isGreaterThan(low);
  }
}
