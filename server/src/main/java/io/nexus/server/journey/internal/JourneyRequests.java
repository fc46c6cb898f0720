package io.nexus.server.journey.internal;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.nexus.server.journey.StoredConversion;
import io.nexus.server.journey.StoredTouchpoint;
import io.nexus.server.web.Numeric;
import io.nexus.server.web.StorableText;
import io.nexus.server.web.StorableTime;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

/**
 * The request bodies of the journey, touchpoint and conversion endpoints. Batch elements are validated one by one
 * by {@link BatchValidation} rather than by cascading: cascading builds a nested path per property and cost a
 * quarter of the batch endpoints' CPU.
 */
final class JourneyRequests {
  static final int MAX_BATCH = 10_000;
  // The scales of touchpoints.cost NUMERIC(14, 4), touchpoints.engagement_score NUMERIC(6, 5) and
  // conversions.revenue NUMERIC(16, 4): values are answered at these scales, as they are stored.
  static final int COST_SCALE = 4;
  static final int ENGAGEMENT_SCALE = 5;
  static final int REVENUE_SCALE = 4;

  private JourneyRequests() {}

  /** A new journey. */
  record NewJourney(
      @NotBlank(message = "required") @Size(max = 200, message = "must be at most 200 characters") @StorableText
      String userId,
      @Size(max = 200, message = "must be at most 200 characters") @StorableText String sessionId,
      @NotNull(message = "required") @StorableTime Instant startTime) {}

  /** Many new journeys, all or nothing; a bare JSON array is accepted too. */
  record NewJourneys(
      @NotEmpty(message = "must hold at least one journey")
      @Size(max = MAX_BATCH, message = "must hold at most " + MAX_BATCH + " journeys") List<NewJourney> journeys) {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static NewJourneys of(List<NewJourney> journeys) {
      return new NewJourneys(journeys);
    }
  }

  /** A new touchpoint. */
  record NewTouchpoint(
      @NotNull(message = "required") Long journeyId,
      @NotNull(message = "required") Long channelId,
      @Pattern(regexp = "[a-z][a-z0-9_]{0,49}", message = "must be a lower-case type such as click, impression, visit")
      String touchpointType,
      @NotNull(message = "required") @StorableTime Instant timestamp,
      @Min(value = 1, message = "must be at least 1") Integer positionInJourney,
      @Min(value = 0, message = "must not be negative") Integer timeSpentSeconds,
      @Min(value = 0, message = "must not be negative") Integer pagesViewed,
      @DecimalMin(value = "0", message = "must be between 0 and 1")
      @DecimalMax(value = "1", message = "must be between 0 and 1")
      @Numeric(precision = 6, scale = ENGAGEMENT_SCALE) BigDecimal engagementScore,
      @DecimalMin(value = "0", message = "must not be negative") @Numeric(precision = 14, scale = COST_SCALE)
      BigDecimal cost,
      @Size(max = 200, message = "must be at most 200 characters") @StorableText String campaignId,
      @Size(max = 500, message = "must be at most 500 characters") @StorableText String campaignName,
      @Size(max = 50, message = "must be at most 50 characters") @StorableText String deviceType,
      @Size(max = 100, message = "must be at most 100 characters") @StorableText String browser,
      @Size(min = 1, max = 200, message = "must be 1 to 200 characters") @StorableText String eventId) {

    /**
     * The touchpoint as stored under {@code id}: at {@code nextPosition} unless the client set its position, with the
     * defaults filled in and its numbers at their columns' scales.
     */
    StoredTouchpoint toStored(long id, int nextPosition, Instant now) {
      return new StoredTouchpoint(id, journeyId, channelId, touchpointType == null ? "visit" : touchpointType,
          timestamp, positionInJourney != null ? positionInJourney : nextPosition, timeSpentSeconds, pagesViewed,
          atScale(engagementScore, ENGAGEMENT_SCALE), atScale(cost == null ? BigDecimal.ZERO : cost, COST_SCALE),
          campaignId, campaignName, deviceType, browser, eventId, now);
    }
  }

  /** Many new touchpoints, all or nothing; a bare JSON array is accepted too. */
  record NewTouchpoints(
      @NotEmpty(message = "must hold at least one touchpoint")
      @Size(max = MAX_BATCH, message = "must hold at most " + MAX_BATCH + " touchpoints")
      List<NewTouchpoint> touchpoints) {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static NewTouchpoints of(List<NewTouchpoint> touchpoints) {
      return new NewTouchpoints(touchpoints);
    }
  }

  /** A new conversion. */
  record NewConversion(
      @NotNull(message = "required") Long journeyId,
      @Pattern(regexp = "[a-z][a-z0-9_]{0,49}", message = "must be a lower-case type such as purchase or signup")
      String conversionType,
      @NotNull(message = "required") @StorableTime Instant timestamp,
      @NotNull(message = "required") @DecimalMin(value = "0", message = "must not be negative")
      @Numeric(precision = 16, scale = REVENUE_SCALE) BigDecimal revenue,
      @Min(value = 1, message = "must be at least 1") Integer quantity,
      @Size(max = 200, message = "must be at most 200 characters") @StorableText String productId,
      @Size(max = 500, message = "must be at most 500 characters") @StorableText String productName,
      @Size(max = 200, message = "must be at most 200 characters") @StorableText String productCategory,
      @Size(min = 1, max = 200, message = "must be 1 to 200 characters") @StorableText String eventId) {

    /** The conversion as stored under {@code id}, with the defaults filled in and its revenue at the column's scale. */
    StoredConversion toStored(long id, Instant now) {
      return new StoredConversion(id, journeyId, conversionType == null ? "purchase" : conversionType, timestamp,
          atScale(revenue, REVENUE_SCALE), quantity == null ? 1 : quantity, productId, productName, productCategory,
          eventId, now);
    }
  }

  /** Many new conversions, all or nothing; a bare JSON array is accepted too. */
  record NewConversions(
      @NotEmpty(message = "must hold at least one conversion")
      @Size(max = MAX_BATCH, message = "must hold at most " + MAX_BATCH + " conversions")
      List<NewConversion> conversions) {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static NewConversions of(List<NewConversion> conversions) {
      return new NewConversions(conversions);
    }
  }

  /**
   * {@code value} at its column's scale, as the database gives it back, so that the answer shows what was stored;
   * validation has made sure that no digit is lost.
   */
  private static BigDecimal atScale(BigDecimal value, int scale) {
    return value == null ? null : value.setScale(scale, RoundingMode.UNNECESSARY);
  }
}
