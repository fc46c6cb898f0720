package io.nexus.server.analytics.internal;

import io.nexus.server.attribution.TouchFilter;
import io.nexus.server.web.Numeric;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.Map;

/** The request bodies of the budget endpoints; amounts are money over a period as long as the date range. */
final class BudgetRequests {
  private BudgetRequests() {}

  /** A channel's least and most spend; either may be left out. */
  record Limits(
      @DecimalMin(value = "0", message = "must not be negative") @Numeric(precision = 15, scale = 2) BigDecimal min,
      @DecimalMin(value = "0", message = "must not be negative") @Numeric(precision = 15, scale = 2) BigDecimal max) {}

  /**
   * The budget to split over the channels the model's curves can plan, within the constraints by channel id; the
   * curves of the revenue the model credits to the touches {@code lookback_days} and {@code exclude_direct} keep.
   */
  record Plan(
      @NotNull(message = "required") Long attributionModelId,
      @NotBlank(message = "required") String startDate,
      @NotBlank(message = "required") String endDate,
      @NotNull(message = "required") @DecimalMin(value = "0", message = "must not be negative")
      @Numeric(precision = 15, scale = 2) BigDecimal totalBudget,
      @Size(max = 1000, message = "must hold at most 1000 channels") Map<String, @Valid Limits> constraints,
      Boolean intervals,
      @DecimalMin(value = "0.5", message = "must be at least 0.5")
      @DecimalMax(value = "0.99", message = "must be at most 0.99") Double confidence,
      @Min(value = 20, message = "must be at least 20") @Max(value = 1000, message = "must be at most 1000")
      Integer replicates,
      @Schema(description = TouchFilter.LOOKBACK_DAYS_DOC, minimum = "1", maximum = "3650") Integer lookbackDays,
      @Schema(description = TouchFilter.EXCLUDE_DIRECT_DOC) Boolean excludeDirect) {}

  /** What a given allocation by channel id is expected to return, on curves of the touches kept as for a plan. */
  record WhatIf(
      @NotNull(message = "required") Long attributionModelId,
      @NotBlank(message = "required") String startDate,
      @NotBlank(message = "required") String endDate,
      @NotNull(message = "required") @Size(max = 1000, message = "must hold at most 1000 channels")
      Map<String, @NotNull(message = "required") @DecimalMin(value = "0", message = "must not be negative")
          @Numeric(precision = 15, scale = 2) BigDecimal> allocation,
      Boolean intervals,
      @DecimalMin(value = "0.5", message = "must be at least 0.5")
      @DecimalMax(value = "0.99", message = "must be at most 0.99") Double confidence,
      @Min(value = 20, message = "must be at least 20") @Max(value = 1000, message = "must be at most 1000")
      Integer replicates,
      @Schema(description = TouchFilter.LOOKBACK_DAYS_DOC, minimum = "1", maximum = "3650") Integer lookbackDays,
      @Schema(description = TouchFilter.EXCLUDE_DIRECT_DOC) Boolean excludeDirect) {}
}
