package io.nexus.server.insight.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code nexus.insights.*}: the Claude model that writes insights (the provider settings are {@code nexus.ai.*}). */
@ConfigurationProperties(prefix = "nexus.insights")
record InsightSettings(String model) {

  static final String DEFAULT_MODEL = "claude-sonnet-4-5-20250929";

  InsightSettings {
    model = model == null || model.isBlank() ? DEFAULT_MODEL : model.strip();
  }
}
