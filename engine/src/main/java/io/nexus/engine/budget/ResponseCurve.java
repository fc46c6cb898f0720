package io.nexus.engine.budget;

/**
 * A channel's daily attributed revenue against its daily spend, the concave Hill curve
 * {@code r(x) = beta · x^alpha / (x^alpha + kappa^alpha)}; immutable and thread-safe.
 *
 * <p>{@code beta} is the ceiling the revenue approaches, {@code kappa} the spend at which half of it is reached (the
 * half-saturation point) and {@code alpha} the shape. The shape is kept in {@code (0, 1]}, where the curve is concave
 * (every further unit of spend returns less than the one before) and its marginal return falls strictly from
 * {@code r'(0)} to 0, so that equal marginal returns give the one best allocation (see docs/budget.md).
 *
 * @param beta the ceiling of daily revenue, positive
 * @param alpha the shape, in {@code (0, 1]}
 * @param kappa the half-saturation daily spend, positive
 */
public record ResponseCurve(double beta, double alpha, double kappa) {

  public ResponseCurve {
    if (!(beta > 0) || !Double.isFinite(beta)) {
      throw new IllegalArgumentException("beta must be positive and finite: " + beta);
    }
    if (!(alpha > 0 && alpha <= 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1]: " + alpha);
    }
    if (!(kappa > 0) || !Double.isFinite(kappa)) {
      throw new IllegalArgumentException("kappa must be positive and finite: " + kappa);
    }
  }

  /** The expected daily revenue at daily spend {@code spend} (0 at no spend). */
  public double revenue(double spend) {
    if (spend <= 0) {
      return 0;
    }
    return beta * share(spend);
  }

  /** The share of the ceiling reached at daily spend {@code spend}, in {@code [0, 1)}. */
  public double share(double spend) {
    if (spend <= 0) {
      return 0;
    }
    // x^a / (x^a + k^a) = 1 / (1 + (k/x)^a), which neither overflows nor loses the small end.
    return 1 / (1 + Math.pow(kappa / spend, alpha));
  }

  /** The marginal return {@code r'(spend)}: revenue per further unit of daily spend; infinite at 0 when alpha < 1. */
  public double marginal(double spend) {
    if (spend <= 0) {
      return alpha < 1 ? Double.POSITIVE_INFINITY : beta / kappa;
    }
    double s = share(spend);
    // r'(x) = beta · alpha · s · (1 − s) / x with s the share of the ceiling.
    return beta * alpha * s * (1 - s) / spend;
  }

  /**
   * The daily spend at which the marginal return has fallen to {@code lambda}: the inverse of {@link #marginal},
   * 0 when even the first unit returns less than {@code lambda}.
   */
  public double spendAtMarginal(double lambda) {
    if (!(lambda > 0)) {
      return Double.POSITIVE_INFINITY;
    }
    if (marginal(0) <= lambda) {
      return 0;
    }
    double low = 0;
    double high = kappa;
    while (marginal(high) > lambda) {
      low = high;
      high *= 2;
      if (Double.isInfinite(high)) {
        return Double.MAX_VALUE;
      }
    }
    // The marginal return falls strictly, so bisection closes in on the one crossing, to the last bit.
    for (int i = 0; i < 200 && high - low > Math.ulp(high); i++) {
      double middle = 0.5 * (low + high);
      if (marginal(middle) > lambda) {
        low = middle;
      } else {
        high = middle;
      }
    }
    return 0.5 * (low + high);
  }
}
