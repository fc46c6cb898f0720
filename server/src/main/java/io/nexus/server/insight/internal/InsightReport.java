package io.nexus.server.insight.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import io.nexus.server.ai.AiInsight;
import io.nexus.server.ai.AiUsage;
import io.nexus.server.attribution.AiFallback;
import io.nexus.server.attribution.AttributionReports.AiRun;
import java.time.Instant;
import java.util.List;

/**
 * The answer of {@code POST /ai/insights}; immutable.
 *
 * @param insights the insights, each citing the ids of the facts it rests on
 * @param summary the insights in a few sentences
 * @param facts the facts computed from the data, which the insights cite
 * @param source the Claude model that wrote the insights, or {@code rules}
 * @param analysisType {@code performance}, {@code optimization} or {@code trends}
 * @param generatedAt when the answer was made
 * @param models the models compared, with the slugs the fact ids name them by
 * @param ai the provider call's model, tokens, latency and whether it was stored before (Claude only)
 */
record InsightReport(List<AiInsight> insights, String summary, List<Fact> facts, String source, String analysisType,
    Instant generatedAt, List<ModelUsed> models, @JsonInclude(Include.NON_NULL) AiUsage ai) {

  /**
   * A model the facts are about: its id, name and the slug fact ids name it by; for the AI model, which model's
   * credits stood in for its answers without a provider, or what its provider calls took.
   */
  record ModelUsed(long id, String name, String slug, @JsonInclude(Include.NON_NULL) AiFallback fallback,
      @JsonInclude(Include.NON_NULL) AiRun ai) {}
}
