package io.nexus.server.attribution.internal;

import io.nexus.engine.FittedModel;
import io.nexus.server.ai.AiCallBudget;
import io.nexus.server.attribution.AiFallback;
import io.nexus.server.attribution.JourneyAttribution;
import io.nexus.server.channel.Channel;
import io.nexus.server.journey.JourneyData;
import io.nexus.server.journey.JourneyDetail;
import io.nexus.server.model.ModelDefinition;
import io.nexus.server.persistence.DatabaseProduct;
import io.nexus.server.persistence.TenantContext;
import io.nexus.server.persistence.TenantDirectory;
import io.nexus.server.persistence.TenantId;
import io.nexus.server.web.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Background bulk jobs, one at a time per instance: each loads its journeys in chunks once and credits them under
 * every model. A job always ends {@code succeeded}, {@code partial} (some pairs failed) or {@code failed}: its errors
 * go to their own table as it runs, its end is recorded with retries, and a job whose instance stopped is failed by
 * any instance once its heartbeat is stale (at once on start-up with the embedded H2, which serves one instance).
 */
@Component
class BulkJobs {
  private static final Logger log = LoggerFactory.getLogger(BulkJobs.class);
  private static final int CHUNK = 2_000;
  private static final int WRITERS = 2;
  /** Errors kept per job; every failed pair is counted all the same. */
  static final int MAX_ERRORS_KEPT = 100_000;
  private static final int FINISH_ATTEMPTS = 5;

