package io.nexus.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.nexus.server.support.Api;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lift tests and calibrated credit, end to end on H2 and on PostgreSQL. Each test makes its own channel and year, so
 * that tests never share a calibration.
 */
@SpringBootTest
@AutoConfigureMockMvc
abstract class CalibrationContract {
  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  /** z of a two-sided 90 % interval. */
  private static final double Z90 = 1.6448536270;

  @Autowired
  MockMvc mvc;
  @Autowired
  JsonMapper json;

  Api api;

  @BeforeEach
  void client() {
    api = new Api(mvc, json);
  }

  /** A channel with {@code journeys} single-touch journeys of one 50.00 purchase each, in January of {@code year}. */
  private long channelWithConversions(int year, int journeys) {
    long channel = api.channel("Lift " + System.nanoTime() + "-" + SEQUENCE.incrementAndGet(), "1");
    for (int i = 0; i < journeys; i++) {
      String day = year + "-01-" + String.format("%02d", 1 + i % 28);
      long j = api.journey("lift-" + channel + "-" + i, day + "T10:00:00Z");
      api.touch(j, channel, "click", day + "T10:00:00Z", "5");
      api.purchase(j, day + "T11:00:00Z", "50");
    }
    return channel;
  }

  private JsonNode roiRow(long channel, int year, boolean calibrated) {
    return api.post("/analytics/channel-roi", "{\"channel_ids\":[" + channel + "],\"start_date\":\"" + year
        + "-01-01\",\"end_date\":\"" + year + "-01-31\",\"attribution_model_id\":1,\"calibrated\":" + calibrated
        + "}", 200).get(0);
  }

  private String liftTest(long channel, int year, String measure) {
    return "{\"channel_id\":" + channel + ",\"name\":\"geo holdout\",\"start_date\":\"" + year
        + "-01-01\",\"end_date\":\"" + year + "-01-31\"," + measure + "}";
  }

  @Test
  void aStoredLiftTestIsListedFoundAndDeleted() {
    long channel = api.channel("Lift stored " + System.nanoTime(), "1");

    JsonNode created = api.post("/calibration/lift-tests", liftTest(channel, 2070,
        "\"incremental_conversions\":120.5,\"confidence_interval\":[80,161],\"confidence_level\":0.95"), 201);

    assertThat(created.get("channel_id").asLong()).isEqualTo(channel);
    assertThat(created.get("start_date").asString()).isEqualTo("2070-01-01");
    assertThat(created.get("incremental_conversions").decimalValue()).isEqualByComparingTo("120.5");
    assertThat(created.get("lift").isNull()).isTrue();
    assertThat(created.get("confidence_interval").get(1).decimalValue()).isEqualByComparingTo("161");
    long id = created.get("id").asLong();
    assertThat(api.get("/calibration/lift-tests?channel_id=" + channel, 200)).hasSize(1);
    assertThat(api.get("/calibration/lift-tests/" + id, 200).get("confidence_level").decimalValue())
        .isEqualByComparingTo("0.95");
    assertThat(api.delete("/calibration/lift-tests/" + id).status()).isEqualTo(204);
    assertThat(api.get("/calibration/lift-tests/" + id).status()).isEqualTo(404);
    assertThat(api.delete("/calibration/lift-tests/" + id).status()).isEqualTo(404);
  }

  @Test
  void aLiftTestMustNameAnExistingChannelOneMeasureAndAnIntervalHoldingIt() {
    long channel = api.channel("Lift refused " + System.nanoTime(), "1");

    assertThat(api.post("/calibration/lift-tests", liftTest(987654, 2070,
        "\"lift\":0.5,\"confidence_interval\":[0.2,0.8]"), 422).get("errors").get(0).get("field").asString())
        .isEqualTo("channel_id");
    assertThat(api.post("/calibration/lift-tests", liftTest(channel, 2070,
        "\"lift\":0.5,\"incremental_conversions\":3,\"confidence_interval\":[0.2,0.8]"), 422).get("errors")
        .get(0).get("field").asString()).isEqualTo("incremental_conversions");
    assertThat(api.post("/calibration/lift-tests", liftTest(channel, 2070,
        "\"lift\":0.9,\"confidence_interval\":[0.2,0.8]"), 422).get("errors").get(0).get("reason").asString())
        .isEqualTo("must hold the measured lift 0.9");
    assertThat(api.post("/calibration/lift-tests", "{\"channel_id\":" + channel + ",\"start_date\":\"2070-02-01\","
        + "\"end_date\":\"2070-01-01\",\"lift\":0.5,\"confidence_interval\":[0.2,0.8]}", 422).get("errors").get(0)
        .get("field").asString()).isEqualTo("end_date");
    assertThat(api.post("/calibration/lift-tests", liftTest(channel, 2070, "\"lift\":0.5"), 400).get("errors")
        .toString()).contains("confidence_interval");
    assertThat(api.get("/calibration/lift-tests?channel_id=" + channel, 200)).isEmpty();
  }

