package io.nexus.server.attribution.internal;

import io.nexus.server.attribution.TouchFilter;
import io.nexus.server.journey.JourneyDetail;
import io.nexus.server.journey.StoredConversion;
import io.nexus.server.journey.StoredTouchpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Applies a {@link TouchFilter} to a journey before it is credited. */
final class TouchFilters {
  private TouchFilters() {}

  /**
   * The journey with only the touches {@code filter} keeps: not on a channel of {@code directChannels} when Direct is
   * excluded, and within the lookback before the first conversion at or after the touch (a touch after every
   * conversion earns nothing either way and is kept). The journey itself when every touch is kept.
   */
  static JourneyDetail apply(TouchFilter filter, JourneyDetail journey, Set<Long> directChannels) {
    if (filter.keepsAll()) {
      return journey;
    }
    List<Instant> conversions = journey.conversions().stream().map(StoredConversion::timestamp).sorted().toList();
    Duration lookback = filter.lookbackDays() == null ? null : Duration.ofDays(filter.lookbackDays());
    List<StoredTouchpoint> kept = new ArrayList<>(journey.touchpoints().size());
    for (StoredTouchpoint touch : journey.touchpoints()) {
      if (filter.excludeDirect() && directChannels.contains(touch.channelId())) {
        continue;
      }
      if (lookback != null) {
        Instant next = conversions.stream().filter(at -> !at.isBefore(touch.timestamp())).findFirst().orElse(null);
        if (next != null && Duration.between(touch.timestamp(), next).compareTo(lookback) > 0) {
          continue;
        }
      }
      kept.add(touch);
    }
    return kept.size() == journey.touchpoints().size() ? journey
        : new JourneyDetail(journey.journey(), kept, journey.conversions(), journey.version());
  }
}
