package io.nexus.engine.shapley;

import static io.nexus.engine.Fixtures.fit;
import static io.nexus.engine.Fixtures.paths;
import static io.nexus.engine.Fixtures.row;
import static io.nexus.engine.Fixtures.shares;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.nexus.engine.FittedModel;
import io.nexus.engine.JourneyBatch;
import org.junit.jupiter.api.Test;

class CounterfactualModelTest {
  // Google fractribution's worked example (conversions / nulls per path).
  private static final JourneyBatch FRACTRIBUTION = paths(
      row("B", 596, 36462),
      row("C", 250, 40727),
      row("D", 182, 6355),
      row("C > C", 42, 3586),
      row("B > C", 12, 391),
      row("C > D", 9, 120),
      row("B > C > C", 2, 66));

  @Test
  void bThenCSplitsAsFractributionPublishes() {
    double[] shares = shares(fit("counterfactual", FRACTRIBUTION), FRACTRIBUTION, 4);
    assertThat(shares[0]).isCloseTo(0.63355706923482, within(1e-13));
    assertThat(shares[1]).isCloseTo(0.36644293076518, within(1e-13));
  }

  @Test
  void bThenCThenCGivesBEverything() {
    assertThat(shares(fit("counterfactual", FRACTRIBUTION), FRACTRIBUTION, 6)).containsExactly(1, 0, 0);
  }

  @Test
  void aSingleTouchTakesItsPathsWholeConversion() {
    assertThat(shares(fit("counterfactual", FRACTRIBUTION), FRACTRIBUTION, 0)).containsExactly(1);
  }

  @Test
  void noContributionAnywhereFallsBackToLastTouch() {
    JourneyBatch batch = paths(row("A > B", 1, 9), row("A", 1, 1), row("B", 1, 1));
    FittedModel model = fit("counterfactual", batch);
    assertThat(shares(model, batch, 0)).containsExactly(0, 1);
  }
}
