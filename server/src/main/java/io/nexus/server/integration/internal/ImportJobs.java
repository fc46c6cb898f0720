package io.nexus.server.integration.internal;

import io.nexus.server.integration.ImportRange;
import io.nexus.server.integration.PlatformEvent;
import io.nexus.server.integration.PlatformException;
import io.nexus.server.integration.PlatformFetch;
import io.nexus.server.integration.PlatformIntegration;
import io.nexus.server.integration.SpendReport;
import io.nexus.server.channel.ChannelCatalog;
import io.nexus.server.persistence.DatabaseProduct;
import io.nexus.server.persistence.TenantContext;
import io.nexus.server.persistence.TenantDirectory;
import io.nexus.server.persistence.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.LongStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Runs imports one after another on a thread of their own, each in its caller's tenant: a job row says how far it
 * got, and an import is stored in one transaction together with its job's success, so a failed one leaves nothing
 * behind. While a job is queued or running here its heartbeat is renewed; a running job whose heartbeat is stale
 * (its instance died mid-import) is failed by any instance, at once on start-up with the embedded H2, which serves
 * one instance.
 */
@Service
class ImportJobs {
  private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);

  private final ImportWriter writer;
  private final IntegrationJobRepository jobs;
  private final TenantDirectory tenants;
  private final DatabaseProduct database;
  private final ChannelCatalog channels;
  private final Duration staleAfter;
  /** Jobs this instance holds, queued or running: their heartbeat is renewed. */
  private final Map<Long, TenantId> held = new ConcurrentHashMap<>();
  private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "nexus-integration");
    t.setDaemon(true);
    return t;
  });

  ImportJobs(ImportWriter writer, IntegrationJobRepository jobs, TenantDirectory tenants, DatabaseProduct database,
      ChannelCatalog channels, @Value("${nexus.jobs.stale-after:PT1M}") Duration staleAfter) {
    this.channels = channels;
    this.writer = writer;
    this.jobs = jobs;
    this.tenants = tenants;
    this.database = database;
    this.staleAfter = staleAfter;
  }

  /** The upload's events with their channels named, and those refused; see {@link ImportWriter#resolveChannels}. */
  ImportWriter.Resolved resolve(List<PlatformEvent> events, List<Long> lines) {
    return writer.resolveChannels(events, lines);
  }

  /** Queues the storing of an upload's events, already read and resolved; the job's id. */
  long submitUpload(String platform, long rowsRead, List<PlatformEvent> events, List<ImportJob.Rejection> refused,
      long repeated) {
    long id = jobs.start(platform, null, null, null, rowsRead, refused);
    PlatformFetch read = new PlatformFetch(rowsRead, events, List.of(), repeated, null, null);
    submit(id, platform, () -> new Fetched(read, null, rowsRead), refused, false, null);
    return id;
  }

  /** Queues the storing of an uploaded spend file, already read and resolved; the job's id. */
  long submitSpendUpload(String platform, long rowsRead, SpendRows.Resolved spend) {
    long id = jobs.start(platform, spend.first(), spend.last(), null, rowsRead, spend.rejections());
    submit(id, platform, () -> new Fetched(PlatformFetch.of(List.of()), spend, rowsRead), List.of(), false, null);
    return id;
  }

  /** Queues an import of the platform's events in the range; the job's id. */
  long submitImport(PlatformIntegration integration, ImportRange range) {
    String platform = integration.platform();
    long id = jobs.start(platform, range.startDate(), range.endDate(), range.userId(), 0, List.of());
    submit(id, platform, () -> {
      PlatformFetch read = integration.fetch(range);
      // Spend is per ad account, never per user.
      List<SpendReport> reports = new ArrayList<>();
      if (range.user().isEmpty()) {
        reports.addAll(read.spend());
        reports.addAll(integration.fetchSpend(range));
      }
      SpendRows.Resolved spend = SpendRows.resolve(platform, range.startDate(), range.endDate(), reports,
          channels.all());
      return new Fetched(read, spend, read.rowsRead() + spend.rowsRead());
    }, List.of(), true, range);
    return id;
  }

  private void submit(long id, String platform, Fetch fetch, List<ImportJob.Rejection> refused, boolean resolve,
      ImportRange range) {
    TenantId tenant = TenantContext.current();
    held.put(id, tenant);
    runner.submit(() -> TenantContext.runAs(tenant, () -> {
      try {
        run(id, platform, fetch, refused, resolve, range);
      } finally {
        held.remove(id);
      }
    }));
  }

  private void run(long id, String platform, Fetch fetch, List<ImportJob.Rejection> refused, boolean resolve,
      ImportRange range) {
    long read = 0;
    try {
      Fetched fetched = fetch.fetch();
      read = fetched.rowsRead();
      PlatformFetch platformRead = fetched.read();
      List<PlatformEvent> events = platformRead.events();
      List<ImportJob.Rejection> rejections = new ArrayList<>(refused);
      platformRead.refused().forEach(r -> rejections.add(new ImportJob.Rejection(r.position(), r.reason())));
      List<Long> positions = LongStream.rangeClosed(1, events.size()).boxed().toList();
      ImportWriter.Resolved resolved = resolve ? writer.resolveChannels(events, positions)
          : new ImportWriter.Resolved(events, List.of());
      rejections.addAll(resolved.rejections());
      if (fetched.spend() != null) {
        rejections.addAll(fetched.spend().rejections());
      }
      rejections.sort((a, b) -> Long.compare(a.line(), b.line()));
      List<DayReconciliation> reconciliation = range == null || platformRead.totals() == null ? List.of()
          : DayReconciliation.of(events, platformRead.totals(), range.startDate(), range.endDate());
      long rows = read;
      writer.store(platform, id, resolved.events(), fetched.spend(), stored -> {
        if (!jobs.succeeded(id, rows, stored.plusDuplicates(platformRead.duplicates()), rejections, reconciliation,
            platformRead.totalsNote(), platformRead.intradayDays())) {
          throw new IllegalStateException("the job was failed while it ran (its heartbeat was late); nothing of it "
              + "was stored");
        }
      });
    } catch (PlatformException e) {
      jobs.failed(id, read, platform + ": " + e.getMessage() + "; nothing of this import was stored");
    } catch (RuntimeException e) {
      log.warn("integration job {} of {} failed", id, platform, e);
      jobs.failed(id, read, "the import failed and nothing of it was stored: " + e.getMessage());
    }
  }

  @EventListener(ApplicationReadyEvent.class)
  void failInterruptedJobs() {
    // The embedded H2 file is locked by one process, so every job still running there belonged to a stopped one; on
    // PostgreSQL another instance may be running it, so only jobs whose heartbeat is stale are failed.
    int failed = reap(database.isPostgres() ? Instant.now().minus(staleAfter) : null,
        "the service stopped before the job finished; nothing of it was stored; submit it again");
    if (failed > 0) {
      log.warn("marked {} integration jobs interrupted by a stop as failed", failed);
    }
  }

  @Scheduled(initialDelayString = "${nexus.jobs.heartbeat:PT10S}", fixedDelayString = "${nexus.jobs.heartbeat:PT10S}")
  void heartbeatAndReap() {
    try {
      TenantContext.forEachTenant(held, jobs::heartbeat);
      int failed = reap(Instant.now().minus(staleAfter), "the instance running the import stopped reporting for "
          + "more than " + staleAfter.toSeconds() + " s; nothing of it was stored; submit it again");
      if (failed > 0) {
        log.warn("marked {} integration jobs whose instance stopped as failed", failed);
      }
    } catch (RuntimeException e) {
      log.warn("could not renew or check integration job heartbeats: {}", e.getMessage());
    }
  }

  /** Fails every tenant's running jobs not held here whose heartbeat is older than {@code staleBefore}. */
  private int reap(Instant staleBefore, String error) {
    int[] failed = {0};
    tenants.forEach(tenant -> failed[0] += jobs.failAbandoned(staleBefore, error));
    return failed[0];
  }

  /** Where a job's events and spend come from: read already, or fetched from the platform when the job runs. */
  @FunctionalInterface
  private interface Fetch {
    Fetched fetch();
  }

  /**
   * What a job stores: the platform's events (with its refusals and daily totals), its spend or {@code null} when it
   * has none to replace, and the rows read in all.
   */
  private record Fetched(PlatformFetch read, SpendRows.Resolved spend, long rowsRead) {}
}
