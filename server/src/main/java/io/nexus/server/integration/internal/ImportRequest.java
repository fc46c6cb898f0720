package io.nexus.server.integration.internal;

import io.nexus.server.web.StorableText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** An import to run: the days (dates such as {@code 2025-01-31}, both included, UTC) and optionally one user. */
record ImportRequest(
    @NotBlank(message = "required") String startDate,
    @NotBlank(message = "required") String endDate,
    @Size(min = 1, max = 255, message = "must have 1 to 255 characters") @StorableText String userId) {}
