package io.nexus.server.attribution.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/attribution/journeys/{id}/visualization}: a journey as a timeline for drawing. */
@RestController
@RequestMapping(produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Attribution")
class VisualizationController {
  private final VisualizationService visualizations;

  VisualizationController(VisualizationService visualizations) {
    this.visualizations = visualizations;
  }

  @GetMapping("/api/v1/attribution/journeys/{id}/visualization")
  @Operation(summary = "A journey's touchpoints in time order with time to conversion and each touch's credit")
  JourneyTimeline visualization(@PathVariable long id,
      @RequestParam(name = "model_id", required = false) Long modelId) {
    return visualizations.timeline(id, modelId);
  }
}
