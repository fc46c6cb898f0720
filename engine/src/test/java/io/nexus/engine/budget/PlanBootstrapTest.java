package io.nexus.engine.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.nexus.engine.uncertainty.Interval;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanBootstrapTest {
  private final List<SpendHistory> histories = KnownCurves.generate(90, 0.1, 5);

  @Test
  void theSameSeedGivesTheSameIntervals() {
    Map<String, Double> allocation = Map.of("search", 60_000.0, "social", 30_000.0, "display", 30_000.0);

    Interval first = PlanBootstrap.of(histories, 40, 42).revenue(30, allocation, 0.9);
    Interval second = PlanBootstrap.of(histories, 40, 42).revenue(30, allocation, 0.9);

    assertThat(first).isEqualTo(second);
  }

  @Test
  void theRevenueIntervalOfAnAllocationHoldsWhatTheTrueCurvesExpect() {
    Map<String, Double> allocation = Map.of("search", 60_000.0, "social", 30_000.0, "display", 30_000.0);

    Interval interval = PlanBootstrap.of(histories, 100, 1).revenue(30, allocation, 0.9);

    double truth = BudgetOptimizer.evaluate(KnownCurves.truth(), 30, allocation).expectedRevenue();
    assertThat(interval.contains(truth)).as(interval + " holds " + truth).isTrue();
    assertThat(interval.high() - interval.low()).isLessThan(truth * 0.1);
  }
}
