package io.nexus.server.ai;

import java.util.List;

/**
 * A validated AI answer about computed facts: the insights, a summary and what the call cost.
 *
 * @param insights the insights, each citing facts that exist
 * @param summary the model's summary of them
 * @param usage the call's model, tokens, latency and whether it was cached
 */
public record AiReport(List<AiInsight> insights, String summary, AiUsage usage) {

  public AiReport {
    insights = List.copyOf(insights);
  }
}
