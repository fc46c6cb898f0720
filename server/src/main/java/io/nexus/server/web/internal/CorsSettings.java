package io.nexus.server.web.internal;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The web origins whose pages may call the API from a browser: {@code nexus.cors.allowed-origins}
 * ({@code NEXUS_CORS_ORIGINS}, comma-separated, such as {@code https://app.example.com}). Empty, the default, turns
 * CORS off: browsers then refuse to let any other origin's page read an answer.
 */
@ConfigurationProperties(prefix = "nexus.cors")
record CorsSettings(List<String> allowedOrigins) {
  CorsSettings {
    allowedOrigins = allowedOrigins == null ? List.of()
        : allowedOrigins.stream().map(String::trim).filter(o -> !o.isEmpty()).toList();
    if (allowedOrigins.contains("*")) {
      throw new IllegalArgumentException("nexus.cors.allowed-origins must list origins, not '*'");
    }
  }
}
