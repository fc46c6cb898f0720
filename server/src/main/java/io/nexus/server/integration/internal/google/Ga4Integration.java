package io.nexus.server.integration.internal.google;

import io.nexus.server.integration.DailyTotals;
import io.nexus.server.integration.ImportRange;
import io.nexus.server.integration.PlatformEvent;
import io.nexus.server.integration.PlatformException;
import io.nexus.server.integration.PlatformFetch;
import io.nexus.server.integration.PlatformIntegration;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * GA4 ({@code google_analytics}): event-level journeys from the BigQuery export, reconciled per day against the Data
 * API's own counts when a property is set, whose report also gives Google Ads cost as spend (docs/integrations.md).
 * The same platform takes uploaded exports.
 */
@Component
@EnableConfigurationProperties(Ga4Settings.class)
class Ga4Integration implements PlatformIntegration {
  static final String NAME = "google_analytics";

  private final Ga4Settings settings;
  private final BigQueryExport export;
  private final Ga4DataApi reports;

  Ga4Integration(Ga4Settings settings, JsonMapper json) {
    this.settings = settings;
    this.export = new BigQueryExport(settings);
    this.reports = new Ga4DataApi(settings, json);
  }

  @Override
  public String platform() {
    return NAME;
  }

  @Override
  public List<String> missingSettings() {
    return settings.missingForExport();
  }

  @Override
  public PlatformFetch fetch(ImportRange range) {
    PlatformFetch read = export.read(range);
    if (!settings.reportsConfigured()) {
      return read.withTotals(null, "not reconciled: set NEXUS_GA4_PROPERTY_ID (the GA4 property's number) to "
          + "compare each day with GA4's own counts");
    }
    if (range.userId() != null) {
      return read.withTotals(null, "not reconciled: GA4's reports have no user dimension, so a one-user "
          + "import cannot be compared with them");
    }
    try {
      Ga4DataApi.Report report = reports.report(range);
      List<DailyTotals> totals = Ga4DataApi.daily(report.rows());
      return read.withTotals(totals, null).withSpend(List.of(GoogleAdsCost.of(settings.propertyId(), report)));
    } catch (PlatformException e) {
      // The journeys are read; GA4's counts are only for comparison, so their absence does not fail the import. No
      // cost is taken then, so the cost stored for these days before is kept rather than replaced by nothing.
      return read.withTotals(null, "not reconciled and no Google Ads cost taken (the cost stored before for these "
          + "days is kept): " + e.getMessage());
    }
  }

  @Override
  public List<PlatformEvent> fetchTouchpoints(ImportRange range) {
    return export.read(range).events().stream().filter(e -> e.event().isTouch()).toList();
  }

  @Override
  public List<PlatformEvent> fetchConversions(ImportRange range) {
    return export.read(range).events().stream().filter(e -> e.event().conversion()).toList();
  }
}
