package io.nexus.engine.budget;

import java.util.Optional;

/**
 * A channel's fitted response curve with its fit quality, or the reason none could be estimated; immutable and
 * thread-safe.
 *
 * @param channel the channel's name
 * @param curve the fitted curve, or {@code null} when the channel is not estimable
 * @param notEstimable why no curve could be estimated from the data, or {@code null} when one was
 * @param days how many days the fit saw
 * @param spendDays how many of them had spend
 * @param rSquared the share of the daily revenue's variance the curve explains (NaN when not estimable)
 * @param maxSpend the highest daily spend seen: beyond it the curve is extrapolated
 * @param totalSpend what was spent over all days
 * @param totalRevenue the revenue attributed over all days
 */
public record CurveFit(String channel, ResponseCurve curve, String notEstimable, int days, int spendDays,
    double rSquared, double maxSpend, double totalSpend, double totalRevenue) {

  /** Whether a curve was estimated. */
  public boolean estimable() {
    return curve != null;
  }

  /** The curve, when one was estimated. */
  public Optional<ResponseCurve> fitted() {
    return Optional.ofNullable(curve);
  }
}
