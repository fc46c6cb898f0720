package io.nexus.server.cache.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.nexus.server.cache.CacheStatistics;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The embedded cache: Caffeine holding entries as JSON bytes, so that what is cached is a copy nobody can change and
 * its size is known; thread-safe.
 */
final class CaffeineBackend implements CacheBackend {
  private final Cache<String, byte[]> entries;
  private final CacheMeters meters;
  private final long ttlSeconds;
  private final AtomicLong data = new AtomicLong(1);
  private final AtomicLong catalog = new AtomicLong(1);

  CaffeineBackend(CacheSettings settings, CacheMeters meters) {
    this.meters = meters;
    this.ttlSeconds = settings.ttlSeconds();
    this.entries = Caffeine.newBuilder()
        .maximumWeight(settings.maximumBytes())
        .weigher((String key, byte[] value) -> key.length() * 2 + value.length + 64)
        .expireAfterWrite(Duration.ofSeconds(settings.ttlSeconds()))
        .build();
  }

  @Override
  public byte[] get(String key) {
    return entries.getIfPresent(key);
  }

  @Override
  public void put(String key, byte[] value) {
    entries.put(key, value);
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
    long hits = meters.hits();
    long misses = meters.misses();
    entries.cleanUp();
    long weight = entries.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
    return new CacheStatistics("caffeine", "UP", hits, misses, CacheMeters.rate(hits, misses),
        entries.estimatedSize(), weight, ttlSeconds, null);
  }
}
