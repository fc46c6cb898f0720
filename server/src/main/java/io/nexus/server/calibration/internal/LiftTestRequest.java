package io.nexus.server.calibration.internal;

import io.nexus.server.web.Numeric;
import io.nexus.server.web.StorableText;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;

/**
 * A lift test to store: the channel, the test's days (dates such as {@code 2025-01-31}, both included), either the
 * incremental conversions or the lift, and the confidence interval of that measure.
 */
record LiftTestRequest(
    @NotNull(message = "required") Long channelId,
    @Size(max = 200, message = "must be at most 200 characters") @StorableText String name,
    @NotBlank(message = "required") String startDate,
    @NotBlank(message = "required") String endDate,
    @DecimalMin(value = "0", message = "must not be negative") @Numeric(precision = 18, scale = 4)
    BigDecimal incrementalConversions,
    @DecimalMin(value = "0", message = "must not be negative") @Numeric(precision = 12, scale = 6) BigDecimal lift,
    @NotNull(message = "required") @Size(min = 2, max = 2, message = "must be [low, high]")
    List<@NotNull(message = "required") @Numeric(precision = 18, scale = 6) BigDecimal> confidenceInterval,
    @DecimalMin(value = "0.5", message = "must be at least 0.5")
    @DecimalMax(value = "0.999", message = "must be at most 0.999") @Numeric(precision = 5, scale = 4)
    BigDecimal confidenceLevel) {}
