package io.nexus.server.insight.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/attribution/ai/insights}: insights about attribution data, written by Claude or by rules. */
@RestController
@RequestMapping(path = "/api/v1/attribution/ai", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "AI")
class InsightController {
  private final InsightService insights;

  InsightController(InsightService insights) {
    this.insights = insights;
  }

  @PostMapping("/insights")
  @Operation(summary = "Insights about journeys: facts computed from the data, written up by Claude or by rules",
      description = "journey_ids (at most 10,000) or start_date and end_date select the journeys; analysis_type is "
          + "performance, optimization or trends (trends needs a range of at least 14 days); attribution_model_ids "
          + "default to every active model but the AI one. With ANTHROPIC_API_KEY set Claude writes the insights "
          + "(one call, answers stored by the facts' content; 502 when it cites facts that do not exist, 503/504 "
          + "when the provider is busy or slow, 429 over the AI budgets); without it, or with writer: rules, rules "
          + "do. Every insight cites the ids of the facts it rests on (docs/ai.md).")
  InsightReport insights(@RequestBody InsightRequest request) {
    return insights.answer(request);
  }
}
