package io.nexus.server.ai.internal;

import io.nexus.server.ai.AiAttribution;
import io.nexus.server.ai.AiCallBudget;
import io.nexus.server.ai.AiJourneyQuestion;
import io.nexus.server.ai.AiWeights;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Weighs journeys with Claude: the journey goes as JSON data through {@code attribute_journey}, whose input must
 * weigh every touchpoint once before its shares and reasoning are stored (the stored answer reused for the same
 * journey, model, prompt and tool).
 */
@Service
class ClaudeAttribution extends ClaudeFeature implements AiAttribution {
  private final AiSettings settings;

  ClaudeAttribution(ClaudeCalls claude, AiSettings settings) {
    super(claude);
    this.settings = settings;
  }

  @Override
  public int concurrency() {
    return settings.concurrency();
  }

  @Override
  public AiWeights weigh(AiJourneyQuestion question, AiCallBudget budget) {
    claude.requireConfigured("");
    String journeyJson = ClaudeCalls.json(question.journey());
    return claude.answer(new ClaudeCalls.Question(JourneyPrompt.SPEC, question.model(),
            JourneyPrompt.userMessage(journeyJson), List.of(journeyJson)), budget,
        input -> Map.of("shares", ToolAnswers.shares(input, question.touchpointIds()),
            "reasoning", ToolAnswers.reasoning(input)),
        (answer, usage) -> {
          Map<Long, Double> shares = new LinkedHashMap<>();
          for (long touchpoint : question.touchpointIds()) {
            shares.put(touchpoint, answer.get("shares").get(Long.toString(touchpoint)).asDouble());
          }
          return new AiWeights(shares, answer.get("reasoning").asText(), usage);
        });
  }
}
