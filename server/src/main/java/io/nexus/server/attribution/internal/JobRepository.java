package io.nexus.server.attribution.internal;

import io.nexus.server.system.Jdbc;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL for the {@code attribution_jobs} table. */
@Repository
class JobRepository {
  private final JdbcClient jdbc;
  private final JsonMapper json;

  JobRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  long insert(BulkRequest request) {
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO attribution_jobs (status, request) VALUES ('queued', ?)")
        .param(json.writeValueAsString(request)).update(keys, "id");
    return keys.getKey().longValue();
  }

  void start(long id, long totalPairs) {
    jdbc.sql("UPDATE attribution_jobs SET status = 'running', total_pairs = ?, started_at = ? WHERE id = ?")
        .params(totalPairs, Jdbc.now(), id).update();
  }

  void progress(long id, long done, long failed) {
    jdbc.sql("UPDATE attribution_jobs SET done_pairs = ?, failed_pairs = ? WHERE id = ?").params(done, failed, id)
        .update();
  }

  void finish(long id, String status, long done, long failed, List<CalculationService.BulkError> errors) {
    jdbc.sql("UPDATE attribution_jobs SET status = ?, done_pairs = ?, failed_pairs = ?, errors = ?, finished_at = ? "
            + "WHERE id = ?")
        .params(status, done, failed, json.writeValueAsString(errors), Jdbc.now(), id).update();
  }

  /** Fails jobs a stopped process left queued or running. */
  int failInterrupted() {
    return jdbc.sql("UPDATE attribution_jobs SET status = 'failed', finished_at = ?, errors = ? "
            + "WHERE status IN ('queued', 'running')")
        .params(Jdbc.now(), "[{\"journey_id\":0,\"model_id\":0,\"status\":500,\"title\":\"Interrupted\","
            + "\"detail\":\"the service stopped before the job finished; submit it again\"}]").update();
  }

  Optional<JobView> find(long id) {
    return jdbc.sql("SELECT id, status, request, total_pairs, done_pairs, failed_pairs, errors, created_at, "
            + "started_at, finished_at FROM attribution_jobs WHERE id = ?")
        .param(id)
        .query((rs, n) -> {
          long total = rs.getLong("total_pairs");
          long done = rs.getLong("done_pairs");
          String errors = rs.getString("errors");
          return new JobView(rs.getLong("id"), rs.getString("status"), total, done, rs.getLong("failed_pairs"),
              total == 0 ? ("succeeded".equals(rs.getString("status")) ? 1.0 : 0.0) : (double) done / total,
              errors == null ? List.of()
                  : json.readValue(errors, new TypeReference<List<CalculationService.BulkError>>() { }),
              json.readValue(rs.getString("request"), BulkRequest.class), Jdbc.instant(rs, "created_at"),
              Jdbc.instant(rs, "started_at"), Jdbc.instant(rs, "finished_at"));
        })
        .optional();
  }

  /** A job as {@code GET /jobs/{id}} shows it. */
  record JobView(long id, String status, long totalPairs, long donePairs, long failedPairs, double progress,
      List<CalculationService.BulkError> errors, BulkRequest request, java.time.Instant createdAt,
      java.time.Instant startedAt, java.time.Instant finishedAt) {}
}
