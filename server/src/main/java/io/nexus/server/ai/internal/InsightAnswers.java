package io.nexus.server.ai.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.nexus.server.ai.AiInsight;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks what the provider put into {@code report_insights} before anyone sees it: at least one insight, each with a
 * non-blank title, finding and recommendation and evidence citing at least one fact, only facts that exist; and a
 * summary. Anything else is the provider's fault: 502 saying what was wrong.
 */
final class InsightAnswers {
  /** More insights than anyone reads is a runaway answer rather than a report. */
  static final int MAX_INSIGHTS = 50;

  private InsightAnswers() {}

  static List<AiInsight> insights(JsonNode input, Set<String> factIds) {
    JsonNode insights = input == null ? null : input.get("insights");
    if (insights == null || !insights.isArray()) {
      throw ToolAnswers.wrong(InsightPrompt.TOOL + " input has no insights array");
    }
    if (insights.isEmpty()) {
      throw ToolAnswers.wrong(InsightPrompt.TOOL + " input has no insight");
    }
    if (insights.size() > MAX_INSIGHTS) {
      throw ToolAnswers.wrong(InsightPrompt.TOOL + " input has " + insights.size() + " insights, more than "
          + MAX_INSIGHTS);
    }
    List<AiInsight> checked = new ArrayList<>();
    for (int i = 0; i < insights.size(); i++) {
      JsonNode insight = insights.get(i);
      String where = "insights[" + i + "]";
      if (!insight.isObject()) {
        throw ToolAnswers.wrong(where + " is not an object");
      }
      String title = text(insight, where, "title");
      String finding = text(insight, where, "finding");
      String recommendation = text(insight, where, "recommendation");
      JsonNode evidence = insight.get("evidence");
      if (evidence == null || !evidence.isArray() || evidence.isEmpty()) {
        throw ToolAnswers.wrong(where + " cites no fact (evidence must list at least one fact id)");
      }
      List<String> cited = new ArrayList<>();
      List<String> unknown = new ArrayList<>();
      for (JsonNode id : evidence) {
        if (!id.isTextual()) {
          throw ToolAnswers.wrong(where + ".evidence holds " + id.getNodeType().toString().toLowerCase()
              + ", not a fact id");
        }
        if (!factIds.contains(id.asText())) {
          unknown.add(id.asText());
        } else if (!cited.contains(id.asText())) {
          cited.add(id.asText());
        }
      }
      if (!unknown.isEmpty()) {
        throw ToolAnswers.wrong(where + " cites unknown fact ids " + shortened(unknown));
      }
      checked.add(new AiInsight(title, finding, cited, recommendation));
    }
    return checked;
  }

  static String summary(JsonNode input) {
    return text(input, InsightPrompt.TOOL + " input", "summary");
  }

  private static String text(JsonNode node, String where, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw ToolAnswers.wrong(where + " has no " + field + " (a non-empty string)");
    }
    return value.asText();
  }

  /** Ids the provider made up go into the problem, so that it says what was wrong, but never unboundedly many. */
  private static String shortened(List<String> ids) {
    List<String> shown = ids.stream().limit(5).map(id -> id.length() > 80 ? id.substring(0, 80) + "…" : id).toList();
    return shown + (ids.size() > shown.size() ? " and " + (ids.size() - shown.size()) + " more" : "");
  }
}
