package io.nexus.engine.uncertainty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Poisson draws with the right mean and variance on both sides of the switch from inversion to rejection. */
class PoissonDrawsTest {

  @Test
  void drawsHaveTheMeanAndVarianceOfThePoissonLaw() {
    for (double mean : new double[] {0.3, 1, 4.5, 7, 8, 9.99, 10, 37, 37.5, 63, 64, 2_500}) {
      PoissonDraws draws = new PoissonDraws(42);
      int n = 200_000;
      double sum = 0;
      double squares = 0;
      for (int i = 0; i < n; i++) {
        double x = draws.next(mean);
        assertThat(x).isGreaterThanOrEqualTo(0).isEqualTo(Math.rint(x));
        sum += x;
        squares += x * x;
      }
      double average = sum / n;
      double variance = squares / n - average * average;
      // Five standard errors of the mean; the variance within 3 %.
      assertThat(average).as("mean %s", mean).isCloseTo(mean, within(5 * Math.sqrt(mean / n)));
      assertThat(variance).as("variance %s", mean).isCloseTo(mean, within(0.03 * mean));
    }
  }

  @Test
  void aMeanOfZeroDrawsZero() {
    assertThat(new PoissonDraws(1).next(0)).isZero();
  }

  @Test
  void logFactorialIsExactOnBothSidesOfItsTable() {
    assertThat(PoissonDraws.logFactorial(5)).isCloseTo(Math.log(120), within(1e-12));
    double exact = 0;
    for (int k = 2; k <= 300; k++) {
      exact += Math.log(k);
    }
    assertThat(PoissonDraws.logFactorial(300)).isCloseTo(exact, within(1e-9));
  }

  @Test
  void replicateSeedsDifferAndDependOnlyOnTheSeedAndTheIndex() {
    assertThat(PoissonDraws.replicateSeed(1, 0)).isEqualTo(PoissonDraws.replicateSeed(1, 0))
        .isNotEqualTo(PoissonDraws.replicateSeed(1, 1)).isNotEqualTo(PoissonDraws.replicateSeed(2, 0));
  }
}
