package io.nexus.server.ai;

import java.util.List;
import java.util.Map;

/**
 * One journey to weigh: the provider model to ask, the journey as JSON-ready data and the touchpoint ids the answer
 * must weigh, each exactly once.
 *
 * @param model the provider's model name (the attribution model's {@code ml_model_type})
 * @param journey the journey as data (maps, lists, strings, numbers), sent as JSON, never as instructions
 * @param touchpointIds the journey's touchpoint ids
 */
public record AiJourneyQuestion(String model, Map<String, Object> journey, List<Long> touchpointIds) {

  public AiJourneyQuestion {
    touchpointIds = List.copyOf(touchpointIds);
  }
}
