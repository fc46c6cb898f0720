package io.nexus.server.journey.internal;

import com.fasterxml.jackson.annotation.JsonCreator;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The request bodies of the journey, touchpoint and conversion endpoints. Batch elements are validated one by one
 * by {@link BatchValidation} rather than by cascading: cascading builds a nested path per property and cost a
 * quarter of the batch endpoints' CPU.
 */
final class JourneyRequests {
  static final int MAX_BATCH = 10_000;

  private JourneyRequests() {}

  /** A new journey. */
  record NewJourney(
      @NotBlank(message = "required") @Size(max = 200, message = "must be at most 200 characters") String userId,
      @Size(max = 200, message = "must be at most 200 characters") String sessionId,
      @NotNull(message = "required") Instant startTime) {}

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
      @NotNull(message = "required") Instant timestamp,
      @Min(value = 1, message = "must be at least 1") Integer positionInJourney,
      @Min(value = 0, message = "must not be negative") Integer timeSpentSeconds,
      @Min(value = 0, message = "must not be negative") Integer pagesViewed,
      @DecimalMin(value = "0", message = "must be between 0 and 1")
      @DecimalMax(value = "1", message = "must be between 0 and 1") BigDecimal engagementScore,
      @DecimalMin(value = "0", message = "must not be negative") BigDecimal cost,
      @Size(max = 200, message = "must be at most 200 characters") String campaignId,
      @Size(max = 500, message = "must be at most 500 characters") String campaignName,
      @Size(max = 50, message = "must be at most 50 characters") String deviceType,
      @Size(max = 100, message = "must be at most 100 characters") String browser,
      @Size(min = 1, max = 200, message = "must be 1 to 200 characters") String eventId) {}

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
      @NotNull(message = "required") Instant timestamp,
      @NotNull(message = "required") @DecimalMin(value = "0", message = "must not be negative") BigDecimal revenue,
      @Min(value = 1, message = "must be at least 1") Integer quantity,
      @Size(max = 200, message = "must be at most 200 characters") String productId,
      @Size(max = 500, message = "must be at most 500 characters") String productName,
      @Size(max = 200, message = "must be at most 200 characters") String productCategory,
      @Size(min = 1, max = 200, message = "must be 1 to 200 characters") String eventId) {}

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
}
