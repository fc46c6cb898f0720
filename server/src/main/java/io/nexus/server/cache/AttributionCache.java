package io.nexus.server.cache;

import io.nexus.server.cache.internal.CacheBackend;
import io.nexus.server.cache.internal.CacheMeters;
import io.nexus.server.persistence.TenantContext;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service's cache of attribution answers, in process (Caffeine) or shared (Redis); thread-safe.
 *
 * <p>Entries are never invalidated one by one: their keys carry versions that changes to the data move on, so a
 * changed journey or model simply stops matching its old entries (which then expire). The versions are read
 * <em>before</em> the data an answer is computed from (a {@link VersionedKey} is made before
 * {@link #getOrCompute} computes), so an answer can only be filed under versions at least as old as its data. When the
 * backend is down, nothing is cached and answers come from the database.
 */
public final class AttributionCache {

  /** What a cached entry is, for key prefixes and per-region statistics. */
  public enum Region {
    RESULTS("result"), VISUALIZATIONS("visualization"), REPORTS("report");

    private final String prefix;

    Region(String prefix) {
      this.prefix = prefix;
    }

    /** The key prefix of the region. */
    public String prefix() {
      return prefix;
    }
  }

  private final CacheBackend backend;
  private final JsonMapper json;
  private final CacheMeters meters;

  /** The cache on {@code backend}; made by the cache module's configuration. */
  public AttributionCache(CacheBackend backend, JsonMapper json, CacheMeters meters) {
    this.backend = backend;
    this.json = json;
    this.meters = meters;
  }

  /** The versions to key answers with, each read from the backend when first asked for. */
  public CacheVersions versions() {
    return new CacheVersions(backend::catalogVersion, backend::dataVersion);
  }

  /** The answer filed under {@code key}, or else {@code compute}'s, filed under {@code key} for the next reader. */
  public <T> T getOrCompute(Region region, VersionedKey key, Class<T> type, Supplier<T> compute) {
    return getOrCompute(region, key, type, compute, UnaryOperator.identity());
  }

  /**
   * Like {@link #getOrCompute(Region, VersionedKey, Class, Supplier)}; an answer found in the cache is handed back as
   * {@code whenCached} makes it (marked as coming from the cache, say).
   */
  public <T> T getOrCompute(Region region, VersionedKey key, Class<T> type, Supplier<T> compute,
      UnaryOperator<T> whenCached) {
    if (!key.cacheable()) {
      return compute.get();
    }
    byte[] cached = backend.get(entry(region, key));
    if (cached != null) {
      meters.hit(region);
      return whenCached.apply(json.readValue(cached, type));
    }
    meters.miss(region);
    return computeAndFile(region, key, compute);
  }

  /** {@code compute}'s answer, never a cached one, filed under {@code key} for the next reader. */
  public <T> T recompute(Region region, VersionedKey key, Supplier<T> compute) {
    return key.cacheable() ? computeAndFile(region, key, compute) : compute.get();
  }

  private <T> T computeAndFile(Region region, VersionedKey key, Supplier<T> compute) {
    T value = compute.get();
    backend.put(entry(region, key), json.writeValueAsBytes(value));
    return value;
  }

  private static String entry(Region region, VersionedKey key) {
    // Every entry is the tenant's own: ids of channels and models repeat across tenants.
    return region.prefix() + ":" + TenantContext.current() + ":" + key.value();
  }
}
