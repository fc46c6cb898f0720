package io.nexus.server.analytics;

import io.nexus.engine.PathTransform;
import io.nexus.server.journey.JourneyDetail;
import io.nexus.server.journey.StoredTouchpoint;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;

/**
 * Counts journeys by channel path and ranks the paths that converted most, the top-paths report's arithmetic for
 * whoever walks the journeys; one per report, not thread-safe.
 */
public final class PathTally {
  private final PathTransform transform;
  private final Map<List<Long>, Tally> tallies = new HashMap<>();

  private static final class Tally {
    long journeys;
    long converting;
    long conversions;
    BigDecimal revenue = BigDecimal.ZERO;
    double days;
    long touches;
  }

  /** A tally of paths made of each journey's touches as {@code transform} keeps them. */
  public PathTally(PathTransform transform) {
    this.transform = transform;
  }

  /** Counts one journey; journeys without touchpoints have no path and are skipped. */
  public void add(JourneyDetail journey) {
    if (journey.touchpoints().isEmpty()) {
      return;
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

  /** The channels on any path counted so far, to look their names up. */
  public Set<Long> channelIds() {
    Set<Long> ids = new HashSet<>();
    tallies.keySet().forEach(ids::addAll);
    return ids;
  }

  /**
   * The {@code limit} paths with the most conversions (then the most journeys, then by channel ids), each named with
   * {@code names} (a channel missing from it shows as {@code #id}).
   */
  public List<ConversionPath> top(int limit, Map<Long, String> names) {
    return tallies.entrySet().stream()
        .filter(e -> e.getValue().converting > 0)
        .sorted(Comparator.<Map.Entry<List<Long>, Tally>>comparingLong(e -> -e.getValue().conversions)
            .thenComparingLong(e -> -e.getValue().journeys)
            .thenComparing(e -> e.getKey().toString()))
        .limit(limit)
        .map(e -> {
          Tally t = e.getValue();
          List<String> path = e.getKey().stream().map(id -> names.getOrDefault(id, "#" + id)).toList();
          return new ConversionPath(path, e.getKey(), t.journeys, t.conversions, (double) t.converting / t.journeys,
              t.revenue.setScale(2, RoundingMode.HALF_UP), t.days / t.converting, (double) t.touches / t.converting);
        })
        .toList();
  }
}
