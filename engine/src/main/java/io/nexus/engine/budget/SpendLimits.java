package io.nexus.engine.budget;

/**
 * The least and the most a plan may give one channel over the planned period; immutable and thread-safe.
 *
 * @param min the least, at least 0
 * @param max the most, at least {@code min}; {@link Double#POSITIVE_INFINITY} for no limit
 */
public record SpendLimits(double min, double max) {
  /** No limit: from 0 to any amount. */
  public static final SpendLimits NONE = new SpendLimits(0, Double.POSITIVE_INFINITY);

  public SpendLimits {
    if (!(min >= 0) || Double.isInfinite(min)) {
      throw new IllegalArgumentException("min must be finite and not negative: " + min);
    }
    if (!(max >= min)) {
      throw new IllegalArgumentException("max must be at least min: min " + min + ", max " + max);
    }
  }
}
