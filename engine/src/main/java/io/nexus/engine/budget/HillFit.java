package io.nexus.engine.budget;

/**
 * The least-squares Hill curve of one channel's days: for a shape ({@code alpha}, {@code kappa}) the best scale is
 * {@code beta = Σ y·g / Σ g²} with {@code g} the shape's share of the ceiling, leaving the residual
 * {@code Σ y² − (Σ y·g)² / Σ g²}; the shape is searched on a grid, then refined by a pattern search.
 */
record HillFit(ResponseCurve curve, double residual) {
  private static final double MIN_ALPHA = 0.1;
  private static final int ALPHA_STEPS = 19;
  private static final int KAPPA_STEPS = 60;

  static HillFit search(double[] spend, double[] revenue) {
    return search(spend, revenue, null);
  }

  /**
   * The fit from the grid's best point, or, given {@code start} (a fit of similar data, such as the point fit a
   * bootstrap replicate resamples), from its shape with small first steps, which skips the grid.
   */
  static HillFit search(double[] spend, double[] revenue, ResponseCurve start) {
    double smallest = Double.MAX_VALUE;
    double largest = 0;
    double squares = 0;
    for (int day = 0; day < spend.length; day++) {
      if (spend[day] > 0) {
        smallest = Math.min(smallest, spend[day]);
        largest = Math.max(largest, spend[day]);
      }
      squares += revenue[day] * revenue[day];
    }
    double logLow = Math.log(smallest / 10);
    double logHigh = Math.log(largest * 10);
    double bestAlpha = 1;
    double bestLogKappa = logHigh;
    double bestGain = Double.NEGATIVE_INFINITY;
    double alphaStep = (1 - MIN_ALPHA) / (ALPHA_STEPS - 1);
    double kappaStep = (logHigh - logLow) / (KAPPA_STEPS - 1);
    if (start != null) {
      bestAlpha = Math.min(1, Math.max(MIN_ALPHA, start.alpha()));
      bestLogKappa = Math.min(logHigh, Math.max(logLow, Math.log(start.kappa())));
      bestGain = gain(spend, revenue, bestAlpha, Math.exp(bestLogKappa));
      alphaStep /= 2;
      kappaStep /= 2;
    }
    for (int a = 0; a < ALPHA_STEPS && start == null; a++) {
      double alpha = MIN_ALPHA + (1 - MIN_ALPHA) * a / (ALPHA_STEPS - 1);
      for (int k = 0; k < KAPPA_STEPS; k++) {
        double logKappa = logLow + (logHigh - logLow) * k / (KAPPA_STEPS - 1);
        double gain = gain(spend, revenue, alpha, Math.exp(logKappa));
        if (gain > bestGain) {
          bestGain = gain;
          bestAlpha = alpha;
          bestLogKappa = logKappa;
        }
      }
    }
    // Pattern search from the best point: try the eight neighbours, move to the best improvement, else halve.
    while (alphaStep > 1e-6 || kappaStep > 1e-6) {
      double moveAlpha = bestAlpha;
      double moveLogKappa = bestLogKappa;
      double moveGain = bestGain;
      for (int da = -1; da <= 1; da++) {
        for (int dk = -1; dk <= 1; dk++) {
          double alpha = Math.min(1, Math.max(MIN_ALPHA, bestAlpha + da * alphaStep));
          double logKappa = Math.min(logHigh, Math.max(logLow, bestLogKappa + dk * kappaStep));
          double gain = gain(spend, revenue, alpha, Math.exp(logKappa));
          if (gain > moveGain) {
            moveGain = gain;
            moveAlpha = alpha;
            moveLogKappa = logKappa;
          }
        }
      }
      if (moveGain > bestGain) {
        bestGain = moveGain;
        bestAlpha = moveAlpha;
        bestLogKappa = moveLogKappa;
      } else {
        alphaStep /= 2;
        kappaStep /= 2;
      }
    }
    double kappa = Math.exp(bestLogKappa);
    double[] sums = sums(spend, revenue, bestAlpha, kappa);
    double beta = sums[0] / sums[1];
    return new HillFit(new ResponseCurve(beta, bestAlpha, kappa), Math.max(0, squares - bestGain));
  }

  /** {@code (Σ y·g)² / Σ g²}: how much of {@code Σ y²} the best scale of this shape explains. */
  private static double gain(double[] spend, double[] revenue, double alpha, double kappa) {
    double[] sums = sums(spend, revenue, alpha, kappa);
    return sums[1] == 0 || sums[0] <= 0 ? Double.NEGATIVE_INFINITY : sums[0] * sums[0] / sums[1];
  }

  private static double[] sums(double[] spend, double[] revenue, double alpha, double kappa) {
    double cross = 0;
    double norm = 0;
    for (int day = 0; day < spend.length; day++) {
      if (spend[day] > 0) {
        double g = 1 / (1 + Math.pow(kappa / spend[day], alpha));
        cross += revenue[day] * g;
        norm += g * g;
      }
    }
    return new double[] {cross, norm};
  }
}
