package io.nexus.server.journey.internal;

import io.nexus.server.journey.JourneyQuery;
import io.nexus.server.journey.JourneySummary;
import io.nexus.server.persistence.BulkWriter;
import io.nexus.server.persistence.TimestampColumns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the {@code journeys} table; its aggregates are written by {@link JourneyAggregateUpdates}. */
@Repository
class JourneyRepository {
  static final String COLUMNS = "id, user_id, session_id, start_time, end_time, total_touchpoints, conversion_value, "
      + "has_conversion, journey_duration_minutes, version, created_at, updated_at";

  /** A journey row with its change counter. */
  record Row(JourneySummary summary, long version) {}

  private final JdbcClient jdbc;
  private final BulkWriter bulk;

  JourneyRepository(JdbcClient jdbc, BulkWriter bulk) {
    this.jdbc = jdbc;
    this.bulk = bulk;
  }

  /** Inserts new journeys with their aggregates and returns their ids in the same order. */
  long[] insert(List<JourneySummary> journeys, Instant now) {
    long[] ids = bulk.reserveIds("journey_ids", journeys.size());
    List<Object[]> rows = new ArrayList<>(journeys.size());
    for (int i = 0; i < journeys.size(); i++) {
      JourneySummary j = journeys.get(i);
      rows.add(new Object[] {ids[i], j.userId(), j.sessionId(), j.startTime(), j.endTime(), j.totalTouchpoints(),
          j.conversionValue(), j.hasConversion(), j.journeyDurationMinutes(), 0L, now, now});
    }
    bulk.insertRows("journeys", List.of("id", "user_id", "session_id", "start_time", "end_time",
        "total_touchpoints", "conversion_value", "has_conversion", "journey_duration_minutes", "version",
        "created_at", "updated_at"), rows);
    return ids;
  }

  Optional<Row> find(long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM journeys WHERE tenant_id = current_tenant() "
        + "AND id = ?").param(id).query(JourneyRepository::row)
        .optional();
  }

  OptionalLong version(long id) {
    return jdbc.sql("SELECT version FROM journeys WHERE tenant_id = current_tenant() "
        + "AND id = ?").param(id).query(Long.class).optional()
        .map(OptionalLong::of).orElseGet(OptionalLong::empty);
  }

  List<Row> findAll(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    long low = ids.stream().mapToLong(Long::longValue).min().getAsLong();
    long high = ids.stream().mapToLong(Long::longValue).max().getAsLong();
    if (high - low < 2L * ids.size()) {
      // Nearly consecutive ids (chunks of a bulk job): one range scan instead of thousands of probes.
      Set<Long> wanted = new HashSet<>(ids);
      return jdbc.sql("SELECT " + COLUMNS + " FROM journeys WHERE tenant_id = current_tenant() "
          + "AND id BETWEEN ? AND ? ORDER BY id")
          .params(low, high).query(JourneyRepository::row).list().stream()
          .filter(r -> wanted.contains(r.summary().id())).toList();
    }
    return jdbc.sql("SELECT " + COLUMNS + " FROM journeys WHERE tenant_id = current_tenant() "
        + "AND id IN (:ids) ORDER BY id").param("ids", ids)
        .query(JourneyRepository::row).list();
  }

  /** Locks the journeys for this transaction, in id order so that concurrent writers cannot deadlock. */
  Map<Long, Row> lock(Collection<Long> ids) {
    Map<Long, Row> rows = new LinkedHashMap<>();
    if (ids.isEmpty()) {
      return rows;
    }
    for (Row row : jdbc.sql("SELECT " + COLUMNS + " FROM journeys WHERE tenant_id = current_tenant() "
        + "AND id IN (:ids) ORDER BY id FOR UPDATE")
        .param("ids", ids).query(JourneyRepository::row).list()) {
      rows.put(row.summary().id(), row);
    }
    return rows;
  }

  void delete(long id) {
    jdbc.sql("DELETE FROM journeys WHERE tenant_id = current_tenant() AND id = ?").param(id).update();
  }

  List<Row> page(JourneyQuery query, int page, int size) {
    Where where = where(query);
    return jdbc.sql("SELECT " + COLUMNS + " FROM journeys" + where.sql + " ORDER BY id LIMIT :limit OFFSET :offset")
        .params(where.params).param("limit", size).param("offset", (long) page * size)
        .query(JourneyRepository::row).list();
  }

  long count(JourneyQuery query) {
    Where where = where(query);
    return jdbc.sql("SELECT COUNT(*) FROM journeys" + where.sql).params(where.params).query(Long.class).single();
  }

  List<Long> ids(JourneyQuery query) {
    Where where = where(query);
    return jdbc.sql("SELECT id FROM journeys" + where.sql + " ORDER BY id").params(where.params).query(Long.class)
        .list();
  }

  Optional<Instant> latestStart() {
    return jdbc.sql("SELECT MAX(start_time) AS latest FROM journeys WHERE tenant_id = current_tenant()")
        .query((rs, n) -> TimestampColumns.instant(rs, "latest")).optional();
  }

  private record Where(String sql, Map<String, Object> params) {}

  private static Where where(JourneyQuery q) {
    List<String> conditions = new ArrayList<>();
    conditions.add("tenant_id = current_tenant()");
    Map<String, Object> params = new LinkedHashMap<>();
    if (q.from() != null) {
      conditions.add("start_time >= :from");
      params.put("from", TimestampColumns.param(q.from()));
    }
    if (q.to() != null) {
      conditions.add("start_time < :to");
      params.put("to", TimestampColumns.param(q.to()));
    }
    if (q.hasConversion() != null) {
      conditions.add("has_conversion = :converted");
      params.put("converted", q.hasConversion());
    }
    if (q.userId() != null) {
      conditions.add("user_id = :user");
      params.put("user", q.userId());
    }
    if (q.channelId() != null) {
      // One index seek per journey (idx_touchpoint_channel_journey). Not "id IN (SELECT …)": H2 cannot cache a
      // subquery that calls current_tenant() (a Java alias it must treat as volatile), so it ran once per journey.
      // The journey's own tenant check covers its touches, which always share it.
      conditions.add("EXISTS (SELECT 1 FROM touchpoints t WHERE t.channel_id = :channel "
          + "AND t.journey_id = journeys.id)");
      params.put("channel", q.channelId());
    }
    return new Where(" WHERE " + String.join(" AND ", conditions), params);
  }

  static Row row(ResultSet rs, int n) throws SQLException {
    JourneySummary summary = new JourneySummary(rs.getLong("id"), rs.getString("user_id"),
        rs.getString("session_id"), TimestampColumns.instant(rs, "start_time"),
        TimestampColumns.instant(rs, "end_time"), rs.getInt("total_touchpoints"), rs.getBigDecimal("conversion_value"),
        rs.getBoolean("has_conversion"), rs.getBigDecimal("journey_duration_minutes"),
        TimestampColumns.instant(rs, "created_at"), TimestampColumns.instant(rs, "updated_at"));
    return new Row(summary, rs.getLong("version"));
  }
}
