package io.nexus.server.cache.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.nexus.server.cache.AttributionCache;
import io.nexus.server.cache.CacheStatistics;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.json.JsonMapper;

/**
 * The embedded cache: Caffeine holding entries as JSON bytes, so that what is cached is a copy nobody can change and
 * its size is known; thread-safe.
 */
final class LocalAttributionCache implements AttributionCache {
  private final Cache<String, byte[]> entries;
  private final JsonMapper json;
  private final CacheMeters meters;
  private final long ttlSeconds;
  private final AtomicLong data = new AtomicLong(1);
  private final AtomicLong catalog = new AtomicLong(1);

  LocalAttributionCache(CacheSettings settings, JsonMapper json, CacheMeters meters) {
    this.json = json;
    this.meters = meters;
    this.ttlSeconds = settings.ttlSeconds();
    this.entries = Caffeine.newBuilder()
        .maximumWeight(settings.maximumBytes())
        .weigher((String key, byte[] value) -> key.length() * 2 + value.length + 64)
        .expireAfterWrite(Duration.ofSeconds(settings.ttlSeconds()))
        .build();
  }

  @Override
  public <T> Optional<T> get(Region region, String key, Class<T> type) {
    byte[] bytes = entries.getIfPresent(region.prefix() + ":" + key);
    if (bytes == null) {
      meters.miss(region);
      return Optional.empty();
    }
    meters.hit(region);
    return Optional.of(json.readValue(bytes, type));
  }

  @Override
  public void put(Region region, String key, Object value) {
    entries.put(region.prefix() + ":" + key, json.writeValueAsBytes(value));
  }

  @Override
  public long dataVersion() {
    return data.get();
  }

  @Override
  public long catalogVersion() {
    return catalog.get();
  }

  @Override
  public void dataChanged() {
    data.incrementAndGet();
  }

  @Override
  public void catalogChanged() {
    catalog.incrementAndGet();
    data.incrementAndGet();
  }

  @Override
  public CacheStatistics statistics() {
    long hits = meters.hitCount.get();
    long misses = meters.missCount.get();
    entries.cleanUp();
    long weight = entries.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
    return new CacheStatistics("caffeine", "UP", hits, misses, CacheMeters.rate(hits, misses),
        entries.estimatedSize(), weight, ttlSeconds, null);
  }
}
