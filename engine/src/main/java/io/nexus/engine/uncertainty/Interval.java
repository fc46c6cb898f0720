package io.nexus.engine.uncertainty;

import java.util.Arrays;

/**
 * A two-sided interval {@code [low, high]} of an estimate, such as the percentile interval of its bootstrap replicates.
 *
 * @param low the lower end
 * @param high the upper end, at least {@code low}
 */
public record Interval(double low, double high) {

  public Interval {
    if (!(low <= high)) {
      throw new IllegalArgumentException("an interval's low end must not exceed its high end: " + low + " > " + high);
    }
  }

  /**
   * The percentile interval of {@code replicates} at {@code confidence}: its {@code (1 - confidence) / 2} and
   * {@code (1 + confidence) / 2} quantiles, each interpolated linearly between the two nearest order statistics
   * (Hyndman and Fan's definition 7, R's default). The array is not changed.
   *
   * @throws IllegalArgumentException when there are no replicates or {@code confidence} is not in (0, 1)
   */
  public static Interval percentile(double[] replicates, double confidence) {
    if (replicates.length == 0) {
      throw new IllegalArgumentException("a percentile interval needs at least one replicate");
    }
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must be between 0 and 1 (exclusive): " + confidence);
    }
    double[] sorted = replicates.clone();
    Arrays.sort(sorted);
    return new Interval(quantile(sorted, (1 - confidence) / 2), quantile(sorted, (1 + confidence) / 2));
  }

  /** The {@code q} quantile of ascending {@code sorted}, interpolated (definition 7). */
  static double quantile(double[] sorted, double q) {
    double h = (sorted.length - 1) * q;
    // (1 - 0.8) / 2 is 0.09999999999999998 in doubles: a position that is whole but for rounding is taken as whole.
    if (Math.abs(h - Math.rint(h)) < 1e-9) {
      h = Math.rint(h);
    }
    int below = (int) Math.floor(h);
    int above = Math.min(sorted.length - 1, below + 1);
    return sorted[below] + (h - below) * (sorted[above] - sorted[below]);
  }

  /** Whether {@code x} lies within the interval, ends included. */
  public boolean contains(double x) {
    return x >= low && x <= high;
  }

  /** {@code high - low}. */
  public double width() {
    return high - low;
  }

  /** This interval with both ends multiplied by {@code factor} (ends swapped when it is negative). */
  public Interval times(double factor) {
    double a = low * factor;
    double b = high * factor;
    return new Interval(Math.min(a, b), Math.max(a, b));
  }
}
