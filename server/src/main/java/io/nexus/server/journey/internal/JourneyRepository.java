package io.nexus.server.journey.internal;

import io.nexus.server.journey.JourneyQuery;
import io.nexus.server.journey.JourneySummary;
import io.nexus.server.persistence.BulkWriter;
import io.nexus.server.persistence.DatabaseProduct;
import io.nexus.server.persistence.TimestampColumns;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the {@code journeys} table. */
@Repository
class JourneyRepository {
  static final String COLUMNS = "id, user_id, session_id, start_time, end_time, total_touchpoints, conversion_value, "
      + "has_conversion, journey_duration_minutes, version, created_at, updated_at";

  /** A journey row with its change counter. */
  record Row(JourneySummary summary, long version) {}

  private final JdbcClient jdbc;
  private final JdbcTemplate template;
  private final BulkWriter bulk;
  private final DatabaseProduct database;

  JourneyRepository(JdbcClient jdbc, JdbcTemplate template, BulkWriter bulk, DatabaseProduct database) {
    this.jdbc = jdbc;
    this.template = template;
    this.bulk = bulk;
    this.database = database;
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
    return jdbc.sql("SELECT " + COLUMNS + " FROM journeys WHERE id = ?").param(id).query(JourneyRepository::row)
        .optional();
  }

