package io.nexus.server.cache.internal;

import io.nexus.server.cache.CacheStatistics;
import io.nexus.server.web.HealthCheck;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The cache's part of the service health: optional, since answers come from the database when it is down. */
@Component
class CacheHealthCheck implements HealthCheck {
  private final CacheBackend cache;

  CacheHealthCheck(CacheBackend cache) {
    this.cache = cache;
  }

  @Override
  public String name() {
    return "cache";
  }

  @Override
  public boolean optional() {
    return true;
  }

  @Override
  public Map<String, Object> check() {
    CacheStatistics stats = cache.statistics();
    Map<String, Object> component = new LinkedHashMap<>();
    component.put("status", stats.status());
    component.put("backend", stats.backend());
    if (stats.detail() != null) {
      component.put("detail", stats.detail());
    }
    return component;
  }
}
