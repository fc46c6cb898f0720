package io.nexus.server.cache.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.nexus.server.cache.AttributionCache;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import tools.jackson.databind.json.JsonMapper;

/** Chooses the cache backend from {@code NEXUS_CACHE}: Caffeine in process (default) or Redis. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CacheSettings.class)
class CacheConfiguration {

  @Bean
  CacheMeters cacheMeters(CacheSettings settings, MeterRegistry registry) {
    return new CacheMeters(registry, settings.backend());
  }

  @Bean
  CacheBackend cacheBackend(CacheSettings settings, CacheMeters meters, ObjectProvider<RedisConnectionFactory> redis) {
    if (settings.backend().equals("redis")) {
      return new RedisBackend(redis.getObject(), settings, meters);
    }
    return new CaffeineBackend(settings, meters);
  }

  @Bean
  AttributionCache attributionCache(CacheBackend backend, JsonMapper json, CacheMeters meters) {
    return new AttributionCache(backend, json, meters);
  }
}
