package io.nexus.server.analytics.internal;

import io.nexus.engine.PathTransform;
import io.nexus.server.analytics.ConversionPath;
import io.nexus.server.analytics.PathTally;
import io.nexus.server.cache.AttributionCache.Region;
import io.nexus.server.cache.AttributionCache;
import io.nexus.server.cache.VersionedKey;
import io.nexus.server.channel.Channel;
import io.nexus.server.channel.ChannelCatalog;
import io.nexus.server.journey.JourneyData;
import io.nexus.server.journey.JourneyDetail;
import io.nexus.server.journey.JourneyQuery;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The most converting channel paths of the journeys started in a range: how many journeys took each path, how many
 * converted, the conversion rate, the revenue, and the average days and touches from first touch to conversion.
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
   * The {@code limit} first paths {@code filter} admits, each made of its touches as {@code transform} keeps them,
   * cached.
   */
  List<ConversionPath> run(Instant from, Instant to, int limit, PathTransform transform, PathTally.Filter filter) {
    VersionedKey key = cache.versions().keyOnAllData("paths:" + from + ":" + to + ":" + limit + ":" + transform
        + (filter.equals(PathTally.Filter.CONVERTING) ? "" : ":" + filter));
    return Arrays.asList(cache.getOrCompute(Region.REPORTS, key, ConversionPath[].class,
        () -> compute(from, to, limit, transform, filter).toArray(ConversionPath[]::new)));
  }

  private List<ConversionPath> compute(Instant from, Instant to, int limit, PathTransform transform,
      PathTally.Filter filter) {
    PathTally tally = new PathTally(transform);
    journeys.forEachChunk(JourneyQuery.between(from, to), 5_000, chunk -> {
      for (JourneyDetail journey : chunk) {
        tally.add(journey);
      }
    });
    Map<Long, String> names = new HashMap<>();
    for (Channel channel : channels.findAll(List.copyOf(tally.channelIds())).values()) {
      names.put(channel.id(), channel.name());
    }
    return tally.top(limit, names, filter);
  }
}
