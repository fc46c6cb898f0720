package io.nexus.engine.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * An allocation of spend over channels for a period of days with the revenue the curves expect from it; immutable
 * and thread-safe.
 *
 * @param days how many days the period has
 * @param channels each channel's spend and expected revenue, in the order of the curves
 * @param spend the total spend
 * @param expectedRevenue the total expected revenue
 */
public record BudgetPlan(int days, List<ChannelPlan> channels, double spend, double expectedRevenue) {

  public BudgetPlan {
    channels = List.copyOf(channels);
  }

  /** Expected revenue per unit of spend, or NaN when nothing is spent. */
  public double roas() {
    return spend > 0 ? expectedRevenue / spend : Double.NaN;
  }

  /** The plan of {@code channel}, if it is in this plan. */
  public ChannelPlan channel(String channel) {
    return channels.stream().filter(c -> c.channel().equals(channel)).findFirst().orElse(null);
  }

  /**
   * Each channel's spend to the cent, in the order of {@link #channels()}, adding up exactly to the total spend
   * rounded to the cent: each rounded down, then the cents left over given one each to the largest remainders (Hare's
   * largest-remainder method). With a budget and limits in whole cents, every amount stays within its limits.
   */
  public List<BigDecimal> spendInCents() {
    long total = Math.round(spend * 100);
    long[] cents = new long[channels.size()];
    double[] remainder = new double[cents.length];
    long given = 0;
    for (int i = 0; i < cents.length; i++) {
      double exact = channels.get(i).spend() * 100;
      // A spend a few units in the last place below a whole cent (a limit reached by floating point) is that cent.
      cents[i] = (long) Math.floor(exact + 1e-6);
      remainder[i] = exact - cents[i];
      given += cents[i];
    }
    List<Integer> order = IntStream.range(0, cents.length).boxed()
        .sorted(Comparator.<Integer>comparingDouble(i -> -remainder[i]).thenComparing(i -> i)).toList();
    for (int k = 0; given < total && k < order.size(); k++) {
      cents[order.get(k)]++;
      given++;
    }
    List<BigDecimal> amounts = new ArrayList<>(cents.length);
    for (long c : cents) {
      amounts.add(BigDecimal.valueOf(c, 2).setScale(2, RoundingMode.UNNECESSARY));
    }
    return amounts;
  }
}
