package io.nexus.server.attribution.internal;

import io.nexus.server.ai.AiCallBudget;
import io.nexus.server.attribution.JourneyAttribution;
import io.nexus.server.journey.JourneyData;
import io.nexus.server.journey.JourneyQuery;
import io.nexus.server.persistence.TenantContext;
import io.nexus.server.persistence.TenantId;
import io.nexus.server.web.ApiException;
import io.nexus.server.web.Dates;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.stereotype.Service;

/**
 * Bulk calculations: small requests answered at once with one result per pair, large ones (a date range, or many
 * pairs) handed to {@link BulkJobs} to run in the background.
 */
@Service
class BulkService {
  /** Requests up to this many pairs with explicit journey ids are answered at once. */
  static final int SYNC_LIMIT = 500;
  /** The most journey ids one request may list; more are refused with 422 (a date range selects any number). */
  static final int MAX_JOURNEY_IDS = 1_000_000;
  /** The most models one request may name. */
  static final int MAX_MODEL_IDS = 100;

  private final CalculationService calculations;
  private final JourneyData journeys;
  private final BulkJobs jobs;

  BulkService(CalculationService calculations, JourneyData journeys, BulkJobs jobs) {
    this.calculations = calculations;
    this.journeys = journeys;
    this.jobs = jobs;
  }

  /** One answer per pair, in request order. */
  record PairResult(long journeyId, long modelId, String status, JourneyAttribution attribution,
      CalculationService.BulkError error) {}

  /** The answer to a synchronous bulk request. */
  record BulkResponse(int total, int succeeded, int failed, List<PairResult> results) {}

  /** The answer to a request that became a job. */
  record JobAccepted(long jobId, String status, long totalPairs, String statusUrl) {}

  /** Whether {@code request} runs as a job rather than at once. */
  static boolean runsAsJob(BulkRequest request) {
    return request.journeyIds() == null
        || (long) new TreeSet<>(request.journeyIds()).size() * new TreeSet<>(request.modelIds()).size() > SYNC_LIMIT;
  }

  /**
   * Every pair at once, in request order; the pairs of the AI model ask the provider {@code nexus.ai.concurrency}
   * journeys at a time (one request, one call budget), the others are credited on the request's thread.
   */
  BulkResponse calculateNow(BulkRequest request) {
    boolean useCache = request.useCache() == null || request.useCache();
    AiCallBudget budget = calculations.newAiBudget();
    List<long[]> pairs = new ArrayList<>();
    for (long journeyId : new LinkedHashSet<>(request.journeyIds())) {
      for (long modelId : new LinkedHashSet<>(request.modelIds())) {
        pairs.add(new long[] {journeyId, modelId});
      }
    }
    Set<Long> askingAi = new HashSet<>();
    for (long modelId : new LinkedHashSet<>(request.modelIds())) {
      if (calculations.asksAi(modelId)) {
        askingAi.add(modelId);
      }
    }
    TenantId tenant = TenantContext.current();
    ExecutorService pool = askingAi.isEmpty() ? null : Executors.newFixedThreadPool(calculations.aiConcurrency());
    try {
      List<Future<PairResult>> asked = new ArrayList<>(pairs.size());
      for (long[] pair : pairs) {
        asked.add(askingAi.contains(pair[1])
            ? pool.submit(() -> TenantContext.callAs(tenant, () -> calculate(pair[0], pair[1], useCache, budget)))
            : null);
      }
      List<PairResult> results = new ArrayList<>(pairs.size());
      for (int i = 0; i < pairs.size(); i++) {
        long[] pair = pairs.get(i);
        results.add(asked.get(i) == null ? calculate(pair[0], pair[1], useCache, budget) : asked.get(i).get());
      }
      long failed = results.stream().filter(r -> r.error() != null).count();
      return new BulkResponse(results.size(), results.size() - (int) failed, (int) failed, results);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while crediting a bulk request", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
  }

  private PairResult calculate(long journeyId, long modelId, boolean useCache, AiCallBudget budget) {
    try {
      return new PairResult(journeyId, modelId, "succeeded", calculations.calculate(journeyId, modelId, useCache,
          budget), null);
    } catch (ApiException e) {
      return new PairResult(journeyId, modelId, "failed", null, CalculationService.BulkError.of(journeyId, modelId, e));
    }
  }

  JobAccepted submit(BulkRequest request) {
    List<Long> journeyIds = selectJourneys(request);
    Set<Long> modelIds = new LinkedHashSet<>(request.modelIds());
    long id = jobs.submit(new JobRepository.JobRequest(journeyIds.size(), List.copyOf(modelIds), request.useCache(),
        request.startDate(), request.endDate()), journeyIds, modelIds);
    return new JobAccepted(id, "queued", (long) journeyIds.size() * modelIds.size(), "/api/v1/attribution/jobs/" + id);
  }

  private List<Long> selectJourneys(BulkRequest request) {
    if (request.journeyIds() != null) {
      return new ArrayList<>(new TreeSet<>(request.journeyIds()));
    }
    Dates.Range range = Dates.range(request.startDate(), request.endDate());
    if (range.from() == null && range.to() == null) {
      throw ApiException.badRequest("journey_ids", "give journey_ids, or start_date and end_date to select journeys");
    }
    return journeys.ids(new JourneyQuery(range.from(), range.to(), true, null));
  }
}
