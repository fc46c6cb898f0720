package io.nexus.server.integration.internal.meta;

import io.nexus.server.integration.AttributedConversion;
import io.nexus.server.integration.ImportRange;
import io.nexus.server.integration.PlatformEvent;
import io.nexus.server.integration.PlatformIntegration;
import io.nexus.server.integration.PushResult;
import io.nexus.server.integration.SpendReport;
import java.util.List;

/**
 * Meta Ads ({@code facebook_ads}): campaign spend per day from the Marketing API's Insights, with the conversions
 * Meta counts for one action type kept beside it for reconciliation, and pushes of attributed conversions to the
 * Conversions API. Meta reports no user-level touches or conversions, so an import brings spend only
 * (docs/integrations.md#meta-ads-facebook_ads).
 */
final class MetaAdsIntegration implements PlatformIntegration {
  static final String PLATFORM = "facebook_ads";

  private final MetaSettings settings;
  private final MetaInsights insights;
  private final MetaConversions conversions;

  MetaAdsIntegration(MetaSettings settings, MetaInsights insights, MetaConversions conversions) {
    this.settings = settings;
    this.insights = insights;
    this.conversions = conversions;
  }

  @Override
  public String platform() {
    return PLATFORM;
  }

  @Override
  public List<String> missingSettings() {
    return settings.missingForImport();
  }

  @Override
  public List<PlatformEvent> fetchTouchpoints(ImportRange range) {
    return List.of();
  }

  @Override
  public List<PlatformEvent> fetchConversions(ImportRange range) {
    return List.of();
  }

  @Override
  public List<SpendReport> fetchSpend(ImportRange range) {
    return List.of(new SpendReport(settings.account(), insights.spend(range)));
  }

  @Override
  public boolean canPush() {
    return true;
  }

  @Override
  public List<String> missingPushSettings() {
    return settings.missingForPush();
  }

  @Override
  public PushResult push(List<AttributedConversion> pushed) {
    return conversions.push(pushed);
  }
}
