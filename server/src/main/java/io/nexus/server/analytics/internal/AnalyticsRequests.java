package io.nexus.server.analytics.internal;

import io.nexus.server.attribution.TouchFilter;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The request bodies of the analytics endpoints; dates are {@code 2025-01-31} (whole day) or ISO-8601 instants. */
final class AnalyticsRequests {
  private AnalyticsRequests() {}

  /**
   * Channel ROI: the channels (all when left out), the date range and the model; {@code intervals} asks for bootstrap
   * intervals of revenue, ROI and ROAS; {@code calibrated} adds each channel's lift-test calibration beside the
   * model's own numbers; {@code lookback_days} and {@code exclude_direct} credit only the touches within that many
   * days before their conversion and not on Direct.
   */
  record ChannelRoi(
      @Size(max = 1000, message = "must hold at most 1000 ids")
      List<@NotNull(message = "must be a channel id, not null") Long> channelIds,
      @NotBlank(message = "required") String startDate,
      @NotBlank(message = "required") String endDate,
      @NotNull(message = "required") Long attributionModelId,
      Boolean intervals,
      Boolean calibrated,
      @Schema(description = TouchFilter.LOOKBACK_DAYS_DOC, minimum = "1", maximum = "3650") Integer lookbackDays,
      @Schema(description = TouchFilter.EXCLUDE_DIRECT_DOC) Boolean excludeDirect) {

    boolean withIntervals() {
      return Boolean.TRUE.equals(intervals);
    }
  }

  /**
   * Model comparison: the models (all active models when left out, the AI model among them when it has a provider
   * or a fallback model and no touches are left out), channels and date range; {@code intervals} asks for bootstrap
   * intervals of every cell (the AI model's from its stored answers); {@code lookback_days} and
   * {@code exclude_direct} as for channel ROI.
   */
  record ModelComparison(
      @Size(max = 50, message = "must hold at most 50 ids")
      List<@NotNull(message = "must be a model id, not null") Long> modelIds,
      @Size(max = 1000, message = "must hold at most 1000 ids")
      List<@NotNull(message = "must be a channel id, not null") Long> channelIds,
      @NotBlank(message = "required") String startDate,
      @NotBlank(message = "required") String endDate,
      Boolean intervals,
      @Schema(description = TouchFilter.LOOKBACK_DAYS_DOC, minimum = "1", maximum = "3650") Integer lookbackDays,
      @Schema(description = TouchFilter.EXCLUDE_DIRECT_DOC) Boolean excludeDirect) {

    boolean withIntervals() {
      return Boolean.TRUE.equals(intervals);
    }
  }

  /**
   * Overview: the date range (the previous period is the same length of time just before it) and the filter bar's
   * {@code lookback_days} and {@code exclude_direct}: without Direct the spend leaves Direct channels out; conversions,
   * revenue and spend do not depend on a lookback (docs/dashboard.md#the-overview-and-the-filter-bar).
   */
  @Schema(name = "OverviewRequest") // not "Overview", the answer's name: one would hide the other in the document
  record Overview(
      @NotBlank(message = "required") String startDate,
      @NotBlank(message = "required") String endDate,
      @Schema(description = "1 to 3650; accepted and checked like channel ROI's, but the overview credits no touch, "
          + "so it changes no number") Integer lookbackDays,
      @Schema(description = "leave the cost of channels of type direct out of spend and ROAS") Boolean excludeDirect) {}

  /**
   * Top conversion paths: the date range, how many paths, how to treat repeated channels, the path lengths to keep,
   * whether non-converting paths are listed too, and {@code lookback_days} and {@code exclude_direct} as for channel
   * ROI: paths of the touches they keep.
   */
  record TopPaths(
      @NotBlank(message = "required") String startDate,
      @NotBlank(message = "required") String endDate,
      @Min(value = 1, message = "must be at least 1") @Max(value = 1000, message = "must be at most 1000")
      Integer limit,
      String transform,
      @Min(value = 1, message = "must be at least 1") @Max(value = 1000, message = "must be at most 1000")
      Integer minLength,
      @Min(value = 1, message = "must be at least 1") @Max(value = 1000, message = "must be at most 1000")
      Integer maxLength,
      Boolean includeNonConverting,
      @Schema(description = TouchFilter.LOOKBACK_DAYS_DOC, minimum = "1", maximum = "3650") Integer lookbackDays,
      @Schema(description = TouchFilter.EXCLUDE_DIRECT_DOC) Boolean excludeDirect) {}
}
