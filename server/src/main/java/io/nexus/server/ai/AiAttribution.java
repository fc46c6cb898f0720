package io.nexus.server.ai;

/** Weighs journeys' touchpoints with the configured AI provider; what the data-driven model runs on. */
public interface AiAttribution {

  /** Whether a provider is configured (an API key is set). */
  boolean configured();

  /** A fresh budget of provider calls for one request. */
  AiCallBudget newRequestBudget();

  /** How many journeys a bulk calculation may ask the provider about at once. */
  int concurrency();

  /**
   * The validated weights of {@code question}'s touchpoints: from the stored answers when the same question was
   * asked before, otherwise from one provider call counted against {@code budget} and the tenant's daily budget.
   *
   * @throws io.nexus.server.web.ApiException 503 when no provider is configured or it is overloaded (with
   *     Retry-After), 504 when it timed out, 502 when it failed or answered wrongly, 429 over a budget
   */
  AiWeights weigh(AiJourneyQuestion question, AiCallBudget budget);
}
