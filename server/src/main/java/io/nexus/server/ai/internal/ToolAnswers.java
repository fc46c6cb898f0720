package io.nexus.server.ai.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.nexus.server.web.ApiException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;

/**
 * Checks what the provider put into the forced tool before anything uses it: every touchpoint exactly once, no
 * unknown ids, finite non-negative weights, not all zero, and a reasoning. Anything else is the provider's fault: 502.
 */
final class ToolAnswers {
  private ToolAnswers() {}

  /** The provider answered something the service cannot use: 502, saying what was wrong. */
  static ApiException wrong(String what) {
    return new ApiException(HttpStatus.BAD_GATEWAY, "AI provider answered wrongly",
        "the AI provider's answer was refused and nothing was stored: " + what, List.of());
  }

  /** Each touchpoint's weight divided by their sum, in the order of {@code touchpointIds}. */
  static Map<Long, Double> shares(JsonNode input, List<Long> touchpointIds) {
    JsonNode weights = input == null ? null : input.get("weights");
    if (weights == null || !weights.isArray()) {
      throw wrong("attribute_journey input has no weights array");
    }
    Set<Long> expected = new HashSet<>(touchpointIds);
    Map<Long, Double> given = new LinkedHashMap<>();
    for (JsonNode entry : weights) {
      JsonNode id = entry.get("touchpoint_id");
      JsonNode weight = entry.get("weight");
      if (id == null || !id.isIntegralNumber()) {
        throw wrong("a weight has no integer touchpoint_id");
      }
      long touchpoint = id.asLong();
      if (!expected.contains(touchpoint)) {
        throw wrong("touchpoint_id " + touchpoint + " is not a touchpoint of the journey");
      }
      if (weight == null || !weight.isNumber() || !Double.isFinite(weight.asDouble())) {
        throw wrong("the weight of touchpoint " + touchpoint + " is not a finite number");
      }
      if (weight.asDouble() < 0) {
        throw wrong("the weight of touchpoint " + touchpoint + " is negative (" + weight.asDouble() + ")");
      }
      if (given.put(touchpoint, weight.asDouble()) != null) {
        throw wrong("touchpoint " + touchpoint + " is weighed more than once");
      }
    }
    List<Long> missing = touchpointIds.stream().filter(t -> !given.containsKey(t)).toList();
    if (!missing.isEmpty()) {
      throw wrong("touchpoints " + missing + " of the journey are not weighed");
    }
    double sum = given.values().stream().mapToDouble(Double::doubleValue).sum();
    if (!(sum > 0) || !Double.isFinite(sum)) {
      throw wrong("all weights are zero");
    }
    Map<Long, Double> shares = new LinkedHashMap<>();
    for (long touchpoint : touchpointIds) {
      shares.put(touchpoint, given.get(touchpoint) / sum);
    }
    return shares;
  }

  /** The model's explanation, required by the tool's schema. */
  static String reasoning(JsonNode input) {
    JsonNode reasoning = input.get("reasoning");
    if (reasoning == null || !reasoning.isTextual() || reasoning.asText().isBlank()) {
      throw wrong("attribute_journey input has no reasoning");
    }
    return reasoning.asText();
  }
}
