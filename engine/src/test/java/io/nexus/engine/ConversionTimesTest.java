package io.nexus.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each conversion is credited from the touches at or before its time, whatever the entry point: a single journey
 * credited directly, a batch's totals, per-row credits, and the data-driven models' training.
 */
class ConversionTimesTest {
  private static final double EXACT = 1e-12;
  private static final Instant DAY0 = Instant.parse("2025-03-01T00:00:00Z");

  private static Instant day(double d) {
    return DAY0.plus(Duration.ofMillis(Math.round(d * 86_400_000)));
  }

  /** A journey of events written as {@code "a@1"} (a touch on a at day 1) and {@code "$100@2"} (a purchase). */
  private static Journey journey(String... events) {
    List<Touchpoint> touches = new ArrayList<>();
    List<Conversion> conversions = new ArrayList<>();
    for (String event : events) {
      String what = event.substring(0, event.indexOf('@'));
      Instant at = day(Double.parseDouble(event.substring(event.indexOf('@') + 1)));
      if (what.startsWith("$")) {
        conversions.add(Conversion.of(at, new BigDecimal(what.substring(1))));
      } else {
        touches.add(Touchpoint.of(what, at));
      }
    }
    return new Journey(JourneyId.of(1), "u", touches, conversions);
  }

  private static JourneyCredits credit(String model, Journey journey) {
    return Attribution.credit(Models.create(model).fit(JourneyBatch.of(List.of(journey))), journey);
  }

  @Test
  void aTouchAfterTheConversionEarnsNothing() {
    JourneyCredits credits = credit("linear", journey("a@1", "b@2", "$100.00@3", "c@4"));
    assertThat(credits.touchShares()).containsExactly(0.5, 0.5, 0.0);
    assertThat(credits.get("a").value()).isEqualByComparingTo("50.00");
    assertThat(credits.get("b").value()).isEqualByComparingTo("50.00");
    assertThat(credits.get("c").credit()).isZero();
    assertThat(credits.get("c").value()).isEqualByComparingTo("0");
    assertThat(credits.value()).isEqualByComparingTo("100.00");
  }

  @Test
  void aTouchAtTheConversionInstantCounts() {
    JourneyCredits credits = credit("last_touch", journey("a@1", "b@3", "$100.00@3"));
    assertThat(credits.get("b").value()).isEqualByComparingTo("100.00");
  }

  @Test
  void lastTouchIsTheLastTouchBeforeTheConversion() {
    JourneyCredits credits = credit("last_touch", journey("a@1", "b@2", "$100.00@3", "c@4"));
    assertThat(credits.get("b").value()).isEqualByComparingTo("100.00");
    assertThat(credits.get("c").value()).isEqualByComparingTo("0");
  }

  @Test
  void eachConversionIsCreditedFromTheTouchesUpToIt() {
    // linear: the $100 purchase has only a before it (a 100); the $50 one has a and b (25 each)
    JourneyCredits credits = credit("linear", journey("a@1", "$100.00@2", "b@3", "$50.00@4"));
    assertThat(credits.get("a").value()).isEqualByComparingTo("125.00");
    assertThat(credits.get("b").value()).isEqualByComparingTo("25.00");
    assertThat(credits.get("a").conversions()).isCloseTo(1.5, within(EXACT));
    assertThat(credits.get("b").conversions()).isCloseTo(0.5, within(EXACT));
    assertThat(credits.value()).isEqualByComparingTo("150.00");
    assertThat(credits.conversions()).isEqualTo(2);
  }

  @Test
  void touchSharesWeighEachConversionByItsValue() {
    // a: (100 × 1 + 50 × 1/2) / 150 = 5/6; b: (50 × 1/2) / 150 = 1/6
    JourneyCredits credits = credit("linear", journey("a@1", "$100.00@2", "b@3", "$50.00@4"));
    assertThat(credits.touchShares().get(0)).isCloseTo(5.0 / 6, within(EXACT));
    assertThat(credits.touchShares().get(1)).isCloseTo(1.0 / 6, within(EXACT));
    assertThat(credits.get("a").credit()).isCloseTo(5.0 / 6, within(EXACT));
  }

  @Test
  void touchSharesWeighValuelessConversionsByOneEach() {
    // two sign-ups without value: a (1 + 1/2) / 2 = 3/4, b (1/2) / 2 = 1/4
    JourneyCredits credits = credit("linear", journey("a@1", "$0@2", "b@3", "$0@4"));
    assertThat(credits.touchShares().get(0)).isCloseTo(0.75, within(EXACT));
    assertThat(credits.touchShares().get(1)).isCloseTo(0.25, within(EXACT));
    assertThat(credits.get("a").conversions()).isCloseTo(1.5, within(EXACT));
  }

  @Test
  void aConversionWithoutAnEarlierTouchIsCreditedToNobodyAndSaysSo() {
    JourneyCredits credits = credit("first_touch", journey("$30.00@0", "a@1", "$70.00@2"));
    assertThat(credits.get("a").value()).isEqualByComparingTo("70.00");
    assertThat(credits.value()).isEqualByComparingTo("70.00");
    assertThat(credits.conversions()).isEqualTo(1);
    assertThat(credits.uncredited()).extracting(Conversion::revenue).containsExactly(new BigDecimal("30.00"));
  }

