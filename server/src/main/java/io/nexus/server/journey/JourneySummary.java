package io.nexus.server.journey;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A journey's row: who, when, and the aggregates kept up to date as touchpoints and conversions arrive; immutable.
 *
 * @param id the journey's id
 * @param userId the user
 * @param sessionId the session, or {@code null}
 * @param startTime when the journey started (moved earlier if an earlier event arrives)
 * @param endTime the time of its latest event, at least the start time
 * @param totalTouchpoints how many touchpoints it has
 * @param conversionValue the sum of its conversions' revenue
 * @param hasConversion whether it has a conversion
 * @param journeyDurationMinutes minutes from start to end
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record JourneySummary(
    long id,
    String userId,
    String sessionId,
    Instant startTime,
    Instant endTime,
    int totalTouchpoints,
    BigDecimal conversionValue,
    boolean hasConversion,
    BigDecimal journeyDurationMinutes,
    Instant createdAt,
    Instant updatedAt) {}
