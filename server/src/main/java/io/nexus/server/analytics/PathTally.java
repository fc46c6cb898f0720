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
   * Which paths a list shows: those of {@code minLength} to {@code maxLength} touches (after the transform;
   * {@code null} for no bound), and only converting ones unless {@code nonConverting}.
   */
  public record Filter(Integer minLength, Integer maxLength, boolean nonConverting) {
    /** Every converting path, whatever its length. */
    public static final Filter CONVERTING = new Filter(null, null, false);

    private boolean admits(List<Long> path, Tally tally) {
      return (nonConverting || tally.converting > 0) && (minLength == null || path.size() >= minLength)
          && (maxLength == null || path.size() <= maxLength);
    }
  }

  /**
   * The {@code limit} paths with the most conversions (then the most journeys, then by channel ids), each named with
   * {@code names} (a channel missing from it shows as {@code #id}).
   */
  public List<ConversionPath> top(int limit, Map<Long, String> names) {
    return top(limit, names, Filter.CONVERTING);
  }

  /**
   * The {@code limit} first paths {@code filter} admits, named as by {@link #top(int, Map)}: the most converting
   * first, or with non-converting paths the most travelled first; ties by channel ids, for determinism.
   */
  public List<ConversionPath> top(int limit, Map<Long, String> names, Filter filter) {
    return tallies.entrySet().stream()
        .filter(e -> filter.admits(e.getKey(), e.getValue()))
        .sorted(order(filter.nonConverting()))
        .limit(limit)
        .map(e -> {
          Tally t = e.getValue();
          List<String> path = e.getKey().stream().map(id -> names.getOrDefault(id, "#" + id)).toList();
          return new ConversionPath(path, e.getKey(), t.journeys, t.conversions, (double) t.converting / t.journeys,
              t.revenue.setScale(2, RoundingMode.HALF_UP), t.converting == 0 ? null : t.days / t.converting,
              t.converting == 0 ? null : (double) t.touches / t.converting);
        })
        .toList();
  }

  private static Comparator<Map.Entry<List<Long>, Tally>> order(boolean byJourneys) {
    Comparator<Map.Entry<List<Long>, Tally>> conversions = Comparator.comparingLong(e -> -e.getValue().conversions);
    Comparator<Map.Entry<List<Long>, Tally>> journeys = Comparator.comparingLong(e -> -e.getValue().journeys);
    Comparator<Map.Entry<List<Long>, Tally>> first = byJourneys ? journeys.thenComparing(conversions)
        : conversions.thenComparing(journeys);
    return first.thenComparing(e -> e.getKey().toString());
  }
}
