package io.nexus.engine.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseCurvesTest {

  @Test
  void theFittedCurvesFollowTheKnownCurvesOverTheSpendSeen() {
    List<CurveFit> fits = ResponseCurves.fit(KnownCurves.generate(120, 0.08, 7));

    for (CurveFit fit : fits) {
      ResponseCurve truth = KnownCurves.TRUE.get(fit.channel());
      double[] range = KnownCurves.SPEND_RANGE.get(fit.channel());
      assertThat(fit.estimable()).isTrue();
      assertThat(fit.days()).isEqualTo(120);
      assertThat(fit.rSquared()).as(fit.channel()).isGreaterThan(0.5);
      for (double x = range[0]; x <= range[1]; x += (range[1] - range[0]) / 10) {
        assertThat(fit.curve().revenue(x)).as(fit.channel() + " at " + x)
            .isBetween(truth.revenue(x) * 0.95, truth.revenue(x) * 1.05);
      }
    }
  }

  @Test
  void noiselessDataGiveBackTheCurveItself() {
    ResponseCurve truth = new ResponseCurve(3000, 0.65, 900);
    double[] spend = new double[60];
    double[] revenue = new double[60];
    for (int d = 0; d < 60; d++) {
      spend[d] = 100 + 50 * d;
      revenue[d] = truth.revenue(spend[d]);
    }

    CurveFit fit = ResponseCurves.fit(new SpendHistory("x", spend, revenue));

    assertThat(fit.rSquared()).isGreaterThan(1 - 1e-9);
    assertThat(fit.curve().alpha()).isCloseTo(0.65, org.assertj.core.data.Percentage.withPercentage(0.1));
    assertThat(fit.curve().kappa()).isCloseTo(900, org.assertj.core.data.Percentage.withPercentage(0.5));
  }

  @Test
  void aChannelWhoseSpendNeverVariesIsNotEstimable() {
    double[] spend = new double[60];
    Arrays.fill(spend, 500);
    double[] revenue = KnownCurves.generate(60, 0.1, 3).get(0).revenue();

    CurveFit fit = ResponseCurves.fit(new SpendHistory("flat", spend, revenue));

    assertThat(fit.estimable()).isFalse();
    assertThat(fit.curve()).isNull();
    assertThat(fit.notEstimable()).startsWith("no spend variation");
  }

  @Test
  void aChannelWithTooFewDaysIsNotEstimable() {
    SpendHistory shortHistory = new SpendHistory("short", new double[] {1, 2, 3}, new double[] {1, 2, 3});

    assertThat(ResponseCurves.fit(shortHistory).notEstimable()).isEqualTo("only 3 days of data; a curve needs at least 14");
  }

  @Test
  void anUnpaidChannelIsNotEstimable() {
    double[] revenue = new double[30];
    Arrays.fill(revenue, 100);

    CurveFit fit = ResponseCurves.fit(new SpendHistory("organic", new double[30], revenue));

    assertThat(fit.notEstimable()).startsWith("nothing was spent on it");
  }

  @Test
  void aChannelWithSpendOnTooFewDaysIsNotEstimable() {
    double[] spend = new double[30];
    double[] revenue = new double[30];
    for (int d = 0; d < 5; d++) {
      spend[d] = 100 * (d + 1);
      revenue[d] = 50 * (d + 1);
    }

    assertThat(ResponseCurves.fit(new SpendHistory("rare", spend, revenue)).notEstimable())
        .isEqualTo("spend on only 5 days; a curve needs at least 7");
  }
}
