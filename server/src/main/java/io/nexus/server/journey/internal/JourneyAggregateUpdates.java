package io.nexus.server.journey.internal;

import io.nexus.server.journey.JourneySummary;
import io.nexus.server.persistence.DatabaseProduct;
import io.nexus.server.persistence.TimestampColumns;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * SQL for the aggregates of the {@code journeys} table as events arrive, many journeys per statement: on PostgreSQL
 * one UPDATE … FROM unnest(arrays) for a whole batch, on H2 a JDBC batch.
 */
@Repository
class JourneyAggregateUpdates {
  private final JdbcTemplate template;
  private final DatabaseProduct database;

  JourneyAggregateUpdates(JdbcTemplate template, DatabaseProduct database) {
    this.template = template;
    this.database = database;
  }

  /** What a batch adds to one journey: touchpoints, revenue and conversions, and the span of their times. */
  record Delta(long journeyId, int touchpoints, BigDecimal revenue, boolean converted, Instant earliest,
      Instant latest) {}

  /** Writes the aggregates and change counters of locked journeys. */
  void save(Collection<JourneyRepository.Row> rows) {
    if (database.isPostgres()) {
      unnest("UPDATE journeys j SET start_time = v.s::timestamptz, end_time = v.e::timestamptz, "
          + "total_touchpoints = v.t::int, conversion_value = v.cv::numeric, has_conversion = v.hc::boolean, "
          + "journey_duration_minutes = v.m::numeric, version = v.ver::bigint, updated_at = now() "
          + "FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) "
          + "AS v(id, s, e, t, cv, hc, m, ver) WHERE j.tenant_id = current_tenant() "
          + "AND j.id = v.id", rows, r -> r.summary().id(), List.of(
              r -> r.summary().startTime().toString(), r -> r.summary().endTime().toString(),
              r -> Integer.toString(r.summary().totalTouchpoints()), r -> r.summary().conversionValue().toPlainString(),
              r -> Boolean.toString(r.summary().hasConversion()),
              r -> r.summary().journeyDurationMinutes().toPlainString(), r -> Long.toString(r.version())),
          PreparedStatement::executeUpdate);
      return;
    }
    Object now = TimestampColumns.now();
    List<Object[]> args = new ArrayList<>(rows.size());
    for (JourneyRepository.Row r : rows) {
      JourneySummary j = r.summary();
      args.add(new Object[] {TimestampColumns.param(j.startTime()), TimestampColumns.param(j.endTime()),
          j.totalTouchpoints(), j.conversionValue(), j.hasConversion(), j.journeyDurationMinutes(), r.version(), now,
          j.id()});
    }
    template.batchUpdate("UPDATE journeys SET start_time = ?, end_time = ?, total_touchpoints = ?, "
        + "conversion_value = ?, has_conversion = ?, journey_duration_minutes = ?, version = ?, updated_at = ? "
        + "WHERE tenant_id = current_tenant() AND id = ?", args);
  }

  /** Whether {@link #applyDeltas} can be used: it needs PostgreSQL's UPDATE … RETURNING. */
  boolean appliesDeltasAtOnce() {
    return database.isPostgres();
  }

  /**
   * Adds the deltas to their journeys in one statement that also locks them, and answers each journey's touchpoint
   * total after the update; journeys missing from the answer do not exist. PostgreSQL only.
   */
  Map<Long, Integer> applyDeltas(Collection<Delta> deltas) {
    return unnest("UPDATE journeys j SET "
        + "total_touchpoints = j.total_touchpoints + v.t::int, "
        + "conversion_value = j.conversion_value + v.r::numeric, "
        + "has_conversion = j.has_conversion OR v.c::boolean, "
        + "start_time = LEAST(j.start_time, v.s::timestamptz), "
        + "end_time = GREATEST(j.end_time, v.e::timestamptz), "
        + "journey_duration_minutes = ROUND(EXTRACT(EPOCH FROM GREATEST(j.end_time, v.e::timestamptz) "
        + "  - LEAST(j.start_time, v.s::timestamptz)) / 60, 2), "
        + "version = j.version + 1, updated_at = now() "
        + "FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) AS v(id, t, r, c, s, e) "
        + "WHERE j.tenant_id = current_tenant() "
        + "AND j.id = v.id RETURNING j.id, j.total_touchpoints", deltas, Delta::journeyId, List.of(
            d -> Integer.toString(d.touchpoints()), d -> d.revenue().toPlainString(),
            d -> Boolean.toString(d.converted()), d -> d.earliest().toString(), d -> d.latest().toString()),
        s -> {
          Map<Long, Integer> totals = new HashMap<>();
          try (var rs = s.executeQuery()) {
            while (rs.next()) {
              totals.put(rs.getLong(1), rs.getInt(2));
            }
          }
          return totals;
        });
  }

  /** What runs a prepared statement. */
  private interface Execution<T> {
    T run(PreparedStatement statement) throws SQLException;
  }

  /**
   * Runs {@code sql} with the ids of {@code items} as its first parameter (bigint[]) and each of {@code columns} of
   * them as one more (text[], cast in the statement): every item in one statement.
   */
  private <I, T> T unnest(String sql, Collection<I> items, Function<I, Long> id, List<Function<I, String>> columns,
      Execution<T> execution) {
    Long[] ids = new Long[items.size()];
    String[][] values = new String[columns.size()][items.size()];
    int i = 0;
    for (I item : items) {
      ids[i] = id.apply(item);
      for (int k = 0; k < columns.size(); k++) {
        values[k][i] = columns.get(k).apply(item);
      }
      i++;
    }
    return template.execute((ConnectionCallback<T>) c -> {
      try (PreparedStatement s = c.prepareStatement(sql)) {
        s.setArray(1, c.createArrayOf("bigint", ids));
        for (int k = 0; k < values.length; k++) {
          s.setArray(k + 2, c.createArrayOf("text", values[k]));
        }
        return execution.run(s);
      }
    });
  }
}
