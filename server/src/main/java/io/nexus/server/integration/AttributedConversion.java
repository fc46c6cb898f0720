package io.nexus.server.integration;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A conversion with what an attribution model credits each channel of its journey, as pushed back to a platform;
 * immutable.
 *
 * @param eventId the conversion's stable id (its client event id, else one made from its stored id), so that a
 *     platform can deduplicate a push made twice
 * @param userId the journey's user
 * @param conversionType such as {@code purchase}
 * @param timestamp when it happened
 * @param value its revenue
 * @param attributionModelId the attribution model
 * @param credits each channel's share of the journey's credit, in order of first touch
 */
public record AttributedConversion(String eventId, String userId, String conversionType, Instant timestamp,
    BigDecimal value, long attributionModelId, List<ChannelShare> credits) {

  public AttributedConversion {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(value, "value");
    credits = List.copyOf(credits);
  }

  /**
   * One channel's share of a journey's credit.
   *
   * @param channel the channel's name
   * @param share the fraction of the journey's credited value, 0 to 1 for additive models
   */
  public record ChannelShare(String channel, BigDecimal share) {}
}
