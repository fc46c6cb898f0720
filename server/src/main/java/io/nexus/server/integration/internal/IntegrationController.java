package io.nexus.server.integration.internal;

import io.nexus.server.web.ApiException;
import io.nexus.server.web.Dates;
import io.nexus.server.web.FieldProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/attribution/integrations}: platforms, imports from them, file uploads and their jobs. */
@RestController
@RequestMapping(path = IntegrationController.PATH, produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Integrations")
class IntegrationController {
  static final String PATH = "/api/v1/attribution/integrations";

  private final IntegrationService integrations;
  private final PushService pushes;

  IntegrationController(IntegrationService integrations, PushService pushes) {
    this.integrations = integrations;
    this.pushes = pushes;
  }

  @GetMapping
  @Operation(summary = "Every platform: configured or not, the settings it lacks, its latest import and counts")
  List<IntegrationService.Platform> list() {
    return integrations.platforms();
  }

  @PostMapping(path = "/{platform}/import", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Import the platform's journeys of some days as a job; 202 with the job, whose progress is at "
      + "the Location; re-importing the same days adds nothing")
  ResponseEntity<ImportJob> importFrom(@PathVariable String platform, @Valid @RequestBody ImportRequest request) {
    LocalDate[] days = days(request.startDate(), request.endDate());
    return accepted(integrations.startImport(platform, days[0], days[1], request.userId()));
  }

  @PostMapping(path = "/{platform}/push", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Send a model's attribution of the conversions of the journeys started in some days back to the "
      + "platform (facebook_ads: the Conversions API); synchronous; pushing again is deduplicated by event id")
  PushService.Pushed push(@PathVariable String platform, @Valid @RequestBody PushRequest request) {
    LocalDate[] days = days(request.startDate(), request.endDate());
    return pushes.push(platform, request.attributionModelId(), days[0], days[1]);
  }

  @PostMapping(path = "/{platform}/upload", consumes = {"text/csv", "application/x-ndjson",
      MediaType.TEXT_PLAIN_VALUE, MediaType.APPLICATION_OCTET_STREAM_VALUE, "application/gzip"})
  @Operation(summary = "Upload a file as a job (csv: the command line's touchpoint columns; google_analytics: the GA4 "
      + "BigQuery export as NDJSON; gzip or not); every bad row is refused with its line and reason (422, nothing "
      + "stored) unless partial=true stores the good rows")
  ResponseEntity<ImportJob> upload(@PathVariable String platform, @RequestBody(required = false) byte[] body,
      @RequestParam(defaultValue = "false") boolean partial) {
    return accepted(integrations.upload(platform, body, partial));
  }

  @PostMapping(path = "/{platform}/upload", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Read a GA4 export named on the server (a path inside NEXUS_IMPORT_DIR, gzip or not) as an "
      + "upload job, the file read as it streams")
  ResponseEntity<ImportJob> uploadFile(@PathVariable String platform, @Valid @RequestBody FileRequest request,
      @RequestParam(defaultValue = "false") boolean partial) {
    return accepted(integrations.uploadFile(platform, request.path(), partial));
  }

  @GetMapping("/jobs/{id}")
  @Operation(summary = "An import job: status, rows read, journeys, touchpoints, conversions, spend rows, duplicate "
      + "events left out, rejected rows with line and reason")
  ImportJob job(@PathVariable long id) {
    return integrations.job(id);
  }

  private static ResponseEntity<ImportJob> accepted(ImportJob job) {
    return ResponseEntity.accepted().location(URI.create("/api/v1/attribution/integrations/jobs/" + job.id()))
        .body(job);
  }

  /** The first and last day of a request, both readable and in order, or a 400 naming each bad one. */
  private static LocalDate[] days(String startDate, String endDate) {
    List<FieldProblem> problems = new ArrayList<>();
    LocalDate start = Dates.day(startDate, "start_date", problems);
    LocalDate end = Dates.day(endDate, "end_date", problems);
    if (start != null && end != null && end.isBefore(start)) {
      problems.add(new FieldProblem("end_date", "must not be before start_date"));
    }
    if (!problems.isEmpty()) {
      throw ApiException.badRequest(problems);
    }
    return new LocalDate[] {start, end};
  }
}
