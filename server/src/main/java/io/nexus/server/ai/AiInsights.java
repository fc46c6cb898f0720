package io.nexus.server.ai;

/** Writes insights about computed facts with the configured AI provider; what {@code POST /ai/insights} runs on. */
public interface AiInsights {

  /** Whether a provider is configured (an API key is set). */
  boolean configured();

  /** A fresh budget of provider calls for one request, the same as {@link AiAttribution#newRequestBudget()}. */
  AiCallBudget newRequestBudget();

  /**
   * The validated insights about {@code question}'s facts: from the stored answers when the same facts were reported
   * on before with the same configuration, otherwise from one provider call counted against {@code budget} and the
   * tenant's daily budget.
   *
   * @throws io.nexus.server.web.ApiException 503 when no provider is configured or it is overloaded (with
   *     Retry-After), 504 when it timed out, 502 when it failed or answered wrongly (an insight citing no fact or an
   *     unknown one), 429 over a budget
   */
  AiReport report(AiReportQuestion question, AiCallBudget budget);
}
