package io.nexus.server.integration.internal;

import io.nexus.formats.InputException;
import io.nexus.server.channel.ChannelCatalog;
import io.nexus.server.integration.ImportRange;
import io.nexus.server.integration.PlatformIntegration;
import io.nexus.server.web.ApiException;
import io.nexus.server.web.FieldProblem;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/** Lists the platforms, starts imports and uploads, and reports their jobs. */
@Service
class IntegrationService {
  private final IntegrationRegistry registry;
  private final ImportJobs runner;
  private final IntegrationJobRepository jobs;
  private final ChannelCatalog channels;
  private final ServerFiles files;

  IntegrationService(IntegrationRegistry registry, ImportJobs runner, IntegrationJobRepository jobs,
      ChannelCatalog channels, ServerFiles files) {
    this.channels = channels;
    this.registry = registry;
    this.runner = runner;
    this.jobs = jobs;
    this.files = files;
  }

  /**
   * A platform as listed.
   *
   * @param platform its name in URLs
   * @param source {@code api} when journeys are fetched from the platform, {@code upload} when files are posted
   * @param configured whether every setting it needs is set
   * @param missingSettings the settings it needs that are not set
   * @param canPush whether it takes attribution results back ({@code POST /integrations/{platform}/push})
   * @param missingPushSettings the settings a push needs that are not set (empty when it cannot push)
   * @param acceptsUploads whether files can be posted to {@code /integrations/{platform}/upload}
   * @param lastImport its latest import or upload, or {@code null}
   */
  record Platform(String platform, String source, boolean configured, List<String> missingSettings, boolean canPush,
      List<String> missingPushSettings, boolean acceptsUploads, ImportJob lastImport) {}

  List<Platform> platforms() {
    List<Platform> all = new ArrayList<>();
    registry.all().forEach((name, integration) -> {
      List<String> missing = List.copyOf(integration.missingSettings());
      boolean pushes = integration.canPush();
      all.add(new Platform(name, "api", missing.isEmpty(), missing, pushes,
          pushes ? List.copyOf(integration.missingPushSettings()) : List.of(), UploadFormats.NAMES.contains(name),
          jobs.latest(name).orElse(null)));
    });
    for (String name : UploadFormats.NAMES.stream().sorted().toList()) {
      if (registry.find(name).isEmpty()) {
        all.add(new Platform(name, "upload", true, List.of(), false, List.of(), true,
            jobs.latest(name).orElse(null)));
      }
    }
    return all;
  }

  ImportJob startImport(String platform, LocalDate start, LocalDate end, String userId) {
    PlatformIntegration integration = registry.find(platform).orElseThrow(() -> UploadFormats.NAMES.contains(platform)
        ? ApiException.unprocessable("platform", platform + " takes uploads: POST /integrations/" + platform
            + "/upload") : ApiException.notFound("Platform", platform));
    List<String> missing = integration.missingSettings();
    if (!missing.isEmpty()) {
      throw ApiException.unprocessable("platform", platform + " is not configured: set " + String.join(", ", missing));
    }
    long id = runner.submitImport(integration, new ImportRange(start, end, userId));
    return job(id);
  }

  ImportJob upload(String platform, byte[] body, boolean partial) {
    if (!UploadFormats.NAMES.contains(platform)) {
      throw registry.find(platform).isPresent()
          ? ApiException.unprocessable("platform", platform + " is imported from the platform: POST /integrations/"
              + platform + "/import")
          : ApiException.notFound("Upload format", platform);
    }
    if (body == null || body.length == 0) {
      throw ApiException.badRequest("body", "empty upload");
    }
    if (platform.equals(UploadFormats.SPEND)) {
      return uploadSpend(body, partial);
    }
    CsvUpload.Read read;
    try {
      read = platform.equals(UploadFormats.GOOGLE_ANALYTICS) ? Ga4Upload.read(body) : CsvUpload.read(body);
    } catch (InputException e) {
      throw unreadable(e);
    }
    return store(platform, read, partial);
  }

  /** A GA4 export named on the server ({@code NEXUS_IMPORT_DIR}) rather than uploaded, read as it streams. */
  ImportJob uploadFile(String platform, String path, boolean partial) {
    if (!platform.equals(UploadFormats.GOOGLE_ANALYTICS)) {
      throw UploadFormats.NAMES.contains(platform) || registry.find(platform).isPresent()
          ? ApiException.unprocessable("path", "only google_analytics reads files named on the server; upload "
              + platform + " files in the request body")
          : ApiException.notFound("Upload format", platform);
    }
    try {
      return store(platform, Ga4Upload.read(files.open(path)), partial);
    } catch (InputException e) {
      throw unreadable(e);
    }
  }

  private static ApiException unreadable(InputException e) {
    return ApiException.badRequest(e.column() == null ? "line " + e.line() : "line " + e.line() + "." + e.column(),
        e.column() == null ? e.reason() : "\"" + e.value() + "\": " + e.reason());
  }

  private ImportJob store(String platform, CsvUpload.Read read, boolean partial) {
    List<ImportJob.Rejection> rejections = new ArrayList<>(read.rejections());
    ImportWriter.Resolved resolved = runner.resolve(read.events(), read.lines());
    rejections.addAll(resolved.rejections());
    rejections.sort((a, b) -> Long.compare(a.line(), b.line()));
    if (!rejections.isEmpty() && !partial) {
      List<FieldProblem> fields = rejections.stream().limit(IntegrationJobRepository.KEPT_REJECTIONS)
          .map(r -> new FieldProblem("line " + r.line(), r.reason())).toList();
      throw ApiException.unprocessable(rejections.size() + " of " + read.rows() + " rows refused, nothing stored; "
          + "fix them, or upload with partial=true to store the good rows", fields);
    }
    long id = runner.submitUpload(platform, read.rows(), resolved.events(), rejections, read.duplicates());
    return job(id);
  }

  private ImportJob uploadSpend(byte[] body, boolean partial) {
    SpendUpload.Read read;
    try {
      read = SpendUpload.read(body, channels.all());
    } catch (InputException e) {
      throw ApiException.badRequest("line " + e.line(), e.reason());
    }
    List<ImportJob.Rejection> rejections = read.spend().rejections();
    if (!rejections.isEmpty() && !partial) {
      List<FieldProblem> fields = rejections.stream().limit(IntegrationJobRepository.KEPT_REJECTIONS)
          .map(r -> new FieldProblem("line " + r.line(), r.reason())).toList();
      throw ApiException.unprocessable(rejections.size() + " of " + read.rows() + " rows refused, nothing stored; "
          + "fix them, or upload with partial=true to store the good rows", fields);
    }
    return job(runner.submitSpendUpload(UploadFormats.SPEND, read.rows(), read.spend()));
  }

  ImportJob job(long id) {
    return jobs.find(id).orElseThrow(() -> ApiException.notFound("Integration job", id));
  }
}
