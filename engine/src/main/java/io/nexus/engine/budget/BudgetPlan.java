package io.nexus.engine.budget;

import java.util.List;

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
}
