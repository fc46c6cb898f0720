package io.nexus.engine.budget;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The allocation of a budget over channels that maximises the revenue their fitted curves expect, and what any given
 * allocation is expected to return; stateless and thread-safe.
 *
 * <p>A period of {@code days} days is planned as even daily spend: {@code X} spent on a channel over the period
 * expects {@code days · r(X / days)}. The curves are concave, so the best allocation is where every channel not held
 * at a limit returns the same on its next unit of spend, {@code r'(X / days) = λ} (the Karush–Kuhn–Tucker conditions,
 * sufficient for a concave objective); λ is found by bisection so that the spends, each clipped to its limits, add up
 * to the budget (see docs/budget.md).
 */
public final class BudgetOptimizer {
  /**
   * How far a plan may take a channel beyond the highest daily spend seen, unless a limit says otherwise: a curve is
   * a guess beyond the data, and twice is the default upper bound of Robyn's allocator too.
   */
  public static final double EXTRAPOLATION_LIMIT = 2;

  private BudgetOptimizer() {}

  /**
   * {@code given} completed with the default upper limit of every channel: {@link #EXTRAPOLATION_LIMIT} times its
   * highest daily spend seen, over {@code days} days (never below its minimum), for channels without a finite max.
   */
  public static Map<String, SpendLimits> withinObserved(List<CurveFit> fits, int days,
      Map<String, SpendLimits> given) {
    Map<String, SpendLimits> limits = new HashMap<>(given);
    for (CurveFit fit : fits) {
      SpendLimits limit = given.getOrDefault(fit.channel(), SpendLimits.NONE);
      if (Double.isInfinite(limit.max())) {
        double cap = EXTRAPOLATION_LIMIT * fit.maxSpend() * days;
        limits.put(fit.channel(), new SpendLimits(limit.min(), Math.max(limit.min(), cap)));
      }
    }
    return limits;
  }

  /**
   * The best allocation of {@code budget} over {@code days} days among the channels of {@code fits}, each within its
   * {@code limits} (no limit for a channel not named).
   *
   * @throws IllegalArgumentException when a fit has no curve, a limit names a channel without a fit, the budget is
   *     negative, below the sum of the minima or above the sum of the maxima
   */
  public static BudgetPlan plan(List<CurveFit> fits, int days, double budget, Map<String, SpendLimits> limits) {
    check(fits, days, limits);
    if (!(budget >= 0) || Double.isInfinite(budget)) {
      throw new IllegalArgumentException("budget must be finite and not negative: " + budget);
    }
    int n = fits.size();
    ResponseCurve[] curves = new ResponseCurve[n];
    double[] min = new double[n];
    double[] max = new double[n];
    for (int i = 0; i < n; i++) {
      curves[i] = fits.get(i).curve();
      SpendLimits limit = limits.getOrDefault(fits.get(i).channel(), SpendLimits.NONE);
      min[i] = limit.min();
      max[i] = limit.max();
    }
    double[] spend = EqualMarginalReturn.solve(curves, days, budget, min, max);
    List<ChannelPlan> plans = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String atLimit = spend[i] == min[i] ? "min" : spend[i] == max[i] ? "max" : null;
      plans.add(channelPlan(fits.get(i), days, spend[i], atLimit));
    }
    return total(days, plans);
  }

  /**
   * What {@code allocation} (spend over the period by channel name) is expected to return over {@code days} days;
   * channels of {@code fits} not in it get nothing.
   *
   * @throws IllegalArgumentException when the allocation names a channel without a fit or holds a negative amount
   */
  public static BudgetPlan evaluate(List<CurveFit> fits, int days, Map<String, Double> allocation) {
    check(fits, days, Map.of());
    Map<String, CurveFit> byName = new HashMap<>();
    fits.forEach(f -> byName.put(f.channel(), f));
    for (Map.Entry<String, Double> entry : allocation.entrySet()) {
      if (!byName.containsKey(entry.getKey())) {
        throw new IllegalArgumentException("channel " + entry.getKey() + " has no response curve");
      }
      if (!(entry.getValue() >= 0) || Double.isInfinite(entry.getValue())) {
        throw new IllegalArgumentException("channel " + entry.getKey() + ": spend must be finite and not negative");
      }
    }
    List<ChannelPlan> plans = new ArrayList<>(fits.size());
    for (CurveFit fit : fits) {
      plans.add(channelPlan(fit, days, allocation.getOrDefault(fit.channel(), 0.0), null));
    }
    return total(days, plans);
  }

  private static void check(List<CurveFit> fits, int days, Map<String, SpendLimits> limits) {
    if (days < 1) {
      throw new IllegalArgumentException("days must be at least 1: " + days);
    }
    for (CurveFit fit : fits) {
      if (!fit.estimable()) {
        throw new IllegalArgumentException("channel " + fit.channel() + " has no response curve: "
            + fit.notEstimable());
      }
    }
    for (String channel : limits.keySet()) {
      if (fits.stream().noneMatch(f -> f.channel().equals(channel))) {
        throw new IllegalArgumentException("channel " + channel + " has no response curve");
      }
    }
  }

  private static ChannelPlan channelPlan(CurveFit fit, int days, double spend, String atLimit) {
    double daily = spend / days;
    return new ChannelPlan(fit.channel(), spend, days * fit.curve().revenue(daily), fit.curve().marginal(daily),
        atLimit, daily > fit.maxSpend());
  }

  private static BudgetPlan total(int days, List<ChannelPlan> plans) {
    double spend = 0;
    double revenue = 0;
    for (ChannelPlan plan : plans) {
      spend += plan.spend();
      revenue += plan.expectedRevenue();
    }
    return new BudgetPlan(days, plans, spend, revenue);
  }
}
