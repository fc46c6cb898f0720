package io.nexus.server.integration.internal.meta;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code nexus.meta.*}: the Graph API's access token, ad account, pixel and base URL (with its pinned version), the
 * catalogue channel Meta's spend belongs to, the one {@code action_type} taken as Meta's conversions, the Conversions
 * API's test event code, action source and currency of conversion values, how long and how often a throttled call is
 * retried, and the app secret that signs every call with {@code appsecret_proof} when the app requires it.
 */
@ConfigurationProperties(prefix = "nexus.meta")
record MetaSettings(String accessToken, String adAccountId, String pixelId, String graphUrl, String channel,
    String conversionActionType, String testEventCode, String actionSource, String currency, Duration timeout,
    Integer maxRetries, Duration retryBase, Duration maxWait, String appSecret) {
  /** The Graph API version the payloads were checked against (docs/integrations.md). */
  static final String DEFAULT_GRAPH_URL = "https://graph.facebook.com/v25.0";
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,30}");

  MetaSettings {
    accessToken = blankToNull(accessToken);
    adAccountId = blankToNull(adAccountId);
    if (adAccountId != null && adAccountId.startsWith("act_")) {
      adAccountId = adAccountId.substring(4);
    }
    pixelId = blankToNull(pixelId);
    graphUrl = graphUrl == null || graphUrl.isBlank() ? DEFAULT_GRAPH_URL : graphUrl.strip().replaceAll("/+$", "");
    channel = channel == null || channel.isBlank() ? "Paid Social" : channel.strip();
    conversionActionType = conversionActionType == null || conversionActionType.isBlank()
        ? "offsite_conversion.fb_pixel_purchase" : conversionActionType.strip();
    testEventCode = blankToNull(testEventCode);
    actionSource = actionSource == null || actionSource.isBlank() ? "system_generated" : actionSource.strip();
    currency = currency == null || currency.isBlank() ? null : currency.strip().toUpperCase(java.util.Locale.ROOT);
    timeout = timeout == null ? Duration.ofSeconds(60) : timeout;
    maxRetries = maxRetries == null ? 5 : Math.max(0, maxRetries);
    retryBase = retryBase == null ? Duration.ofSeconds(2) : retryBase;
    maxWait = maxWait == null ? Duration.ofMinutes(5) : maxWait;
    appSecret = blankToNull(appSecret);
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }

  /** The settings spend imports need and lack, by their environment names. */
  List<String> missingForImport() {
    List<String> missing = new ArrayList<>();
    if (accessToken == null) {
      missing.add("NEXUS_META_ACCESS_TOKEN");
    }
    if (adAccountId == null || !DIGITS.matcher(adAccountId).matches()) {
      missing.add("NEXUS_META_AD_ACCOUNT_ID");
    }
    return missing;
  }

  /** The settings pushes to the Conversions API need and lack, by their environment names. */
  List<String> missingForPush() {
    List<String> missing = new ArrayList<>();
    if (accessToken == null) {
      missing.add("NEXUS_META_ACCESS_TOKEN");
    }
    if (pixelId == null || !DIGITS.matcher(pixelId).matches()) {
      missing.add("NEXUS_META_PIXEL_ID");
    }
    if (currency == null || !currency.matches("[A-Z]{3}")) {
      missing.add("NEXUS_META_CURRENCY");
    }
    return missing;
  }

  /** The ad account as the Graph API names it. */
  String account() {
    return "act_" + adAccountId;
  }

  /** Never the token: settings may end up in a log. */
  @Override
  public String toString() {
    return "MetaSettings[accessToken=" + (accessToken == null ? "unset" : "set") + ", adAccountId=" + adAccountId
        + ", pixelId=" + pixelId + ", graphUrl=" + graphUrl + ", channel=" + channel + ", conversionActionType="
        + conversionActionType + ", testEventCode=" + (testEventCode == null ? "unset" : "set") + ", appSecret="
        + (appSecret == null ? "unset" : "set") + "]";
  }
}
