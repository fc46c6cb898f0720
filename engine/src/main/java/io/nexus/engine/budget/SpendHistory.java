package io.nexus.engine.budget;

import java.util.Arrays;
import java.util.Objects;

/**
 * One channel's spend and attributed revenue, day by day over the same days; immutable and thread-safe.
 *
 * @param channel the channel's name
 * @param spend what was spent on the channel each day, never negative (0 on a day without spend)
 * @param revenue the revenue attributed to the channel each day, never negative
 */
public record SpendHistory(String channel, double[] spend, double[] revenue) {

  public SpendHistory {
    Objects.requireNonNull(channel, "channel");
    spend = spend.clone();
    revenue = revenue.clone();
    if (spend.length != revenue.length) {
      throw new IllegalArgumentException("spend and revenue must cover the same days: " + spend.length + " and "
          + revenue.length);
    }
    for (int day = 0; day < spend.length; day++) {
      if (!(spend[day] >= 0) || !(revenue[day] >= 0) || Double.isInfinite(spend[day])
          || Double.isInfinite(revenue[day])) {
        throw new IllegalArgumentException("day " + day + ": spend and revenue must be finite and not negative");
      }
    }
  }

  /** How many days it covers. */
  public int days() {
    return spend.length;
  }

  /** The spend of every day; a copy. */
  @Override
  public double[] spend() {
    return spend.clone();
  }

  /** The revenue of every day; a copy. */
  @Override
  public double[] revenue() {
    return revenue.clone();
  }

  /** What was spent over all days. */
  public double totalSpend() {
    return Arrays.stream(spend).sum();
  }

  /** The revenue attributed over all days. */
  public double totalRevenue() {
    return Arrays.stream(revenue).sum();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SpendHistory that && channel.equals(that.channel) && Arrays.equals(spend, that.spend)
        && Arrays.equals(revenue, that.revenue);
  }

  @Override
  public int hashCode() {
    return Objects.hash(channel, Arrays.hashCode(spend), Arrays.hashCode(revenue));
  }

  @Override
  public String toString() {
    return "SpendHistory[" + channel + ", " + spend.length + " days]";
  }
}
