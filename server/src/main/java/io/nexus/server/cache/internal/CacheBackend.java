package io.nexus.server.cache.internal;

import io.nexus.server.cache.CacheStatistics;

/**
 * Where cached entries and their versions live: Caffeine in process or Redis; thread-safe. A backend that is down
 * misses every read, drops every write and answers -1 for versions, so that nothing is cached until it is back.
 */
public interface CacheBackend {

  /** The entry under {@code key}, or {@code null}. */
  byte[] get(String key);

  /** Files {@code value} under {@code key} for the configured time to live. */
  void put(String key, byte[] value);

  /** The version of the channel and model catalogue, or -1 when it cannot be read. */
  long catalogVersion();

  /** The version of all journey data and the catalogue, or -1 when it cannot be read. */
  long dataVersion();

  /** Journey data changed: answers depending on many journeys are stale. */
  void dataChanged();

  /** A channel or model changed: every answer is stale. */
  void catalogChanged();

  /** Hits, misses, keys and memory, as the backend reports them. */
  CacheStatistics statistics();
}
