package io.nexus.server.journey.internal;

import io.nexus.server.journey.DailyActivity;
import io.nexus.server.persistence.TimestampColumns;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Day-by-day totals over the journey tables, grouped in the database: journeys, conversions and their value by the
 * day the journeys started (as the reports count them). Days are UTC days (the service's time zone, and its
 * connections'). What the days cost is the analytics module's cost rule, not a sum of touchpoints here.
 */
@Repository
class DailyActivityRepository {
  private final JdbcClient jdbc;

  DailyActivityRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The days of {@code [from, to)} that had any activity, in day order. */
  List<DailyActivity> between(Instant from, Instant to) {
    Map<LocalDate, long[]> counts = new TreeMap<>();
    Map<LocalDate, BigDecimal> revenue = new TreeMap<>();
    Object start = TimestampColumns.param(from);
    Object end = TimestampColumns.param(to);
    jdbc.sql("SELECT CAST(start_time AS DATE) AS on_day, COUNT(*) AS journeys, "
            + "SUM(CASE WHEN has_conversion THEN 1 ELSE 0 END) AS converting, "
            + "SUM(CASE WHEN has_conversion THEN conversion_value ELSE 0 END) AS revenue FROM journeys "
            + "WHERE tenant_id = current_tenant() AND start_time >= ? AND start_time < ? "
            + "GROUP BY CAST(start_time AS DATE)")
        .params(start, end)
        .query((rs, n) -> {
          LocalDate day = day(rs.getDate("on_day"));
          long[] c = counts.computeIfAbsent(day, d -> new long[3]);
          c[0] = rs.getLong("journeys");
          c[1] = rs.getLong("converting");
          revenue.put(day, rs.getBigDecimal("revenue"));
          return day;
        }).list();
    jdbc.sql("SELECT CAST(j.start_time AS DATE) AS on_day, COUNT(*) AS conversions FROM conversions c "
            + "JOIN journeys j ON j.id = c.journey_id AND j.tenant_id = current_tenant() "
            + "WHERE c.tenant_id = current_tenant() AND j.start_time >= ? AND j.start_time < ? "
            + "GROUP BY CAST(j.start_time AS DATE)")
        .params(start, end)
        .query((rs, n) -> counts.computeIfAbsent(day(rs.getDate("on_day")), d -> new long[3])[2] =
            rs.getLong("conversions"))
        .list();
    TreeMap<LocalDate, DailyActivity> days = new TreeMap<>();
    for (LocalDate day : counts.keySet()) {
      long[] c = counts.get(day);
      BigDecimal value = revenue.get(day);
      days.put(day, new DailyActivity(day, c[0], c[1], c[2], value == null ? BigDecimal.ZERO : value));
    }
    return List.copyOf(days.values());
  }

  private static LocalDate day(Date date) {
    return date.toLocalDate();
  }
}
