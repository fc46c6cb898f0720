package io.nexus.server.journey.internal;

import io.nexus.server.journey.StoredTouchpoint;
import io.nexus.server.journey.internal.JourneyRequests.NewTouchpoint;
import io.nexus.server.journey.internal.JourneyRequests.NewTouchpoints;
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

/** {@code /api/v1/attribution/touchpoints}: touchpoints one by one or in all-or-nothing batches. */
@RestController
@RequestMapping(path = "/api/v1/attribution/touchpoints", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Journeys")
class TouchpointController {
  private final JourneyWrites journeys;
  private final BatchValidation validation;

  TouchpointController(JourneyWrites journeys, BatchValidation validation) {
    this.journeys = journeys;
    this.validation = validation;
  }

  @PostMapping
  @Operation(summary = "Add a touchpoint to a journey; a retry with the same event_id answers 200 with the original")
  ResponseEntity<StoredTouchpoint> create(@Valid @RequestBody NewTouchpoint request) {
    Ingested<StoredTouchpoint> written = journeys.addTouchpoints(List.of(request), false);
    return ResponseEntity.status(written.created() == 1 ? HttpStatus.CREATED : HttpStatus.OK)
        .body(written.records().get(0));
  }

  @PostMapping("/batch")
  @Operation(summary = "Add many touchpoints, all or nothing (up to 10,000); retried event ids are not stored twice")
  ResponseEntity<BatchResult> createAll(@Valid @RequestBody NewTouchpoints request) {
    validation.check("touchpoints", request.touchpoints());
    BatchResult result = BatchResult.ofTouchpoints(journeys.addTouchpoints(request.touchpoints(), true));
    return ResponseEntity.status(result.created() > 0 ? HttpStatus.CREATED : HttpStatus.OK).body(result);
  }
}
