package io.nexus.server.integration.internal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** A push to make: the model, and the days whose journeys' conversions go (dates, both included, UTC). */
record PushRequest(
    @NotNull(message = "required") Long attributionModelId,
    @NotBlank(message = "required") String startDate,
    @NotBlank(message = "required") String endDate) {}
