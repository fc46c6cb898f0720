package io.nexus.server.attribution;

import io.nexus.server.channel.Channel;
import io.nexus.server.journey.JourneyDetail;
import io.nexus.server.journey.StoredConversion;
import io.nexus.server.journey.StoredTouchpoint;
import io.nexus.server.web.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which touches of a journey a report counts, as the dashboard's filter bar sets it: only those within
 * {@code lookbackDays} before the conversion they lead to, and none on Direct traffic when {@code excludeDirect};
 * immutable. A journey left without touches is not credited, has no path and is no journey of a Markov chain.
 *
 * @param lookbackDays the lookback window in days, or {@code null} for every touch
 * @param excludeDirect whether touches on channels of type {@code direct} are left out
 */
public record TouchFilter(Integer lookbackDays, boolean excludeDirect) {
  /** Every touch, as the journeys were stored. */
  public static final TouchFilter ALL = new TouchFilter(null, false);
  /** The longest lookback accepted: ten years. */
  public static final int MAX_LOOKBACK_DAYS = 3_650;
  /** What {@code lookback_days} means, for the OpenAPI document of every endpoint taking it. */
  public static final String LOOKBACK_DAYS_DOC = "only touches at most this many days before the conversion they lead "
      + "to (1-3650); a journey left without touches is not counted";
  /** What {@code exclude_direct} means, for the OpenAPI document of every endpoint taking it. */
  public static final String EXCLUDE_DIRECT_DOC = "leave out touches on channels of type direct";

  /** The filter of a request's {@code lookback_days} and {@code exclude_direct}; 400 naming a bad lookback. */
  public static TouchFilter of(Integer lookbackDays, Boolean excludeDirect) {
    if (lookbackDays != null && (lookbackDays < 1 || lookbackDays > MAX_LOOKBACK_DAYS)) {
      throw ApiException.badRequest("lookback_days", "must be between 1 and " + MAX_LOOKBACK_DAYS);
    }
    return new TouchFilter(lookbackDays, Boolean.TRUE.equals(excludeDirect));
  }

  /** Whether every touch is kept. */
  public boolean keepsAll() {
    return lookbackDays == null && !excludeDirect;
  }

  /** A short text for cache keys; empty for {@link #ALL}, so that keys of unfiltered reports stay as they were. */
  public String key() {
    return keepsAll() ? "" : ":lb" + lookbackDays + (excludeDirect ? ":nodirect" : "");
  }

  /** The ids of the channels that carry Direct traffic among {@code channels}, what {@link #apply} leaves out. */
  public static Set<Long> directChannels(Collection<Channel> channels) {
    return channels.stream().filter(Channel::directTraffic).map(Channel::id).collect(Collectors.toSet());
  }

  /**
   * The journey with only the touches this filter keeps: not on a channel of {@code directChannels} when Direct is
   * excluded, and within the lookback before the first conversion at or after the touch (a touch after every
   * conversion, or on a journey without conversion, earns nothing either way and is kept). The journey itself when
   * every touch is kept.
   */
  public JourneyDetail apply(JourneyDetail journey, Set<Long> directChannels) {
    if (keepsAll()) {
      return journey;
    }
    List<Instant> conversions = journey.conversions().stream().map(StoredConversion::timestamp).sorted().toList();
    Duration lookback = lookbackDays == null ? null : Duration.ofDays(lookbackDays);
    List<StoredTouchpoint> kept = new ArrayList<>(journey.touchpoints().size());
    for (StoredTouchpoint touch : journey.touchpoints()) {
      if (excludeDirect && directChannels.contains(touch.channelId())) {
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
