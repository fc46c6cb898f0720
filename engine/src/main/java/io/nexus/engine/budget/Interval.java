package io.nexus.engine.budget;

import java.util.Arrays;

/**
 * A percentile interval of bootstrap replicates; immutable and thread-safe.
 *
 * @param low the lower end
 * @param high the upper end
 */
public record Interval(double low, double high) {

  /**
   * The central {@code confidence} interval of {@code values}: the {@code (1 − c)/2} and {@code (1 + c)/2} quantiles,
   * interpolated linearly between order statistics (Hyndman and Fan's type 7, R's default).
   */
  public static Interval percentile(double[] values, double confidence) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no values");
    }
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must be in (0, 1): " + confidence);
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return new Interval(quantile(sorted, (1 - confidence) / 2), quantile(sorted, (1 + confidence) / 2));
  }

  private static double quantile(double[] sorted, double p) {
    double h = (sorted.length - 1) * p;
    int below = (int) Math.floor(h);
    int above = Math.min(sorted.length - 1, below + 1);
    return sorted[below] + (h - below) * (sorted[above] - sorted[below]);
  }

  /** Whether {@code value} lies within the interval, ends included. */
  public boolean contains(double value) {
    return value >= low && value <= high;
  }
}
