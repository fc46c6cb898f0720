package io.nexus.server.journey;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.nexus.engine.Channel;
import io.nexus.engine.Conversion;
import io.nexus.engine.Journey;
import io.nexus.engine.JourneyId;
import io.nexus.engine.Touchpoint;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * A journey with its touchpoints (by position) and conversions (by time); immutable.
 *
 * @param journey the journey's row
 * @param touchpoints its touchpoints
 * @param conversions its conversions
 * @param version the journey's change counter, for cache keys (not part of the API)
 */
public record JourneyDetail(
    @JsonUnwrapped JourneySummary journey,
    List<StoredTouchpoint> touchpoints,
    List<StoredConversion> conversions,
    @JsonIgnore long version) {

  public JourneyDetail {
    touchpoints = List.copyOf(touchpoints);
    conversions = List.copyOf(conversions);
  }

  /**
   * The journey as the engine sees it, identified by its id, each touch on the engine channel {@code channels} gives
   * for its channel id: credits come back with the same channel, so they map to channel ids as they are.
   */
  public Journey toEngineJourney(LongFunction<Channel> channels) {
    List<Touchpoint> touches = new ArrayList<>(touchpoints.size());
    for (StoredTouchpoint t : touchpoints) {
      touches.add(new Touchpoint(channels.apply(t.channelId()), t.timestamp(), t.touchpointType(), t.cost(),
          t.engagementScore() == null ? null : t.engagementScore().doubleValue(),
          t.timeSpentSeconds() == null ? 0 : t.timeSpentSeconds(), t.pagesViewed() == null ? 0 : t.pagesViewed(),
          t.campaignName()));
    }
    List<Conversion> converted = new ArrayList<>(conversions.size());
    for (StoredConversion c : conversions) {
      // The column's scale (4) is storage detail: credits split the value at the scale the client gave it.
      converted.add(new Conversion(c.timestamp(), c.conversionType(), plain(c.revenue())));
    }
    return new Journey(JourneyId.of(journey.id()), journey.userId(), touches, converted);
  }

  private static BigDecimal plain(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 2 ? stripped.setScale(2) : stripped;
  }
}