  @Test
  void aJourneyWhoseConversionsPrecedeEveryTouchCreditsNothing() {
    Journey journey = journey("$30.00@0", "a@1");
    JourneyCredits credits = credit("linear", journey);
    assertThat(journey.creditable()).isFalse();
    assertThat(credits.value()).isEqualByComparingTo("0");
    assertThat(credits.conversions()).isZero();
    assertThat(credits.uncredited()).hasSize(1);
    assertThat(credits.get("a").credit()).isZero();
    assertThat(credits.touchShares()).containsExactly(0.0);
  }

  @Test
  void timeDecayMeasuresEachTouchAgainstItsOwnConversion() {
    // half-life 7: the first $100 (day 7) has only a; the second (day 14) weighs a 2^(-14/7) = 1/4 and b 2^0 = 1,
    // so a 20 and b 80 of it. Measured from the last conversion alone a would earn 20% of both: 40.
    JourneyCredits credits = credit("time_decay", journey("a@0", "$100.00@7", "b@14", "$100.00@14"));
    assertThat(credits.get("a").value()).isEqualByComparingTo("120.00");
    assertThat(credits.get("b").value()).isEqualByComparingTo("80.00");
  }

  @Test
  void participationCreditsEachChannelWithTheConversionsItTookPartIn() {
    JourneyCredits credits = credit("participation", journey("a@1", "$100.00@2", "b@3", "$50.00@4"));
    assertThat(credits.get("a").value()).isEqualByComparingTo("150.00");
    assertThat(credits.get("b").value()).isEqualByComparingTo("50.00");
    assertThat(credits.get("b").credit()).isCloseTo(50.0 / 150, within(EXACT));
  }

  @Test
  void aBatchsTotalsAndRowCreditsAgreeWithTheJourneysCredits() {
    Journey journey = journey("a@1", "$100.00@2", "b@3", "$50.00@4", "c@5");
    JourneyBatch batch = JourneyBatch.of(List.of(journey));
    FittedModel model = Models.create("position_based").fit(batch);
    JourneyCredits credits = Attribution.credit(model, journey);
    ChannelTotals totals = Attribution.totals(model, batch);
    List<String> rows = new ArrayList<>();
    Attribution.forEachCredit(model, batch, (row, channel, credit, conversions, value) ->
        rows.add(batch.channels().name(channel) + " " + value));
    for (String channel : List.of("a", "b", "c")) {
      double value = credits.get(channel).value().doubleValue();
      assertThat(totals.value(channel)).as(channel).isCloseTo(value, within(1e-9));
      assertThat(totals.conversions(channel)).as(channel)
          .isCloseTo(credits.get(channel).conversions(), within(EXACT));
    }
    // U-shaped: the $100 path is a alone; the $50 path is a, b at 50/50: a 125, b 25, c nothing
    assertThat(rows).containsExactly("a 125.0", "b 25.0", "c 0.0");
  }

  @Test
  void aJourneyOfSeveralConversionTimesTrainsLikeOneConvertingPathPerTime() {
    // a > [$10] > b > [$20] and a null b > c: Markov learns the paths a (10), a > b (20) and the null b > c
    List<Journey> journeys = List.of(journey("a@1", "$10.00@2", "b@3", "$20.00@4"),
        new Journey(JourneyId.of(2), "v", List.of(Touchpoint.of("b", day(1)), Touchpoint.of("c", day(2))), List.of()));
    JourneyBatch explicit = Fixtures.paths(Fixtures.row("a", 1, 10, 0), Fixtures.row("a > b", 1, 20, 0),
        Fixtures.row("b > c", 0, 0, 1));
    for (String model : List.of("markov", "markov(order=2)", "shapley", "counterfactual")) {
      ChannelTotals fromJourneys = Fixtures.totals(model, JourneyBatch.of(journeys));
      ChannelTotals fromPaths = Fixtures.totals(model, explicit);
      for (String channel : List.of("a", "b", "c")) {
        assertThat(fromJourneys.conversions(channel)).as(model + " " + channel)
            .isCloseTo(fromPaths.conversions(channel), within(EXACT));
        assertThat(fromJourneys.value(channel)).as(model + " " + channel)
            .isCloseTo(fromPaths.value(channel), within(EXACT));
      }
    }
  }

  @Test
  void aJourneyOfOneConversionTimeAfterAllItsTouchesIsOnePath() {
    JourneyBatch batch = JourneyBatch.of(List.of(journey("a@1", "b@2", "$5.00@3", "$7.00@3")));
    assertThat(batch.singlePath(0)).isTrue();
    assertThat(batch.pathConversions(0, 0)).isEqualTo(2);
    assertThat(batch.pathValue(0, 0)).isEqualTo(12);
  }

  @Test
  void aJourneyOfSeveralConversionTimesIsOnePathPerTime() {
    JourneyBatch batch = JourneyBatch.of(List.of(journey("$1.00@0", "a@1", "$10.00@2", "b@3", "$20.00@4", "c@5")));
    assertThat(batch.singlePath(0)).isFalse();
    assertThat(batch.paths(0)).isEqualTo(3);
    assertThat(List.of(batch.pathLength(0, 0), batch.pathLength(0, 1), batch.pathLength(0, 2))).containsExactly(0, 1,
        2);
    assertThat(batch.pathValue(0, 2)).isEqualTo(20);
    assertThat(batch.conversions(0)).isEqualTo(3);
  }
}
