package io.nexus.server.integration.internal;

import io.nexus.server.persistence.TimestampColumns;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
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
      + "touchpoints, conversions, spend_rows, reported_conversions, reported_conversion_value, duplicate_events, rejected_rows, rejections, error, created_at, "
      + "finished_at";
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
            + "rejected_rows, rejections, created_at) VALUES (?, 'running', ?, ?, ?, ?, ?, ?, ?)")
        .params(platform, start == null ? null : Date.valueOf(start), end == null ? null : Date.valueOf(end),
            userId, rowsRead, rejections.size(), encode(rejections), TimestampColumns.now())
        .update(key, "id");
    return key.getKeyAs(Number.class).longValue();
  }

  /** Marks the job succeeded with what it stored. */
  void succeeded(long id, long rowsRead, ImportWriter.Stored stored, List<ImportJob.Rejection> rejections) {
    jdbc.sql("UPDATE integration_jobs SET status = 'succeeded', rows_read = ?, journeys = ?, touchpoints = ?, "
            + "conversions = ?, spend_rows = ?, reported_conversions = ?, reported_conversion_value = ?, "
            + "duplicate_events = ?, rejected_rows = ?, rejections = ?, finished_at = ? "
            + "WHERE tenant_id = current_tenant() AND id = ?")
        .params(rowsRead, stored.journeys(), stored.touchpoints(), stored.conversions(), stored.spendRows(),
            stored.reportedConversions(), stored.reportedConversionValue(), stored.duplicateEvents(),
            rejections.size(), encode(rejections), TimestampColumns.now(), id)
        .update();
  }

  /** Marks the job failed, saying why; nothing of it was stored. */
  void failed(long id, long rowsRead, String error) {
    String shown = error == null ? "unknown error" : error.length() > 2000 ? error.substring(0, 1997) + "..." : error;
    jdbc.sql("UPDATE integration_jobs SET status = 'failed', rows_read = ?, error = ?, finished_at = ? "
            + "WHERE tenant_id = current_tenant() AND id = ?")
        .params(rowsRead, shown, TimestampColumns.now(), id)
        .update();
  }

  /** Marks every running job failed, saying why; their work was lost with the process that ran them. */
  int failRunning(String error) {
    return jdbc.sql("UPDATE integration_jobs SET status = 'failed', error = ?, finished_at = ? "
            + "WHERE tenant_id = current_tenant() AND status = 'running'")
        .params(error, TimestampColumns.now())
        .update();
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

  private String encode(List<ImportJob.Rejection> rejections) {
    return json.writeValueAsString(rejections.subList(0, Math.min(KEPT_REJECTIONS, rejections.size())));
  }

  private ImportJob job(ResultSet rs, int row) throws SQLException {
    Date start = rs.getDate("start_date");
    Date end = rs.getDate("end_date");
    String rejections = rs.getString("rejections");
    return new ImportJob(rs.getLong("id"), rs.getString("platform"), rs.getString("status"),
        start == null ? null : start.toLocalDate(), end == null ? null : end.toLocalDate(), rs.getString("user_id"),
        rs.getLong("rows_read"), rs.getLong("journeys"), rs.getLong("touchpoints"), rs.getLong("conversions"),
        rs.getLong("spend_rows"), rs.getBigDecimal("reported_conversions"),
        rs.getBigDecimal("reported_conversion_value"), rs.getLong("duplicate_events"), rs.getLong("rejected_rows"),
        rejections == null ? List.of() : json.readValue(rejections, new TypeReference<List<ImportJob.Rejection>>() { }),
        rs.getString("error"), TimestampColumns.instant(rs, "created_at"),
        TimestampColumns.instant(rs, "finished_at"));
  }
}
