package io.nexus.server.integration.internal;

import io.nexus.server.attribution.AttributionReports;
import io.nexus.server.attribution.ChannelAmount;
import io.nexus.server.attribution.CreditedJourney;
import io.nexus.server.channel.Channel;
import io.nexus.server.channel.ChannelCatalog;
import io.nexus.server.integration.AttributedConversion;
import io.nexus.server.integration.PlatformException;
import io.nexus.server.integration.PlatformIntegration;
import io.nexus.server.integration.PushResult;
import io.nexus.server.journey.StoredConversion;
import io.nexus.server.web.ApiException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Pushes a model's attribution of the conversions of some days back to a platform: every conversion of the converting
 * journeys started in the range, with each channel's share of its journey's credit. Synchronous: the answer says what
 * the platform received. Conversions keep stable event ids, so a push made twice is deduplicated by the platform.
 */
@Service
class PushService {
  /** The most conversions one push sends; a longer range is refused, to be pushed in parts. */
  static final int MAX_CONVERSIONS = 100_000;
  /** Shares of a journey's credit, to this many decimals. */
  private static final int SHARE_SCALE = 6;

  private final IntegrationRegistry registry;
  private final AttributionReports attribution;
  private final ChannelCatalog channels;

  PushService(IntegrationRegistry registry, AttributionReports attribution, ChannelCatalog channels) {
    this.registry = registry;
    this.attribution = attribution;
    this.channels = channels;
  }

  /**
   * What a push sent, as answered.
   *
   * @param platform the platform
   * @param attributionModelId the model
   * @param startDate the first day of the journeys' starts
   * @param endDate the last
   * @param conversions conversions found in the range
   * @param sent sent to the platform
   * @param accepted the platform says it received
   * @param skipped not sent because the platform would refuse them
   * @param requests requests made to the platform
   * @param notes what the platform or the integration said
   */
  record Pushed(String platform, long attributionModelId, LocalDate startDate, LocalDate endDate, long conversions,
      long sent, long accepted, long skipped, long requests, List<String> notes) {}

  Pushed push(String platform, long modelId, LocalDate start, LocalDate end) {
    PlatformIntegration integration = registry.find(platform).orElseThrow(() -> UploadFormats.NAMES.contains(platform)
        ? ApiException.unprocessable("platform", platform + " is a file upload format and takes no results")
        : ApiException.notFound("Platform", platform));
    if (!integration.canPush()) {
      throw ApiException.unprocessable("platform", platform + " does not take attribution results; platforms that "
          + "do: " + String.join(", ", registry.all().values().stream().filter(PlatformIntegration::canPush)
              .map(PlatformIntegration::platform).toList()));
    }
    List<String> missing = integration.missingPushSettings();
    if (!missing.isEmpty()) {
      throw ApiException.unprocessable("platform", platform + " cannot push: set " + String.join(", ", missing));
    }
    List<AttributedConversion> conversions = conversions(modelId, start, end);
    PushResult result;
    try {
      result = conversions.isEmpty() ? new PushResult(0, 0, 0, 0, List.of("no conversions in the range"))
          : integration.push(conversions);
    } catch (PlatformException e) {
      throw new ApiException(HttpStatus.BAD_GATEWAY, "Platform failed", platform + ": " + e.getMessage(), List.of());
    }
    return new Pushed(platform, modelId, start, end, conversions.size(), result.sent(), result.accepted(),
        result.skipped(), result.requests(), result.notes());
  }

  private List<AttributedConversion> conversions(long modelId, LocalDate start, LocalDate end) {
    Map<Long, String> names = new HashMap<>();
    for (Channel channel : channels.all()) {
      names.put(channel.id(), channel.name());
    }
    List<AttributedConversion> all = new ArrayList<>();
    attribution.forEachCredited(modelId, start.atStartOfDay().toInstant(ZoneOffset.UTC),
        end.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC), credited -> {
          List<AttributedConversion.ChannelShare> shares = shares(credited, names);
          for (StoredConversion c : credited.journey().conversions()) {
            if (all.size() >= MAX_CONVERSIONS) {
              throw ApiException.unprocessable("end_date", "the range holds more than " + MAX_CONVERSIONS
                  + " conversions; push it in parts");
            }
            String eventId = c.eventId() != null && !c.eventId().isBlank() ? c.eventId()
                : "nexus:conversion:" + c.id();
            all.add(new AttributedConversion(eventId, credited.journey().journey().userId(), c.conversionType(),
                c.timestamp(), plain(c.revenue()), modelId, shares));
          }
        });
    return all;
  }

  /** The amount without the storage's trailing zeros (120.0000 is 120), at least to the cent. */
  private static BigDecimal plain(BigDecimal amount) {
    BigDecimal stripped = amount.stripTrailingZeros();
    return stripped.scale() < 2 ? stripped.setScale(2, RoundingMode.UNNECESSARY) : stripped;
  }

  /** Each channel's credit as a share of what the journey's credits add up to. */
  private static List<AttributedConversion.ChannelShare> shares(CreditedJourney credited, Map<Long, String> names) {
    BigDecimal total = credited.credits().stream().map(ChannelAmount::revenue).reduce(BigDecimal.ZERO,
        BigDecimal::add);
    List<AttributedConversion.ChannelShare> shares = new ArrayList<>(credited.credits().size());
    for (ChannelAmount credit : credited.credits()) {
      BigDecimal share = total.signum() == 0 ? BigDecimal.ZERO
          : credit.revenue().divide(total, SHARE_SCALE, RoundingMode.HALF_UP);
      shares.add(new AttributedConversion.ChannelShare(names.getOrDefault(credit.channelId(),
          "channel " + credit.channelId()), share));
    }
    return shares;
  }
}
