package io.nexus.server.attribution.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import io.nexus.server.attribution.AiFallback;
import io.nexus.server.persistence.BulkWriter;
import io.nexus.server.persistence.TimestampColumns;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** SQL for the {@code attribution_jobs} table and its errors, {@code attribution_job_errors}. */
@Repository
class JobRepository {
  /** Errors shown with the job itself; the rest are paged by {@link #errors}. */
  static final int ERRORS_SHOWN = 100;
  private static final List<String> ERROR_COLUMNS = List.of("job_id", "journey_id", "model_id", "status", "title",
      "detail");

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final BulkWriter bulk;
  private final TransactionTemplate transactions;

  JobRepository(JdbcClient jdbc, JsonMapper json, BulkWriter bulk, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.json = json;
    this.bulk = bulk;
    this.transactions = transactions;
  }

  long insert(JobRequest request) {
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO attribution_jobs (status, request, heartbeat_at) VALUES ('queued', ?, ?)")
        .params(json.writeValueAsString(request), TimestampColumns.now()).update(keys, "id");
    return keys.getKey().longValue();
  }

  void start(long id, long totalPairs) {
    jdbc.sql("UPDATE attribution_jobs SET status = 'running', total_pairs = ?, started_at = ?, heartbeat_at = ? "
            + "WHERE tenant_id = current_tenant() AND id = ?")
        .params(totalPairs, TimestampColumns.now(), TimestampColumns.now(), id).update();
  }

  /** Records progress and appends {@code errors} to the job's list, in one transaction. */
  void progress(long id, long done, long failed, List<CalculationService.BulkError> errors) {
    transactions.executeWithoutResult(tx -> {
      appendErrors(id, errors);
      jdbc.sql("UPDATE attribution_jobs SET done_pairs = ?, failed_pairs = ?, heartbeat_at = ?"
          + " WHERE tenant_id = current_tenant() AND id = ?")
          .params(done, failed, TimestampColumns.now(), id).update();
    });
  }

  /** Ends a job with its outcome, appending its last errors; the status moves whatever it was. */
  void finish(long id, String status, long done, long failed, List<CalculationService.BulkError> errors) {
    transactions.executeWithoutResult(tx -> {
      appendErrors(id, errors);
      jdbc.sql("UPDATE attribution_jobs SET status = ?, done_pairs = ?, failed_pairs = ?, finished_at = ? "
              + "WHERE tenant_id = current_tenant() AND id = ?")
          .params(status, done, failed, TimestampColumns.now(), id).update();
    });
  }

  /** Records which models stood in for the data-driven model's pairs of job {@code id}. */
  void fallbacks(long id, List<JobFallback> fallbacks) {
    jdbc.sql("UPDATE attribution_jobs SET fallbacks = ? WHERE tenant_id = current_tenant() AND id = ?")
        .params(fallbacks.isEmpty() ? null : json.writeValueAsString(fallbacks), id).update();
  }

  /** Renews the heartbeat of jobs this instance holds, queued or running. */
  void heartbeat(Collection<Long> ids) {
    if (!ids.isEmpty()) {
      jdbc.sql("UPDATE attribution_jobs SET heartbeat_at = :now WHERE tenant_id = current_tenant() AND id IN (:ids)")
          .param("now", TimestampColumns.now()).param("ids", ids).update();
    }
  }

  /**
   * Fails the unfinished jobs whose heartbeat is older than {@code staleBefore} (every unfinished job when it is
   * {@code null}) with {@code reason}, and answers how many. Each job is failed by one conditional update, so two
   * instances reaping at once fail it once.
   */
  int failAbandoned(Instant staleBefore, CalculationService.BulkError reason) {
    String unfinished = "status IN ('queued', 'running')" + (staleBefore == null ? "" : " AND heartbeat_at < :stale");
    Object stale = TimestampColumns.param(staleBefore);
    List<Long> abandoned = jdbc.sql("SELECT id FROM attribution_jobs WHERE tenant_id = current_tenant() "
        + "AND " + unfinished)
        .params(staleBefore == null ? Map.<String, Object>of() : Map.of("stale", stale))
        .query(Long.class).list();
    int failed = 0;
    for (long id : abandoned) {
      Boolean won = transactions.execute(tx -> {
        Map<String, Object> params = new HashMap<>(Map.of("now", TimestampColumns.now(), "id", id));
        if (staleBefore != null) {
          params.put("stale", stale);
        }
        int updated = jdbc.sql("UPDATE attribution_jobs SET status = 'failed', finished_at = :now"
            + " WHERE tenant_id = current_tenant() AND id = :id AND "
            + unfinished).params(params).update();
        if (updated == 1) {
          appendErrors(id, List.of(reason));
        }
        return updated == 1;
      });
      failed += Boolean.TRUE.equals(won) ? 1 : 0;
    }
    return failed;
  }

