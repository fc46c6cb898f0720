package io.nexus.server.ai.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.nexus.server.ai.AiCallBudget;
import io.nexus.server.ai.AiInsight;
import io.nexus.server.ai.AiInsights;
import io.nexus.server.ai.AiReport;
import io.nexus.server.ai.AiReportQuestion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Writes insights with Claude: the facts go as JSON data through {@code report_insights}, whose input must cite only
 * facts that exist before it is stored (the stored answer reused for the same facts, analysis type, model, prompt
 * and tool).
 */
@Service
class ClaudeInsights extends ClaudeFeature implements AiInsights {

  ClaudeInsights(ClaudeCalls claude) {
    super(claude);
  }

  @Override
  public AiReport report(AiReportQuestion question, AiCallBudget budget) {
    claude.requireConfigured(", or ask for \"writer\": \"rules\"");
    String factsJson = ClaudeCalls.json(question.facts());
    String analysisType = question.analysisType();
    return claude.answer(new ClaudeCalls.Question(InsightPrompt.SPEC, question.model(),
            InsightPrompt.userMessage(analysisType, factsJson), List.of(analysisType, factsJson)), budget,
        input -> Map.of("insights", InsightAnswers.insights(input, question.factIds()),
            "summary", InsightAnswers.summary(input)),
        (answer, usage) -> new AiReport(insights(answer), answer.get("summary").asText(), usage));
  }

  private static List<AiInsight> insights(JsonNode answer) {
    List<AiInsight> insights = new ArrayList<>();
    for (JsonNode insight : answer.get("insights")) {
      List<String> evidence = new ArrayList<>();
      insight.get("evidence").forEach(id -> evidence.add(id.asText()));
      insights.add(new AiInsight(insight.get("title").asText(), insight.get("finding").asText(), evidence,
          insight.get("recommendation").asText()));
    }
    return insights;
  }
}
