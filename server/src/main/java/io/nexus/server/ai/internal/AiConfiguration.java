package io.nexus.server.ai.internal;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import java.util.Optional;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Binds {@code nexus.ai.*} and builds the one Anthropic client of the service, when a key is set. */
@Configuration
@EnableConfigurationProperties(AiSettings.class)
class AiConfiguration {

  /** Every question to Claude goes through this client: one connection pool, one set of timeouts and retries. */
  @Bean(destroyMethod = "close")
  @Conditional(KeySet.class)
  AnthropicClient anthropicClient(AiSettings settings) {
    return AnthropicOkHttpClient.builder()
        .apiKey(settings.apiKey())
        .baseUrl(Optional.ofNullable(settings.baseUrl()))
        .timeout(settings.timeout())
        .maxRetries(settings.maxRetries())
        .build();
  }

  /** Whether {@code nexus.ai.api-key} is set (blank counts as unset, as in {@link AiSettings}). */
  static final class KeySet implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      // Bound the way AiSettings is, so that the client exists exactly when the settings hold a key.
      return Binder.get(context.getEnvironment()).bind("nexus.ai.api-key", String.class)
          .map(key -> !key.isBlank()).orElse(false);
    }
  }
}
