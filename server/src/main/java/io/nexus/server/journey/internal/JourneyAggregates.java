package io.nexus.server.journey.internal;

import io.nexus.server.journey.JourneySummary;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;

/** The arithmetic of a journey's aggregates as events arrive; the journey row is locked while it runs. */
final class JourneyAggregates {
  /** The largest conversion value a journey holds: journeys.conversion_value is NUMERIC(18, 4). */
  static final BigDecimal MAX_VALUE = new BigDecimal("99999999999999.9999");

  private JourneySummary current;
  private long version;
  private boolean changed;

  JourneyAggregates(JourneyRepository.Row row) {
    this.current = row.summary();
    this.version = row.version();
  }

  int touchpoints() {
    return current.totalTouchpoints();
  }

  void addTouchpoint(Instant at) {
    current = with(at, current.totalTouchpoints() + 1, current.conversionValue(), current.hasConversion());
  }

  /** Adds a conversion; false, changing nothing, when the journey's value would exceed {@link #MAX_VALUE}. */
  boolean addConversion(Instant at, BigDecimal revenue) {
    BigDecimal value = current.conversionValue().add(revenue);
    if (value.compareTo(MAX_VALUE) > 0) {
      return false;
    }
    current = with(at, current.totalTouchpoints(), value, true);
    return true;
  }

  private JourneySummary with(Instant at, int touchpoints, BigDecimal value, boolean converted) {
    changed = true;
    Instant start = at.isBefore(current.startTime()) ? at : current.startTime();
    Instant end = at.isAfter(current.endTime()) ? at : current.endTime();
    return new JourneySummary(current.id(), current.userId(), current.sessionId(), start, end, touchpoints, value,
        converted, minutes(start, end), current.createdAt(), current.updatedAt());
  }

  /** A journey's duration from {@code start} to {@code end} in minutes, to two places. */
  static BigDecimal minutes(Instant start, Instant end) {
    return BigDecimal.valueOf(Duration.between(start, end).toMillis())
        .divide(BigDecimal.valueOf(60_000), 2, RoundingMode.HALF_UP);
  }

  boolean changed() {
    return changed;
  }

  JourneyRepository.Row row() {
    return new JourneyRepository.Row(current, version + 1);
  }
}
