package io.nexus.server.journey.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads the rows of a child table (touchpoints, conversions) for a set of journeys, grouped by journey; how the
 * journey module loads journeys in bulk.
 *
 * @param <T> the row type
 */
final class JourneyRows<T> {
  private final JdbcClient jdbc;
  private final String select;
  private final String order;
  private final RowMapper<T> mapper;
  private final ToLongFunction<T> journeyOf;
  private final Function<T, String> eventOf;

  /**
   * @param select {@code SELECT columns FROM table}
   * @param order the {@code ORDER BY} list within a journey, starting with {@code journey_id}
   */
  JourneyRows(JdbcClient jdbc, String select, String order, RowMapper<T> mapper, ToLongFunction<T> journeyOf,
      Function<T, String> eventOf) {
    this.jdbc = jdbc;
    this.select = select;
    this.order = order;
    this.mapper = mapper;
    this.journeyOf = journeyOf;
    this.eventOf = eventOf;
  }

  /** The rows of these journeys by journey, each list in the table's order. */
  Map<Long, List<T>> byJourney(Collection<Long> journeyIds) {
    Map<Long, List<T>> byJourney = new HashMap<>();
    if (journeyIds.isEmpty()) {
      return byJourney;
    }
    long low = journeyIds.stream().mapToLong(Long::longValue).min().getAsLong();
    long high = journeyIds.stream().mapToLong(Long::longValue).max().getAsLong();
    List<T> rows;
    if (high - low < 2L * journeyIds.size()) {
      // Nearly consecutive journeys (chunks of a bulk job): one index range scan instead of thousands of probes.
      Set<Long> wanted = new HashSet<>(journeyIds);
      rows = jdbc.sql(select + " WHERE tenant_id = current_tenant() "
          + "AND journey_id BETWEEN ? AND ? ORDER BY " + order).params(low, high).query(mapper)
          .list().stream().filter(r -> wanted.contains(journeyOf.applyAsLong(r))).toList();
    } else {
      rows = jdbc.sql(select + " WHERE tenant_id = current_tenant() "
          + "AND journey_id IN (:ids) ORDER BY " + order).param("ids", journeyIds)
          .query(mapper).list();
    }
    for (T row : rows) {
      byJourney.computeIfAbsent(journeyOf.applyAsLong(row), k -> new ArrayList<>()).add(row);
    }
    return byJourney;
  }

  /** The rows among these journeys that carry one of these event ids, keyed {@code journeyId/eventId}. */
  Map<String, T> byEvent(Collection<Long> journeyIds, Collection<String> eventIds) {
    Map<String, T> found = new HashMap<>();
    if (eventIds.isEmpty()) {
      return found;
    }
    jdbc.sql(select + " WHERE tenant_id = current_tenant() AND journey_id IN (:journeys) AND event_id IN (:events)")
        .param("journeys", journeyIds).param("events", eventIds)
        .query(mapper).list()
        .forEach(r -> found.put(journeyOf.applyAsLong(r) + "/" + eventOf.apply(r), r));
    return found;
  }
}
