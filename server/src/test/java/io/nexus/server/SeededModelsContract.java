package io.nexus.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.nexus.server.support.Api;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every seeded model, by id, credits one journey as worked out by hand, through the API and the real database;
 * subclasses run it on H2 and on PostgreSQL, each in a fresh database of its own.
 *
 * <p>The data-driven models learn from the journeys of their 90-day training window, which ends at the latest
 * journey: the worked example's journeys, in June 2030, are the latest in the database and the only ones in their
 * window. The other tests keep to years long before, so whatever order the tests run in, the training set is exactly
 * the four journeys below.
 */
@SpringBootTest
@AutoConfigureMockMvc
abstract class SeededModelsContract {
  // The seeded channel catalogue (V2 migration): GA4's default channel groups.
  private static final long PAID_SEARCH = 1;
  private static final long EMAIL = 3;
  private static final long DISPLAY = 4;
  private static final long ORGANIC_SEARCH = 5;
  private static final long DIRECT = 7;
  private static final double EXACT = 1e-12;

  @Autowired
  MockMvc mvc;
  @Autowired
  JsonMapper json;

  Api api;

  @BeforeEach
  void client() {
    api = new Api(mvc, json);
  }

  /** The expected credit fraction and attributed revenue of one channel. */
  private record Share(double credit, String revenue) {}

  private static Map<Long, Share> shares(double paidSearch, String paidSearchRevenue, double email,
      String emailRevenue, double organicSearch, String organicSearchRevenue, double direct, String directRevenue) {
    Map<Long, Share> shares = new LinkedHashMap<>();
    shares.put(PAID_SEARCH, new Share(paidSearch, paidSearchRevenue));
    shares.put(EMAIL, new Share(email, emailRevenue));
    shares.put(ORGANIC_SEARCH, new Share(organicSearch, organicSearchRevenue));
    shares.put(DIRECT, new Share(direct, directRevenue));
    return shares;
  }

  private static void assertCredits(JsonNode result, Map<Long, Share> expected) {
    JsonNode attributions = result.get("attributions");
    assertThat(attributions).as("model %s", result.get("model_id")).hasSize(expected.size());
    int k = 0;
    for (Map.Entry<Long, Share> channel : expected.entrySet()) {
      JsonNode a = attributions.get(k++);
      String what = "model " + result.get("model_id") + ", channel " + channel.getKey();
      assertThat(a.get("channel_id").asLong()).as(what).isEqualTo(channel.getKey());
      assertThat(a.get("credit").asDouble()).as(what).isCloseTo(channel.getValue().credit(), within(EXACT));
      assertThat(a.get("attributed_revenue").decimalValue()).as(what)
          .isEqualByComparingTo(channel.getValue().revenue());
    }
  }

