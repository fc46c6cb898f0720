package io.nexus.engine.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ResponseCurveTest {
  private final ResponseCurve curve = new ResponseCurve(4000, 0.7, 1500);

  @Test
  void halfOfTheCeilingIsReachedAtKappa() {
    assertThat(curve.revenue(1500)).isCloseTo(2000, within(1e-9));
    assertThat(curve.revenue(0)).isZero();
  }

  @Test
  void theMarginalReturnIsTheSlopeOfTheCurve() {
    for (double x : new double[] {10, 300, 1500, 9000}) {
      double h = x * 1e-6;
      double slope = (curve.revenue(x + h) - curve.revenue(x - h)) / (2 * h);
      assertThat(curve.marginal(x)).isCloseTo(slope, within(slope * 1e-6));
    }
  }

  @Test
  void spendAtMarginalInvertsTheMarginalReturn() {
    for (double x : new double[] {1, 250, 1500, 40_000}) {
      assertThat(curve.spendAtMarginal(curve.marginal(x))).isCloseTo(x, within(x * 1e-9));
    }
  }

  @Test
  void aMichaelisMentenCurveSpendsNothingWhenItsFirstUnitReturnsLessThanLambda() {
    ResponseCurve linearStart = new ResponseCurve(1000, 1, 500);

    assertThat(linearStart.marginal(0)).isEqualTo(2.0);
    assertThat(linearStart.spendAtMarginal(2.5)).isZero();
    // r'(x) = beta·kappa/(x + kappa)², so r'(x) = 0.5 at x = sqrt(1000·500/0.5) − 500 = 500.
    assertThat(linearStart.spendAtMarginal(0.5)).isCloseTo(500, within(1e-9));
  }

  @Test
  void anSShapedCurveIsRefusedBecauseEqualMarginalReturnsWouldNotFindItsOptimum() {
    assertThatThrownBy(() -> new ResponseCurve(1000, 2, 500)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("alpha");
  }
}