  @Test
  void channelRoiShowsTheCalibratedCreditBesideTheModelsOwnAndLabelsIt() {
    long channel = channelWithConversions(2071, 10);
    api.post("/calibration/lift-tests", liftTest(channel, 2071,
        "\"incremental_conversions\":6,\"confidence_interval\":[4,8],\"confidence_level\":0.9"), 201);

    JsonNode row = roiRow(channel, 2071, true);

    // Raw factor 6/10; its standard error (8 − 4)/(2 z₀.₉₅)/10; shrunk towards 1 with the prior's 0.5.
    double error = 4 / (2 * Z90) / 10;
    double weight = 0.25 / (0.25 + error * error);
    double factor = 1 + weight * (0.6 - 1);
    assertThat(row.get("attributed_revenue").decimalValue()).isEqualByComparingTo("500");
    assertThat(row.get("attributed_conversions").asDouble()).isEqualTo(10);
    JsonNode calibration = row.get("calibration");
    assertThat(calibration.get("calibrated").asBoolean()).isTrue();
    assertThat(calibration.get("raw_factor").asDouble()).isCloseTo(0.6, within(1e-12));
    assertThat(calibration.get("factor").asDouble()).isCloseTo(factor, within(1e-9));
    assertThat(calibration.get("attributed_conversions").asDouble()).isCloseTo(10 * factor, within(1e-9));
    assertThat(calibration.get("attributed_revenue").decimalValue().doubleValue())
        .isCloseTo(500 * factor, within(0.005));
    assertThat(roiRow(channel, 2071, false).has("calibration")).isFalse();
  }

  @Test
  void severalTestsOfAChannelArePooledByPrecision() {
    long channel = channelWithConversions(2072, 10);
    api.post("/calibration/lift-tests", liftTest(channel, 2072, "\"lift\":0.5,\"confidence_interval\":[0.4,0.6]"),
        201);
    api.post("/calibration/lift-tests", liftTest(channel, 2072, "\"lift\":0.8,\"confidence_interval\":[0.6,1.0]"),
        201);

    JsonNode factors = api.get("/calibration/factors?attribution_model_id=1", 200);

    JsonNode mine = null;
    for (JsonNode f : factors) {
      if (f.get("channel_id").asLong() == channel) {
        mine = f;
      }
    }
    double first = 0.1 / Z90;
    double second = 0.2 / Z90;
    double pooled = (0.5 / (first * first) + 0.8 / (second * second)) / (1 / (first * first) + 1 / (second * second));
    assertThat(mine.get("raw_factor").asDouble()).isCloseTo(pooled, within(1e-9));
    assertThat(mine.get("tests")).hasSize(2);
    assertThat(roiRow(channel, 2072, true).get("calibration").get("lift_test_ids")).hasSize(2);
  }

  @Test
  void aTestOverDaysTheModelCreditsNothingIsShownButNotApplied() {
    long channel = channelWithConversions(2073, 3);
    api.post("/calibration/lift-tests", liftTest(channel, 2074,
        "\"incremental_conversions\":2,\"confidence_interval\":[1,3]"), 201);

    JsonNode row = roiRow(channel, 2073, true);

    assertThat(row.get("calibration").get("calibrated").asBoolean()).isFalse();
    assertThat(row.get("calibration").get("factor").asDouble()).isEqualTo(1);
    assertThat(row.get("calibration").get("attributed_revenue").decimalValue()).isEqualByComparingTo("150");
    JsonNode factors = api.get("/calibration/factors?attribution_model_id=1", 200);
    String all = factors.toString();
    assertThat(all).contains("the model credits the channel with no conversions over the test's days");
  }
}
