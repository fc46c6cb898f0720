package io.nexus.engine.journey;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One raw event of a user, a touch or a conversion, as the journey builder reads it from logs, files or APIs;
 * immutable and thread-safe.
 *
 * <p>A touch names its channel directly, or leaves it {@code null} and gives source/medium/campaign for
 * {@link ChannelGrouping} to map. A conversion that also names a channel (or source/medium) is a converting visit: the
 * builder records the touch, then the conversion.
 *
 * @param userId the user, never blank
 * @param timestamp when it happened
 * @param channel the channel, or {@code null} to derive it from source/medium/campaign
 * @param source the traffic source (utm_source), or {@code null}
 * @param medium the traffic medium (utm_medium), or {@code null}
 * @param campaign the campaign (utm_campaign), or {@code null}
 * @param touchpointType the kind of touch, or {@code null} for a visit
 * @param cost what the touch cost, or {@code null} for nothing
 * @param engagementScore engagement 0..1, or {@code null}
 * @param timeSpentSeconds seconds spent, 0 when unknown
 * @param pagesViewed pages viewed, 0 when unknown
 * @param conversion whether the event is a conversion
 * @param conversionType the kind of conversion, or {@code null} for a purchase
 * @param revenue the conversion's value, or {@code null} for nothing
 */
public record UserEvent(
    String userId,
    Instant timestamp,
    String channel,
    String source,
    String medium,
    String campaign,
    String touchpointType,
    BigDecimal cost,
    Double engagementScore,
    long timeSpentSeconds,
    int pagesViewed,
    boolean conversion,
    String conversionType,
    BigDecimal revenue) {

  public UserEvent {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(timestamp, "timestamp");
  }

  /** A touch on a named channel. */
  public static UserEvent touch(String userId, Instant timestamp, String channel) {
    return new UserEvent(userId, timestamp, channel, null, null, null, null, null, null, 0, 0, false, null, null);
  }

  /** A touch described by source, medium and campaign, for channel grouping. */
  public static UserEvent visit(String userId, Instant timestamp, String source, String medium, String campaign) {
    return new UserEvent(userId, timestamp, null, source, medium, campaign, null, null, null, 0, 0, false, null, null);
  }

  /** A purchase of the given value, not itself a touch. */
  public static UserEvent purchase(String userId, Instant timestamp, BigDecimal revenue) {
    return new UserEvent(userId, timestamp, null, null, null, null, null, null, null, 0, 0, true, null, revenue);
  }

  /** Whether the event carries a channel or traffic source, and so counts as a touch. */
  public boolean isTouch() {
    return !conversion || hasChannel();
  }

  private boolean hasChannel() {
    return notBlank(channel) || notBlank(source) || notBlank(medium) || notBlank(campaign);
  }

  private static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }
}
