package io.nexus.server.cache.internal;

import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The cache's settings: {@code nexus.cache.backend} ({@code NEXUS_CACHE}: caffeine or redis),
 * {@code nexus.cache.ttl-seconds} ({@code ATTRIBUTION_CACHE_TTL}) and the in-process size bound.
 */
@ConfigurationProperties(prefix = "nexus.cache")
record CacheSettings(String backend, long ttlSeconds, long maximumBytes) {
  CacheSettings {
    backend = backend == null || backend.isBlank() ? "caffeine" : backend.strip().toLowerCase(Locale.ROOT);
    if (!backend.equals("caffeine") && !backend.equals("redis")) {
      throw new IllegalArgumentException("NEXUS_CACHE must be caffeine or redis, not '" + backend + "'");
    }
    if (ttlSeconds <= 0) {
      throw new IllegalArgumentException("ATTRIBUTION_CACHE_TTL must be a positive number of seconds");
    }
    maximumBytes = maximumBytes <= 0 ? 256L << 20 : maximumBytes;
  }
}
