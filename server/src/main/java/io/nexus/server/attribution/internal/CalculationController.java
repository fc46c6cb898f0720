package io.nexus.server.attribution.internal;

import io.nexus.server.attribution.JourneyAttribution;
import io.nexus.server.web.ApiException;
import io.nexus.server.web.Dates;
import io.nexus.server.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/attribution/calculate} and {@code /jobs}: crediting journeys under models. */
@RestController
@RequestMapping(path = "/api/v1/attribution", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Attribution")
class CalculationController {
  private final CalculationService calculations;
  private final BulkService bulk;
  private final JobRepository jobs;

  CalculationController(CalculationService calculations, BulkService bulk, JobRepository jobs) {
    this.calculations = calculations;
    this.bulk = bulk;
    this.jobs = jobs;
  }

  @PostMapping("/calculate/{journeyId}/{modelId}")
  @Operation(summary = "Credit a journey's conversion to its channels under a model, and store the result",
      description = "422 when the journey has no conversion or no touchpoints, 409 when the model is inactive.")
  JourneyAttribution calculate(@PathVariable long journeyId, @PathVariable long modelId,
      @RequestParam(name = "use_cache", defaultValue = "true") boolean useCache) {
    return calculations.calculate(journeyId, modelId, useCache);
  }

  @PostMapping("/calculate/bulk")
  @Operation(summary = "Credit many journey × model pairs",
      description = "Up to 500 pairs with journey_ids are answered at once, one result or error per pair; a date "
          + "range or more pairs run as a background job (202 with the job's id). At most 1,000,000 journey ids and "
          + "100 models per request (422 beyond).")
  ResponseEntity<?> bulk(@Valid @RequestBody BulkRequest request) {
    // Read even when journey_ids select the journeys: a bad date is refused, never silently ignored.
    Dates.start(request.startDate(), "start_date");
    Dates.end(request.endDate(), "end_date");
    if (request.journeyIds() != null && request.journeyIds().isEmpty()) {
      throw ApiException.badRequest("journey_ids", "must hold at least one id, or leave it out and give a date range");
    }
    if (request.journeyIds() != null && request.journeyIds().size() > BulkService.MAX_JOURNEY_IDS) {
      throw ApiException.unprocessable("journey_ids", "at most " + BulkService.MAX_JOURNEY_IDS + " ids per request, "
          + "got " + request.journeyIds().size() + "; split the request, or select journeys by start_date and end_date");
    }
    if (request.modelIds().size() > BulkService.MAX_MODEL_IDS) {
      throw ApiException.unprocessable("model_ids", "at most " + BulkService.MAX_MODEL_IDS + " models per request, "
          + "got " + request.modelIds().size());
    }
    if (!BulkService.runsAsJob(request)) {
      return ResponseEntity.ok(bulk.calculateNow(request));
    }
    BulkService.JobAccepted job = bulk.submit(request);
    return ResponseEntity.accepted().location(URI.create(job.statusUrl())).body(job);
  }

  @GetMapping("/jobs/{id}")
  @Operation(summary = "A bulk job's progress and outcome: queued, running, succeeded, partial or failed",
      description = "Counts, the first 100 errors and errors_url to page through all of them.")
  JobRepository.JobView job(@PathVariable long id) {
    return jobs.find(id).orElseThrow(() -> ApiException.notFound("job", id));
  }

  @GetMapping("/jobs/{id}/errors")
  @Operation(summary = "A bulk job's errors, page by page, in the order they happened")
  JobRepository.ErrorPage jobErrors(@PathVariable long id, @RequestParam(name = "page", defaultValue = "0") int page,
      @RequestParam(name = "size", defaultValue = "100") int size) {
    Paging.check(page, size);
    jobs.find(id).orElseThrow(() -> ApiException.notFound("job", id));
    return jobs.errors(id, page, size);
  }
}