  @Test
  void everySeededModelCreditsTheWorkedExampleAsWorkedOutByHand() {
    // The journey every model credits: Paid Search (day 1, a click), Email (day 3), Organic Search (day 6, a lead:
    // W-shaped's milestone), Direct (day 9), then a purchase of 168.00 on day 10. 168 = 840 cents × 20 splits into
    // whole cents by every fraction below (sixths, eighths, tenths, 24ths, sevenths).
    long reference = api.journey("worked-example", "2030-06-01T00:00:00Z");
    api.touch(reference, PAID_SEARCH, "click", "2030-06-01T00:00:00Z", "0");
    api.touch(reference, EMAIL, "visit", "2030-06-03T00:00:00Z", "0");
    api.touch(reference, ORGANIC_SEARCH, "lead", "2030-06-06T00:00:00Z", "0");
    api.touch(reference, DIRECT, "visit", "2030-06-09T00:00:00Z", "0");
    api.purchase(reference, "2030-06-10T00:00:00Z", "168.00");
    // The rest of the training window: Email > Organic Search > Direct once converting and once not, and
    // Paid Search > Direct not converting. With the reference journey (PS > E > OS > D converting) these four
    // journeys are all the data-driven models learn from.
    path("2030-06-02", true, EMAIL, ORGANIC_SEARCH, DIRECT);
    path("2030-06-02", false, EMAIL, ORGANIC_SEARCH, DIRECT);
    path("2030-06-02", false, PAID_SEARCH, DIRECT);

    // 1 first touch: everything to Paid Search.
    assertCredits(calculate(reference, 1), shares(1, "168.00", 0, "0", 0, "0", 0, "0"));
    // 2 last touch: everything to Direct.
    assertCredits(calculate(reference, 2), shares(0, "0", 0, "0", 0, "0", 1, "168.00"));
    // 3 linear: a quarter each, 168 / 4 = 42.
    assertCredits(calculate(reference, 3), shares(0.25, "42.00", 0.25, "42.00", 0.25, "42.00", 0.25, "42.00"));
    // 4 time decay, half-life 7 days: touches 9, 7, 4 and 1 days before the purchase weigh 2^(-9/7) = 0.41017,
    // 2^(-7/7) = 0.5, 2^(-4/7) = 0.67295 and 2^(-1/7) = 0.90572 (sum 2.48884): shares 0.16480, 0.20090, 0.27039,
    // 0.36391; of 168: 27.687, 33.751, 45.425, 61.138, in cents 27.68 + 33.75 + 45.42 + 61.13 = 167.98 and the two
    // cents left go to the largest remainders (Direct .0075, Paid Search .0068).
    double[] decay = {Math.pow(2, -9.0 / 7), Math.pow(2, -7.0 / 7), Math.pow(2, -4.0 / 7), Math.pow(2, -1.0 / 7)};
    double decaySum = decay[0] + decay[1] + decay[2] + decay[3];
    assertCredits(calculate(reference, 4), shares(decay[0] / decaySum, "27.69", decay[1] / decaySum, "33.75",
        decay[2] / decaySum, "45.42", decay[3] / decaySum, "61.14"));
    // 5 position based (U-shaped) 40/20/40 over four touches: 0.4, 0.1, 0.1, 0.4.
    assertCredits(calculate(reference, 5), shares(0.4, "67.20", 0.1, "16.80", 0.1, "16.80", 0.4, "67.20"));
    // 6 data-driven (AI) needs an AI provider, which is not configured.
    assertThat(api.post("/calculate/" + reference + "/6", "", 503).get("detail").asString())
        .contains("AI provider not configured");
    // 7 Markov order 1. Transitions (weights of conversions plus nulls): start → PS 2, → E 2; PS → E 1, → D 1;
    // E → OS 3; OS → D 3; D → conversion 2, → null 2. P(conversion) from D 1/2, OS 1/2, E 1/2, PS 1/2, start 1/2.
    // Removing PS: start → PS is lost, start = 1/2 · 1/2 = 1/4, effect 1 − (1/4)/(1/2) = 1/2. Removing E: PS = 1/2 ·
    // 1/2 = 1/4, start = 1/2 · 1/4 = 1/8, effect 3/4; removing OS likewise 3/4; removing D: nothing converts, 1.
    // The journey splits by effect: 1/2, 3/4, 3/4, 1 over 3 = 1/6, 1/4, 1/4, 1/3.
    assertCredits(calculate(reference, 7), shares(1.0 / 6, "28.00", 0.25, "42.00", 0.25, "42.00", 1.0 / 3, "56.00"));
    // 8 Shapley. Worth of a channel set = conversion rate of the journeys with exactly that set: {PS,E,OS,D} 1,
    // {E,OS,D} 1/2, {PS,D} 0, any other 0. Weights for coalitions of 0..3 others: 1/4, 1/12, 1/12, 1/4.
    // PS: joins {E,OS,D} (1/4 · (1 − 1/2)) = 1/8. E: joins {OS,D} (1/12 · 1/2) and {PS,OS,D} (1/4 · 1) = 7/24;
    // OS and D likewise 7/24 each. 1/8 + 3 · 7/24 = 1.
    assertCredits(calculate(reference, 8),
        shares(1.0 / 8, "21.00", 7.0 / 24, "49.00", 7.0 / 24, "49.00", 7.0 / 24, "49.00"));
    // 9 last non-direct: Direct is skipped, Organic Search takes everything.
    assertCredits(calculate(reference, 9), shares(0, "0", 0, "0", 1, "168.00", 0, "0"));
    // 10 J-shaped 20/20/60: 0.2, 0.1, 0.1, 0.6.
    assertCredits(calculate(reference, 10), shares(0.2, "33.60", 0.1, "16.80", 0.1, "16.80", 0.6, "100.80"));
    // 11 inverse J 60/20/20: 0.6, 0.1, 0.1, 0.2.
    assertCredits(calculate(reference, 11), shares(0.6, "100.80", 0.1, "16.80", 0.1, "16.80", 0.2, "33.60"));
    // 12 W-shaped: 30% first (PS), 30% the lead (OS), 30% last (D), the 10% rest to Email.
    assertCredits(calculate(reference, 12), shares(0.3, "50.40", 0.1, "16.80", 0.3, "50.40", 0.3, "50.40"));
    // 13 participation: every channel took part in the whole purchase (not additive).
    JsonNode participation = calculate(reference, 13);
    assertThat(participation.get("additive").asBoolean()).isFalse();
    assertCredits(participation, shares(1, "168.00", 1, "168.00", 1, "168.00", 1, "168.00"));
    // 14 counterfactual (fractribution): P(PS>E>OS>D) = 1; without PS the path E>OS>D converts 1/2, so PS adds 1/2;
    // without E, OS or D the path was never seen (rate 0), so each adds 1. 1/2, 1, 1, 1 over 3.5 = 1/7, 2/7, 2/7, 2/7.
    assertCredits(calculate(reference, 14),
        shares(1.0 / 7, "24.00", 2.0 / 7, "48.00", 2.0 / 7, "48.00", 2.0 / 7, "48.00"));
    // 15 Markov order 2: states (PS,E) → (E,OS) → (OS,D) → conversion; (E,OS) → (OS,D) twice more (one converting);
    // (PS,D) → null. start → (PS,E) 1/4, (E,OS) 1/2, (PS,D) 1/4; (OS,D) converts 2/3; P = 3/4 · 2/3 = 1/2.
    // Removing PS drops (PS,E) and (PS,D): P = 1/2 · 2/3 = 1/3, effect 1/3; removing E, OS or D leaves nothing: 1.
    // 1/3, 1, 1, 1 over 10/3 = 1/10, 3/10, 3/10, 3/10.
    assertCredits(calculate(reference, 15), shares(0.1, "16.80", 0.3, "50.40", 0.3, "50.40", 0.3, "50.40"));
  }

