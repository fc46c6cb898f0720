package io.nexus.server.cache.internal;

import io.nexus.server.cache.CacheStatistics;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/attribution/cache/health}: the cache backend, its hit rate, keys and memory. */
@RestController
@RequestMapping(produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Health")
class CacheHealthController {
  private final CacheBackend cache;

  CacheHealthController(CacheBackend cache) {
    this.cache = cache;
  }

  @GetMapping("/api/v1/attribution/cache/health")
  @Operation(summary = "Cache backend, hits, misses, hit rate, keys and memory used")
  CacheStatistics health() {
    return cache.statistics();
  }
}
