package io.nexus.engine;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A user's touchpoints in time order and the conversions they led to, or none; immutable and thread-safe.
 *
 * <p>Each conversion is credited from the touches at or before its time, as GA4 and Adobe do: a touch after a
 * conversion earns nothing of it, and a conversion with no touch at or before it is credited to nobody. A journey
 * without conversions counts as a <em>null</em> path for the data-driven models. Time-based models measure each touch
 * against the time of the conversion it is credited for.
 *
 * @param id the journey's identity, unique within a data set
 * @param userId the user the journey belongs to, or {@code null}
 * @param touchpoints the touchpoints, sorted by time on construction (stable for equal times)
 * @param conversions the conversions, sorted by time on construction (stable for equal times)
 */
public record Journey(JourneyId id, String userId, List<Touchpoint> touchpoints, List<Conversion> conversions)
    implements Serializable {

  public Journey {
    Objects.requireNonNull(id, "id");
    touchpoints = sortedCopy(touchpoints, Comparator.comparing(Touchpoint::timestamp));
    conversions = sortedCopy(conversions, Comparator.comparing(Conversion::timestamp));
  }

  private static <T> List<T> sortedCopy(List<T> items, Comparator<T> order) {
    if (items == null || items.isEmpty()) {
      return List.of();
    }
    List<T> copy = new ArrayList<>(items);
    copy.sort(order);
    return List.copyOf(copy);
  }

  /** Whether the journey led to at least one conversion. */
  public boolean converted() {
    return !conversions.isEmpty();
  }

  /** The sum of the conversions' revenue, zero when none. */
  public BigDecimal conversionValue() {
    BigDecimal total = BigDecimal.ZERO;
    for (Conversion c : conversions) {
      total = total.add(c.revenue());
    }
    return total;
  }

  /** The time of the last conversion, or {@code null} when the journey did not convert. */
  public Instant conversionTime() {
    return conversions.isEmpty() ? null : conversions.get(conversions.size() - 1).timestamp();
  }

  /** How many touches happened at or before {@code time}: the touches that a conversion at that time is credited to. */
  public int touchesUntil(Instant time) {
    int low = 0;
    int high = touchpoints.size();
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (touchpoints.get(middle).timestamp().isAfter(time)) {
        high = middle;
      } else {
        low = middle + 1;
      }
    }
    return low;
  }

  /** Whether some conversion has a touch at or before it, so that the journey has something to credit. */
  public boolean creditable() {
    return !conversions.isEmpty() && !touchpoints.isEmpty()
        && !touchpoints.get(0).timestamp().isAfter(conversions.get(conversions.size() - 1).timestamp());
  }

  /** The channel names of the touchpoints in order, repeats included. */
  public List<String> path() {
    List<String> path = new ArrayList<>(touchpoints.size());
    for (Touchpoint t : touchpoints) {
      path.add(t.channel().name());
    }
    return path;
  }
}
