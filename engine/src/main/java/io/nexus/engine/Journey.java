package io.nexus.engine;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A user's touchpoints in time order and the conversions they led to, or none; immutable and thread-safe.
 *
 * <p>A journey without conversions counts as a <em>null</em> path for the data-driven models. Time-based models
 * measure each touch against the journey's conversion time, the time of its last conversion.
 *
 * @param id the journey's identifier, unique within a data set
 * @param userId the user the journey belongs to, or {@code null}
 * @param touchpoints the touchpoints, sorted by time on construction (stable for equal times)
 * @param conversions the conversions, sorted by time on construction
 */
public record Journey(String id, String userId, List<Touchpoint> touchpoints, List<Conversion> conversions) {

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

  /** The channels of the touchpoints in order, repeats included. */
  public List<String> path() {
    List<String> path = new ArrayList<>(touchpoints.size());
    for (Touchpoint t : touchpoints) {
      path.add(t.channel());
    }
    return path;
  }
}
