package io.nexus.engine.budget;

/**
 * What a plan gives one channel over the planned period and what it expects back; immutable and thread-safe.
 *
 * @param channel the channel's name
 * @param spend the spend over the period
 * @param expectedRevenue the revenue its curve expects from that spend spread evenly over the days
 * @param marginalReturn the revenue the next unit of spend would bring: equal for every channel not held at a limit
 * @param atLimit {@code "min"} or {@code "max"} when a limit holds the channel there, else {@code null}
 * @param beyondObserved whether the daily spend exceeds the highest daily spend seen, where the curve is extrapolated
 */
public record ChannelPlan(String channel, double spend, double expectedRevenue, double marginalReturn,
    String atLimit, boolean beyondObserved) {

  /** Expected revenue per unit of spend, or NaN when nothing is spent. */
  public double roas() {
    return spend > 0 ? expectedRevenue / spend : Double.NaN;
  }
}
