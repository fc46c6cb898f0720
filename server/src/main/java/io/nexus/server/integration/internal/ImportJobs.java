package io.nexus.server.integration.internal;

import io.nexus.server.integration.ImportRange;
import io.nexus.server.integration.PlatformEvent;
import io.nexus.server.integration.PlatformException;
import io.nexus.server.integration.PlatformIntegration;
import io.nexus.server.integration.SpendReport;
import io.nexus.server.channel.ChannelCatalog;
import io.nexus.server.persistence.DatabaseProduct;
import io.nexus.server.persistence.TenantContext;
import io.nexus.server.persistence.TenantDirectory;
import io.nexus.server.persistence.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.LongStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Runs imports one after another on a thread of their own, each in its caller's tenant: a job row says how far it
 * got, and an import is stored in one transaction, so a failed one leaves nothing behind.
 */
@Service
class ImportJobs {
  private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);

  private final ImportWriter writer;
  private final IntegrationJobRepository jobs;
  private final TenantDirectory tenants;
  private final DatabaseProduct database;
  private final ChannelCatalog channels;
  private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "nexus-integration");
    t.setDaemon(true);
    return t;
  });

  ImportJobs(ImportWriter writer, IntegrationJobRepository jobs, TenantDirectory tenants, DatabaseProduct database,
      ChannelCatalog channels) {
    this.channels = channels;
    this.writer = writer;
    this.jobs = jobs;
    this.tenants = tenants;
    this.database = database;
  }

  /** The upload's events with their channels named, and those refused; see {@link ImportWriter#resolveChannels}. */
  ImportWriter.Resolved resolve(List<PlatformEvent> events, List<Long> lines) {
    return writer.resolveChannels(events, lines);
  }

  /** Queues the storing of an upload's events, already read and resolved; the job's id. */
  long submitUpload(String platform, long rowsRead, List<PlatformEvent> events, List<ImportJob.Rejection> refused,
      long repeated) {
    long id = jobs.start(platform, null, null, null, rowsRead, refused);
    TenantId tenant = TenantContext.current();
    runner.submit(() -> TenantContext.runAs(tenant,
        () -> run(id, platform, rowsRead, () -> new Fetched(events, null), refused, false, repeated)));
    return id;
  }

  /** Queues the storing of an uploaded spend file, already read and resolved; the job's id. */
  long submitSpendUpload(String platform, long rowsRead, SpendRows.Resolved spend) {
    long id = jobs.start(platform, spend.first(), spend.last(), null, rowsRead, spend.rejections());
    TenantId tenant = TenantContext.current();
    runner.submit(() -> TenantContext.runAs(tenant,
        () -> run(id, platform, rowsRead, () -> new Fetched(List.of(), spend), List.of(), false, 0)));
    return id;
  }

  /** Queues an import of the platform's events in the range; the job's id. */
  long submitImport(PlatformIntegration integration, ImportRange range) {
    String platform = integration.platform();
    long id = jobs.start(platform, range.startDate(), range.endDate(), range.userId(), 0, List.of());
    TenantId tenant = TenantContext.current();
    runner.submit(() -> TenantContext.runAs(tenant, () -> run(id, platform, -1, () -> {
      List<PlatformEvent> all = new ArrayList<>(integration.fetchTouchpoints(range));
      all.addAll(integration.fetchConversions(range));
      // Spend is per ad account, never per user.
      List<SpendReport> spend = range.user().isPresent() ? List.of() : integration.fetchSpend(range);
      return new Fetched(all, SpendRows.resolve(platform, range.startDate(), range.endDate(), spend,
          channels.all()));
    }, List.of(), true, 0)));
    return id;
  }

  private void run(long id, String platform, long rowsRead, Fetch fetch, List<ImportJob.Rejection> refused,
      boolean resolve, long repeated) {
    long read = rowsRead;
    try {
      Fetched fetched = fetch.fetch();
      List<PlatformEvent> events = fetched.events();
      read = rowsRead >= 0 ? rowsRead : events.size() + (fetched.spend() == null ? 0 : fetched.spend().rowsRead());
      List<Long> positions = LongStream.rangeClosed(1, events.size()).boxed().toList();
      ImportWriter.Resolved resolved = resolve ? writer.resolveChannels(events, positions)
          : new ImportWriter.Resolved(events, List.of());
      List<ImportJob.Rejection> rejections = new ArrayList<>(refused);
      rejections.addAll(resolved.rejections());
      if (fetched.spend() != null) {
        rejections.addAll(fetched.spend().rejections());
      }
      ImportWriter.Stored stored = writer.store(platform, id, resolved.events(), fetched.spend())
          .plusDuplicates(repeated);
      jobs.succeeded(id, read, stored, rejections);
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
    // PostgreSQL another instance may be running it.
    if (database.isPostgres()) {
      return;
    }
    tenants.forEach(tenant -> jobs.failRunning("the service stopped before the job finished; nothing of it was "
        + "stored; submit it again"));
  }

  /** Where a job's events and spend come from: read already, or fetched from the platform when the job runs. */
  @FunctionalInterface
  private interface Fetch {
    Fetched fetch();
  }

  /** A job's events, and its spend or {@code null} when it has none to replace. */
  private record Fetched(List<PlatformEvent> events, SpendRows.Resolved spend) {}
}
