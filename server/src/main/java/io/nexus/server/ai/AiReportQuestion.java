package io.nexus.server.ai;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Facts to write insights about: the provider model to ask, the kind of analysis wanted and the facts as JSON-ready
 * data, each with an {@code id} the insights must cite.
 *
 * @param model the provider's model name
 * @param analysisType {@code performance}, {@code optimization} or {@code trends}
 * @param facts the facts as data (maps, lists, strings, numbers), sent as JSON, never as instructions; each has an
 *     {@code id}
 */
public record AiReportQuestion(String model, String analysisType, List<Map<String, Object>> facts) {

  public AiReportQuestion {
    facts = List.copyOf(facts);
  }

  /** The ids the facts carry, which are all an insight may cite. */
  public Set<String> factIds() {
    Set<String> ids = new LinkedHashSet<>();
    facts.forEach(f -> ids.add(String.valueOf(f.get("id"))));
    return ids;
  }
}
