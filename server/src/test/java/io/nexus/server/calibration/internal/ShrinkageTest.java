package io.nexus.server.calibration.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ShrinkageTest {

  @Test
  void theNormalQuantilesAreTheTabulatedOnes() {
    assertThat(Shrinkage.normalQuantile(0.95)).isCloseTo(1.6448536270, within(1e-8));
    assertThat(Shrinkage.normalQuantile(0.975)).isCloseTo(1.9599639845, within(1e-8));
    assertThat(Shrinkage.normalQuantile(0.5)).isCloseTo(0, within(1e-12));
    assertThat(Shrinkage.normalQuantile(0.005)).isCloseTo(-2.5758293035, within(1e-8));
  }

  @Test
  void aNinetyFivePercentIntervalOfWidthFourSigmaHasStandardErrorSigma() {
    assertThat(Shrinkage.standardError(10 - 1.959963985 * 2, 10 + 1.959963985 * 2, 0.95)).isCloseTo(2, within(1e-8));
  }

  @Test
  void poolingWeighsEachTestByItsPrecision() {
    double[] pooled = Shrinkage.pool(new double[] {0.5, 1.0}, new double[] {0.1, 0.2});

    // Precisions 100 and 25: (50 + 25) / 125 = 0.6, standard error 1/√125.
    assertThat(pooled[0]).isCloseTo(0.6, within(1e-12));
    assertThat(pooled[1]).isCloseTo(1 / Math.sqrt(125), within(1e-12));
  }

  @Test
  void aPreciseTestMovesTheFactorAlmostAllTheWayAndAVagueOneHardly() {
    assertThat(Shrinkage.shrink(0.4, 0.01)).isCloseTo(0.4, within(0.001));
    assertThat(Shrinkage.shrink(0.4, 0.5)).isCloseTo(0.7, within(1e-12));
    assertThat(Shrinkage.shrink(0.4, 5)).isCloseTo(1, within(0.01));
  }
}