  OptionalLong version(long id) {
    return jdbc.sql("SELECT version FROM journeys WHERE id = ?").param(id).query(Long.class).optional()
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
      return jdbc.sql("SELECT " + COLUMNS + " FROM journeys WHERE id BETWEEN ? AND ? ORDER BY id")
          .params(low, high).query(JourneyRepository::row).list().stream()
          .filter(r -> wanted.contains(r.summary().id())).toList();
    }
    return jdbc.sql("SELECT " + COLUMNS + " FROM journeys WHERE id IN (:ids) ORDER BY id").param("ids", ids)
        .query(JourneyRepository::row).list();
  }

  /** Locks the journeys for this transaction, in id order so that concurrent writers cannot deadlock. */
  Map<Long, Row> lock(Collection<Long> ids) {
    Map<Long, Row> rows = new LinkedHashMap<>();
    if (ids.isEmpty()) {
      return rows;
    }
    for (Row row : jdbc.sql("SELECT " + COLUMNS + " FROM journeys WHERE id IN (:ids) ORDER BY id FOR UPDATE")
        .param("ids", ids).query(JourneyRepository::row).list()) {
      rows.put(row.summary().id(), row);
    }
    return rows;
  }

  /** Writes the aggregates and change counters of locked journeys. */
  void saveAggregates(Collection<Row> rows) {
    if (database.isPostgres()) {
      saveAggregatesAtOnce(rows);
      return;
    }
    Object now = TimestampColumns.now();
    List<Object[]> args = new ArrayList<>(rows.size());
    for (Row r : rows) {
      JourneySummary j = r.summary();
      args.add(new Object[] {TimestampColumns.param(j.startTime()), TimestampColumns.param(j.endTime()),
          j.totalTouchpoints(), j.conversionValue(), j.hasConversion(), j.journeyDurationMinutes(), r.version(), now,
          j.id()});
    }
    template.batchUpdate("UPDATE journeys SET start_time = ?, end_time = ?, total_touchpoints = ?, "
        + "conversion_value = ?, has_conversion = ?, journey_duration_minutes = ?, version = ?, updated_at = ? "
        + "WHERE id = ?", args);
  }

  /** What a batch adds to one journey: touchpoints, revenue and conversions, and the span of their times. */
  record Delta(long journeyId, int touchpoints, BigDecimal revenue, boolean converted, Instant earliest,
      Instant latest) {}

  /** Whether {@link #applyDeltas} can be used: it needs PostgreSQL's UPDATE … RETURNING. */
  boolean appliesDeltasAtOnce() {
    return database.isPostgres();
  }

  /**
   * Adds the deltas to their journeys in one statement that also locks them, and answers each journey's touchpoint
   * total after the update; journeys missing from the answer do not exist. PostgreSQL only.
   */
  Map<Long, Integer> applyDeltas(Collection<Delta> deltas) {
    int n = deltas.size();
    Long[] ids = new Long[n];
    String[][] columns = new String[6][n];
    int i = 0;
    for (Delta d : deltas) {
      ids[i] = d.journeyId();
      columns[1][i] = Integer.toString(d.touchpoints());
      columns[2][i] = d.revenue().toPlainString();
      columns[3][i] = Boolean.toString(d.converted());
      columns[4][i] = d.earliest().toString();
      columns[5][i] = d.latest().toString();
      i++;
    }
    Map<Long, Integer> totals = new HashMap<>();
    template.execute((ConnectionCallback<Void>) c -> {
      try (var s = c.prepareStatement("UPDATE journeys j SET "
          + "total_touchpoints = j.total_touchpoints + v.t::int, "
          + "conversion_value = j.conversion_value + v.r::numeric, "
          + "has_conversion = j.has_conversion OR v.c::boolean, "
          + "start_time = LEAST(j.start_time, v.s::timestamptz), "
          + "end_time = GREATEST(j.end_time, v.e::timestamptz), "
          + "journey_duration_minutes = ROUND(EXTRACT(EPOCH FROM GREATEST(j.end_time, v.e::timestamptz) "
          + "  - LEAST(j.start_time, v.s::timestamptz)) / 60, 2), "
          + "version = j.version + 1, updated_at = now() "
          + "FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) AS v(id, t, r, c, s, e) "
          + "WHERE j.id = v.id RETURNING j.id, j.total_touchpoints")) {
        s.setArray(1, c.createArrayOf("bigint", ids));
        for (int k = 1; k < columns.length; k++) {
          s.setArray(k + 1, c.createArrayOf("text", columns[k]));
        }
        try (var rs = s.executeQuery()) {
          while (rs.next()) {
            totals.put(rs.getLong(1), rs.getInt(2));
          }
        }
      }
      return null;
    });
    return totals;
  }

  /** One UPDATE … FROM unnest(arrays) for the whole batch instead of one statement per journey. */
  private void saveAggregatesAtOnce(Collection<Row> rows) {
    int n = rows.size();
    Long[] ids = new Long[n];
    String[][] columns = new String[8][n];
    int i = 0;
    for (Row r : rows) {
      JourneySummary j = r.summary();
      ids[i] = j.id();
      columns[1][i] = j.startTime().toString();
      columns[2][i] = j.endTime().toString();
      columns[3][i] = Integer.toString(j.totalTouchpoints());
      columns[4][i] = j.conversionValue().toPlainString();
      columns[5][i] = Boolean.toString(j.hasConversion());
      columns[6][i] = j.journeyDurationMinutes().toPlainString();
      columns[7][i] = Long.toString(r.version());
      i++;
    }
    template.execute((ConnectionCallback<Integer>) c -> {
      try (var s = c.prepareStatement("UPDATE journeys j SET start_time = v.s::timestamptz, "
          + "end_time = v.e::timestamptz, total_touchpoints = v.t::int, conversion_value = v.cv::numeric, "
          + "has_conversion = v.hc::boolean, "
          + "journey_duration_minutes = v.m::numeric, version = v.ver::bigint, updated_at = now() "
          + "FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) "
          + "AS v(id, s, e, t, cv, hc, m, ver) WHERE j.id = v.id")) {
        s.setArray(1, c.createArrayOf("bigint", ids));
        for (int k = 1; k < columns.length; k++) {
          s.setArray(k + 1, c.createArrayOf("text", columns[k]));
        }
        return s.executeUpdate();
      }
    });
  }

  void delete(long id) {
    jdbc.sql("DELETE FROM journeys WHERE id = ?").param(id).update();
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
    return jdbc.sql("SELECT MAX(start_time) AS latest FROM journeys")
        .query((rs, n) -> TimestampColumns.instant(rs, "latest")).optional();
  }

  private record Where(String sql, Map<String, Object> params) {}

  private static Where where(JourneyQuery q) {
    List<String> conditions = new ArrayList<>();
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
    return new Where(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), params);
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
