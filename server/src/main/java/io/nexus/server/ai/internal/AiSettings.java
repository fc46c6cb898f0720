package io.nexus.server.ai.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code nexus.ai.*}: the provider's key and base URL (the SDK's {@code ANTHROPIC_API_KEY} and
 * {@code ANTHROPIC_BASE_URL}), the timeout and retries of each call, the output token cap, how many journeys a bulk
 * calculation asks about at once, and the call budgets per request and per tenant per UTC day.
 */
@ConfigurationProperties(prefix = "nexus.ai")
record AiSettings(String apiKey, String baseUrl, Duration timeout, Integer maxRetries, Integer maxTokens,
    Integer concurrency, Integer maxCallsPerRequest, Integer maxCallsPerDay) {

  AiSettings {
    apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
    baseUrl = baseUrl == null || baseUrl.isBlank() ? null : baseUrl.strip();
    timeout = timeout == null ? Duration.ofSeconds(60) : timeout;
    maxRetries = maxRetries == null ? 2 : maxRetries;
    maxTokens = maxTokens == null ? 2048 : maxTokens;
    concurrency = concurrency == null ? 4 : Math.max(1, concurrency);
    maxCallsPerRequest = maxCallsPerRequest == null ? 500 : maxCallsPerRequest;
    maxCallsPerDay = maxCallsPerDay == null ? 10_000 : maxCallsPerDay;
  }

  /** Never the key: settings may end up in a log. */
  @Override
  public String toString() {
    return "AiSettings[apiKey=" + (apiKey == null ? "unset" : "set") + ", baseUrl=" + baseUrl + ", timeout="
        + timeout + ", maxRetries=" + maxRetries + ", concurrency=" + concurrency + "]";
  }
}
