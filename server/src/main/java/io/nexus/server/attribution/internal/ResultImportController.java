package io.nexus.server.attribution.internal;

import io.nexus.server.web.TenantLimits;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/attribution/imports/results}: journeys attributed elsewhere, stored with their results. */
@RestController
@Tag(name = "Attribution")
class ResultImportController {
  static final String PATH = "/api/v1/attribution/imports/results";

  private final ResultImports imports;
  private final TenantLimits limits;

  ResultImportController(ResultImports imports, TenantLimits limits) {
    this.imports = imports;
    this.limits = limits;
  }

  @PostMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Import journeys with the channel credits models gave them elsewhere (the Spark job)",
      description = "A batch of up to 10,000 journeys with their touchpoints (channels by name), conversions and "
          + "results (model spec, channel, credit, attributed_conversions, attributed_revenue), stored all or nothing "
          + "as the service's own results are: channels and models found by name and by what they run, added when "
          + "missing. A journey key its source imported before is skipped, so a batch sent again stores nothing "
          + "twice; the Idempotency-Key header works too. 422 names every field at fault, before anything is stored.")
  ResultImports.Answer importResults(@Valid @RequestBody ResultImportRequest request) {
    limits.checkBatch("journeys", request.journeys().size());
    return imports.importResults(request);
  }
}
