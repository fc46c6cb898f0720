package io.nexus.engine.shapley;

import static io.nexus.engine.Fixtures.fit;
import static io.nexus.engine.Fixtures.paths;
import static io.nexus.engine.Fixtures.row;
import static io.nexus.engine.Fixtures.shares;
import static io.nexus.engine.Fixtures.totals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.nexus.engine.ChannelTotals;
import io.nexus.engine.JourneyBatch;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShapleyModelTest {
  private static final double EXACT = 1e-12;

  // v(A) = 1/2, v(B) = 0, v(AB) = 3/4: phi_A = (1/2 + 3/4)/2 = 5/8, phi_B = (0 + 1/4)/2 = 1/8.
  private static final JourneyBatch TWO_PLAYERS = paths(
      row("A", 1, 1),
      row("B", 0, 1),
      row("A > B", 2, 1),
      row("B > A > B", 1, 0));

  @Test
  void twoPlayerSetIsSplitByShapleyValue() {
    double[] shares = shares(fit("shapley", TWO_PLAYERS), TWO_PLAYERS, 2);
    assertThat(shares[0]).isCloseTo(5.0 / 6, within(EXACT));
    assertThat(shares[1]).isCloseTo(1.0 / 6, within(EXACT));
  }

  @Test
  void setsAreUnorderedAndRepeatsShareTheirChannelsCredit() {
    double[] shares = shares(fit("shapley", TWO_PLAYERS), TWO_PLAYERS, 3);
    assertThat(shares[1]).isCloseTo(5.0 / 6, within(EXACT));
    assertThat(shares[0]).isCloseTo(1.0 / 12, within(EXACT));
    assertThat(shares[2]).isCloseTo(1.0 / 12, within(EXACT));
  }

  @Test
  void totalsSplitEachSetsConversionsByItsFractions() {
    ChannelTotals totals = totals("shapley", TWO_PLAYERS);
    assertThat(totals.conversions("A")).isCloseTo(1 + 3 * 5.0 / 6, within(EXACT));
    assertThat(totals.conversions("B")).isCloseTo(3 * 1.0 / 6, within(EXACT));
  }

  @Test
  void threePlayerGloveGameGivesTheClassicValues() {
    // Worth 1 for {L,R1}, {L,R2} and {L,R1,R2}, 0 otherwise: Shapley values 2/3, 1/6, 1/6.
    JourneyBatch batch = paths(
        row("L > R1", 1, 0), row("L > R2", 1, 0), row("L > R1 > R2", 1, 0),
        row("L", 0, 1), row("R1", 0, 1), row("R2", 0, 1), row("R1 > R2", 0, 1));
    double[] shares = shares(fit("shapley", batch), batch, 2);
    assertThat(shares).containsExactly(new double[] {2.0 / 3, 1.0 / 6, 1.0 / 6}, within(EXACT));
  }

  @Test
  void negativeContributionsAreFlooredAtZero() {
    // B alone converts better than A+B: A's marginal contribution is negative overall.
    JourneyBatch batch = paths(row("A > B", 1, 3), row("B", 1, 0), row("A", 0, 1));
    double[] shares = shares(fit("shapley", batch), batch, 0);
    assertThat(shares[0]).isZero();
    assertThat(shares[1]).isCloseTo(1, within(EXACT));
  }

  @Test
  void setsAboveTheCapAreEstimatedDeterministicallyAndSaySo() {
    ChannelTotals first = totals("shapley(cap=1,samples=2000,seed=3)", TWO_PLAYERS);
    ChannelTotals second = totals("shapley(cap=1,samples=2000,seed=3)", TWO_PLAYERS);
    assertThat(first).isEqualTo(second);
    assertThat(first.notes()).containsExactly(
        "1 channel sets with more than 1 channels were estimated from 2000 seeded random orderings each, "
            + "not solved exactly");
    assertThat(first.conversions("A")).isCloseTo(1 + 3 * 5.0 / 6, within(0.1));
  }

  @Test
  void aSetNeverSeenInTrainingIsSolvedFromTheSameRates() {
    var model = fit("shapley", TWO_PLAYERS);
    JourneyBatch.Builder unseen = JourneyBatch.builder(model.channels().copy());
    unseen.addPath(List.of("A", "B", "C"), 1, 1, 0);
    JourneyBatch batch = unseen.build();
    double[] shares = shares(model, batch, 0);
    assertThat(shares[0] + shares[1] + shares[2]).isCloseTo(1, within(EXACT));
    assertThat(shares[2]).isZero();
  }
}
