package io.nexus.server.journey;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A conversion as stored; immutable.
 *
 * @param id the conversion's id
 * @param journeyId its journey
 * @param conversionType {@code purchase}, {@code signup}, {@code lead}, ...
 * @param timestamp when it happened
 * @param revenue its value
 * @param quantity items bought, at least 1
 * @param productId the product id, or {@code null}
 * @param productName the product name, or {@code null}
 * @param productCategory the product category, or {@code null}
 * @param eventId the client's idempotency key, or {@code null}
 * @param createdAt when it was stored
 */
public record StoredConversion(
    long id,
    long journeyId,
    String conversionType,
    Instant timestamp,
    BigDecimal revenue,
    int quantity,
    String productId,
    String productName,
    String productCategory,
    String eventId,
    Instant createdAt) {}
