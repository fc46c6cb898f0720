package io.nexus.server.attribution.internal;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * {@code POST /calculate/bulk}: the journeys (by id, or those started in a date range) to credit under each model.
 *
 * @param journeyIds the journeys, or {@code null} to select them by date range
 * @param modelIds the models, required
 * @param useCache whether single answers may come from the cache (default true)
 * @param startDate with {@code endDate}, selects converting journeys started in the range (runs as a job)
 * @param endDate the end of the range, a date (inclusive) or a timestamp (exclusive)
 */
record BulkRequest(
    @Size(max = 1_000_000, message = "must hold at most 1,000,000 ids") List<Long> journeyIds,
    @NotEmpty(message = "must name at least one model") @Size(max = 100, message = "must hold at most 100 models")
    List<Long> modelIds,
    Boolean useCache,
    String startDate,
    String endDate) {}
