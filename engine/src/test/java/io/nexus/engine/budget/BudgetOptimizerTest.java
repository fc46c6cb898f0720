package io.nexus.engine.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BudgetOptimizerTest {
  private static final int DAYS = 30;
  private static final double BUDGET = 120_000;

  @Test
  void onTheTrueCurvesThePlanIsTheBruteForceOptimum() {
    double[] optimum = KnownCurves.bruteForceOptimum(DAYS, BUDGET);

    BudgetPlan plan = BudgetOptimizer.plan(KnownCurves.truth(), DAYS, BUDGET, Map.of());

    List<String> channels = List.copyOf(KnownCurves.TRUE.keySet());
    for (int i = 0; i < 3; i++) {
      // The brute force sees a grid of BUDGET / 4000 = 30.
      assertThat(plan.channel(channels.get(i)).spend()).isCloseTo(optimum[i], within(30.0));
    }
  }

  @Test
  void onFittedCurvesTheRecommendedAllocationIsWithinFivePercentOfTheKnownOptimum() {
    // 20 data sets of 120 days with 5 % noise: each channel's recommended spend within 5 % of the budget of its
    // known-optimal spend, and the plan earns, on the true curves, within 0.5 % of the best there is. (The revenue
    // is flat near its optimum, so noise moves the spend much more than the revenue.)
    double[] optimum = KnownCurves.bruteForceOptimum(DAYS, BUDGET);
    double best = BudgetOptimizer.plan(KnownCurves.truth(), DAYS, BUDGET, Map.of()).expectedRevenue();
    List<String> channels = List.copyOf(KnownCurves.TRUE.keySet());
    for (long seed = 1; seed <= 20; seed++) {
      List<CurveFit> fits = ResponseCurves.fit(KnownCurves.generate(120, 0.05, seed));

      BudgetPlan plan = BudgetOptimizer.plan(fits, DAYS, BUDGET, Map.of());

      for (int i = 0; i < 3; i++) {
        assertThat(plan.channel(channels.get(i)).spend()).as(channels.get(i) + ", seed " + seed)
            .isCloseTo(optimum[i], within(0.05 * BUDGET));
      }
      double achieved = BudgetOptimizer.evaluate(KnownCurves.truth(), DAYS, spends(plan)).expectedRevenue();
      assertThat(achieved).as("seed " + seed).isBetween(best * 0.995, best);
    }
  }

  @Test
  void everyChannelNotHeldAtALimitEndsOnTheSameMarginalReturn() {
    BudgetPlan plan = BudgetOptimizer.plan(KnownCurves.truth(), DAYS, BUDGET, Map.of());

    double lambda = plan.channels().get(0).marginalReturn();
    for (ChannelPlan channel : plan.channels()) {
      assertThat(channel.atLimit()).isNull();
      assertThat(channel.marginalReturn()).isCloseTo(lambda, within(lambda * 1e-9));
    }
  }

  @Test
  void theLimitsAndTheBudgetAreRespectedExactly() {
    Map<String, SpendLimits> limits = Map.of("search", new SpendLimits(0, 50_000),
        "display", new SpendLimits(40_000, 60_000));

    BudgetPlan plan = BudgetOptimizer.plan(KnownCurves.truth(), DAYS, BUDGET, limits);

    // Unlimited, the optimum is about 63 930 on search, 30 420 on social and 25 650 on display.
    assertThat(plan.channel("search").spend()).isEqualTo(50_000);
    assertThat(plan.channel("search").atLimit()).isEqualTo("max");
    assertThat(plan.channel("display").spend()).isEqualTo(40_000);
    assertThat(plan.channel("display").atLimit()).isEqualTo("min");
    assertThat(plan.channel("social").spend()).isCloseTo(30_000, within(1e-9));
    assertThat(plan.spend()).isCloseTo(BUDGET, within(BUDGET * 1e-12));
  }

  @Test
  void aBudgetOutsideTheLimitsIsRefused() {
    Map<String, SpendLimits> limits = Map.of("search", new SpendLimits(100_000, 110_000),
        "social", new SpendLimits(30_000, 40_000), "display", new SpendLimits(0, 10_000));

    assertThatThrownBy(() -> BudgetOptimizer.plan(KnownCurves.truth(), DAYS, 120_000, limits))
        .hasMessageContaining("below the sum of the minima");
    assertThatThrownBy(() -> BudgetOptimizer.plan(KnownCurves.truth(), DAYS, 170_000, limits))
        .hasMessageContaining("above the sum of the maxima");
    assertThatThrownBy(() -> BudgetOptimizer.plan(KnownCurves.truth(), DAYS, -1, Map.of()))
        .hasMessageContaining("not negative");
  }

  @Test
  void aChannelWithoutACurveCannotBePlanned() {
    CurveFit flat = new CurveFit("flat", null, "no spend variation", 30, 30, Double.NaN, 5, 150, 300);

    assertThatThrownBy(() -> BudgetOptimizer.plan(List.of(flat), DAYS, 100, Map.of()))
        .hasMessageContaining("flat has no response curve: no spend variation");
  }

  @Test
  void whatIfAddsUpWhatEachChannelsCurveExpectsFromEvenDailySpend() {
    Map<String, Double> allocation = Map.of("search", 60_000.0, "social", 30_000.0);

    BudgetPlan whatIf = BudgetOptimizer.evaluate(KnownCurves.truth(), DAYS, allocation);

    double expected = DAYS * (KnownCurves.TRUE.get("search").revenue(2000) + KnownCurves.TRUE.get("social")
        .revenue(1000));
    assertThat(whatIf.expectedRevenue()).isCloseTo(expected, within(1e-6));
    assertThat(whatIf.channel("display").spend()).isZero();
    assertThat(whatIf.spend()).isEqualTo(90_000);
  }

  @Test
  void inCentsTheSpendsAddUpToTheBudgetExactlyAndStayWithinTheirLimits() {
    Map<String, SpendLimits> limits = Map.of("search", new SpendLimits(0, 50_000.01),
        "display", new SpendLimits(40_000.37, 60_000));

    BudgetPlan plan = BudgetOptimizer.plan(KnownCurves.truth(), DAYS, 120_000.05, limits);

    List<java.math.BigDecimal> cents = plan.spendInCents();
    assertThat(cents.stream().reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add))
        .isEqualByComparingTo("120000.05");
    assertThat(cents.get(0)).isEqualByComparingTo("50000.01");
    assertThat(cents.get(2)).isEqualByComparingTo("40000.37");
  }

  @Test
  void withoutAMaxAChannelIsLimitedToTwiceItsHighestDailySpendSeen() {
    Map<String, SpendLimits> limits = BudgetOptimizer.withinObserved(KnownCurves.truth(), DAYS,
        Map.of("search", new SpendLimits(1000, Double.POSITIVE_INFINITY), "social", new SpendLimits(0, 7)));

    assertThat(limits.get("search")).isEqualTo(new SpendLimits(1000, 2 * 4000 * DAYS));
    assertThat(limits.get("social")).isEqualTo(new SpendLimits(0, 7));
    assertThat(limits.get("display")).isEqualTo(new SpendLimits(0, 2 * 5000 * DAYS));
  }

  private static Map<String, Double> spends(BudgetPlan plan) {
    return plan.channels().stream().collect(java.util.stream.Collectors.toMap(ChannelPlan::channel,
        ChannelPlan::spend));
  }
}
