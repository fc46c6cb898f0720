package io.nexus.server.journey.internal;

import io.nexus.server.journey.StoredConversion;
import io.nexus.server.journey.internal.JourneyRequests.NewConversion;
import io.nexus.server.journey.internal.JourneyRequests.NewConversions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/attribution/conversions}: conversions one by one or in all-or-nothing batches. */
@RestController
@RequestMapping(path = "/api/v1/attribution/conversions", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Journeys")
class ConversionController {
  private final JourneyWrites journeys;
  private final BatchValidation validation;

  ConversionController(JourneyWrites journeys, BatchValidation validation) {
    this.journeys = journeys;
    this.validation = validation;
  }

  @PostMapping
  @Operation(summary = "Add a conversion to a journey; a retry with the same event_id answers 200 with the original")
  ResponseEntity<StoredConversion> create(@Valid @RequestBody NewConversion request) {
    Ingested<StoredConversion> written = journeys.addConversions(List.of(request), false);
    return ResponseEntity.status(written.created() == 1 ? HttpStatus.CREATED : HttpStatus.OK)
        .body(written.records().get(0));
  }

  @PostMapping("/batch")
  @Operation(summary = "Add many conversions, all or nothing (up to 10,000); retried event ids are not stored twice")
  ResponseEntity<BatchResult> createAll(@Valid @RequestBody NewConversions request) {
    validation.check("conversions", request.conversions());
    BatchResult result = BatchResult.ofConversions(journeys.addConversions(request.conversions(), true));
    return ResponseEntity.status(result.created() > 0 ? HttpStatus.CREATED : HttpStatus.OK).body(result);
  }
}
