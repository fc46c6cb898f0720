package io.nexus.server.attribution.internal;

import io.nexus.server.attribution.ChannelCreditView;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A journey laid out for drawing: its touchpoints in time order with how long before the conversion each came and
 * what it earned under the model, its conversions and its channel totals.
 */
record JourneyTimeline(
    long journeyId,
    String userId,
    String sessionId,
    Instant startTime,
    Instant endTime,
    BigDecimal journeyDurationMinutes,
    boolean hasConversion,
    BigDecimal conversionValue,
    Model model,
    List<Touch> touchpoints,
    List<ConversionMark> conversions,
    List<ChannelCreditView> channels) {

  /** The model the credits are under. */
  record Model(long id, String name, String modelType) {}

  /**
   * One touchpoint on the timeline; credit fields are null without a model or a conversion. Minutes to conversion
   * count to the first conversion at or after the touch (null when none follows: the touch earns nothing).
   */
  record Touch(long id, int position, long channelId, String channelName, String touchpointType, Instant timestamp,
      BigDecimal minutesSinceStart, BigDecimal minutesToConversion, BigDecimal cost, Double credit,
      BigDecimal attributedRevenue, BigDecimal engagementScore) {}

  /** One conversion on the timeline. */
  record ConversionMark(long id, String conversionType, Instant timestamp, BigDecimal revenue,
      BigDecimal minutesSinceStart) {}
}
