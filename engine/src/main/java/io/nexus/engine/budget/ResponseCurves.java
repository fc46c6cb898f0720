package io.nexus.engine.budget;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Fits a {@link ResponseCurve} to each channel's daily spend and attributed revenue by least squares, or says why the
 * data cannot tell one; stateless and thread-safe.
 *
 * <p>The scale {@code beta} has a closed form for each shape ({@code alpha}, {@code kappa}), so the fit searches the
 * two shape parameters only: a grid over {@code alpha} in {@code [0.1, 1]} and {@code kappa} on a logarithmic scale
 * from a tenth of the smallest daily spend to ten times the largest, then a pattern search from the best point of the
 * grid down to steps of 1e-6.
 */
public final class ResponseCurves {
  /** The fewest days a fit needs. */
  public static final int MIN_DAYS = 14;
  /** The fewest days with spend a fit needs. */
  public static final int MIN_SPEND_DAYS = 7;
  /** Below this coefficient of variation of the days with spend, spend is taken as not varying. */
  public static final double MIN_VARIATION = 0.05;

  private ResponseCurves() {}

  /** The fits of every channel, in the order given. */
  public static List<CurveFit> fit(List<SpendHistory> histories) {
    List<CurveFit> fits = new ArrayList<>(histories.size());
    for (SpendHistory history : histories) {
      fits.add(fit(history));
    }
    return fits;
  }

  /** The fit of one channel: its curve and fit quality, or why it is not estimable. */
  public static CurveFit fit(SpendHistory history) {
    double[] spend = history.spend();
    double[] revenue = history.revenue();
    return fit(history.channel(), spend, revenue);
  }

  static CurveFit fit(String channel, double[] spend, double[] revenue) {
    return fit(channel, spend, revenue, null);
  }

  /** The fit, its search started from {@code start}'s shape when given. */
  static CurveFit fit(String channel, double[] spend, double[] revenue, ResponseCurve start) {
    int days = spend.length;
    int spendDays = 0;
    double max = 0;
    double total = 0;
    double sum = 0;
    double squares = 0;
    double totalRevenue = 0;
    for (int day = 0; day < days; day++) {
      totalRevenue += revenue[day];
      if (spend[day] > 0) {
        spendDays++;
        max = Math.max(max, spend[day]);
        total += spend[day];
        sum += spend[day];
        squares += spend[day] * spend[day];
      }
    }
    String reason = null;
    if (days < MIN_DAYS) {
      reason = "only " + days + " days of data; a curve needs at least " + MIN_DAYS;
    } else if (spendDays == 0) {
      reason = "nothing was spent on it: revenue without spend has no response to spend";
    } else if (spendDays < MIN_SPEND_DAYS) {
      reason = "spend on only " + spendDays + " days; a curve needs at least " + MIN_SPEND_DAYS;
    } else if (totalRevenue <= 0) {
      reason = "no revenue was attributed to it";
    } else {
      double mean = sum / spendDays;
      double variance = Math.max(0, squares / spendDays - mean * mean);
      double variation = Math.sqrt(variance) / mean;
      if (variation < MIN_VARIATION) {
        reason = String.format(Locale.ROOT, "no spend variation: the days with spend vary by %.1f %% around %.2f, "
            + "too little to tell how revenue responds to other amounts", 100 * variation, mean);
      }
    }
    if (reason != null) {
      return new CurveFit(channel, null, reason, days, spendDays, Double.NaN, max, total, totalRevenue);
    }
    HillFit best = HillFit.search(spend, revenue, start);
    double meanRevenue = totalRevenue / days;
    double totalSquares = 0;
    for (double y : revenue) {
      totalSquares += (y - meanRevenue) * (y - meanRevenue);
    }
    double rSquared = totalSquares == 0 ? 0 : 1 - best.residual() / totalSquares;
    return new CurveFit(channel, best.curve(), null, days, spendDays, rSquared, max, total, totalRevenue);
  }
}
