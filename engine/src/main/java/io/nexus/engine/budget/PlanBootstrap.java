package io.nexus.engine.budget;

import io.nexus.engine.uncertainty.Interval;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * How sure a plan is: the curves refitted on days drawn with replacement (the same days for every channel, so that
 * what happens on one day stays together), seeded and deterministic, replicates in parallel; immutable and
 * thread-safe.
 *
 * <p>A replicate in which a channel's resampled days cannot be fitted (too few distinct days with spend) is left out
 * and counted in {@link #dropped()}.
 */
public final class PlanBootstrap {
  private final List<List<CurveFit>> replicates;
  private final int dropped;

  private PlanBootstrap(List<List<CurveFit>> replicates, int dropped) {
    this.replicates = replicates;
    this.dropped = dropped;
  }

  /** {@code count} replicates of the fits of {@code histories} (all over the same days), drawn with {@code seed}. */
  public static PlanBootstrap of(List<SpendHistory> histories, int count, long seed) {
    if (count < 1) {
      throw new IllegalArgumentException("replicates must be at least 1: " + count);
    }
    int days = histories.isEmpty() ? 0 : histories.get(0).days();
    // Each replicate's search starts from the point fit: resampled days move the optimum a little, not across the grid.
    List<CurveFit> point = ResponseCurves.fit(histories);
    double[][] spend = new double[histories.size()][];
    double[][] revenue = new double[histories.size()][];
    for (int c = 0; c < histories.size(); c++) {
      if (histories.get(c).days() != days) {
        throw new IllegalArgumentException("every history must cover the same days");
      }
      spend[c] = histories.get(c).spend();
      revenue[c] = histories.get(c).revenue();
    }
    List<List<CurveFit>> drawn = IntStream.range(0, count).parallel().mapToObj(r -> {
      SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + r);
      int[] picks = new int[days];
      for (int d = 0; d < days; d++) {
        picks[d] = random.nextInt(days);
      }
      List<CurveFit> fits = new ArrayList<>(histories.size());
      for (int c = 0; c < histories.size(); c++) {
        double[] s = new double[days];
        double[] y = new double[days];
        for (int d = 0; d < days; d++) {
          s[d] = spend[c][picks[d]];
          y[d] = revenue[c][picks[d]];
        }
        CurveFit fit = ResponseCurves.fit(histories.get(c).channel(), s, y, point.get(c).curve());
        if (!fit.estimable()) {
          return null;
        }
        fits.add(fit);
      }
      return fits;
    }).toList();
    List<List<CurveFit>> kept = drawn.stream().filter(f -> f != null).toList();
    return new PlanBootstrap(kept, drawn.size() - kept.size());
  }

  /** The replicates kept, each the fits of every channel in the order given. */
  public List<List<CurveFit>> replicates() {
    return replicates;
  }

  /** How many replicates were left out because a channel could not be fitted on their days. */
  public int dropped() {
    return dropped;
  }

  /** The interval of what {@code allocation} is expected to return over {@code days} days. */
  public Interval revenue(int days, Map<String, Double> allocation, double confidence) {
    double[] values = new double[replicates.size()];
    for (int r = 0; r < values.length; r++) {
      values[r] = BudgetOptimizer.evaluate(replicates.get(r), days, allocation).expectedRevenue();
    }
    return Interval.percentile(values, confidence);
  }

  /** The interval of what {@code allocation} is expected to return from {@code channel} over {@code days} days. */
  public Interval revenue(int days, Map<String, Double> allocation, String channel, double confidence) {
    double[] values = new double[replicates.size()];
    for (int r = 0; r < values.length; r++) {
      values[r] = BudgetOptimizer.evaluate(replicates.get(r), days, allocation).channel(channel).expectedRevenue();
    }
    return Interval.percentile(values, confidence);
  }

  /** The interval of the spend the plan recommends for {@code channel} when each replicate's curves are planned on. */
  public Interval spend(int days, double budget, Map<String, SpendLimits> limits, String channel, double confidence) {
    double[] values = new double[replicates.size()];
    for (int r = 0; r < values.length; r++) {
      values[r] = BudgetOptimizer.plan(replicates.get(r), days, budget, limits).channel(channel).spend();
    }
    return Interval.percentile(values, confidence);
  }
}
