package io.nexus.server.spend.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One stored spend row as {@code GET /spend} lists it, with the conversions the platform reports (for reconciliation;
 * {@code null} when it reports none) and when it was last stored; immutable.
 */
record SpendRow(String platform, String accountId, String campaignId, String campaignName, long channelId,
    LocalDate date, String currency, BigDecimal spend, long impressions, long clicks, BigDecimal conversions,
    BigDecimal conversionValue, Instant updatedAt) {}
