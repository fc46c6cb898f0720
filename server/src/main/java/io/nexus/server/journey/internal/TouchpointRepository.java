package io.nexus.server.journey.internal;

import io.nexus.server.journey.StoredTouchpoint;
import io.nexus.server.persistence.BulkWriter;
import io.nexus.server.persistence.TimestampColumns;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the {@code touchpoints} table. */
@Repository
class TouchpointRepository {
  private static final List<String> INSERT_COLUMNS = List.of("id", "journey_id", "channel_id", "touchpoint_type",
      "timestamp", "position_in_journey", "time_spent_seconds", "pages_viewed", "engagement_score", "cost",
      "campaign_id", "campaign_name", "device_type", "browser", "event_id", "created_at");
  private static final String COLUMNS = "id, journey_id, channel_id, touchpoint_type, \"timestamp\", "
      + "position_in_journey, time_spent_seconds, pages_viewed, engagement_score, cost, campaign_id, campaign_name, "
      + "device_type, browser, event_id, created_at";

  private final JdbcClient jdbc;
  private final BulkWriter bulk;
  private final JourneyRows<StoredTouchpoint> rows;

  TouchpointRepository(JdbcClient jdbc, BulkWriter bulk) {
    this.jdbc = jdbc;
    this.bulk = bulk;
    this.rows = new JourneyRows<>(jdbc, "SELECT " + COLUMNS + " FROM touchpoints",
        "journey_id, position_in_journey, \"timestamp\", id", TouchpointRepository::row, StoredTouchpoint::journeyId,
        StoredTouchpoint::eventId);
  }

  long[] reserveIds(int n) {
    return bulk.reserveIds("touchpoint_ids", n);
  }

  void insert(List<StoredTouchpoint> touchpoints) {
    List<Object[]> rows = new ArrayList<>(touchpoints.size());
    for (StoredTouchpoint t : touchpoints) {
      rows.add(new Object[] {t.id(), t.journeyId(), t.channelId(), t.touchpointType(), t.timestamp(),
          t.positionInJourney(), t.timeSpentSeconds(), t.pagesViewed(), t.engagementScore(), t.cost(),
          t.campaignId(), t.campaignName(), t.deviceType(), t.browser(), t.eventId(), t.createdAt()});
    }
    bulk.insertRows("touchpoints", INSERT_COLUMNS, rows);
  }

  /** The touchpoints of these journeys by journey, each in position order. */
  Map<Long, List<StoredTouchpoint>> byJourney(Collection<Long> journeyIds) {
    return rows.byJourney(journeyIds);
  }

  /** The stored touchpoints among these journeys that carry one of these event ids, keyed journey id + event id. */
  Map<String, StoredTouchpoint> byEvent(Collection<Long> journeyIds, Collection<String> eventIds) {
    return rows.byEvent(journeyIds, eventIds);
  }

  Map<Long, BigDecimal> costByChannel(Instant from, Instant to) {
    Map<Long, BigDecimal> costs = new HashMap<>();
    jdbc.sql("SELECT channel_id, SUM(cost) AS total FROM touchpoints WHERE tenant_id = current_tenant() "
        + "AND \"timestamp\" >= ? AND \"timestamp\" < ? "
            + "GROUP BY channel_id")
        .params(TimestampColumns.param(from), TimestampColumns.param(to))
        .query((rs, n) -> costs.put(rs.getLong("channel_id"), rs.getBigDecimal("total")))
        .list();
    return costs;
  }

  Map<Long, Map<LocalDate, BigDecimal>> costByChannelAndDay(Instant from, Instant to) {
    Map<Long, Map<LocalDate, BigDecimal>> costs = new HashMap<>();
    // AT TIME ZONE 'UTC' makes the day the UTC one whatever the session's time zone, on PostgreSQL and on H2.
    jdbc.sql("SELECT channel_id, CAST(\"timestamp\" AT TIME ZONE 'UTC' AS DATE) AS utc_day, SUM(cost) AS total "
            + "FROM touchpoints WHERE tenant_id = current_tenant() AND \"timestamp\" >= ? AND \"timestamp\" < ? "
            + "GROUP BY channel_id, CAST(\"timestamp\" AT TIME ZONE 'UTC' AS DATE)")
        .params(TimestampColumns.param(from), TimestampColumns.param(to))
        .query((rs, n) -> costs.computeIfAbsent(rs.getLong("channel_id"), c -> new HashMap<>())
            .put(rs.getObject("utc_day", LocalDate.class), rs.getBigDecimal("total")))
        .list();
    return costs;
  }

  static StoredTouchpoint row(ResultSet rs, int n) throws SQLException {
    return new StoredTouchpoint(rs.getLong("id"), rs.getLong("journey_id"), rs.getLong("channel_id"),
        rs.getString("touchpoint_type"), TimestampColumns.instant(rs, "timestamp"), rs.getInt("position_in_journey"),
        (Integer) rs.getObject("time_spent_seconds", Integer.class),
        (Integer) rs.getObject("pages_viewed", Integer.class), rs.getBigDecimal("engagement_score"),
        rs.getBigDecimal("cost"), rs.getString("campaign_id"), rs.getString("campaign_name"),
        rs.getString("device_type"), rs.getString("browser"), rs.getString("event_id"),
        TimestampColumns.instant(rs, "created_at"));
  }
}
