package io.nexus.server.analytics;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The channels' costs over a range by {@link CostRule}; immutable.
 *
 * @param byChannel each channel's cost, by channel id; channels without any are left out
 * @param source where the costs came from: {@code none}, {@code touchpoints}, {@code platform_spend} or {@code both}
 *     (platform spend on some channel days, touchpoint costs on others)
 * @param currency the platform spend's one currency, or {@code null} without platform spend
 */
public record RangeCost(Map<Long, BigDecimal> byChannel, String source, String currency) {
  public RangeCost {
    byChannel = Map.copyOf(byChannel);
  }
}
