package io.nexus.server.journey.internal;

import io.nexus.server.journey.JourneyDetail;
import io.nexus.server.journey.JourneyQuery;
import io.nexus.server.journey.JourneySummary;
import io.nexus.server.journey.internal.JourneyRequests.NewJourney;
import io.nexus.server.journey.internal.JourneyRequests.NewJourneys;
import io.nexus.server.web.Dates;
import io.nexus.server.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/attribution/journeys}: journeys with their touchpoints and conversions. */
@RestController
@RequestMapping(path = "/api/v1/attribution/journeys", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Journeys")
class JourneyController {
  private final JourneyWrites journeys;
  private final JourneyQueries queries;
  private final BatchValidation validation;

  JourneyController(JourneyWrites journeys, JourneyQueries queries, BatchValidation validation) {
    this.journeys = journeys;
    this.queries = queries;
    this.validation = validation;
  }

  @PostMapping
  @Operation(summary = "Create a journey")
  ResponseEntity<JourneySummary> create(@Valid @RequestBody NewJourney request) {
    JourneySummary created = journeys.create(List.of(request)).get(0);
    return ResponseEntity.created(URI.create("/api/v1/attribution/journeys/" + created.id())).body(created);
  }

  @PostMapping("/batch")
  @Operation(summary = "Create many journeys, all or nothing (up to 10,000)")
  ResponseEntity<Map<String, Object>> createAll(@Valid @RequestBody NewJourneys request) {
    validation.check("journeys", request.journeys());
    List<JourneySummary> created = journeys.create(request.journeys());
    return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("created", created.size(), "journeys", created));
  }

  @GetMapping
  @Operation(summary = "List journeys by user, conversion, channel and start date, page by page")
  JourneyPage list(
      @RequestParam(name = "user_id", required = false) String userId,
      @RequestParam(name = "has_conversion", required = false) Boolean hasConversion,
      @RequestParam(name = "channel_id", required = false) Long channelId,
      @RequestParam(name = "start_date", required = false) String startDate,
      @RequestParam(name = "end_date", required = false) String endDate,
      @RequestParam(name = "page", defaultValue = "0") int page,
      @RequestParam(name = "size", defaultValue = "50") int size) {
    Paging.check(page, size);
    Dates.Range range = Dates.range(startDate, endDate);
    return queries.list(new JourneyQuery(range.from(), range.to(), hasConversion, userId, channelId), page, size);
  }

  @GetMapping("/{id}")
  @Operation(summary = "Get a journey with its touchpoints and conversions")
  JourneyDetail get(@PathVariable long id) {
    return queries.detail(id);
  }

  @DeleteMapping("/{id}")
  @Operation(summary = "Delete a journey with its touchpoints, conversions and stored results")
  ResponseEntity<Void> delete(@PathVariable long id) {
    journeys.delete(id);
    return ResponseEntity.noContent().build();
  }
}
