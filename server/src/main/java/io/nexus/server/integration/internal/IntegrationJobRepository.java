package io.nexus.server.integration.internal;

import io.nexus.server.persistence.TimestampColumns;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code integration_jobs} table, always within the current tenant. */
@Repository
class IntegrationJobRepository {
  private static final String COLUMNS = "id, platform, status, start_date, end_date, user_id, rows_read, journeys, "
      + "touchpoints, conversions, spend_rows, reported_conversions, reported_conversion_value, duplicate_events, "
      + "rejected_rows, rejections, reconciliation, reconciliation_note, intraday_days, error, created_at, finished_at";
  /** How many refused rows a job keeps with their reasons; the count covers all of them. */
  static final int KEPT_REJECTIONS = 100;

  private final JdbcClient jdbc;
  private final JsonMapper json;

  IntegrationJobRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** A new running job; its id. */
  long start(String platform, LocalDate start, LocalDate end, String userId, long rowsRead,
      List<ImportJob.Rejection> rejections) {
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO integration_jobs (platform, status, start_date, end_date, user_id, rows_read, "
            + "rejected_rows, rejections, created_at, heartbeat_at) VALUES (?, 'running', ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(platform, start == null ? null : Date.valueOf(start), end == null ? null : Date.valueOf(end),
            userId, rowsRead, rejections.size(), encode(rejections), TimestampColumns.now(), TimestampColumns.now())
        .update(key, "id");
    return key.getKeyAs(Number.class).longValue();
  }

  /**
   * Marks the job succeeded with what it stored, unless it is no longer running (a reaper failed it meanwhile);
   * whether it did.
   */
  boolean succeeded(long id, long rowsRead, ImportWriter.Stored stored, List<ImportJob.Rejection> rejections,
      List<DayReconciliation> reconciliation, String reconciliationNote, List<LocalDate> intradayDays) {
    return jdbc.sql("UPDATE integration_jobs SET status = 'succeeded', rows_read = ?, journeys = ?, touchpoints = ?, "
            + "conversions = ?, spend_rows = ?, reported_conversions = ?, reported_conversion_value = ?, "
            + "duplicate_events = ?, rejected_rows = ?, rejections = ?, reconciliation = ?, reconciliation_note = ?, "
            + "intraday_days = ?, finished_at = ? WHERE tenant_id = current_tenant() AND id = ? AND status = 'running'")
        .params(rowsRead, stored.journeys(), stored.touchpoints(), stored.conversions(), stored.spendRows(),
            stored.reportedConversions(), stored.reportedConversionValue(), stored.duplicateEvents(),
            rejections.size(), encode(rejections), json.writeValueAsString(reconciliation),
            shorten(reconciliationNote), json.writeValueAsString(intradayDays), TimestampColumns.now(), id)
        .update() == 1;
  }

  /** Marks the job failed, saying why, unless it ended already; nothing of it was stored. */
  void failed(long id, long rowsRead, String error) {
    jdbc.sql("UPDATE integration_jobs SET status = 'failed', rows_read = ?, error = ?, finished_at = ? "
            + "WHERE tenant_id = current_tenant() AND id = ? AND status = 'running'")
        .params(rowsRead, error == null ? "unknown error" : shorten(error), TimestampColumns.now(), id)
        .update();
  }

  /** Renews the heartbeat of running jobs this instance holds. */
  void heartbeat(Collection<Long> ids) {
    if (!ids.isEmpty()) {
      jdbc.sql("UPDATE integration_jobs SET heartbeat_at = :now WHERE tenant_id = current_tenant() "
              + "AND status = 'running' AND id IN (:ids)")
          .param("now", TimestampColumns.now()).param("ids", ids).update();
    }
  }

  /**
   * Fails the running jobs whose heartbeat is older than {@code staleBefore} (every running job when it is
   * {@code null}), saying why, and answers how many; one conditional update, so two instances reaping at once fail
   * each job once, and a job that stored its import in the meantime is no longer running.
   */
  int failAbandoned(Instant staleBefore, String error) {
    String stale = staleBefore == null ? "" : " AND (heartbeat_at IS NULL OR heartbeat_at < :stale)";
    Map<String, Object> params = new HashMap<>(Map.of("error", error, "now", TimestampColumns.now()));
    if (staleBefore != null) {
      params.put("stale", TimestampColumns.param(staleBefore));
    }
    return jdbc.sql("UPDATE integration_jobs SET status = 'failed', error = :error, finished_at = :now "
            + "WHERE tenant_id = current_tenant() AND status = 'running'" + stale)
        .params(params).update();
  }

  Optional<ImportJob> find(long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM integration_jobs WHERE tenant_id = current_tenant() AND id = ?")
        .param(id).query(this::job).optional();
  }

  /** The platform's latest import, if any. */
  Optional<ImportJob> latest(String platform) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM integration_jobs WHERE tenant_id = current_tenant() "
            + "AND platform = ? ORDER BY id DESC FETCH FIRST 1 ROWS ONLY")
        .param(platform).query(this::job).optional();
  }

  private static String shorten(String text) {
    return text == null || text.length() <= 2000 ? text : text.substring(0, 1997) + "...";
  }

  private String encode(List<ImportJob.Rejection> rejections) {
    return json.writeValueAsString(rejections.subList(0, Math.min(KEPT_REJECTIONS, rejections.size())));
  }

  private ImportJob job(ResultSet rs, int row) throws SQLException {
    Date start = rs.getDate("start_date");
    Date end = rs.getDate("end_date");
    String rejections = rs.getString("rejections");
    String reconciliation = rs.getString("reconciliation");
    String intradayDays = rs.getString("intraday_days");
    return new ImportJob(rs.getLong("id"), rs.getString("platform"), rs.getString("status"),
        start == null ? null : start.toLocalDate(), end == null ? null : end.toLocalDate(), rs.getString("user_id"),
        rs.getLong("rows_read"), rs.getLong("journeys"), rs.getLong("touchpoints"), rs.getLong("conversions"),
        rs.getLong("spend_rows"), rs.getBigDecimal("reported_conversions"),
        rs.getBigDecimal("reported_conversion_value"), rs.getLong("duplicate_events"), rs.getLong("rejected_rows"),
        rejections == null ? List.of() : json.readValue(rejections, new TypeReference<List<ImportJob.Rejection>>() { }),
        reconciliation == null ? List.of()
            : json.readValue(reconciliation, new TypeReference<List<DayReconciliation>>() { }),
        rs.getString("reconciliation_note"),
        intradayDays == null ? List.of() : json.readValue(intradayDays, new TypeReference<List<LocalDate>>() { }),
        rs.getString("error"), TimestampColumns.instant(rs, "created_at"),
        TimestampColumns.instant(rs, "finished_at"));
  }
}
