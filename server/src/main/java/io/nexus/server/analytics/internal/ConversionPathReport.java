package io.nexus.server.analytics.internal;

import io.nexus.engine.PathTransform;
import io.nexus.server.analytics.ConversionPath;
import io.nexus.server.analytics.PathTally;
import io.nexus.server.attribution.TouchFilter;
import io.nexus.server.cache.AttributionCache.Region;
import io.nexus.server.cache.AttributionCache;
import io.nexus.server.cache.VersionedKey;
import io.nexus.server.channel.Channel;
import io.nexus.server.channel.ChannelCatalog;
import io.nexus.server.journey.JourneyData;
import io.nexus.server.journey.JourneyDetail;
import io.nexus.server.journey.JourneyQuery;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The most converting channel paths of the journeys started in a range: how many journeys took each path, how many
 * converted, the conversion rate, the revenue, and the average days and touches from first touch to conversion; with a
 * touch filter, paths of the touches it keeps (GA4's conversion paths honour the lookback window the same way).
 */
@Component
class ConversionPathReport {
  private final JourneyData journeys;
  private final ChannelCatalog channels;
  private final AttributionCache cache;

  ConversionPathReport(JourneyData journeys, ChannelCatalog channels, AttributionCache cache) {
    this.journeys = journeys;
    this.channels = channels;
    this.cache = cache;
  }

  /**
   * The paths of a range and the journeys that have none: those the list would count (converting ones, every one with
   * non-converting paths) left without a touch, by the touch filter or as they were stored.
   */
  record Paths(List<ConversionPath> paths, long journeysWithoutTouches) {
    Paths {
      paths = List.copyOf(paths);
    }
  }

  /**
   * The {@code limit} first paths {@code filter} admits, each made of the touches {@code touches} keeps as
   * {@code transform} keeps them, cached.
   */
  Paths run(Instant from, Instant to, int limit, PathTransform transform, PathTally.Filter filter,
      TouchFilter touches) {
    VersionedKey key = cache.versions().keyOnAllData("paths:" + from + ":" + to + ":" + limit + ":" + transform
        + (filter.equals(PathTally.Filter.CONVERTING) ? "" : ":" + filter) + touches.key());
    return cache.getOrCompute(Region.REPORTS, key, Paths.class,
        () -> compute(from, to, limit, transform, filter, touches));
  }

  private Paths compute(Instant from, Instant to, int limit, PathTransform transform, PathTally.Filter filter,
      TouchFilter touches) {
    PathTally tally = new PathTally(transform);
    Set<Long> direct = TouchFilter.directChannels(channels.all());
    long[] withoutTouches = new long[1];
    journeys.forEachChunk(JourneyQuery.between(from, to), 5_000, chunk -> {
      for (JourneyDetail stored : chunk) {
        JourneyDetail journey = touches.apply(stored, direct);
        if (!journey.touchpoints().isEmpty()) {
          tally.add(journey);
        } else if (filter.nonConverting() || !journey.conversions().isEmpty()) {
          withoutTouches[0]++;
        }
      }
    });
    Map<Long, String> names = new HashMap<>();
    for (Channel channel : channels.findAll(List.copyOf(tally.channelIds())).values()) {
      names.put(channel.id(), channel.name());
    }
    return new Paths(tally.top(limit, names, filter), withoutTouches[0]);
  }
}
