package io.nexus.server.cache;

import java.util.Optional;

/**
 * The service's cache of attribution answers, in process (Caffeine) or shared (Redis); thread-safe.
 *
 * <p>Entries are never invalidated one by one: their keys carry versions that the data bumps, so a changed journey
 * or model simply stops matching its old entries (which then expire). Callers read a version <em>before</em> they
 * read the data an answer is computed from, so an answer can only be filed under a version at least as old as its
 * data. When the cache backend is down, reads miss and writes are dropped; the service keeps answering from the
 * database.
 */
public interface AttributionCache {

  /** What a cached entry is, for key prefixes and per-region statistics. */
  enum Region {
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

  /** The cached value under {@code key}, if present and readable. */
  <T> Optional<T> get(Region region, String key, Class<T> type);

  /** Files {@code value} under {@code key} for the configured time to live. */
  void put(Region region, String key, Object value);

  /** The version of all journey data and the catalogue, for answers that depend on many journeys. */
  long dataVersion();

  /** The version of the channel and model catalogue, for answers about one journey. */
  long catalogVersion();

  /** Journey data changed: answers depending on many journeys are stale. */
  void dataChanged();

  /** A channel or model changed: every answer is stale. */
  void catalogChanged();

  /** Hits, misses, keys and memory, as the backend reports them. */
  CacheStatistics statistics();
}
