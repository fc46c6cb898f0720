package io.nexus.server.attribution.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the {@code imported_journeys} table: which journey each key of an import source became. */
@Repository
class ImportedJourneyKeys {
  private static final int LOOKUP_CHUNK = 1_000;

  private final JdbcClient jdbc;
  private final JdbcTemplate batches;

  ImportedJourneyKeys(JdbcClient jdbc, JdbcTemplate batches) {
    this.jdbc = jdbc;
    this.batches = batches;
  }

  /** The journey ids of those of {@code keys} that {@code source} already imported, by key. */
  Map<String, Long> find(String source, List<String> keys) {
    Map<String, Long> found = new HashMap<>();
    for (int from = 0; from < keys.size(); from += LOOKUP_CHUNK) {
      jdbc.sql("SELECT journey_key, journey_id FROM imported_journeys WHERE tenant_id = current_tenant() "
          + "AND source = :source AND journey_key IN (:keys)")
          .param("source", source).param("keys", keys.subList(from, Math.min(keys.size(), from + LOOKUP_CHUNK)))
          .query((rs, n) -> found.put(rs.getString(1), rs.getLong(2))).list();
    }
    return found;
  }

  /**
   * Records that {@code source}'s {@code keys} became {@code journeyIds}; a key recorded meanwhile by a concurrent
   * import fails the statement with a duplicate key, which rolls the caller's transaction back.
   */
  void add(String source, List<String> keys, List<Long> journeyIds) {
    List<Object[]> rows = new ArrayList<>(keys.size());
    for (int i = 0; i < keys.size(); i++) {
      rows.add(new Object[] {source, keys.get(i), journeyIds.get(i)});
    }
    batches.batchUpdate("INSERT INTO imported_journeys (source, journey_key, journey_id) VALUES (?, ?, ?)", rows);
  }
}