  @Test
  void directIsTheChannelTypeWhateverTheChannelIsCalled() {
    api.put("/channels/" + DIRECT, "{\"name\":\"Typed-in traffic\"}");
    long namedDirect = api.post("/channels", "{\"name\":\"Direct\",\"channel_type\":\"referral\"}", 201).get("id")
        .asLong();
    long j = api.journey("renamed-direct", "2005-01-01T00:00:00Z");
    api.touch(j, PAID_SEARCH, "click", "2005-01-01T00:00:00Z", "0");
    api.touch(j, namedDirect, "visit", "2005-01-02T00:00:00Z", "0");
    api.touch(j, DIRECT, "visit", "2005-01-03T00:00:00Z", "0");
    api.purchase(j, "2005-01-04T00:00:00Z", "80.00");
    // Last non-direct skips channel 7, direct traffic under another name, and credits the referral called "Direct".
    JsonNode result = calculate(j, 9);
    JsonNode attributions = result.get("attributions");
    assertThat(attributions.get(1).get("channel_id").asLong()).isEqualTo(namedDirect);
    assertThat(attributions.get(1).get("channel_name").asString()).isEqualTo("Direct");
    assertThat(attributions.get(1).get("attributed_revenue").decimalValue()).isEqualByComparingTo("80.00");
    assertThat(attributions.get(2).get("channel_name").asString()).isEqualTo("Typed-in traffic");
    assertThat(attributions.get(2).get("credit").asDouble()).isZero();
  }

