package io.nexus.server.analytics.internal;

import io.nexus.engine.PathTransform;
import io.nexus.server.cache.AttributionCache.Region;
import io.nexus.server.cache.AttributionCache;
import io.nexus.server.cache.VersionedKey;
import io.nexus.server.channel.Channel;
import io.nexus.server.channel.ChannelCatalog;
import io.nexus.server.journey.JourneyData;
import io.nexus.server.journey.JourneyDetail;
import io.nexus.server.journey.JourneyQuery;
import io.nexus.server.journey.StoredTouchpoint;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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

  record PathRow(List<String> path, List<Long> channelIds, long journeys, long conversions, double conversionRate,
      BigDecimal revenue, Double avgDaysToConversion, Double avgTouchesToConversion) {}

  private static final class Tally {
    long journeys;
    long converting;
    long conversions;
    BigDecimal revenue = BigDecimal.ZERO;
    double days;
    long touches;
  }

  /**
   * Which paths to list: those of {@code minLength} to {@code maxLength} touches (after the transform; {@code null}
   * for no bound), only converting ones unless {@code nonConverting}, in which case the most travelled come first.
   */
  record PathFilter(Integer minLength, Integer maxLength, boolean nonConverting) {
    static final PathFilter CONVERTING = new PathFilter(null, null, false);

    boolean admits(List<Long> path, Tally tally) {
      return (nonConverting || tally.converting > 0) && (minLength == null || path.size() >= minLength)
          && (maxLength == null || path.size() <= maxLength);
    }
  }

  /** The {@code limit} most converting paths, each made of its touches as {@code transform} keeps them, cached. */
  List<PathRow> run(Instant from, Instant to, int limit, PathTransform transform) {
    return run(from, to, limit, transform, PathFilter.CONVERTING);
  }

  /** The {@code limit} first paths {@code filter} admits, cached. */
  List<PathRow> run(Instant from, Instant to, int limit, PathTransform transform, PathFilter filter) {
    VersionedKey key = cache.versions().keyOnAllData("paths:" + from + ":" + to + ":" + limit + ":" + transform
        + (filter.equals(PathFilter.CONVERTING) ? "" : ":" + filter));
    return Arrays.asList(cache.getOrCompute(Region.REPORTS, key, PathRow[].class,
        () -> compute(from, to, limit, transform, filter).toArray(PathRow[]::new)));
  }

  private List<PathRow> compute(Instant from, Instant to, int limit, PathTransform transform, PathFilter filter) {
    Map<List<Long>, Tally> tallies = new HashMap<>();
    journeys.forEachChunk(JourneyQuery.between(from, to), 5_000, chunk -> {
      for (JourneyDetail journey : chunk) {
        if (journey.touchpoints().isEmpty()) {
          continue;
        }
        List<StoredTouchpoint> touches = new ArrayList<>(journey.touchpoints());
        touches.sort(Comparator.comparing(StoredTouchpoint::timestamp));
        List<Long> path = transform.apply(touches, StoredTouchpoint::channelId).stream()
            .map(StoredTouchpoint::channelId).toList();
        Tally tally = tallies.computeIfAbsent(path, p -> new Tally());
        tally.journeys++;
        if (!journey.conversions().isEmpty()) {
          tally.converting++;
          tally.conversions += journey.conversions().size();
          tally.revenue = tally.revenue.add(journey.journey().conversionValue());
          Instant converted = journey.conversions().get(journey.conversions().size() - 1).timestamp();
          tally.days += Duration.between(touches.get(0).timestamp(), converted).toMillis() / 86_400_000.0;
          tally.touches += touches.size();
        }
      }
    });
    Map<Long, Channel> names = channels.findAll(tallies.keySet().stream().flatMap(List::stream).distinct().toList());
    return tallies.entrySet().stream()
        .filter(e -> filter.admits(e.getKey(), e.getValue()))
        .sorted(order(filter.nonConverting()))
        .limit(limit)
        .map(e -> {
          Tally t = e.getValue();
          List<String> path = e.getKey().stream().map(id -> names.containsKey(id) ? names.get(id).name() : "#" + id)
              .toList();
          return new PathRow(path, e.getKey(), t.journeys, t.conversions, (double) t.converting / t.journeys,
              t.revenue.setScale(2, RoundingMode.HALF_UP), t.converting == 0 ? null : t.days / t.converting,
              t.converting == 0 ? null : (double) t.touches / t.converting);
        })
        .toList();
  }

  /** Most conversions first; with non-converting paths, the most travelled first. Ties by path, for determinism. */
  private static Comparator<Map.Entry<List<Long>, Tally>> order(boolean byJourneys) {
    Comparator<Map.Entry<List<Long>, Tally>> conversions = Comparator.comparingLong(e -> -e.getValue().conversions);
    Comparator<Map.Entry<List<Long>, Tally>> journeys = Comparator.comparingLong(e -> -e.getValue().journeys);
    Comparator<Map.Entry<List<Long>, Tally>> first = byJourneys ? journeys.thenComparing(conversions)
        : conversions.thenComparing(journeys);
    return first.thenComparing(e -> e.getKey().toString());
  }
}