  private void appendErrors(long id, List<CalculationService.BulkError> errors) {
    List<Object[]> rows = new ArrayList<>(errors.size());
    for (CalculationService.BulkError e : errors) {
      rows.add(new Object[] {id, e.journeyId(), e.modelId(), e.status(), cut(e.title(), 200), cut(e.detail(), 2000)});
    }
    bulk.insertRows("attribution_job_errors", ERROR_COLUMNS, rows);
  }

  private static String cut(String text, int length) {
    String value = text == null ? "" : text;
    return value.length() <= length ? value : value.substring(0, length - 1) + "…";
  }

  Optional<JobView> find(long id) {
    return jdbc.sql("SELECT id, status, request, total_pairs, done_pairs, failed_pairs, created_at, started_at, "
            + "finished_at, fallbacks, (SELECT COUNT(*) FROM attribution_job_errors e"
            + " WHERE e.job_id = j.id AND e.tenant_id = current_tenant()) AS error_count "
            + "FROM attribution_jobs j WHERE tenant_id = current_tenant() AND id = ?")
        .param(id)
        .query((rs, n) -> {
          long total = rs.getLong("total_pairs");
          long done = rs.getLong("done_pairs");
          long errorCount = rs.getLong("error_count");
          return new JobView(id, rs.getString("status"), total, done, rs.getLong("failed_pairs"),
              total == 0 ? ("succeeded".equals(rs.getString("status")) ? 1.0 : 0.0) : (double) done / total,
              errorCount, List.of(), rs.getString("fallbacks") == null ? List.of()
                  : List.of(json.readValue(rs.getString("fallbacks"), JobFallback[].class)), "/api/v1/attribution/jobs/" + id + "/errors?page=0&size=" + ERRORS_SHOWN,
              json.readValue(rs.getString("request"), JobRequest.class), TimestampColumns.instant(rs, "created_at"),
              TimestampColumns.instant(rs, "started_at"), TimestampColumns.instant(rs, "finished_at"));
        })
        .optional()
        .map(job -> job.withErrors(job.errorCount() == 0 ? List.of() : errorRows(id, 0, ERRORS_SHOWN)));
  }

  /** One page of a job's errors, in the order they happened. */
  ErrorPage errors(long id, int page, int size) {
    long total = jdbc.sql("SELECT COUNT(*) FROM attribution_job_errors WHERE tenant_id = current_tenant() "
        + "AND job_id = ?").param(id)
        .query(Long.class).single();
    return new ErrorPage(errorRows(id, (long) page * size, size), page, size, total, (total + size - 1) / size);
  }

  private List<CalculationService.BulkError> errorRows(long id, long offset, int limit) {
    return jdbc.sql("SELECT journey_id, model_id, status, title, detail FROM attribution_job_errors"
        + " WHERE tenant_id = current_tenant() AND job_id = ? "
            + "ORDER BY id LIMIT ? OFFSET ?")
        .params(id, limit, offset)
        .query((rs, n) -> new CalculationService.BulkError(rs.getLong("journey_id"), rs.getLong("model_id"),
            rs.getInt("status"), rs.getString("title"), rs.getString("detail")))
        .list();
  }

  /**
   * What a job was asked, as {@code GET /jobs/{id}} shows it: the journeys counted rather than listed, so that the
   * answer stays small however many ids the request held.
   */
  record JobRequest(int journeyCount, List<Long> modelIds, Boolean useCache, String startDate, String endDate) {}

  /**
   * A job as {@code GET /jobs/{id}} shows it: counts, the first errors and where to page through all of them, and
   * which models stood in for the data-driven model's pairs ({@code fallbacks}, left out when none did).
   */
  record JobView(long id, String status, long totalPairs, long donePairs, long failedPairs, double progress,
      long errorCount, List<CalculationService.BulkError> errors,
      @JsonInclude(Include.NON_EMPTY) List<JobFallback> fallbacks, String errorsUrl, JobRequest request,
      Instant createdAt, Instant startedAt, Instant finishedAt) {
    JobView withErrors(List<CalculationService.BulkError> first) {
      return new JobView(id, status, totalPairs, donePairs, failedPairs, progress, errorCount, first, fallbacks,
          errorsUrl, request, createdAt, startedAt, finishedAt);
    }
  }

  /**
   * The data-driven model {@code modelId}'s {@code pairs} pairs of a job were credited (and stored) by another model,
   * as {@code fallback} says.
   */
  record JobFallback(long modelId, AiFallback fallback, long pairs) {}

  /** A page of a job's errors. */
  record ErrorPage(List<CalculationService.BulkError> items, int page, int size, long totalItems, long totalPages) {}
}
