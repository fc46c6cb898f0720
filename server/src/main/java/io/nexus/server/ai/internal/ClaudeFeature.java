package io.nexus.server.ai.internal;

import io.nexus.server.ai.AiCallBudget;

/** What every feature asking Claude answers alike: whether a provider is configured, and a request's call budget. */
abstract class ClaudeFeature {
  final ClaudeCalls claude;

  ClaudeFeature(ClaudeCalls claude) {
    this.claude = claude;
  }

  public boolean configured() {
    return claude.configured();
  }

  public AiCallBudget newRequestBudget() {
    return claude.newRequestBudget();
  }
}
