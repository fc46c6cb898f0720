package io.nexus.server.support;

import tools.jackson.databind.JsonNode;

/** Reads the answer of {@code GET /models/{id}/markov-chain}: one transition's probability, one removal effect. */
public final class MarkovChains {
  private MarkovChains() {}

  /** The probability of going from state {@code from} to {@code to}; 0 when the chain has no such transition. */
  public static double probability(JsonNode chain, String from, String to) {
    for (JsonNode t : chain.get("transitions")) {
      if (t.get("from").asString().equals(from) && t.get("to").asString().equals(to)) {
        return t.get("probability").asDouble();
      }
    }
    return 0;
  }

  /** The share of conversions the chain loses without channel {@code channelId}; fails when it has no effect. */
  public static double removalEffect(JsonNode chain, long channelId) {
    for (JsonNode e : chain.get("removal_effects")) {
      if (e.get("channel_id").asLong() == channelId) {
        return e.get("conversion").asDouble();
      }
    }
    throw new AssertionError("no removal effect of channel " + channelId);
  }
}