  private final CalculationService calculations;
  private final FitProvider fits;
  private final JourneyData journeys;
  private final JobRepository jobs;
  private final DatabaseProduct database;
  private final TenantDirectory tenants;
  private final Duration staleAfter;
  /** Jobs this instance holds, queued or running: their heartbeat is renewed. */
  private final Map<Long, TenantId> held = new ConcurrentHashMap<>();
  private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "nexus-bulk");
    t.setDaemon(true);
    return t;
  });

  BulkJobs(CalculationService calculations, FitProvider fits, JourneyData journeys, JobRepository jobs,
      DatabaseProduct database, TenantDirectory tenants, @Value("${nexus.jobs.stale-after:PT1M}") Duration staleAfter) {
    this.calculations = calculations;
    this.fits = fits;
    this.journeys = journeys;
    this.jobs = jobs;
    this.database = database;
    this.tenants = tenants;
    this.staleAfter = staleAfter;
  }

  /** Queues a job crediting {@code journeyIds} under {@code modelIds} and answers its id. */
  long submit(JobRepository.JobRequest request, List<Long> journeyIds, Set<Long> modelIds) {
    long id = jobs.insert(request);
    TenantId tenant = TenantContext.current();
    held.put(id, tenant);
    runner.submit(() -> TenantContext.runAs(tenant, () -> run(id, journeyIds, modelIds)));
    return id;
  }

  @EventListener(ApplicationReadyEvent.class)
  void failInterruptedJobs() {
    // The embedded H2 file is locked by one process, so every unfinished job there belonged to a stopped one.
    // Each tenant's jobs are visible only to work done for it.
    int[] failed = {0};
    tenants.forEach(tenant -> failed[0] += jobs.failAbandoned(database.isPostgres()
        ? Instant.now().minus(staleAfter) : null, interrupted("the service stopped before the job finished; submit "
        + "it again")));
    if (failed[0] > 0) {
      log.warn("marked {} bulk jobs interrupted by a stop as failed", failed[0]);
    }
  }

  @Scheduled(initialDelayString = "${nexus.jobs.heartbeat:PT10S}", fixedDelayString = "${nexus.jobs.heartbeat:PT10S}")
  void heartbeatAndReap() {
    try {
      TenantContext.forEachTenant(held, jobs::heartbeat);
      int[] failed = {0};
      tenants.forEach(tenant -> failed[0] += jobs.failAbandoned(Instant.now().minus(staleAfter), interrupted(
          "the instance running the job stopped reporting for more than " + staleAfter.toSeconds() + " s; submit "
          + "it again")));
      if (failed[0] > 0) {
        log.warn("marked {} bulk jobs whose instance stopped as failed", failed[0]);
      }
    } catch (RuntimeException e) {
      log.warn("could not renew or check bulk job heartbeats: {}", e.getMessage());
    }
  }

  private static CalculationService.BulkError interrupted(String detail) {
    return new CalculationService.BulkError(0, 0, 500, "Interrupted", detail);
  }

  private void run(long jobId, List<Long> journeyIds, Set<Long> modelIds) {
    Tally tally = new Tally((long) journeyIds.size() * modelIds.size());
    // Reading and crediting the next chunk overlaps with storing the previous ones, on their own connections.
    ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
    try {
      jobs.start(jobId, tally.total);
      work(jobId, journeyIds, modelIds, tally, writers);
      finish(jobId, tally.outcome(), tally);
    } catch (Exception | Error e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      log.error("bulk job {} failed", jobId, cause);
      tally.keep(new CalculationService.BulkError(0, 0, 500, "Job failed",
          "the job stopped on an unexpected error: " + cause.getClass().getSimpleName()));
      finish(jobId, "failed", tally);
    } finally {
      writers.shutdownNow();
      held.remove(jobId);
    }
  }

  private void work(long jobId, List<Long> journeyIds, Set<Long> modelIds, Tally tally, ExecutorService writers)
      throws InterruptedException, ExecutionException {
    // What runs for each asked model: itself, or for the AI model without a provider its fallback model, whose
    // credits are stored as that model's results (as a single calculation's are).
    Map<Long, ModelDefinition> models = new LinkedHashMap<>();
    Map<Long, FittedModel> fitted = new LinkedHashMap<>();
    List<JobRepository.JobFallback> fallbacks = new ArrayList<>();
    Map<Long, ApiException> unusable = new LinkedHashMap<>();
    for (long modelId : modelIds) {
      try {
        ModelDefinition model = fits.usableForJourneys(modelId, -1);
        if (model.isAi() && !calculations.aiConfigured()) {
          model = calculations.fallbackModel(model, -1);
          fallbacks.add(new JobRepository.JobFallback(modelId,
              new AiFallback(model.id(), CalculationService.AI_UNCONFIGURED), journeyIds.size()));
        }
        models.put(modelId, model);
        if (!model.isAi()) {
          fitted.put(modelId, fits.fit(model));
        }
      } catch (ApiException e) {
        // A model that cannot run (the AI model without provider or fallback, say) fails each of its pairs with
        // this reason, reported pair by pair as the chunks go, like any other failed pair.
        unusable.put(modelId, e);
      }
    }
    if (!fallbacks.isEmpty()) {
      jobs.fallbacks(jobId, fallbacks);
    }
    // A job is one request: its provider calls share one budget.
    AiCallBudget aiBudget = calculations.newAiBudget();
    Semaphore inFlight = new Semaphore(WRITERS);
    List<Future<?>> writes = new ArrayList<>();
    for (int from = 0; from < journeyIds.size(); from += CHUNK) {
      List<Long> chunkIds = journeyIds.subList(from, Math.min(journeyIds.size(), from + CHUNK));
      List<JourneyDetail> chunk = journeys.load(chunkIds);
      Map<Long, Channel> channels = calculations.channelsOf(chunk);
      Set<Long> found = new HashSet<>();
      chunk.forEach(j -> found.add(j.journey().id()));
      for (long journeyId : chunkIds) {
        if (!found.contains(journeyId)) {
          for (long modelId : models.keySet()) {
            tally.fail(CalculationService.BulkError.of(journeyId, modelId, ApiException.notFound("journey", journeyId)),
                1);
          }
        }
        unusable.forEach((modelId, e) -> tally.fail(CalculationService.BulkError.of(journeyId, modelId, e), 1));
      }
      // Results by the model they are stored under: a fallback model also asked for is credited once.
      Map<Long, List<JourneyAttribution>> computed = new LinkedHashMap<>();
      Map<Long, List<CalculationService.BulkError>> errorsByStored = new HashMap<>();
      for (Map.Entry<Long, ModelDefinition> entry : models.entrySet()) {
        ModelDefinition runs = entry.getValue();
        List<CalculationService.BulkError> runErrors = errorsByStored.get(runs.id());
        if (runErrors == null) {
          runErrors = new ArrayList<>();
          computed.put(runs.id(), runs.isAi()
              ? calculations.creditAllWithAi(chunk, runs, channels, runErrors, aiBudget)
              : calculations.creditAll(chunk, runs, fitted.get(entry.getKey()), channels, runErrors, runs.id()));
          errorsByStored.put(runs.id(), runErrors);
        }
        // Each asked model's pairs fail with the journeys its results could not be computed for.
        long asked = entry.getKey();
        runErrors.forEach(e -> tally.fail(new CalculationService.BulkError(e.journeyId(), asked, e.status(), e.title(),
            e.detail()), 1));
      }
      inFlight.acquire();
      TenantId tenant = TenantContext.current();
      writes.add(writers.submit(() -> TenantContext.runAs(tenant, () -> {
        try {
          calculations.store(computed, true);
        } finally {
          inFlight.release();
        }
      })));
      tally.done += (long) chunkIds.size() * (models.size() + unusable.size());
      if (writes.size() % 5 == 0) {
        jobs.progress(jobId, tally.done, tally.failed, tally.drain());
      }
    }
    for (Future<?> write : writes) {
      write.get();
    }
  }

  /**
   * Records the end of a job, retrying while the database is out of reach. Should it stay out of reach, the job is
   * no longer held here, its heartbeat stops, and the reaper fails it once the database is back.
   */
  private void finish(long jobId, String status, Tally tally) {
    List<CalculationService.BulkError> last = tally.drain();
    for (int attempt = 1; attempt <= FINISH_ATTEMPTS; attempt++) {
      try {
        jobs.finish(jobId, status, tally.done, tally.failed, last);
        return;
      } catch (RuntimeException e) {
        log.warn("could not record the end of bulk job {} (attempt {} of {}): {}", jobId, attempt, FINISH_ATTEMPTS,
            e.getMessage());
        if (e instanceof DataIntegrityViolationException) {
          // The outcome itself could not be written (its errors, say); a bare failure still ends the job.
          status = "failed";
          last = List.of(new CalculationService.BulkError(0, 0, 500, "Job failed",
              "the job's outcome could not be recorded: " + e.getClass().getSimpleName()));
        }
        sleep(Duration.ofSeconds(1L << attempt));
      }
    }
    log.error("bulk job {} could not be recorded as ended; it will be failed once its heartbeat is stale", jobId);
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Counts and errors of one running job; its errors reach the database with each progress write. */
  private static final class Tally {
    final long total;
    long done;
    long failed;
    private int kept;
    private final List<CalculationService.BulkError> pending = new ArrayList<>();

    Tally(long total) {
      this.total = total;
    }

    void fail(CalculationService.BulkError error, long pairs) {
      failed += pairs;
      keep(error);
    }

    void keep(CalculationService.BulkError error) {
      if (kept < MAX_ERRORS_KEPT) {
        pending.add(error);
        kept++;
      }
    }

    List<CalculationService.BulkError> drain() {
      List<CalculationService.BulkError> out = List.copyOf(pending);
      pending.clear();
      return out;
    }

    String outcome() {
      return failed == 0 ? "succeeded" : failed >= total ? "failed" : "partial";
    }
  }
}
