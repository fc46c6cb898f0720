package io.nexus.server.journey.internal;

import io.nexus.server.journey.StoredConversion;
import io.nexus.server.persistence.BulkWriter;
import io.nexus.server.persistence.TimestampColumns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the {@code conversions} table. */
@Repository
class ConversionRepository {
  private static final List<String> INSERT_COLUMNS = List.of("id", "journey_id", "conversion_type", "timestamp",
      "revenue", "quantity", "product_id", "product_name", "product_category", "event_id", "created_at");
  private static final String COLUMNS = "id, journey_id, conversion_type, \"timestamp\", revenue, quantity, "
      + "product_id, product_name, product_category, event_id, created_at";

  private final JdbcClient jdbc;
  private final BulkWriter bulk;
  private final JourneyRows<StoredConversion> rows;

  ConversionRepository(JdbcClient jdbc, BulkWriter bulk) {
    this.jdbc = jdbc;
    this.bulk = bulk;
    this.rows = new JourneyRows<>(jdbc, "SELECT " + COLUMNS + " FROM conversions", "journey_id, \"timestamp\", id",
        ConversionRepository::row, StoredConversion::journeyId, StoredConversion::eventId);
  }

  long[] reserveIds(int n) {
    return bulk.reserveIds("conversion_ids", n);
  }

  void insert(List<StoredConversion> conversions) {
    List<Object[]> rows = new ArrayList<>(conversions.size());
    for (StoredConversion c : conversions) {
      rows.add(new Object[] {c.id(), c.journeyId(), c.conversionType(), c.timestamp(), c.revenue(), c.quantity(),
          c.productId(), c.productName(), c.productCategory(), c.eventId(), c.createdAt()});
    }
    bulk.insertRows("conversions", INSERT_COLUMNS, rows);
  }

  /** The conversions of these journeys by journey, each in time order. */
  Map<Long, List<StoredConversion>> byJourney(Collection<Long> journeyIds) {
    return rows.byJourney(journeyIds);
  }

  /** The stored conversions among these journeys that carry one of these event ids, keyed journey id + event id. */
  Map<String, StoredConversion> byEvent(Collection<Long> journeyIds, Collection<String> eventIds) {
    return rows.byEvent(journeyIds, eventIds);
  }

  static StoredConversion row(ResultSet rs, int n) throws SQLException {
    return new StoredConversion(rs.getLong("id"), rs.getLong("journey_id"), rs.getString("conversion_type"),
        TimestampColumns.instant(rs, "timestamp"), rs.getBigDecimal("revenue"), rs.getInt("quantity"),
        rs.getString("product_id"), rs.getString("product_name"), rs.getString("product_category"),
        rs.getString("event_id"), TimestampColumns.instant(rs, "created_at"));
  }
}
