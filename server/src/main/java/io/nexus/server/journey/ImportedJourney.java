package io.nexus.server.journey;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.springframework.modulith.NamedInterface;

/**
 * A whole journey to import at once (demo data, migrations from other tools); immutable.
 *
 * @param userId the user
 * @param sessionId the session, or {@code null}
 * @param startTime when it started
 * @param touchpoints its touchpoints, positions given by list order
 * @param conversions its conversions
 */
@NamedInterface("imports")
public record ImportedJourney(String userId, String sessionId, Instant startTime, List<Touch> touchpoints,
    List<Purchase> conversions) {

  public ImportedJourney {
    touchpoints = List.copyOf(touchpoints);
    conversions = List.copyOf(conversions);
  }

  /** A touchpoint of an imported journey. */
  public record Touch(long channelId, String touchpointType, Instant timestamp, BigDecimal cost,
      BigDecimal engagementScore, Integer timeSpentSeconds, Integer pagesViewed, String campaignName,
      String deviceType, String browser) {}

  /** A conversion of an imported journey. */
  public record Purchase(String conversionType, Instant timestamp, BigDecimal revenue, int quantity,
      String productName, String productCategory) {}
}
