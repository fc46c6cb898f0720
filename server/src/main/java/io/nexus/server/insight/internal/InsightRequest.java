package io.nexus.server.insight.internal;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * {@code POST /ai/insights}: the journeys (by id, or those started in a date range), the kind of analysis, the models
 * to compare and who writes the insights.
 *
 * @param journeyIds the journeys, or {@code null} to select them by {@code startDate} and {@code endDate}; at most
 *     {@link #MAX_JOURNEY_IDS}
 * @param startDate with {@code endDate}, selects the journeys started in the range, instead of {@code journeyIds}
 * @param endDate the end of the range, a date (inclusive) or a timestamp (exclusive)
 * @param analysisType {@code performance}, {@code optimization} or {@code trends}, required
 * @param attributionModelIds the models to compare (default: the first active rule, Markov and Shapley model of each
 *     type; the AI model when named); at most {@link #MAX_MODEL_IDS}
 * @param writer {@code auto} (Claude with a key, rules without; the default), {@code ai} or {@code rules}
 */
record InsightRequest(
    List<Long> journeyIds,
    String startDate,
    String endDate,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"performance", "optimization", "trends"})
    String analysisType,
    List<Long> attributionModelIds,
    @Schema(allowableValues = {"auto", "ai", "rules"}, defaultValue = "auto") String writer) {

  static final int MAX_JOURNEY_IDS = 10_000;
  static final int MAX_MODEL_IDS = 20;
}
