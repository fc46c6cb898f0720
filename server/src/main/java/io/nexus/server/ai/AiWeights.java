package io.nexus.server.ai;

import java.util.Map;

/**
 * A validated AI answer for one journey: each touchpoint's share of the credit and the model's explanation.
 *
 * @param shares each touchpoint id's share, non-negative, summing to 1
 * @param reasoning the model's explanation of the weights
 * @param usage the call's model, tokens, latency and whether it was cached
 */
public record AiWeights(Map<Long, Double> shares, String reasoning, AiUsage usage) {

  public AiWeights {
    shares = Map.copyOf(shares);
  }
}
