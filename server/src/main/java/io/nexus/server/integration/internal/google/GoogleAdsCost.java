package io.nexus.server.integration.internal.google;

import io.nexus.engine.journey.ChannelGrouping;
import io.nexus.server.integration.PlatformException;
import io.nexus.server.integration.PlatformSpend;
import io.nexus.server.integration.SpendReport;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Google Ads cost as GA4 reports it: the Data API's {@code advertiserAdCost} of the sessions from {@code google} /
 * {@code cpc}, one spend row per campaign and day, the GA4 property ({@code properties/<id>}) as the account.
 */
final class GoogleAdsCost {
  private static final ChannelGrouping GROUPING = ChannelGrouping.ga4();

  private GoogleAdsCost() {}

  /**
   * The report's Google Ads cost. Days without cost give no row, so an unlinked Google Ads account never hides the
   * touchpoints' own costs behind zeros.
   *
   * @throws PlatformException when the report has cost but names no currency
   */
  static SpendReport of(String propertyId, Ga4DataApi.Report report) {
    Map<String, PlatformSpend> rows = new LinkedHashMap<>();
    for (Ga4DataApi.ReportRow row : report.rows()) {
      if (!row.source().strip().equalsIgnoreCase("google") || !row.medium().strip().equalsIgnoreCase("cpc")
          || row.adCost().signum() == 0) {
        continue;
      }
      if (report.currency() == null) {
        throw new PlatformException("the GA4 Data API's report has Google Ads cost but names no currency "
            + "(metadata.currencyCode)");
      }
      String campaign = row.campaign().isBlank() ? "(not set)" : row.campaign().strip();
      // GA4 may split one campaign's day over spellings of the source ("google", "Google"): they are one row.
      rows.merge(row.date() + "\u0000" + campaign.toLowerCase(Locale.ROOT),
          spend(campaign, row.date(), report.currency(), row.adCost()),
          (a, b) -> spend(a.campaignName(), a.date(), a.currency(), a.spend().add(b.spend())));
    }
    return new SpendReport("properties/" + propertyId, new ArrayList<>(rows.values()));
  }

  private static PlatformSpend spend(String campaign, LocalDate date, String currency, BigDecimal cost) {
    // The report has no campaign id (sessionGoogleAdsCampaignId is not asked for): the name is the campaign's key.
    return new PlatformSpend(campaign, campaign, GROUPING.channelFor("google", "cpc", campaign), date, currency, cost,
        0, 0, null, null);
  }
}
