package io.nexus.server.calibration.internal;

/**
 * The arithmetic of calibration (docs/budget.md): a test's standard error from its confidence interval, the
 * precision-weighted pooling of several tests, and the shrinkage of the pooled factor towards 1.
 */
final class Shrinkage {
  /**
   * The prior's standard deviation around factor 1: before any experiment the model's credit is taken as right to
   * within ±50 % (one standard deviation). A test as uncertain as that moves the factor halfway.
   */
  static final double PRIOR_SD = 0.5;
  /** The smallest standard error a test is given, so that a zero-width interval does not divide by zero. */
  private static final double MIN_SE = 1e-9;

  private Shrinkage() {}

  /** The standard error of a normal estimate whose two-sided {@code level} interval is {@code [low, high]}. */
  static double standardError(double low, double high, double level) {
    return Math.max(MIN_SE, (high - low) / (2 * normalQuantile((1 + level) / 2)));
  }

  /** The pooled factor and its standard error: {@code Σ f/σ² / Σ 1/σ²} and {@code 1/√(Σ 1/σ²)}. */
  static double[] pool(double[] factors, double[] errors) {
    double precision = 0;
    double weighted = 0;
    for (int i = 0; i < factors.length; i++) {
      double p = 1 / (errors[i] * errors[i]);
      precision += p;
      weighted += p * factors[i];
    }
    return new double[] {weighted / precision, 1 / Math.sqrt(precision)};
  }

  /** The weight of the tests against the prior: {@code τ² / (τ² + σ²)}. */
  static double weight(double error) {
    return PRIOR_SD * PRIOR_SD / (PRIOR_SD * PRIOR_SD + error * error);
  }

  /** The posterior mean of the factor: {@code 1 + w · (f − 1)}. */
  static double shrink(double factor, double error) {
    return 1 + weight(error) * (factor - 1);
  }

  /**
   * The standard normal quantile of {@code p}, by Acklam's rational approximation (relative error below 1.2e-9),
   * enough for interval widths.
   */
  static double normalQuantile(double p) {
    double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
        -3.066479806614716e+01, 2.506628277459239e+00};
    double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
        -1.328068155288572e+01};
    double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
        4.374664141464968e+00, 2.938163982698783e+00};
    double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
    double low = 0.02425;
    if (p < low) {
      double q = Math.sqrt(-2 * Math.log(p));
      return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
          / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    if (p > 1 - low) {
      return -normalQuantile(1 - p);
    }
    double q = p - 0.5;
    double r = q * q;
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
        / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }
}
