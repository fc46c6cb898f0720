package io.nexus.engine;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One marketing contact with a user: the channel it came through, when, and what it cost; immutable and thread-safe.
 *
 * @param channel the channel the touch is credited to (after channel grouping)
 * @param timestamp when the touch happened
 * @param type the kind of touch, lower case: {@code impression}, {@code click}, {@code visit}, {@code lead}, ...
 * @param cost what the touch cost, never negative
 * @param engagementScore engagement between 0 and 1, or {@code null} when unknown
 * @param timeSpentSeconds seconds spent, never negative
 * @param pagesViewed pages viewed, never negative
 * @param campaign the campaign name, or {@code null}
 */
public record Touchpoint(
    Channel channel,
    Instant timestamp,
    String type,
    BigDecimal cost,
    Double engagementScore,
    long timeSpentSeconds,
    int pagesViewed,
    String campaign) implements Serializable {

  /** The type given to touches that do not say what they are. */
  public static final String DEFAULT_TYPE = "visit";

  public Touchpoint {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(timestamp, "timestamp");
    type = type == null || type.isBlank() ? DEFAULT_TYPE : type.strip().toLowerCase(Locale.ROOT);
    cost = cost == null ? BigDecimal.ZERO : cost;
    if (cost.signum() < 0) {
      throw new IllegalArgumentException("cost must not be negative: " + cost);
    }
    if (engagementScore != null && !(engagementScore >= 0 && engagementScore <= 1)) {
      throw new IllegalArgumentException("engagementScore must be between 0 and 1: " + engagementScore);
    }
    if (timeSpentSeconds < 0) {
      throw new IllegalArgumentException("timeSpentSeconds must not be negative: " + timeSpentSeconds);
    }
    if (pagesViewed < 0) {
      throw new IllegalArgumentException("pagesViewed must not be negative: " + pagesViewed);
    }
  }

  /** A touch with only a channel and a time: a free visit. */
  public static Touchpoint of(Channel channel, Instant timestamp) {
    return new Touchpoint(channel, timestamp, DEFAULT_TYPE, BigDecimal.ZERO, null, 0, 0, null);
  }

  /** A free visit on the channel {@linkplain Channel#named named} {@code channel}. */
  public static Touchpoint of(String channel, Instant timestamp) {
    return of(Channel.named(channel), timestamp);
  }

  /** A touch of the given type with a cost. */
  public static Touchpoint of(Channel channel, Instant timestamp, String type, BigDecimal cost) {
    return new Touchpoint(channel, timestamp, type, cost, null, 0, 0, null);
  }

  /** A touch of the given type with a cost on the channel {@linkplain Channel#named named} {@code channel}. */
  public static Touchpoint of(String channel, Instant timestamp, String type, BigDecimal cost) {
    return of(Channel.named(channel), timestamp, type, cost);
  }

  /** This touch moved to another channel, for channel grouping and relabelling. */
  public Touchpoint withChannel(Channel newChannel) {
    return new Touchpoint(newChannel, timestamp, type, cost, engagementScore, timeSpentSeconds, pagesViewed, campaign);
  }
}
