package io.nexus.server.journey;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A touchpoint as stored; immutable.
 *
 * @param id the touchpoint's id
 * @param journeyId its journey
 * @param channelId its channel
 * @param touchpointType {@code impression}, {@code click}, {@code visit}, {@code lead}, ...
 * @param timestamp when it happened
 * @param positionInJourney its position, 1-based, in order of arrival unless the client set it
 * @param timeSpentSeconds seconds spent, or {@code null}
 * @param pagesViewed pages viewed, or {@code null}
 * @param engagementScore engagement 0..1, or {@code null}
 * @param cost what it cost
 * @param campaignId the campaign id, or {@code null}
 * @param campaignName the campaign name, or {@code null}
 * @param deviceType the device type, or {@code null}
 * @param browser the browser, or {@code null}
 * @param eventId the client's idempotency key, or {@code null}
 * @param createdAt when it was stored
 */
public record StoredTouchpoint(
    long id,
    long journeyId,
    long channelId,
    String touchpointType,
    Instant timestamp,
    int positionInJourney,
    Integer timeSpentSeconds,
    Integer pagesViewed,
    BigDecimal engagementScore,
    BigDecimal cost,
    String campaignId,
    String campaignName,
    String deviceType,
    String browser,
    String eventId,
    Instant createdAt) {}
