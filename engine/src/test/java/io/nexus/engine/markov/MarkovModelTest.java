package io.nexus.engine.markov;

import static io.nexus.engine.Fixtures.fit;
import static io.nexus.engine.Fixtures.paths;
import static io.nexus.engine.Fixtures.row;
import static io.nexus.engine.Fixtures.shares;
import static io.nexus.engine.Fixtures.totals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.nexus.engine.ChannelDictionary;
import io.nexus.engine.ChannelTotals;
import io.nexus.engine.Fixtures;
import io.nexus.engine.InvalidModelException;
import io.nexus.engine.JourneyBatch;
import io.nexus.engine.ModelSpec;
import io.nexus.engine.Models;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class MarkovModelTest {
  private static final double EXACT = 1e-12;

  private static ChannelTotals chainTotals(JourneyBatch batch) {
    return ((MarkovFit) fit("markov", batch)).chainTotals();
  }

  @Test
  void channelAttributionWhitePaperExampleGivesATwoAndBOneOnTheWholeChain() {
    JourneyBatch batch = paths(
        row("A > B > A > B > B > A", 1, 0),
        row("A > B > B > A > A", 1, 0),
        row("A > A", 1, 0));
    ChannelTotals totals = chainTotals(batch);
    assertThat(totals.conversions("A")).isCloseTo(2, within(EXACT));
    assertThat(totals.conversions("B")).isCloseTo(1, within(EXACT));
  }

  @Test
  void whitePaperChannelTotalsAreTheSumsOfTheJourneyCredits() {
    // RE_A = 2 RE_B: each A-and-B journey gives A 2/3 and B 1/3; the A-only journey gives A all of its conversion.
    JourneyBatch batch = paths(
        row("A > B > A > B > B > A", 1, 0),
        row("A > B > B > A > A", 1, 0),
        row("A > A", 1, 0));
    ChannelTotals totals = totals("markov", batch);
    assertThat(totals.conversions("A")).isCloseTo(7.0 / 3, within(EXACT));
    assertThat(totals.conversions("B")).isCloseTo(2.0 / 3, within(EXACT));
  }

  @Test
  void classicThreePathExampleGivesOneFifthAndTwoFifths() {
    JourneyBatch batch = paths(
        row("C1 > C2 > C3", 1, 0),
        row("C1", 0, 1),
        row("C2 > C3", 0, 1));
    // One converting journey: its credits and the whole chain's split are the same numbers.
    for (ChannelTotals totals : List.of(totals("markov", batch), chainTotals(batch))) {
      assertThat(totals.conversions("C1")).isCloseTo(0.2, within(EXACT));
      assertThat(totals.conversions("C2")).isCloseTo(0.4, within(EXACT));
      assertThat(totals.conversions("C3")).isCloseTo(0.4, within(EXACT));
    }
  }

  @Test
  void googleAdsAndMailingExampleGivesTwoPointFourAndOnePointSixOnTheWholeChain() {
    JourneyBatch batch = paths(
        row("google ads", 2, 1),
        row("mailing", 1, 0),
        row("google ads > mailing", 1, 0));
    ChannelTotals totals = chainTotals(batch);
    assertThat(totals.conversions("google ads")).isCloseTo(2.4, within(EXACT));
    assertThat(totals.conversions("mailing")).isCloseTo(1.6, within(EXACT));
  }

  @Test
  void googleAdsAndMailingChannelTotalsAreTheSumsOfTheJourneyCredits() {
    // RE 0.75 and 0.5: the journey of both splits 0.6/0.4, the single-channel journeys keep their conversions.
    JourneyBatch batch = paths(
        row("google ads", 2, 1),
        row("mailing", 1, 0),
        row("google ads > mailing", 1, 0));
    ChannelTotals totals = totals("markov", batch);
    assertThat(totals.conversions("google ads")).isCloseTo(2.6, within(EXACT));
    assertThat(totals.conversions("mailing")).isCloseTo(1.4, within(EXACT));
  }

  @Test
  void removalEffectsAreOneMinusTheConversionProbabilityRatio() {
    MarkovFit fit = (MarkovFit) fit("markov", paths(
        row("C1 > C2 > C3", 1, 0),
        row("C1", 0, 1),
        row("C2 > C3", 0, 1)));
    assertThat(fit.conversionProbability()).isCloseTo(1.0 / 3, within(EXACT));
    assertThat(fit.removalEffects()).extracting(e -> e.channel().name()).containsExactly("C1", "C2", "C3");
    assertThat(fit.removalEffects().get(0).conversion()).isCloseTo(0.5, within(EXACT));
    assertThat(fit.removalEffects().get(1).conversion()).isCloseTo(1, within(EXACT));
    assertThat(fit.removalEffects().get(2).conversion()).isCloseTo(1, within(EXACT));
  }

  @Test
  void transitionMatrixHoldsStartConversionAndNullStates() {
    MarkovFit fit = (MarkovFit) fit("markov", paths(
        row("google ads", 2, 1),
        row("mailing", 1, 0),
        row("google ads > mailing", 1, 0)));
    assertThat(fit.transitions()).contains(
        new MarkovFit.Transition("(start)", "google ads", 0.8),
        new MarkovFit.Transition("(start)", "mailing", 0.2),
        new MarkovFit.Transition("google ads", "mailing", 0.25),
        new MarkovFit.Transition("google ads", "(conversion)", 0.5),
        new MarkovFit.Transition("google ads", "(null)", 0.25),
        new MarkovFit.Transition("mailing", "(conversion)", 1.0));
  }

  @Test
  void valueIsSplitByTheValueRemovalEffects() {
    // Paths ending in google ads are worth 10 a conversion, paths ending in mailing 40.
    JourneyBatch batch = paths(
        row("google ads", 2, 20, 1),
        row("mailing", 1, 40, 0),
        row("google ads > mailing", 1, 40, 0));
    MarkovFit fit = (MarkovFit) fit("markov", batch);
    // V = 0.8 * (0.5*10 + 0.25*40) + 0.2*40 = 20; without google ads 0.2*40 = 8; without mailing 0.8*5 = 4.
    assertThat(fit.expectedValue()).isCloseTo(20, within(EXACT));
    ChannelTotals totals = chainTotals(batch);
    double ga = 1 - 8.0 / 20;
    double mailing = 1 - 4.0 / 20;
    assertThat(totals.value("google ads")).isCloseTo(100 * ga / (ga + mailing), within(1e-10));
    assertThat(totals.value("mailing")).isCloseTo(100 * mailing / (ga + mailing), within(1e-10));
  }

  @Test
  void aJourneysValueIsSplitLikeItsConversions() {
    JourneyBatch batch = paths(
        row("google ads", 2, 20, 1),
        row("mailing", 1, 40, 0),
        row("google ads > mailing", 1, 40, 0));
    ChannelTotals totals = totals("markov", batch);
    // The journey of both channels: 40 split 0.6/0.4 by the conversion removal effects 0.75 and 0.5.
    assertThat(totals.value("google ads")).isCloseTo(20 + 24, within(1e-10));
    assertThat(totals.value("mailing")).isCloseTo(40 + 16, within(1e-10));
  }

  @Test
  void orderTwoStatesAreWindowsOfTwoChannels() {
    MarkovFit fit = (MarkovFit) fit("markov(order=2)", paths(
        row("A > B > C", 1, 0),
        row("A", 0, 1)));
    assertThat(fit.transitions()).containsExactly(
        new MarkovFit.Transition("(start)", "A", 0.5),
        new MarkovFit.Transition("(start)", "A>B", 0.5),
        new MarkovFit.Transition("A", "(null)", 1.0),
        new MarkovFit.Transition("A>B", "B>C", 1.0),
        new MarkovFit.Transition("B>C", "(conversion)", 1.0));
  }

  @Test
  void consecutiveIdenticalStatesMerge() {
    MarkovFit fit = (MarkovFit) fit("markov", paths(row("A > A > A > B", 1, 0)));
    assertThat(fit.transitions()).containsExactly(
        new MarkovFit.Transition("(start)", "A", 1.0),
        new MarkovFit.Transition("A", "B", 1.0),
        new MarkovFit.Transition("B", "(conversion)", 1.0));
  }

  @Test
  void aJourneyIsSplitOverItsChannelsByRemovalEffect() {
    JourneyBatch batch = paths(
        row("C1 > C2 > C3", 1, 0),
        row("C1", 0, 1),
        row("C2 > C3", 0, 1));
    double[] shares = shares(fit("markov", batch), batch, 0);
    assertThat(shares[0]).isCloseTo(0.2, within(EXACT));
    assertThat(shares[1]).isCloseTo(0.4, within(EXACT));
    assertThat(shares[2]).isCloseTo(0.4, within(EXACT));
  }

  @Test
  void aChannelTouchedTwiceSharesItsCreditBetweenItsTouches() {
    JourneyBatch batch = paths(row("A > B > A", 1, 0), row("A", 1, 1));
    double[] shares = shares(fit("markov", batch), batch, 0);
    assertThat(shares[0]).isCloseTo(shares[2], within(EXACT));
    assertThat(shares[0] + shares[1] + shares[2]).isCloseTo(1, within(EXACT));
  }

  @Test
  void orderAboveFourIsRefused() {
    Assertions.assertThatThrownBy(() -> Models.create("markov(order=5)"))
        .isInstanceOf(InvalidModelException.class)
        .hasMessage("model markov(order=5): order 5: must be between 1 and 4");
  }

  @Test
  void unknownParameterIsRefused() {
    Assertions.assertThatThrownBy(() -> Models.create("markov(oder=2)"))
        .isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("oder: unknown parameter for markov");
  }

  @Test
  void conversionsWithoutTouchesAreLeftOutAndNoted() {
    ChannelTotals totals = totals("markov", paths(row("A", 1, 0), row("", 2, 0)));
    assertThat(totals.conversions("A")).isCloseTo(1, within(EXACT));
    assertThat(totals.notes()).containsExactly("2 conversions without touches were left unattributed");
  }

  @Test
  void statisticsMergedFromPartitionsFitTheSameChain() {
    JourneyBatch first = paths(row("C1 > C2 > C3", 1, 0), row("C1", 0, 1));
    ChannelDictionary shared = first.channels();
    JourneyBatch.Builder second = JourneyBatch.builder(shared);
    second.addPath(List.of("C2", "C3"), 0, 0, 1);
    var model = Models.create("markov");
    var left = model.newStatistics(shared);
    left.addAll(first);
    var right = model.newStatistics(shared);
    right.addAll(second.build());
    left.merge(right);
    MarkovFit fit = (MarkovFit) model.fit(left);
    assertThat(fit.chainTotals().conversions("C1")).isCloseTo(0.2, within(EXACT));
  }
}
