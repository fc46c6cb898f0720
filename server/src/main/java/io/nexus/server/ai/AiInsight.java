package io.nexus.server.ai;

import java.util.List;

/**
 * One insight about computed facts; immutable.
 *
 * @param title a short headline
 * @param finding what the facts show
 * @param evidence the ids of the facts it rests on, at least one, each an existing fact
 * @param recommendation what to do about it
 */
public record AiInsight(String title, String finding, List<String> evidence, String recommendation) {

  public AiInsight {
    evidence = List.copyOf(evidence);
  }
}
