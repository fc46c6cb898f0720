package io.nexus.engine.budget;

/**
 * Solves {@code max Σ days · r_i(X_i / days)} subject to {@code Σ X_i = budget} and {@code min_i ≤ X_i ≤ max_i} for
 * concave curves: {@code X_i(λ) = clip(days · r_i'^-1(λ), min_i, max_i)} falls as λ rises, so bisection on λ (on a
 * logarithmic scale) finds the λ at which the spends add up to the budget; what floating point leaves over is given
 * to the channels inside their limits.
 */
final class EqualMarginalReturn {
  private static final int ITERATIONS = 400;

  private EqualMarginalReturn() {}

  static double[] solve(ResponseCurve[] curves, int days, double budget, double[] min, double[] max) {
    int n = curves.length;
    double minimum = 0;
    double maximum = 0;
    for (int i = 0; i < n; i++) {
      minimum += min[i];
      maximum += max[i];
    }
    if (budget < minimum) {
      throw new IllegalArgumentException("budget " + budget + " is below the sum of the minima " + minimum);
    }
    if (budget > maximum) {
      throw new IllegalArgumentException("budget " + budget + " is above the sum of the maxima " + maximum);
    }
    if (n == 0) {
      return new double[0];
    }
    if (budget == minimum) {
      return min.clone();
    }
    if (budget == maximum) {
      return max.clone();
    }
    // Bracket λ: at `high` the spends add up to at most the budget, at `low` to at least.
    double high = 1;
    while (total(curves, days, high, min, max) > budget) {
      high *= 2;
    }
    double low = high;
    while (total(curves, days, low, min, max) < budget) {
      low /= 2;
    }
    for (int i = 0; i < ITERATIONS && high > low * (1 + 1e-15); i++) {
      double middle = Math.sqrt(low * high);
      if (total(curves, days, middle, min, max) > budget) {
        low = middle;
      } else {
        high = middle;
      }
    }
    double[] spend = spends(curves, days, high, min, max);
    settle(spend, budget, min, max);
    return spend;
  }

  private static double total(ResponseCurve[] curves, int days, double lambda, double[] min, double[] max) {
    double total = 0;
    for (double spend : spends(curves, days, lambda, min, max)) {
      total += spend;
    }
    return total;
  }

  private static double[] spends(ResponseCurve[] curves, int days, double lambda, double[] min, double[] max) {
    double[] spend = new double[curves.length];
    for (int i = 0; i < curves.length; i++) {
      double unclipped = days * curves[i].spendAtMarginal(lambda);
      spend[i] = Math.min(max[i], Math.max(min[i], unclipped));
    }
    return spend;
  }

  /**
   * Gives what floating point left of the budget (a few units in the last place) to the channels with room, first
   * those strictly inside their limits, so that the spends add up to the budget, those at a limit stay on it, and
   * none leaves its limits.
   */
  private static void settle(double[] spend, double budget, double[] min, double[] max) {
    boolean[] inside = new boolean[spend.length];
    for (int i = 0; i < spend.length; i++) {
      inside[i] = spend[i] > min[i] && spend[i] < max[i];
    }
    for (int pass = 0; pass < 6; pass++) {
      double left = budget;
      for (double s : spend) {
        left -= s;
      }
      if (left == 0) {
        return;
      }
      for (int i = 0; i < spend.length && left != 0; i++) {
        if (pass < 3 && !inside[i]) {
          continue;
        }
        double room = left > 0 ? max[i] - spend[i] : min[i] - spend[i];
        double step = left > 0 ? Math.min(left, room) : Math.max(left, room);
        spend[i] += step;
        left -= step;
      }
    }
  }
}
