package io.nexus.server.cache.internal;

import io.nexus.server.cache.CacheStatistics;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** The cache in actuator's health: up, or "out of service" (answers then come from the database). */
@Component("attributionCacheHealthIndicator")
class CacheHealthIndicator implements HealthIndicator {
  private final CacheBackend cache;

  CacheHealthIndicator(CacheBackend cache) {
    this.cache = cache;
  }

  @Override
  public Health health() {
    CacheStatistics stats = cache.statistics();
    Health.Builder health = "UP".equals(stats.status()) ? Health.up() : Health.outOfService();
    health.withDetail("backend", stats.backend()).withDetail("keys", stats.keys())
        .withDetail("hit_rate", stats.hitRate());
    if (stats.detail() != null) {
      health.withDetail("detail", stats.detail());
    }
    return health.build();
  }
}