  @Test
  void aTouchAfterTheConversionGetsNoCredit() {
    long j = api.journey("late-touch", "2003-01-01T00:00:00Z");
    api.touch(j, PAID_SEARCH, "click", "2003-01-01T00:00:00Z", "0");
    api.touch(j, EMAIL, "visit", "2003-01-02T00:00:00Z", "0");
    api.purchase(j, "2003-01-03T00:00:00Z", "100.00");
    api.touch(j, DISPLAY, "impression", "2003-01-04T00:00:00Z", "0");
    JsonNode touches = api.get("/journeys/" + j + "/visualization?model_id=3", 200).get("touchpoints");
    assertThat(touches).hasSize(3);
    assertThat(touches.get(0).get("credit").asDouble()).isEqualTo(0.5);
    assertThat(touches.get(1).get("attributed_revenue").decimalValue()).isEqualByComparingTo("50.00");
    assertThat(touches.get(2).get("channel_id").asLong()).isEqualTo(DISPLAY);
    assertThat(touches.get(2).get("credit").asDouble()).isZero();
    assertThat(touches.get(2).get("attributed_revenue").decimalValue()).isEqualByComparingTo("0");
    assertThat(touches.get(2).get("minutes_to_conversion").isNull()).isTrue();
    JsonNode result = calculate(j, 3);
    assertThat(result.get("attributions").get(2).get("attributed_revenue").decimalValue()).isEqualByComparingTo("0");
    assertThat(result.get("conversion_value").decimalValue()).isEqualByComparingTo("100.00");
  }

  @Test
  void eachConversionIsCreditedFromTheTouchesBeforeIt() {
    long j = api.journey("two-purchases", "2004-01-01T00:00:00Z");
    api.touch(j, PAID_SEARCH, "click", "2004-01-01T00:00:00Z", "0");
    api.purchase(j, "2004-01-02T00:00:00Z", "100.00");
    api.touch(j, EMAIL, "visit", "2004-01-03T00:00:00Z", "0");
    api.purchase(j, "2004-01-04T00:00:00Z", "50.00");
    // Linear: the first purchase is Paid Search's alone (100); the second is split 25/25.
    JsonNode result = calculate(j, 3);
    assertThat(result.get("attributions").get(0).get("attributed_revenue").decimalValue())
        .isEqualByComparingTo("125.00");
    assertThat(result.get("attributions").get(1).get("attributed_revenue").decimalValue())
        .isEqualByComparingTo("25.00");
    assertThat(result.get("attributions").get(0).get("attributed_conversions").asDouble()).isEqualTo(1.5);
    assertThat(result.get("conversions").asInt()).isEqualTo(2);
  }

  @Test
  void aConversionBeforeEveryTouchIsCreditedToNobodyAndTheAnswerSaysSo() {
    long j = api.journey("early-purchase", "2002-01-01T00:00:00Z");
    api.purchase(j, "2002-01-01T00:00:00Z", "30.00");
    api.touch(j, PAID_SEARCH, "click", "2002-01-02T00:00:00Z", "0");
    api.purchase(j, "2002-01-03T00:00:00Z", "70.00");
    JsonNode result = calculate(j, 1);
    assertThat(result.get("conversion_value").decimalValue()).isEqualByComparingTo("70.00");
    assertThat(result.get("conversions").asInt()).isEqualTo(1);
    assertThat(result.get("uncredited_conversions").asInt()).isEqualTo(1);
    assertThat(result.get("uncredited_value").decimalValue()).isEqualByComparingTo("30.00");
    assertThat(result.get("attributions").get(0).get("attributed_revenue").decimalValue())
        .isEqualByComparingTo("70.00");

    long nothingBefore = api.journey("only-early-purchase", "2001-01-01T00:00:00Z");
    api.purchase(nothingBefore, "2001-01-01T00:00:00Z", "30.00");
    api.touch(nothingBefore, PAID_SEARCH, "click", "2001-01-02T00:00:00Z", "0");
    JsonNode problem = api.post("/calculate/" + nothingBefore + "/1", "", 422);
    assertThat(problem.get("detail").asString()).contains("no touchpoint at or before a conversion");
    assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("journey_id");
  }

  private JsonNode calculate(long journey, long model) {
    return api.post("/calculate/" + journey + "/" + model + "?use_cache=false", "", 200);
  }

  /** A journey of one touch an hour on {@code channels} from midnight of {@code day}, converting (10.00) or not. */
  private void path(String day, boolean converts, long... channels) {
    long j = api.journey("training-" + System.nanoTime(), day + "T00:00:00Z");
    for (int i = 0; i < channels.length; i++) {
      api.touch(j, channels[i], "visit", day + "T0" + i + ":00:00Z", "0");
    }
    if (converts) {
      api.purchase(j, day + "T09:00:00Z", "10.00");
    }
  }
}
