package io.nexus.server.integration;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What one campaign cost on one day as a platform reports it, with the conversions the platform itself counts for it
 * (kept for reconciliation, never turned into journeys); immutable.
 *
 * @param campaignId the platform's campaign id
 * @param campaignName the campaign's name, or {@code null}
 * @param channel the catalogue channel the spend belongs to, by name (case-insensitive)
 * @param date the day, as the platform reports it
 * @param currency the ISO 4217 code, upper case
 * @param spend what was spent, not negative
 * @param impressions impressions
 * @param clicks clicks
 * @param conversions conversions the platform reports, or {@code null}
 * @param conversionValue their value, or {@code null}
 */
public record PlatformSpend(String campaignId, String campaignName, String channel, LocalDate date, String currency,
    BigDecimal spend, long impressions, long clicks, BigDecimal conversions, BigDecimal conversionValue) {

  public PlatformSpend {
    Objects.requireNonNull(campaignId, "campaignId");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(spend, "spend");
  }
}
