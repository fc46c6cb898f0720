package io.nexus.server.cache.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.nexus.server.cache.AttributionCache.Region;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Hit and miss counts per region, kept for the health endpoint and published to Micrometer; thread-safe. */
public final class CacheMeters {
  private final Map<Region, Counter> hits = new EnumMap<>(Region.class);
  private final Map<Region, Counter> misses = new EnumMap<>(Region.class);
  private final Counter errors;
  private final AtomicLong hitCount = new AtomicLong();
  private final AtomicLong missCount = new AtomicLong();

  CacheMeters(MeterRegistry registry, String backend) {
    for (Region region : Region.values()) {
      hits.put(region, registry.counter("nexus.cache.requests", "result", "hit", "region", region.prefix(),
          "backend", backend));
      misses.put(region, registry.counter("nexus.cache.requests", "result", "miss", "region", region.prefix(),
          "backend", backend));
    }
    errors = registry.counter("nexus.cache.errors", "backend", backend);
  }

  /** Counts a lookup in {@code region} answered from the cache. */
  public void hit(Region region) {
    hits.get(region).increment();
    hitCount.incrementAndGet();
  }

  /** Counts a lookup in {@code region} that was not. */
  public void miss(Region region) {
    misses.get(region).increment();
    missCount.incrementAndGet();
  }

  void error() {
    errors.increment();
  }

  long hits() {
    return hitCount.get();
  }

  long misses() {
    return missCount.get();
  }

  static double rate(long hits, long misses) {
    return hits + misses == 0 ? 0 : (double) hits / (hits + misses);
  }
}
