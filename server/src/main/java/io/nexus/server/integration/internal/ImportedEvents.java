package io.nexus.server.integration.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code integration_events} table: platform event ids already imported, within the current tenant. */
@Repository
class ImportedEvents {
  private static final int CHUNK = 500;

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;

  ImportedEvents(JdbcClient jdbc, JdbcTemplate batch) {
    this.jdbc = jdbc;
    this.batch = batch;
  }

  /** Which of {@code eventIds} the platform already imported. */
  Set<String> known(String platform, List<String> eventIds) {
    Set<String> known = new HashSet<>();
    for (int from = 0; from < eventIds.size(); from += CHUNK) {
      List<String> chunk = eventIds.subList(from, Math.min(eventIds.size(), from + CHUNK));
      known.addAll(jdbc.sql("SELECT event_id FROM integration_events WHERE tenant_id = current_tenant() "
              + "AND platform = :platform AND event_id IN (:ids)")
          .param("platform", platform).param("ids", chunk).query(String.class).list());
    }
    return known;
  }

  /** Records the event ids as imported by the job; fails on an id another import recorded meanwhile. */
  void record(String platform, long jobId, List<String> eventIds) {
    List<Object[]> rows = new ArrayList<>(eventIds.size());
    for (String id : eventIds) {
      rows.add(new Object[] {platform, id, jobId});
    }
    batch.batchUpdate("INSERT INTO integration_events (platform, event_id, job_id) VALUES (?, ?, ?)", rows);
  }
}
