package io.nexus.engine.rules;

import static io.nexus.engine.Fixtures.T0;
import static io.nexus.engine.Fixtures.fit;
import static io.nexus.engine.Fixtures.journey;
import static io.nexus.engine.Fixtures.paths;
import static io.nexus.engine.Fixtures.row;
import static io.nexus.engine.Fixtures.shares;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.nexus.engine.Attribution;
import io.nexus.engine.Channel;
import io.nexus.engine.Conversion;
import io.nexus.engine.FittedModel;
import io.nexus.engine.Fixtures;
import io.nexus.engine.InvalidModelException;
import io.nexus.engine.Journey;
import io.nexus.engine.JourneyBatch;
import io.nexus.engine.JourneyCredits;
import io.nexus.engine.JourneyId;
import io.nexus.engine.Models;
import io.nexus.engine.Touchpoint;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleModelsTest {
  private static final double EXACT = 1e-12;
  private static final JourneyBatch SIX = paths(row("a > b > c > d > e > f", 1, 0));

  @Test
  void firstTouchCreditsTheFirstTouch() {
    assertThat(shares(fit("first_touch", SIX), SIX, 0)).containsExactly(1, 0, 0, 0, 0, 0);
  }

  @Test
  void lastTouchCreditsTheLastTouch() {
    assertThat(shares(fit("last_touch", SIX), SIX, 0)).containsExactly(0, 0, 0, 0, 0, 1);
  }

  @Test
  void linearGivesEveryTouchAnEqualShare() {
    assertThat(shares(fit("linear", SIX), SIX, 0)).containsOnly(1.0 / 6);
  }

  @Test
  void lastNonDirectSkipsTrailingDirectTouches() {
    JourneyBatch batch = paths(row("email > Direct > direct", 1, 0));
    assertThat(shares(fit("last_non_direct", batch), batch, 0)).containsExactly(1, 0, 0);
  }

  @Test
  void lastNonDirectCreditsDirectWhenThereIsNothingElse() {
    JourneyBatch batch = paths(row("direct > direct", 1, 0));
    assertThat(shares(fit("last_non_direct", batch), batch, 0)).containsExactly(0, 1);
  }

  @Test
  void lastNonDirectTakesTheDirectChannelNamesAsAParameter() {
    JourneyBatch batch = paths(row("email > typed", 1, 0));
    assertThat(shares(fit("last_non_direct(direct=typed|bookmark)", batch), batch, 0)).containsExactly(1, 0);
  }

  @Test
  void lastNonDirectGoesByTheChannelsDirectFlagNotItsName() {
    // As the service gives them: channel 7 is direct traffic called "Typed-in"; channel 20 is called "Direct" but
    // is a referral.
    Journey journey = new Journey(JourneyId.of(1), "u", List.of(
        Touchpoint.of(new Channel(1, "Paid Search", false), T0.minusSeconds(300)),
        Touchpoint.of(new Channel(20, "Direct", false), T0.minusSeconds(200)),
        Touchpoint.of(new Channel(7, "Typed-in", true), T0.minusSeconds(100))),
        List.of(Conversion.of(T0, new BigDecimal("10.00"))));
    JourneyBatch batch = JourneyBatch.of(List.of(journey));
    assertThat(shares(fit("last_non_direct", batch), batch, 0)).containsExactly(0, 1, 0);
  }

  @Test
  void lastNonDirectWithDirectNamesGoesByTheNamesAlone() {
    Journey journey = new Journey(JourneyId.of(1), "u", List.of(
        Touchpoint.of(new Channel(1, "Paid Search", false), T0.minusSeconds(200)),
        Touchpoint.of(new Channel(7, "Typed-in", true), T0.minusSeconds(100))),
        List.of(Conversion.of(T0, new BigDecimal("10.00"))));
    JourneyBatch batch = JourneyBatch.of(List.of(journey));
    assertThat(shares(fit("last_non_direct(direct=paid search)", batch), batch, 0)).containsExactly(0, 1);
  }

  @Test
  void timeDecayMatchesAdobesWorkedExample() {
    // Adobe Analytics: touches 9, 6, 0 and 0 days before a $50 purchase, half-life 7 days.
    var journey = journey("j", new String[] {"display", "social", "search", "email"}, new double[] {9, 6, 0, 0}, null,
        "50.00");
    JourneyCredits credits = Attribution.credit(Models.create("time_decay").fit(JourneyBatch.of(List.of(journey))),
        journey);
    assertThat(credits.get("display").value()).isEqualByComparingTo("6.92");
    assertThat(credits.get("social").value()).isEqualByComparingTo("9.32");
    assertThat(credits.get("search").value()).isEqualByComparingTo("16.88");
    assertThat(credits.get("email").value()).isEqualByComparingTo("16.88");
  }

  @Test
  void timeDecayHalvesTheWeightEveryHalfLife() {
    var journey = journey("j", new String[] {"a", "b"}, new double[] {3, 0}, null, "1");
    double[] shares = shares(fit("time_decay(half_life=3)", JourneyBatch.of(List.of(journey))),
        JourneyBatch.of(List.of(journey)), 0);
    assertThat(shares[0] / shares[1]).isCloseTo(0.5, within(EXACT));
  }

  @Test
  void timeDecayOfVeryOldTouchesStillSumsToOne() {
    var journey = journey("j", new String[] {"a", "b"}, new double[] {40_000, 39_999}, null, "1");
    JourneyBatch batch = JourneyBatch.of(List.of(journey));
    double[] shares = shares(fit("time_decay(half_life=1)", batch), batch, 0);
    assertThat(shares[0] + shares[1]).isCloseTo(1, within(EXACT));
    assertThat(shares[1]).isCloseTo(2.0 / 3, within(1e-9));
  }

  @Test
  void timeDecayRefusesPathsWithoutTimes() {
    assertThatThrownBy(() -> Attribution.run(SIX, List.of(Models.create("time_decay"))))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("needs touch and conversion times");
  }

  @Test
  void timeDecayRefusesANonPositiveHalfLife() {
    assertThatThrownBy(() -> Models.create("time_decay(half_life=0)"))
        .hasMessage("model time_decay(half_life=0): half_life 0: must be a finite number greater than 0");
  }

  @Test
  void uShapedMatchesMixpanelsSixTouchExample() {
    assertThat(shares(fit("position_based", SIX), SIX, 0))
        .containsExactly(new double[] {0.40, 0.05, 0.05, 0.05, 0.05, 0.40}, within(EXACT));
  }

  @Test
  void jShapedMatchesMixpanelsSixTouchExample() {
    assertThat(shares(fit("j_shaped", SIX), SIX, 0))
        .containsExactly(new double[] {0.20, 0.05, 0.05, 0.05, 0.05, 0.60}, within(EXACT));
  }

  @Test
  void inverseJGivesTheFirstTouchSixtyPercent() {
    assertThat(shares(fit("inverse_j", SIX), SIX, 0))
        .containsExactly(new double[] {0.60, 0.05, 0.05, 0.05, 0.05, 0.20}, within(EXACT));
  }

  @Test
  void twoTouchesDropTheMiddleWeightAndRenormalise() {
    JourneyBatch two = paths(row("a > b", 1, 0));
    assertThat(shares(fit("position_based", two), two, 0)).containsExactly(new double[] {0.5, 0.5}, within(EXACT));
    assertThat(shares(fit("j_shaped", two), two, 0)).containsExactly(new double[] {0.25, 0.75}, within(EXACT));
    assertThat(shares(fit("inverse_j", two), two, 0)).containsExactly(new double[] {0.75, 0.25}, within(EXACT));
  }

  @Test
  void oneTouchTakesEverythingUnderEveryPositionRule() {
    JourneyBatch one = paths(row("a", 1, 0));
    for (String model : List.of("position_based", "j_shaped", "inverse_j", "w_shaped")) {
      assertThat(shares(fit(model, one), one, 0)).as(model).containsExactly(1);
    }
  }

  @Test
  void customPositionWeightsMustSumToOne() {
    assertThatThrownBy(() -> Models.create("position_based(first=0.5,middle=0.2,last=0.5)"))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("first+middle+last: weights must sum to 1, they sum to 1.2");
  }

  @Test
  void customPositionWeightsAreUsed() {
    assertThat(shares(fit("position_based(first=0.3,middle=0.6,last=0.1)", SIX), SIX, 0))
        .containsExactly(new double[] {0.3, 0.15, 0.15, 0.15, 0.15, 0.1}, within(EXACT));
  }

  @Test
  void wShapedGivesTheLeadTouchThirtyPercent() {
    var journey = journey("j", new String[] {"a", "b", "c", "d", "e"}, new double[] {5, 4, 3, 2, 1},
        new String[] {"click", "visit", "lead", "visit", "click"}, "100");
    JourneyBatch batch = JourneyBatch.of(List.of(journey));
    assertThat(shares(fit("w_shaped", batch), batch, 0))
        .containsExactly(new double[] {0.3, 0.05, 0.3, 0.05, 0.3}, within(EXACT));
  }

  @Test
  void wShapedWithoutALeadIsUShaped() {
    var journey = journey("j", new String[] {"a", "b", "c"}, new double[] {3, 2, 1},
        new String[] {"click", "visit", "click"}, "100");
    JourneyBatch batch = JourneyBatch.of(List.of(journey));
    assertThat(shares(fit("w_shaped", batch), batch, 0))
        .containsExactly(new double[] {0.4, 0.2, 0.4}, within(EXACT));
  }

  @Test
  void wShapedWithTheLeadOnTheFirstTouchIsUShaped() {
    var journey = journey("j", new String[] {"a", "b", "c"}, new double[] {3, 2, 1},
        new String[] {"lead", "lead", "click"}, "100");
    JourneyBatch batch = JourneyBatch.of(List.of(journey));
    assertThat(shares(fit("w_shaped", batch), batch, 0))
        .containsExactly(new double[] {0.4, 0.2, 0.4}, within(EXACT));
  }

  @Test
  void wShapedWithOnlyThreeTouchesSplitsEvenly() {
    var journey = journey("j", new String[] {"a", "b", "c"}, new double[] {3, 2, 1},
        new String[] {"click", "lead", "click"}, "100");
    JourneyBatch batch = JourneyBatch.of(List.of(journey));
    assertThat(shares(fit("w_shaped", batch), batch, 0))
        .containsExactly(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, within(EXACT));
  }

  @Test
  void participationGivesEveryChannelTheWholeConversion() {
    JourneyBatch batch = paths(row("a > b > a", 1, 0));
    FittedModel model = fit("participation", batch);
    assertThat(model.additive()).isFalse();
    assertThat(shares(model, batch, 0)).containsExactly(0.5, 1, 0.5);
    var totals = Fixtures.totals("participation", batch);
    assertThat(totals.conversions("a")).isEqualTo(1);
    assertThat(totals.conversions("b")).isEqualTo(1);
  }

  @Test
  void participationCreditsEveryChannelWithTheFullValue() {
    var journey = journey("j", "80.00", "a", "b", "a");
    JourneyCredits credits = Attribution.credit(Models.create("participation").fit(JourneyBatch.of(List.of(journey))),
        journey);
    assertThat(credits.credits()).allSatisfy(c -> assertThat(c.value()).isEqualByComparingTo(new BigDecimal("80.00")));
  }

  @Test
  void unknownModelNamesTheKnownOnes() {
    assertThatThrownBy(() -> Models.create("lineal"))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageStartingWith("model lineal: unknown model, expected one of first_touch, last_touch");
  }
}
