package io.nexus.engine.uncertainty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The percentile interval's definition: Hyndman and Fan's type 7 quantiles. */
class IntervalTest {

  @Test
  void percentileEndsInterpolateBetweenOrderStatistics() {
    double[] replicates = {10, 1, 9, 2, 8, 3, 7, 4, 6, 5, 11};

    Interval interval = Interval.percentile(replicates, 0.8);

    // (11 - 1) * 0.1 = 1 and (11 - 1) * 0.9 = 9: the 2nd and 10th smallest exactly.
    assertThat(interval).isEqualTo(new Interval(2, 10));
    assertThat(Interval.percentile(new double[] {0, 10}, 0.9).low()).isCloseTo(0.5, within(1e-12));
    assertThat(replicates[0]).as("the replicates are left alone").isEqualTo(10);
  }

  @Test
  void scalingAnIntervalKeepsItsEndsInOrder() {
    assertThat(new Interval(2, 4).times(-1)).isEqualTo(new Interval(-4, -2));
    assertThat(new Interval(2, 4).times(0.5)).isEqualTo(new Interval(1, 2));
  }

  @Test
  void anIntervalWithoutReplicatesOrWithEndsReversedIsRefused() {
    assertThatThrownBy(() -> Interval.percentile(new double[0], 0.9)).hasMessageContaining("at least one");
    assertThatThrownBy(() -> new Interval(2, 1)).hasMessageContaining("must not exceed");
  }
}
