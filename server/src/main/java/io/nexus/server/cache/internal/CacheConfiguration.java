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
  AttributionCache attributionCache(CacheSettings settings, JsonMapper json, MeterRegistry registry,
      ObjectProvider<RedisConnectionFactory> redis) {
    CacheMeters meters = new CacheMeters(registry, settings.backend());
    if (settings.backend().equals("redis")) {
      return new RedisAttributionCache(redis.getObject(), settings, json, meters);
    }
    return new LocalAttributionCache(settings, json, meters);
  }
}
