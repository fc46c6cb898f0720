package io.nexus.server.journey;

import java.time.Instant;

/**
 * Which journeys to read: started in {@code [from, to)}, optionally only converting ones, optionally one user,
 * optionally only those touched by one channel; immutable.
 *
 * @param from the earliest start, inclusive, or {@code null}
 * @param to the latest start, exclusive, or {@code null}
 * @param hasConversion {@code true} or {@code false} to filter, {@code null} for both
 * @param userId a user, or {@code null}
 * @param channelId a channel at least one touchpoint of the journey came through, or {@code null}
 */
public record JourneyQuery(Instant from, Instant to, Boolean hasConversion, String userId, Long channelId) {

  /** Journeys of any channel. */
  public JourneyQuery(Instant from, Instant to, Boolean hasConversion, String userId) {
    this(from, to, hasConversion, userId, null);
  }

  /** Every journey. */
  public static JourneyQuery all() {
    return new JourneyQuery(null, null, null, null);
  }

  /** Journeys started in {@code [from, to)}, converting or not. */
  public static JourneyQuery between(Instant from, Instant to) {
    return new JourneyQuery(from, to, null, null);
  }
}
