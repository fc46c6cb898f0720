package io.nexus.engine.budget;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Daily data generated from response curves we know, with multiplicative noise, for the fit and plan proofs. */
final class KnownCurves {
  static final Map<String, ResponseCurve> TRUE = new LinkedHashMap<>();
  static final Map<String, double[]> SPEND_RANGE = new LinkedHashMap<>();

  static {
    TRUE.put("search", new ResponseCurve(4000, 0.8, 1500));
    TRUE.put("social", new ResponseCurve(2500, 0.6, 800));
    TRUE.put("display", new ResponseCurve(1500, 1.0, 2000));
    SPEND_RANGE.put("search", new double[] {200, 4000});
    SPEND_RANGE.put("social", new double[] {100, 2500});
    SPEND_RANGE.put("display", new double[] {300, 5000});
  }

  private KnownCurves() {}

  /** {@code days} days of every channel: spend uniform in its range, revenue its curve times 1 + N(0, noise). */
  static List<SpendHistory> generate(int days, double noise, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<SpendHistory> histories = new ArrayList<>();
    TRUE.forEach((channel, curve) -> {
      double[] range = SPEND_RANGE.get(channel);
      double[] spend = new double[days];
      double[] revenue = new double[days];
      for (int d = 0; d < days; d++) {
        spend[d] = range[0] + (range[1] - range[0]) * random.nextDouble();
        revenue[d] = Math.max(0, curve.revenue(spend[d]) * (1 + noise * gaussian(random)));
      }
      histories.add(new SpendHistory(channel, spend, revenue));
    });
    return histories;
  }

  /** The true curves as fits, for planning on the truth. */
  static List<CurveFit> truth() {
    List<CurveFit> fits = new ArrayList<>();
    TRUE.forEach((channel, curve) -> fits.add(new CurveFit(channel, curve, null, 0, 0, 1,
        SPEND_RANGE.get(channel)[1], 0, 0)));
    return fits;
  }

  /**
   * The best split of {@code budget} over {@code days} days on the true curves by brute force: every split on a grid
   * of a 4000th of the budget, independent of the optimiser under test.
   */
  static double[] bruteForceOptimum(int days, double budget) {
    List<ResponseCurve> curves = new ArrayList<>(TRUE.values());
    int steps = 4000;
    double best = -1;
    double[] split = null;
    for (int a = 0; a <= steps; a++) {
      for (int b = 0; a + b <= steps; b++) {
        double x = budget * a / steps;
        double y = budget * b / steps;
        double z = budget - x - y;
        double revenue = days * (curves.get(0).revenue(x / days) + curves.get(1).revenue(y / days)
            + curves.get(2).revenue(z / days));
        if (revenue > best) {
          best = revenue;
          split = new double[] {x, y, z};
        }
      }
    }
    return split;
  }

  private static double gaussian(SplittableRandom random) {
    // Box–Muller; SplittableRandom has no nextGaussian on Java 17.
    return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
