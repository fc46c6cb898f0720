package io.nexus.server.attribution.internal;

import io.nexus.engine.FittedModel;
import io.nexus.server.attribution.JourneyAttribution;
import io.nexus.server.channel.Channel;
import io.nexus.server.journey.JourneyData;
import io.nexus.server.journey.JourneyDetail;
import io.nexus.server.journey.JourneyQuery;
import io.nexus.server.model.ModelDefinition;
import io.nexus.server.system.ApiException;
import io.nexus.server.system.Dates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Bulk calculations: small requests answered at once with one result per pair, large ones (a date range, or many
 * pairs) run as a background job that loads each chunk of journeys once and credits it under every model.
 */
@Service
class BulkService {
  private static final Logger log = LoggerFactory.getLogger(BulkService.class);
  /** Requests up to this many pairs with explicit journey ids are answered at once. */
  static final int SYNC_LIMIT = 500;
  private static final int CHUNK = 2_000;
  private static final int WRITERS = 2;
  private static final int MAX_ERRORS_KEPT = 200;

  private final CalculationService calculations;
  private final FitProvider fits;
  private final JourneyData journeys;
  private final JobRepository jobs;
  private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "nexus-bulk");
    t.setDaemon(true);
    return t;
  });

  BulkService(CalculationService calculations, FitProvider fits, JourneyData journeys, JobRepository jobs) {
    this.calculations = calculations;
    this.fits = fits;
    this.journeys = journeys;
    this.jobs = jobs;
  }

  @EventListener(ApplicationReadyEvent.class)
  void failInterruptedJobs() {
    int failed = jobs.failInterrupted();
    if (failed > 0) {
      log.warn("marked {} bulk jobs interrupted by the last stop as failed", failed);
    }
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

  BulkResponse calculateNow(BulkRequest request) {
    boolean useCache = request.useCache() == null || request.useCache();
    List<PairResult> results = new ArrayList<>();
    int failed = 0;
    for (long journeyId : new java.util.LinkedHashSet<>(request.journeyIds())) {
      for (long modelId : new java.util.LinkedHashSet<>(request.modelIds())) {
        try {
          results.add(new PairResult(journeyId, modelId, "succeeded",
              calculations.calculate(journeyId, modelId, useCache), null));
        } catch (ApiException e) {
          failed++;
          results.add(new PairResult(journeyId, modelId, "failed", null,
              CalculationService.BulkError.of(journeyId, modelId, e)));
        }
      }
    }
    return new BulkResponse(results.size(), results.size() - failed, failed, results);
  }

  JobAccepted submit(BulkRequest request) {
    List<Long> journeyIds = selectJourneys(request);
    Set<Long> modelIds = new java.util.LinkedHashSet<>(request.modelIds());
    long id = jobs.insert(request);
    long total = (long) journeyIds.size() * modelIds.size();
    runner.submit(() -> run(id, journeyIds, modelIds));
    return new JobAccepted(id, "queued", total, "/api/v1/attribution/jobs/" + id);
  }

  private List<Long> selectJourneys(BulkRequest request) {
    if (request.journeyIds() != null) {
      return new ArrayList<>(new TreeSet<>(request.journeyIds()));
    }
    Instant from = Dates.start(request.startDate(), "start_date");
    Instant to = Dates.end(request.endDate(), "end_date");
    if (from == null && to == null) {
      throw ApiException.badRequest("journey_ids", "give journey_ids, or start_date and end_date to select journeys");
    }
    Dates.checkOrder(from, to, "end_date");
    return journeys.ids(new JourneyQuery(from, to, true, null));
  }

  private void run(long jobId, List<Long> journeyIds, Set<Long> modelIds) {
    long done = 0;
    long failed = 0;
    List<CalculationService.BulkError> errors = java.util.Collections.synchronizedList(new ArrayList<>());
    // Reading and crediting the next chunk overlaps with storing the previous ones, on their own connections.
    ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
    java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(WRITERS);
    List<java.util.concurrent.Future<?>> writes = new ArrayList<>();
    try {
      jobs.start(jobId, (long) journeyIds.size() * modelIds.size());
      Map<Long, ModelDefinition> models = new LinkedHashMap<>();
      Map<Long, FittedModel> fitted = new LinkedHashMap<>();
      for (long modelId : modelIds) {
        try {
          ModelDefinition model = fits.usable(modelId);
          models.put(modelId, model);
          fitted.put(modelId, fits.fit(model));
        } catch (ApiException e) {
          // A model that cannot run fails all of its pairs with one reason, reported once.
          failed += journeyIds.size();
          done += journeyIds.size();
          keep(errors, CalculationService.BulkError.of(0, modelId, e));
        }
      }
      for (int from = 0; from < journeyIds.size(); from += CHUNK) {
        List<Long> chunkIds = journeyIds.subList(from, Math.min(journeyIds.size(), from + CHUNK));
        List<JourneyDetail> chunk = journeys.load(chunkIds);
        Map<Long, Channel> channels = calculations.channelsOf(chunk);
        Set<Long> found = new java.util.HashSet<>();
        chunk.forEach(j -> found.add(j.journey().id()));
        for (long missing : chunkIds) {
          if (!found.contains(missing)) {
            for (long modelId : models.keySet()) {
              failed++;
              keep(errors, CalculationService.BulkError.of(missing, modelId,
                  ApiException.notFound("journey", missing)));
            }
          }
        }
        Map<Long, List<JourneyAttribution>> computed = new LinkedHashMap<>();
        for (Map.Entry<Long, ModelDefinition> entry : models.entrySet()) {
          List<CalculationService.BulkError> chunkErrors = new ArrayList<>();
          computed.put(entry.getKey(), calculations.creditAll(chunk, entry.getValue(), fitted.get(entry.getKey()),
              channels, chunkErrors, entry.getKey()));
          failed += chunkErrors.size();
          chunkErrors.forEach(e -> keep(errors, e));
        }
        inFlight.acquire();
        writes.add(writers.submit(() -> {
          try {
            calculations.store(computed, true);
          } finally {
            inFlight.release();
          }
        }));
        done += (long) chunkIds.size() * models.size();
        if (writes.size() % 5 == 0) {
          jobs.progress(jobId, done, failed);
        }
      }
      for (java.util.concurrent.Future<?> write : writes) {
        write.get();
      }
      jobs.finish(jobId, "succeeded", done, failed, errors);
    } catch (Exception e) {
      Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null
          ? e.getCause() : e;
      log.error("bulk job {} failed", jobId, cause);
      keep(errors, new CalculationService.BulkError(0, 0, 500, "Job failed",
          "the job stopped on an unexpected error: " + cause.getClass().getSimpleName()));
      jobs.finish(jobId, "failed", done, failed, errors);
    } finally {
      writers.shutdown();
    }
  }

  private static void keep(List<CalculationService.BulkError> errors, CalculationService.BulkError error) {
    if (errors.size() < MAX_ERRORS_KEPT) {
      errors.add(error);
    }
  }
}
