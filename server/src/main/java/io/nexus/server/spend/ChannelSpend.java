package io.nexus.server.spend;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What one campaign of one ad account cost on one day, as its platform reports it; immutable. The platform, account,
 * campaign and day identify the row: storing it again replaces it.
 *
 * @param platform the platform's name in URLs, such as {@code facebook_ads}
 * @param accountId the platform's ad account, such as {@code act_1234}
 * @param campaignId the platform's campaign id
 * @param campaignName the campaign's name, or {@code null}
 * @param channelId the catalogue channel the campaign's spend belongs to
 * @param date the day, in the ad account's time zone as the platform reports it
 * @param currency the ISO 4217 code of the account's currency, upper case
 * @param spend what was spent, not negative
 * @param impressions impressions, not negative
 * @param clicks clicks, not negative
 * @param conversions the conversions the platform reports for the campaign and day, or {@code null}
 * @param conversionValue their value as the platform reports it, or {@code null}
 */
public record ChannelSpend(String platform, String accountId, String campaignId, String campaignName, long channelId,
    LocalDate date, String currency, BigDecimal spend, long impressions, long clicks, BigDecimal conversions,
    BigDecimal conversionValue) {
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  public ChannelSpend {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(spend, "spend");
    require(platform, "platform", 100);
    require(accountId, "accountId", 200);
    require(campaignId, "campaignId", 200);
    if (campaignName != null && campaignName.length() > 500) {
      throw new IllegalArgumentException("campaignName has more than 500 characters");
    }
    if (currency == null || !CURRENCY.matcher(currency).matches()) {
      throw new IllegalArgumentException("currency must be three upper-case letters such as EUR: " + currency);
    }
    if (impressions < 0 || clicks < 0) {
      throw new IllegalArgumentException("impressions and clicks must not be negative");
    }
    amount(spend, "spend");
    amount(conversions, "conversions");
    amount(conversionValue, "conversionValue");
  }

  private static void amount(BigDecimal value, String name) {
    if (value == null) {
      return;
    }
    if (value.signum() < 0) {
      throw new IllegalArgumentException(name + " must not be negative: " + value.toPlainString());
    }
    if (value.scale() > 4) {
      throw new IllegalArgumentException(name + " has more than 4 decimals: " + value.toPlainString());
    }
    if (value.precision() - value.scale() > 14) {
      throw new IllegalArgumentException(name + " is too large: " + value.toPlainString());
    }
  }

  private static void require(String value, String name, int max) {
    if (value == null || value.isBlank() || value.length() > max) {
      throw new IllegalArgumentException(name + " must have 1 to " + max + " characters");
    }
  }
}
