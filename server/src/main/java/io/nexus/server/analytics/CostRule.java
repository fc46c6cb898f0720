package io.nexus.server.analytics;

import java.time.Instant;

/**
 * What the channels cost over a date range by the rule channel ROI uses (docs/integrations.md#spend): per channel and
 * UTC day, platform spend when there is any, else the touchpoints' costs; for other modules' reports; thread-safe.
 */
public interface CostRule {

  /**
   * The channels' costs over {@code [from, to)}; refused with 422 when the platform spend of the range is in more than
   * one currency, since the costs of channels are added up.
   */
  RangeCost over(Instant from, Instant to);
}
