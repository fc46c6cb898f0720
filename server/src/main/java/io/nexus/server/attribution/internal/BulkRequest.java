package io.nexus.server.attribution.internal;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * {@code POST /calculate/bulk}: the journeys (by id, or those started in a date range) to credit under each model.
 *
 * @param journeyIds the journeys, or {@code null} to select them by date range; at most 1,000,000
 * @param modelIds the models, required; at most 100
 * @param useCache whether single answers may come from the cache (default true)
 * @param startDate with {@code endDate}, selects converting journeys started in the range (runs as a job)
 * @param endDate the end of the range, a date (inclusive) or a timestamp (exclusive)
 */
record BulkRequest(
    List<@NotNull(message = "must be a journey id, not null") Long> journeyIds,
    @NotEmpty(message = "must name at least one model")
    List<@NotNull(message = "must be a model id, not null") Long> modelIds,
    Boolean useCache,
    String startDate,
    String endDate) {}
