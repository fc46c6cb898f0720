package io.nexus.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * What spend on a channel returned: attributed revenue against cost, with the ROI and ROAS every answer, report and
 * stored result gives; immutable and thread-safe.
 *
 * <p>ROI is {@code (revenue − cost) / cost × 100} rounded half up to 4 decimal places, ROAS {@code revenue / cost}
 * rounded half up to 6 places; both are {@code null}, never zero or infinite, when nothing was spent.
 *
 * @param revenue the attributed revenue
 * @param cost what the touches on the channel cost, never negative
 */
public record ReturnOnSpend(BigDecimal revenue, BigDecimal cost) {
  /** The decimal places of {@link #roi()}. */
  public static final int ROI_SCALE = 4;
  /** The decimal places of {@link #roas()}. */
  public static final int ROAS_SCALE = 6;
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  public ReturnOnSpend {
    Objects.requireNonNull(revenue, "revenue");
    cost = cost == null ? BigDecimal.ZERO : cost;
    if (cost.signum() < 0) {
      throw new IllegalArgumentException("cost must not be negative: " + cost);
    }
  }

  /** {@code (revenue − cost) / cost × 100} to 4 places, half up; {@code null} when nothing was spent. */
  public BigDecimal roi() {
    return cost.signum() == 0 ? null
        : revenue.subtract(cost).multiply(HUNDRED).divide(cost, ROI_SCALE, RoundingMode.HALF_UP);
  }

  /** {@code revenue / cost} to 6 places, half up; {@code null} when nothing was spent. */
  public BigDecimal roas() {
    return cost.signum() == 0 ? null : revenue.divide(cost, ROAS_SCALE, RoundingMode.HALF_UP);
  }
}
